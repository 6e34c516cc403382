//! The stored shape of a rest timer and the requests that create one.

use std::fmt;
use std::time::Duration;

use crate::domain::ids::{ChannelId, GuildId, MessageId, RoleId, UserId};

/// The database identity of a rest timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerId(pub i64);

impl fmt::Display for TimerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A stored rest timer, as the repository returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestTimer {
    pub id: TimerId,
    /// The owner: only they may cancel or extend it.
    pub user_id: UserId,
    pub channel_id: ChannelId,
    pub guild_id: Option<GuildId>,
    /// When the rest ends, in unix milliseconds (a whole second when created by the engine).
    pub ends_at_ms: i64,
    /// Free text from the user, shown sanitised.
    pub label: Option<String>,
    /// What comes next, e.g. "Set 2: 15 reps at 32.5 kg".
    pub next_set: Option<String>,
    /// Everyone pinged when the rest ends: the owner first, then group members, no duplicates.
    pub ping_user_ids: Vec<UserId>,
    /// Roles pinged too (a group rest `for:@role`), at most [`MAX_GROUP_ROLES`].
    pub ping_role_ids: Vec<RoleId>,
    /// The message showing the countdown, once one was posted.
    pub countdown_message_id: Option<MessageId>,
    /// How to tell the owner privately if the ping cannot be posted.
    pub followup: Option<OwnerFollowup>,
    /// Started where the bot is not a member: the ping goes out as a follow-up of the
    /// interaction (through `followup`'s token), alone, never as a channel post.
    pub via_interaction: bool,
}

/// The token of the interaction that started a rest: Discord accepts private follow-ups
/// through it for 15 minutes, longer than any rest, so a ping that cannot be posted (the bot
/// lost access to the channel) still reaches its owner once.
#[derive(Clone, PartialEq, Eq)]
pub struct OwnerFollowup {
    pub token: String,
    /// Unix ms after which Discord no longer accepts the token.
    pub until_ms: i64,
}

/// How long after the interaction its token takes follow-ups: Discord's 15 minutes, less a
/// margin for clock differences.
pub const FOLLOWUP_VALIDITY: Duration = Duration::from_secs(14 * 60);

/// The token is a credential for the next minutes: never shown in logs.
impl fmt::Debug for OwnerFollowup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnerFollowup")
            .field("token", &"<redacted>")
            .field("until_ms", &self.until_ms)
            .finish()
    }
}

impl RestTimer {
    /// The end as whole unix seconds, as Discord timestamps (`<t:…>`) want it.
    pub fn ends_at_unix_secs(&self) -> i64 {
        self.ends_at_ms.div_euclid(1000)
    }
}

/// A timer about to be stored: [`RestTimer`] without the fields the database assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRestTimer {
    pub user_id: UserId,
    pub channel_id: ChannelId,
    pub guild_id: Option<GuildId>,
    pub ends_at_ms: i64,
    pub label: Option<String>,
    pub next_set: Option<String>,
    /// The owner first, then group members, no duplicates.
    pub ping_user_ids: Vec<UserId>,
    /// Roles pinged too, no duplicates, at most [`MAX_GROUP_ROLES`].
    pub ping_role_ids: Vec<RoleId>,
    pub followup: Option<OwnerFollowup>,
    /// See [`RestTimer::via_interaction`].
    pub via_interaction: bool,
}

/// What a user asks for with `/rest start` or a "Set N done – start rest" button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestRequest {
    pub user_id: UserId,
    pub channel_id: ChannelId,
    pub guild_id: Option<GuildId>,
    /// Between [`MIN_REST`] and [`MAX_REST`].
    pub duration: Duration,
    pub label: Option<String>,
    pub next_set: Option<String>,
    /// Group members pinged with the owner (at most [`MAX_GROUP_SIZE`] people in all).
    pub also_ping: Vec<UserId>,
    /// Roles pinged with the owner (at most [`MAX_GROUP_ROLES`]).
    pub also_ping_roles: Vec<RoleId>,
    /// Whether the engine posts the countdown message itself through its outbound queue.
    /// Leave it `false` when the caller shows the countdown as its interaction response and
    /// reports the message with [`crate::timers::TimerHandle::attach_countdown`].
    pub post_countdown: bool,
    /// Ping through the interaction instead of the channel (see
    /// [`RestTimer::via_interaction`]); needs `interaction_token`.
    pub via_interaction: bool,
    /// The token of the interaction that asked, when there is one (see [`OwnerFollowup`]).
    pub interaction_token: Option<String>,
}

/// The shortest rest a user may start, in seconds.
pub const MIN_REST_SECONDS: u32 = 5;
/// The longest rest a user may start, in seconds; +15 s never goes past it either.
pub const MAX_REST_SECONDS: u32 = 600;
/// [`MIN_REST_SECONDS`] as a duration.
pub const MIN_REST: Duration = Duration::from_secs(MIN_REST_SECONDS as u64);
/// [`MAX_REST_SECONDS`] as a duration.
pub const MAX_REST: Duration = Duration::from_secs(MAX_REST_SECONDS as u64);
/// How many people one rest may ping, the owner included; with at most five rests per
/// message, a ping's mentions stay well inside Discord's 2,000 characters.
pub const MAX_GROUP_SIZE: usize = 10;
/// How many roles one rest may ping: a role pings many people, so a few are plenty.
pub const MAX_GROUP_ROLES: usize = 3;
/// Longest label kept, in characters.
pub const MAX_LABEL_CHARS: usize = 80;
/// Longest "next set" text kept, in characters.
pub const MAX_NEXT_SET_CHARS: usize = 160;

