//! The kinds of failure a request can end in.
//!
//! A [`UserError`] is the user's to fix: its text is shown to them (ephemerally in Discord).
//! Everything else is a fault on the bot's side: it is logged with its context and the user
//! only gets a fixed text, so no internal detail (SQL, tokens, paths) ever reaches a channel.
//! Faults are an outage of the database, which passes by itself and so tells the user to come
//! back, or any other internal failure, which gets a short apology.

use std::fmt;

/// A refusal the user can act on. The text says what went wrong and what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    message: String,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// What every request handler returns on failure.
#[derive(Debug)]
pub enum AppError {
    User(UserError),
    /// The database is unreachable or timed out; the cause is kept for the log.
    Unavailable(Box<dyn std::error::Error + Send + Sync>),
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// The apology shown for internal failures; the details go to the log only.
pub const APOLOGY: &str = "Sorry, something went wrong on my side. Please try again in a moment.";

/// Shown while the database is unreachable, so users wait instead of retrying at once or
/// reporting a bug.
pub const UNAVAILABLE: &str =
    "The bot's database is temporarily unavailable; try again in a minute.";

impl AppError {
    pub fn user(message: impl Into<String>) -> Self {
        Self::User(UserError::new(message))
    }

    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(error.into())
    }

    /// Logs a fault (what failed, and why) and returns the text the user may see: the one
    /// place that decides what reaches the log and what reaches the user.
    pub fn report(&self, what: &str) -> &str {
        if self.is_fault() {
            tracing::error!(error = %self, "{what} failed");
        }
        self.user_facing_text()
    }

    /// The text a user may see for this error.
    pub fn user_facing_text(&self) -> &str {
        match self {
            Self::User(error) => error.message(),
            Self::Unavailable(_) => UNAVAILABLE,
            Self::Internal(_) => APOLOGY,
        }
    }

    /// A failure on the bot's side, whose cause belongs in the log.
    pub fn is_fault(&self) -> bool {
        match self {
            Self::User(_) => false,
            Self::Unavailable(_) | Self::Internal(_) => true,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::User(error) => write!(f, "user error: {error}"),
            Self::Unavailable(error) => write!(f, "database unavailable: {error}"),
            Self::Internal(error) => write!(f, "internal error: {error}"),
        }
    }
}

impl std::error::Error for AppError {}

impl From<UserError> for AppError {
    fn from(error: UserError) -> Self {
        Self::User(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    #[test]
    fn an_unreachable_database_tells_the_user_to_come_back() {
        let error = AppError::from(StoreError::Database(sqlx::Error::PoolTimedOut));
        assert!(matches!(error, AppError::Unavailable(_)));
        assert_eq!(error.user_facing_text(), UNAVAILABLE);
        assert!(error.is_fault(), "the cause is still logged");
        assert!(error.to_string().contains("pool timed out"), "{error}");
    }

    #[test]
    fn other_store_failures_get_the_apology() {
        let error = AppError::from(StoreError::Corrupt("bad row".into()));
        assert_eq!(error.user_facing_text(), APOLOGY);
        let error = AppError::from(StoreError::Database(sqlx::Error::RowNotFound));
        assert_eq!(error.user_facing_text(), APOLOGY);
    }
}
