//! The posts a challenge schedules for itself: a weekly summary every 7 days from the
//! start while it runs, and the final results once the grace period is over.
//!
//! The planner is pure. The store keeps what was posted ([`PostedMarkers`]) and asks what
//! is due; since it sends a post and moves the marker as one claimed step, a restart
//! neither skips a post nor repeats one. After a long outage every missed post is still
//! due, oldest first: each summary reports its own week.

use chrono::{DateTime, Duration, Utc};

use super::window::ChallengeWindow;

/// Days between weekly summaries.
pub const SUMMARY_EVERY_DAYS: i64 = 7;

/// A post a challenge schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScheduledPost {
    /// The summary after `week` full weeks (1 for the first).
    WeeklySummary {
        /// Weeks since the start.
        week: u32,
    },
    /// The final results, naming the winners.
    FinalResults,
}

impl ScheduledPost {
    /// A stable key for the post within its challenge, e.g. as a unique column:
    /// `"week-2"`, `"final"`.
    pub fn key(self) -> String {
        match self {
            ScheduledPost::WeeklySummary { week } => format!("week-{week}"),
            ScheduledPost::FinalResults => "final".to_owned(),
        }
    }
}

/// A post and when it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedPost {
    /// What to post.
    pub post: ScheduledPost,
    /// When it is due.
    pub due_at: DateTime<Utc>,
}

/// What has already been posted for a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostedMarkers {
    /// The last weekly summary posted (0 for none).
    pub last_week_posted: u32,
    /// Whether the final results were posted.
    pub final_posted: bool,
}

impl PostedMarkers {
    /// The markers after `post` was posted.
    pub fn after(self, post: ScheduledPost) -> PostedMarkers {
        match post {
            ScheduledPost::WeeklySummary { week } => PostedMarkers {
                last_week_posted: self.last_week_posted.max(week),
                ..self
            },
            ScheduledPost::FinalResults => PostedMarkers {
                final_posted: true,
                ..self
            },
        }
    }

    fn covers(self, post: ScheduledPost) -> bool {
        match post {
            ScheduledPost::WeeklySummary { week } => week <= self.last_week_posted,
            ScheduledPost::FinalResults => self.final_posted,
        }
    }
}

/// Every post of a challenge, in order: weekly summaries strictly inside the run (a
/// summary that would fall on the end is left to the final results), then the final
/// results. A challenge ended early keeps only the summaries before its new end.
pub fn planned_posts(window: &ChallengeWindow) -> Vec<PlannedPost> {
    let weekly = (1u32..)
        .map(|week| PlannedPost {
            post: ScheduledPost::WeeklySummary { week },
            due_at: window.start + Duration::days(SUMMARY_EVERY_DAYS * i64::from(week)),
        })
        .take_while(|planned| planned.due_at < window.end);
    weekly
        .chain(std::iter::once(PlannedPost {
            post: ScheduledPost::FinalResults,
            due_at: window.results_at(),
        }))
        .collect()
}

/// The posts due at `now` that have not been posted yet, oldest first.
pub fn due_posts(
    window: &ChallengeWindow,
    posted: PostedMarkers,
    now: DateTime<Utc>,
) -> Vec<PlannedPost> {
    planned_posts(window)
        .into_iter()
        .filter(|planned| planned.due_at <= now && !posted.covers(planned.post))
        .collect()
}

/// When the next unposted post is due (possibly already past), for a timer to sleep until;
/// `None` once everything is posted.
pub fn next_post(window: &ChallengeWindow, posted: PostedMarkers) -> Option<PlannedPost> {
    planned_posts(window)
        .into_iter()
        .find(|planned| !posted.covers(planned.post))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::window::ChallengeDays;

    fn start() -> DateTime<Utc> {
        "2027-01-04T09:00:00Z".parse().unwrap()
    }

    fn window(days: i64) -> ChallengeWindow {
        ChallengeWindow::new(start(), ChallengeDays::new(days).unwrap())
    }

    fn day(days: i64) -> DateTime<Utc> {
        start() + Duration::days(days)
    }

    fn posts(planned: &[PlannedPost]) -> Vec<ScheduledPost> {
        planned.iter().map(|p| p.post).collect()
    }

    #[test]
    fn a_thirty_day_challenge_has_four_summaries_and_the_results() {
        let planned = planned_posts(&window(30));
        let due: Vec<_> = planned.iter().map(|p| p.due_at).collect();
        assert_eq!(
            due,
            [
                day(7),
                day(14),
                day(21),
                day(28),
                day(30) + Duration::hours(12)
            ]
        );
        assert_eq!(planned[4].post, ScheduledPost::FinalResults);
        assert_eq!(planned[0].post.key(), "week-1");
        assert_eq!(planned[4].post.key(), "final");
    }

    #[test]
    fn a_summary_on_the_last_day_is_left_to_the_results() {
        assert_eq!(
            posts(&planned_posts(&window(7))),
            [ScheduledPost::FinalResults]
        );
        assert_eq!(
            posts(&planned_posts(&window(1))),
            [ScheduledPost::FinalResults]
        );
        assert_eq!(planned_posts(&window(8)).len(), 2);
    }

    #[test]
    fn only_unposted_posts_that_are_due() {
        let w = window(30);
        assert!(due_posts(&w, PostedMarkers::default(), day(6)).is_empty());
        let due = due_posts(&w, PostedMarkers::default(), day(7));
        assert_eq!(posts(&due), [ScheduledPost::WeeklySummary { week: 1 }]);
        let posted = PostedMarkers::default().after(due[0].post);
        assert!(due_posts(&w, posted, day(7)).is_empty());
        assert_eq!(next_post(&w, posted).map(|p| p.due_at), Some(day(14)));
    }

    #[test]
    fn a_restart_neither_skips_nor_repeats() {
        let w = window(30);
        // Week 1 was posted, then the bot was down from day 13 to day 31 (past the end and
        // the grace period).
        let posted = PostedMarkers {
            last_week_posted: 1,
            final_posted: false,
        };
        let due = due_posts(&w, posted, day(31));
        assert_eq!(
            posts(&due),
            [
                ScheduledPost::WeeklySummary { week: 2 },
                ScheduledPost::WeeklySummary { week: 3 },
                ScheduledPost::WeeklySummary { week: 4 },
                ScheduledPost::FinalResults,
            ]
        );
        // A crash after posting week 2 only: the rest is still due, week 2 is not.
        let posted = posted.after(ScheduledPost::WeeklySummary { week: 2 });
        let due = due_posts(&w, posted, day(31));
        assert_eq!(due.len(), 3);
        assert_eq!(due[0].post, ScheduledPost::WeeklySummary { week: 3 });
        // Everything posted: nothing is ever due again.
        let done = due
            .iter()
            .fold(posted, |markers, planned| markers.after(planned.post));
        assert!(due_posts(&w, done, day(400)).is_empty());
        assert_eq!(next_post(&w, done), None);
    }

    #[test]
    fn ending_early_posts_the_results_at_once() {
        let now = day(10);
        let w = window(30).end_early(now);
        let planned = planned_posts(&w);
        assert_eq!(
            posts(&planned),
            [
                ScheduledPost::WeeklySummary { week: 1 },
                ScheduledPost::FinalResults
            ]
        );
        let posted = PostedMarkers {
            last_week_posted: 1,
            final_posted: false,
        };
        assert_eq!(
            posts(&due_posts(&w, posted, now)),
            [ScheduledPost::FinalResults]
        );
    }
}
