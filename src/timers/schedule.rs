//! The due-queue and the grouping of due timers into announcements. Pure: time is an input.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use super::model::{Lateness, RestTimer, TimerId};
use super::texts;
use crate::domain::ids::{ChannelId, RoleId, UserId};

/// Most timers named in one announcement; more (same channel, same second) are split.
pub const MAX_TIMERS_PER_ANNOUNCEMENT: usize = 5;
/// Most users a missed note mentions (about 1,200 characters of mentions); the others are
/// counted, not pinged.
pub const MAX_NOTE_MENTIONS: usize = 50;

/// What the queue keeps per timer: enough to wake, group and claim, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    channel_id: ChannelId,
    ends_at_ms: i64,
}

/// A timer whose end has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueTimer {
    pub id: TimerId,
    pub channel_id: ChannelId,
    pub ends_at_ms: i64,
}

/// Pending timers ordered by end: a min-heap of `(ends_at_ms, id)` plus one compact slot per
/// timer. Cancelling or extending does not search the heap: a heap entry counts only while
/// its deadline equals the slot's (the deadline is the entry's generation), so stale entries
/// are skipped when they surface and compacted away when they pile up.
#[derive(Debug, Default)]
pub struct DueQueue {
    heap: BinaryHeap<Reverse<(i64, TimerId)>>,
    slots: HashMap<TimerId, Slot>,
    /// Live timers per end second, to tell how many pings are coming soon.
    per_second: BTreeMap<i64, usize>,
}

impl DueQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a timer or moves it to a new end; a no-op when nothing changed.
    pub fn upsert(&mut self, id: TimerId, channel_id: ChannelId, ends_at_ms: i64) {
        let slot = Slot {
            channel_id,
            ends_at_ms,
        };
        let old = self.slots.insert(id, slot);
        if old == Some(slot) {
            return;
        }
        if let Some(old) = old {
            self.uncount(old.ends_at_ms);
        }
        *self
            .per_second
            .entry(ends_at_ms.div_euclid(1000))
            .or_insert(0) += 1;
        self.heap.push(Reverse((ends_at_ms, id)));
        self.compact_if_stale();
    }

    /// Forgets a timer (cancelled, replaced, or handled elsewhere). Returns whether it was here.
    pub fn remove(&mut self, id: TimerId) -> bool {
        let removed = self.slots.remove(&id);
        if let Some(slot) = removed {
            self.uncount(slot.ends_at_ms);
        }
        self.compact_if_stale();
        removed.is_some()
    }

    /// Live timers ending in the whole seconds from `from_ms`'s to `to_ms`'s, both included:
    /// an upper bound on the pings due in that span (timers of one channel and second share
    /// a ping).
    pub fn ending_between(&self, from_ms: i64, to_ms: i64) -> usize {
        self.per_second
            .range(from_ms.div_euclid(1000)..=to_ms.div_euclid(1000))
            .map(|(_, count)| count)
            .sum()
    }

    fn uncount(&mut self, ends_at_ms: i64) {
        let second = ends_at_ms.div_euclid(1000);
        if let Some(count) = self.per_second.get_mut(&second) {
            *count -= 1;
            if *count == 0 {
                self.per_second.remove(&second);
            }
        }
    }

    /// Whether the timer is queued.
    pub fn contains(&self, id: TimerId) -> bool {
        self.slots.contains_key(&id)
    }

    /// Number of queued timers.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no timer is queued.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The earliest end among queued timers.
    pub fn next_deadline(&mut self) -> Option<i64> {
        self.drop_stale_head();
        self.heap.peek().map(|Reverse((ends_at_ms, _))| *ends_at_ms)
    }

    /// Removes and returns every timer ending at or before `now_ms`, earliest first.
    pub fn pop_due(&mut self, now_ms: i64) -> Vec<DueTimer> {
        let mut due = Vec::new();
        while let Some(Reverse((ends_at_ms, id))) = self.heap.peek().copied() {
            if ends_at_ms > now_ms {
                break;
            }
            self.heap.pop();
            if let Some(slot) = self.slots.get(&id).copied() {
                if slot.ends_at_ms == ends_at_ms {
                    self.slots.remove(&id);
                    self.uncount(ends_at_ms);
                    due.push(DueTimer {
                        id,
                        channel_id: slot.channel_id,
                        ends_at_ms,
                    });
                }
            }
        }
        due
    }

    fn is_live(&self, ends_at_ms: i64, id: TimerId) -> bool {
        self.slots
            .get(&id)
            .is_some_and(|slot| slot.ends_at_ms == ends_at_ms)
    }

    fn drop_stale_head(&mut self) {
        while let Some(Reverse((ends_at_ms, id))) = self.heap.peek().copied() {
            if self.is_live(ends_at_ms, id) {
                return;
            }
            self.heap.pop();
        }
    }

    /// Rebuilds the heap once stale entries outnumber live ones, so memory stays bounded
    /// by the live timers however often they are extended or cancelled.
    fn compact_if_stale(&mut self) {
        if self.heap.len() <= 2 * self.slots.len() + 1024 {
            return;
        }
        let live: Vec<Reverse<(i64, TimerId)>> = self
            .slots
            .iter()
            .map(|(id, slot)| Reverse((slot.ends_at_ms, *id)))
            .collect();
        self.heap = BinaryHeap::from(live);
    }
}

