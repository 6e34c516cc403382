//! Gateway events other than slash commands: component interactions (buttons, menus),
//! messages, and the bot leaving a server.

use poise::serenity_prelude as serenity;

use crate::app::components::loggable_custom_id;
use crate::app::{Caller, ComponentReply};
use crate::discord::{commands, ids, permissions, render, Data};
use crate::domain::ids::UserId;
use crate::error::AppError;

pub async fn handle(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    event: &serenity::FullEvent,
) -> Result<(), AppError> {
    match event {
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(component),
        } => on_component(framework, component).await,
        serenity::FullEvent::Message { new_message } => on_message(framework, new_message).await,
        serenity::FullEvent::GuildDelete { incomplete, .. } => {
            on_guild_delete(framework, incomplete).await
        }
        _ => Ok(()),
    }
}

/// `unavailable` means a Discord outage: the server comes back as it was, so nothing changes.
/// Otherwise the bot was removed (or the server deleted): its rests are canceled without a
/// word, since the bot can no longer post there, and its settings are deleted, so a later
/// invitation starts clean.
async fn on_guild_delete(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    guild: &serenity::UnavailableGuild,
) -> Result<(), AppError> {
    if guild.unavailable {
        tracing::info!(guild_id = %guild.id, "server unavailable (Discord outage); keeping its rests");
        return Ok(());
    }
    let app = &framework.user_data.app;
    let Some(guild_id) = ids::guild(Some(guild.id))? else {
        return Ok(());
    };
    let forgotten = app.store().forget_guild(guild_id).await?;
    // A ping already claimed and queued here would otherwise still be tried.
    app.rest().forget_canceled(&forgotten.canceled_rests);
    tracing::info!(
        guild_id = %guild.id,
        rests_canceled = forgotten.canceled_rests.len(),
        settings_deleted = forgotten.settings_deleted,
        "left a server; forgot its rests and settings"
    );
    Ok(())
}

/// Messages that mention the bot, or sit in a server's ask-channel, are triaged.
async fn on_message(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    message: &serenity::Message,
) -> Result<(), AppError> {
    if message.author.bot || message.webhook_id.is_some() {
        return Ok(());
    }
    let bot_id = framework.bot_id();
    // `mentions` also lists the author of a replied-to message, so look at the text itself.
    let mentions_bot = message.content.contains(&format!("<@{bot_id}>"))
        || message.content.contains(&format!("<@!{bot_id}>"));
    let text = message
        .content
        .replace(&format!("<@{bot_id}>"), " ")
        .replace(&format!("<@!{bot_id}>"), " ");
    let caller = Caller {
        user_id: ids::user(message.author.id)?,
        channel_id: ids::channel(message.channel_id)?,
        guild_id: ids::guild(message.guild_id)?,
        can_manage_messages: false,
        can_mention_everyone: false,
        bot_cannot_post: None,
    };
    let app = &framework.user_data.app;
    let Some(reply) = app.handle_message(&caller, &text, mentions_bot).await? else {
        return Ok(());
    };
    let builder = render::channel_message(reply).reference_message(message);
    message
        .channel_id
        .send_message(&framework.serenity_context.http, builder)
        .await?;
    Ok(())
}

async fn on_component(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    component: &serenity::ComponentInteraction,
) -> Result<(), AppError> {
    let http = &framework.serenity_context.http;
    let permissions = component
        .member
        .as_ref()
        .and_then(|member| member.permissions);
    let caller = Caller {
        user_id: ids::user(component.user.id)?,
        channel_id: ids::channel(component.channel_id)?,
        guild_id: ids::guild(component.guild_id)?,
        can_manage_messages: commands::can_manage_messages(
            permissions,
            component.guild_id.is_none(),
        ),
        can_mention_everyone: commands::can_mention_everyone(permissions),
        bot_cannot_post: permissions::missing_to_post(
            component.guild_id.is_some(),
            component.app_permissions,
            component.channel.as_ref(),
        ),
    };
    let values: Vec<String> = match &component.data.kind {
        serenity::ComponentInteractionDataKind::StringSelect { values } => values.clone(),
        _ => Vec::new(),
    };

    let owner = message_invoker(&component.message);
    // The name others know the presser by here, as `/challenge join` records it.
    let presser_name = component
        .member
        .as_ref()
        .and_then(|member| member.nick.clone())
        .or_else(|| component.user.global_name.clone())
        .unwrap_or_else(|| component.user.name.clone());
    let work = framework.user_data.app.handle_component(
        &caller,
        &component.data.custom_id,
        &values,
        owner,
        Some(&presser_name),
    );
    tokio::pin!(work);
    let outcome = tokio::select! {
        outcome = &mut work => outcome,
        () = tokio::time::sleep(commands::DEFER_AFTER) => {
            component
                .create_response(http, serenity::CreateInteractionResponse::Acknowledge)
                .await?;
            return finish_deferred(http, component, work.await).await;
        }
    };
    let response = match outcome {
        Ok(ComponentReply::Update(reply)) => {
            serenity::CreateInteractionResponse::UpdateMessage(render::interaction_message(reply))
        }
        Ok(ComponentReply::Send(reply)) => {
            serenity::CreateInteractionResponse::Message(render::interaction_message(reply))
        }
        Err(error) => {
            let what = format!(
                "component {}",
                loggable_custom_id(&component.data.custom_id)
            );
            serenity::CreateInteractionResponse::Message(
                serenity::CreateInteractionResponseMessage::new()
                    .content(error.report(&what))
                    .ephemeral(true)
                    .allowed_mentions(render::no_pings()),
            )
        }
    };
    component.create_response(http, response).await?;
    Ok(())
}

/// Completes a component press that was acknowledged first because it was slow. That
/// acknowledgement (a deferred update) shows nothing to anyone, so unlike a deferred command
/// it commits to no visibility: an update edits the pressed message as the fast path would,
/// and a new message keeps its own visibility as a follow-up.
async fn finish_deferred(
    http: &serenity::Http,
    component: &serenity::ComponentInteraction,
    outcome: Result<ComponentReply, AppError>,
) -> Result<(), AppError> {
    match outcome {
        Ok(ComponentReply::Update(reply)) => {
            let edit = render::interaction_edit(reply, serenity::EditInteractionResponse::new());
            component.edit_response(http, edit).await?;
        }
        Ok(ComponentReply::Send(reply)) => {
            component
                .create_followup(http, render::followup(reply))
                .await?;
        }
        Err(error) => {
            let what = format!(
                "component {}",
                loggable_custom_id(&component.data.custom_id)
            );
            let reply = crate::app::Reply::text(error.report(&what)).ephemeral();
            component
                .create_followup(http, render::followup(reply))
                .await?;
        }
    }
    Ok(())
}

/// Who ran the command that produced `message`, when Discord says so.
fn message_invoker(message: &serenity::Message) -> Option<UserId> {
    match message.interaction_metadata.as_deref()? {
        serenity::MessageInteractionMetadata::Command(metadata) => {
            ids::known_user(metadata.user.id)
        }
        serenity::MessageInteractionMetadata::Component(metadata) => {
            ids::known_user(metadata.user.id)
        }
        _ => None,
    }
}
