//! Turns the transport-neutral [`Reply`] into Discord builders.
//!
//! Every message the bot sends goes through here, so this is the one place that sets
//! `allowed_mentions`: only the users and roles the reply names may be pinged, never
//! @everyone or @here, whatever text a user managed to get into the message.

use poise::serenity_prelude as serenity;

use crate::app::reply::{Attachment, ButtonStyle, Component, Embed, Reply};

pub fn allowed_mentions(ping_users: &[u64], ping_roles: &[u64]) -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .everyone(false)
        .all_roles(false)
        .all_users(false)
        .users(ping_users.iter().map(|&id| serenity::UserId::new(id)))
        .roles(ping_roles.iter().map(|&id| serenity::RoleId::new(id)))
        .replied_user(false)
}

/// For messages that mention nobody, or whose mentions must not notify (edits, errors).
pub fn no_pings() -> serenity::CreateAllowedMentions {
    allowed_mentions(&[], &[])
}

pub fn poise_reply(reply: Reply) -> poise::CreateReply {
    let mut builder = poise::CreateReply::default()
        .ephemeral(reply.ephemeral)
        .allowed_mentions(allowed_mentions(&reply.ping_users, &reply.ping_roles))
        .components(action_rows(&reply.rows));
    if let Some(content) = reply.content {
        builder = builder.content(content);
    }
    for embed in reply.embeds {
        builder = builder.embed(embed_builder(embed));
    }
    for attachment in reply.attachments {
        builder = builder.attachment(attachment_builder(attachment));
    }
    builder
}

pub fn interaction_message(reply: Reply) -> serenity::CreateInteractionResponseMessage {
    let mut builder = serenity::CreateInteractionResponseMessage::new()
        .ephemeral(reply.ephemeral)
        .allowed_mentions(allowed_mentions(&reply.ping_users, &reply.ping_roles))
        .components(action_rows(&reply.rows))
        .embeds(reply.embeds.into_iter().map(embed_builder).collect())
        .files(reply.attachments.into_iter().map(attachment_builder));
    if let Some(content) = reply.content {
        builder = builder.content(content);
    }
    builder
}

/// An edit of an interaction's message (after a deferred component press).
pub fn interaction_edit(
    reply: Reply,
    mut builder: serenity::EditInteractionResponse,
) -> serenity::EditInteractionResponse {
    builder = builder
        .allowed_mentions(allowed_mentions(&reply.ping_users, &reply.ping_roles))
        .components(action_rows(&reply.rows))
        .embeds(reply.embeds.into_iter().map(embed_builder).collect());
    if let Some(content) = reply.content {
        builder = builder.content(content);
    }
    for attachment in reply.attachments {
        builder = builder.new_attachment(attachment_builder(attachment));
    }
    builder
}

/// A follow-up message to an interaction.
pub fn followup(reply: Reply) -> serenity::CreateInteractionResponseFollowup {
    let mut builder = serenity::CreateInteractionResponseFollowup::new()
        .ephemeral(reply.ephemeral)
        .allowed_mentions(allowed_mentions(&reply.ping_users, &reply.ping_roles))
        .components(action_rows(&reply.rows))
        .embeds(reply.embeds.into_iter().map(embed_builder).collect())
        .files(reply.attachments.into_iter().map(attachment_builder));
    if let Some(content) = reply.content {
        builder = builder.content(content);
    }
    builder
}

/// A plain channel message (countdowns, pings, answers to mentions).
pub fn channel_message(reply: Reply) -> serenity::CreateMessage {
    let mut builder = serenity::CreateMessage::new()
        .allowed_mentions(allowed_mentions(&reply.ping_users, &reply.ping_roles))
        .components(action_rows(&reply.rows))
        .embeds(reply.embeds.into_iter().map(embed_builder).collect())
        .files(reply.attachments.into_iter().map(attachment_builder));
    if let Some(content) = reply.content {
        builder = builder.content(content);
    }
    builder
}

fn embed_builder(embed: Embed) -> serenity::CreateEmbed {
    let mut builder = serenity::CreateEmbed::new()
        .title(embed.title)
        .description(embed.description)
        .colour(embed.colour.rgb())
        .fields(
            embed
                .fields
                .into_iter()
                .map(|field| (field.name, field.value, field.inline)),
        );
    if let Some(image) = embed.image {
        builder = builder.attachment(image);
    }
    if let Some(footer) = embed.footer {
        builder = builder.footer(serenity::CreateEmbedFooter::new(footer));
    }
    builder
}

fn attachment_builder(attachment: Attachment) -> serenity::CreateAttachment {
    serenity::CreateAttachment::bytes(attachment.bytes, attachment.filename)
}

fn action_rows(rows: &[Vec<Component>]) -> Vec<serenity::CreateActionRow> {
    rows.iter().filter_map(|row| action_row(row)).collect()
}

/// Discord wants a select menu alone in its row, and buttons grouped; a mixed row is split.
fn action_row(row: &[Component]) -> Option<serenity::CreateActionRow> {
    if let Some(Component::Select(select)) = row.first() {
        let options = select
            .options
            .iter()
            .map(|option| {
                let mut builder =
                    serenity::CreateSelectMenuOption::new(&option.label, &option.value)
                        .default_selection(option.selected);
                if let Some(description) = &option.description {
                    builder = builder.description(description);
                }
                builder
            })
            .collect();
        let menu = serenity::CreateSelectMenu::new(
            &select.custom_id,
            serenity::CreateSelectMenuKind::String { options },
        )
        .placeholder(&select.placeholder);
        return Some(serenity::CreateActionRow::SelectMenu(menu));
    }
    let buttons: Vec<_> = row
        .iter()
        .filter_map(|component| match component {
            Component::Button(button) => Some(
                serenity::CreateButton::new(&button.custom_id)
                    .label(&button.label)
                    .style(match button.style {
                        ButtonStyle::Primary => serenity::ButtonStyle::Primary,
                        ButtonStyle::Secondary => serenity::ButtonStyle::Secondary,
                        ButtonStyle::Success => serenity::ButtonStyle::Success,
                        ButtonStyle::Danger => serenity::ButtonStyle::Danger,
                    })
                    .disabled(button.disabled),
            ),
            Component::Select(_) => None,
        })
        .collect();
    (!buttons.is_empty()).then_some(serenity::CreateActionRow::Buttons(buttons))
}
