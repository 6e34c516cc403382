//! One store test suite, run on SQLite always and on PostgreSQL when TEST_POSTGRES_URL is set.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use bfr_coach::domain::ids::{ChannelId, GuildId, MessageId, RoleId, UserId};
use bfr_coach::domain::strength::{Limb, Unit};
use bfr_coach::store::{
    self, ExerciseRef, GuildSettings, NewOneRepMax, NewTrainingSession, OneRepMaxSource, SessionId,
    Store, UserSettings,
};
use support::{temp_postgres, temp_sqlite};

fn u(id: u64) -> UserId {
    UserId::new(id).unwrap()
}

fn users(ids: &[u64]) -> Vec<UserId> {
    ids.iter().map(|&id| u(id)).collect()
}

fn g(id: u64) -> GuildId {
    GuildId::new(id).unwrap()
}

fn c(id: u64) -> ChannelId {
    ChannelId::new(id).unwrap()
}

fn m(id: u64) -> MessageId {
    MessageId::new(id).unwrap()
}

/// Runs a rest-timer `suite` on the in-memory repository the engine's tests use, then on
/// both databases, so the three cannot drift apart.
macro_rules! on_every_timer_repo {
    ($name:ident, $suite:ident) => {
        #[tokio::test]
        async fn $name() {
            $suite(Arc::new(bfr_coach::timers::MemoryTimerRepo::new())).await;
            let sqlite = temp_sqlite();
            let store = store::connect(&sqlite.url).await.unwrap();
            $suite(store.clone()).await;
            store.close().await;

            if let Some(url) = temp_postgres(stringify!($name)).await {
                let store = store::connect(&url).await.unwrap();
                $suite(store.clone()).await;
                store.close().await;
            }
        }
    };
}

/// Runs `suite` against a fresh SQLite database and, when configured, a fresh PostgreSQL schema.
macro_rules! on_both_backends {
    ($name:ident, $suite:ident) => {
        #[tokio::test]
        async fn $name() {
            support::on_each_backend(stringify!($name), |store, _url| $suite(store)).await;
        }
    };
}

on_both_backends!(user_settings_default_then_round_trip, user_settings_suite);
on_both_backends!(guild_settings_default_then_round_trip, guild_settings_suite);
on_both_backends!(migrations_are_idempotent, migrate_again_suite);
on_both_backends!(large_snowflakes_round_trip, large_ids_suite);
on_both_backends!(one_rep_max_history_and_current, one_rep_max_suite);
on_both_backends!(training_sessions_progress_once, training_session_suite);
on_both_backends!(screening_keeps_only_the_latest_outcome, screening_suite);
on_both_backends!(
    session_inputs_match_the_separate_reads,
    session_inputs_suite
);
on_every_timer_repo!(
    rest_timers_claim_once_and_follow_their_states,
    rest_timer_suite
);

on_every_timer_repo!(rest_groups_join_by_compare_and_set, rest_group_suite);
on_both_backends!(
    leaving_a_server_forgets_its_rests_and_settings,
    forget_guild_suite
);
on_every_timer_repo!(rests_are_bounded_per_user_and_per_claim, rest_limits_suite);
on_every_timer_repo!(
    an_owner_followup_round_trips_with_its_rest,
    rest_followup_suite
);

async fn user_settings_suite(store: Arc<dyn Store>) {
    assert_eq!(
        store.user_settings(u(42)).await.unwrap(),
        UserSettings::default()
    );

    let settings = UserSettings {
        units: Unit::Lb,
        load_step: Some(5.0),
        time_zone: "Europe/Berlin".into(),
    };
    store.save_user_settings(u(42), &settings).await.unwrap();
    assert_eq!(store.user_settings(u(42)).await.unwrap(), settings);

    let changed = UserSettings {
        units: Unit::Kg,
        load_step: None,
        ..settings
    };
    store.save_user_settings(u(42), &changed).await.unwrap();
    assert_eq!(store.user_settings(u(42)).await.unwrap(), changed);
    assert_eq!(
        store.user_settings(u(43)).await.unwrap(),
        UserSettings::default()
    );
}

