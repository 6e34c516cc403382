//! What the bot keeps about a person, for how long, and what stands in for someone who
//! asked to be forgotten.

use chrono::{DateTime, Months, Utc};

use super::ids::UserId;

/// Stands in for a person who deleted their data where a row must keep *some* user: a
/// challenge they created stays for its other members, and a moderator's audit line about
/// someone else's entry stays for the server. Discord's IDs are timestamps since 2015, so
/// no account has ID 2; the console is user 1.
pub const FORGOTTEN_USER: UserId = UserId::from_const(2);

/// Finished rest timers (sent, failed, canceled) are kept this many days by default.
pub const DEFAULT_RETENTION_REST_DAYS: u32 = 30;
pub const MAX_RETENTION_REST_DAYS: u32 = 3650;
/// A screening outcome is valid this many months by default; then it is taken again.
pub const DEFAULT_SCREENING_VALID_MONTHS: u32 = 12;
pub const MAX_SCREENING_VALID_MONTHS: u32 = 120;

/// How long stored things live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Finished rest timers older than this are deleted.
    pub rest_days: u32,
    /// Screening outcomes older than this count as none, and are deleted.
    pub screening_valid_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            rest_days: DEFAULT_RETENTION_REST_DAYS,
            screening_valid_months: DEFAULT_SCREENING_VALID_MONTHS,
        }
    }
}

impl Retention {
    /// Finished rests that ended before this are pruned.
    pub fn rest_cutoff(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - chrono::Duration::days(i64::from(self.rest_days))
    }

    /// Screenings taken before this have expired. Calendar months, so "12 months" is the
    /// same day a year later, whatever the month lengths.
    pub fn screening_cutoff(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_months(Months::new(self.screening_valid_months))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Whether a screening taken at `screened_at` still counts at `now`.
    pub fn screening_is_current(&self, screened_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        screened_at >= self.screening_cutoff(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_screening_expires_after_its_calendar_months() {
        let retention = Retention::default();
        let taken = Utc.with_ymd_and_hms(2025, 2, 28, 12, 0, 0).unwrap();
        let year_later = Utc.with_ymd_and_hms(2026, 2, 28, 12, 0, 0).unwrap();
        assert!(retention.screening_is_current(taken, year_later));
        assert!(!retention.screening_is_current(taken, year_later + chrono::Duration::seconds(1)));
    }

    #[test]
    fn rests_are_kept_their_days() {
        let retention = Retention {
            rest_days: 30,
            ..Retention::default()
        };
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 0, 0, 0).unwrap();
        assert_eq!(
            retention.rest_cutoff(now),
            Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn the_stand_in_is_no_one() {
        assert_ne!(FORGOTTEN_USER, UserId::from_const(1), "the console's user");
    }
}
