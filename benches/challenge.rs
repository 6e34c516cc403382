//! `/challenge leaderboard` and workout crediting at the size of a big server's challenge:
//! 10,000 members and 300,000 credited entries.
//!
//! Run with `cargo bench --bench challenge` (SQLite), and with `TEST_POSTGRES_URL` set for
//! PostgreSQL too (a database is created for the run and dropped after). The leaderboard is
//! asked for through the core (`App::handle`, the path every command takes after the
//! adapter: store, ranking, text and the PNG chart), by a random member each time. Crediting
//! is the side effect of a workout card's "Set done" press: find the member's running
//! challenges in the server and credit each in one transaction.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bfr_coach::app::challenge::{credit_sets, ChallengeCommand};
use bfr_coach::app::{App, Caller, Request};
use bfr_coach::console::ConsoleTimerSender;
use bfr_coach::domain::challenge::{ChallengeDefinition, ChallengeMetric};
use bfr_coach::domain::ids::{ChannelId, GuildId, UserId};
use bfr_coach::domain::strength::Limb;
use bfr_coach::store::{self, ExerciseRef, NewChallenge, NewTrainingSession};
use bfr_coach::timers::{self, EngineLimits, Side};
use chrono::Utc;

const MEMBERS: i64 = 10_000;
const ENTRIES: i64 = 300_000;
const LEADERBOARD_CALLS: usize = 300;
const CREDIT_CALLS: usize = 300;
const GUILD: u64 = 1_100_000_000_000_000_001;
const CHANNEL: u64 = 1_100_000_000_000_000_002;
const FIRST_USER: i64 = 1_200_000_000_000_000_000;

#[tokio::main]
async fn main() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => fail(&format!("temporary directory: {error}")),
    };
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    run("SQLite", &sqlite).await;
    if let Ok(base) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("bench_challenge_{}", std::process::id());
        admin(&base, &format!("CREATE DATABASE {name}")).await;
        let url = match url::Url::parse(&base) {
            Ok(mut url) => {
                url.set_path(&format!("/{name}"));
                url.to_string()
            }
            Err(error) => fail(&format!("TEST_POSTGRES_URL: {error}")),
        };
        run("PostgreSQL", &url).await;
        admin(
            &base,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        )
        .await;
    } else {
        println!("PostgreSQL skipped: TEST_POSTGRES_URL is not set");
    }
}

fn fail(what: &str) -> ! {
    eprintln!("challenge bench: {what}");
    std::process::exit(1)
}

async fn admin(base: &str, statement: &str) {
    let pool = sqlx::PgPool::connect(base)
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    sqlx::query(statement)
        .execute(&pool)
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    pool.close().await;
}

async fn run(backend: &str, url: &str) {
    let store = store::connect(url)
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    let guild = GuildId::new(GUILD).unwrap_or_else(|| fail("guild"));
    let channel = ChannelId::new(CHANNEL).unwrap_or_else(|| fail("channel"));
    let now = Utc::now();
    let mut challenge_ids = Vec::new();
    for (index, metric) in [
        ChallengeMetric::Reps,
        ChallengeMetric::Sessions,
        ChallengeMetric::Volume,
        ChallengeMetric::Streak,
        ChallengeMetric::TeamGoal,
    ]
    .into_iter()
    .enumerate()
    {
        let target = (metric == ChallengeMetric::TeamGoal).then_some(50_000);
        let definition =
            ChallengeDefinition::new(&format!("Bench {index}"), metric, 30, now, target)
                .unwrap_or_else(|e| fail(&e.to_string()));
        let created = store
            .create_challenge(&NewChallenge {
                guild_id: guild,
                channel_id: channel,
                creator_id: user(0),
                definition,
                exercise: None,
                created_at: now,
                next_post_at: None,
            })
            .await
            .unwrap_or_else(|e| fail(&e.to_string()))
            .unwrap_or_else(|| fail("name taken"));
        challenge_ids.push(created.id.get());
    }
    let big = challenge_ids[0];
    let seeded = Instant::now();
    seed(url, big, &challenge_ids[1..], now.timestamp_millis()).await;
    println!(
        "{backend}: seeded {MEMBERS} members and {ENTRIES} entries in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    let (lines, _printed) = tokio::sync::mpsc::unbounded_channel();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let engine = timers::start_engine(
        store.clone(),
        Side::Console,
        Arc::new(ConsoleTimerSender::new(lines)),
        EngineLimits {
            calls_per_second: 40,
            max_running_per_user: 5,
        },
        stopped,
    )
    .await
    .unwrap_or_else(|e| fail(&e.to_string()));
    let app = App::new(store.clone(), engine.handle());

    let mut times = Vec::with_capacity(LEADERBOARD_CALLS);
    for call in 0..LEADERBOARD_CALLS {
        let viewer = user((call as i64 * 7919) % MEMBERS);
        let request = Request::Challenge(Box::new(ChallengeCommand::Leaderboard {
            name: "Bench 0".to_owned(),
            public: false,
        }));
        let started = Instant::now();
        let reply = app.handle(&caller(viewer, guild, channel), request).await;
        times.push(started.elapsed());
        match reply {
            Ok(reply) if !reply.attachments.is_empty() => {}
            Ok(_) => fail("the leaderboard has no chart"),
            Err(error) => fail(&error.to_string()),
        }
    }
    report(
        backend,
        "/challenge leaderboard (10,000 members, chart included)",
        &mut times,
    );

    let session = store
        .create_training_session(&NewTrainingSession {
            user_id: user(1),
            exercise: ExerciseRef {
                key: "leg_press".to_owned(),
                name: "Leg press".to_owned(),
            },
            protocol: "standard".to_owned(),
            load_kg: 40.0,
            one_rep_max_kg: 130.0,
            limb: Limb::Leg,
            planned_reps: vec![30, 15, 15, 15],
            rest_seconds: 30,
            public: false,
        })
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    let mut credit_times = Vec::with_capacity(CREDIT_CALLS);
    let presser = caller(user(1), guild, channel);
    for call in 0..CREDIT_CALLS {
        let set = (call % 4) as u32 + 1;
        let started = Instant::now();
        credit_sets(store.as_ref(), &presser, &session, set..=set, set == 4).await;
        credit_times.push(started.elapsed());
    }
    report(
        backend,
        "crediting one set to 5 running challenges",
        &mut credit_times,
    );
    let _ = stop.send(true);
    engine.join().await;
    store.close().await;
}