/// Due timers that will be announced together, before their rows are claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAnnouncement {
    pub channel_id: ChannelId,
    pub timer_ids: Vec<TimerId>,
    pub lateness: Lateness,
}

/// Groups due timers into announcements: one per channel and end second (split beyond
/// [`MAX_TIMERS_PER_ANNOUNCEMENT`]), and for missed timers one per channel for the whole
/// batch, so a long outage yields one note per user and channel rather than a flood.
/// Earlier ends come first; missed notes come last.
pub fn plan_announcements(
    due: &[DueTimer],
    now_ms: i64,
    late_limit_ms: i64,
) -> Vec<PlannedAnnouncement> {
    let mut by_second: BTreeMap<(i64, ChannelId), Vec<&DueTimer>> = BTreeMap::new();
    let mut missed: BTreeMap<ChannelId, Vec<TimerId>> = BTreeMap::new();
    for timer in due {
        let lateness = Lateness::classify(now_ms - timer.ends_at_ms, late_limit_ms);
        if lateness == Lateness::Missed {
            missed.entry(timer.channel_id).or_default().push(timer.id);
        } else {
            let second = timer.ends_at_ms.div_euclid(1000);
            by_second
                .entry((second, timer.channel_id))
                .or_default()
                .push(timer);
        }
    }
    let mut plans = Vec::new();
    for ((_, channel_id), timers) in by_second {
        for chunk in timers.chunks(MAX_TIMERS_PER_ANNOUNCEMENT) {
            let earliest = chunk.iter().map(|t| t.ends_at_ms).min().unwrap_or(now_ms);
            plans.push(PlannedAnnouncement {
                channel_id,
                timer_ids: chunk.iter().map(|t| t.id).collect(),
                lateness: Lateness::classify(now_ms - earliest, late_limit_ms),
            });
        }
    }
    for (channel_id, timer_ids) in missed {
        plans.push(PlannedAnnouncement {
            channel_id,
            timer_ids,
            lateness: Lateness::Missed,
        });
    }
    plans
}

/// A message ready to send, built from the timers this process claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub channel_id: ChannelId,
    pub timer_ids: Vec<TimerId>,
    /// Everyone to ping, each once (the only users `allowed_mentions` may name).
    pub ping_user_ids: Vec<UserId>,
    /// Roles to ping, each once; none for a "missed" note, which is for individuals.
    pub ping_role_ids: Vec<RoleId>,
    pub content: String,
    /// Discord message nonce derived from the timer ids, so a resend is recognised.
    pub nonce: String,
    pub lateness: Lateness,
}

impl Announcement {
    /// Builds the message for claimed timers of one channel. Returns `None` for no timers.
    pub fn compose(lateness: Lateness, timers: &[RestTimer]) -> Option<Announcement> {
        let channel_id = timers.first()?.channel_id;
        let mut ping_user_ids = texts::unique_users(timers);
        let (content, ping_role_ids) = match lateness {
            Lateness::Missed => {
                let unnamed = ping_user_ids.len().saturating_sub(MAX_NOTE_MENTIONS);
                ping_user_ids.truncate(MAX_NOTE_MENTIONS);
                (texts::missed_note_text(&ping_user_ids, unnamed), Vec::new())
            }
            _ => (
                texts::ping_text(timers, lateness),
                texts::unique_roles(timers),
            ),
        };
        let timer_ids: Vec<TimerId> = timers.iter().map(|t| t.id).collect();
        let prefix = if lateness == Lateness::Missed {
            'm'
        } else {
            'p'
        };
        Some(Announcement {
            channel_id,
            nonce: nonce_for(prefix, &timer_ids),
            timer_ids,
            ping_user_ids,
            ping_role_ids,
            content,
            lateness,
        })
    }
}

