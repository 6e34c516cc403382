//! Ranking members and cutting the leaderboard one viewer sees.

use crate::domain::ids::UserId;
use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::member::{Member, ShownAs};
use super::scoring::MemberScore;

/// Lines shown on a leaderboard.
pub const LEADERBOARD_TOP: usize = 10;

/// One ranked member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// 1 for the leader; ties are broken, so every rank is distinct.
    pub rank: u32,
    /// The member.
    pub member: Member,
    /// Their score in the metric's stored unit.
    pub value: i64,
    /// When they reached it.
    pub reached_at: DateTime<Utc>,
}

/// Ranks the members who take part in ranking: highest value first; on equal values
/// whoever reached theirs first; then join order, so the order never depends on input
/// order. Members excluded from ranking and members without a score are left out.
pub fn rank_members(members: &[Member], scores: &[MemberScore]) -> Vec<Standing> {
    let by_user: HashMap<UserId, &MemberScore> =
        scores.iter().map(|score| (score.user_id, score)).collect();
    let mut standings: Vec<Standing> = members
        .iter()
        .filter(|member| member.ranked)
        .filter_map(|member| {
            by_user.get(&member.user_id).map(|score| Standing {
                rank: 0,
                member: *member,
                value: score.value,
                reached_at: score.reached_at,
            })
        })
        .collect();
    standings.sort_by_key(|s| (Reverse(s.value), s.reached_at, s.member.number));
    for (index, standing) in standings.iter_mut().enumerate() {
        standing.rank = u32::try_from(index + 1).unwrap_or(u32::MAX);
    }
    standings
}

/// One line of a leaderboard as one viewer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardLine {
    /// The member's rank.
    pub rank: u32,
    /// How the member is named to the viewer.
    pub shown_as: ShownAs,
    /// Their score in the metric's stored unit.
    pub value: i64,
}

impl BoardLine {
    fn new(standing: &Standing, viewer: Option<UserId>) -> BoardLine {
        BoardLine {
            rank: standing.rank,
            shown_as: ShownAs::for_viewer(&standing.member, viewer),
            value: standing.value,
        }
    }
}

/// Where the viewer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewerPlace {
    /// Ranked: their own line, also when it is outside the top lines.
    Ranked(BoardLine),
    /// A member who excluded themselves from ranking.
    Unranked,
    /// Not a member of this challenge.
    NotJoined,
}

/// The leaderboard one viewer sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderboardView {
    /// The top lines, best first.
    pub top: Vec<BoardLine>,
    /// The viewer's own place; `None` for a post everyone sees.
    pub viewer: Option<ViewerPlace>,
    /// How many members are ranked.
    pub ranked_count: usize,
}

impl LeaderboardView {
    /// The top `top` lines of `standings` and the viewer's own place (`viewer` is `None`
    /// for a post everyone sees). `members` tells an unranked member from a stranger.
    pub fn new(
        standings: &[Standing],
        members: &[Member],
        viewer: Option<UserId>,
        top: usize,
    ) -> LeaderboardView {
        let lines = standings
            .iter()
            .take(top)
            .map(|standing| BoardLine::new(standing, viewer))
            .collect();
        let place = viewer.map(|user_id| {
            if let Some(own) = standings.iter().find(|s| s.member.user_id == user_id) {
                ViewerPlace::Ranked(BoardLine::new(own, viewer))
            } else if members.iter().any(|m| m.user_id == user_id) {
                ViewerPlace::Unranked
            } else {
                ViewerPlace::NotJoined
            }
        });
        LeaderboardView {
            top: lines,
            viewer: place,
            ranked_count: standings.len(),
        }
    }

    /// Whether the viewer's own line is already among the top lines.
    pub fn viewer_in_top(&self) -> bool {
        matches!(
            self.viewer,
            Some(ViewerPlace::Ranked(line)) if self.top.iter().any(|top| top.rank == line.rank)
        )
    }
}

