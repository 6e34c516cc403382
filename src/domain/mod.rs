//! Pure domain logic and texts: no Discord or database types.

pub mod challenge;
pub mod faq;
pub mod ids;
pub mod learn;
pub mod privacy;
pub mod screening;
pub mod snowflake;
pub mod strength;
pub mod triage;
pub mod user_text;
