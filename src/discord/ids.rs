//! serenity's IDs into the core's typed IDs. serenity never yields 0, but an ID past
//! `i64::MAX` could only come from a malformed payload: it is refused here, where it enters.

use poise::serenity_prelude as serenity;

use crate::domain::ids::{ChannelId, GuildId, UserId};
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
