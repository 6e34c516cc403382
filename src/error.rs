//! The two kinds of failure a request can end in.
//!
//! A [`UserError`] is the user's to fix: its text is shown to them (ephemerally in Discord).
//! Everything else is an internal failure: it is logged with its context and the user only
//! gets a short apology, so no internal detail (SQL, tokens, paths) ever reaches a channel.

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
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// The apology shown for internal failures; the details go to the log only.
pub const APOLOGY: &str = "Sorry, something went wrong on my side. Please try again in a moment.";

impl AppError {
    pub fn user(message: impl Into<String>) -> Self {
        Self::User(UserError::new(message))
    }

    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(error.into())
    }

    /// The text a user may see for this error.
    pub fn user_facing_text(&self) -> &str {
        match self {
            Self::User(error) => error.message(),
            Self::Internal(_) => APOLOGY,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::User(error) => write!(f, "user error: {error}"),
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

impl From<crate::store::StoreError> for AppError {
    fn from(error: crate::store::StoreError) -> Self {
        Self::internal(error)
    }
}

impl From<serenity::Error> for AppError {
    fn from(error: serenity::Error) -> Self {
        Self::internal(error)
    }
}
