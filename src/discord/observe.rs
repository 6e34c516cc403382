//! Counts the Discord API responses of the bot's own calls (posts, pings, edits) by status.

use poise::serenity_prelude as serenity;

use crate::ops::names;

/// Counts `result` as a 2xx or by its failure's status.
pub(crate) fn observe<T>(result: &Result<T, serenity::Error>) {
    let status = match result {
        Ok(_) => "2xx",
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))) => {
            names::status_label(response.status_code.as_u16())
        }
        Err(_) => "network",
    };
    names::discord_response(status);
}
