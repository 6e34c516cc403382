//! Slash commands: thin adapters that build a [`Request`], call the core and render.

mod ask;
mod bounds;
mod challenge;
mod choices;
mod config;
mod contexts;
mod data;
mod learn;
mod one_rep_max;
mod ping;
mod rest;
mod screening;
mod session;
mod settings;

use poise::serenity_prelude as serenity;

use crate::app::{Caller, Reply, Request};
use crate::discord::{ids, permissions, render, Context, Data};
use crate::error::AppError;

pub fn all() -> Vec<poise::Command<Data, AppError>> {
    let mut commands = vec![
        learn::learn(),
        one_rep_max::one_rep_max(),
        settings::settings(),
        session::session(),
        screening::screening(),
        rest::rest(),
        ask::ask(),
        config::config(),
        challenge::challenge(),
        data::data(),
    ];
    bounds::apply(&mut commands);
    contexts::apply(&mut commands);
    commands
}

/// The commands this process registers: all of them, plus the hidden `/ping` when the
/// operator asked for the benchmark's floor command.
pub fn for_config(config: &crate::config::Config) -> Vec<poise::Command<Data, AppError>> {
    let mut commands = all();
    if config.bench_floor_command {
        commands.push(ping::ping());
    }
    commands
}

pub(crate) fn caller(ctx: &Context<'_>) -> Result<Caller, AppError> {
    let (permissions, bot_cannot_post) = match ctx {
        poise::Context::Application(app) => {
            let interaction = app.interaction;
            let member = interaction.member.as_ref();
            let bot_cannot_post = if contexts::bot_is_present(interaction) {
                permissions::missing_to_post(
                    interaction.guild_id.is_some(),
                    interaction.app_permissions,
                    interaction.channel.as_ref(),
                )
            } else {
                Some(crate::app::rest::NOT_A_MEMBER)
            };
            (
                member.and_then(|member| member.permissions),
                bot_cannot_post,
            )
        }
        poise::Context::Prefix(_) => (None, None),
    };
    Ok(Caller {
        user_id: ids::user(ctx.author().id)?,
        channel_id: ids::channel(ctx.channel_id())?,
        guild_id: ids::guild(ctx.guild_id())?,
        can_manage_messages: can_manage_messages(permissions, ctx.guild_id().is_none()),
        can_mention_everyone: can_mention_everyone(permissions),
        bot_cannot_post,
    })
}

pub(crate) fn can_mention_everyone(permissions: Option<serenity::Permissions>) -> bool {
    permissions.is_some_and(|p| p.mention_everyone() || p.administrator())
}

/// In a DM there is nobody else to ping; in a server, Manage Messages decides.
pub(crate) fn can_manage_messages(
    permissions: Option<serenity::Permissions>,
    is_direct_message: bool,
) -> bool {
    is_direct_message || permissions.is_some_and(|p| p.manage_messages() || p.administrator())
}

/// Runs `request` for the invoking user and sends the reply; failures go to `on_error`.
/// Discord drops an interaction unanswered after 3 s, so a slow answer (a busy database)
/// is deferred first and sent when ready.
pub(crate) async fn respond(ctx: Context<'_>, request: Request) -> Result<(), AppError> {
    let started = std::time::Instant::now();
    let outcome = answer(ctx, request).await;
    let label = match &outcome {
        Ok(()) => "ok",
        Err(AppError::User(_)) => "user_error",
        Err(AppError::Unavailable(_)) => "unavailable",
        Err(AppError::Internal(_)) => "internal",
    };
    crate::ops::names::command(&ctx.command().qualified_name, label, started.elapsed());
    outcome
}

async fn answer(ctx: Context<'_>, request: Request) -> Result<(), AppError> {
    let caller = caller(&ctx)?;
    let work = ctx.data().app.handle(&caller, request);
    tokio::pin!(work);
    let reply = tokio::select! {
        reply = &mut work => reply?,
        () = tokio::time::sleep(DEFER_AFTER) => {
            // A deferral fixes who sees the message it holds, and whether an answer is
            // private is known only once it is ready (a public `/session` can turn into the
            // private doctor redirect): so the deferral is always private.
            ctx.defer_ephemeral().await?;
            let reply = work.await?;
            return finish_deferred(ctx, reply).await;
        }
    };
    ctx.send(render::poise_reply(reply)).await?;
    Ok(())
}

/// What a deferred private message says once its public answer is posted separately.
const POSTED_NOTE: &str = "Posted in the channel.";

/// Sends `reply` after a private deferral. A private answer replaces the deferral. A public
/// one cannot: the first follow-up after a deferral only fills the deferred (private) message.
/// So the deferral is first settled with a short private note, and the answer then goes out
/// as a follow-up of its own, public.
async fn finish_deferred(ctx: Context<'_>, reply: Reply) -> Result<(), AppError> {
    let poise::Context::Application(app_ctx) = ctx else {
        ctx.send(render::poise_reply(reply)).await?;
        return Ok(());
    };
    let http = &ctx.serenity_context().http;
    let interaction = app_ctx.interaction;
    if reply.ephemeral {
        let edit = render::interaction_edit(reply, serenity::EditInteractionResponse::new());
        interaction.edit_response(http, edit).await?;
        return Ok(());
    }
    let note = serenity::EditInteractionResponse::new()
        .content(POSTED_NOTE)
        .allowed_mentions(render::no_pings());
    interaction.edit_response(http, note).await?;
    interaction
        .create_followup(http, render::followup(reply))
        .await?;
    Ok(())
}

/// How long an answer may take before the interaction is deferred.
pub(crate) const DEFER_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

/// Autocomplete for every `exercise` option: the user's lifts first, then the built-in list.
pub(crate) async fn autocomplete_exercise(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let names = match ids::user(ctx.author().id) {
        Ok(user_id) => ctx.data().app.exercise_suggestions(user_id, partial).await,
        Err(error) => Err(error),
    };
    autocomplete_response(names, "exercise")
}

/// Suggested names as Discord's choices; a failure is logged and offers none.
pub(crate) fn autocomplete_response(
    names: Result<Vec<String>, AppError>,
    what: &str,
) -> serenity::CreateAutocompleteResponse {
    let names = match names {
        Ok(names) => names,
        Err(error) => {
            tracing::warn!(%error, what, "autocomplete failed");
            Vec::new()
        }
    };
    let choices = names
        .into_iter()
        .map(|name| serenity::AutocompleteChoice::new(name.clone(), name))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}
