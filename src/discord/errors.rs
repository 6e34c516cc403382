//! The one place framework errors end: user errors are shown to the user (ephemerally),
//! internal errors are logged and answered with a short apology. Nothing here may panic, and
//! a failure to reply is only logged.

use poise::serenity_prelude as serenity;
use poise::FrameworkError;

use crate::discord::{render, Context, Data};
use crate::error::{AppError, APOLOGY};

pub async fn on_error(error: FrameworkError<'_, Data, AppError>) {
    match error {
        FrameworkError::Command { error, ctx, .. } => {
            let what = format!("command /{}", ctx.command().qualified_name);
            tell(ctx, error.report(&what)).await;
        }
        FrameworkError::ArgumentParse {
            error, input, ctx, ..
        } => {
            tracing::debug!(%error, ?input, "could not parse arguments");
            let text = format!(
                "I couldn't read the options of `/{}`. Please pick values from the lists Discord \
                 offers and try again.",
                ctx.command().qualified_name
            );
            tell(ctx, &text).await;
        }
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            // Discord sent options this version does not know: an outdated command list.
            tracing::warn!(command = %ctx.command().qualified_name, description, "command structure mismatch");
            tell(
                poise::Context::Application(ctx),
                "Discord sent options I don't recognise, probably from an outdated command list. \
                 Please try again in a minute.",
            )
            .await;
        }
        FrameworkError::MissingUserPermissions {
            missing_permissions,
            ctx,
            ..
        } => {
            let text = match missing_permissions {
                Some(missing) => format!("This needs the {missing} permission in this server."),
                None => "I couldn't check your permissions here; please try again.".to_owned(),
            };
            tell(ctx, &text).await;
        }
        FrameworkError::GuildOnly { ctx, .. } => {
            tell(ctx, "This command only works in a server.").await;
        }
        FrameworkError::CommandPanic { ctx, payload, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, ?payload, "command panicked");
            tell(ctx, APOLOGY).await;
        }
        FrameworkError::UnknownInteraction {
            framework,
            interaction,
            ..
        } => {
            tracing::warn!(command = %interaction.data.name, "unknown command interaction");
            let response = serenity::CreateInteractionResponse::Message(
                serenity::CreateInteractionResponseMessage::new()
                    .content(
                        "I don't know that command any more: Discord may still be showing an \
                         old list. Try again in a minute, or type `/learn`.",
                    )
                    .ephemeral(true)
                    .allowed_mentions(render::no_pings()),
            );
            if let Err(error) = interaction
                .create_response(&framework.serenity_context.http, response)
                .await
            {
                tracing::warn!(%error, "could not answer an unknown interaction");
            }
        }
        FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(%error, event = event.snake_case_name(), "event handler failed");
        }
        FrameworkError::Setup { error, .. } => {
            tracing::error!(%error, "start-up failed: commands are not registered");
        }
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                tracing::warn!(%error, "could not report a framework error");
            }
        }
    }
}

async fn tell(ctx: Context<'_>, text: &str) {
    let reply = poise::CreateReply::default()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(render::no_pings());
    if let Err(error) = ctx.send(reply).await {
        tracing::warn!(%error, "could not send an error reply");
    }
}

/// serenity's failures are internal: the user only ever sees the apology.
impl From<serenity::Error> for AppError {
    fn from(error: serenity::Error) -> Self {
        Self::internal(error)
    }
}
