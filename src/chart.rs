//! One-rep-max history as a PNG line chart, rendered entirely in memory.
//!
//! The font is compiled into the binary, so rendering needs no system fonts
//! and no file system access.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, Months, NaiveDate};
use plotters::backend::RGBPixel;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::register_font;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub mod challenge;

/// Width of the rendered image, in pixels.
pub const WIDTH: u32 = 800;
/// Height of the rendered image, in pixels.
pub const HEIGHT: u32 = 400;

/// DejaVu Sans; see `assets/fonts/LICENSE-DejaVu.txt`.
static FONT_DATA: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// Registered under the generic name so that every plotters default text
/// style (which asks for "sans-serif") picks the embedded font too.
const FONT_FAMILY: &str = "sans-serif";

/// Values beyond this are treated like NaN: no real lift is that heavy, and
/// capping keeps every range computation below finite.
const MAX_ABS_VALUE: f64 = 1e9;

/// More labels than this crowd the x axis at this image width.
const MAX_X_TICKS: usize = 7;

const SERIES_COLOR: RGBColor = RGBColor(31, 119, 180);
const GRID_COLOR: RGBColor = RGBColor(225, 225, 225);
const AXIS_COLOR: RGBColor = RGBColor(90, 90, 90);
const TEXT_COLOR: RGBColor = RGBColor(30, 30, 30);

const TITLE_SIZE: f64 = 20.0;
const LABEL_SIZE: f64 = 13.0;
const HEADER_HEIGHT: u32 = 44;

/// One point of history, already converted to the user's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryPoint {
    /// Day the lift was performed.
    pub date: NaiveDate,
    /// One-rep max in the user's unit.
    pub value: f64,
    /// True when the value was computed from a multi-rep set rather than
    /// entered as an actual single.
    pub estimated: bool,
}

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct ChartSpec<'a> {
    /// Shown on top, e.g. "Back squat — 1RM".
    pub title: &'a str,
    /// Unit of the values, e.g. "kg" or "lb"; labels the y axis.
    pub unit_label: &'a str,
    /// History in any order; points whose value is NaN, infinite or beyond
    /// ±1e9 are skipped.
    pub points: &'a [HistoryPoint],
}

/// Why a chart could not be produced.
#[derive(Debug)]
pub enum ChartError {
    /// No point with a usable value.
    NoData,
    /// Drawing or PNG encoding failed.
    Render(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoData => f.write_str("no data to chart"),
            ChartError::Render(msg) => write!(f, "chart rendering failed: {msg}"),
        }
    }
}

impl std::error::Error for ChartError {}

fn render_err(e: impl fmt::Display) -> ChartError {
    ChartError::Render(e.to_string())
}

/// Renders the history as a `WIDTH`×`HEIGHT` PNG and returns the file bytes.
///
/// Points are drawn in date order; entered values are filled circles and
/// estimated ones hollow circles. Returns [`ChartError::NoData`] when no
/// point has a usable value (see [`ChartSpec::points`]).
pub fn render_png(spec: &ChartSpec) -> Result<Vec<u8>, ChartError> {
    let points = usable_points(spec.points);
    if points.is_empty() {
        return Err(ChartError::NoData);
    }
    ensure_font()?;

    let mut rgb = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (WIDTH, HEIGHT))
            .map_err(render_err)?;
        let root = backend.into_drawing_area();
        draw(&root, spec, &points)?;
        // Flushes into `rgb`; without it the drop would do so but swallow errors.
        root.present().map_err(render_err)?;
    }
    encode_png(&rgb, WIDTH, HEIGHT)
}

/// A point ready to plot: x is the day number, so same-day points share x.
#[derive(Debug, Clone, Copy)]
struct Plotted {
    day: i32,
    value: f64,
    estimated: bool,
}

fn usable_points(points: &[HistoryPoint]) -> Vec<Plotted> {
    let mut out: Vec<Plotted> = points
        .iter()
        .filter(|p| p.value.is_finite() && p.value.abs() <= MAX_ABS_VALUE)
        .map(|p| Plotted {
            day: p.date.num_days_from_ce(),
            value: p.value,
            estimated: p.estimated,
        })
        .collect();
    // Stable, so same-day points keep the caller's order.
    out.sort_by_key(|p| p.day);
    out
}

fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED
        .get_or_init(|| register_font(FONT_FAMILY, FontStyle::Normal, FONT_DATA).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ChartError::Render(
            "embedded font could not be loaded".into(),
        ))
    }
}

type Area<'a> = DrawingArea<BitMapBackend<'a, RGBPixel>, Shift>;

fn draw(root: &Area, spec: &ChartSpec, points: &[Plotted]) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(render_err)?;
    let (header, body) = root.split_vertically(HEADER_HEIGHT);
    draw_header(&header, spec.title)?;

    let (x_range, x_ticks, tick_unit) = x_axis(points);
    let y_range = y_axis(points);
    let label_style = (FONT_FAMILY, LABEL_SIZE).into_font().color(&TEXT_COLOR);

    // Sized from the widest value label so large numbers are never clipped.
    let y_label_width = [y_range.start, y_range.end]
        .iter()
        .map(|v| text_width(root, &format_value(*v), &label_style))
        .max()
        .unwrap_or(0);
    let y_area = u32::try_from(y_label_width).unwrap_or(0).clamp(24, 120) + 36;

    let mut chart = ChartBuilder::on(&body)
        .margin_left(8)
        .margin_right(28)
        .margin_top(6)
        .margin_bottom(8)
        .x_label_area_size(28)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range.with_key_points(x_ticks), y_range)
        .map_err(render_err)?;

    let x_fmt = |day: &i32| format_day(*day, tick_unit);
    let y_fmt = |v: &f64| format_value(*v);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID_COLOR)
        .max_light_lines(0)
        .axis_style(AXIS_COLOR)
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .y_desc(spec.unit_label)
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()
        .map_err(render_err)?;

    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.day, p.value)),
            SERIES_COLOR.stroke_width(2),
        ))
        .map_err(render_err)?;

    let r = marker_radius(points.len());
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| !p.estimated)
                .map(|p| Circle::new((p.day, p.value), r + 1, SERIES_COLOR.filled())),
        )
        .map_err(render_err)?;
    // White fill first so the line does not show through the hollow marker.
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| p.estimated)
                .map(|p| Circle::new((p.day, p.value), r, WHITE.filled())),
        )
        .map_err(render_err)?;
    chart
        .draw_series(
            points
                .iter()
                .filter(|p| p.estimated)
                .map(|p| Circle::new((p.day, p.value), r, SERIES_COLOR.stroke_width(2))),
        )
        .map_err(render_err)?;
    Ok(())
}

/// Dense histories would turn into a solid band with full-size markers.
/// Filled markers get one pixel more so they match the outer edge of the
/// 2-pixel ring of hollow ones.
fn marker_radius(n: usize) -> i32 {
    match n {
        0..=40 => 4,
        41..=150 => 3,
        _ => 2,
    }
}

/// plotters' ab_glyph text puts the baseline about half an em below the
/// anchor, so `VPos::Center` text sits high; this shifts it back down so
/// it lines up with shapes drawn at `mid_y`.
fn centered_text_y(mid_y: i32, size: f64) -> i32 {
    mid_y + (size * 0.25).round() as i32
}

fn text_width(area: &Area, text: &str, style: &TextStyle) -> i32 {
    area.estimate_text_size(text, style)
        .map(|(w, _)| i32::try_from(w).unwrap_or(i32::MAX))
        .unwrap_or(0)
}

