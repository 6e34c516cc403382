//! The leaderboard as one viewer sees it (`/challenge leaderboard`) or as everyone sees it
//! (the living leaderboard and the scheduled posts): text and a PNG chart.

use chrono::{DateTime, Utc};

use super::chart_cache::leaderboard_png;
use crate::app::reply::{Attachment, Button, ButtonStyle, Colour, Component, Embed, Reply};
use crate::app::Caller;
use crate::chart::challenge::{LeaderboardBar, LeaderboardChart};
use crate::domain::challenge::{
    leaderboard_text, winners, Board, BoardLine, LeaderboardView, ShownAs, Standing as Ranked,
    TeamProgress, ViewerPlace, LEADERBOARD_TOP,
};
use crate::domain::ids::UserId;
use crate::domain::strength::Unit;
use crate::error::AppError;
use crate::store::{Challenge, LeaderboardPage, Standing, Store};

pub const BOARD_CHART_FILENAME: &str = "leaderboard.png";

/// Everything a leaderboard is drawn from, read once: the top members, the viewer's own
/// line and the totals, never every member.
pub struct BoardData {
    page: LeaderboardPage,
}

impl BoardData {
    /// The board as `viewer` sees it (`None`: a post everyone sees).
    pub async fn load(
        store: &dyn Store,
        challenge: &Challenge,
        viewer: Option<UserId>,
    ) -> Result<BoardData, AppError> {
        let top = u32::try_from(LEADERBOARD_TOP).unwrap_or(u32::MAX);
        let page = store.leaderboard_page(challenge.id, viewer, top).await?;
        Ok(BoardData { page })
    }

    pub fn view(&self, viewer: Option<UserId>) -> LeaderboardView {
        let top = self
            .page
            .top
            .iter()
            .enumerate()
            .map(|(index, standing)| BoardLine {
                rank: u32::try_from(index + 1).unwrap_or(u32::MAX),
                shown_as: ShownAs::for_viewer(&standing.member, viewer),
                value: standing.score.value,
            })
            .collect();
        let place = viewer.map(|_| match &self.page.viewer {
            Some((own, Some(rank))) => ViewerPlace::Ranked(BoardLine {
                rank: *rank,
                shown_as: ShownAs::for_viewer(&own.member, viewer),
                value: own.score.value,
            }),
            Some((_, None)) => ViewerPlace::Unranked,
            None => ViewerPlace::NotJoined,
        });
        LeaderboardView {
            top,
            viewer: place,
            ranked_count: self.page.ranked_count as usize,
        }
    }

    /// The leaders with their ranks, for naming the winners.
    pub fn winners(&self) -> Vec<Ranked> {
        let ranked: Vec<Ranked> = self
            .page
            .top
            .iter()
            .enumerate()
            .map(|(index, standing)| Ranked {
                rank: u32::try_from(index + 1).unwrap_or(u32::MAX),
                member: standing.member,
                value: standing.score.value,
                reached_at: standing.score.reached_at,
            })
            .collect();
        winners(&ranked)
    }

    pub fn team_progress(&self, challenge: &Challenge) -> Option<TeamProgress> {
        let target = challenge.definition.team_target?;
        Some(TeamProgress {
            total: self.page.total.max(0),
            target,
        })
    }

    fn standing_of(&self, user_id: UserId) -> Option<&Standing> {
        self.page
            .top
            .iter()
            .chain(self.page.viewer.as_ref().map(|(own, _)| own))
            .find(|s| s.member.user_id == user_id)
    }

    fn display_name(&self, user_id: UserId) -> Option<&str> {
        self.standing_of(user_id)
            .and_then(|s| s.display_name.as_deref())
    }
}

/// The leaderboard text for `viewer` (`None`: a post everyone sees).
pub fn board_text(
    challenge: &Challenge,
    data: &BoardData,
    viewer: Option<UserId>,
    unit: Unit,
    now: DateTime<Utc>,
) -> String {
    let heading = challenge.definition.heading();
    let view = data.view(viewer);
    let board = match data.team_progress(challenge) {
        Some(progress) => Board::Team(progress),
        None => Board::Ranked(&view),
    };
    leaderboard_text(&heading, board, unit, now)
}

