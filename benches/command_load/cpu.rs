//! CPU time of the bot process.
//!
//! `/proc/<pid>/stat` counts in 10 ms ticks: over 500 interactions that is 0.02 ms per
//! interaction, a third of the floor's whole figure. Each thread's `schedstat` counts the
//! nanoseconds it ran, so the bench reads those and takes the difference thread by thread.
//! A thread that exits between two readings takes its time with it; the ticks, which keep
//! exited threads, are used then.

use std::collections::HashMap;

/// What the bot had used at one moment.
pub(crate) struct CpuReading {
    /// On-CPU nanoseconds of each live thread, by thread id.
    threads: HashMap<u32, u64>,
    /// utime + stime of the whole process, exited threads included, in seconds.
    ticks_seconds: f64,
}

impl CpuReading {
    pub(crate) fn of(pid: u32) -> Result<Self, String> {
        Ok(Self {
            threads: thread_nanos(pid)?,
            ticks_seconds: tick_seconds(pid)?,
        })
    }

    /// Seconds of CPU used from `self` to `later`.
    pub(crate) fn seconds_until(&self, later: &CpuReading) -> f64 {
        let a_thread_exited = self
            .threads
            .keys()
            .any(|tid| !later.threads.contains_key(tid));
        if a_thread_exited {
            return later.ticks_seconds - self.ticks_seconds;
        }
        let nanos: u64 = later
            .threads
            .iter()
            .map(|(tid, &ran)| ran.saturating_sub(self.threads.get(tid).copied().unwrap_or(0)))
            .sum();
        nanos as f64 / 1e9
    }
}

fn thread_nanos(pid: u32) -> Result<HashMap<u32, u64>, String> {
    let dir = format!("/proc/{pid}/task");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("reading {dir}: {e}"))?;
    let mut threads = HashMap::new();
    for entry in entries.flatten() {
        let Some(tid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
            continue;
        };
        // A thread may exit between listing and reading; it then simply is not there.
        let Ok(text) = std::fs::read_to_string(entry.path().join("schedstat")) else {
            continue;
        };
        // "<ns on CPU> <ns waiting> <time slices>"
        let ran = text
            .split_whitespace()
            .next()
            .and_then(|ns| ns.parse().ok())
            .ok_or_else(|| format!("unexpected {dir}/{tid}/schedstat: {text}"))?;
        threads.insert(tid, ran);
    }
    Ok(threads)
}

/// utime + stime of `pid` in seconds: every thread's time, including threads that exited.
fn tick_seconds(pid: u32) -> Result<f64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("reading /proc/{pid}/stat: {e}"))?;
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("unexpected /proc/{pid}/stat: {stat}"))?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 (utime) and 15 (stime), counted from 1 with the name as field 2.
    let ticks = |index: usize| -> Result<u64, String> {
        fields
            .get(index - 3)
            .and_then(|value| value.parse().ok())
            .ok_or_else(|| format!("no field {index} in /proc/{pid}/stat"))
    };
    Ok((ticks(14)? + ticks(15)?) as f64 / clock_ticks_per_second())
}

/// `USER_HZ`, the unit of utime and stime: 100 on every Linux this runs on (the kernel
/// exports it to user space as a constant; `getconf CLK_TCK` confirms it).
fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|hz| *hz > 0.0)
        .unwrap_or(100.0)
}
