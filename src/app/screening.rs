//! `/screening`: the pre-BFR checklist, one yes/no question at a time.
//!
//! The answers so far live only in the buttons' custom IDs; only the outcome is stored.

use crate::app::reply::{Button, ButtonStyle, Colour, Component, ComponentReply, Embed, Reply};
use crate::domain::ids::UserId;
use crate::domain::screening::{outcome_message, Screening, ScreeningOutcome};
use crate::error::AppError;
use crate::store::Store;

/// Custom ID of the button that starts the screening (shown on workout cards).
pub const START_ID: &str = "screening:start";
const ANSWER_PREFIX: &str = "screening:answer:";

pub fn start() -> Reply {
    question(&Screening::new())
}

/// Handles the screening's buttons; `None` when the custom ID is not one of them.
pub async fn on_button(
    store: &dyn Store,
    user_id: UserId,
    custom_id: &str,
) -> Option<Result<ComponentReply, AppError>> {
    if custom_id == START_ID {
        return Some(Ok(ComponentReply::Send(start())));
    }
    let rest = custom_id.strip_prefix(ANSWER_PREFIX)?;
    let (state, answer) = rest.rsplit_once(':')?;
    let yes = match answer {
        "y" => true,
        "n" => false,
        _ => return None,
    };
    let mut screening = Screening::decode(state)?;
    screening.answer(yes);
    Some(match screening.outcome() {
        Some(outcome) => finish(store, user_id, outcome).await,
        None => Ok(ComponentReply::Update(question(&screening))),
    })
}

async fn finish(
    store: &dyn Store,
    user_id: UserId,
    outcome: ScreeningOutcome,
) -> Result<ComponentReply, AppError> {
    store.record_screening(user_id, outcome).await?;
    let colour = match outcome {
        ScreeningOutcome::Clear => Colour::Success,
        ScreeningOutcome::NeedsClearance => Colour::Warning,
        ScreeningOutcome::Refer => Colour::Danger,
    };
    let embed = Embed::new("Screening result", outcome_message(outcome))
        .colour(colour)
        .footer("Only this result and its date are stored, never your answers.");
    Ok(ComponentReply::Update(Reply::embed(embed).ephemeral()))
}

fn question(screening: &Screening) -> Reply {
    let Some(current) = screening.current() else {
        return Reply::text("The screening is complete.").ephemeral();
    };
    let (answered, total) = screening.progress();
    let state = screening.encode();
    let embed = Embed::new(
        format!("Safety screening: question {} of {total}", answered + 1),
        current.text,
    )
    .footer("Only the result is stored, never your answers. Answer for yourself today.");
    let button = |label: &str, answer: &str, style| {
        Component::Button(Button {
            custom_id: format!("{ANSWER_PREFIX}{state}:{answer}"),
            label: label.to_owned(),
            style,
            disabled: false,
        })
    };
    Reply::embed(embed)
        .with_row(vec![
            button("Yes", "y", ButtonStyle::Danger),
            button("No", "n", ButtonStyle::Secondary),
        ])
        .ephemeral()
}
