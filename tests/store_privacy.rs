//! A person's data: export, deletion that cannot forget a table, and pruning by age. Run on
//! SQLite always and on PostgreSQL when TEST_POSTGRES_URL is set.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::str::FromStr as _;
use std::sync::Arc;

use bfr_coach::app::pruner::{self, Pruned, PrunerConfig};
use bfr_coach::domain::challenge::{ChallengeDefinition, ChallengeMetric, Visibility};
use bfr_coach::domain::ids::{ChannelId, GuildId, MessageId, RoleId, UserId};
use bfr_coach::domain::privacy::{Retention, FORGOTTEN_USER};
use bfr_coach::domain::screening::ScreeningOutcome;
use bfr_coach::domain::strength::{Limb, Unit};
use bfr_coach::store::{
    ChallengeId, ExerciseRef, ForgottenUser, GroupSessionId, GroupToggle, ManualLog, NewChallenge,
    NewGroupSession, NewMember, NewOneRepMax, NewTrainingSession, OneRepMaxSource, Store,
    UserSettings,
};
use bfr_coach::timers::{NewRestTimer, TimerId};
use chrono::{DateTime, Duration, Utc};
use sqlx::Connection as _;

/// Runs `suite` with the store and its URL (to read the schema and rows directly) against a
/// fresh SQLite database and, when configured, a fresh PostgreSQL schema.
macro_rules! on_both_backends {
    ($name:ident, $suite:ident) => {
        #[tokio::test]
        async fn $name() {
            support::on_each_backend(stringify!($name), |store, url| async move {
                $suite(store, &url).await
            })
            .await;
        }
    };
}

on_both_backends!(deleting_a_user_leaves_no_row_about_them, forget_suite);
on_both_backends!(export_holds_everything_about_the_user, export_suite);
on_both_backends!(finished_rests_and_old_screenings_are_pruned, prune_suite);
on_both_backends!(the_pruner_runs_at_start_and_stops_on_shutdown, pruner_suite);

/// The person who asks, and someone else who shares a rest and a challenge with them.
const ME: u64 = 4_611_686_018_427_387_905;
const OTHER: u64 = 4_611_686_018_427_387_906;
const GUILD: u64 = 9_000_000_000_000_000_001;
const CHANNEL: u64 = 9_000_000_000_000_000_002;

fn user(id: u64) -> UserId {
    UserId::new(id).unwrap()
}

fn channel(id: u64) -> ChannelId {
    ChannelId::new(id).unwrap()
}

/// THE RULE for "this column holds a user ID", by name alone, deny by default: every
/// column named `*_id` or `*_ids` holds users unless its name says it holds something else:
/// `id` itself (a row), or it ends in `guild_id`, `channel_id`, `message_id`,
/// `role_id`/`role_ids`, `challenge_id`, `entry_id` or `session_id` (a workout's row, as
/// in `group_session_id`). So `user_id`, `creator_id`, `actor_id`, `member_id`,
/// `leader_id`, `ping_user_ids`, and any new `*_user_id(s)` are user columns; a new column
/// of another kind must be named here to pass.
fn holds_user_ids(column: &str) -> bool {
    const NOT_USERS: [&str; 8] = [
        "guild_id",
        "channel_id",
        "message_id",
        "role_id",
        "role_ids",
        "challenge_id",
        "entry_id",
        "session_id",
    ];
    (column.ends_with("_id") || column.ends_with("_ids"))
        && !NOT_USERS.iter().any(|kind| column.ends_with(kind))
}

/// `*_ids` columns are comma-separated lists in text; the others are integers.
fn is_list(column: &str) -> bool {
    column.ends_with("_ids")
}

#[test]
fn the_rule_catches_new_user_columns() {
    for column in [
        "user_id",
        "creator_id",
        "actor_id",
        "member_id",
        "ping_user_ids",
        "leader_id",
        "invited_user_id",
        "co_owner_ids",
        "session_user_id",
    ] {
        assert!(holds_user_ids(column), "{column}");
    }
    for column in [
        "id",
        "guild_id",
        "channel_id",
        "ask_channel_id",
        "coach_role_id",
        "ping_role_ids",
        "board_message_id",
        "challenge_id",
        "entry_id",
        "group_session_id",
        "session_id",
        "user_settings",
    ] {
        assert!(!holds_user_ids(column), "{column}");
    }
}

