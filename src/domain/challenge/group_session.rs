//! Group workouts of a challenge (`/challenge session`): who may press which button, who
//! may join, and what each participant earns when the leader finishes. Pure rules, so the
//! store (which decides joins atomically) and the buttons share them.

use std::ops::RangeInclusive;

use super::{session_credit, set_credit, ChallengeMetric};
use crate::domain::ids::UserId;

/// A button of a group workout's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupButton {
    /// Join, or leave when already in.
    ImIn,
    /// The presser's own loads, privately.
    MyLoads,
    /// The leader's "Set N done – start rest".
    SetDone,
    /// The leader's "Set N done – finish" (the last set).
    Finish,
    /// The leader's End: stop with the sets done so far.
    End,
}

impl GroupButton {
    /// Only the leader paces the group: one person decides when a set is over, so one
    /// rest starts for everyone.
    pub fn leader_only(self) -> bool {
        matches!(self, Self::SetDone | Self::Finish | Self::End)
    }

    pub fn may_press(self, presser: UserId, leader: UserId) -> bool {
        !self.leader_only() || presser == leader
    }
}

/// What pressing "I'm in" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Join,
    Leave,
    /// The leader is always in: they end the workout instead of leaving it.
    LeaderStays,
    /// `capacity` people are in already.
    Full,
}

/// Joining or leaving, decided from who is in now. `capacity` counts the leader: one
/// rest pings every participant, and a rest pings at most that many people.
pub fn toggle(presser: UserId, leader: UserId, participants: &[UserId], capacity: usize) -> Toggle {
    if presser == leader {
        Toggle::LeaderStays
    } else if participants.contains(&presser) {
        Toggle::Leave
    } else if participants.len() >= capacity {
        Toggle::Full
    } else {
        Toggle::Join
    }
}

/// The sets credited to a participant who joined when `joined_after_set` sets were done:
/// only the sets done with the group after joining.
pub fn credited_sets(joined_after_set: u32, sets_done: u32) -> RangeInclusive<u32> {
    joined_after_set.saturating_add(1)..=sets_done
}

/// What one participant earns in a challenge of `metric` when the workout ends with
/// `sets_done` sets: the reps (or, with their own load, the volume) of each set they did,
/// and one session if they did at least one. Without a load of their own (no 1RM) volume
/// earns nothing rather than a guess.
pub fn participant_credit(
    metric: ChallengeMetric,
    planned_reps: &[u32],
    joined_after_set: u32,
    sets_done: u32,
    load_kg: Option<f64>,
) -> i64 {
    let sets = credited_sets(joined_after_set, sets_done);
    let did_a_set = !sets.is_empty()
        && usize::try_from(*sets.start()).is_ok_and(|first| first <= planned_reps.len());
    let from_sets: i64 = sets
        .filter_map(|set| planned_reps.get(usize::try_from(set.checked_sub(1)?).ok()?))
        .filter_map(|reps| match (metric, load_kg) {
            (ChallengeMetric::Volume, None) => None,
            (_, load) => set_credit(metric, load.unwrap_or(0.0), *reps),
        })
        .sum();
    let from_session = if did_a_set {
        session_credit(metric).unwrap_or(0)
    } else {
        0
    };
    from_sets.saturating_add(from_session)
}

/// How many sets count when the leader presses `button` with `sets_done` recorded of
/// `planned`: Finish completes the plan, but only when the last set is the one in
/// progress (the card shows it then; a stale or forged Finish must not claim skipped
/// sets); End keeps what was recorded. `None`: the button does not end the workout.
pub fn sets_at_end(button: GroupButton, sets_done: u32, planned: u32) -> Option<u32> {
    match button {
        GroupButton::Finish => (sets_done.saturating_add(1) >= planned).then_some(planned),
        GroupButton::End => Some(sets_done.min(planned)),
        GroupButton::ImIn | GroupButton::MyLoads | GroupButton::SetDone => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: u64) -> UserId {
        UserId::from_const(id)
    }

    const PLAN: [u32; 4] = [30, 15, 15, 15];

    #[test]
    fn only_the_leader_paces_the_group() {
        for button in [GroupButton::SetDone, GroupButton::Finish, GroupButton::End] {
            assert!(button.may_press(user(1), user(1)));
            assert!(!button.may_press(user(2), user(1)));
        }
        for button in [GroupButton::ImIn, GroupButton::MyLoads] {
            assert!(button.may_press(user(2), user(1)));
        }
    }

    #[test]
    fn joining_toggles_and_is_capped_with_the_leader_counted() {
        let leader = user(1);
        let in_now = [user(1), user(2)];
        assert_eq!(toggle(user(3), leader, &in_now, 10), Toggle::Join);
        assert_eq!(toggle(user(2), leader, &in_now, 10), Toggle::Leave);
        assert_eq!(toggle(user(1), leader, &in_now, 10), Toggle::LeaderStays);
        let full: Vec<UserId> = (1..=10).map(user).collect();
        assert_eq!(toggle(user(11), leader, &full, 10), Toggle::Full);
        // Leaving a full group is always possible.
        assert_eq!(toggle(user(5), leader, &full, 10), Toggle::Leave);
    }

    #[test]
    fn reps_and_sessions_count_the_sets_done_with_the_group() {
        let reps = ChallengeMetric::Reps;
        assert_eq!(participant_credit(reps, &PLAN, 0, 4, None), 75);
        assert_eq!(participant_credit(reps, &PLAN, 0, 1, Some(20.0)), 30);
        assert_eq!(
            participant_credit(reps, &PLAN, 1, 3, None),
            30,
            "joined after set 1"
        );
        assert_eq!(participant_credit(reps, &PLAN, 0, 0, None), 0);
        let sessions = ChallengeMetric::Sessions;
        assert_eq!(participant_credit(sessions, &PLAN, 0, 2, None), 1);
        assert_eq!(
            participant_credit(sessions, &PLAN, 2, 2, None),
            0,
            "no set with us"
        );
        assert_eq!(
            participant_credit(ChallengeMetric::Streak, &PLAN, 0, 4, None),
            1
        );
        assert_eq!(
            participant_credit(ChallengeMetric::Improvement, &PLAN, 0, 4, None),
            0
        );
    }

    #[test]
    fn volume_uses_the_participants_own_load_or_nothing() {
        let volume = ChallengeMetric::Volume;
        assert_eq!(
            participant_credit(volume, &PLAN, 0, 2, Some(20.0)),
            set_credit(volume, 20.0, 30).unwrap() + set_credit(volume, 20.0, 15).unwrap()
        );
        assert_eq!(participant_credit(volume, &PLAN, 0, 4, None), 0);
    }

    #[test]
    fn sets_past_the_plan_earn_nothing() {
        assert_eq!(
            participant_credit(ChallengeMetric::Reps, &PLAN, 0, 9, None),
            75
        );
        assert_eq!(
            participant_credit(ChallengeMetric::Sessions, &PLAN, 4, 9, None),
            0
        );
    }

    #[test]
    fn finish_completes_the_plan_and_end_keeps_what_was_done() {
        assert_eq!(sets_at_end(GroupButton::Finish, 3, 4), Some(4));
        assert_eq!(
            sets_at_end(GroupButton::Finish, 1, 4),
            None,
            "sets 2-3 not done"
        );
        assert_eq!(sets_at_end(GroupButton::End, 2, 4), Some(2));
        assert_eq!(sets_at_end(GroupButton::End, 0, 4), Some(0));
        assert_eq!(sets_at_end(GroupButton::SetDone, 0, 4), None);
    }
}
