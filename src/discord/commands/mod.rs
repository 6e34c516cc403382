//! Slash commands: thin adapters that build a [`Request`], call the core and render.

mod learn;

use crate::app::{Caller, Request};
use crate::discord::{render, Context, Data};
use crate::error::AppError;

pub fn all() -> Vec<poise::Command<Data, AppError>> {
    vec![learn::learn()]
}

pub(crate) fn caller(ctx: &Context<'_>) -> Caller {
    Caller {
        user_id: ctx.author().id.get(),
        channel_id: ctx.channel_id().get(),
        guild_id: ctx.guild_id().map(|id| id.get()),
    }
}

/// Runs `request` for the invoking user and sends the reply; failures go to `on_error`.
pub(crate) async fn respond(ctx: Context<'_>, request: Request) -> Result<(), AppError> {
    let reply = ctx.data().app.handle(&caller(&ctx), request).await?;
    ctx.send(render::poise_reply(reply)).await?;
    Ok(())
}
