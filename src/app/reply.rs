//! What the bot says, independent of where it is said.
//!
//! Handlers build a [`Reply`]; the Discord adapter turns it into embeds, buttons and select
//! menus, and the console turns it into readable text. Keeping this model small and plain is
//! what lets both transports show the same answers.

/// One answer to a command or a button press.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    /// Rows of components; Discord allows at most 5 rows.
    pub rows: Vec<Vec<Component>>,
    /// Visible only to the person who asked.
    pub ephemeral: bool,
    /// Users this reply may ping. Nobody else is ever pinged: no @everyone or @here.
    pub ping_users: Vec<u64>,
    /// Roles this reply may ping (only a group rest's announcement names any).
    pub ping_roles: Vec<u64>,
    pub attachments: Vec<Attachment>,
}

impl Reply {
    pub fn text(content: impl Into<String>) -> Self {
        Self {
            content: Some(content.into()),
            ..Self::default()
        }
    }

    pub fn embed(embed: Embed) -> Self {
        Self {
            embeds: vec![embed],
            ..Self::default()
        }
    }

    pub fn ephemeral(mut self) -> Self {
        self.ephemeral = true;
        self
    }

    /// Private unless the user asked to share.
    pub fn private_unless(mut self, public: bool) -> Self {
        self.ephemeral = !public;
        self
    }

    pub fn with_row(mut self, row: Vec<Component>) -> Self {
        self.rows.push(row);
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embed {
    pub title: String,
    pub description: String,
    pub fields: Vec<EmbedField>,
    pub footer: Option<String>,
    pub colour: Colour,
    /// File name of an attachment of the same reply to show as the embed's image.
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

impl Embed {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: description.into(),
            ..Self::default()
        }
    }

    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(EmbedField {
            name: name.into(),
            value: value.into(),
            inline: false,
        });
        self
    }

    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }

    pub fn image(mut self, attachment_filename: impl Into<String>) -> Self {
        self.image = Some(attachment_filename.into());
        self
    }

    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = colour;
        self
    }
}

/// The few colours the bot uses, by meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Colour {
    #[default]
    Info,
    Success,
    Warning,
    Danger,
}

impl Colour {
    pub fn rgb(self) -> u32 {
        match self {
            Self::Info => 0x3B82F6,
            Self::Success => 0x22C55E,
            Self::Warning => 0xF59E0B,
            Self::Danger => 0xDC2626,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    Button(Button),
    Select(Select),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub custom_id: String,
    pub placeholder: String,
    pub options: Vec<SelectOption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SelectOption {
    pub label: String,
    pub value: String,
    pub description: Option<String>,
    pub selected: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let lines: Vec<String> = (0..100).map(|i| format!("line {i:03}")).collect();
        let joined = join_within(&lines, 60);
        assert!(joined.chars().count() <= 60, "{joined}");
        assert!(joined.ends_with("more"), "{joined}");
        assert_eq!(join_within(&lines[..2], 60), "line 000\nline 001");
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// Joins lines up to `max_chars`, ending with "…and N more" when some do not fit, so a long
/// list never exceeds Discord's message or embed limits.
pub fn join_within(lines: &[String], max_chars: usize) -> String {
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        let more = format!("\n…and {} more", lines.len() - index);
        if out.chars().count() + line.chars().count() + 1 + more.chars().count() > max_chars {
            out.push_str(more.trim_start_matches('\n'));
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Discord's limits, with room to spare for the text around a list.
pub const MESSAGE_LIST_CHARS: usize = 1800;
pub const EMBED_LIST_CHARS: usize = 3800;

/// How a component press is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum ComponentReply {
    /// Replace the message the component sits on.
    Update(Reply),
    /// Answer with a new message (usually ephemeral), leaving the original alone.
    Send(Reply),
}
