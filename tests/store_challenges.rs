//! The challenge store, run on SQLite always and on PostgreSQL when TEST_POSTGRES_URL is set.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use bfr_coach::domain::challenge::{
    improvement_units, longest_streak, name_key, ChallengeDefinition, ChallengeMetric, EntrySource,
    PostedMarkers, TeamTarget, Visibility, LEADERBOARD_EDIT_INTERVAL_SECONDS,
};
use bfr_coach::domain::ids::{ChannelId, GuildId, UserId};
use bfr_coach::store::{
    self, AuditAction, AuditRecord, Challenge, ChallengeId, Credit, ExerciseRef, GroupSession,
    GroupToggle, GuildScope, Joined, ManualLog, NewChallenge, NewGroupSession, NewMember,
    PostClaim, Store, UserSettings,
};
use chrono::{DateTime, Duration, Utc};

/// Runs `suite` against a fresh SQLite database and, when configured, a fresh PostgreSQL schema.
macro_rules! on_both_backends {
    ($name:ident, $suite:ident) => {
        #[tokio::test]
        async fn $name() {
            support::on_each_backend(stringify!($name), |store, _url| $suite(store)).await;
        }
    };
}

on_both_backends!(names_are_unique_among_open_challenges, create_suite);
on_both_backends!(lookups_prefer_open_and_recent_challenges, listing_suite);
on_both_backends!(members_join_leave_and_come_back, membership_suite);
on_both_backends!(workouts_are_credited_within_the_window, credit_suite);
on_both_backends!(streaks_are_scored_in_the_member_time_zone, streak_suite);
on_both_backends!(manual_logs_are_audited_and_voidable, manual_suite);
on_both_backends!(improvement_counts_from_the_baseline, improvement_suite);
on_both_backends!(a_challenge_ends_early_once, end_suite);
on_both_backends!(boards_and_posts_are_claimed_once, posting_suite);
on_both_backends!(concurrent_claims_and_credits_serialize, concurrency_suite);
on_both_backends!(
    a_leaderboard_page_ranks_as_the_domain_does,
    leaderboard_page_suite
);
on_both_backends!(
    group_sessions_are_paced_by_their_leader,
    group_session_suite
);

/// Snowflakes at the top of the range, as Discord may hand out.
const GUILD: u64 = i64::MAX as u64;
const OTHER_GUILD: u64 = i64::MAX as u64 - 1;
const CHANNEL: u64 = i64::MAX as u64 - 2;
const CREATOR: u64 = i64::MAX as u64 - 3;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The start of every running challenge here: Monday 2027-01-04 09:00 UTC.
fn start() -> DateTime<Utc> {
    utc("2027-01-04T09:00:00Z")
}

fn user(id: u64) -> UserId {
    UserId::new(id).unwrap()
}

fn guild(id: u64) -> GuildId {
    GuildId::new(id).unwrap()
}

fn secs(seconds: i64) -> Duration {
    Duration::seconds(seconds)
}

fn definition(
    name: &str,
    metric: ChallengeMetric,
    from: DateTime<Utc>,
    days: i64,
) -> ChallengeDefinition {
    let target = (metric == ChallengeMetric::TeamGoal).then_some(250);
    ChallengeDefinition::new(name, metric, days, from, target).unwrap()
}

fn new_challenge(guild_id: u64, definition: ChallengeDefinition) -> NewChallenge {
    let exercise = (definition.metric == ChallengeMetric::Improvement).then(|| ExerciseRef {
        key: "leg_press".into(),
        name: "Leg press".into(),
    });
    NewChallenge {
        guild_id: guild(guild_id),
        channel_id: ChannelId::new(CHANNEL).unwrap(),
        creator_id: user(CREATOR),
        created_at: definition.window.start - Duration::hours(1),
        next_post_at: Some(definition.window.start + Duration::days(7)),
        definition,
        exercise,
    }
}

/// A 14-day challenge of `metric` starting at [`start`] in [`GUILD`].
async fn create(store: &Arc<dyn Store>, name: &str, metric: ChallengeMetric) -> Challenge {
    store
        .create_challenge(&new_challenge(GUILD, definition(name, metric, start(), 14)))
        .await
        .unwrap()
        .expect("the name is free")
}

fn joining(user_id: u64, at: DateTime<Utc>) -> NewMember {
    NewMember {
        user_id: user(user_id),
        visibility: Visibility::Public,
        ranked: true,
        joined_at: at,
        baseline_kg: None,
        display_name: Some(format!("member {user_id}")),
    }
}

async fn join(store: &Arc<dyn Store>, id: ChallengeId, user_id: u64) -> Joined {
    store
        .join_challenge(id, &joining(user_id, start() - Duration::minutes(30)))
        .await
        .unwrap()
}

async fn credit(
    store: &Arc<dyn Store>,
    user_id: u64,
    at: DateTime<Utc>,
    credits: &[(Challenge, i64)],
) {
    let credits: Vec<Credit> = credits
        .iter()
        .map(|(challenge, amount)| Credit {
            challenge_id: challenge.id,
            amount: *amount,
        })
        .collect();
    store
        .credit_workout(user(user_id), at, &credits)
        .await
        .unwrap();
}

/// (score, reached_at) of a current member.
async fn score(store: &Arc<dyn Store>, id: ChallengeId, user_id: u64) -> (i64, DateTime<Utc>) {
    let standing = store
        .standing(id, user(user_id))
        .await
        .unwrap()
        .expect("a current member");
    assert_eq!(standing.score.user_id, user(user_id));
    (standing.score.value, standing.score.reached_at)
}

async fn set_time_zone(store: &Arc<dyn Store>, user_id: u64, zone: &str) {
    let settings = UserSettings {
        time_zone: zone.into(),
        ..UserSettings::default()
    };
    store
        .save_user_settings(user(user_id), &settings)
        .await
        .unwrap();
}

/// The console's stand-in guild; every test challenge is in Discord guilds.
const CONSOLE_GUILD: u64 = 1;

fn discord_scope() -> GuildScope {
    GuildScope::AllBut(GuildId::new(CONSOLE_GUILD).unwrap())
}

fn claim(owner: &str, now: DateTime<Utc>) -> PostClaim<'_> {
    PostClaim {
        owner,
        now,
        lease_until: now + secs(60),
        scope: discord_scope(),
    }
}

/// Posts the final results of `id` as a poster would: claim, mark, release.
async fn post_final_results(store: &Arc<dyn Store>, id: ChallengeId, now: DateTime<Utc>) {
    let claimed = store
        .claim_due_challenges(claim("finisher", now), 100)
        .await
        .unwrap();
    assert!(claimed.iter().any(|c| c.id == id), "{id} is due at {now}");
    let final_posted = PostedMarkers {
        last_week_posted: 2,
        final_posted: true,
    };
    store
        .posts_done(id, "finisher", final_posted, None)
        .await
        .unwrap();
    for challenge in claimed {
        store
            .release_challenge(challenge.id, "finisher", None)
            .await
            .unwrap();
    }
}

