use crate::app::request::SettingsChange;
use crate::app::Request;
use crate::discord::commands::choices::UnitChoice;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::error::AppError;

/// Show or change your units, smallest load step and time zone
#[poise::command(slash_command)]
pub async fn settings(
    ctx: Context<'_>,
    #[description = "kg or lb (default kg)"] units: Option<UnitChoice>,
    #[description = "Smallest load change you can make, e.g. 2.5 (kg) or 5 (lb)"] increment: Option<
        f64,
    >,
    #[description = "Your time zone, e.g. Europe/London"] timezone: Option<String>,
) -> Result<(), AppError> {
    let request = Request::Settings(SettingsChange {
        units: units.map(Into::into),
        increment,
        timezone,
    });
    respond(ctx, request).await
}
