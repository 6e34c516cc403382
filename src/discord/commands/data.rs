use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::error::AppError;

/// Your data: a copy of everything stored about you, or delete it all
#[poise::command(
    slash_command,
    subcommands("data_export", "data_delete"),
    subcommand_required
)]
pub async fn data(_ctx: Context<'_>) -> Result<(), AppError> {
    Ok(())
}

/// A JSON file of everything stored about you (only you see it)
#[poise::command(slash_command, rename = "export")]
pub async fn data_export(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::DataExport).await
}

/// Delete everything stored about you (asks to confirm first)
#[poise::command(slash_command, rename = "delete")]
pub async fn data_delete(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::DataDelete).await
}
