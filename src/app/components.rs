//! Routes button presses and menu choices by their custom ID.
//!
//! Custom IDs are `feature:action[:state]`. Anything unknown (an old message from a previous
//! version, a forged ID) gets a polite ephemeral note instead of silence.

use crate::app::{
    ask, challenge, data, learn, rest, screening, session, App, Caller, ComponentReply, Reply,
};
use crate::domain::ids::UserId;
use crate::domain::learn::LearnTopic;
use crate::error::AppError;

pub async fn route(
    app: &App,
    caller: &Caller,
    custom_id: &str,
    values: &[String],
    message_owner: Option<UserId>,
    presser_name: Option<&str>,
) -> Result<ComponentReply, AppError> {
    match custom_id {
        learn::TOPIC_MENU_ID => {
            let topic = values
                .first()
                .and_then(|value| LearnTopic::from_slug(value))
                .unwrap_or(learn::DEFAULT_TOPIC);
            // Someone else's /learn answer stays as it is: they get their own copy.
            if message_owner.is_some_and(|owner| owner != caller.user_id) {
                return Ok(ComponentReply::Send(learn::page_reply(topic).ephemeral()));
            }
            Ok(ComponentReply::Update(learn::page_reply(topic)))
        }
        _ => {
            if let Some(found) = ask::on_button(custom_id) {
                let Some(reply) = found else {
                    return Ok(ComponentReply::Send(unknown_component()));
                };
                // Only the asker's own answer changes in place; anyone else gets a copy.
                if message_owner == Some(caller.user_id) {
                    return Ok(ComponentReply::Update(reply));
                }
                return Ok(ComponentReply::Send(reply.ephemeral()));
            }
            if let Some(outcome) = data::on_button(app, caller, custom_id).await {
                return outcome;
            }
            if let Some(outcome) = session::on_button(app, caller, custom_id).await {
                return outcome;
            }
            if let Some(outcome) = challenge::on_button(app, caller, custom_id, presser_name).await
            {
                return outcome;
            }
            if let Some(outcome) = rest::on_button(app.rest(), caller, custom_id).await {
                return outcome;
            }
            if let Some(outcome) =
                screening::on_button(app.store(), caller.user_id, custom_id).await
            {
                return outcome;
            }
            Ok(ComponentReply::Send(unknown_component()))
        }
    }
}

/// The first segment of every custom ID the bot makes.
const FEATURES: [&str; 7] = [
    "challenge",
    "data",
    "faq",
    "learn",
    "rest",
    "screening",
    "session",
];

/// What a log line may say about a custom ID: only its feature. The rest can carry screening
/// answers (health data), and an ID the bot does not know may hold anything a client sent.
pub fn loggable_custom_id(custom_id: &str) -> &'static str {
    let feature = custom_id.split(':').next().unwrap_or_default();
    FEATURES
        .into_iter()
        .find(|&known| known == feature)
        .unwrap_or("unknown")
}

pub fn unknown_component() -> Reply {
    Reply::text(
        "This button or menu no longer works (the message may be from an older version). \
         Run the command again to get a fresh one.",
    )
    .ephemeral()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_see_only_the_feature_of_a_custom_id() {
        assert_eq!(loggable_custom_id("screening:answer:yyn:y"), "screening");
        assert_eq!(loggable_custom_id(screening::START_ID), "screening");
        assert_eq!(loggable_custom_id("session:set:12:3"), "session");
        assert_eq!(loggable_custom_id("rest:join:7"), "rest");
        assert_eq!(loggable_custom_id(learn::TOPIC_MENU_ID), "learn");
        assert_eq!(loggable_custom_id("faq:show:how-tight"), "faq");
    }

    #[test]
    fn unknown_custom_ids_are_not_echoed() {
        assert_eq!(loggable_custom_id("my knee hurts:y"), "unknown");
        assert_eq!(loggable_custom_id("screeningyyn"), "unknown");
        assert_eq!(loggable_custom_id(""), "unknown");
    }
}
