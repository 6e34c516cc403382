//! serenity's IDs into the core's typed IDs and back. serenity never yields 0, but an ID past
//! `i64::MAX` could only come from a malformed payload: it is refused here, where it enters.
//! The way back cannot fail: a typed ID is never 0, the one value serenity's constructors
//! panic on.

use poise::serenity_prelude as serenity;

use crate::domain::ids::{ChannelId, GuildId, MessageId, RoleId, UserId};
use crate::error::{AppError, UserError};

fn unusable() -> AppError {
    UserError::new("This interaction carries an ID I can't use. Please try again.").into()
}

pub fn user(id: serenity::UserId) -> Result<UserId, AppError> {
    UserId::new(id.get()).ok_or_else(unusable)
}

pub fn channel(id: serenity::ChannelId) -> Result<ChannelId, AppError> {
    ChannelId::new(id.get()).ok_or_else(unusable)
}

pub fn guild(id: Option<serenity::GuildId>) -> Result<Option<GuildId>, AppError> {
    id.map(|id| GuildId::new(id.get()).ok_or_else(unusable))
        .transpose()
}

/// A role, or `None` for one past `i64::MAX` (such a role is simply left out).
pub fn role(id: serenity::RoleId) -> Option<RoleId> {
    RoleId::new(id.get())
}

/// A user, or `None` for one past `i64::MAX` (such a user is treated as unknown).
pub fn known_user(id: serenity::UserId) -> Option<UserId> {
    UserId::new(id.get())
}

pub fn message(id: serenity::MessageId) -> Option<MessageId> {
    MessageId::new(id.get())
}

pub fn to_serenity_channel(id: ChannelId) -> serenity::ChannelId {
    serenity::ChannelId::new(id.get())
}

pub fn to_serenity_message(id: MessageId) -> serenity::MessageId {
    serenity::MessageId::new(id.get())
}
