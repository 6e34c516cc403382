//! Streaks: the longest run of days with a session, in the member's own time zone.
//!
//! A day counts when the member has at least one session on that local calendar date.
//! A single missed day between two training days (a rest day) keeps the streak alive but
//! does not add to its length, provided no other rest day bridged in the same streak lies
//! within the 7 consecutive days around it: two bridged rest days must be at least
//! [`REST_DAY_SPACING_DAYS`] days apart. Two missed days in a row always end a streak.
//!
//! Example: training Mon-Wed, resting Thu, training Fri-Sun is a 6-day streak; resting
//! again the next Tuesday (5 days after Thursday) ends it there, and the streak that
//! continues past that Tuesday starts on the Friday after the first rest day.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::local_day::local_date;

/// Bridged rest days must be at least this many days apart, so that any window of 7
/// consecutive days holds at most one of them.
pub const REST_DAY_SPACING_DAYS: i64 = 7;

/// A member's longest streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streak {
    /// Training days in the streak (bridged rest days are not counted).
    pub days: u32,
    /// The first session on the day the streak first reached that length; `None` without
    /// any session.
    pub reached_at: Option<DateTime<Utc>>,
}

/// The longest streak of the sessions held at `sessions`, grouped by local date in `zone`.
pub fn longest_streak(sessions: impl IntoIterator<Item = DateTime<Utc>>, zone: Tz) -> Streak {
    let mut first_session_per_day: BTreeMap<NaiveDate, DateTime<Utc>> = BTreeMap::new();
    for at in sessions {
        first_session_per_day
            .entry(local_date(at, zone))
            .and_modify(|first| *first = (*first).min(at))
            .or_insert(at);
    }

    let mut best = Streak::default();
    let mut run = Run::default();
    for (date, first_at) in first_session_per_day {
        run.add_day(date);
        if run.length > best.days {
            best = Streak {
                days: run.length,
                reached_at: Some(first_at),
            };
        }
    }
    best
}

/// The streak that ends on the latest day seen.
#[derive(Debug, Default)]
struct Run {
    previous_day: Option<NaiveDate>,
    length: u32,
    /// Training days after the last bridged rest day: where the run restarts when a new
    /// rest day comes too soon after that one.
    days_since_rest: u32,
    last_rest: Option<NaiveDate>,
}