/// Title on the left, legend on the right, both above the plot so the
/// legend can never hide data.
fn draw_header(header: &Area, title: &str) -> Result<(), ChartError> {
    let legend_style = (FONT_FAMILY, LABEL_SIZE).into_font().color(&TEXT_COLOR);
    let title_style = (FONT_FAMILY, TITLE_SIZE).into_font().color(&TEXT_COLOR);
    let width = i32::try_from(WIDTH).unwrap_or(800);
    let mid_y = i32::try_from(HEADER_HEIGHT / 2).unwrap_or(22);
    let r = 4;

    // Laid out right to left: [marker] entered   [marker] estimated|
    let mut x = width - 16;
    let mut items = Vec::new();
    for (label, hollow) in [("estimated", true), ("entered", false)] {
        x -= text_width(header, label, &legend_style);
        let text_x = x;
        x -= 6 + r;
        items.push((label, hollow, x, text_x));
        x -= r + 18;
    }
    for (label, hollow, cx, text_x) in items {
        if hollow {
            header
                .draw(&Circle::new((cx, mid_y), r, SERIES_COLOR.stroke_width(2)))
                .map_err(render_err)?;
        } else {
            header
                .draw(&Circle::new((cx, mid_y), r + 1, SERIES_COLOR.filled()))
                .map_err(render_err)?;
        }
        let style = legend_style.pos(Pos::new(HPos::Left, VPos::Center));
        header
            .draw(&Text::new(
                label,
                (text_x, centered_text_y(mid_y, LABEL_SIZE)),
                style,
            ))
            .map_err(render_err)?;
    }

    let title_x = 16;
    let room = (x - title_x).max(0);
    let title = fit_text(header, title, &title_style, room);
    let style = title_style.pos(Pos::new(HPos::Left, VPos::Center));
    header
        .draw(&Text::new(
            title,
            (title_x, centered_text_y(mid_y, TITLE_SIZE)),
            style,
        ))
        .map_err(render_err)?;
    Ok(())
}

/// Shortens `text` with an ellipsis until it fits `room` pixels.
fn fit_text(area: &Area, text: &str, style: &TextStyle, room: i32) -> String {
    // Anything longer cannot fit anyway; bounds the measuring loop below.
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_control()).take(80).collect();
    let full: String = chars.iter().collect();
    if chars.len() == text.chars().count() && text_width(area, &full, style) <= room {
        return full;
    }
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if text_width(area, &candidate, style) <= room {
            return candidate;
        }
    }
    String::new()
}

/// Spacing of the x axis labels, which decides how they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickUnit {
    Days,
    Months,
    Years,
}

/// Day-number range with padding (so a single point is not on the frame)
/// plus calendar-aligned tick positions.
fn x_axis(points: &[Plotted]) -> (Range<i32>, Vec<i32>, TickUnit) {
    let first = points.first().map_or(0, |p| p.day);
    let last = points.last().map_or(first, |p| p.day);
    let span = i64::from(last) - i64::from(first);
    let pad = if span == 0 { 3 } else { (span / 25).max(1) };
    let lo = clamp_day(i64::from(first) - pad);
    let hi = clamp_day(i64::from(last) + pad);
    let (ticks, unit) = date_ticks(lo, hi);
    (lo..hi, ticks, unit)
}

/// Keeps padded bounds convertible back to a date for labelling.
fn clamp_day(day: i64) -> i32 {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    i32::try_from(day)
        .unwrap_or(if day < 0 { min } else { max })
        .clamp(min, max)
}

fn date_ticks(lo: i32, hi: i32) -> (Vec<i32>, TickUnit) {
    for step in [1, 2, 7, 14] {
        let ticks = day_ticks(lo, hi, step);
        if ticks.len() <= MAX_X_TICKS {
            return (ticks, TickUnit::Days);
        }
    }
    let (Some(lo_date), Some(hi_date)) = (to_date(lo), to_date(hi)) else {
        return (Vec::new(), TickUnit::Days);
    };
    for step in [1, 2, 3, 6] {
        let ticks = month_ticks(lo_date, hi_date, step);
        if ticks.len() <= MAX_X_TICKS {
            return (ticks, TickUnit::Months);
        }
    }
    let mut step = 1;
    // 1, 2, 5, 10, 20, 50, ... years; the date type's range ends the loop.
    for multiplier in [1, 2, 5].iter().cycle() {
        let ticks = year_ticks(lo_date, hi_date, step * multiplier);
        if ticks.len() <= MAX_X_TICKS {
            return (ticks, TickUnit::Years);
        }
        if *multiplier == 5 {
            step *= 10;
        }
        if step > 1_000_000 {
            break;
        }
    }
    (Vec::new(), TickUnit::Years)
}

fn day_ticks(lo: i32, hi: i32, step: i32) -> Vec<i32> {
    let first = lo + (step - lo.rem_euclid(step)) % step;
    (first..=hi)
        .step_by(usize::try_from(step).unwrap_or(1))
        .take(MAX_X_TICKS + 1)
        .collect()
}

