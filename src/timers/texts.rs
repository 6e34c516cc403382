//! Every user-facing string of the rest timer.
//!
//! Mentions inside these texts ping only the users the sender names in `allowed_mentions`,
//! but user-provided text (labels, exercise names in "next set") is escaped anyway so that
//! it can neither mention anyone nor break the message's markdown.

use super::model::Lateness;
use super::model::{unique_capped, RestTimer};
use crate::domain::ids::{RoleId, UserId};
pub use crate::domain::user_text::{escape_user_text, MESSAGE_LIMIT_CHARS};

/// Trims and shortens user text before it is stored; escaping happens when it is shown.
pub fn clean_user_text(raw: Option<&str>, max_chars: usize) -> Option<String> {
    let single_line: String = raw?
        .chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect();
    let trimmed = single_line.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(truncate_chars(trimmed, max_chars))
}

/// The private note to an owner whose ping could not be posted in the channel.
pub fn ping_lost_text(timer: &RestTimer) -> String {
    format!(
        "⚠️ Your rest in <#{}> ended <t:{}:R>, but I couldn't post the ping there: I seem to \
         have lost access to that channel.",
        timer.channel_id,
        timer.ends_at_unix_secs()
    )
}

/// `<@A> <@B>`.
pub fn mentions(user_ids: &[UserId]) -> String {
    group_mentions(user_ids, &[])
}

/// `<@A> <@B> <@&R>`: the users, then the roles.
pub fn group_mentions(user_ids: &[UserId], role_ids: &[RoleId]) -> String {
    let users = user_ids.iter().map(|id| format!("<@{id}>"));
    let roles = role_ids.iter().map(|id| format!("<@&{id}>"));
    users.chain(roles).collect::<Vec<_>>().join(" ")
}

/// Everyone a timer pings, as mentions.
fn timer_mentions(timer: &RestTimer) -> String {
    group_mentions(&timer.ping_user_ids, &timer.ping_role_ids)
}

/// The countdown message: `⏱️ Rest for <@A> (label): ends <t:UNIX:R> (at <t:UNIX:T>)`
/// followed by `Next: …` when known. Discord clients render the timestamps live.
pub fn countdown_text(timer: &RestTimer) -> String {
    let unix = timer.ends_at_unix_secs();
    let mut text = format!("⏱️ Rest for {}", timer_mentions(timer));
    if let Some(label) = &timer.label {
        text.push_str(&format!(" ({})", escape_user_text(label)));
    }
    text.push_str(&format!(": ends <t:{unix}:R> (at <t:{unix}:T>)"));
    if let Some(next) = &timer.next_set {
        text.push_str(&format!("\nNext: {}", escape_user_text(next)));
    }
    fit_message(text)
}

/// The ping when rests end: one timer gives `<@A> <@B> rest over! Next: …`; several timers
/// (same channel, same second) give one line naming everyone, then one line per timer
/// naming its owner.
/// A late announcement ends its first line with `(late by N s — the bot was delayed)`.
pub fn ping_text(timers: &[RestTimer], lateness: Lateness) -> String {
    let suffix = lateness_suffix(lateness);
    let mut text = format!(
        "{} rest over!",
        group_mentions(&unique_users(timers), &unique_roles(timers))
    );
    match timers {
        [single] => {
            if let Some(label) = &single.label {
                text.push_str(&format!(" ({})", escape_user_text(label)));
            }
            if let Some(next) = &single.next_set {
                text.push_str(&format!(" Next: {}", escape_user_text(next)));
            }
            text.push_str(&suffix);
        }
        several => {
            text.push_str(&suffix);
            for timer in several {
                text.push_str(&format!("\n• <@{}>", timer.user_id));
                if let Some(label) = &timer.label {
                    text.push_str(&format!(" ({})", escape_user_text(label)));
                }
                match &timer.next_set {
                    Some(next) => text.push_str(&format!(": Next: {}", escape_user_text(next))),
                    None => text.push_str(": done"),
                }
            }
        }
    }
    fit_message(text)
}

/// The countdown message once its rest has ended (edits never ping).
pub fn rest_over_text(timer: &RestTimer) -> String {
    let unix = timer.ends_at_unix_secs();
    let mut text = format!("✅ Rest over for {}", timer_mentions(timer));
    if let Some(label) = &timer.label {
        text.push_str(&format!(" ({})", escape_user_text(label)));
    }
    text.push_str(&format!(" at <t:{unix}:T>."));
    if let Some(next) = &timer.next_set {
        text.push_str(&format!("\nNext: {}", escape_user_text(next)));
    }
    fit_message(text)
}

/// The countdown message of a rest that a newer rest replaced.
pub fn replaced_text(timer: &RestTimer) -> String {
    format!(
        "↪️ Rest for {} replaced by a new one.",
        timer_mentions(timer)
    )
}

/// The countdown message of a cancelled rest.
pub fn canceled_text(timer: &RestTimer) -> String {
    format!("🛑 Rest for {} cancelled.", timer_mentions(timer))
}

/// The one note per channel for rests that ended too long ago while the bot was offline;
/// `unnamed` counts users left out to keep the message short.
pub fn missed_note_text(user_ids: &[UserId], unnamed: usize) -> String {
    let others = match unnamed {
        0 => String::new(),
        1 => " and 1 other".to_owned(),
        n => format!(" and {n} others"),
    };
    fit_message(format!(
        "{}{others}: your rest ended while the bot was offline (missed while offline). \
         Start a new one with `/rest start` when you're ready.",
        mentions(user_ids)
    ))
}

