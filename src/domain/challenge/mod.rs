//! Group challenges: the rules, scores, rankings, bounds, schedule and texts, with no
//! Discord or database types, so the store and the commands build on tested logic.
//!
//! - Definition ([`ChallengeDefinition`], validated in one step): [`ChallengeMetric`],
//!   [`sanitize_challenge_name`] (1-50 characters, no mentions, links or formatting;
//!   uniqueness is the store's), [`ChallengeDays`] (1-90), [`ChallengeWindow`] (start,
//!   end, a 12-hour grace period for late logs, early end) and its [`ChallengeStatus`] at
//!   a given instant; a team goal's [`TeamTarget`].
//! - Credit: an [`Entry`] is one member's amount at one instant, from a workout or a
//!   manual log, possibly voided; [`set_credit`] and [`session_credit`] say what a
//!   recorded set or a finished workout is worth to a metric; [`participant_credit`]
//!   what a group workout (`/challenge session`) earns each participant.
//! - Scores ([`entry_scores`], [`improvement_scores`]): sums for sessions, reps, volume
//!   (stored in gram-reps, shown in each viewer's unit) and the team goal; the longest
//!   streak of days in each member's own time zone; the percentage 1RM gain since
//!   joining. Every score carries the instant it was reached.
//! - Streaks ([`longest_streak`]): a day counts when it has a session on the member's
//!   local calendar (so DST changes and time zones never split or merge days). One missed
//!   day between training days keeps a streak alive without adding to it, as long as no
//!   other bridged rest day lies within the same 7 consecutive days; two missed days in a
//!   row end it.
//! - Ranking ([`rank_members`], [`LeaderboardView`], [`winners`]): highest first, ties to
//!   whoever reached the value first; members who opted out are not ranked; anonymous
//!   members are "Member #N" to everyone else; [`TeamProgress`] for the team goal.
//! - Manual logs ([`parse_log_amount`], [`check_manual_log`]): per-log and per-day limits,
//!   volume checked against the member's 1RM; streak and improvement take no logs.
//! - Scheduled posts ([`planned_posts`], [`due_posts`], [`next_post`]): weekly summaries
//!   and the final results, decided from stored markers so a restart neither skips nor
//!   repeats; [`LEADERBOARD_EDIT_INTERVAL_SECONDS`] keeps the living leaderboard to one edit a
//!   minute.
//! - Texts ([`leaderboard_text`], [`announcement_text`], [`weekly_summary_text`],
//!   [`final_results_text`], [`progress_bar`]).

mod definition;
mod entry;
mod group_session;
mod improvement;
mod local_day;
mod log_bounds;
mod member;
mod metric;
mod name;
mod posts;
mod ranking;
mod scoring;
mod streak;
mod team_goal;
mod texts;
mod throttle;
mod window;

#[cfg(test)]
mod tests;

pub use definition::{ChallengeDefinition, DefinitionError};
pub use entry::{session_credit, set_credit, volume_amount, Entry, EntrySource};
pub use group_session::{
    credited_sets, participant_credit, sets_at_end, toggle, GroupButton, Toggle,
};
pub use improvement::{improvement_scores, improvement_units, OneRepMaxProgress};
pub use local_day::{local_date, local_day_bounds, start_of_local_day};
pub use log_bounds::{
    check_manual_log, parse_log_amount, LogAmount, LogError, MAX_DAILY_VOLUME_IN_ONE_REP_MAXES,
    MAX_LOAD_OF_ONE_REP_MAX, MAX_REPS_PER_DAY, MAX_REPS_PER_LOG, MAX_SESSIONS_PER_DAY,
    MAX_SESSIONS_PER_LOG, MAX_VOLUME_REPS_PER_LOG,
};
pub use member::{anonymous_label, next_member_number, Member, ShownAs, Visibility};
pub use metric::{ChallengeMetric, IMPROVEMENT_UNITS_PER_PERCENT, VOLUME_UNITS_PER_KG};
pub use name::{name_key, sanitize_challenge_name, ChallengeNameError, MAX_CHALLENGE_NAME_CHARS};
pub use posts::{
    due_posts, next_post, planned_posts, PlannedPost, PostedMarkers, ScheduledPost,
    SUMMARY_EVERY_DAYS,
};
pub use ranking::{
    rank_members, winners, BoardLine, LeaderboardView, Standing, ViewerPlace, LEADERBOARD_TOP,
};
pub use scoring::{entry_scores, MemberScore};
pub use streak::{longest_streak, Streak, REST_DAY_SPACING_DAYS};
pub use team_goal::{TeamProgress, TeamTarget, TeamTargetError, MAX_TEAM_TARGET};
pub use texts::{
    announcement_text, board_line_text, final_results_text, leaderboard_text, progress_bar,
    shown_as_text, status_text, weekly_summary_text, Board, ChallengeHeading, PROGRESS_BAR_CELLS,
};
pub use throttle::LEADERBOARD_EDIT_INTERVAL_SECONDS;
pub use window::{
    grace_period, parse_start, ChallengeDays, ChallengeStatus, ChallengeWindow, WindowError,
    GRACE_HOURS, MAX_CHALLENGE_DAYS, MAX_START_AHEAD_DAYS, MIN_CHALLENGE_DAYS,
};