/// A direct connection, to read the schema and rows behind the store's back.
enum Db {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Db {
    async fn open(url: &str) -> Db {
        if url.starts_with("sqlite:") {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                .unwrap()
                .busy_timeout(std::time::Duration::from_secs(10));
            Db::Sqlite(
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .unwrap(),
            )
        } else {
            Db::Postgres(sqlx::PgConnection::connect(url).await.unwrap())
        }
    }

    /// Every (table, column) of the bot's schema, from the database's own catalogue.
    async fn columns(&mut self) -> Vec<(String, String)> {
        let mut columns: Vec<(String, String)> = match self {
            Db::Sqlite(conn) => sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                 AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(conn)
            .await
            .unwrap(),
            Db::Postgres(conn) => sqlx::query_as(
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(conn)
            .await
            .unwrap(),
        };
        columns.sort();
        assert!(
            columns.len() > 20,
            "the catalogue query sees the schema: {columns:?}"
        );
        columns
    }

    /// Rows of `table` whose `column` names `user`.
    async fn mentions(&mut self, table: &str, column: &str, user: u64) -> i64 {
        let sql = if is_list(column) {
            format!("SELECT COUNT(*) FROM {table} WHERE ',' || {column} || ',' LIKE '%,{user},%'")
        } else {
            format!("SELECT COUNT(*) FROM {table} WHERE {column} = {user}")
        };
        match self {
            Db::Sqlite(conn) => sqlx::query_scalar(&sql).fetch_one(conn).await.unwrap(),
            Db::Postgres(conn) => sqlx::query_scalar(&sql).fetch_one(conn).await.unwrap(),
        }
    }

    async fn close(self) {
        match self {
            Db::Sqlite(conn) => conn.close().await.unwrap(),
            Db::Postgres(conn) => conn.close().await.unwrap(),
        }
    }
}

/// Every user column in the schema, by THE RULE.
async fn user_columns(db: &mut Db) -> Vec<(String, String)> {
    db.columns()
        .await
        .into_iter()
        .filter(|(_, column)| holds_user_ids(column))
        .collect()
}

fn rest(owner: u64, channel_id: u64, also: &[u64], ends_at_ms: i64) -> NewRestTimer {
    let mut ping_user_ids = vec![user(owner)];
    ping_user_ids.extend(also.iter().map(|&id| user(id)));
    NewRestTimer {
        user_id: user(owner),
        channel_id: channel(channel_id),
        guild_id: GuildId::new(GUILD),
        ends_at_ms,
        label: Some("squats".into()),
        next_set: None,
        ping_user_ids,
        ping_role_ids: vec![RoleId::new(555).unwrap()],
        followup: None,
        via_interaction: false,
    }
}

fn challenge(name: &str, creator: u64, now: DateTime<Utc>) -> NewChallenge {
    let definition = ChallengeDefinition::new(
        name,
        ChallengeMetric::Sessions,
        14,
        now - Duration::days(1),
        None,
    )
    .unwrap();
    NewChallenge {
        guild_id: GuildId::new(GUILD).unwrap(),
        channel_id: channel(CHANNEL),
        creator_id: user(creator),
        created_at: now - Duration::days(2),
        next_post_at: Some(now + Duration::days(6)),
        definition,
        exercise: None,
    }
}

fn joining(id: u64, at: DateTime<Utc>) -> NewMember {
    NewMember {
        user_id: user(id),
        visibility: Visibility::Public,
        ranked: true,
        joined_at: at,
        baseline_kg: None,
        display_name: Some(format!("member {id}")),
    }
}

fn manual(challenge_id: ChallengeId, id: u64, now: DateTime<Utc>) -> ManualLog {
    ManualLog {
        challenge_id,
        user_id: user(id),
        at: now - Duration::hours(1),
        amount: 1,
        logged_at: now,
    }
}

/// What was stored about ME, and the ids the checks need.
struct Seeded {
    pending_rest: TimerId,
    others_rest: TimerId,
    my_challenge: ChallengeId,
    shared_challenge: ChallengeId,
    my_group: GroupSessionId,
    others_group: GroupSessionId,
}

/// Stores something about ME in every table the bot has, through the store's own API,
/// and something about OTHER beside it.
async fn seed(store: &Arc<dyn Store>, now: DateTime<Utc>) -> Seeded {
    let me = user(ME);
    let settings = UserSettings {
        units: Unit::Lb,
        load_step: Some(5.0),
        time_zone: "Europe/Berlin".into(),
    };
    store.save_user_settings(me, &settings).await.unwrap();
    store
        .save_user_settings(user(OTHER), &settings)
        .await
        .unwrap();
    store.save_last_rest_seconds(me, 45).await.unwrap();
    let squat = ExerciseRef {
        key: "back_squat".into(),
        name: "Back squat".into(),
    };
    store
        .record_one_rep_max(
            me,
            &NewOneRepMax {
                exercise: squat.clone(),
                value_kg: 140.0,
                unit_entered: Unit::Kg,
                source: OneRepMaxSource::Entered,
                reps: None,
            },
        )
        .await
        .unwrap();
    store
        .create_training_session(&NewTrainingSession {
            user_id: me,
            exercise: squat,
            protocol: "standard".into(),
            load_kg: 42.5,
            one_rep_max_kg: 140.0,
            limb: Limb::Leg,
            planned_reps: vec![30, 15, 15, 15],
            rest_seconds: 30,
            public: false,
        })
        .await
        .unwrap();
    store
        .record_screening(me, ScreeningOutcome::Clear)
        .await
        .unwrap();

    // Rests: one of mine still to come, one of mine already sent, and OTHER's group rest
    // that pings me.
    let now_ms = now.timestamp_millis();
    let pending_rest = store
        .insert(&rest(ME, 10, &[], now_ms + 60_000))
        .await
        .unwrap()
        .timer
        .id;
    let sent = store
        .insert(&rest(ME, 11, &[OTHER], now_ms - 1_000))
        .await
        .unwrap()
        .timer
        .id;
    store.claim(&[sent], "a", now_ms, 30_000).await.unwrap();
    store
        .mark_sent(&[sent], "a", MessageId::new(77).unwrap())
        .await
        .unwrap();
    let others_rest = store
        .insert(&rest(OTHER, 10, &[ME, 99], now_ms + 60_000))
        .await
        .unwrap()
        .timer
        .id;

    // Challenges: one I created, one OTHER created that we both joined, where I logged,
    // and voided OTHER's log as a moderator.
    let mine = store
        .create_challenge(&challenge("Mine", ME, now))
        .await
        .unwrap()
        .unwrap();
    let shared = store
        .create_challenge(&challenge("Shared", OTHER, now))
        .await
        .unwrap()
        .unwrap();
    for id in [ME, OTHER] {
        store
            .join_challenge(shared.id, &joining(id, now - Duration::hours(20)))
            .await
            .unwrap();
    }
    store.log_manual(&manual(shared.id, ME, now)).await.unwrap();
    let others_entry = store
        .log_manual(&manual(shared.id, OTHER, now))
        .await
        .unwrap()
        .unwrap();
    store
        .void_entry(shared.id, others_entry, me, now)
        .await
        .unwrap()
        .unwrap();

    // Group workouts of the shared challenge: one I lead that OTHER joined, and one OTHER
    // leads that I joined after its first set.
    let my_group = store
        .create_group_session(&group_session(shared.id, ME, now))
        .await
        .unwrap();
    toggle(store, my_group.id, OTHER, now - Duration::minutes(20)).await;
    let others_group = store
        .create_group_session(&group_session(shared.id, OTHER, now))
        .await
        .unwrap();
    store
        .record_group_set_done(others_group.id, 1)
        .await
        .unwrap()
        .unwrap();
    toggle(store, others_group.id, ME, now - Duration::minutes(10)).await;
    Seeded {
        pending_rest,
        others_rest,
        my_challenge: mine.id,
        shared_challenge: shared.id,
        my_group: my_group.id,
        others_group: others_group.id,
    }
}

fn group_session(challenge_id: ChallengeId, leader: u64, now: DateTime<Utc>) -> NewGroupSession {
    NewGroupSession {
        challenge_id,
        leader_id: user(leader),
        exercise: ExerciseRef {
            key: "leg_press".into(),
            name: "Leg press".into(),
        },
        protocol: "standard".into(),
        percent: 30.0,
        limb: Limb::Leg,
        planned_reps: vec![30, 15, 15, 15],
        rest_seconds: 30,
        created_at: now - Duration::minutes(30),
    }
}

/// `who` presses "I'm in" at `at` and is in afterwards.
async fn toggle(store: &Arc<dyn Store>, id: GroupSessionId, who: u64, at: DateTime<Utc>) {
    let toggled = store
        .toggle_group_participant(id, user(who), 10, at)
        .await
        .unwrap();
    assert!(matches!(toggled, GroupToggle::Joined(_)), "{toggled:?}");
}

async fn forget_suite(store: Arc<dyn Store>, url: &str) {
    let now = Utc::now();
    let seeded = seed(&store, now).await;
    let mut db = Db::open(url).await;
    let columns = user_columns(&mut db).await;
    // A table or column added later fails here until `seed` stores something in it (and
    // `forget_user` then has to remove it for the checks below).
    for (table, column) in &columns {
        assert!(
            db.mentions(table, column, ME).await > 0,
            "{table}.{column} holds user IDs but the test seeds nothing there: add a seed"
        );
    }

    let forgotten = store.forget_user(user(ME), now).await.unwrap();
    assert_eq!(
        forgotten,
        ForgottenUser {
            settings: 3,
            one_rep_maxes: 1,
            workouts: 1,
            screenings: 1,
            rests: 2,
            rests_left: 1,
            challenge_memberships: 1,
            challenge_entries: 1,
            audit_lines: 1,
            audit_lines_anonymised: 1,
            challenges_anonymised: 1,
            group_participations: 2,
            group_sessions_anonymised: 1,
            canceled_rests: vec![seeded.pending_rest],
        }
    );
    for (table, column) in &columns {
        assert_eq!(
            db.mentions(table, column, ME).await,
            0,
            "{table}.{column} still names the deleted user"
        );
    }

    // The others keep what is theirs.
    let others_rest = store.running(seeded.others_rest).await.unwrap().unwrap();
    assert_eq!(others_rest.ping_user_ids, [user(OTHER), user(99)]);
    let standings = store.standings(seeded.shared_challenge).await.unwrap();
    let members: Vec<UserId> = standings.iter().map(|s| s.member.user_id).collect();
    assert_eq!(members, [user(OTHER)], "I left the leaderboard");
    let shared = store
        .challenge(seeded.shared_challenge)
        .await
        .unwrap()
        .unwrap();
    assert!(
        shared.board_due_at.is_some(),
        "the board is edited without me"
    );
    let audit = store
        .audit_trail(seeded.shared_challenge, 10)
        .await
        .unwrap();
    assert_eq!(audit.len(), 2, "OTHER's log and its void stay");
    assert!(audit.iter().all(|line| line.member_id == user(OTHER)));
    assert!(audit.iter().any(|line| line.actor_id == FORGOTTEN_USER));
    let mine = store.challenge(seeded.my_challenge).await.unwrap().unwrap();
    assert_eq!(mine.creator_id, FORGOTTEN_USER, "kept, without its creator");
    // The workout I led stays for OTHER, led by the stand-in; I left OTHER's.
    let my_group = store.group_session(seeded.my_group).await.unwrap().unwrap();
    assert_eq!(
        my_group.leader_id, FORGOTTEN_USER,
        "kept, without its leader"
    );
    assert_eq!(my_group.participant_ids(), [user(OTHER)]);
    let others_group = store
        .group_session(seeded.others_group)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(others_group.leader_id, user(OTHER));
    assert_eq!(others_group.participant_ids(), [user(OTHER)]);
    assert_eq!(
        store.user_settings(user(OTHER)).await.unwrap().units,
        Unit::Lb
    );
    assert!(store.running(seeded.pending_rest).await.unwrap().is_none());

    // Forgetting twice finds nothing.
    assert_eq!(
        store.forget_user(user(ME), now).await.unwrap(),
        ForgottenUser::default()
    );
    db.close().await;
}

async fn export_suite(store: Arc<dyn Store>, _url: &str) {
    let now = Utc::now();
    seed(&store, now).await;
    let export = store.export_user(user(ME)).await.unwrap();
    for (kind, count) in export.counts() {
        assert!(count > 0, "{kind} exported");
    }
    let settings = export.settings.as_ref().unwrap();
    assert_eq!(settings.units.as_deref(), Some("lb"));
    assert_eq!(settings.last_rest_seconds, Some(45));
    assert_eq!(export.one_rep_maxes[0].value_kg, 140.0);
    assert_eq!(export.workouts[0].planned_reps, [30, 15, 15, 15]);
    assert_eq!(export.screenings[0].outcome, "clear");
    assert_eq!(export.rests_owned.len(), 2);
    assert_eq!(export.rests_joined.len(), 1);
    assert_eq!(export.challenge_memberships[0].challenge_name, "Shared");
    assert_eq!(export.challenge_audit.len(), 2, "my log and my void");
    assert_eq!(export.challenges_created[0].name, "Mine");
    assert_eq!(
        export.rests_owned[1].ping_user_ids,
        [ME.to_string(), OTHER.to_string()]
    );
    let groups: Vec<(bool, Option<i64>, i64)> = export
        .group_sessions
        .iter()
        .map(|group| (group.led, group.joined_after_set, group.sets_done))
        .collect();
    assert_eq!(
        groups,
        [(true, Some(0), 0), (false, Some(1), 1)],
        "the one I led, and the one I joined after its first set"
    );
    let led = &export.group_sessions[0];
    assert_eq!(led.challenge_name, "Shared");
    assert_eq!(led.exercise_name, "Leg press");
    assert_eq!(led.planned_reps, [30, 15, 15, 15]);
    assert!(led.joined_at.is_some() && led.completed_at.is_none());
    // OTHER's own export holds both workouts too, from their side.
    let others: Vec<bool> = store
        .export_user(user(OTHER))
        .await
        .unwrap()
        .group_sessions
        .iter()
        .map(|group| group.led)
        .collect();
    assert_eq!(others, [false, true]);

    let nobody = store.export_user(user(12345)).await.unwrap();
    assert!(nobody.counts().iter().all(|(_, count)| *count == 0));
}

async fn prune_suite(store: Arc<dyn Store>, _url: &str) {
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    let old = now_ms - Duration::days(40).num_milliseconds();
    let recent = now_ms - Duration::days(1).num_milliseconds();
    let mut id = 0;
    let mut next_rest = |ends_at_ms| {
        id += 1;
        rest(ME, id, &[], ends_at_ms)
    };
    // Old: sent, failed, canceled (all pruned), and still pending (kept: never announced).
    let sent = store.insert(&next_rest(old)).await.unwrap().timer.id;
    let failed = store.insert(&next_rest(old)).await.unwrap().timer.id;
    let canceled = store.insert(&next_rest(old)).await.unwrap().timer;
    let pending = store.insert(&next_rest(old)).await.unwrap().timer.id;
    let recent_sent = store.insert(&next_rest(recent)).await.unwrap().timer.id;
    store
        .claim(&[sent, failed, recent_sent], "a", now_ms, 30_000)
        .await
        .unwrap();
    store
        .mark_sent(&[sent, recent_sent], "a", MessageId::new(5).unwrap())
        .await
        .unwrap();
    store.mark_failed(&[failed], "a", "gone").await.unwrap();
    store
        .cancel(canceled.user_id, canceled.channel_id)
        .await
        .unwrap()
        .unwrap();

    let cutoff = Retention::default().rest_cutoff(now);
    assert_eq!(
        store.prune_rest_timers(cutoff, 2).await.unwrap(),
        2,
        "a batch"
    );
    assert_eq!(store.prune_rest_timers(cutoff, 2).await.unwrap(), 1);
    assert_eq!(
        store.prune_rest_timers(cutoff, 2).await.unwrap(),
        0,
        "idempotent"
    );
    assert!(
        store.running(pending).await.unwrap().is_some(),
        "pending stays"
    );
    let export = store.export_user(user(ME)).await.unwrap();
    let left: Vec<i64> = export.rests_owned.iter().map(|rest| rest.id).collect();
    assert_eq!(left, [pending.0, recent_sent.0]);

    store
        .record_screening(user(ME), ScreeningOutcome::Clear)
        .await
        .unwrap();
    assert_eq!(
        store
            .prune_screenings(now - Duration::days(1), 10)
            .await
            .unwrap(),
        0,
        "a fresh screening stays"
    );
    assert_eq!(
        store
            .prune_screenings(Utc::now() + Duration::seconds(1), 10)
            .await
            .unwrap(),
        1,
        "once past its validity it goes"
    );
    assert!(store.latest_screening(user(ME)).await.unwrap().is_none());
}

async fn pruner_suite(store: Arc<dyn Store>, _url: &str) {
    let now = Utc::now();
    let old = (now - Duration::days(40)).timestamp_millis();
    let timer = store.insert(&rest(ME, 1, &[], old)).await.unwrap().timer;
    store
        .cancel(timer.user_id, timer.channel_id)
        .await
        .unwrap()
        .unwrap();
    let config = PrunerConfig {
        batch: 1,
        ..PrunerConfig::new(Retention::default())
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(pruner::run(store.clone(), config, stopped));
    // The first run is at start.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !store
        .export_user(user(ME))
        .await
        .unwrap()
        .rests_owned
        .is_empty()
    {
        assert!(tokio::time::Instant::now() < deadline, "pruned at start");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    stop.send(true).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(5), task)
        .await
        .expect("stops on shutdown")
        .unwrap();
    // A restart runs again over what is left: nothing to do, nothing breaks.
    assert_eq!(
        pruner::prune_once(store.as_ref(), &config, Utc::now())
            .await
            .unwrap(),
        Pruned::default()
    );
}