async fn create_suite(store: Arc<dyn Store>) {
    let reps = definition("December Reps", ChallengeMetric::Reps, start(), 30);
    let new = new_challenge(GUILD, reps.clone());
    let created = store.create_challenge(&new).await.unwrap().unwrap();
    assert_eq!(created.guild_id.get(), GUILD);
    assert_eq!(created.channel_id.get(), CHANNEL);
    assert_eq!(created.creator_id.get(), CREATOR);
    assert_eq!(created.definition, reps);
    assert_eq!(created.definition.window.end, start() + Duration::days(30));
    assert_eq!(created.exercise, None);
    assert_eq!(created.created_at, new.created_at);
    // The living leaderboard is due at once.
    assert_eq!(created.board_due_at, Some(new.created_at));
    assert_eq!(created.board_message_id, None);
    assert_eq!(created.board_edited_at, None);
    assert_eq!(created.posted, PostedMarkers::default());
    assert_eq!(created.next_post_at, new.next_post_at);
    assert_eq!(
        store.challenge(created.id).await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store
            .challenge(ChallengeId::new(i64::MAX).unwrap())
            .await
            .unwrap(),
        None
    );

    // The same name, however cased and spaced, is taken while the first is open.
    let shouting = ChallengeDefinition {
        name: "  DECEMBER   reps ".into(),
        ..definition("x", ChallengeMetric::Sessions, start(), 7)
    };
    assert_eq!(name_key(&shouting.name), name_key("December Reps"));
    assert_eq!(
        store
            .create_challenge(&new_challenge(GUILD, shouting.clone()))
            .await
            .unwrap(),
        None
    );
    // Another guild may use it.
    let elsewhere = store
        .create_challenge(&new_challenge(OTHER_GUILD, shouting))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(elsewhere.guild_id.get(), OTHER_GUILD);
    assert_ne!(elsewhere.id, created.id);

    // Every metric's own fields round-trip.
    let team = create(&store, "Team 250", ChallengeMetric::TeamGoal).await;
    assert_eq!(
        team.definition.team_target,
        Some(TeamTarget::new(250).unwrap())
    );
    assert_eq!(team.definition.metric, ChallengeMetric::TeamGoal);
    let improvement = create(&store, "Leg gains", ChallengeMetric::Improvement).await;
    assert_eq!(
        improvement.exercise,
        Some(ExerciseRef {
            key: "leg_press".into(),
            name: "Leg press".into()
        })
    );
    assert_eq!(improvement.definition.team_target, None);
    for metric in [
        ChallengeMetric::Sessions,
        ChallengeMetric::Volume,
        ChallengeMetric::Streak,
    ] {
        let stored = create(&store, metric.slug(), metric).await;
        assert_eq!(
            store.challenge(stored.id).await.unwrap(),
            Some(stored.clone())
        );
        assert_eq!(stored.definition.metric, metric);
    }

    // Posting the final results frees the name.
    post_final_results(&store, created.id, start() + Duration::days(31)).await;
    let again = store
        .create_challenge(&new_challenge(GUILD, reps.clone()))
        .await
        .unwrap()
        .expect("the ended challenge's name is free again");
    assert_ne!(again.id, created.id);
    assert!(
        store
            .challenge(created.id)
            .await
            .unwrap()
            .unwrap()
            .posted
            .final_posted
    );
    // ...but only once: the new one holds it now.
    assert_eq!(
        store
            .create_challenge(&new_challenge(GUILD, reps))
            .await
            .unwrap(),
        None
    );
}

