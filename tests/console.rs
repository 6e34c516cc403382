//! The console drives the same core as Discord: the same flows, answered as text.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use bfr_coach::app::challenge::poster::{self, PosterConfig};
use bfr_coach::app::App;
use bfr_coach::config::Config;
use bfr_coach::console::{
    Console, ConsoleChallengeSender, ConsoleTimerSender, CONSOLE_CALLER, CONSOLE_GUILD_ID,
};
use bfr_coach::store;
use bfr_coach::store::GuildScope;
use bfr_coach::timers::{self, Side};
use support::temp_sqlite;
use tokio::sync::{mpsc, watch};

/// Runs `script` in a console wired as `bfr-coach console` wires it: the store, the rest
/// engine printing to the console, and the core on both.
async fn run(db_url: &str, script: &str) -> String {
    let store = store::connect(db_url).await.unwrap();
    let config = Config::from_lookup(|_| None).unwrap();
    let (lines, notifications) = mpsc::unbounded_channel();
    let (stop, stopped) = watch::channel(false);
    let engine = timers::start_engine(
        store.clone(),
        Side::Console,
        Arc::new(ConsoleTimerSender::new(lines.clone())),
        config.engine_limits(),
        stopped,
    )
    .await
    .unwrap();
    let app = App::new(store.clone(), engine.handle());
    let poster = tokio::spawn(poster::run(
        app.shared_store(),
        Arc::new(ConsoleChallengeSender::new(lines)),
        app.rest().clone(),
        app.challenge_wakeup(),
        stop.subscribe(),
        PosterConfig::new(
            "console-test".to_owned(),
            GuildScope::Only(CONSOLE_GUILD_ID),
        ),
    ));
    let mut console =
        Console::new(app, CONSOLE_CALLER, Vec::new()).with_notifications(notifications);
    console.run(script.as_bytes(), false).await.unwrap();
    let _ = stop.send(true);
    engine.join().await;
    poster.await.unwrap();
    store.close().await;
    String::from_utf8(console.into_output()).unwrap()
}

#[tokio::test]
async fn learn_and_its_menu() {
    let db = temp_sqlite();
    let out = run(&db.url, "/learn\nchoose safety\nchoose nonsense\n").await;
    assert!(out.contains("Menu:"), "{out}");
    assert!(out.to_lowercase().contains("doctor"), "{out}");
    assert!(out.contains("not one of the menu's values"), "{out}");
}

#[tokio::test]
async fn one_rep_max_flow_with_text_history() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/1rm set exercise:leg press weight:100\n\
         /1rm estimate exercise:leg press weight:90 reps:8 save:true\n\
         /1rm estimate exercise:leg press weight:90 reps:0\n\
         /1rm list\n\
         /1rm history exercise:leg press\n\
         /1rm delete exercise:leg press\n\
         /1rm list\n",
    )
    .await;
    assert!(out.contains("== 1RM saved =="), "{out}");
    assert!(out.contains("Epley") && out.contains("Brzycki"), "{out}");
    // 90 × (1 + 8/30) = 114 kg.
    assert!(out.contains("114 kg"), "{out}");
    assert!(
        out.contains("0 reps gives no estimate"),
        "reps 0 is refused with a reason: {out}"
    );
    assert!(
        out.contains("estimated from 8 reps"),
        "the history as a table: {out}"
    );
    assert!(out.contains("[attachment 1rm-history.png"), "{out}");
    assert!(
        out.contains("Deleted your 1RM for Leg press and its history (2 entries)"),
        "{out}"
    );
    assert!(out.contains("no 1RMs stored yet"), "{out}");
    assert!(out.contains("(only you can see this)"), "{out}");
}

#[tokio::test]
async fn workout_card_with_buttons() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/settings units:lb increment:5\n\
         /1rm set exercise:curl weight:100 unit:lb\n\
         /session exercise:curl\n\
         press 1\n\
         press 2\n\
         press 9\n",
    )
    .await;
    // 30% of 100 lb = 30 lb (a multiple of 5).
    assert!(out.contains("Load 30 lb"), "{out}");
    assert!(out.contains("[1] Set 1 done – start rest"), "{out}");
    assert!(out.contains("Set 1 recorded"), "{out}");
    assert!(
        out.contains("Ended after 1 of 4 sets"),
        "button 2 of the updated card ends the workout with the sets recorded: {out}"
    );
    assert!(out.contains("no such button"), "{out}");
}

