//! Turns the transport-neutral [`Reply`] into Discord builders.
//!
//! Every message the bot sends goes through here, so this is the one place that sets
//! `allowed_mentions`: only the users and roles the reply names may be pinged, never
//! @everyone or @here, whatever text a user managed to get into the message.

use std::num::NonZeroU64;

use poise::serenity_prelude as serenity;

use crate::app::reply::{Attachment, ButtonStyle, Component, Embed, Reply};

pub fn allowed_mentions(ping_users: &[u64], ping_roles: &[u64]) -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .everyone(false)
        .all_roles(false)
        .all_users(false)
        .users(snowflakes(ping_users).map(serenity::UserId::from))
        .roles(snowflakes(ping_roles).map(serenity::RoleId::from))
        .replied_user(false)
}

/// The IDs that can be Discord snowflakes (1..=i64::MAX). IDs come from the database and from
/// user text; serenity's `UserId::new(0)` panics, and a panic here once stopped a background
/// task, so an impossible ID is dropped: it could not name anybody anyway.
fn snowflakes(ids: &[u64]) -> impl Iterator<Item = NonZeroU64> + '_ {
    ids.iter().filter_map(|&id| snowflake(id))
}

fn snowflake(id: u64) -> Option<NonZeroU64> {
    crate::domain::snowflake::checked(id).and_then(NonZeroU64::new)
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

pub(crate) fn embed_builder(embed: Embed) -> serenity::CreateEmbed {
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

pub(crate) fn action_rows(rows: &[Vec<Component>]) -> Vec<serenity::CreateActionRow> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(mentions: serenity::CreateAllowedMentions) -> serde_json::Value {
        serde_json::to_value(mentions).unwrap()
    }

    #[test]
    fn only_possible_snowflakes_are_kept() {
        assert_eq!(snowflake(0), None);
        assert_eq!(snowflake(1), NonZeroU64::new(1));
        assert_eq!(snowflake(i64::MAX as u64), NonZeroU64::new(i64::MAX as u64));
        assert_eq!(snowflake(i64::MAX as u64 + 1), None);
        assert_eq!(snowflake(u64::MAX), None);
    }

    #[test]
    fn impossible_ids_are_skipped_without_a_panic() {
        let users = [0, 1_400_000_000_000_000_001, u64::MAX, 0];
        let roles = [i64::MAX as u64 + 1, 1_700_000_000_000_000_042, 0];
        let mentions = sent(allowed_mentions(&users, &roles));
        assert_eq!(
            mentions["users"],
            serde_json::json!(["1400000000000000001"])
        );
        assert_eq!(
            mentions["roles"],
            serde_json::json!(["1700000000000000042"])
        );
        assert_eq!(mentions["parse"], serde_json::json!([]));
    }

    #[test]
    fn a_reply_naming_only_impossible_ids_pings_nobody() {
        let mut reply = Reply::text("rest over");
        reply.ping_users = vec![0];
        reply.ping_roles = vec![u64::MAX];
        let message = serde_json::to_value(channel_message(reply)).unwrap();
        let mentions = &message["allowed_mentions"];
        assert_eq!(mentions["users"], serde_json::json!([]));
        assert_eq!(mentions["roles"], serde_json::json!([]));
        assert_eq!(mentions["parse"], serde_json::json!([]));
    }
}
