//! The one conversion of Discord IDs to and from the database's signed 64-bit columns. Both
//! directions refuse what cannot be a Discord ID (0, negative, past `i64::MAX`) instead of
//! mapping it to something else: a bad ID is an error where it is met, never a silent 0.

use crate::domain::snowflake;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("ID {0} cannot be stored: Discord IDs are 1 to 2^63-1")]
    Unstorable(u64),
    #[error("stored ID {0} is not a Discord ID")]
    Corrupt(i64),
}

/// An ID as the database stores it.
pub fn to_db(id: u64) -> Result<i64, IdError> {
    snowflake::checked(id)
        .and_then(|id| i64::try_from(id).ok())
        .ok_or(IdError::Unstorable(id))
}

/// An ID read back from the database.
pub fn from_db(stored: i64) -> Result<u64, IdError> {
    u64::try_from(stored)
        .ok()
        .and_then(snowflake::checked)
        .ok_or(IdError::Corrupt(stored))
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

    #[test]
    fn only_discord_ids_cross_the_database_boundary() {
        assert_eq!(to_db(1), Ok(1));
        assert_eq!(to_db(i64::MAX as u64), Ok(i64::MAX));
        assert_eq!(to_db(0), Err(IdError::Unstorable(0)));
        assert_eq!(to_db(u64::MAX), Err(IdError::Unstorable(u64::MAX)));
        assert_eq!(from_db(42), Ok(42));
        assert_eq!(from_db(0), Err(IdError::Corrupt(0)));
        assert_eq!(from_db(-7), Err(IdError::Corrupt(-7)), "never silently 0");
    }
}