fn month_ticks(lo: NaiveDate, hi: NaiveDate, step: u32) -> Vec<i32> {
    let mut out = Vec::new();
    let Some(mut d) = NaiveDate::from_ymd_opt(lo.year(), lo.month(), 1) else {
        return out;
    };
    // Align to months divisible by the step so labels read Jan/Apr/Jul/Oct.
    while d < lo || d.month0() % step != 0 {
        match d.checked_add_months(Months::new(1)) {
            Some(next) => d = next,
            None => return out,
        }
    }
    while d <= hi && out.len() <= MAX_X_TICKS {
        out.push(d.num_days_from_ce());
        match d.checked_add_months(Months::new(step)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

fn year_ticks(lo: NaiveDate, hi: NaiveDate, step: i32) -> Vec<i32> {
    let mut year = lo.year().div_euclid(step) * step;
    let mut out = Vec::new();
    while year <= hi.year() && out.len() <= MAX_X_TICKS {
        if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
            if d >= lo {
                out.push(d.num_days_from_ce());
            }
        }
        year = match year.checked_add(step) {
            Some(y) => y,
            None => break,
        };
    }
    out
}

fn to_date(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

fn format_day(day: i32, unit: TickUnit) -> String {
    let Some(date) = to_date(day) else {
        return String::new();
    };
    match unit {
        TickUnit::Days => date.format("%b %-d").to_string(),
        TickUnit::Months => date.format("%b %Y").to_string(),
        TickUnit::Years => date.format("%Y").to_string(),
    }
}

/// Value range with headroom; never zero-height, and never dipping below
/// zero when all values are non-negative.
fn y_axis(points: &[Plotted]) -> Range<f64> {
    let (min, max) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.value), hi.max(p.value))
        });
    let magnitude = min.abs().max(max.abs());
    // The floor terms keep flat or near-flat histories from producing a
    // hairline range with unreadable tick labels.
    let pad = ((max - min) * 0.1).max(magnitude * 0.02).max(0.5);
    let mut lo = min - pad;
    let hi = max + pad;
    if min >= 0.0 && lo < 0.0 {
        lo = 0.0;
    }
    lo..hi
}

