//! A challenge leaderboard as a PNG: horizontal bars for the top members, or one progress
//! bar for a team goal. Same size, font and colours as the 1RM chart, drawn with plain
//! shapes since there are no axes to speak of.

use plotters::backend::RGBPixel;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    centered_text_y, encode_png, ensure_font, fit_text, render_err, text_width, Area, ChartError,
    AXIS_COLOR, FONT_FAMILY, GRID_COLOR, HEADER_HEIGHT, HEIGHT, LABEL_SIZE, SERIES_COLOR,
    TEXT_COLOR, TITLE_SIZE, WIDTH,
};

/// Most bars drawn; the text leaderboard shows the same top 10.
pub const MAX_BARS: usize = 10;

const LEADER_COLOR: RGBColor = RGBColor(214, 160, 30);
const NAME_COLUMN: i32 = 210;
const VALUE_COLUMN: i32 = 130;
const SIDE_MARGIN: i32 = 16;

/// One member's bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeaderboardBar<'a> {
    /// Who, as the viewer may see them: a display name or "Member #N" (no mentions: an
    /// image cannot resolve them).
    pub label: &'a str,
    /// The score in any unit; only the proportions between bars matter.
    pub value: f64,
    /// The score as the viewer reads it, e.g. "1250 kg".
    pub value_label: &'a str,
}

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LeaderboardChart<'a> {
    /// A ranked leaderboard, best first; bars past [`MAX_BARS`] are left out.
    Bars {
        /// Shown on top, e.g. the challenge name.
        title: &'a str,
        /// The bars, best first.
        bars: &'a [LeaderboardBar<'a>],
    },
    /// A team goal.
    Progress {
        /// Shown on top.
        title: &'a str,
        /// 0-100.
        percent: u8,
        /// Under the bar, e.g. "45 of 100 sessions".
        caption: &'a str,
    },
}

/// Renders the leaderboard as a `WIDTH`×`HEIGHT` PNG and returns the file bytes.
/// [`ChartError::NoData`] for a leaderboard without bars.
pub fn render_leaderboard_png(chart: &LeaderboardChart) -> Result<Vec<u8>, ChartError> {
    if let LeaderboardChart::Bars { bars, .. } = chart {
        if bars.is_empty() {
            return Err(ChartError::NoData);
        }
    }
    ensure_font()?;
    let mut rgb = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut rgb, (WIDTH, HEIGHT))
            .map_err(render_err)?;
        let root = backend.into_drawing_area();
        root.fill(&WHITE).map_err(render_err)?;
        let (header, body) = root.split_vertically(HEADER_HEIGHT);
        match *chart {
            LeaderboardChart::Bars { title, bars } => {
                draw_title(&header, title)?;
                draw_bars(&body, bars)?;
            }
            LeaderboardChart::Progress {
                title,
                percent,
                caption,
            } => {
                draw_title(&header, title)?;
                draw_progress(&body, percent, caption)?;
            }
        }
        root.present().map_err(render_err)?;
    }
    encode_png(&rgb, WIDTH, HEIGHT)
}

fn width() -> i32 {
    i32::try_from(WIDTH).unwrap_or(800)
}

fn body_height() -> i32 {
    i32::try_from(HEIGHT - HEADER_HEIGHT).unwrap_or(356)
}