/// The owner followed by the group members, without duplicates, capped at [`MAX_GROUP_SIZE`].
pub fn ping_list(owner: UserId, also_ping: &[UserId]) -> Vec<UserId> {
    unique_capped(
        std::iter::once(owner).chain(also_ping.iter().copied()),
        MAX_GROUP_SIZE,
    )
}

/// The roles without duplicates, capped at [`MAX_GROUP_ROLES`].
pub fn role_list(roles: &[RoleId]) -> Vec<RoleId> {
    unique_capped(roles.iter().copied(), MAX_GROUP_ROLES)
}

/// The first `cap` distinct IDs, in order.
pub(crate) fn unique_capped<I: PartialEq>(ids: impl Iterator<Item = I>, cap: usize) -> Vec<I> {
    let mut unique = Vec::new();
    for id in ids {
        if unique.len() == cap {
            break;
        }
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// What pressing Join on a running rest does to its ping list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupChange {
    /// The presser is added: the new list.
    Join(Vec<UserId>),
    /// The presser was in the group and leaves it: the new list.
    Leave(Vec<UserId>),
    /// The owner pressed it; their own rest pings them anyway.
    Owner,
    /// The rest already pings [`MAX_GROUP_SIZE`] people.
    Full,
}

/// Join toggles: a second press leaves.
pub fn join_or_leave(timer: &RestTimer, user_id: UserId) -> GroupChange {
    if user_id == timer.user_id {
        return GroupChange::Owner;
    }
    let users = &timer.ping_user_ids;
    if users.contains(&user_id) {
        return GroupChange::Leave(users.iter().copied().filter(|&u| u != user_id).collect());
    }
    if users.len() >= MAX_GROUP_SIZE {
        return GroupChange::Full;
    }
    let mut joined = users.clone();
    joined.push(user_id);
    GroupChange::Join(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(ids: &[u64]) -> Vec<UserId> {
        ids.iter().filter_map(|&id| UserId::new(id)).collect()
    }

    fn user(id: u64) -> UserId {
        UserId::from_const(id)
    }

    #[test]
    fn ping_list_puts_owner_first_and_drops_duplicates() {
        assert_eq!(ping_list(user(1), &users(&[2, 1, 3, 2])), users(&[1, 2, 3]));
    }

    #[test]
    fn ping_list_is_capped() {
        let many = users(&(2..40).collect::<Vec<_>>());
        assert_eq!(ping_list(user(1), &many).len(), MAX_GROUP_SIZE);
    }

    #[test]
    fn role_list_drops_duplicates_and_is_capped() {
        let roles =
            |ids: &[u64]| -> Vec<RoleId> { ids.iter().filter_map(|&id| RoleId::new(id)).collect() };
        assert_eq!(role_list(&roles(&[5, 5, 6])), roles(&[5, 6]));
        assert_eq!(role_list(&roles(&[1, 2, 3, 4, 5])).len(), MAX_GROUP_ROLES);
    }

    fn running(users: Vec<UserId>) -> RestTimer {
        RestTimer {
            id: TimerId(1),
            user_id: users[0],
            channel_id: ChannelId::from_const(2),
            guild_id: None,
            ends_at_ms: 0,
            label: None,
            next_set: None,
            ping_user_ids: users,
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
            countdown_message_id: None,
        }
    }

    #[test]
    fn join_adds_then_leaves_and_the_owner_cannot_toggle() {
        let timer = running(users(&[1, 2]));
        assert_eq!(
            join_or_leave(&timer, user(3)),
            GroupChange::Join(users(&[1, 2, 3]))
        );
        assert_eq!(
            join_or_leave(&timer, user(2)),
            GroupChange::Leave(users(&[1]))
        );
        assert_eq!(join_or_leave(&timer, user(1)), GroupChange::Owner);
        let full = running(users(&(1..=MAX_GROUP_SIZE as u64).collect::<Vec<_>>()));
        assert_eq!(join_or_leave(&full, user(99)), GroupChange::Full);
        assert!(matches!(
            join_or_leave(&full, user(2)),
            GroupChange::Leave(_)
        ));
    }

    #[test]
    fn end_seconds_round_down() {
        let timer = RestTimer {
            id: TimerId(1),
            user_id: user(1),
            channel_id: ChannelId::from_const(2),
            guild_id: None,
            ends_at_ms: 1_700_000_000_999,
            label: None,
            next_set: None,
            ping_user_ids: users(&[1]),
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
            countdown_message_id: None,
        };
        assert_eq!(timer.ends_at_unix_secs(), 1_700_000_000);
    }
}

/// A ping at most this late counts as on time.
pub const ON_TIME_MS: i64 = 1000;

/// How late an announcement is, measured when the engine first sees it due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lateness {
    /// At most [`ON_TIME_MS`] late.
    OnTime,
    /// Late but within the engine's late limit: announced with "(late by N s …)".
    Late { seconds: u64 },
    /// Later than the late limit: replaced by one "missed while offline" note per channel.
    Missed,
}

impl Lateness {
    /// Classifies a delay; `late_limit_ms` is the longest delay still announced as a ping.
    pub fn classify(late_by_ms: i64, late_limit_ms: i64) -> Lateness {
        if late_by_ms <= ON_TIME_MS {
            Lateness::OnTime
        } else if late_by_ms <= late_limit_ms {
            Lateness::Late {
                seconds: u64::try_from((late_by_ms + 500) / 1000).unwrap_or(0),
            }
        } else {
            Lateness::Missed
        }
    }
}
