//! Statistics of the lateness figures and the floor they are judged against.

use std::collections::HashMap;

use crate::load::TimerRow;

/// The value at quantile `q` (nearest rank) of sorted values; NaN when empty.
pub(crate) fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// The lateness (ms, sorted) that pacing alone imposes: one call per channel and end second,
/// released at its end and sent as soon as the bot's global budget allows (the generic cell
/// rate algorithm of `PacingQueue`: `rate` per second with a burst of `burst`).
pub(crate) fn pacing_floor(rows: &[TimerRow], rate: u32) -> Vec<f64> {
    // One call per (channel, second), due at the earliest end of its group; at most `rate`
    // calls in any one-second window, as the bot's global limit allows.
    let mut groups: HashMap<(u64, i64), i64> = HashMap::new();
    for row in rows {
        let key = (row.channel_id, row.ends_at_ms.div_euclid(1000));
        let end = groups.entry(key).or_insert(row.ends_at_ms);
        *end = (*end).min(row.ends_at_ms);
    }
    let mut calls: Vec<i64> = groups.into_values().collect();
    calls.sort_unstable();
    let window = rate.max(1) as usize;
    let mut sent: Vec<f64> = Vec::with_capacity(calls.len());
    let mut floor: Vec<f64> = calls
        .iter()
        .map(|&end| {
            let end = end as f64;
            let mut send = end;
            if sent.len() >= window {
                send = send.max(sent[sent.len() - window] + 1000.0);
            }
            sent.push(send);
            send - end
        })
        .collect();
    floor.sort_by(f64::total_cmp);
    floor
}