/// The chart for `viewer`; `None` when there is nothing to draw or drawing failed (the
/// text says it all then).
pub fn board_chart(
    challenge: &Challenge,
    data: &BoardData,
    viewer: Option<UserId>,
    unit: Unit,
) -> Option<Attachment> {
    let metric = challenge.definition.metric;
    let title = challenge.definition.name.as_str();
    let png = match data.team_progress(challenge) {
        Some(progress) => {
            let caption = format!(
                "{} of {}",
                metric.format_value(progress.total, unit),
                metric.format_value(i64::from(progress.target.get()), unit)
            );
            leaderboard_png(&LeaderboardChart::Progress {
                title,
                percent: progress.percent(),
                caption: &caption,
            })
        }
        None => {
            let view = data.view(viewer);
            let labels: Vec<(String, String, f64)> = view
                .top
                .iter()
                .map(|line| {
                    let label = line.shown_as.plain_label(|user_id| {
                        data.display_name(user_id)
                            .map(str::to_owned)
                            .unwrap_or_else(|| fallback_label(data, user_id))
                    });
                    (
                        label,
                        metric.format_value(line.value, unit),
                        line.value as f64,
                    )
                })
                .collect();
            let bars: Vec<LeaderboardBar> = labels
                .iter()
                .map(|(label, value_label, value)| LeaderboardBar {
                    label,
                    value: *value,
                    value_label,
                })
                .collect();
            if bars.is_empty() {
                return None;
            }
            leaderboard_png(&LeaderboardChart::Bars { title, bars: &bars })
        }
    };
    match png {
        Ok(bytes) => Some(Attachment {
            filename: BOARD_CHART_FILENAME.to_owned(),
            bytes,
        }),
        Err(error) => {
            tracing::warn!(%error, "could not draw the leaderboard chart");
            None
        }
    }
}

/// A public member whose name is unknown is shown by their number, like an anonymous one.
fn fallback_label(data: &BoardData, user_id: UserId) -> String {
    data.standing_of(user_id)
        .map(|s| crate::domain::challenge::anonymous_label(s.member.number))
        .unwrap_or_default()
}

/// The leaderboard message everyone sees, with the Join button while members can join.
pub fn board_reply(
    challenge: &Challenge,
    data: &BoardData,
    now: DateTime<Utc>,
    join_open: bool,
) -> Reply {
    let text = board_text(challenge, data, None, Unit::Kg, now);
    let mut embed = Embed::new(challenge.definition.name.clone(), text).colour(Colour::Info);
    if join_open {
        embed = embed.footer(
            "Press Join or use /challenge join to take part; choose visibility:anonymous to \
             appear as a member number.",
        );
    }
    let mut reply = Reply::embed(embed);
    if join_open {
        reply.rows.push(vec![Component::Button(Button {
            custom_id: format!("{}{}", super::JOIN_PREFIX, challenge.id),
            label: "Join".to_owned(),
            style: ButtonStyle::Primary,
            disabled: false,
        })]);
    }
    reply
}

/// `/challenge leaderboard`: ephemeral unless `public`; the viewer's own line and unit.
pub async fn leaderboard(
    store: &dyn Store,
    caller: &Caller,
    challenge: &Challenge,
    public: bool,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let unit = store.user_settings(caller.user_id).await?.units;
    // A shared board names nobody by their own "You": it is read by everyone.
    let viewer = (!public).then_some(caller.user_id);
    let data = BoardData::load(store, challenge, viewer).await?;
    let text = board_text(challenge, &data, viewer, unit, now);
    let mut embed = Embed::new(format!("Leaderboard: {}", challenge.definition.name), text)
        .colour(Colour::Info);
    let chart = board_chart(challenge, &data, viewer, unit);
    if chart.is_some() {
        embed = embed.image(BOARD_CHART_FILENAME);
    }
    let mut reply = Reply::embed(embed);
    reply.attachments.extend(chart);
    Ok(reply.private_unless(public))
}