async fn listing_suite(store: Arc<dyn Store>) {
    let key = name_key("Spring Sets");
    assert_eq!(
        store.challenge_named(guild(GUILD), &key).await.unwrap(),
        None
    );

    // Two ended runs of one name, long ago and recently, then an open one.
    let long_ago = start() - Duration::days(60);
    let old = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Spring Sets", ChallengeMetric::Sessions, long_ago, 7),
        ))
        .await
        .unwrap()
        .unwrap();
    post_final_results(&store, old.id, long_ago + Duration::days(8)).await;
    assert_eq!(
        store
            .challenge_named(guild(GUILD), &key)
            .await
            .unwrap()
            .map(|c| c.id),
        Some(old.id),
        "only an ended one: that one"
    );

    let lately = start() - Duration::days(8);
    let recent = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Spring  SETS", ChallengeMetric::Sessions, lately, 7),
        ))
        .await
        .unwrap()
        .unwrap();
    post_final_results(&store, recent.id, lately + Duration::days(8)).await;
    assert_eq!(
        store
            .challenge_named(guild(GUILD), &key)
            .await
            .unwrap()
            .map(|c| c.id),
        Some(recent.id),
        "the latest ended one"
    );

    let open = create(&store, "spring sets", ChallengeMetric::Reps).await;
    assert_eq!(
        store.challenge_named(guild(GUILD), &key).await.unwrap(),
        Some(open.clone()),
        "the open one first"
    );
    assert_eq!(
        store
            .challenge_named(guild(OTHER_GUILD), &key)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.challenge_named(guild(GUILD), "spring").await.unwrap(),
        None
    );

    // Its results came 12 hours after its end: recent, although it ended before `since`.
    let since = start() - Duration::days(7);
    let just_before = since - Duration::days(7) - Duration::hours(1);
    let graced = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Graced", ChallengeMetric::Sessions, just_before, 7),
        ))
        .await
        .unwrap()
        .unwrap();
    post_final_results(&store, graced.id, since + Duration::hours(11)).await;
    // Ended early an hour before `since`: its results came then, without a grace period.
    let stopped_start = since - Duration::days(3);
    let stopped = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Stopped", ChallengeMetric::Sessions, stopped_start, 7),
        ))
        .await
        .unwrap()
        .unwrap();
    let stopped_at = since - Duration::hours(1);
    let window = stopped.definition.window.end_early(stopped_at);
    store
        .end_challenge(stopped.id, window, Some(stopped_at))
        .await
        .unwrap()
        .unwrap();
    post_final_results(&store, stopped.id, stopped_at).await;

    let upcoming = store
        .create_challenge(&new_challenge(
            GUILD,
            definition(
                "Later",
                ChallengeMetric::Sessions,
                start() + Duration::days(20),
                7,
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    store
        .create_challenge(&new_challenge(
            OTHER_GUILD,
            definition("Elsewhere", ChallengeMetric::Sessions, start(), 7),
        ))
        .await
        .unwrap()
        .unwrap();

    let listed: Vec<ChallengeId> = store
        .guild_challenges(guild(GUILD), since)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        listed,
        vec![upcoming.id, graced.id, open.id, recent.id],
        "open and recently ended, newest first; not {old:?} or {stopped:?}",
        old = old.id,
        stopped = stopped.id
    );
    let all: Vec<ChallengeId> = store
        .guild_challenges(guild(GUILD), long_ago - Duration::days(1))
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        all,
        vec![
            upcoming.id,
            stopped.id,
            graced.id,
            open.id,
            recent.id,
            old.id
        ]
    );
    assert_eq!(
        store
            .guild_challenges(guild(OTHER_GUILD), since)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn membership_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Sessions", ChallengeMetric::Sessions).await;
    let id = challenge.id;
    set_time_zone(&store, 2, "Asia/Tokyo").await;
    let joined_at = start() - Duration::minutes(30);

    let Joined::New(first) = join(&store, id, 1).await else {
        panic!("a new member")
    };
    assert_eq!(first.user_id, user(1));
    assert_eq!(first.number, 1);
    assert_eq!(first.joined_at, joined_at);
    assert_eq!(first.visibility, Visibility::Public);
    assert!(first.ranked);
    assert_eq!(first.time_zone, chrono_tz::UTC);

    let Joined::New(second) = join(&store, id, 2).await else {
        panic!("a new member")
    };
    assert_eq!(second.number, 2);
    assert_eq!(second.time_zone, chrono_tz::Asia::Tokyo);

    let hidden = NewMember {
        visibility: Visibility::Anonymous,
        ranked: false,
        ..joining(3, joined_at)
    };
    let Joined::New(third) = store.join_challenge(id, &hidden).await.unwrap() else {
        panic!("a new member")
    };
    assert_eq!(third.number, 3);
    assert_eq!(third.visibility, Visibility::Anonymous);
    assert!(!third.ranked);

    // Joining again only updates how they are shown.
    let again = NewMember {
        visibility: Visibility::Anonymous,
        ..joining(1, start() + Duration::hours(5))
    };
    let Joined::Already(first_again) = store.join_challenge(id, &again).await.unwrap() else {
        panic!("already a member")
    };
    assert_eq!(first_again.number, 1);
    assert_eq!(first_again.joined_at, joined_at);
    assert_eq!(first_again.visibility, Visibility::Anonymous);

    // User 2 trains, leaves, and is no longer credited or listed.
    credit(
        &store,
        2,
        start() + Duration::hours(1),
        &[(challenge.clone(), 1)],
    )
    .await;
    credit(
        &store,
        2,
        start() + Duration::hours(2),
        &[(challenge.clone(), 1)],
    )
    .await;
    assert_eq!(
        score(&store, id, 2).await,
        (2, start() + Duration::hours(2))
    );
    let at = start() + Duration::hours(3);
    assert!(store.leave_challenge(id, user(2), at).await.unwrap());
    assert!(
        !store.leave_challenge(id, user(2), at).await.unwrap(),
        "left already"
    );
    assert!(
        !store.leave_challenge(id, user(99), at).await.unwrap(),
        "never joined"
    );
    assert_eq!(store.standing(id, user(2)).await.unwrap(), None);
    let standings = store.standings(id).await.unwrap();
    let listed: Vec<(UserId, u32)> = standings
        .iter()
        .map(|s| (s.member.user_id, s.member.number))
        .collect();
    assert_eq!(listed, vec![(user(1), 1), (user(3), 3)]);
    assert_eq!(standings[0].member.visibility, Visibility::Anonymous);
    credit(
        &store,
        2,
        start() + Duration::hours(4),
        &[(challenge.clone(), 1)],
    )
    .await;
    assert_eq!(
        store.member_entries(id, user(2), 10).await.unwrap().len(),
        2,
        "no credit while away"
    );
    assert!(store
        .running_memberships(guild(GUILD), user(2), start() + Duration::hours(5))
        .await
        .unwrap()
        .is_empty());

    // Back, with the same number and the earlier credit.
    let back = joining(2, start() + Duration::hours(6));
    let Joined::Back(returned) = store.join_challenge(id, &back).await.unwrap() else {
        panic!("back")
    };
    assert_eq!(returned.number, 2);
    assert_eq!(
        score(&store, id, 2).await,
        (2, start() + Duration::hours(2))
    );

    // Numbers are never reused.
    let Joined::New(fourth) = join(&store, id, 4).await else {
        panic!("a new member")
    };
    assert_eq!(fourth.number, 4);
    let numbers: Vec<u32> = store
        .standings(id)
        .await
        .unwrap()
        .iter()
        .map(|s| s.member.number)
        .collect();
    assert_eq!(numbers, vec![1, 2, 3, 4]);

    // Not even once the highest-numbered member's data is deleted: an anonymous "Member #4"
    // already posted must not come to mean someone else.
    store
        .forget_user(user(4), start() + Duration::hours(7))
        .await
        .unwrap();
    let Joined::New(fifth) = join(&store, id, 5).await else {
        panic!("a new member")
    };
    assert_eq!(fifth.number, 5, "number 4 stays taken");

    // Running memberships: only while the challenge runs, only in its guild.
    let running = |at| {
        let store = store.clone();
        async move {
            store
                .running_memberships(guild(GUILD), user(1), at)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(running(start()).await, vec![id]);
    assert_eq!(running(start() - secs(1)).await, vec![]);
    assert_eq!(running(challenge.definition.window.end).await, vec![]);
    assert!(store
        .running_memberships(guild(OTHER_GUILD), user(1), start())
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .running_memberships(guild(GUILD), user(99), start())
        .await
        .unwrap()
        .is_empty());
}

async fn credit_suite(store: Arc<dyn Store>) {
    let sessions = create(&store, "Sessions", ChallengeMetric::Sessions).await;
    let reps = create(&store, "Reps", ChallengeMetric::Reps).await;
    let volume = create(&store, "Volume", ChallengeMetric::Volume).await;
    let team = create(&store, "Team", ChallengeMetric::TeamGoal).await;
    let streak = create(&store, "Streak", ChallengeMetric::Streak).await;
    let not_joined = create(&store, "Not joined", ChallengeMetric::Sessions).await;
    let all = [&sessions, &reps, &volume, &team, &streak];
    for challenge in all {
        join(&store, challenge.id, 1).await;
    }
    join(&store, team.id, 2).await;
    join(&store, not_joined.id, 2).await;
    let credits = |amounts: [i64; 5]| -> Vec<(Challenge, i64)> {
        all.iter()
            .zip(amounts)
            .map(|(challenge, amount)| ((*challenge).clone(), amount))
            .collect()
    };

    let first = start() + Duration::hours(1);
    let second = start() + Duration::hours(2);
    credit(&store, 1, first, &credits([1, 12, 30_000, 1, 1])).await;
    credit(&store, 1, second, &credits([1, 8, 10_000, 1, 1])).await;
    // Outside the window: stored, never counted.
    let end = sessions.definition.window.end;
    credit(&store, 1, start() - secs(1), &credits([1, 100, 100, 1, 1])).await;
    credit(&store, 1, end, &credits([1, 100, 100, 1, 1])).await;
    // A credit to a challenge they did not join, and a zero amount, change nothing.
    credit(
        &store,
        1,
        start() + Duration::hours(3),
        &[(not_joined.clone(), 5), (sessions.clone(), 0)],
    )
    .await;
    // Someone who joined none of these is not credited.
    credit(&store, 3, first, &credits([1, 1, 1, 1, 1])).await;

    assert_eq!(score(&store, sessions.id, 1).await, (2, second));
    assert_eq!(score(&store, reps.id, 1).await, (20, second));
    assert_eq!(score(&store, volume.id, 1).await, (40_000, second));
    assert_eq!(score(&store, team.id, 1).await, (2, second));
    // Both sessions are on one day: a one-day streak, reached by the first.
    assert_eq!(score(&store, streak.id, 1).await, (1, first));
    assert_eq!(
        store
            .member_entries(sessions.id, user(1), 10)
            .await
            .unwrap()
            .len(),
        4
    );
    let newest = store.member_entries(reps.id, user(1), 1).await.unwrap();
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].entry.at, end);
    assert_eq!(newest[0].entry.amount, 100);
    assert_eq!(newest[0].entry.source, EntrySource::Workout);
    assert!(!newest[0].entry.voided);
    assert!(store
        .member_entries(not_joined.id, user(1), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(score(&store, not_joined.id, 2).await.0, 0);
    for challenge in all {
        assert!(store
            .member_entries(challenge.id, user(3), 10)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(store.standing(challenge.id, user(3)).await.unwrap(), None);
    }

    // A member without credit scores 0, reached when they joined.
    assert_eq!(
        score(&store, team.id, 2).await,
        (0, start() - Duration::minutes(30))
    );
    credit(
        &store,
        2,
        start() + Duration::hours(4),
        &[(team.clone(), 3)],
    )
    .await;
    let team_scores: Vec<i64> = store
        .standings(team.id)
        .await
        .unwrap()
        .iter()
        .map(|s| s.score.value)
        .collect();
    assert_eq!(team_scores, vec![2, 3]);
}

async fn streak_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Streak", ChallengeMetric::Streak).await;
    let zone = chrono_tz::America::Los_Angeles;
    set_time_zone(&store, 1, "America/Los_Angeles").await;
    set_time_zone(&store, 2, "UTC").await;
    join(&store, challenge.id, 1).await;
    join(&store, challenge.id, 2).await;
    assert_eq!(
        store
            .standing(challenge.id, user(1))
            .await
            .unwrap()
            .unwrap()
            .member
            .time_zone,
        zone
    );

    // Local dates in Los Angeles (UTC-8): Jan 4, Jan 4, Jan 5, Jan 6, Jan 9.
    // UTC dates: Jan 4, Jan 5, Jan 6, Jan 7, Jan 9.
    let sessions = [
        utc("2027-01-04T20:00:00Z"),
        utc("2027-01-05T06:00:00Z"),
        utc("2027-01-06T07:30:00Z"),
        utc("2027-01-07T03:00:00Z"),
        utc("2027-01-09T20:00:00Z"),
    ];
    for at in sessions {
        credit(&store, 1, at, &[(challenge.clone(), 1)]).await;
        credit(&store, 2, at, &[(challenge.clone(), 1)]).await;
    }
    let local = longest_streak(sessions, zone);
    let in_utc = longest_streak(sessions, chrono_tz::UTC);
    assert_ne!(local.days, in_utc.days, "the zone must matter here");
    assert_eq!(
        score(&store, challenge.id, 1).await,
        (i64::from(local.days), local.reached_at.unwrap())
    );
    assert_eq!(
        score(&store, challenge.id, 2).await,
        (i64::from(in_utc.days), in_utc.reached_at.unwrap())
    );
}

async fn manual_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Reps", ChallengeMetric::Reps).await;
    let other = create(&store, "Other reps", ChallengeMetric::Reps).await;
    let id = challenge.id;
    join(&store, id, 1).await;
    join(&store, other.id, 1).await;
    let moderator = user(9);
    let hour = |h: i64| start() + Duration::hours(h);

    credit(&store, 1, hour(1), &[(challenge.clone(), 10)]).await;
    let log = |at: DateTime<Utc>, amount: i64, logged_at: DateTime<Utc>| ManualLog {
        challenge_id: id,
        user_id: user(1),
        at,
        amount,
        logged_at,
    };
    let first = store
        .log_manual(&log(hour(2), 15, hour(2)))
        .await
        .unwrap()
        .unwrap();
    let second = store
        .log_manual(&log(hour(3), 5, hour(3)))
        .await
        .unwrap()
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(score(&store, id, 1).await, (30, hour(3)));
    let logged = |entry_id, amount, at| AuditRecord {
        entry_id,
        action: AuditAction::Log,
        actor_id: user(1),
        member_id: user(1),
        amount,
        at,
    };
    assert_eq!(
        store.audit_trail(id, 10).await.unwrap(),
        vec![logged(second, 5, hour(3)), logged(first, 15, hour(2))]
    );
    assert_eq!(store.audit_trail(id, 1).await.unwrap().len(), 1);
    assert!(store.audit_trail(other.id, 10).await.unwrap().is_empty());

    // Sums by when the log was made, in [from, to); workouts are not manual.
    let manual = |user_id: u64, from, to| {
        let store = store.clone();
        async move {
            store
                .manually_logged(id, user(user_id), from, to)
                .await
                .unwrap()
        }
    };
    assert_eq!(manual(1, start(), hour(24)).await, 20);
    assert_eq!(manual(1, hour(2), hour(3)).await, 15);
    assert_eq!(manual(1, hour(3), hour(4)).await, 5);
    assert_eq!(manual(1, hour(4), hour(24)).await, 0);
    assert_eq!(manual(2, start(), hour(24)).await, 0);

    // A late log, during the grace period, is credited at the last second of the run but
    // counted on the day it was made.
    let end = challenge.definition.window.end;
    let last_second = challenge
        .definition
        .window
        .manual_log_instant(end + secs(3600))
        .unwrap();
    assert_eq!(last_second, end - secs(1));
    let late = store
        .log_manual(&log(last_second, 7, end + secs(3600)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(manual(1, end, end + Duration::hours(2)).await, 7);
    assert_eq!(manual(1, end - Duration::hours(2), end).await, 0);
    assert_eq!(score(&store, id, 1).await, (37, last_second));

    // Voiding: once, audited with the actor, and the score drops with its instant.
    let voided = store
        .void_entry(id, late, moderator, end + secs(7200))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(voided.id, late);
    assert_eq!(voided.entry.user_id, user(1));
    assert_eq!(voided.entry.amount, 7);
    assert_eq!(voided.entry.at, last_second);
    assert_eq!(voided.entry.source, EntrySource::Manual);
    assert!(voided.entry.voided);
    assert_eq!(
        store
            .void_entry(id, late, moderator, end + secs(7300))
            .await
            .unwrap(),
        None,
        "voided already"
    );
    assert_eq!(score(&store, id, 1).await, (30, hour(3)));
    assert_eq!(
        store.audit_trail(id, 1).await.unwrap(),
        vec![AuditRecord {
            entry_id: late,
            action: AuditAction::Void,
            actor_id: moderator,
            member_id: user(1),
            amount: 7,
            at: end + secs(7200),
        }]
    );
    assert_eq!(manual(1, end, end + Duration::hours(2)).await, 0);

    store
        .void_entry(id, second, moderator, hour(5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(score(&store, id, 1).await, (25, hour(2)));
    assert_eq!(manual(1, start(), hour(24)).await, 15);

    // A workout entry can be voided too.
    let entries = store.member_entries(id, user(1), 10).await.unwrap();
    let ids: Vec<_> = entries
        .iter()
        .map(|e| (e.entry.amount, e.entry.voided))
        .collect();
    assert_eq!(ids, vec![(7, true), (5, true), (15, false), (10, false)]);
    let workout = entries[3];
    assert_eq!(workout.entry.source, EntrySource::Workout);

    // Not through another challenge.
    assert_eq!(
        store
            .void_entry(other.id, workout.id, moderator, hour(6))
            .await
            .unwrap(),
        None
    );
    assert_eq!(score(&store, id, 1).await, (25, hour(2)));
    assert!(store.audit_trail(other.id, 10).await.unwrap().is_empty());
    store
        .void_entry(id, workout.id, moderator, hour(6))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(score(&store, id, 1).await, (15, hour(2)));
    store
        .void_entry(id, first, moderator, hour(7))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        score(&store, id, 1).await,
        (0, start() - Duration::minutes(30)),
        "nothing left: reached when they joined"
    );
    assert_eq!(store.audit_trail(id, 100).await.unwrap().len(), 7);

    // Someone who is not a member cannot log.
    assert_eq!(
        store
            .log_manual(&ManualLog {
                user_id: user(2),
                ..log(hour(8), 3, hour(8))
            })
            .await
            .unwrap(),
        None
    );
    store.leave_challenge(id, user(1), hour(9)).await.unwrap();
    assert_eq!(
        store.log_manual(&log(hour(9), 3, hour(9))).await.unwrap(),
        None
    );
    assert_eq!(store.audit_trail(id, 100).await.unwrap().len(), 7);
}

async fn improvement_suite(store: Arc<dyn Store>) {
    let fresh = create(&store, "Gains", ChallengeMetric::Improvement).await;
    let with_baseline = create(&store, "More gains", ChallengeMetric::Improvement).await;
    let squat = store
        .create_challenge(&NewChallenge {
            exercise: Some(ExerciseRef {
                key: "squat".into(),
                name: "Squat".into(),
            }),
            ..new_challenge(
                GUILD,
                definition("Squats", ChallengeMetric::Improvement, start(), 14),
            )
        })
        .await
        .unwrap()
        .unwrap();
    let later = store
        .create_challenge(&new_challenge(
            GUILD,
            definition(
                "Later gains",
                ChallengeMetric::Improvement,
                start() + Duration::days(30),
                14,
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    let sessions = create(&store, "Sessions", ChallengeMetric::Sessions).await;
    for challenge in [&fresh, &squat, &later, &sessions] {
        join(&store, challenge.id, 1).await;
    }
    let member = NewMember {
        baseline_kg: Some(100.0),
        ..joining(1, start() - Duration::minutes(30))
    };
    store
        .join_challenge(with_baseline.id, &member)
        .await
        .unwrap();
    join(&store, with_baseline.id, 2).await;
    let standing = |id| {
        let store = store.clone();
        async move { store.standing(id, user(1)).await.unwrap().unwrap() }
    };
    assert_eq!(standing(with_baseline.id).await.baseline_kg, Some(100.0));
    assert_eq!(standing(fresh.id).await.baseline_kg, None);
    let hour = |h: i64| start() + Duration::hours(h);

    // The first 1RM is the baseline where there is none; a gain raises the score.
    let mut changed = store
        .record_improvement(user(1), "leg_press", 120.0, hour(1))
        .await
        .unwrap();
    changed.sort();
    assert_eq!(changed, vec![with_baseline.id]);
    let fresh_standing = standing(fresh.id).await;
    assert_eq!(fresh_standing.baseline_kg, Some(120.0));
    assert_eq!(fresh_standing.score.value, 0);
    assert_eq!(
        (
            standing(with_baseline.id).await.score.value,
            standing(with_baseline.id).await.score.reached_at
        ),
        (improvement_units(100.0, 120.0).unwrap(), hour(1))
    );
    assert_eq!(improvement_units(100.0, 120.0), Some(2000));

    // Lower: no change anywhere.
    let changed = store
        .record_improvement(user(1), "leg_press", 110.0, hour(2))
        .await
        .unwrap();
    assert!(changed.is_empty());
    assert_eq!(standing(with_baseline.id).await.score.value, 2000);
    assert_eq!(standing(with_baseline.id).await.score.reached_at, hour(1));
    assert_eq!(standing(fresh.id).await.score.value, 0);
    assert_eq!(standing(fresh.id).await.baseline_kg, Some(120.0));

    // Higher: both rise.
    let mut changed = store
        .record_improvement(user(1), "leg_press", 132.0, hour(3))
        .await
        .unwrap();
    changed.sort();
    let mut expected = vec![fresh.id, with_baseline.id];
    expected.sort();
    assert_eq!(changed, expected);
    assert_eq!(
        standing(fresh.id).await.score.value,
        improvement_units(120.0, 132.0).unwrap()
    );
    assert_eq!(standing(fresh.id).await.score.reached_at, hour(3));
    assert_eq!(
        standing(with_baseline.id).await.score.value,
        improvement_units(100.0, 132.0).unwrap()
    );

    // Not another exercise, another member, a challenge not running, or another metric.
    for id in [squat.id, later.id, sessions.id] {
        let other = standing(id).await;
        assert_eq!(other.baseline_kg, None);
        assert_eq!(other.score.value, 0);
    }
    assert_eq!(
        store
            .standing(with_baseline.id, user(2))
            .await
            .unwrap()
            .unwrap()
            .score
            .value,
        0
    );
    // Nor after the end.
    let end = fresh.definition.window.end;
    assert!(store
        .record_improvement(user(1), "leg_press", 200.0, end)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(standing(fresh.id).await.score.reached_at, hour(3));
    // Nor for someone who left.
    store
        .leave_challenge(fresh.id, user(1), hour(4))
        .await
        .unwrap();
    assert_eq!(
        store
            .record_improvement(user(1), "leg_press", 150.0, hour(5))
            .await
            .unwrap(),
        vec![with_baseline.id]
    );
}

async fn end_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Sessions", ChallengeMetric::Sessions).await;
    join(&store, challenge.id, 1).await;
    let now = start() + Duration::days(3);
    credit(&store, 1, now - secs(60), &[(challenge.clone(), 1)]).await;

    let window = challenge.definition.window.end_early(now);
    let ended = store
        .end_challenge(challenge.id, window, Some(now))
        .await
        .unwrap()
        .unwrap();
    assert!(ended.definition.window.ended_early);
    assert_eq!(ended.definition.window.end, now);
    assert!(store::is_open(&challenge, now));
    assert!(
        !store::is_open(&ended, now),
        "ended early: the results are due at once"
    );
    assert_eq!(ended.definition.window.start, start());
    assert_eq!(ended.next_post_at, Some(now));
    assert_eq!(
        store.challenge(challenge.id).await.unwrap(),
        Some(ended.clone())
    );
    // Only once.
    let later = ended.definition.window.end_early(now + secs(60));
    assert_eq!(
        store
            .end_challenge(challenge.id, later, Some(now + secs(60)))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .end_challenge(
                challenge.id,
                challenge.definition.window.end_early(now - secs(10)),
                None
            )
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.challenge(challenge.id).await.unwrap(), Some(ended));
    // Nothing after the new end counts.
    credit(&store, 1, now + secs(60), &[(challenge.clone(), 1)]).await;
    assert_eq!(score(&store, challenge.id, 1).await, (1, now - secs(60)));

    // A challenge past its end is not ended early.
    let past_start = start() - Duration::days(20);
    let past = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Past", ChallengeMetric::Sessions, past_start, 7),
        ))
        .await
        .unwrap()
        .unwrap();
    let unchanged = past.definition.window.end_early(now);
    assert!(!unchanged.ended_early);
    assert_eq!(
        store
            .end_challenge(past.id, unchanged, Some(now))
            .await
            .unwrap(),
        None
    );

    // One that has not started ends at its start.
    let upcoming = store
        .create_challenge(&new_challenge(
            GUILD,
            definition(
                "Upcoming",
                ChallengeMetric::Sessions,
                now + Duration::days(2),
                7,
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    let window = upcoming.definition.window.end_early(now);
    let ended = store
        .end_challenge(upcoming.id, window, Some(now))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ended.definition.window.end, ended.definition.window.start);
    assert!(ended.definition.window.ended_early);
}

async fn posting_suite(store: Arc<dyn Store>) {
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        None
    );
    let challenge = create(&store, "Sessions", ChallengeMetric::Sessions).await;
    let id = challenge.id;
    let created = challenge.created_at;
    let at = |seconds: i64| created + secs(seconds);
    assert_eq!(challenge.board_due_at, Some(created));
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        Some(created)
    );
    // The console's poster neither sees nor claims a Discord guild's challenge.
    let console = GuildScope::Only(GuildId::new(CONSOLE_GUILD).unwrap());
    assert_eq!(store.next_challenge_post_at(console).await.unwrap(), None);
    let console_claim = PostClaim {
        scope: console,
        ..claim("console", created)
    };
    assert!(store
        .claim_due_challenges(console_claim, 100)
        .await
        .unwrap()
        .is_empty());

    // Not due before its time; claimed once; taken over after the lease.
    assert!(store
        .claim_due_challenges(claim("a", at(-1)), 10)
        .await
        .unwrap()
        .is_empty());
    let claimed = store
        .claim_due_challenges(claim("a", at(1)), 10)
        .await
        .unwrap();
    assert_eq!(claimed, vec![challenge.clone()]);
    assert!(store
        .claim_due_challenges(claim("b", at(2)), 10)
        .await
        .unwrap()
        .is_empty());
    assert!(
        store
            .claim_due_challenges(claim("b", at(61)), 10)
            .await
            .unwrap()
            .is_empty(),
        "the lease lasts until its end"
    );
    let claimed = store
        .claim_due_challenges(claim("b", at(62)), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);

    // The first owner lost it: its report changes nothing.
    store
        .board_done(id, "a", Some(5), at(63), created)
        .await
        .unwrap();
    assert_eq!(
        store.challenge(id).await.unwrap().unwrap().board_message_id,
        None
    );

    let message_id = i64::MAX as u64;
    store
        .board_done(
            id,
            "b",
            Some(message_id),
            at(63),
            claimed[0].board_due_at.unwrap(),
        )
        .await
        .unwrap();
    let done = store.challenge(id).await.unwrap().unwrap();
    assert_eq!(done.board_message_id, Some(message_id));
    assert_eq!(done.board_edited_at, Some(at(63)));
    assert_eq!(done.board_due_at, None);
    store.release_challenge(id, "b", None).await.unwrap();
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        challenge.next_post_at,
        "only the weekly summary is left"
    );
    assert!(store
        .claim_due_challenges(claim("a", at(64)), 10)
        .await
        .unwrap()
        .is_empty());

    // A change is shown at most a minute after the last edit.
    let interval = LEADERBOARD_EDIT_INTERVAL_SECONDS;
    store.join_challenge(id, &joining(1, at(90))).await.unwrap();
    let due = at(63 + interval);
    assert_eq!(
        store.challenge(id).await.unwrap().unwrap().board_due_at,
        Some(due)
    );
    credit(&store, 1, at(100), &[(challenge.clone(), 1)]).await;
    assert_eq!(
        store.challenge(id).await.unwrap().unwrap().board_due_at,
        Some(due)
    );
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        Some(due)
    );
    assert!(store
        .claim_due_challenges(claim("a", due - secs(1)), 10)
        .await
        .unwrap()
        .is_empty());
    let claimed = store
        .claim_due_challenges(claim("a", due), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let due_seen = claimed[0].board_due_at.unwrap();
    assert_eq!(due_seen, due);

    // A credit while the board is being edited: the edit did not show it, so it stays
    // due, a minute after this edit.
    credit(&store, 1, due + secs(2), &[(challenge.clone(), 1)]).await;
    let edited = due + secs(3);
    store
        .board_done(id, "a", Some(message_id), edited, due_seen)
        .await
        .unwrap();
    let after = store.challenge(id).await.unwrap().unwrap();
    assert_eq!(after.board_edited_at, Some(edited));
    assert_eq!(
        after.board_due_at,
        Some(edited + secs(interval)),
        "a newer credit keeps the board due, a minute after the edit"
    );
    store.release_challenge(id, "a", None).await.unwrap();
    assert!(store
        .claim_due_challenges(claim("b", edited + secs(30)), 10)
        .await
        .unwrap()
        .is_empty());
    let claimed = store
        .claim_due_challenges(claim("b", edited + secs(interval)), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    store
        .board_done(
            id,
            "b",
            Some(message_id),
            edited + secs(interval),
            claimed[0].board_due_at.unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        store.challenge(id).await.unwrap().unwrap().board_due_at,
        None
    );

    // Scheduled posts: markers and the next one; only by the owner.
    let week = PostedMarkers {
        last_week_posted: 1,
        final_posted: false,
    };
    let retry_due = edited + secs(200);
    store.posts_done(id, "a", week, None).await.unwrap();
    assert_eq!(
        store.challenge(id).await.unwrap().unwrap().posted,
        PostedMarkers::default()
    );
    store
        .posts_done(id, "b", week, Some(retry_due))
        .await
        .unwrap();
    let posted = store.challenge(id).await.unwrap().unwrap();
    assert_eq!(posted.posted, week);
    assert_eq!(posted.next_post_at, Some(retry_due));

    // Released for a retry: not claimed, nor reported due, before the retry.
    let retry_at = retry_due + secs(300);
    store
        .release_challenge(id, "b", Some(retry_at))
        .await
        .unwrap();
    assert!(store
        .claim_due_challenges(claim("a", retry_due + secs(1)), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        Some(retry_at)
    );

    // The earliest of several challenges.
    let second = store
        .create_challenge(&new_challenge(
            GUILD,
            definition("Second", ChallengeMetric::Reps, start(), 7),
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(second.created_at < retry_at);
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        Some(second.created_at)
    );

    let claimed = store
        .claim_due_challenges(claim("a", retry_at + secs(1)), 1)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1, "up to the limit");
    let claimed_rest = store
        .claim_due_challenges(claim("a", retry_at + secs(1)), 10)
        .await
        .unwrap();
    assert_eq!(claimed_rest.len(), 1);
    let mut both = vec![claimed[0].id, claimed_rest[0].id];
    both.sort();
    assert_eq!(both, vec![id, second.id]);

    // The results: nothing more is due, not even the board after a credit.
    let final_posted = PostedMarkers {
        last_week_posted: 2,
        final_posted: true,
    };
    store.posts_done(id, "a", final_posted, None).await.unwrap();
    store.release_challenge(id, "a", None).await.unwrap();
    let second_due = store
        .challenge(second.id)
        .await
        .unwrap()
        .unwrap()
        .board_due_at
        .unwrap();
    store
        .board_done(second.id, "a", Some(77), retry_at + secs(2), second_due)
        .await
        .unwrap();
    store
        .posts_done(second.id, "a", PostedMarkers::default(), None)
        .await
        .unwrap();
    store.release_challenge(second.id, "a", None).await.unwrap();
    credit(&store, 1, retry_at + secs(3), &[(challenge.clone(), 1)]).await;
    let finished = store.challenge(id).await.unwrap().unwrap();
    assert_eq!(finished.posted, final_posted);
    assert_eq!(finished.next_post_at, None);
    assert_eq!(
        store.next_challenge_post_at(discord_scope()).await.unwrap(),
        None
    );
}

async fn concurrency_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Reps", ChallengeMetric::Reps).await;
    join(&store, challenge.id, 1).await;
    let now = start();

    let (a, b) = tokio::join!(
        store.claim_due_challenges(claim("a", now), 10),
        store.claim_due_challenges(claim("b", now), 10),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 1, "exactly one owner: {a:?} {b:?}");

    let mut tasks = tokio::task::JoinSet::new();
    for amount in 1..=20 {
        let store = store.clone();
        let credit = Credit {
            challenge_id: challenge.id,
            amount,
        };
        tasks.spawn(async move {
            store
                .credit_workout(user(1), now + secs(amount), &[credit])
                .await
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(score(&store, challenge.id, 1).await, (210, now + secs(20)));
    assert_eq!(
        store
            .member_entries(challenge.id, user(1), 100)
            .await
            .unwrap()
            .len(),
        20
    );

    // Two members credited in several challenges, listed in opposite orders.
    let mut challenges = vec![challenge.clone()];
    for name in ["Reps 2", "Reps 3"] {
        challenges.push(create(&store, name, ChallengeMetric::Reps).await);
    }
    for c in &challenges {
        join(&store, c.id, 1).await;
        join(&store, c.id, 2).await;
    }
    let forward: Vec<Credit> = challenges
        .iter()
        .map(|c| Credit {
            challenge_id: c.id,
            amount: 1,
        })
        .collect();
    let backward: Vec<Credit> = forward.iter().rev().copied().collect();
    for round in 0..10 {
        let at = now + Duration::hours(1) + secs(round);
        let (one, two) = tokio::join!(
            store.credit_workout(user(1), at, &forward),
            store.credit_workout(user(2), at, &backward),
        );
        one.unwrap();
        two.unwrap();
    }
    for c in &challenges[1..] {
        assert_eq!(score(&store, c.id, 1).await.0, 10);
        assert_eq!(score(&store, c.id, 2).await.0, 10);
    }
}

/// The page read for a leaderboard agrees with the domain's ranking of every member.
async fn leaderboard_page_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Page", ChallengeMetric::Reps).await;
    for member in 1..=8 {
        join(&store, challenge.id, member).await;
    }
    // Member 8 takes part unranked; member 7 leaves.
    let unranked = NewMember {
        ranked: false,
        ..joining(8, start() - Duration::minutes(30))
    };
    store.join_challenge(challenge.id, &unranked).await.unwrap();
    let at = |hours| start() + Duration::hours(hours);
    // Ties on 50 reps: member 3 reached it first; members 4 and 5 reach it at the same
    // time, so join order decides.
    for (member, hours, reps) in [
        (1, 1, 30),
        (2, 2, 80),
        (3, 3, 50),
        (4, 4, 50),
        (5, 4, 50),
        (6, 5, 10),
        (7, 6, 99),
        (8, 7, 500),
    ] {
        credit(&store, member, at(hours), &[(challenge.clone(), reps)]).await;
    }
    assert!(store
        .leave_challenge(challenge.id, user(7), at(8))
        .await
        .unwrap());

    let standings = store.standings(challenge.id).await.unwrap();
    let members: Vec<_> = standings.iter().map(|s| s.member).collect();
    let scores: Vec<_> = standings.iter().map(|s| s.score).collect();
    let expected: Vec<UserId> = bfr_coach::domain::challenge::rank_members(&members, &scores)
        .iter()
        .map(|s| s.member.user_id)
        .collect();
    assert_eq!(expected, [2, 3, 4, 5, 1, 6].map(user));

    let page = store
        .leaderboard_page(challenge.id, Some(user(6)), 3)
        .await
        .unwrap();
    let top: Vec<UserId> = page.top.iter().map(|s| s.member.user_id).collect();
    assert_eq!(top, expected[..3]);
    assert_eq!(page.ranked_count, 6);
    assert_eq!(
        page.total,
        30 + 80 + 50 * 3 + 10 + 500,
        "the unranked count, the leaver not"
    );
    let (own, rank) = page.viewer.clone().expect("a member");
    assert_eq!((own.member.user_id, rank), (user(6), Some(6)));
    for (position, member) in expected.iter().enumerate() {
        let page = store
            .leaderboard_page(challenge.id, Some(*member), 10)
            .await
            .unwrap();
        assert_eq!(
            page.viewer.unwrap().1,
            Some(position as u32 + 1),
            "{member}"
        );
    }
    let unranked = store
        .leaderboard_page(challenge.id, Some(user(8)), 10)
        .await
        .unwrap();
    assert_eq!(unranked.viewer.unwrap().1, None);
    let stranger = store
        .leaderboard_page(challenge.id, Some(user(7)), 10)
        .await
        .unwrap();
    assert!(stranger.viewer.is_none(), "a member who left");
    assert_eq!(stranger.top.len(), 6);
}

// ---------------------------------------------------------------------------------------
// Group workouts

fn new_group_session(challenge: &Challenge, leader: u64) -> NewGroupSession {
    NewGroupSession {
        challenge_id: challenge.id,
        leader_id: user(leader),
        exercise: ExerciseRef {
            key: "leg_press".into(),
            name: "Leg press".into(),
        },
        protocol: "standard".into(),
        percent: 30.0,
        limb: bfr_coach::domain::strength::Limb::Leg,
        planned_reps: vec![30, 15, 15, 15],
        rest_seconds: 30,
        created_at: start() + secs(60),
    }
}

fn in_now(session: &GroupSession) -> Vec<(u64, u32)> {
    session
        .participants
        .iter()
        .map(|p| (p.user_id.get(), p.joined_after_set))
        .collect()
}

async fn toggle(
    store: &Arc<dyn Store>,
    session: &GroupSession,
    who: u64,
    cap: usize,
) -> GroupToggle {
    store
        .toggle_group_participant(session.id, user(who), cap, start() + secs(90))
        .await
        .unwrap()
}

async fn group_session_suite(store: Arc<dyn Store>) {
    let challenge = create(&store, "Group BFR", ChallengeMetric::Reps).await;
    let leader = CREATOR;
    let session = store
        .create_group_session(&new_group_session(&challenge, leader))
        .await
        .unwrap();
    assert_eq!(
        in_now(&session),
        [(leader, 0)],
        "the leader is in from the start"
    );
    assert_eq!(session.planned_reps, [30, 15, 15, 15]);
    assert_eq!((session.sets_done, session.rest_seconds), (0, 30));
    assert!(!session.is_completed());
    let read = store.group_session(session.id).await.unwrap().unwrap();
    assert_eq!(read, session, "what was stored reads back");

    // I'm in toggles; the leader stays; the capacity counts the leader.
    let GroupToggle::Joined(joined) = toggle(&store, &session, 11, 3).await else {
        panic!("11 joins");
    };
    assert_eq!(in_now(&joined), [(leader, 0), (11, 0)]);
    assert!(matches!(
        toggle(&store, &session, 12, 3).await,
        GroupToggle::Joined(_)
    ));
    assert_eq!(toggle(&store, &session, 13, 3).await, GroupToggle::Full);
    assert_eq!(
        toggle(&store, &session, leader, 3).await,
        GroupToggle::LeaderStays
    );
    let GroupToggle::Left(left) = toggle(&store, &session, 12, 3).await else {
        panic!("12 leaves");
    };
    assert_eq!(in_now(&left), [(leader, 0), (11, 0)]);

    // Sets are recorded once each, in order.
    let first = store.record_group_set_done(session.id, 1).await.unwrap();
    assert_eq!(first.map(|s| s.sets_done), Some(1));
    assert_eq!(
        store.record_group_set_done(session.id, 1).await.unwrap(),
        None,
        "twice"
    );
    assert_eq!(
        store.record_group_set_done(session.id, 3).await.unwrap(),
        None,
        "skipped"
    );
    // Joining after set 1: only later sets are theirs.
    let GroupToggle::Joined(late) = toggle(&store, &session, 12, 3).await else {
        panic!("12 joins again");
    };
    assert_eq!(in_now(&late), [(leader, 0), (11, 0), (12, 1)]);
    assert_eq!(
        store
            .record_group_set_done(session.id, 2)
            .await
            .unwrap()
            .map(|s| s.sets_done),
        Some(2)
    );

    // Completing: a stale read is refused, then exactly one completion wins.
    let at = start() + secs(600);
    assert_eq!(
        store
            .complete_group_session(session.id, 1, 1, at)
            .await
            .unwrap(),
        None,
        "set 2 was recorded since"
    );
    let done = store
        .complete_group_session(session.id, 2, 2, at)
        .await
        .unwrap()
        .expect("the first completion");
    assert_eq!(done.sets_done, 2);
    assert_eq!(done.completed_at, Some(at));
    assert_eq!(in_now(&done), [(leader, 0), (11, 0), (12, 1)]);
    assert_eq!(
        store
            .complete_group_session(session.id, 2, 4, at)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.record_group_set_done(session.id, 3).await.unwrap(),
        None
    );
    assert_eq!(toggle(&store, &session, 13, 3).await, GroupToggle::Closed);
    let read = store.group_session(session.id).await.unwrap().unwrap();
    assert_eq!(read, done, "nothing changed after the end");

    // Finishing completes the plan.
    let other = store
        .create_group_session(&new_group_session(&challenge, 11))
        .await
        .unwrap();
    assert_ne!(other.id, session.id);
    for set in 1..=3 {
        assert!(store
            .record_group_set_done(other.id, set)
            .await
            .unwrap()
            .is_some());
    }
    let finished = store
        .complete_group_session(other.id, 3, 4, at)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(finished.sets_done, 4);
    assert_eq!(in_now(&finished), [(11, 0)]);
}