#[tokio::test]
async fn the_last_set_completes_the_workout() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/1rm set exercise:curl weight:40 unit:kg\n\
         /session exercise:curl\n\
         press 1\npress 1\npress 1\npress 1\n",
    )
    .await;
    assert!(out.contains("[1] Set 4 done – finish"), "{out}");
    assert!(out.contains("Completed: 75 reps"), "{out}");
}

#[tokio::test]
async fn ask_gives_all_four_answers() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/ask question:I have chest pain right now and feel faint\n\
         /ask question:can I do BFR with high blood pressure?\n\
         /ask question:I'm pregnant, can I use knee wraps on my legs?\n\
         /ask question:how tight should the wrap be?\n",
    )
    .await;
    assert!(
        out.contains("Stop now and call emergency services"),
        "{out}"
    );
    assert!(out.contains("This is a question for your doctor"), "{out}");
    assert!(out.contains("doctor or physiotherapist"), "{out}");
    assert!(out.matches("== ").count() >= 3, "{out}");
}

#[tokio::test]
async fn ask_buttons_show_related_and_suggested_entries() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/ask question:how tight should the wrap be?\n\
         press 1\n\
         /ask question:is it worth buying a gauge for home use\n\
         press 1\n",
    )
    .await;
    assert!(out.contains("How tight should the wrap be?"), "{out}");
    // The first related entry of "how-tight", then the first suggestion, as entries.
    assert!(out.contains("What pressure in mmHg"), "{out}");
    assert!(out.contains("Did you mean"), "{out}");
    assert!(!out.contains("no longer works"), "{out}");
}

#[tokio::test]
async fn screening_by_buttons_gates_the_workout() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/1rm set exercise:leg press weight:100\n\
         /screening\n\
         press 1\n\
         /session exercise:leg press\n",
    )
    .await;
    assert!(out.contains("Safety screening: question 1"), "{out}");
    assert!(
        out.contains("don't start BFR"),
        "yes to the first question refers: {out}"
    );
    assert!(
        out.trim_end().ends_with("(only you can see this)")
            && out.contains("question for your doctor"),
        "the workout is refused: {out}"
    );
}

#[tokio::test]
async fn rest_countdown_prints_a_ping_line() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/rest start seconds:5 label:squats\n/rest list\nwait 7\n/rest cancel\n",
    )
    .await;
    assert!(out.contains("Rest started"), "{out}");
    assert!(out.contains("[channel] ⏱️ Rest for @you (squats)"), "{out}");
    assert!(out.contains("Rests running here"), "{out}");
    assert!(out.contains("[ping] @you rest over!"), "{out}");
    assert!(out.contains("[channel, edited]"), "{out}");
    assert!(out.contains("no running rest"), "{out}");
    assert!(!out.contains("<t:"), "timestamps are readable: {out}");
}

#[tokio::test]
async fn hostile_rest_input_is_refused_in_the_console_too() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/rest start seconds:30 for:<@0>\n\
         /rest start seconds:30 label:FREE NITRO discord.gg/abc\n\
         /rest remove user:<@0>\n\
         /rest remove user:<@12345>\n",
    )
    .await;
    assert!(out.contains("not a mention I can ping"), "{out}");
    assert!(out.contains("can't hold links"), "{out}");
    assert!(out.contains("type a user mention"), "{out}");
    assert!(out.contains("no running rest in this channel"), "{out}");
    assert!(!out.contains("[channel]"), "nothing was posted: {out}");
}

