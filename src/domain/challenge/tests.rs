//! From entries to standings, across modules: what a leaderboard will show.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::domain::ids::UserId;
use crate::domain::strength::Unit;

fn start() -> DateTime<Utc> {
    "2027-03-22T08:00:00Z".parse().unwrap()
}

fn window() -> ChallengeWindow {
    ChallengeWindow::new(start(), ChallengeDays::new(14).unwrap())
}

fn member(user_id: u64, time_zone: chrono_tz::Tz) -> Member {
    Member {
        user_id: UserId::test(user_id),
        number: u32::try_from(user_id).unwrap(),
        joined_at: start() - Duration::days(1) + Duration::minutes(user_id as i64),
        visibility: Visibility::Public,
        ranked: true,
        time_zone,
    }
}

fn entry(user_id: u64, at: DateTime<Utc>, amount: i64) -> Entry {
    Entry {
        user_id: UserId::test(user_id),
        at,
        amount,
        source: EntrySource::Workout,
        voided: false,
    }
}

fn ranked_ids(metric: ChallengeMetric, members: &[Member], entries: &[Entry]) -> Vec<(u64, i64)> {
    let scores = entry_scores(metric, &window(), members, entries);
    rank_members(members, &scores)
        .iter()
        .map(|s| (s.member.user_id.get(), s.value))
        .collect()
}

#[test]
fn equal_totals_go_to_whoever_got_there_first_for_every_summed_metric() {
    let members = [member(1, chrono_tz::UTC), member(2, chrono_tz::UTC)];
    // Member 2 reaches 3 on day 2, member 1 only on day 5.
    let entries = [
        entry(1, start() + Duration::days(1), 2),
        entry(1, start() + Duration::days(5), 1),
        entry(2, start() + Duration::days(2), 3),
    ];
    for metric in [
        ChallengeMetric::Sessions,
        ChallengeMetric::Reps,
        ChallengeMetric::Volume,
    ] {
        assert_eq!(
            ranked_ids(metric, &members, &entries),
            [(2, 3), (1, 3)],
            "{metric}"
        );
    }
}

#[test]
fn a_voided_entry_can_cost_the_lead() {
    let members = [member(1, chrono_tz::UTC), member(2, chrono_tz::UTC)];
    let mut typo = entry(1, start() + Duration::days(1), 500);
    let honest = [entry(1, start(), 50), entry(2, start(), 80)];
    let mut entries = honest.to_vec();
    entries.push(typo);
    assert_eq!(
        ranked_ids(ChallengeMetric::Reps, &members, &entries)[0],
        (1, 550)
    );
    typo.voided = true;
    entries.pop();
    entries.push(typo);
    assert_eq!(
        ranked_ids(ChallengeMetric::Reps, &members, &entries),
        [(2, 80), (1, 50)]
    );
}

#[test]
fn streaks_across_time_zones_and_the_berlin_dst_change() {
    let berlin = chrono_tz::Europe::Berlin;
    let los_angeles = chrono_tz::America::Los_Angeles;
    let members = [member(1, berlin), member(2, los_angeles)];
    let local = |zone: chrono_tz::Tz, day: u32, hour: u32| {
        zone.with_ymd_and_hms(2027, 3, day, hour, 30, 0)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    };
    let mut entries = Vec::new();
    // Berlin trains late every evening from Thursday 25 to Tuesday 30 March, resting on
    // Saturday 27; clocks go forward on Sunday 28.
    for day in [25, 26, 28, 29, 30] {
        entries.push(entry(1, local(berlin, day, 23), 1));
    }
    // Los Angeles trains early every morning from the 25th to the 30th (US clocks changed
    // on 14 March), 6 days without a rest.
    for day in 25..=30 {
        entries.push(entry(2, local(los_angeles, day, 6), 1));
    }
    let standings = ranked_ids(ChallengeMetric::Streak, &members, &entries);
    assert_eq!(standings, [(2, 6), (1, 5)]);

    // Equal streaks of 5 days: Los Angeles reached it on the morning of the 29th, Berlin
    // only on the evening of the 30th.
    entries.pop();
    let standings = ranked_ids(ChallengeMetric::Streak, &members, &entries);
    assert_eq!(standings, [(2, 5), (1, 5)]);
}

#[test]
fn improvement_ranks_relative_gains() {
    let members = [
        member(1, chrono_tz::UTC),
        member(2, chrono_tz::UTC),
        member(3, chrono_tz::UTC),
    ];
    let at = |days| start() + Duration::days(days);
    let progress = [
        OneRepMaxProgress {
            user_id: UserId::test(1),
            baseline_kg: 200.0,
            best_kg: 220.0,
            best_at: at(3),
        },
        OneRepMaxProgress {
            user_id: UserId::test(2),
            baseline_kg: 40.0,
            best_kg: 44.0,
            best_at: at(2),
        },
        OneRepMaxProgress {
            user_id: UserId::test(3),
            baseline_kg: 50.0,
            best_kg: 60.0,
            best_at: at(9),
        },
    ];
    let scores = improvement_scores(&members, &progress);
    let standings = rank_members(&members, &scores);
    let order: Vec<_> = standings
        .iter()
        .map(|s| (s.member.user_id.get(), s.value))
        .collect();
    // 20% first; two 10% gains, the earlier one ahead.
    assert_eq!(order, [(3, 2000), (2, 1000), (1, 1000)]);
    let view = LeaderboardView::new(&standings, &members, Some(UserId::test(1)), LEADERBOARD_TOP);
    let heading = ChallengeHeading {
        name: "Spring gains",
        metric: ChallengeMetric::Improvement,
        window: window(),
    };
    let text = leaderboard_text(&heading, Board::Ranked(&view), Unit::Kg, at(10));
    assert!(text.contains("🥉 You — +10%"), "{text}");
}

#[test]
fn team_goals_count_everyone_including_the_unranked_creator() {
    let mut creator = member(1, chrono_tz::UTC);
    creator.ranked = false;
    let members = [creator, member(2, chrono_tz::UTC)];
    let entries = [
        entry(1, start(), 1),
        entry(2, start(), 1),
        entry(2, start() + Duration::days(1), 1),
    ];
    let scores = entry_scores(ChallengeMetric::TeamGoal, &window(), &members, &entries);
    let progress = TeamProgress::from_scores(&scores, TeamTarget::new(4).unwrap());
    assert_eq!(progress.total, 3);
    assert_eq!(progress.percent(), 75);
}

#[test]
fn a_manual_log_during_grace_is_credited_inside_the_run() {
    let w = window();
    let now = w.end + Duration::hours(3);
    let amount = parse_log_amount(ChallengeMetric::Sessions, "1", Unit::Kg).unwrap();
    let credit = check_manual_log(ChallengeMetric::Sessions, amount, 0, None, Unit::Kg).unwrap();
    let at = w.manual_log_instant(now).unwrap();
    let members = [member(1, chrono_tz::UTC)];
    let logged = Entry {
        source: EntrySource::Manual,
        ..entry(1, at, credit)
    };
    assert_eq!(
        ranked_ids(ChallengeMetric::Sessions, &members, &[logged]),
        [(1, 1)]
    );
}
