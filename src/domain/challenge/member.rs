//! Who takes part in a challenge and how others see them.

use crate::domain::ids::UserId;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// How a member appears to others. Joining is consent to appear at all; anonymity hides
/// who is behind a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// Shown by name.
    #[default]
    Public,
    /// Shown to others as "Member #N".
    Anonymous,
}

impl Visibility {
    /// Stable name, as stored and as typed in commands.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Anonymous => "anonymous",
        }
    }

    /// Inverse of [`Visibility::as_str`], ignoring case and surrounding spaces.
    pub fn parse(input: &str) -> Option<Visibility> {
        [Visibility::Public, Visibility::Anonymous]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(input.trim()))
    }
}

/// A member of one challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Discord user ID.
    pub user_id: UserId,
    /// Stable number within the challenge, in join order from 1 (see
    /// [`next_member_number`]); anonymous members are shown as "Member #number".
    pub number: u32,
    /// When the member joined; a score of 0 counts as reached then.
    pub joined_at: DateTime<Utc>,
    /// How others see the member.
    pub visibility: Visibility,
    /// False for a creator who excluded themselves from ranking: their training still
    /// counts towards a team goal, but they hold no place on a leaderboard.
    pub ranked: bool,
    /// The member's own time zone, which decides their streak days.
    pub time_zone: Tz,
}

/// The number for the next member to join, given the numbers already handed out. Numbers
/// are never reused, so "Member #3" stays the same person even after others leave.
pub fn next_member_number(taken: impl IntoIterator<Item = u32>) -> u32 {
    taken
        .into_iter()
        .max()
        .map_or(1, |max| max.saturating_add(1))
}

/// How one member is named to one viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownAs {
    /// The viewer themselves; `anonymous` reminds them how others see them.
    You {
        /// The viewer's own member number.
        number: u32,
        /// Whether others see them as "Member #number".
        anonymous: bool,
    },
    /// A public member, by user ID (rendered as a mention that pings nobody).
    User(UserId),
    /// An anonymous member, by member number.
    Anonymous(u32),
}

impl ShownAs {
    /// How `member` is named to `viewer` (`None` for a post everyone sees).
    pub fn for_viewer(member: &Member, viewer: Option<UserId>) -> ShownAs {
        let anonymous = member.visibility == Visibility::Anonymous;
        if viewer == Some(member.user_id) {
            ShownAs::You {
                number: member.number,
                anonymous,
            }
        } else if anonymous {
            ShownAs::Anonymous(member.number)
        } else {
            ShownAs::User(member.user_id)
        }
    }
}

impl ShownAs {
    /// The name as plain text, for places that cannot show mentions (the PNG chart):
    /// `display_name` resolves a public member's user ID.
    pub fn plain_label(self, display_name: impl FnOnce(UserId) -> String) -> String {
        match self {
            ShownAs::You {
                anonymous: false, ..
            } => "You".to_owned(),
            ShownAs::You {
                number,
                anonymous: true,
            } => format!("You ({})", anonymous_label(number)),
            ShownAs::User(user_id) => display_name(user_id),
            ShownAs::Anonymous(number) => anonymous_label(number),
        }
    }
}

/// "Member #N", the name anonymous members go by.
pub fn anonymous_label(number: u32) -> String {
    format!("Member #{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(user_id: u64, number: u32, visibility: Visibility) -> Member {
        Member {
            user_id: UserId::test(user_id),
            number,
            joined_at: "2027-01-04T09:00:00Z".parse().unwrap(),
            visibility,
            ranked: true,
            time_zone: chrono_tz::UTC,
        }
    }

    #[test]
    fn visibility_parses_back() {
        for v in [Visibility::Public, Visibility::Anonymous] {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(
            Visibility::parse(" Anonymous "),
            Some(Visibility::Anonymous)
        );
        assert_eq!(Visibility::parse("hidden"), None);
        assert_eq!(Visibility::default(), Visibility::Public);
    }

    #[test]
    fn numbers_follow_join_order_and_are_never_reused() {
        assert_eq!(next_member_number([]), 1);
        assert_eq!(next_member_number([1, 2, 3]), 4);
        // Member 2 left: the next one is still 4, not 2.
        assert_eq!(next_member_number([3, 1]), 4);
    }

    #[test]
    fn anonymous_members_are_numbers_to_others_only() {
        let anon = member(7, 3, Visibility::Anonymous);
        let public = member(8, 4, Visibility::Public);
        assert_eq!(
            ShownAs::for_viewer(&anon, Some(UserId::test(1))),
            ShownAs::Anonymous(3)
        );
        assert_eq!(ShownAs::for_viewer(&anon, None), ShownAs::Anonymous(3));
        assert_eq!(
            ShownAs::for_viewer(&anon, Some(UserId::test(7))),
            ShownAs::You {
                number: 3,
                anonymous: true
            }
        );
        assert_eq!(
            ShownAs::for_viewer(&public, Some(UserId::test(1))),
            ShownAs::User(UserId::test(8))
        );
        assert_eq!(anonymous_label(3), "Member #3");
        let name = |id: UserId| format!("user {id}");
        assert_eq!(ShownAs::Anonymous(3).plain_label(name), "Member #3");
        assert_eq!(ShownAs::User(UserId::test(8)).plain_label(name), "user 8");
        assert_eq!(
            ShownAs::for_viewer(&anon, Some(UserId::test(7))).plain_label(name),
            "You (Member #3)"
        );
    }
}
