//! Free text from users that the bot echoes (rest labels, exercise names): what makes it a
//! link. Discord turns `https://…` into a live link and `discord.gg/…` into an invite card,
//! which a stranger could post under the bot's name; such text is refused where it enters
//! and shown inert if an older row still holds it.

/// Fragments that make a link or an invite out of text. Hosts are matched without a scheme
/// because Discord renders bare invite hosts as invites.
const LINK_MARKERS: &[&str] = &[
    "://",
    "www.",
    "discord.gg",
    "discord.com/invite",
    "discordapp.com/invite",
    "discord.me/",
    "dsc.gg",
];

/// Characters that are invisible or reorder text, which can disguise what text says (and
/// split a link marker so a plain substring search misses it).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `text` holds a link or an invite, also when invisible characters or spaces
/// around the dot try to hide it.
pub fn contains_link(text: &str) -> bool {
    let visible: String = text
        .chars()
        .filter(|&c| !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    let squeezed: String = visible.chars().filter(|c| !c.is_whitespace()).collect();
    LINK_MARKERS
        .iter()
        .any(|marker| visible.contains(marker) || squeezed.contains(marker))
}

/// Discord rejects messages longer than this many characters.
pub const MESSAGE_LIMIT_CHARS: usize = 2000;

/// Neutralises mentions (`@everyone`, `@here`, `<@…>`, `<#…>`), markdown and line breaks.
/// Text holding a link or an invite is shown as inline code, where Discord makes nothing
/// clickable (labels with links are refused, but rows stored before that rule may hold one).
pub fn escape_user_text(raw: &str) -> String {
    if contains_link(raw) {
        return inline_code(raw);
    }
    let mut escaped = String::with_capacity(raw.len() + 8);
    for ch in raw.chars() {
        match ch {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(ch);
            }
            // A zero-width space after `@` stops `@everyone`, `@here` and `<@id>` from
            // being read as mentions while looking the same.
            '@' => escaped.push_str("@\u{200B}"),
            ch if ch.is_control() => escaped.push(' '),
            ch => escaped.push(ch),
        }
    }
    escaped
}

/// `raw` as one inline code span: backticks (which would end it) become look-alikes.
fn inline_code(raw: &str) -> String {
    let mut code = String::with_capacity(raw.len() + 8);
    code.push('`');
    for ch in raw.chars() {
        match ch {
            '`' => code.push('\u{02CB}'),
            // Code shows no mentions, but the zero-width space keeps a copy-paste inert too.
            '@' => code.push_str("@\u{200B}"),
            ch if ch.is_control() => code.push(' '),
            ch => code.push(ch),
        }
    }
    code.push('`');
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_invites_are_found_however_they_are_dressed() {
        for text in [
            "FREE NITRO https://example.com discord.gg/abc",
            "http://x",
            "HTTPS://X.COM",
            "see www.example.com",
            "discord.gg/abc",
            "DISCORD.GG/abc",
            "discord.com/invite/abc",
            "h\u{200B}ttps://x",
            "discord\u{200B}.gg/x",
            "discord . gg/x",
            "dsc.gg/x",
        ] {
            assert!(contains_link(text), "{text:?}");
        }
    }

    #[test]
    fn ordinary_labels_are_not_links() {
        for text in [
            "leg day",
            "set 2 of 4: 15 reps",
            "3.5 kg plates",
            "A/B split",
            "ok.",
        ] {
            assert!(!contains_link(text), "{text:?}");
        }
    }
}
