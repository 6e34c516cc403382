//! What the bot itself may do in a channel, from the interaction's `app_permissions`: a
//! countdown promises a ping, so a channel where the bot cannot post is refused up front.

use poise::serenity_prelude as serenity;

/// The first permission the bot lacks to post (and later edit) messages in the channel an
/// interaction came from, named as Discord's settings name it. `None` when it has them all,
/// outside servers (the bot may always answer in a DM it was invoked in), and when Discord
/// sent no permissions.
pub fn missing_to_post(
    in_guild: bool,
    app_permissions: Option<serenity::Permissions>,
    channel: Option<&serenity::PartialChannel>,
) -> Option<&'static str> {
    if !in_guild {
        return None;
    }
    let in_thread = channel.is_some_and(|channel| {
        matches!(
            channel.kind,
            serenity::ChannelType::PublicThread
                | serenity::ChannelType::PrivateThread
                | serenity::ChannelType::NewsThread
        )
    });
    missing(app_permissions?, in_thread)
}

fn missing(granted: serenity::Permissions, in_thread: bool) -> Option<&'static str> {
    if granted.administrator() {
        return None;
    }
    if !granted.view_channel() {
        return Some("View Channel");
    }
    if in_thread {
        if !granted.send_messages_in_threads() {
            return Some("Send Messages in Threads");
        }
    } else if !granted.send_messages() {
        return Some("Send Messages");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use poise::serenity_prelude::Permissions as P;

    #[test]
    fn names_the_first_missing_permission() {
        assert_eq!(missing(P::empty(), false), Some("View Channel"));
        assert_eq!(missing(P::VIEW_CHANNEL, false), Some("Send Messages"));
        assert_eq!(missing(P::VIEW_CHANNEL | P::SEND_MESSAGES, false), None);
        assert_eq!(
            missing(P::VIEW_CHANNEL | P::SEND_MESSAGES, true),
            Some("Send Messages in Threads")
        );
        assert_eq!(missing(P::ADMINISTRATOR, true), None);
    }
}
