//! Challenge texts: the leaderboard, the announcement, the weekly summary and the final
//! results.
//!
//! Members appear as mentions (`<@id>`), which ping only whoever the sender names in
//! `allowed_mentions`, or as "Member #N"; the challenge name is user text and is escaped.

use crate::domain::ids::UserId;
use chrono::{DateTime, Utc};

use super::member::{anonymous_label, ShownAs};
use super::metric::ChallengeMetric;
use super::ranking::{BoardLine, LeaderboardView, Standing, ViewerPlace};
use super::team_goal::{TeamProgress, TeamTarget};
use super::window::{ChallengeStatus, ChallengeWindow};
use crate::domain::strength::Unit;
use crate::domain::user_text::escape_user_text;

/// Cells in a text progress bar.
pub const PROGRESS_BAR_CELLS: usize = 20;

/// What a challenge text is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeHeading<'a> {
    /// The challenge name as stored (escaped here).
    pub name: &'a str,
    /// What it measures.
    pub metric: ChallengeMetric,
    /// When it runs.
    pub window: ChallengeWindow,
}

/// The body of a leaderboard: ranked lines, or the team's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board<'a> {
    /// A ranked metric.
    Ranked(&'a LeaderboardView),
    /// A team goal.
    Team(TeamProgress),
}

/// A text progress bar with its percentage, e.g. `` `[██████░░░░░░░░░░░░░░]` 30% ``.
pub fn progress_bar(percent: u8) -> String {
    let percent = percent.min(100);
    let filled = usize::from(percent) * PROGRESS_BAR_CELLS / 100;
    format!(
        "`[{}{}]` {percent}%",
        "█".repeat(filled),
        "░".repeat(PROGRESS_BAR_CELLS - filled)
    )
}

/// How a member is named in a text.
pub fn shown_as_text(shown_as: ShownAs) -> String {
    match shown_as {
        ShownAs::You {
            anonymous: false, ..
        } => "You".to_owned(),
        ShownAs::You {
            number,
            anonymous: true,
        } => format!("You ({} to others)", anonymous_label(number)),
        ShownAs::User(user_id) => format!("<@{user_id}>"),
        ShownAs::Anonymous(number) => anonymous_label(number),
    }
}

/// One leaderboard line: a medal for the podium, the rank in bold below it (bold, so
/// Discord does not turn "4." into a list that renumbers itself).
pub fn board_line_text(metric: ChallengeMetric, line: &BoardLine, unit: Unit) -> String {
    let place = match line.rank {
        1 => "🥇".to_owned(),
        2 => "🥈".to_owned(),
        3 => "🥉".to_owned(),
        rank => format!("**{rank}.**"),
    };
    format!(
        "{place} {} — {}",
        shown_as_text(line.shown_as),
        metric.format_value(line.value, unit)
    )
}

/// Where the challenge is in its life, e.g. "Ends <t:…:R>."
pub fn status_text(window: &ChallengeWindow, now: DateTime<Utc>) -> String {
    let start = window.start.timestamp();
    let end = window.end.timestamp();
    let results = window.results_at().timestamp();
    match window.status(now) {
        ChallengeStatus::Upcoming => format!("Starts <t:{start}:F> (<t:{start}:R>)."),
        ChallengeStatus::Active => format!("Ends <t:{end}:F> (<t:{end}:R>)."),
        ChallengeStatus::Grace => format!(
            "Ended <t:{end}:R>; training done before the end can be logged until \
             <t:{results}:t>, then the results are final."
        ),
        ChallengeStatus::Ended => format!("Ended <t:{end}:D>. Final results."),
    }
}

fn title(heading: &ChallengeHeading) -> String {
    format!(
        "**{}** — {}",
        escape_user_text(heading.name),
        heading.metric.label()
    )
}

/// The leaderboard, for `/challenge leaderboard` and the living leaderboard message.
pub fn leaderboard_text(
    heading: &ChallengeHeading,
    board: Board,
    unit: Unit,
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        format!("🏆 {}", title(heading)),
        status_text(&heading.window, now),
    ];
    lines.extend(board_lines(heading, board, unit));
    lines.join("\n")
}

fn board_lines(heading: &ChallengeHeading, board: Board, unit: Unit) -> Vec<String> {
    match board {
        Board::Team(progress) => team_lines(progress, heading.metric, unit),
        Board::Ranked(view) => {
            let mut lines = Vec::new();
            if view.top.is_empty() {
                lines.push("Nobody is ranked yet.".to_owned());
            }
            lines.extend(
                view.top
                    .iter()
                    .map(|line| board_line_text(heading.metric, line, unit)),
            );
            if let Some(place) = view.viewer {
                lines.push(viewer_text(heading, place, view, unit));
            }
            lines
        }
    }
}