fn draw_title(header: &Area, title: &str) -> Result<(), ChartError> {
    let style = (FONT_FAMILY, TITLE_SIZE).into_font().color(&TEXT_COLOR);
    let mid_y = i32::try_from(HEADER_HEIGHT / 2).unwrap_or(22);
    let title = fit_text(header, title, &style, width() - 2 * SIDE_MARGIN);
    header
        .draw(&Text::new(
            title,
            (SIDE_MARGIN, centered_text_y(mid_y, TITLE_SIZE)),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(render_err)
}

fn draw_bars(body: &Area, bars: &[LeaderboardBar]) -> Result<(), ChartError> {
    let shown = &bars[..bars.len().min(MAX_BARS)];
    let label_style = (FONT_FAMILY, LABEL_SIZE).into_font().color(&TEXT_COLOR);
    let row_height = (body_height() - 12) / i32::try_from(MAX_BARS).unwrap_or(10);
    let bar_left = NAME_COLUMN + SIDE_MARGIN;
    let bar_room = (width() - bar_left - VALUE_COLUMN).max(1);
    // Negative or unusable values get no bar rather than one pointing the wrong way.
    let usable = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let longest = shown.iter().map(|b| usable(b.value)).fold(0.0, f64::max);

    for (index, bar) in shown.iter().enumerate() {
        let row = i32::try_from(index).unwrap_or(0);
        let top = 4 + row * row_height;
        let mid_y = top + row_height / 2;
        let name = fit_text(
            body,
            &format!("{}. {}", index + 1, bar.label),
            &label_style,
            NAME_COLUMN - 8,
        );
        body.draw(&Text::new(
            name,
            (SIDE_MARGIN, centered_text_y(mid_y, LABEL_SIZE)),
            label_style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(render_err)?;

        let length = if longest > 0.0 {
            (usable(bar.value) / longest * f64::from(bar_room)).round() as i32
        } else {
            0
        };
        let color = if index == 0 {
            LEADER_COLOR
        } else {
            SERIES_COLOR
        };
        let (bar_top, bar_bottom) = (top + 5, top + row_height - 5);
        body.draw(&Rectangle::new(
            [(bar_left, bar_top), (bar_left + length.max(2), bar_bottom)],
            color.filled(),
        ))
        .map_err(render_err)?;
        let value = fit_text(body, bar.value_label, &label_style, VALUE_COLUMN - 12);
        body.draw(&Text::new(
            value,
            (
                bar_left + length.max(2) + 8,
                centered_text_y(mid_y, LABEL_SIZE),
            ),
            label_style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(render_err)?;
    }
    body.draw(&PathElement::new(
        vec![(bar_left, 0), (bar_left, body_height() - 8)],
        AXIS_COLOR,
    ))
    .map_err(render_err)
}

fn draw_progress(body: &Area, percent: u8, caption: &str) -> Result<(), ChartError> {
    let percent = percent.min(100);
    let left = SIDE_MARGIN * 3;
    let right = width() - SIDE_MARGIN * 3;
    let top = body_height() / 2 - 40;
    let bottom = top + 60;
    body.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        GRID_COLOR.filled(),
    ))
    .map_err(render_err)?;
    let filled = left + (right - left) * i32::from(percent) / 100;
    if filled > left {
        body.draw(&Rectangle::new(
            [(left, top), (filled, bottom)],
            SERIES_COLOR.filled(),
        ))
        .map_err(render_err)?;
    }
    body.draw(&Rectangle::new([(left, top), (right, bottom)], AXIS_COLOR))
        .map_err(render_err)?;

    let big = (FONT_FAMILY, TITLE_SIZE * 1.4)
        .into_font()
        .color(&TEXT_COLOR);
    let label = format!("{percent}%");
    let label_x = (left + right) / 2 - text_width(body, &label, &big) / 2;
    body.draw(&Text::new(
        label,
        (label_x, bottom + 34),
        big.pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(render_err)?;

    let small = (FONT_FAMILY, LABEL_SIZE * 1.2)
        .into_font()
        .color(&TEXT_COLOR);
    let caption = fit_text(body, caption, &small, right - left);
    let caption_x = (left + right) / 2 - text_width(body, &caption, &small) / 2;
    body.draw(&Text::new(
        caption,
        (caption_x, bottom + 70),
        small.pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(render_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes the PNG and returns its size and pixels (RGB).
    fn decode(bytes: &[u8]) -> ((u32, u32), Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        pixels.truncate(info.buffer_size());
        ((info.width, info.height), pixels)
    }

    fn has_color(pixels: &[u8], color: RGBColor) -> bool {
        pixels
            .chunks_exact(3)
            .any(|p| p == [color.0, color.1, color.2])
    }

    fn bars(n: usize) -> (Vec<String>, Vec<String>) {
        let labels = (1..=n).map(|i| format!("Member #{i}")).collect();
        let values = (1..=n).map(|i| format!("{} sessions", 40 - i)).collect();
        (labels, values)
    }

    #[test]
    fn bars_render_as_a_png_of_the_chart_size() {
        let (labels, values) = bars(12);
        let data: Vec<LeaderboardBar> = labels
            .iter()
            .zip(&values)
            .enumerate()
            .map(|(i, (label, value_label))| LeaderboardBar {
                label,
                value: 40.0 - i as f64,
                value_label,
            })
            .collect();
        let bytes = render_leaderboard_png(&LeaderboardChart::Bars {
            title: "December sessions — Most sessions",
            bars: &data,
        })
        .unwrap();
        let (size, pixels) = decode(&bytes);
        assert_eq!(size, (WIDTH, HEIGHT));
        assert!(has_color(&pixels, LEADER_COLOR));
        assert!(has_color(&pixels, SERIES_COLOR));
    }

    #[test]
    fn team_progress_renders_as_a_png() {
        let bytes = render_leaderboard_png(&LeaderboardChart::Progress {
            title: "Team goal",
            percent: 45,
            caption: "45 of 100 sessions together",
        })
        .unwrap();
        let (size, pixels) = decode(&bytes);
        assert_eq!(size, (WIDTH, HEIGHT));
        assert!(has_color(&pixels, SERIES_COLOR));
        let empty = render_leaderboard_png(&LeaderboardChart::Progress {
            title: "Team goal",
            percent: 0,
            caption: "",
        })
        .unwrap();
        let (_, pixels) = decode(&empty);
        assert!(!has_color(&pixels, SERIES_COLOR));
    }

    #[test]
    fn odd_values_and_labels_do_not_panic() {
        let long = "Very long display name ".repeat(20);
        let data = [
            LeaderboardBar {
                label: &long,
                value: f64::NAN,
                value_label: "?",
            },
            LeaderboardBar {
                label: "tab\there 深蹲 🏋️",
                value: -5.0,
                value_label: "-5%",
            },
            LeaderboardBar {
                label: "",
                value: 0.0,
                value_label: &long,
            },
        ];
        let bytes = render_leaderboard_png(&LeaderboardChart::Bars {
            title: &long,
            bars: &data,
        })
        .unwrap();
        assert_eq!(decode(&bytes).0, (WIDTH, HEIGHT));
        assert!(matches!(
            render_leaderboard_png(&LeaderboardChart::Bars {
                title: "x",
                bars: &[]
            }),
            Err(ChartError::NoData)
        ));
    }

    #[test]
    fn writes_sample() {
        let (labels, values) = bars(10);
        let data: Vec<LeaderboardBar> = labels
            .iter()
            .zip(&values)
            .enumerate()
            .map(|(i, (label, value_label))| LeaderboardBar {
                label,
                value: 40.0 - 3.0 * i as f64,
                value_label,
            })
            .collect();
        let bytes = render_leaderboard_png(&LeaderboardChart::Bars {
            title: "December sessions — Most sessions",
            bars: &data,
        })
        .unwrap();
        std::fs::write(std::env::temp_dir().join("challenge-sample.png"), &bytes).unwrap();
        let bytes = render_leaderboard_png(&LeaderboardChart::Progress {
            title: "Winter team goal — Team goal",
            percent: 63,
            caption: "126 of 200 sessions together",
        })
        .unwrap();
        std::fs::write(
            std::env::temp_dir().join("challenge-team-sample.png"),
            &bytes,
        )
        .unwrap();
    }
}