impl Run {
    fn add_day(&mut self, day: NaiveDate) {
        let gap = self
            .previous_day
            .map(|previous| (day - previous).num_days());
        match gap {
            Some(1) => {
                self.length += 1;
                self.days_since_rest += 1;
            }
            Some(2) => {
                let rest = day.pred_opt().unwrap_or(day);
                let far_enough = self
                    .last_rest
                    .is_none_or(|last| (rest - last).num_days() >= REST_DAY_SPACING_DAYS);
                self.length = if far_enough {
                    self.length + 1
                } else {
                    self.days_since_rest + 1
                };
                self.last_rest = Some(rest);
                self.days_since_rest = 1;
            }
            _ => {
                self.length = 1;
                self.days_since_rest = 1;
                self.last_rest = None;
            }
        }
        self.previous_day = Some(day);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    fn at(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Sessions at 18:00 UTC on the given days of January 2027.
    fn january(days: &[u32]) -> Vec<DateTime<Utc>> {
        days.iter()
            .map(|d| at(chrono_tz::UTC, 2027, 1, *d, 18, 0))
            .collect()
    }

    fn days(sessions: &[DateTime<Utc>], zone: Tz) -> u32 {
        longest_streak(sessions.iter().copied(), zone).days
    }

    #[test]
    fn no_sessions_no_streak() {
        assert_eq!(longest_streak([], chrono_tz::UTC), Streak::default());
    }

    #[test]
    fn consecutive_days_count_once_each() {
        let mut sessions = january(&[1, 2, 3, 4]);
        // A second session on a day adds nothing.
        sessions.push(at(chrono_tz::UTC, 2027, 1, 2, 7, 0));
        assert_eq!(days(&sessions, chrono_tz::UTC), 4);
    }

    #[test]
    fn one_rest_day_keeps_the_streak_without_adding_to_it() {
        assert_eq!(days(&january(&[1, 2, 3, 5, 6, 7]), chrono_tz::UTC), 6);
    }

    #[test]
    fn two_missed_days_in_a_row_end_it() {
        assert_eq!(days(&january(&[1, 2, 3, 6, 7]), chrono_tz::UTC), 3);
    }

    #[test]
    fn a_rest_day_a_week_after_the_last_is_bridged() {
        // Rest days on the 4th and the 11th: 7 days apart.
        let sessions = january(&[1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13]);
        assert_eq!(days(&sessions, chrono_tz::UTC), 11);
    }

    #[test]
    fn a_second_rest_day_within_seven_days_restarts_after_the_first() {
        // Rest days on the 4th and the 10th (6 days apart): the longest run is the one
        // from the 5th, bridging only the 10th: 5,6,7,8,9,11,12,13,14 = 9 days.
        let sessions = january(&[1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
        assert_eq!(days(&sessions, chrono_tz::UTC), 9);
        // Every second day never builds a streak past the first bridged rest.
        let alternate = january(&[1, 3, 5, 7, 9, 11]);
        assert_eq!(days(&alternate, chrono_tz::UTC), 2);
    }

    #[test]
    fn the_streak_is_reached_at_the_first_session_of_its_last_day() {
        let mut sessions = january(&[1, 2, 3, 10, 11]);
        sessions.push(at(chrono_tz::UTC, 2027, 1, 3, 6, 0));
        let streak = longest_streak(sessions, chrono_tz::UTC);
        assert_eq!(streak.days, 3);
        assert_eq!(
            streak.reached_at,
            Some(at(chrono_tz::UTC, 2027, 1, 3, 6, 0))
        );
    }

    #[test]
    fn days_are_the_members_own() {
        let tokyo = chrono_tz::Asia::Tokyo;
        // 08:00 on the 10th and 20:00 on the 11th in Tokyo: the 9th and the 11th in UTC.
        let sessions = [at(tokyo, 2027, 1, 10, 8, 0), at(tokyo, 2027, 1, 11, 20, 0)];
        assert_eq!(sessions[0].hour(), 23);
        assert_eq!(days(&sessions, tokyo), 2);
        // In UTC there is a rest day between them, which adds nothing.
        assert_eq!(days(&sessions, chrono_tz::UTC), 2);
        let sessions = [
            at(tokyo, 2027, 1, 10, 8, 0),
            at(tokyo, 2027, 1, 11, 20, 0),
            at(tokyo, 2027, 1, 12, 8, 0),
        ];
        assert_eq!(days(&sessions, tokyo), 3);
        assert_eq!(days(&sessions, chrono_tz::UTC), 2);

        // Late evenings in New York fall on the next UTC day.
        let new_york = chrono_tz::America::New_York;
        let sessions = [
            at(new_york, 2027, 1, 10, 21, 0),
            at(new_york, 2027, 1, 11, 18, 0),
        ];
        assert_eq!(days(&sessions, new_york), 2);
    }

    #[test]
    fn the_spring_dst_change_in_berlin_is_one_short_day() {
        let berlin = chrono_tz::Europe::Berlin;
        // Clocks go forward on Sunday 28 March 2027: that day has 23 hours.
        let sessions = [
            at(berlin, 2027, 3, 27, 23, 30),
            at(berlin, 2027, 3, 28, 0, 30),
            at(berlin, 2027, 3, 29, 0, 15),
        ];
        // Under 24 hours apart, still three different days.
        assert!((sessions[2] - sessions[1]).num_hours() < 24);
        assert_eq!(days(&sessions, berlin), 3);
        // A rest day on the short Sunday is bridged like any other.
        let sessions = [
            at(berlin, 2027, 3, 26, 7, 0),
            at(berlin, 2027, 3, 27, 23, 59),
            at(berlin, 2027, 3, 29, 0, 1),
            at(berlin, 2027, 3, 30, 7, 0),
        ];
        assert_eq!(days(&sessions, berlin), 4);
    }

    #[test]
    fn the_autumn_dst_change_in_berlin_is_one_long_day() {
        let berlin = chrono_tz::Europe::Berlin;
        // Sunday 31 October 2027 has 25 hours: early and late sessions are one day.
        let sessions = [
            at(berlin, 2027, 10, 30, 12, 0),
            at(berlin, 2027, 10, 31, 0, 10),
            at(berlin, 2027, 10, 31, 23, 50),
            at(berlin, 2027, 11, 1, 0, 5),
        ];
        assert!((sessions[2] - sessions[1]).num_hours() >= 24);
        assert_eq!(days(&sessions, berlin), 3);
    }
}
