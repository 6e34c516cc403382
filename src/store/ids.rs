//! The one conversion of IDs to and from the database's signed 64-bit columns. Both
//! directions refuse what cannot be an ID (0, negative, past `i64::MAX`) instead of mapping
//! it to something else: a bad ID is an error where it is met, never a silent 0.

use crate::domain::ids::DiscordId;

use super::SessionId;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("ID {0} cannot be stored: Discord IDs are 1 to 2^63-1")]
    Unstorable(u64),
    #[error("stored ID {0} is not a Discord ID")]
    Corrupt(i64),
    #[error("stored workout ID {0} is not a row ID")]
    CorruptSession(i64),
}

/// A Discord ID as the database stores it.
pub fn to_db<I: DiscordId>(id: I) -> Result<i64, IdError> {
    // A typed ID is at most `i64::MAX` already; the check stays so no path skips it.
    i64::try_from(id.get()).map_err(|_| IdError::Unstorable(id.get()))
}

/// A Discord ID read back from the database, as the type its column holds.
pub fn from_db<I: DiscordId>(stored: i64) -> Result<I, IdError> {
    u64::try_from(stored)
        .ok()
        .and_then(I::new)
        .ok_or(IdError::Corrupt(stored))
}

/// A workout's row ID read back from the database.
pub fn session_from_db(stored: i64) -> Result<SessionId, IdError> {
    SessionId::new(stored).ok_or(IdError::CorruptSession(stored))
}

/// Each ID of a list read back; see [`from_db`].
pub fn all_from_db<I: DiscordId>(stored: Vec<i64>) -> Result<Vec<I>, IdError> {
    stored.into_iter().map(from_db).collect()
}

impl From<IdError> for super::StoreError {
    fn from(error: IdError) -> Self {
        Self::Corrupt(error.to_string())
    }
}

impl From<IdError> for crate::timers::RepoError {
    fn from(error: IdError) -> Self {
        Self::new(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ChannelId, UserId};

    #[test]
    fn only_discord_ids_cross_the_database_boundary() {
        let user = |id| UserId::new(id).expect("a Discord ID");
        assert_eq!(to_db(user(1)), Ok(1));
        assert_eq!(to_db(user(i64::MAX as u64)), Ok(i64::MAX));
        assert_eq!(from_db(42), Ok(user(42)));
        assert_eq!(from_db::<ChannelId>(0), Err(IdError::Corrupt(0)));
        assert_eq!(
            from_db::<UserId>(-7),
            Err(IdError::Corrupt(-7)),
            "never silently 0"
        );
    }

    #[test]
    fn only_row_ids_become_workout_ids() {
        assert_eq!(session_from_db(3).map(SessionId::get), Ok(3));
        assert_eq!(session_from_db(0), Err(IdError::CorruptSession(0)));
        assert_eq!(session_from_db(-1), Err(IdError::CorruptSession(-1)));
    }
}
