//! The binary as a user runs it: exit codes, messages, the console over stdin.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

fn bfr_coach(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bfr-coach"));
    command
        .current_dir(dir)
        .env_remove("DISCORD_TOKEN")
        .env_remove("DATABASE_URL")
        .env_remove("DISCORD_PROXY_URL")
        .env_remove("DISCORD_GUILD_ID")
        .env_remove("RUST_LOG");
    command
}

#[test]
fn missing_token_exits_with_status_2_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[][..], &["run"][..]] {
        let output = bfr_coach(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "args {args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("DISCORD_TOKEN"), "{stderr}");
        assert!(stderr.contains(".env.example"), "{stderr}");
        assert!(stderr.contains("console"), "{stderr}");
    }
    assert!(
        !dir.path().join("bfr-coach.db").exists(),
        "no database is created before the token is checked"
    );
}

#[test]
fn empty_token_counts_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let output = bfr_coach(dir.path())
        .env("DISCORD_TOKEN", "")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn token_in_dotenv_file_is_read_and_invalid_settings_name_their_variable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "DISCORD_TOKEN=from-dotenv\nDISCORD_GUILD_ID=not-a-number\n",
    )
    .unwrap();
    let output = bfr_coach(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_GUILD_ID"), "{stderr}");
    assert!(
        !stderr.contains("from-dotenv"),
        "the token is never printed: {stderr}"
    );
}

#[test]
fn migrate_creates_the_default_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = bfr_coach(dir.path()).arg("migrate").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(dir.path().join("bfr-coach.db").exists());
}

#[test]
fn console_answers_learn_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bfr_coach(dir.path())
        .arg("console")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"/learn topic:safety\nchoose pressure\n/learn topic:nonsense\n/quit\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout).to_lowercase();
    assert!(stdout.contains("== "), "an embed title: {stdout}");
    assert!(stdout.contains("doctor"), "{stdout}");
    assert!(
        stdout.contains("7/10"),
        "the pressure page after `choose`: {stdout}"
    );
    assert!(stdout.contains("pick one of"), "a clear refusal: {stdout}");
    assert!(
        dir.path().join("bfr-coach.db").exists(),
        "same database as the bot"
    );
}

#[test]
fn help_is_available_on_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["migrate", "--help"],
        &["console", "--help"],
    ] {
        let output = bfr_coach(dir.path()).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(!output.stdout.is_empty());
    }
}

#[test]
fn triage_reads_lines_and_writes_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bfr_coach(dir.path())
        .arg("triage")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"best rest time between sets?\nhart attack last year, ok to train?\ncrushing chest pain now\ni'm diabetic\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let categories: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(value["reasons"].is_array());
            value["category"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(categories, ["fitness", "heart", "emergency", "caution"]);
    assert!(
        !dir.path().join("bfr-coach.db").exists(),
        "triage needs no database"
    );
}

#[test]
fn log_format_json_writes_one_object_a_line_and_an_unknown_format_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bfr_coach(dir.path())
        .arg("console")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"/learn\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let logs = String::from_utf8(output.stderr).unwrap();
    assert!(!logs.trim().is_empty(), "info logs were written");
    for line in logs.lines() {
        let parsed: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line:?}: {e}"));
        assert!(parsed["level"].is_string(), "{line}");
    }
    let refused = bfr_coach(dir.path())
        .arg("migrate")
        .env("LOG_FORMAT", "xml")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("LOG_FORMAT"));
}
