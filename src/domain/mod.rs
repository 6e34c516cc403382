//! Pure domain logic and texts: no Discord or database types.

pub mod learn;
pub mod strength;
