//! The living leaderboard: one message per challenge, edited rather than re-posted, and
//! edited at most once a minute however many workouts are credited meanwhile.

/// Shortest time between two edits of a challenge's leaderboard message. The store applies
/// it in the same statement that marks the board due (`mark_board_due` in
/// `store/challenges.rs`): due now if a minute has passed since the last edit (or it was
/// never edited), otherwise a minute after it, so credits landing meanwhile fold into one
/// edit even when several processes credit at once.
pub const LEADERBOARD_EDIT_INTERVAL_SECONDS: i64 = 60;
