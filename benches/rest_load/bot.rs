//! The bot under test, run as a child process.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::fake_discord::GUILD_ID;

/// Longest wait for the bot to exit after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);
/// Lines of the bot's log quoted when it fails.
const LOG_TAIL: usize = 20;

/// The reload line of the bot's log: `rest timers reloaded pending=N reload_ms=M`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReloadLine {
    pub(crate) pending: u64,
    pub(crate) reload_ms: u64,
    /// When the bench read the line.
    pub(crate) seen_at: Instant,
}

/// What the bench learns from the bot's log as it goes.
#[derive(Debug, Default)]
struct LogState {
    reloaded: Option<ReloadLine>,
    warnings: u64,
    errors: u64,
    tail: VecDeque<String>,
}

/// Resident memory of the bot, in kB.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Memory {
    pub(crate) max_kb: u64,
    pub(crate) last_kb: u64,
}

/// `bfr-coach run` as a child process, its stderr parsed and its memory sampled every 100 ms.
/// Dropping it kills the process, so a failing bench never leaves the bot running.
pub(crate) struct BotProcess {
    child: Child,
    pid: u32,
    pub(crate) spawned_at: Instant,
    log: Arc<Mutex<LogState>>,
    memory: Arc<Mutex<Memory>>,
    stop_sampling: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl BotProcess {
    /// Starts the bot on `database_url` against the fake Discord that `discord` points at
    /// (`FakeDiscord::bot_env`), in `dir` (where it writes `bot.log` and finds no `.env`).
    pub(crate) fn spawn(
        binary: &Path,
        dir: &Path,
        database_url: &str,
        discord: &[(&str, String)],
        budget: Option<u32>,
    ) -> Result<Self, String> {
        Self::spawn_with(binary, dir, database_url, discord, budget, &[])
    }

    /// [`BotProcess::spawn`] with further environment variables for the bot.
    pub(crate) fn spawn_with(
        binary: &Path,
        dir: &Path,
        database_url: &str,
        discord: &[(&str, String)],
        budget: Option<u32>,
        extra_env: &[(&str, &str)],
    ) -> Result<Self, String> {
        let mut log_file =
            File::create(dir.join("bot.log")).map_err(|e| format!("creating bot.log: {e}"))?;
        let mut command = Command::new(binary);
        command
            .arg("run")
            .current_dir(dir)
            .env("DISCORD_TOKEN", "bench-token")
            .env("DATABASE_URL", database_url)
            .env("DISCORD_GUILD_ID", GUILD_ID)
            // The filter the bot ships with: `RUST_LOG=info` would also turn on serenity's
            // spans, which format every request body byte by byte.
            .env_remove("RUST_LOG")
            .env("NO_COLOR", "1")
            .env_remove("DISCORD_PROXY_URL")
            .env_remove("DISCORD_API_ADDR")
            .env_remove("DISCORD_CA_FILE")
            .env_remove("DISCORD_MESSAGE_CONTENT")
            .env_remove("DISCORD_REST_BUDGET")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(budget) = budget {
            command.env("DISCORD_REST_BUDGET", budget.to_string());
        }
        command.envs(discord.iter().map(|(name, value)| (name, value)));
        command.envs(extra_env.iter().copied());
        let spawned_at = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let pid = child.id();
        let log = Arc::new(Mutex::new(LogState::default()));
        let memory = Arc::new(Mutex::new(Memory::default()));
        let stop_sampling = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::new();

        if let Some(stderr) = child.stderr.take() {
            let log = log.clone();
            threads.push(std::thread::spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut raw = Vec::new();
                loop {
                    raw.clear();
                    match reader.read_until(b'\n', &mut raw) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let _ = log_file.write_all(&raw);
                    let line = strip_ansi(&String::from_utf8_lossy(&raw));
                    let mut state = lock(&log);
                    if line.contains(" WARN ") {
                        state.warnings += 1;
                    }
                    if line.contains(" ERROR ") || line.starts_with("error:") {
                        state.errors += 1;
                    }
                    if state.reloaded.is_none() && line.contains("rest timers reloaded") {
                        state.reloaded = Some(ReloadLine {
                            pending: log_field(&line, "pending").unwrap_or(0),
                            reload_ms: log_field(&line, "reload_ms").unwrap_or(0),
                            seen_at: Instant::now(),
                        });
                    }
                    if state.tail.len() == LOG_TAIL {
                        state.tail.pop_front();
                    }
                    state.tail.push_back(line.trim_end().to_owned());
                }
            }));
        }
        {
            let memory = memory.clone();
            let stop = stop_sampling.clone();
            threads.push(std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let Some(kb) = proc_status_kb(pid, "VmRSS:") else {
                        return;
                    };
                    {
                        let mut memory = lock(&memory);
                        memory.max_kb = memory.max_kb.max(kb);
                        memory.last_kb = kb;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }));
        }
        Ok(Self {
            child,
            pid,
            spawned_at,
            log,
            memory,
            stop_sampling,
            threads,
        })
    }

    /// Waits for the reload line.
    pub(crate) async fn wait_reloaded(&mut self, timeout: Duration) -> Result<ReloadLine, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(reloaded) = lock(&self.log).reloaded {
                return Ok(reloaded);
            }
            self.check_alive()?;
            if Instant::now() >= deadline {
                return Err(self.failure(&format!(
                    "no \"rest timers reloaded\" line within {timeout:?}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// The bot's process ID (for reading its CPU time from `/proc`).
    // Used by the command_load bench, which shares this module.
    #[allow(dead_code)]
    pub(crate) fn pid(&self) -> u32 {
        self.pid
    }

    /// An error if the bot has exited.
    pub(crate) fn check_alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(self.failure(&format!("the bot exited early ({status})"))),
            Err(error) => Err(self.failure(&format!("cannot check the bot: {error}"))),
        }
    }

    /// `message` followed by the end of the bot's log.
    fn failure(&self, message: &str) -> String {
        let state = lock(&self.log);
        let tail: Vec<&str> = state.tail.iter().map(String::as_str).collect();
        format!("{message}; end of the bot's log:\n  {}", tail.join("\n  "))
    }

    /// Resident memory so far: the sampled maximum (raised to the kernel's high-water mark)
    /// and the latest sample.
    pub(crate) fn memory(&self) -> Memory {
        let mut memory = *lock(&self.memory);
        if let Some(peak) = proc_status_kb(self.pid, "VmHWM:") {
            memory.max_kb = memory.max_kb.max(peak);
        }
        if let Some(now) = proc_status_kb(self.pid, "VmRSS:") {
            memory.last_kb = now;
            memory.max_kb = memory.max_kb.max(now);
        }
        memory
    }

    /// WARN and ERROR lines of the bot's log so far.
    pub(crate) fn problem_counts(&self) -> (u64, u64) {
        let state = lock(&self.log);
        (state.warnings, state.errors)
    }

    /// Stops the bot with SIGTERM, as a service manager would, and kills it if it does not
    /// exit within [`STOP_TIMEOUT`].
    pub(crate) async fn stop(mut self) -> Result<(), String> {
        let signalled = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status()
            .is_ok_and(|status| status.success());
        let deadline = Instant::now() + STOP_TIMEOUT;
        let mut outcome = Ok(());
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => break,
                Ok(Some(status)) => {
                    outcome = Err(self.failure(&format!("the bot stopped with {status}")));
                    break;
                }
                Ok(None) if signalled && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(None) | Err(_) => {
                    outcome = Err(self.failure("the bot did not stop on SIGTERM; killed it"));
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        self.stop_sampling.store(true, Ordering::SeqCst);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        outcome
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        self.stop_sampling.store(true, Ordering::SeqCst);
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A `kB` line of `/proc/<pid>/status`, e.g. `VmRSS:`.
fn proc_status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
}

/// The value of `name=N` in a log line.
fn log_field(line: &str, name: &str) -> Option<u64> {
    line.split_whitespace()
        .find_map(|token| token.strip_prefix(name)?.strip_prefix('='))
        .and_then(|value| value.parse().ok())
}

/// Removes terminal colour codes (`ESC [ … letter`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