fn user(index: i64) -> UserId {
    UserId::new((FIRST_USER + index) as u64).unwrap_or_else(|| fail("user"))
}

fn caller(user_id: UserId, guild: GuildId, channel: ChannelId) -> Caller {
    Caller {
        user_id,
        channel_id: channel,
        guild_id: Some(guild),
        can_manage_messages: false,
        can_mention_everyone: false,
        bot_cannot_post: None,
    }
}

/// Members with scores and their entries, written in bulk with the bench's own connection
/// (the store's API credits one workout at a time). User 1 is also in the other challenges.
async fn seed(url: &str, big: i64, others: &[i64], now_ms: i64) {
    let mut statements = Vec::new();
    for chunk in (0..MEMBERS).collect::<Vec<_>>().chunks(500) {
        let rows: Vec<String> = chunk
            .iter()
            .map(|i| {
                let visibility = if i % 5 == 0 { "anonymous" } else { "public" };
                format!(
                    "({big}, {}, {}, {now_ms}, '{visibility}', TRUE, 'member {i}', 0, {now_ms})",
                    FIRST_USER + i,
                    i + 1
                )
            })
            .collect();
        statements.push(format!(
            "INSERT INTO challenge_members (challenge_id, user_id, number, joined_at_ms, \
             visibility, ranked, display_name, score, reached_at_ms) VALUES {}",
            rows.join(", ")
        ));
    }
    for chunk in (0..ENTRIES).collect::<Vec<_>>().chunks(1000) {
        let rows: Vec<String> = chunk
            .iter()
            .map(|e| {
                format!(
                    "({big}, {}, {}, {}, 'workout', FALSE)",
                    FIRST_USER + (e * 7) % MEMBERS,
                    now_ms + e,
                    15 + e % 16
                )
            })
            .collect();
        statements.push(format!(
            "INSERT INTO challenge_entries (challenge_id, user_id, at_ms, amount, source, \
             voided) VALUES {}",
            rows.join(", ")
        ));
    }
    statements.push(format!(
        "UPDATE challenge_members SET score = (SELECT COALESCE(SUM(e.amount), 0) \
           FROM challenge_entries e WHERE e.challenge_id = challenge_members.challenge_id \
           AND e.user_id = challenge_members.user_id), \
         reached_at_ms = COALESCE((SELECT MAX(e.at_ms) FROM challenge_entries e \
           WHERE e.challenge_id = challenge_members.challenge_id \
           AND e.user_id = challenge_members.user_id), joined_at_ms) \
         WHERE challenge_id = {big}"
    ));
    for other in others {
        statements.push(format!(
            "INSERT INTO challenge_members (challenge_id, user_id, number, joined_at_ms, \
             visibility, ranked, score, reached_at_ms) \
             VALUES ({other}, {}, 1, {now_ms}, 'public', TRUE, 0, {now_ms})",
            FIRST_USER + 1
        ));
    }
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url)
            .await
            .unwrap_or_else(|e| fail(&e.to_string()));
        let mut tx = pool.begin().await.unwrap_or_else(|e| fail(&e.to_string()));
        for statement in &statements {
            sqlx::query(statement)
                .execute(&mut *tx)
                .await
                .unwrap_or_else(|e| fail(&e.to_string()));
        }
        tx.commit().await.unwrap_or_else(|e| fail(&e.to_string()));
        sqlx::query("ANALYZE")
            .execute(&pool)
            .await
            .unwrap_or_else(|e| fail(&e.to_string()));
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url)
            .await
            .unwrap_or_else(|e| fail(&e.to_string()));
        let mut tx = pool.begin().await.unwrap_or_else(|e| fail(&e.to_string()));
        for statement in &statements {
            sqlx::query(statement)
                .execute(&mut *tx)
                .await
                .unwrap_or_else(|e| fail(&e.to_string()));
        }
        tx.commit().await.unwrap_or_else(|e| fail(&e.to_string()));
        pool.close().await;
    }
}

fn report(backend: &str, what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share) as usize];
    println!(
        "{backend}: {what}: {} calls; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    );
}