async fn guild_settings_suite(store: Arc<dyn Store>) {
    assert_eq!(
        store.guild_settings(g(7)).await.unwrap(),
        GuildSettings::default()
    );
    let settings = GuildSettings {
        ask_channel_id: Some(c(1_300_000_000_000_000_001)),
        coach_role_id: bfr_coach::domain::ids::RoleId::new(1_300_000_000_000_000_002),
    };
    store.save_guild_settings(g(7), &settings).await.unwrap();
    assert_eq!(store.guild_settings(g(7)).await.unwrap(), settings);
    store
        .save_guild_settings(g(7), &GuildSettings::default())
        .await
        .unwrap();
    assert_eq!(
        store.guild_settings(g(7)).await.unwrap(),
        GuildSettings::default()
    );
}

async fn migrate_again_suite(store: Arc<dyn Store>) {
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
}

async fn large_ids_suite(store: Arc<dyn Store>) {
    let id = (1u64 << 63) - 1;
    let settings = UserSettings {
        units: Unit::Lb,
        ..UserSettings::default()
    };
    store.save_user_settings(u(id), &settings).await.unwrap();
    assert_eq!(store.user_settings(u(id)).await.unwrap(), settings);
    assert!(
        UserId::new(u64::MAX).is_none(),
        "IDs above 2^63 never reach the store"
    );
}

fn exercise(key: &str, name: &str) -> ExerciseRef {
    ExerciseRef {
        key: key.into(),
        name: name.into(),
    }
}

fn entered(key: &str, name: &str, value_kg: f64) -> NewOneRepMax {
    NewOneRepMax {
        exercise: exercise(key, name),
        value_kg,
        unit_entered: Unit::Kg,
        source: OneRepMaxSource::Entered,
        reps: None,
    }
}

async fn one_rep_max_suite(store: Arc<dyn Store>) {
    assert!(store.current_one_rep_maxes(u(1)).await.unwrap().is_empty());
    assert!(store
        .current_one_rep_max(u(1), "back-squat")
        .await
        .unwrap()
        .is_none());

    store
        .record_one_rep_max(u(1), &entered("back-squat", "Back squat", 100.0))
        .await
        .unwrap();
    let estimate = NewOneRepMax {
        source: OneRepMaxSource::Estimated,
        reps: Some(8),
        unit_entered: Unit::Lb,
        ..entered("back-squat", "Back squat", 110.5)
    };
    let saved = store.record_one_rep_max(u(1), &estimate).await.unwrap();
    assert_eq!(saved.reps, Some(8));
    assert_eq!(saved.source, OneRepMaxSource::Estimated);
    assert_eq!(saved.unit_entered, Unit::Lb);
    store
        .record_one_rep_max(
            u(1),
            &entered("custom:zercher lunge", "Zercher lunge", 60.0),
        )
        .await
        .unwrap();
    store
        .record_one_rep_max(u(2), &entered("back-squat", "Back squat", 200.0))
        .await
        .unwrap();

    let current = store.current_one_rep_maxes(u(1)).await.unwrap();
    let summary: Vec<(&str, f64)> = current
        .iter()
        .map(|r| (r.exercise.name.as_str(), r.value_kg))
        .collect();
    assert_eq!(summary, [("Back squat", 110.5), ("Zercher lunge", 60.0)]);
    let squat = store
        .current_one_rep_max(u(1), "back-squat")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(squat.value_kg, 110.5);

    let history = store.one_rep_max_history(u(1), "back-squat").await.unwrap();
    let values: Vec<f64> = history.iter().map(|r| r.value_kg).collect();
    assert_eq!(values, [100.0, 110.5], "oldest first");
    assert!(history[0].recorded_at <= history[1].recorded_at);

    assert_eq!(
        store
            .delete_one_rep_maxes(u(1), "back-squat")
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .delete_one_rep_maxes(u(1), "back-squat")
            .await
            .unwrap(),
        0
    );
    assert!(store
        .current_one_rep_max(u(1), "back-squat")
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store
            .current_one_rep_max(u(2), "back-squat")
            .await
            .unwrap()
            .unwrap()
            .value_kg,
        200.0,
        "other users keep theirs"
    );
}

/// The standard protocol's leg-press workout of user 9.
fn leg_press_workout(public: bool) -> NewTrainingSession {
    NewTrainingSession {
        user_id: u(9),
        exercise: exercise("leg-press", "Leg press"),
        protocol: "standard".into(),
        load_kg: 32.5,
        one_rep_max_kg: 107.0,
        limb: Limb::Leg,
        planned_reps: vec![30, 15, 15, 15],
        rest_seconds: 30,
        public,
    }
}

