//! Gateway events other than slash commands: component interactions (buttons, menus).

use poise::serenity_prelude as serenity;

use crate::app::{Caller, ComponentReply};
use crate::discord::{render, Data};
use crate::error::AppError;

pub async fn handle(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    event: &serenity::FullEvent,
) -> Result<(), AppError> {
    if let serenity::FullEvent::InteractionCreate {
        interaction: serenity::Interaction::Component(component),
    } = event
    {
        on_component(framework, component).await?;
    }
    Ok(())
}

async fn on_component(
    framework: poise::FrameworkContext<'_, Data, AppError>,
    component: &serenity::ComponentInteraction,
) -> Result<(), AppError> {
    let http = &framework.serenity_context.http;
    let caller = Caller {
        user_id: component.user.id.get(),
        channel_id: component.channel_id.get(),
        guild_id: component.guild_id.map(|id| id.get()),
    };
    let values: Vec<String> = match &component.data.kind {
        serenity::ComponentInteractionDataKind::StringSelect { values } => values.clone(),
        _ => Vec::new(),
    };

    let outcome = framework
        .user_data
        .app
        .handle_component(&caller, &component.data.custom_id, &values)
        .await;
    let response = match outcome {
        Ok(ComponentReply::Update(reply)) => {
            serenity::CreateInteractionResponse::UpdateMessage(render::interaction_message(reply))
        }
        Ok(ComponentReply::Send(reply)) => {
            serenity::CreateInteractionResponse::Message(render::interaction_message(reply))
        }
        Err(error) => {
            if let AppError::Internal(_) = &error {
                tracing::error!(custom_id = %component.data.custom_id, %error, "component failed");
            }
            serenity::CreateInteractionResponse::Message(
                serenity::CreateInteractionResponseMessage::new()
                    .content(error.user_facing_text())
                    .ephemeral(true)
                    .allowed_mentions(render::allowed_mentions(&[])),
            )
        }
    };
    component.create_response(http, response).await?;
    Ok(())
}
