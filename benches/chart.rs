//! Times the 1RM history chart: `cargo bench --bench chart`.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use bfr_coach::chart::{render_png, ChartSpec, HistoryPoint};
use chrono::{Days, NaiveDate};

fn main() {
    let start_date = NaiveDate::from_ymd_opt(2024, 6, 3).unwrap_or_default();
    let points: Vec<HistoryPoint> = (0..100u64)
        .map(|i| HistoryPoint {
            date: start_date + Days::new(i * 3),
            value: 100.0 + (i as f64) * 0.4 + ((i % 7) as f64),
            estimated: i % 3 == 0,
        })
        .collect();
    let spec = ChartSpec {
        title: "Back squat — 1RM",
        unit_label: "kg",
        points: &points,
    };
    let size = render_png(&spec).map(|png| png.len()).unwrap_or(0);
    let runs = 200u32;
    let started = Instant::now();
    for _ in 0..runs {
        let _ = render_png(&spec);
    }
    let per_render = started.elapsed() / runs;
    println!("chart, 100 points: {per_render:?} per render (mean of {runs}), {size} bytes");
}