async fn training_session_suite(store: Arc<dyn Store>) {
    let created = store
        .create_training_session(&leg_press_workout(true))
        .await
        .unwrap();
    assert_eq!(created.sets_done, 0);
    assert_eq!(created.planned_reps, [30, 15, 15, 15]);
    assert_eq!((created.one_rep_max_kg, created.limb), (107.0, Limb::Leg));
    assert!(created.public);
    assert!(!created.is_completed());
    assert_eq!(
        store.training_session(created.id).await.unwrap(),
        Some(created.clone())
    );
    assert_eq!(
        store
            .training_session(SessionId::new(created.id.get() + 1000).unwrap())
            .await
            .unwrap(),
        None
    );

    let after_first = store.record_set_done(created.id, 1).await.unwrap().unwrap();
    assert_eq!(after_first.sets_done, 1);
    assert!(
        store
            .record_set_done(created.id, 1)
            .await
            .unwrap()
            .is_none(),
        "double press"
    );
    assert!(
        store
            .record_set_done(created.id, 3)
            .await
            .unwrap()
            .is_none(),
        "out of order"
    );

    let done = store
        .complete_training_session(created.id, 9)
        .await
        .unwrap()
        .unwrap();
    assert!(done.is_completed());
    assert_eq!(done.total_reps, Some(75), "at most the planned sets");
    assert_eq!(done.sets_done, 4);
    assert!(store
        .complete_training_session(created.id, 4)
        .await
        .unwrap()
        .is_none());
    assert!(
        store
            .record_set_done(created.id, 2)
            .await
            .unwrap()
            .is_none(),
        "closed"
    );

    let stopped = store
        .create_training_session(&leg_press_workout(false))
        .await
        .unwrap();
    store.record_set_done(stopped.id, 1).await.unwrap().unwrap();
    let ended = store
        .complete_training_session(stopped.id, 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (ended.sets_done, ended.total_reps),
        (1, Some(30)),
        "ending early keeps the recorded sets, and only those"
    );
}

async fn screening_suite(store: Arc<dyn Store>) {
    use bfr_coach::domain::screening::ScreeningOutcome;
    assert_eq!(store.latest_screening(u(5)).await.unwrap(), None);
    store
        .record_screening(u(5), ScreeningOutcome::Refer)
        .await
        .unwrap();
    let latest = store
        .record_screening(u(5), ScreeningOutcome::NeedsClearance)
        .await
        .unwrap();
    assert_eq!(store.latest_screening(u(5)).await.unwrap(), Some(latest));
    assert_eq!(
        store.latest_screening(u(5)).await.unwrap().unwrap().outcome,
        ScreeningOutcome::NeedsClearance
    );
    assert_eq!(store.latest_screening(u(6)).await.unwrap(), None);
}

/// `session_inputs` reads in one statement what the three separate reads return, with
/// nothing stored, with everything stored, and with several entries of each.
async fn session_inputs_suite(store: Arc<dyn Store>) {
    use bfr_coach::domain::screening::ScreeningOutcome;
    let separately = |user: u64, exercise: &'static str| {
        let store = store.clone();
        async move {
            bfr_coach::store::SessionInputs {
                screening: store.latest_screening(u(user)).await.unwrap(),
                one_rep_max: store.current_one_rep_max(u(user), exercise).await.unwrap(),
                settings: store.user_settings(u(user)).await.unwrap(),
            }
        }
    };
    let empty = store.session_inputs(u(7), "back-squat").await.unwrap();
    assert_eq!(empty.screening, None);
    assert_eq!(empty.one_rep_max, None);
    assert_eq!(empty.settings, UserSettings::default());
    assert_eq!(empty, separately(7, "back-squat").await);

    store
        .record_screening(u(7), ScreeningOutcome::Refer)
        .await
        .unwrap();
    store
        .record_screening(u(7), ScreeningOutcome::Clear)
        .await
        .unwrap();
    for kg in [100.0, 105.0] {
        store
            .record_one_rep_max(u(7), &entered("back-squat", "Back squat", kg))
            .await
            .unwrap();
    }
    store
        .record_one_rep_max(u(7), &entered("bench-press", "Bench press", 70.0))
        .await
        .unwrap();
    let settings = UserSettings {
        units: Unit::Lb,
        load_step: Some(2.5),
        time_zone: "America/Denver".into(),
    };
    store.save_user_settings(u(7), &settings).await.unwrap();
    // Another user's rows must not leak in.
    store
        .record_one_rep_max(u(8), &entered("back-squat", "Back squat", 200.0))
        .await
        .unwrap();

    let full = store.session_inputs(u(7), "back-squat").await.unwrap();
    assert_eq!(
        full.screening.as_ref().map(|s| s.outcome),
        Some(ScreeningOutcome::Clear)
    );
    assert_eq!(full.one_rep_max.as_ref().map(|m| m.value_kg), Some(105.0));
    assert_eq!(full.settings, settings);
    assert_eq!(full, separately(7, "back-squat").await);
    let other = store.session_inputs(u(7), "deadlift").await.unwrap();
    assert_eq!(other.one_rep_max, None);
    assert_eq!(other, separately(7, "deadlift").await);
}

