//! Typed Discord IDs, so a user cannot be passed where a channel is expected. Each is built
//! only through a check ([`crate::domain::snowflake`]): 0 and values past `i64::MAX` never
//! become an ID.

use std::fmt;

use super::snowflake;

/// What every typed Discord ID offers, so code that only moves IDs around (the database
/// conversion, ID lists) is written once for all of them.
pub trait DiscordId: Copy + Eq + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// The ID, if it can be Discord's (1 to 2^63-1).
    fn new(id: u64) -> Option<Self>;

    fn get(self) -> u64;
}

macro_rules! discord_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u64);

        impl $name {
            /// The ID, if it can be Discord's (1 to 2^63-1).
            pub fn new(id: u64) -> Option<Self> {
                snowflake::checked(id).map(Self)
            }

            /// For constants: used in a `const`, an ID that cannot be Discord's fails the build.
            pub const fn from_const(id: u64) -> Self {
                assert!(id != 0 && id <= snowflake::MAX_SNOWFLAKE, "not a Discord ID");
                Self(id)
            }

            pub fn get(self) -> u64 {
                self.0
            }

            /// For tests: a valid ID, or a failed test.
            #[cfg(test)]
            #[allow(dead_code)] // not every ID kind is built in tests
            pub(crate) fn test(id: u64) -> Self {
                assert!(snowflake::checked(id).is_some(), "not a Discord ID: {id}");
                Self(id)
            }
        }

        impl DiscordId for $name {
            fn new(id: u64) -> Option<Self> {
                Self::new(id)
            }

            fn get(self) -> u64 {
                self.get()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

discord_id!(
    /// A Discord user.
    UserId
);
discord_id!(
    /// A Discord channel (or the console's stand-in).
    ChannelId
);
discord_id!(
    /// A Discord server.
    GuildId
);
discord_id!(
    /// A Discord role.
    RoleId
);
discord_id!(
    /// A Discord message (or the console's numbered stand-in).
    MessageId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_discord_ids_become_typed_ids() {
        assert_eq!(UserId::new(0), None);
        assert_eq!(ChannelId::new(u64::MAX), None);
        assert_eq!(GuildId::new(5).map(GuildId::get), Some(5));
        const CONSOLE: ChannelId = ChannelId::from_const(1);
        assert_eq!(CONSOLE.to_string(), "1");
    }
}
