//! Recently drawn leaderboard charts, keyed by everything they are drawn from.
//!
//! Drawing a chart takes milliseconds of CPU (see docs/PERFORMANCE.md), while a challenge's
//! standings change far less often than its leaderboard is viewed. The key is the whole input
//! of the drawing (title, labels, values, value texts), so a cached chart is always the one
//! the same input would draw: nothing needs invalidating, and several processes sharing a
//! database cannot see each other's stale charts.

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use crate::chart::challenge::{render_leaderboard_png, LeaderboardChart};
use crate::chart::ChartError;

/// Charts kept: a few per running challenge (each viewer unit and shared board), a few
/// hundred kB in all.
const CAPACITY: usize = 32;

/// (key, PNG), most recently drawn last.
type Charts = VecDeque<(String, Arc<[u8]>)>;

static CHARTS: LazyLock<Mutex<Charts>> =
    LazyLock::new(|| Mutex::new(VecDeque::with_capacity(CAPACITY)));

/// The PNG of `chart`: drawn once, then served from the cache while its input is unchanged.
pub fn leaderboard_png(chart: &LeaderboardChart) -> Result<Vec<u8>, ChartError> {
    // Debug shows every field, floats exactly: equal keys mean equal drawings.
    let key = format!("{chart:?}");
    if let Some(png) = lock()
        .iter()
        .find(|(cached, _)| *cached == key)
        .map(|(_, png)| png.clone())
    {
        return Ok(png.to_vec());
    }
    // Drawn outside the lock: another viewer's hit need not wait for a miss.
    let png: Arc<[u8]> = render_leaderboard_png(chart)?.into();
    let mut charts = lock();
    if !charts.iter().any(|(cached, _)| *cached == key) {
        if charts.len() == CAPACITY {
            charts.pop_front();
        }
        charts.push_back((key, png.clone()));
    }
    Ok(png.to_vec())
}

/// A panic while holding the lock leaves the list whole (every change is one push or pop).
fn lock() -> std::sync::MutexGuard<'static, Charts> {
    CHARTS.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::challenge::LeaderboardBar;

    #[test]
    fn the_same_input_gives_the_same_chart_and_another_input_another() {
        let bars = [LeaderboardBar {
            label: "Sam",
            value: 3.0,
            value_label: "3 sessions",
        }];
        let chart = LeaderboardChart::Bars {
            title: "Cache test",
            bars: &bars,
        };
        let first = leaderboard_png(&chart).unwrap();
        assert_eq!(leaderboard_png(&chart).unwrap(), first);
        assert_eq!(first, render_leaderboard_png(&chart).unwrap());
        let more = [LeaderboardBar {
            label: "Sam",
            value: 4.0,
            value_label: "4 sessions",
        }];
        let changed = LeaderboardChart::Bars {
            title: "Cache test",
            bars: &more,
        };
        assert_ne!(leaderboard_png(&changed).unwrap(), first);
    }
}
