use crate::app::request::SessionRequest;
use crate::app::Request;
use crate::discord::commands::choices::ProtocolChoice;
use crate::discord::commands::{autocomplete_exercise, respond};
use crate::discord::Context;
use crate::error::AppError;

/// A BFR workout built from your stored 1RM: load, sets, rests, wrap, limits
#[poise::command(slash_command)]
pub async fn session(
    ctx: Context<'_>,
    #[description = "Exercise, e.g. leg press"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
    #[description = "standard (default) or the original article's"] protocol: Option<
        ProtocolChoice,
    >,
    #[description = "Load in % of 1RM (standard 20-40, article 25-50; default 30)"] percent: Option<
        f64,
    >,
    #[description = "Show the card to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::Session(SessionRequest {
        exercise,
        protocol: protocol.map(Into::into),
        percent,
        public: public.unwrap_or(false),
    });
    respond(ctx, request).await
}