#[tokio::test]
async fn a_challenge_runs_from_creation_to_final_results() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/challenge create name:December reps metric:reps days:30\n\
         /challenge create name:december  REPS metric:sessions days:7\n\
         /challenge join name:december reps visibility:anonymous\n\
         /1rm set exercise:curl weight:40 unit:kg\n\
         /session exercise:curl\n\
         press 1\npress 1\npress 1\npress 1\n\
         /challenge log name:December reps amount:900\n\
         /challenge log name:December reps amount:25\n\
         /challenge leaderboard name:December reps\n\
         /challenge audit name:December reps\n\
         /challenge list\n\
         /challenge end name:December reps\n\
         wait 6\n",
    )
    .await;
    assert!(out.contains("Challenge created"), "{out}");
    assert!(out.contains("already running"), "names are unique: {out}");
    assert!(out.contains("Others see you as Member #1"), "{out}");
    // The living leaderboard was posted with its Join button.
    assert!(out.contains("[challenge post]"), "{out}");
    assert!(out.contains("Join"), "{out}");
    // 75 reps from the workout card, then 25 logged by hand; 900 is over one log's limit.
    assert!(out.contains("One log can hold at most 500 reps"), "{out}");
    assert!(out.contains("Your total: 100 reps"), "{out}");
    assert!(
        out.contains("You (Member #1 to others) — 100 reps"),
        "{out}"
    );
    assert!(out.contains("logged 25 reps"), "the audit trail: {out}");
    assert!(out.contains("Running and upcoming"), "{out}");
    assert!(out.contains("Challenge ended"), "{out}");
    // Challenge posts take their turn in the channel's budget behind the workout's rest
    // countdowns (5 calls in any 5 s), so the results may wait a few seconds.
    assert!(out.contains("Final results"), "{out}");
    assert!(out.contains("Member #1"), "{out}");
}

#[tokio::test]
async fn data_export_prints_the_json_and_delete_is_confirmed_by_a_press() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/1rm set exercise:leg press weight:100\n\
         /data export\n\
         /data delete\n\
         press 1\n\
         /1rm list\n",
    )
    .await;
    assert!(out.contains("--- bfr-coach-data.json ---"), "{out}");
    assert!(out.contains("\"schema_version\": 1"), "{out}");
    assert!(out.contains("\"value_kg\": 100.0"), "{out}");
    assert!(out.contains("[1] Delete everything"), "{out}");
    assert!(out.contains("Your data is deleted"), "{out}");
    assert!(out.contains("1RM entries: 1"), "{out}");
    assert!(out.contains("no 1RMs"), "{out}");
}

/// Stores a screening outcome for the console's user, taken `months` months ago.
async fn screened_months_ago(db_url: &str, outcome: &str, months: u32) {
    let pool = sqlx::SqlitePool::connect(db_url).await.unwrap();
    let at = chrono::Utc::now()
        .checked_sub_months(chrono::Months::new(months))
        .unwrap();
    sqlx::query("INSERT INTO screenings (user_id, outcome, screened_at) VALUES (1, $1, $2)")
        .bind(outcome)
        .bind(at)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
}

#[tokio::test]
async fn an_expired_screening_counts_as_none() {
    let db = temp_sqlite();
    run(&db.url, "/1rm set exercise:leg press weight:100\n").await;
    screened_months_ago(&db.url, "refer", 11).await;
    let current = run(&db.url, "/session exercise:leg press\n").await;
    assert!(current.contains("question for your doctor"), "{current}");

    let db = temp_sqlite();
    run(&db.url, "/1rm set exercise:leg press weight:100\n").await;
    screened_months_ago(&db.url, "refer", 13).await;
    let expired = run(&db.url, "/session exercise:leg press\n").await;
    assert!(!expired.contains("question for your doctor"), "{expired}");
    assert!(expired.contains("Take the screening"), "{expired}");
}

#[tokio::test]
async fn a_rest_without_a_length_takes_the_last_one_chosen() {
    let db = temp_sqlite();
    let out = run(
        &db.url,
        "/rest start seconds:95\n/rest cancel\n/rest start\n/rest cancel\n",
    )
    .await;
    // Both rests started within the same moment, so the same length ends them together
    // (the default, 30 s, would end the second one 65 s earlier).
    let ends: Vec<chrono::NaiveTime> = out
        .lines()
        .filter_map(|line| line.split_once("Rest started: it ends "))
        .filter_map(|(_, rest)| rest.get(..8))
        .map(|time| chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").unwrap())
        .collect();
    assert_eq!(ends.len(), 2, "{out}");
    let apart = (ends[1] - ends[0]).num_seconds().rem_euclid(24 * 3600);
    assert!((0..=1).contains(&apart), "ends {apart} s apart: {out}");
}