/// A Discord nonce (at most 25 characters) that depends only on `prefix` and the set of ids:
/// `p123` for one timer, else `p` and a 64-bit FNV-1a hash of the sorted ids in hex.
pub fn nonce_for(prefix: char, ids: &[TimerId]) -> String {
    if let [single] = ids {
        return format!("{prefix}{}", single.0);
    }
    let mut sorted: Vec<i64> = ids.iter().map(|id| id.0).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for id in sorted {
        for byte in id.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{prefix}{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(id: u64) -> ChannelId {
        ChannelId::from_const(id)
    }

    fn users(ids: &[u64]) -> Vec<UserId> {
        ids.iter().map(|&id| UserId::from_const(id)).collect()
    }

    const LIMIT: i64 = 600_000;

    fn due(id: i64, channel_id: u64, ends_at_ms: i64) -> DueTimer {
        DueTimer {
            id: TimerId(id),
            channel_id: ch(channel_id),
            ends_at_ms,
        }
    }

    #[test]
    fn counts_the_timers_ending_soon_through_moves_removals_and_pops() {
        let mut queue = DueQueue::new();
        for id in 1..=3 {
            queue.upsert(TimerId(id), ch(1), 10_000);
        }
        queue.upsert(TimerId(4), ch(2), 10_999);
        queue.upsert(TimerId(5), ch(2), 12_000);
        assert_eq!(
            queue.ending_between(9_000, 10_500),
            4,
            "a second is counted whole"
        );
        assert_eq!(queue.ending_between(10_000, 11_000), 4);
        assert_eq!(queue.ending_between(11_000, 11_999), 0);
        queue.upsert(TimerId(1), ch(1), 12_500);
        queue.upsert(TimerId(1), ch(1), 12_500);
        assert!(queue.remove(TimerId(2)));
        assert_eq!(queue.ending_between(10_000, 10_999), 2);
        assert_eq!(queue.ending_between(12_000, 12_999), 2);
        assert_eq!(queue.pop_due(11_000).len(), 2);
        assert_eq!(queue.ending_between(0, 20_000), 2);
        assert_eq!(queue.pop_due(20_000).len(), 2);
        assert_eq!(queue.ending_between(i64::MIN, i64::MAX), 0);
        assert!(queue.per_second.is_empty(), "no empty seconds are kept");
    }

    #[test]
    fn pops_in_deadline_order_and_only_when_due() {
        let mut queue = DueQueue::new();
        queue.upsert(TimerId(1), ch(1), 3000);
        queue.upsert(TimerId(2), ch(1), 1000);
        queue.upsert(TimerId(3), ch(1), 2000);
        assert_eq!(queue.next_deadline(), Some(1000));
        assert!(queue.pop_due(999).is_empty());
        let ids: Vec<i64> = queue.pop_due(2000).iter().map(|d| d.id.0).collect();
        assert_eq!(ids, vec![2, 3]);
        assert_eq!(queue.next_deadline(), Some(3000));
        assert_eq!(queue.len(), 1);
    }

    #[test]
    fn extend_moves_the_deadline_and_skips_the_stale_entry() {
        let mut queue = DueQueue::new();
        queue.upsert(TimerId(1), ch(1), 1000);
        queue.upsert(TimerId(1), ch(1), 16_000);
        assert_eq!(queue.next_deadline(), Some(16_000));
        assert!(queue.pop_due(15_999).is_empty());
        assert_eq!(queue.pop_due(16_000), vec![due(1, 1, 16_000)]);
    }

    #[test]
    fn cancel_removes_without_searching() {
        let mut queue = DueQueue::new();
        queue.upsert(TimerId(1), ch(1), 1000);
        queue.upsert(TimerId(2), ch(1), 2000);
        assert!(queue.remove(TimerId(1)));
        assert!(!queue.remove(TimerId(1)));
        assert_eq!(queue.next_deadline(), Some(2000));
        assert_eq!(queue.pop_due(5000), vec![due(2, 1, 2000)]);
        assert!(queue.is_empty());
    }

    #[test]
    fn repeated_upserts_do_not_pop_twice() {
        let mut queue = DueQueue::new();
        queue.upsert(TimerId(1), ch(1), 1000);
        queue.remove(TimerId(1));
        queue.upsert(TimerId(1), ch(1), 1000);
        assert_eq!(queue.pop_due(1000).len(), 1);
        assert!(queue.pop_due(1000).is_empty());
    }

    #[test]
    fn stale_entries_are_compacted() {
        let mut queue = DueQueue::new();
        for round in 0..5000 {
            queue.upsert(TimerId(1), ch(1), 1000 + round);
        }
        assert!(queue.heap.len() <= 2 * queue.len() + 1025);
    }

    #[test]
    fn same_second_same_channel_is_one_announcement() {
        let due = [
            due(1, 10, 5000),
            due(2, 10, 5999),
            due(3, 11, 5000),
            due(4, 10, 6000),
        ];
        let plans = plan_announcements(&due, 6000, LIMIT);
        let groups: Vec<(u64, Vec<i64>)> = plans
            .iter()
            .map(|p| {
                (
                    p.channel_id.get(),
                    p.timer_ids.iter().map(|id| id.0).collect(),
                )
            })
            .collect();
        assert_eq!(groups, vec![(10, vec![1, 2]), (11, vec![3]), (10, vec![4])]);
    }

    #[test]
    fn big_groups_are_split() {
        let due: Vec<DueTimer> = (0..12).map(|id| due(id, 1, 1000)).collect();
        let sizes: Vec<usize> = plan_announcements(&due, 1000, LIMIT)
            .iter()
            .map(|p| p.timer_ids.len())
            .collect();
        assert_eq!(sizes, vec![5, 5, 2]);
    }

    #[test]
    fn lateness_is_classified() {
        assert_eq!(Lateness::classify(0, LIMIT), Lateness::OnTime);
        assert_eq!(Lateness::classify(1000, LIMIT), Lateness::OnTime);
        assert_eq!(
            Lateness::classify(42_400, LIMIT),
            Lateness::Late { seconds: 42 }
        );
        assert_eq!(
            Lateness::classify(600_000, LIMIT),
            Lateness::Late { seconds: 600 }
        );
        assert_eq!(Lateness::classify(600_001, LIMIT), Lateness::Missed);
    }

    #[test]
    fn missed_timers_make_one_note_per_channel() {
        let now = 10_000_000;
        let due = [
            due(1, 10, 1000),
            due(2, 10, 500_000),
            due(3, 11, 2000),
            due(4, 10, now - 30_000),
        ];
        let plans = plan_announcements(&due, now, LIMIT);
        assert_eq!(plans.len(), 3);
        assert_eq!(plans[0].lateness, Lateness::Late { seconds: 30 });
        let missed: Vec<(u64, usize)> = plans[1..]
            .iter()
            .map(|p| (p.channel_id.get(), p.timer_ids.len()))
            .collect();
        assert_eq!(missed, vec![(10, 2), (11, 1)]);
        assert!(plans[1..].iter().all(|p| p.lateness == Lateness::Missed));
    }

    fn row(id: i64, user_ids: Vec<u64>) -> RestTimer {
        let users = users(&user_ids);
        RestTimer {
            id: TimerId(id),
            user_id: users[0],
            channel_id: ch(10),
            guild_id: None,
            ends_at_ms: 1000,
            label: None,
            next_set: None,
            ping_user_ids: users,
            ping_role_ids: vec![RoleId::from_const(500)],
            followup: None,
            via_interaction: false,
            countdown_message_id: None,
        }
    }

    #[test]
    fn pings_name_roles_but_missed_notes_do_not() {
        let rows = [row(1, vec![1]), row(2, vec![2])];
        let ping = Announcement::compose(Lateness::OnTime, &rows);
        assert_eq!(
            ping.map(|a| a.ping_role_ids),
            Some(vec![RoleId::from_const(500)])
        );
        let note = Announcement::compose(Lateness::Missed, &rows);
        assert_eq!(note.map(|a| a.ping_role_ids), Some(Vec::new()));
    }

    #[test]
    fn missed_note_names_each_user_once() {
        let rows = [row(1, vec![1, 2]), row(2, vec![3, 2])];
        let note = Announcement::compose(Lateness::Missed, &rows);
        let note = note
            .as_ref()
            .map(|a| (a.ping_user_ids.clone(), a.content.clone()));
        let (users, content) = note.unwrap_or_default();
        assert_eq!(users, self::users(&[1, 2, 3]));
        assert_eq!(content.matches("<@2>").count(), 1);
    }

    #[test]
    fn huge_missed_notes_name_some_and_count_the_rest() {
        let rows: Vec<RestTimer> = (1..=80)
            .map(|id| row(id, vec![u64::try_from(id).unwrap_or(0)]))
            .collect();
        let note = Announcement::compose(Lateness::Missed, &rows);
        let Some(note) = note else {
            panic!("a note should be composed");
        };
        assert_eq!(note.ping_user_ids.len(), MAX_NOTE_MENTIONS);
        assert!(note.content.contains("and 30 others"));
        assert!(note.content.chars().count() <= texts::MESSAGE_LIMIT_CHARS);
    }

    #[test]
    fn nonces_are_short_and_depend_only_on_the_id_set() {
        let a = nonce_for('p', &[TimerId(3), TimerId(1), TimerId(2)]);
        let b = nonce_for('p', &[TimerId(2), TimerId(3), TimerId(1)]);
        assert_eq!(a, b);
        assert_ne!(a, nonce_for('p', &[TimerId(1), TimerId(2)]));
        assert_eq!(nonce_for('p', &[TimerId(i64::MAX)]).len(), 20);
        assert!(a.len() <= 25);
    }
}