fn team_lines(progress: TeamProgress, metric: ChallengeMetric, unit: Unit) -> Vec<String> {
    let mut lines = vec![
        progress_bar(progress.percent()),
        format!(
            "{} of {} together.",
            metric.format_value(progress.total, unit),
            metric.format_value(i64::from(progress.target.get()), unit)
        ),
    ];
    if progress.reached() {
        lines.push("🎉 Goal reached!".to_owned());
    }
    lines
}

fn viewer_text(
    heading: &ChallengeHeading,
    place: ViewerPlace,
    view: &LeaderboardView,
    unit: Unit,
) -> String {
    match place {
        ViewerPlace::Ranked(line) if view.viewer_in_top() => {
            format!("You're in place {} of {}.", line.rank, view.ranked_count)
        }
        ViewerPlace::Ranked(line) => format!(
            "…\n{} (of {})",
            board_line_text(heading.metric, &line, unit),
            view.ranked_count
        ),
        ViewerPlace::Unranked => "You take part without a place on the leaderboard.".to_owned(),
        ViewerPlace::NotJoined => format!(
            "You haven't joined. Use `/challenge join` with the name {} to take part.",
            escape_user_text(heading.name)
        ),
    }
}

/// The announcement posted with the **Join** button.
pub fn announcement_text(
    heading: &ChallengeHeading,
    creator_id: UserId,
    team_target: Option<TeamTarget>,
    now: DateTime<Utc>,
) -> String {
    let what = match (heading.metric, team_target) {
        (ChallengeMetric::TeamGoal, Some(target)) => format!(
            "Together we aim for {} of BFR training.",
            heading
                .metric
                .format_value(i64::from(target.get()), Unit::Kg)
        ),
        (ChallengeMetric::Sessions, _) => "Most completed BFR workouts wins.".to_owned(),
        (ChallengeMetric::Reps, _) => "Most reps in recorded BFR sets wins.".to_owned(),
        (ChallengeMetric::Volume, _) => "Most volume (load × reps) wins.".to_owned(),
        (ChallengeMetric::Streak, _) => "Longest run of training days wins, in your own time \
                                         zone; one rest day a week keeps a streak alive."
            .to_owned(),
        (ChallengeMetric::Improvement, _) => {
            "Biggest 1RM gain since joining wins, in percent, so beginners and veterans \
             compete fairly."
                .to_owned()
        }
        (ChallengeMetric::TeamGoal, None) => "Everyone's sessions add up.".to_owned(),
    };
    [
        // A creator who deleted their data is no longer named.
        if creator_id == crate::domain::privacy::FORGOTTEN_USER {
            format!("📣 New challenge: {}", title(heading))
        } else {
            format!("📣 New challenge by <@{creator_id}>: {}", title(heading))
        },
        what,
        status_text(&heading.window, now),
        "Press **Join** or use `/challenge join` to take part. Joining shares your \
         challenge progress with this server, nothing else; choose `visibility:anonymous` \
         to appear as a member number."
            .to_owned(),
    ]
    .join("\n")
}

/// The weekly summary after `week` weeks.
pub fn weekly_summary_text(
    heading: &ChallengeHeading,
    week: u32,
    board: Board,
    unit: Unit,
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        format!("📅 Week {week} of {}", title(heading)),
        status_text(&heading.window, now),
    ];
    lines.extend(board_lines(heading, board, unit));
    lines.join("\n")
}

