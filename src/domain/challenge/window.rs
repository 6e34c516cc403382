//! When a challenge runs: its length, start, end, the grace period for late logs, and its
//! status at a given instant.

use std::error::Error;
use std::fmt;

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::local_day::{local_date, start_of_local_day};

/// Shortest challenge, in days.
pub const MIN_CHALLENGE_DAYS: u32 = 1;
/// Longest challenge, in days.
pub const MAX_CHALLENGE_DAYS: u32 = 90;
/// How long after the end late logs are still accepted, before the final results.
pub const GRACE_HOURS: i64 = 12;
/// How far ahead a challenge may be scheduled to start, in days.
pub const MAX_START_AHEAD_DAYS: u64 = 90;

/// The grace period as a duration.
pub fn grace_period() -> Duration {
    Duration::hours(GRACE_HOURS)
}

/// Why a challenge's length or start was refused; the message says what to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowError {
    /// Outside 1-90 days.
    DaysOutOfRange {
        /// The length asked for.
        days: i64,
    },
    /// The start is not a `YYYY-MM-DD` date.
    StartNotADate,
    /// The start is before today in the creator's time zone.
    StartInThePast,
    /// The start is more than 90 days ahead.
    StartTooFarAhead,
}

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WindowError::DaysOutOfRange { days } => write!(
                f,
                "A challenge runs for {MIN_CHALLENGE_DAYS} to {MAX_CHALLENGE_DAYS} days, not \
                 {days}. Type a number of days, e.g. `30`."
            ),
            WindowError::StartNotADate => f.write_str(
                "The start must be a date written year-month-day, e.g. `2027-01-04`, or left \
                 out to start now.",
            ),
            WindowError::StartInThePast => f.write_str(
                "That start date has passed. Type today's date or a later one, or leave the \
                 start out to start now.",
            ),
            WindowError::StartTooFarAhead => write!(
                f,
                "A challenge can be scheduled at most {MAX_START_AHEAD_DAYS} days ahead. \
                 Type an earlier start date."
            ),
        }
    }
}

impl Error for WindowError {}

/// A validated challenge length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChallengeDays(u32);

impl ChallengeDays {
    /// Accepts 1-90 days.
    pub fn new(days: i64) -> Result<ChallengeDays, WindowError> {
        u32::try_from(days)
            .ok()
            .filter(|d| (MIN_CHALLENGE_DAYS..=MAX_CHALLENGE_DAYS).contains(d))
            .map(ChallengeDays)
            .ok_or(WindowError::DaysOutOfRange { days })
    }

    /// The number of days.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// The optional `start` of `/challenge create`: a `YYYY-MM-DD` date, meaning the start of
/// that day in the creator's time zone. Today is accepted (the challenge then starts at
/// once); dates more than 90 days ahead are refused.
pub fn parse_start(
    input: &str,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, WindowError> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| WindowError::StartNotADate)?;
    let today = local_date(now, zone);
    if date < today {
        return Err(WindowError::StartInThePast);
    }
    let latest = today
        .checked_add_days(Days::new(MAX_START_AHEAD_DAYS))
        .unwrap_or(NaiveDate::MAX);
    if date > latest {
        return Err(WindowError::StartTooFarAhead);
    }
    if date == today {
        return Ok(now);
    }
    start_of_local_day(date, zone).ok_or(WindowError::StartNotADate)
}

/// Where a challenge is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeStatus {
    /// Created, not started: members can join, nothing is credited yet.
    Upcoming,
    /// Running: workouts and logs are credited.
    Active,
    /// Over, but late logs for training done before the end are still accepted.
    Grace,
    /// Final; the results are (or are about to be) posted.
    Ended,
}

impl ChallengeStatus {
    /// Stable name, for lists.
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeStatus::Upcoming => "upcoming",
            ChallengeStatus::Active => "active",
            ChallengeStatus::Grace => "grace",
            ChallengeStatus::Ended => "ended",
        }
    }

    /// Whether members can still join, log or be credited.
    pub fn is_open(self) -> bool {
        self != ChallengeStatus::Ended
    }
}

/// The run of a challenge. Credit counts for training in `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeWindow {
    /// First instant that is credited.
    pub start: DateTime<Utc>,
    /// First instant that is no longer credited.
    pub end: DateTime<Utc>,
    /// Ended by `/challenge end`: the results come at once, without a grace period.
    pub ended_early: bool,
}

impl ChallengeWindow {
    /// A challenge of `days` days from `start`. Days are 24-hour days from the start
    /// instant, so every member gets the same amount of time wherever they live.
    pub fn new(start: DateTime<Utc>, days: ChallengeDays) -> ChallengeWindow {
        ChallengeWindow {
            start,
            end: start + Duration::days(i64::from(days.get())),
            ended_early: false,
        }
    }

    /// The window of a challenge ended at `now` by `/challenge end`. A challenge that has
    /// not started yet ends at its start, so nothing is ever credited to it.
    pub fn end_early(self, now: DateTime<Utc>) -> ChallengeWindow {
        if now >= self.end {
            return self;
        }
        ChallengeWindow {
            start: self.start,
            end: now.max(self.start),
            ended_early: true,
        }
    }

    /// When the final results are due: the end plus the grace period, or the end itself
    /// for a challenge ended early.
    pub fn results_at(self) -> DateTime<Utc> {
        if self.ended_early {
            self.end
        } else {
            self.end + grace_period()
        }
    }

