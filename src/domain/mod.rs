//! Pure domain logic and texts: no Discord or database types.

pub mod faq;
pub mod learn;
pub mod screening;
pub mod strength;
pub mod triage;