/// The final results, naming the winners (or the team's outcome).
pub fn final_results_text(
    heading: &ChallengeHeading,
    board: Board,
    winners: &[Standing],
    unit: Unit,
) -> String {
    let mut lines = vec![format!("🏁 Final results of {}", title(heading))];
    match board {
        Board::Team(progress) => {
            if !progress.reached() {
                lines.push(
                    "The goal wasn't reached this time; thanks to everyone who trained.".to_owned(),
                );
            }
        }
        Board::Ranked(_) if winners.is_empty() => {
            lines.push("Nobody was credited, so there is no winner this time.".to_owned());
        }
        Board::Ranked(_) => {
            let names: Vec<String> = winners
                .iter()
                .map(|w| shown_as_text(ShownAs::for_viewer(&w.member, None)))
                .collect();
            let value = winners
                .first()
                .map(|w| heading.metric.format_value(w.value, unit))
                .unwrap_or_default();
            let verb = if names.len() == 1 {
                "Winner"
            } else {
                "Winners"
            };
            lines.push(format!("🎉 {verb}: {} with {value}!", names.join(" and ")));
        }
    }
    lines.extend(board_lines(heading, board, unit));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::member::{Member, Visibility};
    use crate::domain::challenge::ranking::{rank_members, winners, LEADERBOARD_TOP};
    use crate::domain::challenge::scoring::MemberScore;
    use crate::domain::challenge::window::{ChallengeDays, GRACE_HOURS};
    use crate::domain::user_text::MESSAGE_LIMIT_CHARS;
    use chrono::Duration;

    fn start() -> DateTime<Utc> {
        "2027-01-04T09:00:00Z".parse().unwrap()
    }

    fn heading(metric: ChallengeMetric) -> ChallengeHeading<'static> {
        ChallengeHeading {
            name: "**Dec** @everyone",
            metric,
            window: ChallengeWindow::new(start(), ChallengeDays::new(30).unwrap()),
        }
    }

    fn members(n: u64) -> Vec<Member> {
        (1..=n)
            .map(|id| Member {
                user_id: UserId::test(id),
                number: id as u32,
                joined_at: start(),
                visibility: if id % 2 == 0 {
                    Visibility::Anonymous
                } else {
                    Visibility::Public
                },
                ranked: true,
                time_zone: chrono_tz::UTC,
            })
            .collect()
    }

    fn standings(members: &[Member]) -> Vec<Standing> {
        let scores: Vec<MemberScore> = members
            .iter()
            .map(|m| MemberScore {
                user_id: m.user_id,
                value: 100 - m.user_id.get() as i64,
                reached_at: start(),
            })
            .collect();
        rank_members(members, &scores)
    }

    #[test]
    fn progress_bars_fill_in_twentieths() {
        assert_eq!(progress_bar(0), format!("`[{}]` 0%", "░".repeat(20)));
        assert_eq!(
            progress_bar(30),
            format!("`[{}{}]` 30%", "█".repeat(6), "░".repeat(14))
        );
        assert_eq!(progress_bar(100), format!("`[{}]` 100%", "█".repeat(20)));
        assert_eq!(progress_bar(250), progress_bar(100));
    }

    #[test]
    fn the_leaderboard_shows_the_top_ten_and_the_viewer() {
        let members = members(14);
        let standings = standings(&members);
        let view = LeaderboardView::new(
            &standings,
            &members,
            Some(UserId::test(13)),
            LEADERBOARD_TOP,
        );
        let now = start() + Duration::days(3);
        let text = leaderboard_text(
            &heading(ChallengeMetric::Sessions),
            Board::Ranked(&view),
            Unit::Kg,
            now,
        );
        assert!(
            text.starts_with("🏆 **\\*\\*Dec\\*\\* @\u{200B}everyone** — Most sessions"),
            "{text}"
        );
        assert!(text.contains("🥇 <@1> — 99 sessions"), "{text}");
        assert!(text.contains("🥈 Member #2 — 98 sessions"), "{text}");
        assert!(text.contains("**10.** Member #10 — 90 sessions"), "{text}");
        assert!(!text.contains("**11.**"), "{text}");
        assert!(text.contains("**13.** You — 87 sessions (of 14)"), "{text}");
        assert!(
            !text.contains("<@2>"),
            "anonymous members stay anonymous: {text}"
        );
        assert!(text.chars().count() < MESSAGE_LIMIT_CHARS);
    }

    #[test]
    fn anonymous_viewers_see_how_others_see_them() {
        let members = members(4);
        let standings = standings(&members);
        let view =
            LeaderboardView::new(&standings, &members, Some(UserId::test(2)), LEADERBOARD_TOP);
        let text = leaderboard_text(
            &heading(ChallengeMetric::Reps),
            Board::Ranked(&view),
            Unit::Kg,
            start(),
        );
        assert!(
            text.contains("🥈 You (Member #2 to others) — 98 reps"),
            "{text}"
        );
        assert!(text.contains("You're in place 2 of 4."), "{text}");
    }

    #[test]
    fn volume_is_shown_in_the_viewers_unit() {
        let members = members(1);
        let scores = [MemberScore {
            user_id: UserId::test(1),
            value: 100_000_000,
            reached_at: start(),
        }];
        let standings = rank_members(&members, &scores);
        let view = LeaderboardView::new(&standings, &members, None, LEADERBOARD_TOP);
        let board = Board::Ranked(&view);
        let heading = heading(ChallengeMetric::Volume);
        assert!(leaderboard_text(&heading, board, Unit::Kg, start()).contains("100000 kg"));
        assert!(leaderboard_text(&heading, board, Unit::Lb, start()).contains("220462.26 lb"));
    }

    #[test]
    fn team_goals_show_a_bar_and_no_ranking() -> Result<(), Box<dyn std::error::Error>> {
        let progress = TeamProgress {
            total: 45,
            target: TeamTarget::new(100)?,
        };
        let text = leaderboard_text(
            &heading(ChallengeMetric::TeamGoal),
            Board::Team(progress),
            Unit::Kg,
            start(),
        );
        assert!(text.contains(&progress_bar(45)), "{text}");
        assert!(
            text.contains("45 sessions of 100 sessions together."),
            "{text}"
        );
        assert!(!text.contains("🥇"));
        let done = TeamProgress {
            total: 120,
            ..progress
        };
        let results = final_results_text(
            &heading(ChallengeMetric::TeamGoal),
            Board::Team(done),
            &[],
            Unit::Kg,
        );
        assert!(results.contains("Goal reached"), "{results}");
        Ok(())
    }

    #[test]
    fn status_follows_the_clock() {
        let window = heading(ChallengeMetric::Sessions).window;
        let end = window.end.timestamp();
        assert!(status_text(&window, start() - Duration::hours(1)).starts_with("Starts"));
        assert_eq!(
            status_text(&window, start()),
            format!("Ends <t:{end}:F> (<t:{end}:R>).")
        );
        let grace = status_text(&window, window.end + Duration::hours(1));
        assert!(grace.contains("can be logged until"), "{grace}");
        assert!(status_text(&window, window.results_at()).contains("Final"));
        assert_eq!(GRACE_HOURS, 12);
    }

    #[test]
    fn the_announcement_explains_joining() -> Result<(), Box<dyn std::error::Error>> {
        let text = announcement_text(
            &heading(ChallengeMetric::Streak),
            UserId::test(42),
            None,
            start() - Duration::days(1),
        );
        assert!(text.contains("<@42>"), "{text}");
        assert!(text.contains("one rest day a week"), "{text}");
        assert!(
            text.contains("**Join**") && text.contains("visibility:anonymous"),
            "{text}"
        );
        assert!(!text.contains("@everyone"), "{text}");
        let team = announcement_text(
            &heading(ChallengeMetric::TeamGoal),
            UserId::test(42),
            Some(TeamTarget::new(250)?),
            start(),
        );
        assert!(team.contains("250 sessions"), "{team}");
        Ok(())
    }

    #[test]
    fn summaries_and_results_name_the_leaders() {
        let members = members(3);
        let standings = standings(&members);
        let view = LeaderboardView::new(&standings, &members, None, LEADERBOARD_TOP);
        let heading = heading(ChallengeMetric::Streak);
        let summary = weekly_summary_text(
            &heading,
            2,
            Board::Ranked(&view),
            Unit::Kg,
            start() + Duration::days(14),
        );
        assert!(summary.starts_with("📅 Week 2 of"), "{summary}");
        assert!(summary.contains("🥇 <@1> — 99 days"), "{summary}");
        let results = final_results_text(
            &heading,
            Board::Ranked(&view),
            &winners(&standings),
            Unit::Kg,
        );
        assert!(
            results.contains("🎉 Winner: <@1> with 99 days!"),
            "{results}"
        );
        let mut anonymous = members.clone();
        anonymous[0].visibility = Visibility::Anonymous;
        let standings = rank_members(
            &anonymous,
            &[MemberScore {
                user_id: UserId::test(1),
                value: 5,
                reached_at: start(),
            }],
        );
        let view = LeaderboardView::new(&standings, &anonymous, None, LEADERBOARD_TOP);
        let results = final_results_text(
            &heading,
            Board::Ranked(&view),
            &winners(&standings),
            Unit::Kg,
        );
        assert!(
            results.contains("Winner: Member #1 with 5 days"),
            "{results}"
        );
        assert!(!results.contains("<@1>"), "{results}");
        let nobody = LeaderboardView::new(&[], &[], None, LEADERBOARD_TOP);
        let results = final_results_text(&heading, Board::Ranked(&nobody), &[], Unit::Kg);
        assert!(results.contains("no winner"), "{results}");
    }
}