/// The winners named in the final results: the leader, and anyone level with them on
/// value and time (in practice only when both reached it at the same second); nobody when
/// the best score is 0.
pub fn winners(standings: &[Standing]) -> Vec<Standing> {
    // Nobody wins with nothing: a challenge nobody trained in has no winner.
    let Some(first) = standings.first().filter(|first| first.value > 0) else {
        return Vec::new();
    };
    standings
        .iter()
        .take_while(|s| s.value == first.value && s.reached_at == first.reached_at)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::member::Visibility;
    use chrono::Duration;

    fn start() -> DateTime<Utc> {
        "2027-01-04T09:00:00Z".parse().unwrap()
    }

    fn member(user_id: u64) -> Member {
        Member {
            user_id: UserId::test(user_id),
            number: u32::try_from(user_id).unwrap(),
            joined_at: start(),
            visibility: Visibility::Public,
            ranked: true,
            time_zone: chrono_tz::UTC,
        }
    }

    fn score(user_id: u64, value: i64, hours: i64) -> MemberScore {
        MemberScore {
            user_id: UserId::test(user_id),
            value,
            reached_at: start() + Duration::hours(hours),
        }
    }

    fn order(standings: &[Standing]) -> Vec<u64> {
        standings.iter().map(|s| s.member.user_id.get()).collect()
    }

    #[test]
    fn higher_values_rank_first_and_ties_go_to_whoever_got_there_first() {
        let members: Vec<Member> = (1..=4).map(member).collect();
        let scores = [
            score(1, 10, 50),
            score(2, 12, 70),
            score(3, 10, 20),
            score(4, 10, 50),
        ];
        let standings = rank_members(&members, &scores);
        assert_eq!(order(&standings), [2, 3, 1, 4]);
        let ranks: Vec<u32> = standings.iter().map(|s| s.rank).collect();
        assert_eq!(ranks, [1, 2, 3, 4]);
        // Input order does not matter.
        let mut reversed = scores;
        reversed.reverse();
        assert_eq!(order(&rank_members(&members, &reversed)), [2, 3, 1, 4]);
    }

    #[test]
    fn opted_out_members_are_not_ranked() {
        let mut creator = member(1);
        creator.ranked = false;
        let members = [creator, member(2)];
        let standings = rank_members(&members, &[score(1, 99, 1), score(2, 1, 1)]);
        assert_eq!(order(&standings), [2]);
        let view =
            LeaderboardView::new(&standings, &members, Some(UserId::test(1)), LEADERBOARD_TOP);
        assert_eq!(view.viewer, Some(ViewerPlace::Unranked));
        let stranger =
            LeaderboardView::new(&standings, &members, Some(UserId::test(5)), LEADERBOARD_TOP);
        assert_eq!(stranger.viewer, Some(ViewerPlace::NotJoined));
    }

    #[test]
    fn the_viewer_sees_the_top_and_their_own_line() {
        let mut members: Vec<Member> = (1..=15).map(member).collect();
        members[13].visibility = Visibility::Anonymous;
        let scores: Vec<MemberScore> = (1..=15).map(|id| score(id, 100 - id as i64, 1)).collect();
        let standings = rank_members(&members, &scores);
        let view = LeaderboardView::new(
            &standings,
            &members,
            Some(UserId::test(14)),
            LEADERBOARD_TOP,
        );
        assert_eq!(view.top.len(), 10);
        assert_eq!(view.ranked_count, 15);
        assert_eq!(view.top[0].shown_as, ShownAs::User(UserId::test(1)));
        assert_eq!(
            view.viewer,
            Some(ViewerPlace::Ranked(BoardLine {
                rank: 14,
                shown_as: ShownAs::You {
                    number: 14,
                    anonymous: true
                },
                value: 86,
            }))
        );
        assert!(!view.viewer_in_top());
        let leader =
            LeaderboardView::new(&standings, &members, Some(UserId::test(1)), LEADERBOARD_TOP);
        assert!(leader.viewer_in_top());
        // Others see the anonymous member by number.
        let public = LeaderboardView::new(&standings, &members, None, 15);
        assert_eq!(public.top[13].shown_as, ShownAs::Anonymous(14));
        assert_eq!(public.viewer, None);
    }

    #[test]
    fn the_winner_is_the_leader_unless_someone_matched_them_to_the_second() {
        let members: Vec<Member> = (1..=3).map(member).collect();
        let standings = rank_members(
            &members,
            &[score(1, 10, 5), score(2, 10, 7), score(3, 4, 1)],
        );
        assert_eq!(order(&winners(&standings)), [1]);
        let level = rank_members(
            &members,
            &[score(1, 10, 5), score(2, 10, 5), score(3, 4, 1)],
        );
        assert_eq!(order(&winners(&level)), [1, 2]);
        assert!(winners(&[]).is_empty());
        let nobody_trained =
            rank_members(&[member(1), member(2)], &[score(1, 0, 1), score(2, 0, 1)]);
        assert_eq!(nobody_trained.len(), 2);
        assert!(winners(&nobody_trained).is_empty(), "no winner with 0");
    }
}