/// Empty when on time, else ` (late by N s — the bot was delayed)`.
pub fn lateness_suffix(lateness: Lateness) -> String {
    match lateness {
        Lateness::OnTime | Lateness::Missed => String::new(),
        Lateness::Late { seconds } => format!(" (late by {seconds} s — the bot was delayed)"),
    }
}

/// Every user of the timers once, in order of appearance.
pub fn unique_users(timers: &[RestTimer]) -> Vec<UserId> {
    unique(timers.iter().flat_map(|t| t.ping_user_ids.iter().copied()))
}

/// Every role of the timers once, in order of appearance.
pub fn unique_roles(timers: &[RestTimer]) -> Vec<RoleId> {
    unique(timers.iter().flat_map(|t| t.ping_role_ids.iter().copied()))
}

fn unique<I: PartialEq>(ids: impl Iterator<Item = I>) -> Vec<I> {
    unique_capped(ids, usize::MAX)
}

/// Cuts a message to Discord's length limit on a character boundary.
pub fn fit_message(text: String) -> String {
    if text.chars().count() <= MESSAGE_LIMIT_CHARS {
        return text;
    }
    let mut cut = truncate_chars(&text, MESSAGE_LIMIT_CHARS - 1);
    cut.push('…');
    cut
}

fn truncate_chars(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ChannelId;
    use crate::timers::model::TimerId;

    fn ids(users: &[u64]) -> Vec<UserId> {
        users.iter().map(|&id| UserId::from_const(id)).collect()
    }

    fn timer(id: i64, users: &[u64], next: Option<&str>) -> RestTimer {
        let users = ids(users);
        RestTimer {
            id: TimerId(id),
            user_id: users[0],
            channel_id: ChannelId::from_const(9),
            guild_id: None,
            ends_at_ms: 1_700_000_090_000,
            label: None,
            next_set: next.map(str::to_owned),
            ping_user_ids: users,
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
            countdown_message_id: None,
        }
    }

    #[test]
    fn countdown_shows_relative_and_clock_time_and_next_set() {
        let text = countdown_text(&timer(1, &[42], Some("Set 2: 15 reps at 32.5 kg")));
        assert_eq!(
            text,
            "⏱️ Rest for <@42>: ends <t:1700000090:R> (at <t:1700000090:T>)\n\
             Next: Set 2: 15 reps at 32.5 kg"
        );
    }

    #[test]
    fn single_ping_names_everyone_and_next_set() {
        let text = ping_text(&[timer(1, &[1, 2], Some("Set 2"))], Lateness::OnTime);
        assert_eq!(text, "<@1> <@2> rest over! Next: Set 2");
    }

    #[test]
    fn role_rests_mention_the_role_after_the_users() {
        let mut with_role = timer(1, &[1], None);
        with_role.ping_role_ids = vec![RoleId::from_const(77)];
        let mut other = timer(2, &[2], None);
        other.ping_role_ids = vec![RoleId::from_const(77), RoleId::from_const(78)];
        assert_eq!(
            countdown_text(&with_role),
            "⏱️ Rest for <@1> <@&77>: ends <t:1700000090:R> (at <t:1700000090:T>)"
        );
        assert_eq!(
            ping_text(&[with_role, other], Lateness::OnTime),
            "<@1> <@2> <@&77> <@&78> rest over!\n• <@1>: done\n• <@2>: done"
        );
    }

    #[test]
    fn late_ping_says_so() {
        let text = ping_text(&[timer(1, &[1], None)], Lateness::Late { seconds: 42 });
        assert_eq!(text, "<@1> rest over! (late by 42 s — the bot was delayed)");
    }

    #[test]
    fn grouped_ping_has_one_line_per_timer() {
        let text = ping_text(
            &[timer(1, &[1, 2], Some("Set 3")), timer(2, &[2, 3], None)],
            Lateness::OnTime,
        );
        assert_eq!(
            text,
            "<@1> <@2> <@3> rest over!\n• <@1>: Next: Set 3\n• <@2>: done"
        );
    }

    #[test]
    fn labels_cannot_mention_or_format() {
        let escaped = escape_user_text("@everyone <@123> **bold** [x](e)\nnew");
        assert!(!escaped.contains("@everyone"));
        assert!(!escaped.contains("<@123>"));
        assert!(!escaped.contains("**"));
        assert!(!escaped.contains('\n'));
        assert!(escaped.contains("\\[x\\]"));
    }

    #[test]
    fn links_in_labels_are_shown_as_code_so_nothing_is_clickable() {
        let shown = escape_user_text("FREE NITRO https://e.com discord.gg/x `end @everyone");
        assert_eq!(
            shown,
            "`FREE NITRO https://e.com discord.gg/x \u{02CB}end @\u{200B}everyone`"
        );
        assert_eq!(shown.matches('`').count(), 2);
    }

    #[test]
    fn cleaning_trims_flattens_and_shortens() {
        assert_eq!(
            clean_user_text(Some("  a\nb  "), 10).as_deref(),
            Some("a b")
        );
        assert_eq!(clean_user_text(Some("   "), 10), None);
        assert_eq!(clean_user_text(Some("ééééé"), 3).as_deref(), Some("ééé"));
    }

    #[test]
    fn long_messages_fit_discord() {
        let long = "x".repeat(5000);
        assert_eq!(fit_message(long).chars().count(), MESSAGE_LIMIT_CHARS);
    }

    #[test]
    fn missed_note_pings_each_user_once() {
        assert!(missed_note_text(&ids(&[1, 2]), 0).starts_with("<@1> <@2>: your rest ended"));
        assert!(missed_note_text(&ids(&[1]), 1).starts_with("<@1> and 1 other: your rest"));
    }
}
