//! The claims this process holds and how sure it is of their leases. Pure bookkeeping.
//!
//! A ping may go out only while its lease surely lasts: at least a third of a lease beyond
//! now, which must exceed the time a Discord call can take. Otherwise another process could
//! take the claim over mid-send and ping a second time.

use std::collections::{HashMap, HashSet};

use super::model::{RestTimer, TimerId};

/// Held claims with the unix ms their lease was last confirmed to last until.
#[derive(Debug)]
pub struct ClaimBook {
    lease_ms: i64,
    held: HashMap<TimerId, i64>,
    /// Held claims whose ping is being posted right now.
    sending: HashSet<TimerId>,
    /// Held claims whose ping went out but is not yet recorded as sent.
    sent_unrecorded: HashSet<TimerId>,
}

impl ClaimBook {
    /// An empty book for leases of `lease_ms`.
    pub fn new(lease_ms: i64) -> Self {
        Self {
            lease_ms,
            held: HashMap::new(),
            sending: HashSet::new(),
            sent_unrecorded: HashSet::new(),
        }
    }

    /// Whether no claim is held.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// Records claims won at `claimed_at_ms`. Returns the timers to announce: winning a
    /// claim already held means its lease had lapsed while storage was unreachable, and its
    /// ping is already under way.
    pub fn adopt(&mut self, won: Vec<RestTimer>, claimed_at_ms: i64) -> Vec<RestTimer> {
        let lease_until = claimed_at_ms.saturating_add(self.lease_ms);
        won.into_iter()
            .filter(|timer| self.held.insert(timer.id, lease_until).is_none())
            .collect()
    }

    /// Whether the claim is still held.
    pub fn holds(&self, id: TimerId) -> bool {
        self.held.contains_key(&id)
    }

    /// Whether every lease lasts at least a third of a lease beyond `now_ms`.
    pub fn leases_sure(&self, ids: &[TimerId], now_ms: i64) -> bool {
        let needed = now_ms.saturating_add(self.lease_ms / 3);
        ids.iter()
            .all(|id| self.held.get(id).is_some_and(|until| *until >= needed))
    }

    /// The ping for these claims is being posted.
    pub fn start_sending(&mut self, ids: &[TimerId]) {
        self.sending.extend(ids.iter().copied());
    }

    /// The post for these claims returned, successfully or not.
    pub fn finish_sending(&mut self, ids: &[TimerId]) {
        for id in ids {
            self.sending.remove(id);
        }
    }

    /// The ping for these claims went out; recording it is under way.
    pub fn sent(&mut self, ids: &[TimerId]) {
        self.sent_unrecorded.extend(ids.iter().copied());
    }

    /// These claims are recorded as sent or failed: nothing left to hold.
    pub fn settled(&mut self, ids: &[TimerId]) {
        for id in ids {
            self.held.remove(id);
            self.sent_unrecorded.remove(id);
        }
    }

    /// Every held claim, to renew.
    pub fn to_renew(&self) -> Vec<TimerId> {
        self.held.keys().copied().collect()
    }

    /// Applies a renewal made at `at_ms`: `still_held` got a fresh lease; the others of
    /// `asked` were taken over and are dropped, unless their ping already went out (then
    /// the renewal only missed them because they were recorded meanwhile). Returns the
    /// claims lost.
    pub fn renewed(
        &mut self,
        asked: &[TimerId],
        still_held: &[TimerId],
        at_ms: i64,
    ) -> Vec<TimerId> {
        let lease_until = at_ms.saturating_add(self.lease_ms);
        let still_held: HashSet<TimerId> = still_held.iter().copied().collect();
        let mut lost = Vec::new();
        for id in asked {
            if still_held.contains(id) {
                if let Some(until) = self.held.get_mut(id) {
                    *until = lease_until;
                }
            } else if !self.sent_unrecorded.contains(id) && self.held.remove(id).is_some() {
                lost.push(*id);
            }
        }
        lost
    }

    /// Held claims whose ping surely did not go out: safe to give back at shutdown.
    pub fn unsent(&self) -> Vec<TimerId> {
        self.held
            .keys()
            .filter(|id| !self.sending.contains(id) && !self.sent_unrecorded.contains(id))
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ChannelId, UserId};

    fn timer(id: i64) -> RestTimer {
        RestTimer {
            id: TimerId(id),
            user_id: UserId::from_const(1),
            channel_id: ChannelId::from_const(1),
            guild_id: None,
            ends_at_ms: 0,
            label: None,
            next_set: None,
            ping_user_ids: vec![UserId::from_const(1)],
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
            countdown_message_id: None,
        }
    }

    #[test]
    fn a_claim_won_twice_is_announced_once() {
        let mut book = ClaimBook::new(30_000);
        assert_eq!(book.adopt(vec![timer(1), timer(2)], 0).len(), 2);
        let again = book.adopt(vec![timer(2), timer(3)], 1000);
        assert_eq!(again.iter().map(|t| t.id.0).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn leases_are_sure_until_two_thirds_of_the_lease() {
        let mut book = ClaimBook::new(30_000);
        book.adopt(vec![timer(1)], 0);
        assert!(book.leases_sure(&[TimerId(1)], 20_000));
        assert!(!book.leases_sure(&[TimerId(1)], 20_001));
        assert!(!book.leases_sure(&[TimerId(2)], 0));
        book.renewed(&[TimerId(1)], &[TimerId(1)], 15_000);
        assert!(book.leases_sure(&[TimerId(1)], 35_000));
    }

    #[test]
    fn a_renewal_drops_claims_taken_over_but_not_pings_already_sent() {
        let mut book = ClaimBook::new(30_000);
        book.adopt(vec![timer(1), timer(2), timer(3)], 0);
        book.sent(&[TimerId(3)]);
        let asked = book.to_renew();
        let lost = book.renewed(&asked, &[TimerId(1)], 10_000);
        assert_eq!(lost, vec![TimerId(2)]);
        assert!(book.holds(TimerId(1)) && book.holds(TimerId(3)) && !book.holds(TimerId(2)));
    }

    #[test]
    fn only_surely_unsent_claims_are_given_back() {
        let mut book = ClaimBook::new(30_000);
        book.adopt(vec![timer(1), timer(2), timer(3), timer(4)], 0);
        book.start_sending(&[TimerId(2)]);
        book.sent(&[TimerId(3)]);
        book.settled(&[TimerId(4)]);
        assert_eq!(book.unsent(), vec![TimerId(1)]);
        book.finish_sending(&[TimerId(2)]);
        let mut unsent = book.unsent();
        unsent.sort();
        assert_eq!(unsent, vec![TimerId(1), TimerId(2)]);
        assert!(!book.is_empty());
    }
}
