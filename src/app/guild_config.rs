//! `/config`: server settings, for members with Manage Server (checked by the adapter).

use crate::app::reply::{Colour, Embed, Reply};
use crate::app::Caller;
use crate::domain::ids::ChannelId;
use crate::error::{AppError, UserError};
use crate::store::Store;

pub async fn set_ask_channel(
    store: &dyn Store,
    caller: &Caller,
    channel_id: Option<ChannelId>,
) -> Result<Reply, AppError> {
    let guild_id = caller.guild_id.ok_or_else(|| {
        UserError::new("Ask-channels belong to a server: use this command there.")
    })?;
    let mut settings = store.guild_settings(guild_id).await?;
    settings.ask_channel_id = channel_id;
    store.save_guild_settings(guild_id, &settings).await?;
    let text = match channel_id {
        Some(id) => format!(
            "Messages in <#{id}> are now checked for heart and emergency questions, which get a \
             reply pointing to a doctor or emergency services. Ordinary questions there get an \
             answer when they mention me. This needs the Message Content intent (see README)."
        ),
        None => "The ask-channel is cleared: only messages that mention me are checked.".into(),
    };
    Ok(Reply::embed(Embed::new("Ask-channel", text).colour(Colour::Success)).ephemeral())
}
