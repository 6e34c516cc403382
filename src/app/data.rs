//! `/data export` and `/data delete`: a person's own data, as a file or gone.
//!
//! Deleting asks first: the reply carries a **Delete everything** button whose custom ID
//! names the person who asked, so nobody else can press it (the reply is private anyway; the
//! check stops a forged ID).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::reply::{
    Attachment, Button, ButtonStyle, Colour, Component, ComponentReply, Embed, Reply,
};
use crate::app::{App, Caller};
use crate::domain::ids::UserId;
use crate::error::AppError;
use crate::store::{ForgottenUser, UserExport};

/// The export's file name.
pub const EXPORT_FILENAME: &str = "bfr-coach-data.json";
/// Bumped when a field changes meaning or goes; new fields keep it.
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

const CONFIRM_PREFIX: &str = "data:delete:confirm:";
const CANCEL_PREFIX: &str = "data:delete:cancel:";

/// The export file: its version, when it was made, whose it is, and the data.
#[derive(Debug, Serialize)]
struct ExportFile<'a> {
    schema_version: u32,
    exported_at: String,
    user_id: String,
    #[serde(flatten)]
    data: &'a UserExport,
}

/// The export as the file's bytes.
pub fn export_json(
    user_id: UserId,
    data: &UserExport,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    let file = ExportFile {
        schema_version: EXPORT_SCHEMA_VERSION,
        exported_at: now.to_rfc3339(),
        user_id: user_id.to_string(),
        data,
    };
    serde_json::to_vec_pretty(&file).map_err(AppError::internal)
}

pub async fn export(app: &App, caller: &Caller) -> Result<Reply, AppError> {
    let data = app.store().export_user(caller.user_id).await?;
    let bytes = export_json(caller.user_id, &data, Utc::now())?;
    let counts: Vec<String> = data
        .counts()
        .into_iter()
        .map(|(kind, count)| format!("{kind}: {count}"))
        .collect();
    let mut reply = Reply::text(format!(
        "Everything I store about you is in the attached file ({}).\n{}",
        EXPORT_FILENAME,
        counts.join(", ")
    ))
    .ephemeral();
    reply.attachments.push(Attachment {
        filename: EXPORT_FILENAME.to_owned(),
        bytes,
    });
    Ok(reply)
}

/// The question before anything is deleted.
pub fn delete_prompt(caller: &Caller) -> Reply {
    let user = caller.user_id;
    let embed = Embed::new(
        "Delete everything I store about you?",
        "Your 1RMs, workouts, settings, screening outcome, rests, your challenge \
         memberships and entries (you leave their leaderboards) and your places in group \
         workouts are deleted for good. Challenges you created stay for their members, \
         without your name, and so do group workouts you led, which can then no longer be \
         advanced. `/data export` first if you want a copy.",
    )
    .colour(Colour::Danger);
    let button = |custom_id: String, label: &str, style| {
        Component::Button(Button {
            custom_id,
            label: label.to_owned(),
            style,
            disabled: false,
        })
    };
    Reply::embed(embed)
        .with_row(vec![
            button(
                format!("{CONFIRM_PREFIX}{user}"),
                "Delete everything",
                ButtonStyle::Danger,
            ),
            button(
                format!("{CANCEL_PREFIX}{user}"),
                "Cancel",
                ButtonStyle::Secondary,
            ),
        ])
        .ephemeral()
}

/// The prompt's buttons; `None` when the custom ID is not one of them.
pub async fn on_button(
    app: &App,
    caller: &Caller,
    custom_id: &str,
) -> Option<Result<ComponentReply, AppError>> {
    let (confirm, owner) = if let Some(owner) = custom_id.strip_prefix(CONFIRM_PREFIX) {
        (true, owner)
    } else {
        (false, custom_id.strip_prefix(CANCEL_PREFIX)?)
    };
    if owner != caller.user_id.to_string() {
        return Some(Ok(ComponentReply::Send(
            Reply::text("Only the person who asked can answer this; use `/data delete` yourself.")
                .ephemeral(),
        )));
    }
    if !confirm {
        return Some(Ok(ComponentReply::Update(
            Reply::text("Nothing was deleted.").ephemeral(),
        )));
    }
    Some(delete(app, caller.user_id).await)
}

async fn delete(app: &App, user_id: UserId) -> Result<ComponentReply, AppError> {
    let forgotten = app.store().forget_user(user_id, Utc::now()).await?;
    // Rests removed behind the engine's back: it must neither wake for them nor ping.
    app.rest().forget_canceled(&forgotten.canceled_rests);
    if forgotten.challenge_memberships > 0 || forgotten.challenges_anonymised > 0 {
        app.wake_challenge_poster();
    }
    tracing::info!(
        rows = forgotten.counts().iter().map(|(_, n)| n).sum::<u64>(),
        "a user deleted their data"
    );
    Ok(ComponentReply::Update(deleted_reply(&forgotten)))
}

fn deleted_reply(forgotten: &ForgottenUser) -> Reply {
    let lines: Vec<String> = forgotten
        .counts()
        .into_iter()
        .map(|(kind, count)| format!("{kind}: {count}"))
        .collect();
    Reply::embed(
        Embed::new("Your data is deleted", lines.join("\n"))
            .colour(Colour::Success)
            .footer("Using the bot again starts a fresh record."),
    )
    .ephemeral()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_names_its_version_and_owner() {
        let user = UserId::from_const(42);
        let bytes = export_json(user, &UserExport::default(), Utc::now()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["schema_version"], 1);
        assert_eq!(json["user_id"], "42");
        assert!(json["exported_at"].is_string());
        assert!(json["one_rep_maxes"].is_array());
    }
}