/// Up to two decimals, without trailing zeros ("102.5", "100").
fn format_value(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    // Flat-colour charts compress to a few percent of the raw size.
    let mut out = Vec::with_capacity(rgb.len() / 16);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(render_err)?;
    writer.write_image_data(rgb).map_err(render_err)?;
    writer.finish().map_err(render_err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn point(date: NaiveDate, value: f64, estimated: bool) -> HistoryPoint {
        HistoryPoint {
            date,
            value,
            estimated,
        }
    }

    fn spec(points: &[HistoryPoint]) -> ChartSpec<'_> {
        ChartSpec {
            title: "Back squat — 1RM",
            unit_label: "kg",
            points,
        }
    }

    /// Checks the signature and that IHDR (always the first chunk) carries
    /// the expected size.
    fn assert_png(bytes: &[u8]) {
        assert!(
            bytes.len() > 33,
            "too short for a PNG: {} bytes",
            bytes.len()
        );
        assert_eq!(&bytes[..8], PNG_SIGNATURE);
        assert_eq!(&bytes[8..12], &13u32.to_be_bytes(), "IHDR length");
        assert_eq!(&bytes[12..16], b"IHDR");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (WIDTH, HEIGHT));
    }

    fn series(n: usize, start: NaiveDate, step_days: u64) -> Vec<HistoryPoint> {
        (0..n)
            .map(|i| {
                let d = start + chrono::Days::new(i as u64 * step_days);
                let v = 100.0 + (i as f64) * 0.5 + ((i as f64) * 0.7).sin() * 4.0;
                point(d, v, i % 3 == 1)
            })
            .collect()
    }

    #[test]
    fn empty_is_no_data() {
        assert!(matches!(render_png(&spec(&[])), Err(ChartError::NoData)));
    }

    #[test]
    fn non_finite_only_is_no_data() {
        let pts = [
            point(date(2024, 1, 1), f64::NAN, false),
            point(date(2024, 1, 2), f64::INFINITY, true),
            point(date(2024, 1, 3), f64::NEG_INFINITY, false),
        ];
        assert!(matches!(render_png(&spec(&pts)), Err(ChartError::NoData)));
    }

    #[test]
    fn non_finite_values_are_skipped() {
        let pts = [
            point(date(2024, 1, 1), 100.0, false),
            point(date(2024, 1, 2), f64::NAN, false),
            point(date(2024, 1, 9), 105.0, true),
        ];
        assert_png(&render_png(&spec(&pts)).unwrap());
    }

    #[test]
    fn single_point() {
        let pts = [point(date(2024, 11, 28), 140.0, false)];
        assert_png(&render_png(&spec(&pts)).unwrap());
        let (range, ticks, _) = x_axis(&usable_points(&pts));
        assert!(range.start < range.end);
        assert!(!ticks.is_empty());
    }

    #[test]
    fn equal_values() {
        let pts: Vec<_> = (1..=5)
            .map(|d| point(date(2024, 3, d), 80.0, d % 2 == 0))
            .collect();
        assert_png(&render_png(&spec(&pts)).unwrap());
        let y = y_axis(&usable_points(&pts));
        assert!(y.start < 80.0 && y.end > 80.0);
    }

    #[test]
    fn same_date_points() {
        let d = date(2024, 6, 1);
        let pts = [point(d, 100.0, false), point(d, 102.5, true)];
        assert_png(&render_png(&spec(&pts)).unwrap());
    }

    #[test]
    fn thousand_points() {
        let pts = series(1000, date(2022, 1, 1), 1);
        assert_png(&render_png(&spec(&pts)).unwrap());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let cases: Vec<Vec<HistoryPoint>> = vec![
            vec![
                point(NaiveDate::MIN, 1.0, false),
                point(NaiveDate::MAX, 2.0, true),
            ],
            vec![
                point(date(1990, 1, 1), 50.0, false),
                point(date(2030, 12, 31), 60.0, false),
            ],
            vec![point(date(2024, 1, 1), 0.0, false)],
            vec![
                point(date(2024, 1, 1), -5.0, false),
                point(date(2024, 2, 1), 5.0, true),
            ],
            vec![
                point(date(2024, 1, 1), 1e9, false),
                point(date(2024, 2, 1), -1e9, false),
            ],
            vec![
                point(date(2024, 1, 1), 1e300, false),
                point(date(2024, 2, 1), 3.0, false),
            ],
            vec![
                point(date(2024, 1, 1), 100.0, false),
                point(date(2024, 1, 1), 100.0 + 1e-12, false),
            ],
        ];
        for pts in &cases {
            assert_png(&render_png(&spec(pts)).unwrap());
        }
        let long_title = "Very long exercise name ".repeat(50);
        let weird = ChartSpec {
            title: &long_title,
            unit_label: "",
            points: &cases[0],
        };
        assert_png(&render_png(&weird).unwrap());
        let control = ChartSpec {
            title: "tab\there\nnewline 🏋️ 深蹲",
            unit_label: "lb",
            points: &cases[1],
        };
        assert_png(&render_png(&control).unwrap());
    }

    #[test]
    fn tick_labels() {
        assert_eq!(
            format_day(date(2024, 11, 28).num_days_from_ce(), TickUnit::Days),
            "Nov 28"
        );
        assert_eq!(format_value(102.5), "102.5");
        assert_eq!(format_value(100.0), "100");
        assert_eq!(format_value(-0.001), "0");
        let lo = date(2021, 3, 15).num_days_from_ce();
        let hi = date(2024, 8, 2).num_days_from_ce();
        let (ticks, unit) = date_ticks(lo, hi);
        assert!(!ticks.is_empty() && ticks.len() <= MAX_X_TICKS);
        assert!(ticks.iter().all(|t| (lo..=hi).contains(t)));
        assert_eq!(unit, TickUnit::Months);
        let hi = date(2034, 8, 2).num_days_from_ce();
        let (ticks, unit) = date_ticks(lo, hi);
        assert!(!ticks.is_empty() && ticks.len() <= MAX_X_TICKS);
        assert_eq!(unit, TickUnit::Years);
    }

    #[test]
    fn writes_sample() {
        let mut pts = series(100, date(2024, 6, 3), 3);
        pts[40].value = f64::NAN;
        let bytes = render_png(&spec(&pts)).unwrap();
        assert_png(&bytes);
        std::fs::write(std::env::temp_dir().join("chart-sample.png"), &bytes).unwrap();
    }
}
