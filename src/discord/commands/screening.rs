use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::error::AppError;

/// The safety checklist before BFR, one question at a time (only the result is stored)
#[poise::command(slash_command)]
pub async fn screening(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::Screening).await
}
