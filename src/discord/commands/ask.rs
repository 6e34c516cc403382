use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::error::AppError;

/// Ask a question about blood-flow-restriction training
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question"]
    #[max_length = 1000]
    question: String,
    #[description = "Show the answer to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::Ask {
        question,
        public: public.unwrap_or(false),
    };
    respond(ctx, request).await
}
