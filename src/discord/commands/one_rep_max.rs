use crate::app::request::EstimateInput;
use crate::app::Request;
use crate::discord::commands::choices::UnitChoice;
use crate::discord::commands::{autocomplete_exercise, respond};
use crate::discord::Context;
use crate::error::AppError;

/// Your one-rep maxes: set, estimate, list, chart, delete
#[poise::command(
    slash_command,
    rename = "1rm",
    subcommands(
        "one_rep_max_set",
        "one_rep_max_estimate",
        "one_rep_max_list",
        "one_rep_max_history",
        "one_rep_max_delete"
    ),
    subcommand_required
)]
pub async fn one_rep_max(_ctx: Context<'_>) -> Result<(), AppError> {
    Ok(())
}

/// Store a one-rep max
#[poise::command(slash_command, rename = "set")]
pub async fn one_rep_max_set(
    ctx: Context<'_>,
    #[description = "Exercise, e.g. back squat"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
    #[description = "Your one-rep max"] weight: f64,
    #[description = "Unit of the weight (default: your setting)"] unit: Option<UnitChoice>,
    #[description = "Show the reply to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::OneRepMaxSet {
        exercise,
        weight,
        unit: unit.map(Into::into),
        public: public.unwrap_or(false),
    };
    respond(ctx, request).await
}

/// Estimate a one-rep max from a set of 1-12 reps (Epley; Brzycki beside it)
#[poise::command(slash_command, rename = "estimate")]
pub async fn one_rep_max_estimate(
    ctx: Context<'_>,
    #[description = "Exercise, e.g. leg press"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
    #[description = "Weight you lifted"] weight: f64,
    #[description = "Reps you did with it, to failure or close (1-12)"] reps: i64,
    #[description = "Unit of the weight (default: your setting)"] unit: Option<UnitChoice>,
    #[description = "Keep the estimate as your 1RM"] save: Option<bool>,
    #[description = "Show the reply to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::OneRepMaxEstimate(EstimateInput {
        exercise,
        weight,
        reps,
        unit: unit.map(Into::into),
        save: save.unwrap_or(false),
        public: public.unwrap_or(false),
    });
    respond(ctx, request).await
}

/// List your stored one-rep maxes
#[poise::command(slash_command, rename = "list")]
pub async fn one_rep_max_list(
    ctx: Context<'_>,
    #[description = "Show the reply to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::OneRepMaxList {
        public: public.unwrap_or(false),
    };
    respond(ctx, request).await
}

/// How a one-rep max changed over time, as a chart
#[poise::command(slash_command, rename = "history")]
pub async fn one_rep_max_history(
    ctx: Context<'_>,
    #[description = "Exercise"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
    #[description = "Show the reply to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let request = Request::OneRepMaxHistory {
        exercise,
        public: public.unwrap_or(false),
    };
    respond(ctx, request).await
}

/// Delete a one-rep max and its history
#[poise::command(slash_command, rename = "delete")]
pub async fn one_rep_max_delete(
    ctx: Context<'_>,
    #[description = "Exercise"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
) -> Result<(), AppError> {
    respond(ctx, Request::OneRepMaxDelete { exercise }).await
}
