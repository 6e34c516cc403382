//! Which database failures mean "the database cannot be reached right now" rather than a bug.
//!
//! The distinction matters to users: an outage passes by itself, so they are told to try
//! again in a minute, while any other failure gets the generic apology. It is decided here
//! and nowhere else, so every caller agrees on it.

use sqlx::error::DatabaseError;
use sqlx::postgres::PgDatabaseError;
use sqlx::sqlite::SqliteError;

/// SQLSTATE prefixes that describe the server or the link to it, not the query: class 08
/// (connection exception), 53 (insufficient resources: too many connections, disk full, out
/// of memory), 57 (operator intervention: statement timeout and cancellation, shutdown,
/// restart) and 58030 (I/O error on the server).
const PG_UNAVAILABLE: [&str; 4] = ["08", "53", "57", "58030"];

/// SQLite's primary result codes for a database another connection holds: SQLITE_BUSY (5)
/// and SQLITE_LOCKED (6). They outlast the busy timeout only while a writer is stuck.
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;

/// True when `error` says the database is unreachable, overloaded or timed out: the same
/// request is expected to succeed once the database is back.
pub(crate) fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(database) => {
            if let Some(pg) = database.try_downcast_ref::<PgDatabaseError>() {
                PG_UNAVAILABLE
                    .iter()
                    .any(|prefix| pg.code().starts_with(prefix))
            } else if let Some(sqlite) = database.try_downcast_ref::<SqliteError>() {
                sqlite
                    .code()
                    .and_then(|code| code.parse::<i64>().ok())
                    // Extended codes keep the primary code in their low byte.
                    .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED))
            } else {
                false
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_level_failures_are_unavailable() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&sqlx::Error::PoolClosed));
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(is_unavailable(&sqlx::Error::Io(reset)));
    }

    #[test]
    fn query_level_failures_are_not() {
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
        assert!(!is_unavailable(&sqlx::Error::Protocol("bad".into())));
        assert!(!is_unavailable(&sqlx::Error::ColumnNotFound("x".into())));
    }
}
