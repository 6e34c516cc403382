//! Calendar days in a member's own time zone. Days are found by local date, never by
//! counting 24-hour blocks, so a 23- or 25-hour day at a DST change is still one day.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The local calendar date of `at` in `zone`.
pub fn local_date(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

/// The first instant of `date` in `zone`. Where midnight does not exist (zones that move
/// their clocks at 00:00) the day starts at the first minute after the gap.
pub fn start_of_local_day(date: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    // DST gaps are at most a few hours; a minute-by-minute walk finds the end of one.
    (0..=24 * 60).find_map(|minute| {
        let local = midnight + chrono::Duration::minutes(minute);
        zone.from_local_datetime(&local)
            .earliest()
            .map(|instant| instant.with_timezone(&Utc))
    })
}

/// The instants `[start, end)` of the local day that holds `at`, e.g. to add up what a
/// member logged "today".
pub fn local_day_bounds(at: DateTime<Utc>, zone: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let date = local_date(at, zone);
    let next = date.checked_add_days(Days::new(1))?;
    Some((
        start_of_local_day(date, zone)?,
        start_of_local_day(next, zone)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn days_around_the_spring_change_in_berlin_are_23_hours() {
        let zone = chrono_tz::Europe::Berlin;
        let (start, end) = local_day_bounds(utc("2027-03-28T12:00:00Z"), zone).unwrap();
        assert_eq!(start, utc("2027-03-27T23:00:00Z"));
        assert_eq!(end, utc("2027-03-28T22:00:00Z"));
        assert_eq!((end - start).num_hours(), 23);
    }

    #[test]
    fn days_around_the_autumn_change_in_berlin_are_25_hours() {
        let zone = chrono_tz::Europe::Berlin;
        let (start, end) = local_day_bounds(utc("2027-10-31T12:00:00Z"), zone).unwrap();
        assert_eq!((end - start).num_hours(), 25);
    }

    #[test]
    fn a_missing_midnight_starts_the_day_after_the_gap() {
        // Santiago moves its clocks forward at 00:00 on the first Sunday of September.
        let zone = chrono_tz::America::Santiago;
        let date = NaiveDate::from_ymd_opt(2027, 9, 5).unwrap();
        let start = start_of_local_day(date, zone).unwrap();
        assert_eq!(local_date(start, zone), date);
        assert_eq!(
            start.with_timezone(&zone).format("%H:%M").to_string(),
            "01:00"
        );
    }

    #[test]
    fn the_same_instant_is_a_different_day_elsewhere() {
        let at = utc("2027-01-10T23:30:00Z");
        assert_eq!(local_date(at, chrono_tz::UTC).to_string(), "2027-01-10");
        assert_eq!(
            local_date(at, chrono_tz::Asia::Tokyo).to_string(),
            "2027-01-11"
        );
        assert_eq!(
            local_date(at, chrono_tz::America::New_York).to_string(),
            "2027-01-10"
        );
    }
}
