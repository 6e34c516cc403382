//! Latency statistics of one run.

/// The value at quantile `q` (nearest rank) of sorted values; NaN when empty.
pub(crate) fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// What one run of one command at one concurrency measured.
#[derive(Debug, Clone)]
pub(crate) struct RunStats {
    pub(crate) command: &'static str,
    pub(crate) in_flight: usize,
    pub(crate) interactions: usize,
    /// Dispatch → callback received, ms, sorted.
    pub(crate) latency_ms: Vec<f64>,
    /// Interactions per second over the run (first dispatch to last callback).
    pub(crate) throughput: f64,
    /// The bot's CPU time per interaction, ms (its background work for the run included).
    pub(crate) cpu_ms: f64,
    /// Callbacks that were deferrals (type 5) instead of the answer.
    pub(crate) deferred: usize,
    /// Callbacks refused by the fake, or not the answer the command should give.
    pub(crate) unexpected: Vec<String>,
}

impl RunStats {
    pub(crate) fn p50(&self) -> f64 {
        percentile(&self.latency_ms, 0.50)
    }

    pub(crate) fn p99(&self) -> f64 {
        percentile(&self.latency_ms, 0.99)
    }

    pub(crate) fn max(&self) -> f64 {
        self.latency_ms.last().copied().unwrap_or(f64::NAN)
    }
}
