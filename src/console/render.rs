//! Renders a [`Reply`] as plain text for a terminal.

use std::fmt::Write as _;

use crate::app::reply::{Component, Reply};

/// Buttons are numbered across the whole reply so `press N` can name them.
pub fn render(reply: &Reply) -> String {
    let mut out = String::new();
    if let Some(content) = &reply.content {
        let _ = writeln!(out, "{}", plain(content));
    }
    for embed in &reply.embeds {
        let _ = writeln!(out, "== {} ==", plain(&embed.title));
        if !embed.description.is_empty() {
            let _ = writeln!(out, "{}", plain(&embed.description));
        }
        for field in &embed.fields {
            let _ = writeln!(
                out,
                "\n-- {} --\n{}",
                plain(&field.name),
                plain(&field.value)
            );
        }
        if let Some(footer) = &embed.footer {
            let _ = writeln!(out, "\n({})", plain(footer));
        }
    }
    let mut button_number = 0;
    for component in reply.rows.iter().flatten() {
        match component {
            Component::Button(button) => {
                button_number += 1;
                let state = if button.disabled { " (disabled)" } else { "" };
                let _ = writeln!(
                    out,
                    "[{button_number}] {}{state}  — type `press {button_number}`",
                    button.label
                );
            }
            Component::Select(select) => {
                let values: Vec<String> = select
                    .options
                    .iter()
                    .map(|option| {
                        let marker = if option.selected { "*" } else { "" };
                        format!("{}{marker}", option.value)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "Menu: {} — type `choose <value>` with one of: {}",
                    select.placeholder,
                    values.join(", ")
                );
            }
        }
    }
    for attachment in &reply.attachments {
        // Text files (the data export) are the answer itself: printed whole.
        if attachment.filename.ends_with(".json") {
            if let Ok(text) = std::str::from_utf8(&attachment.bytes) {
                let _ = writeln!(out, "--- {} ---\n{text}", attachment.filename);
                continue;
            }
        }
        let _ = writeln!(
            out,
            "[attachment {} ({} bytes): shown in Discord]",
            attachment.filename,
            attachment.bytes.len()
        );
    }
    if reply.ephemeral {
        let _ = writeln!(out, "(only you can see this)");
    }
    out
}

/// A background line (countdown, ping) for the terminal: the console user's mention reads
/// "you", and Discord timestamps become clock times.
pub fn plain_line(text: &str, console_user_id: u64) -> String {
    let text = text
        .replace(&format!("<@{console_user_id}>"), "@you")
        .replace('\u{200b}', "");
    plain(&text)
}

/// `<t:UNIX:R>` / `<t:UNIX:T>` → `HH:MM:SS UTC`.
fn readable_timestamps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<t:") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let parsed = after.find('>').and_then(|end| {
            let seconds = after[..end].split(':').next()?.parse::<i64>().ok()?;
            let time = chrono::DateTime::from_timestamp(seconds, 0)?;
            Some((time.format("%H:%M:%S UTC").to_string(), end))
        });
        match parsed {
            Some((time, end)) => {
                out.push_str(&time);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("<t:");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Discord markdown a terminal cannot show: bold markers and escaped characters.
fn plain(text: &str) -> String {
    readable_timestamps(text)
        .replace("**", "")
        .replace("\\*", "*")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reply::{Button, ButtonStyle, Embed};

    #[test]
    fn background_lines_name_you_and_show_clock_times() {
        let line = plain_line("<@1> rest over! ends <t:0:R> <t:bad", 1);
        assert_eq!(line, "@you rest over! ends 00:00:00 UTC <t:bad");
    }

    #[test]
    fn embeds_and_buttons_are_readable() {
        let reply = Reply::embed(
            Embed::new("Title", "**Bold** text")
                .field("Sets", "30-15-15-15")
                .footer("Sources: Patterson 2019"),
        )
        .with_row(vec![Component::Button(Button {
            custom_id: "x".into(),
            label: "Set 1 done – start rest".into(),
            style: ButtonStyle::Primary,
            disabled: false,
        })])
        .ephemeral();
        let text = render(&reply);
        assert!(text.contains("== Title =="));
        assert!(text.contains("Bold text"));
        assert!(text.contains("-- Sets --\n30-15-15-15"));
        assert!(text.contains("[1] Set 1 done – start rest"));
        assert!(text.contains("press 1"));
        assert!(text.contains("only you can see this"));
    }
}