    /// The status at `now`.
    pub fn status(self, now: DateTime<Utc>) -> ChallengeStatus {
        if now < self.start {
            ChallengeStatus::Upcoming
        } else if now < self.end {
            ChallengeStatus::Active
        } else if now < self.results_at() {
            ChallengeStatus::Grace
        } else {
            ChallengeStatus::Ended
        }
    }

    /// Whether training done at `at` counts.
    pub fn credits(self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// The instant a manual log made at `now` is credited at: `now` while the challenge
    /// runs; during the grace period the last second of the run, since the log is for
    /// training done before the end. `None` before the start and after the results.
    pub fn manual_log_instant(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.status(now) {
            ChallengeStatus::Active => Some(now),
            ChallengeStatus::Grace => Some((self.end - Duration::seconds(1)).max(self.start)),
            ChallengeStatus::Upcoming | ChallengeStatus::Ended => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn window(days: i64) -> ChallengeWindow {
        ChallengeWindow::new(
            utc("2027-01-04T09:00:00Z"),
            ChallengeDays::new(days).unwrap(),
        )
    }

    #[test]
    fn lengths_are_one_to_ninety_days() {
        assert_eq!(ChallengeDays::new(1).map(ChallengeDays::get), Ok(1));
        assert_eq!(ChallengeDays::new(90).map(ChallengeDays::get), Ok(90));
        for days in [0, -1, 91, i64::MAX, i64::MIN] {
            assert_eq!(
                ChallengeDays::new(days),
                Err(WindowError::DaysOutOfRange { days })
            );
        }
        let text = WindowError::DaysOutOfRange { days: 91 }.to_string();
        assert!(text.contains("1 to 90") && text.contains("Type"), "{text}");
    }

    #[test]
    fn status_moves_through_grace_to_ended() {
        let w = window(30);
        assert_eq!(w.end, utc("2027-02-03T09:00:00Z"));
        assert_eq!(w.results_at(), utc("2027-02-03T21:00:00Z"));
        let cases = [
            ("2027-01-04T08:59:59Z", ChallengeStatus::Upcoming),
            ("2027-01-04T09:00:00Z", ChallengeStatus::Active),
            ("2027-02-03T08:59:59Z", ChallengeStatus::Active),
            ("2027-02-03T09:00:00Z", ChallengeStatus::Grace),
            ("2027-02-03T20:59:59Z", ChallengeStatus::Grace),
            ("2027-02-03T21:00:00Z", ChallengeStatus::Ended),
        ];
        for (now, status) in cases {
            assert_eq!(w.status(utc(now)), status, "{now}");
        }
        assert!(ChallengeStatus::Grace.is_open());
        assert!(!ChallengeStatus::Ended.is_open());
    }

    #[test]
    fn only_training_inside_the_run_is_credited() {
        let w = window(7);
        assert!(!w.credits(utc("2027-01-04T08:59:59Z")));
        assert!(w.credits(utc("2027-01-04T09:00:00Z")));
        assert!(w.credits(utc("2027-01-11T08:59:59Z")));
        assert!(!w.credits(utc("2027-01-11T09:00:00Z")));
    }

    #[test]
    fn late_logs_count_for_the_last_second_of_the_run() {
        let w = window(7);
        let now = utc("2027-01-05T10:00:00Z");
        assert_eq!(w.manual_log_instant(now), Some(now));
        let late = w.manual_log_instant(utc("2027-01-11T15:00:00Z"));
        assert_eq!(late, Some(utc("2027-01-11T08:59:59Z")));
        assert!(late.is_some_and(|at| w.credits(at)));
        assert_eq!(w.manual_log_instant(utc("2027-01-11T21:00:00Z")), None);
        assert_eq!(w.manual_log_instant(utc("2027-01-01T00:00:00Z")), None);
    }

    #[test]
    fn ending_early_skips_the_grace_period() {
        let now = utc("2027-01-10T12:00:00Z");
        let w = window(30).end_early(now);
        assert_eq!(w.end, now);
        assert_eq!(w.results_at(), now);
        assert_eq!(w.status(now), ChallengeStatus::Ended);
        // Ending one that is already over changes nothing.
        let over = window(1);
        assert_eq!(over.end_early(utc("2027-03-01T00:00:00Z")), over);
        // One that never started ends at its start.
        let never = window(5).end_early(utc("2027-01-01T00:00:00Z"));
        assert_eq!(never.end, never.start);
    }

    #[test]
    fn start_dates_are_local_midnight() {
        let berlin = chrono_tz::Europe::Berlin;
        let now = utc("2027-01-01T10:00:00Z");
        assert_eq!(
            parse_start("2027-01-04", berlin, now),
            Ok(utc("2027-01-03T23:00:00Z"))
        );
        assert_eq!(parse_start(" 2027-01-01 ", berlin, now), Ok(now));
        assert_eq!(
            parse_start("2026-12-31", berlin, now),
            Err(WindowError::StartInThePast)
        );
        assert_eq!(
            parse_start("2027-04-02", berlin, now),
            Err(WindowError::StartTooFarAhead)
        );
        assert!(parse_start("2027-04-01", berlin, now).is_ok());
        for bad in ["", "tomorrow", "04/01/2027", "2027-02-30"] {
            assert_eq!(
                parse_start(bad, berlin, now),
                Err(WindowError::StartNotADate),
                "{bad}"
            );
        }
        // Already the 2nd in Tokyo: the 1st has passed there.
        assert_eq!(
            parse_start(
                "2027-01-01",
                chrono_tz::Asia::Tokyo,
                utc("2027-01-01T16:00:00Z")
            ),
            Err(WindowError::StartInThePast)
        );
    }
}