fn new_timer(user_id: u64, channel_id: u64, ends_at_ms: i64) -> bfr_coach::timers::NewRestTimer {
    bfr_coach::timers::NewRestTimer {
        user_id: u(user_id),
        channel_id: c(channel_id),
        guild_id: Some(g(77)),
        ends_at_ms,
        label: Some("squats".into()),
        next_set: Some("Set 2: 15 reps at 32.5 kg".into()),
        ping_user_ids: users(&[user_id, 99]),
        ping_role_ids: vec![RoleId::new(555).unwrap()],
        followup: None,
        via_interaction: false,
    }
}

async fn rest_timer_suite(repo: Arc<dyn bfr_coach::timers::TimerRepo>) {
    use bfr_coach::timers::TimerId;

    let first = repo.insert(&new_timer(1, 10, 1_000)).await.unwrap();
    assert!(first.replaced.is_none());
    assert_eq!(first.timer.ping_user_ids, users(&[1, 99]));
    assert_eq!(first.timer.ping_role_ids, [RoleId::new(555).unwrap()]);
    assert_eq!(
        first.timer.next_set.as_deref(),
        Some("Set 2: 15 reps at 32.5 kg")
    );
    let second = repo.insert(&new_timer(1, 10, 2_000)).await.unwrap();
    assert_eq!(
        second.replaced.map(|t| t.id),
        Some(first.timer.id),
        "one rest per user and channel"
    );
    let other = repo.insert(&new_timer(2, 10, 2_000)).await.unwrap();
    repo.insert(&new_timer(1, 11, 5_000)).await.unwrap();

    let pending = repo.load_pending(None, 10).await.unwrap();
    assert_eq!(pending.len(), 3, "the replaced one is not pending");
    let page = repo.load_pending(Some(pending[0].id), 1).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, pending[1].id);

    let ids = [second.timer.id, other.timer.id];
    assert!(
        repo.claim(&ids, "a", 1_999, 30_000)
            .await
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    let won_a = repo.claim(&ids, "a", 2_000, 30_000).await.unwrap();
    assert_eq!(won_a.len(), 2);
    assert!(
        repo.claim(&ids, "b", 2_500, 30_000)
            .await
            .unwrap()
            .is_empty(),
        "claimed once"
    );
    assert_eq!(
        repo.renew(&ids, "b", 2_500, 30_000).await.unwrap(),
        Vec::<TimerId>::new()
    );
    assert_eq!(repo.renew(&ids, "a", 2_500, 30_000).await.unwrap().len(), 2);

    repo.mark_sent(&[second.timer.id], "a", m(555))
        .await
        .unwrap();
    // The other claim's process "dies": after the lease, b may take it over.
    let recoverable = repo.recoverable(40_000, 40_000, 10).await.unwrap();
    let recovered_ids: Vec<TimerId> = recoverable.iter().map(|p| p.id).collect();
    assert!(recovered_ids.contains(&other.timer.id), "{recovered_ids:?}");
    assert!(
        !recovered_ids.contains(&second.timer.id),
        "sent timers stay sent"
    );
    let won_b = repo
        .claim(&[other.timer.id], "b", 40_000, 30_000)
        .await
        .unwrap();
    assert_eq!(won_b.len(), 1);
    repo.mark_sent(&[other.timer.id], "a", m(1)).await.unwrap();
    repo.mark_failed(&[other.timer.id], "b", "404 Unknown Channel")
        .await
        .unwrap();
    assert!(repo.list_running(c(10)).await.unwrap().is_empty());

    // Extend, countdown message, cancel by id (owner only) and by user.
    let third = repo.insert(&new_timer(3, 12, 10_000)).await.unwrap().timer;
    let extended = repo.extend(third.id, u(3), 15_000).await.unwrap().unwrap();
    assert_eq!(extended.ends_at_ms, 25_000);
    assert!(
        repo.extend(third.id, u(4), 15_000).await.unwrap().is_none(),
        "owner only"
    );
    assert!(
        repo.claim(&[third.id], "a", 20_000, 30_000)
            .await
            .unwrap()
            .is_empty(),
        "extended"
    );
    repo.set_countdown_message(third.id, m(4242)).await.unwrap();
    let running = repo.list_running(c(12)).await.unwrap();
    assert_eq!(running[0].countdown_message_id, Some(m(4242)));
    assert!(repo.cancel_timer(third.id, u(4)).await.unwrap().is_none());
    assert!(repo.cancel_timer(third.id, u(3)).await.unwrap().is_some());
    assert!(repo.cancel(u(1), c(11)).await.unwrap().is_some());
    assert!(repo.cancel(u(1), c(11)).await.unwrap().is_none());

    // Release ends the lease at once, so a restarted process need not wait.
    let fourth = repo.insert(&new_timer(5, 13, 1_000)).await.unwrap().timer;
    repo.claim(&[fourth.id], "a", 1_000, 30_000).await.unwrap();
    repo.release(&[fourth.id], "a").await.unwrap();
    assert_eq!(
        repo.claim(&[fourth.id], "b", 1_001, 30_000)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn rest_group_suite(repo: Arc<dyn bfr_coach::timers::TimerRepo>) {
    let rest = repo.insert(&new_timer(1, 10, 10_000)).await.unwrap().timer;
    assert_eq!(repo.running(rest.id).await.unwrap(), Some(rest.clone()));

    let joined = repo
        .replace_ping_users(rest.id, &users(&[1, 99]), &users(&[1, 99, 7]))
        .await
        .unwrap();
    assert_eq!(joined.map(|t| t.ping_user_ids), Some(users(&[1, 99, 7])));
    assert_eq!(
        repo.replace_ping_users(rest.id, &users(&[1, 99]), &users(&[1, 99, 8]))
            .await
            .unwrap(),
        None,
        "a press that read the old list loses"
    );

    repo.insert(&new_timer(1, 11, 10_000)).await.unwrap();
    repo.insert(&new_timer(1, 10, 2_000)).await.unwrap();
    assert_eq!(repo.running(rest.id).await.unwrap(), None, "replaced");
    assert_eq!(
        repo.latest_ping_list(u(1), c(10), 5_000).await.unwrap(),
        None,
        "the latest rest here ended too long ago"
    );
    assert_eq!(
        repo.latest_ping_list(u(1), c(10), 1_000).await.unwrap(),
        Some(users(&[1, 99])),
        "the latest rest, not an earlier one"
    );
    assert_eq!(
        repo.latest_ping_list(u(1), c(11), 1_000).await.unwrap(),
        Some(users(&[1, 99]))
    );
    assert_eq!(repo.latest_ping_list(u(2), c(10), 0).await.unwrap(), None);
    assert_eq!(
        repo.replace_ping_users(rest.id, &users(&[1, 99, 7]), &users(&[1]))
            .await
            .unwrap(),
        None,
        "only running rests change"
    );
}

async fn forget_guild_suite(store: Arc<dyn Store>) {
    use bfr_coach::store::ForgottenGuild;
    use bfr_coach::timers::{NewRestTimer, TimerRepo};
    let repo: Arc<dyn TimerRepo> = store.clone();
    let in_guild = |user_id, channel_id, guild_id| NewRestTimer {
        guild_id,
        ..new_timer(user_id, channel_id, 1_000)
    };
    let pending = repo
        .insert(&in_guild(1, 10, Some(g(77))))
        .await
        .unwrap()
        .timer;
    let claimed = repo
        .insert(&in_guild(2, 10, Some(g(77))))
        .await
        .unwrap()
        .timer;
    let elsewhere = repo
        .insert(&in_guild(3, 20, Some(g(88))))
        .await
        .unwrap()
        .timer;
    let direct = repo.insert(&in_guild(4, 30, None)).await.unwrap().timer;
    let sent = repo
        .insert(&in_guild(5, 10, Some(g(77))))
        .await
        .unwrap()
        .timer;
    assert_eq!(
        repo.claim(&[claimed.id, sent.id], "a", 1_000, 30_000)
            .await
            .unwrap()
            .len(),
        2
    );
    repo.mark_sent(&[sent.id], "a", m(4_242)).await.unwrap();
    let ask_channel = GuildSettings {
        ask_channel_id: Some(c(10)),
        ..GuildSettings::default()
    };
    store
        .save_guild_settings(g(77), &ask_channel)
        .await
        .unwrap();
    store
        .save_guild_settings(g(88), &ask_channel)
        .await
        .unwrap();

    assert_eq!(
        store.forget_guild(g(77)).await.unwrap(),
        ForgottenGuild {
            canceled_rests: {
                let mut ids = vec![pending.id, claimed.id];
                ids.sort_unstable();
                ids
            },
            settings_deleted: true
        },
        "the pending and the claimed rest; the sent one is history"
    );
    assert_eq!(
        store.guild_settings(g(77)).await.unwrap(),
        GuildSettings::default()
    );
    assert!(repo.list_running(c(10)).await.unwrap().is_empty());
    let ids = [pending.id, claimed.id];
    assert!(
        repo.claim(&ids, "b", 100_000, 30_000)
            .await
            .unwrap()
            .is_empty(),
        "no process can claim them, even after the lease"
    );
    assert!(
        repo.renew(&[claimed.id], "a", 2_000, 30_000)
            .await
            .unwrap()
            .is_empty(),
        "the holder of the claim loses it at its next renewal"
    );
    let mut recoverable: Vec<_> = repo
        .recoverable(100_000, 100_000, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|timer| timer.id.0)
        .collect();
    recoverable.sort_unstable();
    assert_eq!(recoverable, [elsewhere.id.0, direct.id.0]);

    // Other servers and direct messages are untouched; forgetting twice is harmless.
    assert_eq!(store.guild_settings(g(88)).await.unwrap(), ask_channel);
    assert_eq!(repo.list_running(c(20)).await.unwrap().len(), 1);
    assert_eq!(repo.list_running(c(30)).await.unwrap().len(), 1);
    assert_eq!(
        store.forget_guild(g(77)).await.unwrap(),
        ForgottenGuild::default()
    );
}

async fn rest_limits_suite(repo: Arc<dyn bfr_coach::timers::TimerRepo>) {
    use bfr_coach::timers::MAX_CLAIM_ATTEMPTS;

    for channel in [10, 11, 12] {
        repo.insert(&new_timer(1, channel, 1_000)).await.unwrap();
    }
    repo.insert(&new_timer(2, 13, 1_000)).await.unwrap();
    let mut channels = repo.running_channels(u(1)).await.unwrap();
    channels.sort_unstable();
    assert_eq!(channels, [c(10), c(11), c(12)]);

    // A claim whose holder keeps dying is taken over after each lease, then given up.
    let timer = repo.insert(&new_timer(3, 14, 1_000)).await.unwrap().timer;
    let mut now = 1_000;
    for attempt in 0..MAX_CLAIM_ATTEMPTS {
        let won = repo.claim(&[timer.id], "dies", now, 100).await.unwrap();
        assert_eq!(won.len(), 1, "claim {attempt}");
        now += 101;
    }
    assert!(repo
        .claim(&[timer.id], "next", now, 100)
        .await
        .unwrap()
        .is_empty());
    let recoverable = repo
        .recoverable(now + 1_000, now + 1_000, 100)
        .await
        .unwrap();
    assert!(
        recoverable.iter().all(|row| row.id != timer.id),
        "a given-up timer never comes back"
    );
}

async fn rest_followup_suite(repo: Arc<dyn bfr_coach::timers::TimerRepo>) {
    use bfr_coach::timers::OwnerFollowup;
    let followup = OwnerFollowup {
        token: "tok-123".to_owned(),
        until_ms: 900_000,
    };
    let new = bfr_coach::timers::NewRestTimer {
        followup: Some(followup.clone()),
        ..new_timer(1, 10, 1_000)
    };
    let inserted = repo.insert(&new).await.unwrap().timer;
    assert_eq!(inserted.followup.as_ref(), Some(&followup));
    let claimed = repo.claim(&[inserted.id], "a", 1_000, 100).await.unwrap();
    assert_eq!(claimed[0].followup.as_ref(), Some(&followup));
    let format = format!("{followup:?}");
    assert!(
        !format.contains("tok-123"),
        "the token never reaches a log: {format}"
    );
}
