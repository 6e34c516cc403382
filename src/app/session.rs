//! `/session`: a BFR workout card built from the user's stored 1RM, and its buttons.

use crate::app::one_rep_max::no_one_rep_max;
use crate::app::reply::{Button, ButtonStyle, Colour, Component, ComponentReply, Embed, Reply};
use crate::app::settings::load_step;
use crate::app::{challenge, exercise, health_answers, rest, screening, App, Caller};
use crate::domain::ids::UserId;
use crate::domain::privacy::Retention;
use crate::domain::screening::ScreeningOutcome;
use crate::domain::strength::{
    format_duration, format_load, plan_session, ProtocolKind, RestrictionBudget, SessionInput,
    Unit, STOP_SIGNS,
};
use crate::error::{AppError, UserError};
use crate::store::{NewTrainingSession, SessionId, Store, TrainingSession};

const SET_DONE_PREFIX: &str = "session:set:";
/// The last set is done: the workout is complete.
const SESSION_FINISH_PREFIX: &str = "session:finish:";
/// The one button of older cards, shown before and after the last set alike: it completes
/// the workout only when the last set is the one in progress, else it ends it early.
const SESSION_DONE_PREFIX: &str = "session:done:";
/// Stopping early: only the sets recorded so far count.
const SESSION_END_PREFIX: &str = "session:end:";

#[derive(Debug, Clone, PartialEq)]
pub struct SessionRequest {
    pub exercise: String,
    pub protocol: Option<ProtocolKind>,
    pub percent: Option<f64>,
    pub public: bool,
}

pub async fn session(
    store: &dyn Store,
    user_id: UserId,
    retention: Retention,
    request: SessionRequest,
) -> Result<Reply, AppError> {
    // An expired screening counts as none, so the card asks for a new one.
    let now = chrono::Utc::now();
    // The exercise is resolved without the database, so what a card needs is read in one
    // statement.
    let resolved = exercise::resolve(&request.exercise);
    let (screening, found) = match &resolved {
        Ok(exercise) => {
            let inputs = store
                .session_inputs(user_id, &exercise.exercise.key)
                .await?;
            (
                inputs.screening,
                Some((inputs.one_rep_max, inputs.settings)),
            )
        }
        // The screening still decides first: a referral is the answer whatever was typed.
        Err(_) => (store.latest_screening(user_id).await?, None),
    };
    let screening = screening
        .filter(|s| retention.screening_is_current(s.screened_at, now))
        .map(|s| s.outcome);
    // A screening result is health information: its answers are never posted publicly.
    if screening == Some(ScreeningOutcome::Refer) {
        return Ok(health_answers::doctor_redirect().ephemeral());
    }
    let exercise = resolved?;
    let Some((Some(one_rep_max), settings)) = found else {
        return Ok(no_one_rep_max(&exercise));
    };
    let protocol = request.protocol.unwrap_or(ProtocolKind::Standard);
    let plan = plan_session(SessionInput {
        one_rep_max_kg: one_rep_max.value_kg,
        unit: settings.units,
        step: load_step(&settings),
        protocol,
        percent: request.percent,
        limb: exercise.limb_or_arm(),
    })
    .map_err(|error| UserError::new(error.to_string()))?;

    let session = store
        .create_training_session(&NewTrainingSession {
            user_id,
            exercise: one_rep_max.exercise,
            protocol: protocol.as_str().to_owned(),
            load_kg: plan.load_kg,
            one_rep_max_kg: plan.one_rep_max_kg,
            limb: plan.limb,
            planned_reps: plan.sets.iter().map(|set| set.reps).collect(),
            rest_seconds: plan.rest_seconds,
            public: request.public,
        })
        .await?;
    let mut reply = card(&session, settings.units, None);
    let mut notes = Vec::new();
    match screening {
        Some(ScreeningOutcome::NeedsClearance) => notes.push(
            "⚠️ **Your screening says: talk to your doctor before BFR.** Only train with \
             this plan once they have said it is OK for you."
                .to_owned(),
        ),
        None => {
            notes.push("New to BFR? Take the 2-minute safety screening first.".to_owned());
            reply.rows.push(vec![Component::Button(Button {
                custom_id: screening::START_ID.to_owned(),
                label: "Take the screening".to_owned(),
                style: ButtonStyle::Secondary,
                disabled: false,
            })]);
        }
        Some(ScreeningOutcome::Clear | ScreeningOutcome::Refer) => {}
    }
    if exercise.limb.is_none() {
        notes.push(format!(
            "{} is your own exercise, so I planned it with the arm limit for time under \
             restriction (the stricter one).",
            session.exercise.name
        ));
    }
    if !notes.is_empty() {
        reply.content = Some(notes.join("\n"));
    }
    let public = request.public && screening != Some(ScreeningOutcome::NeedsClearance);
    Ok(reply.private_unless(public))
}

/// Handles the card's buttons; `None` when the custom ID is not a session button.
pub async fn on_button(
    app: &App,
    caller: &Caller,
    custom_id: &str,
) -> Option<Result<ComponentReply, AppError>> {
    let action = SessionButton::parse(custom_id)?;
    Some(press(app, caller, action).await)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionButton {
    SetDone {
        session_id: SessionId,
        set_number: u32,
    },
    Finish {
        session_id: SessionId,
    },
    SessionDone {
        session_id: SessionId,
    },
    EndEarly {
        session_id: SessionId,
    },
}

impl SessionButton {
    fn parse(custom_id: &str) -> Option<Self> {
        if let Some(rest) = custom_id.strip_prefix(SET_DONE_PREFIX) {
            let (id, set) = rest.split_once(':')?;
            return Some(Self::SetDone {
                session_id: id.parse().ok()?,
                set_number: set.parse().ok()?,
            });
        }
        if let Some(id) = custom_id.strip_prefix(SESSION_END_PREFIX) {
            return Some(Self::EndEarly {
                session_id: id.parse().ok()?,
            });
        }
        if let Some(id) = custom_id.strip_prefix(SESSION_FINISH_PREFIX) {
            return Some(Self::Finish {
                session_id: id.parse().ok()?,
            });
        }
        let id = custom_id.strip_prefix(SESSION_DONE_PREFIX)?;
        Some(Self::SessionDone {
            session_id: id.parse().ok()?,
        })
    }

    fn session_id(self) -> SessionId {
        match self {
            Self::SetDone { session_id, .. }
            | Self::Finish { session_id }
            | Self::SessionDone { session_id }
            | Self::EndEarly { session_id } => session_id,
        }
    }
}

async fn press(
    app: &App,
    caller: &Caller,
    action: SessionButton,
) -> Result<ComponentReply, AppError> {
    let store = app.store();
    let presser_id = caller.user_id;
    let Some(session) = store.training_session(action.session_id()).await? else {
        return Ok(note(
            "This workout no longer exists. Start a new one with `/session`.",
        ));
    };
    if session.user_id != presser_id {
        return Ok(note(
            "This is not your workout: only the person who started it can use its buttons. \
             Start your own with `/session`.",
        ));
    }
    let units = store.user_settings(presser_id).await?.units;
    match action {
        SessionButton::SetDone { set_number, .. } => {
            if set_number as usize >= session.planned_reps.len() {
                // Only a forged ID names the last set or beyond: finishing has its own button.
                return Ok(note("That set is not on this card."));
            }
            match store.record_set_done(session.id, set_number).await? {
                Some(updated) => {
                    let set = set_number..=set_number;
                    challenge::credit_sets(store, caller, &updated, set, false).await;
                    let status = after_set(app, caller, &updated, set_number, units).await?;
                    Ok(ComponentReply::Update(card(&updated, units, Some(status))))
                }
                None if session.is_completed() => Ok(note("This workout is already complete.")),
                None => Ok(note("That set is already recorded.")),
            }
        }
        SessionButton::Finish { .. }
        | SessionButton::SessionDone { .. }
        | SessionButton::EndEarly { .. } => {
            let planned = u32::try_from(session.planned_reps.len()).unwrap_or(u32::MAX);
            let sets = match action {
                SessionButton::Finish { .. } => planned,
                SessionButton::SessionDone { .. } if session.sets_done + 1 >= planned => planned,
                _ => session.sets_done,
            };
            match store.complete_training_session(session.id, sets).await? {
                Some(done) => {
                    let first_uncredited = session.sets_done + 1;
                    challenge::credit_finished_workout(store, caller, &done, first_uncredited)
                        .await;
                    Ok(ComponentReply::Update(card(&done, units, None)))
                }
                None if session.is_completed() => Ok(note("This workout is already complete.")),
                // A set was recorded between reading the card and completing it.
                None => Ok(note(
                    "The workout changed meanwhile; press the button again.",
                )),
            }
        }
    }
}

/// Starts the rest countdown after set `set_number` and says so on the card.
async fn after_set(
    app: &App,
    caller: &Caller,
    session: &TrainingSession,
    set_number: u32,
    units: Unit,
) -> Result<String, AppError> {
    let recorded = format!("Set {set_number} recorded.");
    let next_reps = session.planned_reps.get(set_number as usize);
    let handle = app.rest();
    let Some(reps) = next_reps else {
        return Ok(format!("{recorded} Rest {} s.", session.rest_seconds));
    };
    // The countdown is public: it names the load only if the user shared the card.
    let next_set = if session.public {
        format!(
            "Set {}: {reps} reps at {}",
            set_number + 1,
            format_load(session.load_kg, units)
        )
    } else {
        format!("Set {}: {reps} reps", set_number + 1)
    };
    // The set is recorded either way; a refused countdown only changes what the card says.
    let no_countdown = |refusal: &str| {
        format!(
            "{recorded} Rest {} s (no countdown this time: {refusal})",
            session.rest_seconds
        )
    };
    if let Some(missing) = caller.bot_cannot_post {
        return Ok(no_countdown(rest::cannot_post(missing).message()));
    }
    if let Err(AppError::User(refusal)) = app.allow_public_post(caller.user_id) {
        return Ok(no_countdown(refusal.message()));
    }
    match rest::start_after_set(
        handle,
        caller,
        session.rest_seconds,
        &session.exercise.name,
        next_set,
    )
    .await
    {
        Ok(rest_line) => Ok(format!("{recorded} {rest_line}")),
        Err(AppError::User(refusal)) => Ok(no_countdown(refusal.message())),
        Err(error) => Err(error),
    }
}

fn note(text: &str) -> ComponentReply {
    ComponentReply::Send(Reply::text(text).ephemeral())
}

/// The workout card: load, sets (with progress), rest, wrap, time under restriction and the
/// stop signs, plus the buttons for the next step.
pub fn card(session: &TrainingSession, units: Unit, status: Option<String>) -> Reply {
    let protocol = ProtocolKind::parse(&session.protocol)
        .unwrap_or(ProtocolKind::Standard)
        .protocol();
    let percent = 100.0 * session.load_kg / session.one_rep_max_kg;
    let load = format_load(session.load_kg, units);
    let mut description = format!(
        "Load **{load}** ({percent:.0}% of your 1RM of {}).",
        format_load(session.one_rep_max_kg, units)
    );
    if let Some(status) = status {
        description.push_str(&format!("\n{status}"));
    }
    if session.is_completed() {
        let planned = session.planned_reps.len();
        let outcome = if session.sets_done as usize >= planned {
            "**Completed**".to_owned()
        } else {
            format!("**Ended after {} of {planned} sets**", session.sets_done)
        };
        description.push_str(&format!(
            "\n✅ {outcome}: {} reps at {load}. Release the wrap and let blood flow return.",
            session.total_reps.unwrap_or_default()
        ));
    }

    let sets: Vec<String> = session
        .planned_reps
        .iter()
        .enumerate()
        .map(|(index, reps)| {
            let done = (index as u32) < session.sets_done;
            let mark = if done { "✅" } else { "⬜" };
            format!("{mark} Set {}: {reps} reps at {load}", index + 1)
        })
        .collect();
    let other_rests: Vec<String> = protocol
        .rest_options
        .iter()
        .filter(|&&seconds| seconds != session.rest_seconds)
        .map(|seconds| format!("{seconds} s"))
        .collect();
    let rest = if other_rests.is_empty() {
        format!("{} s between sets.", session.rest_seconds)
    } else {
        format!(
            "{} s between sets ({} also fine).",
            session.rest_seconds,
            other_rests.join(" or ")
        )
    };
    let budget = RestrictionBudget::for_sets(
        session.limb,
        &session.planned_reps,
        session.rest_seconds,
        protocol.wrap_on_between_sets,
    );
    let mut restriction = format!(
        "About {} continuously on the {} (limit ~{}).",
        format_duration(budget.estimated_seconds),
        session.limb.as_str(),
        format_duration(budget.limit_seconds)
    );
    if let Some(warning) = budget.warning() {
        restriction = format!("⚠️ {warning}");
    }
    let stop_signs: Vec<String> = STOP_SIGNS.iter().map(|sign| format!("- {sign}")).collect();

    let embed = Embed::new(
        format!(
            "BFR workout: {} ({})",
            session.exercise.name, protocol.title
        ),
        description,
    )
    .colour(if session.is_completed() {
        Colour::Success
    } else {
        Colour::Info
    })
    .field("Sets", sets.join("\n"))
    .field("Rest", rest)
    .field("Wrap", protocol.pressure_guidance)
    .field("Time under restriction", restriction)
    .field("Stop if", stop_signs.join("\n"));

    let mut reply = Reply::embed(embed);
    if !session.is_completed() {
        reply = reply.with_row(buttons(session));
    }
    reply
}

fn buttons(session: &TrainingSession) -> Vec<Component> {
    let next_set = session.sets_done + 1;
    let sets = session.planned_reps.len() as u32;
    // After the last set there is no rest to start: finishing it completes the workout.
    let next = if next_set < sets {
        Button {
            custom_id: format!("{SET_DONE_PREFIX}{}:{next_set}", session.id),
            label: format!("Set {next_set} done – start rest"),
            style: ButtonStyle::Primary,
            disabled: false,
        }
    } else {
        Button {
            custom_id: format!("{SESSION_FINISH_PREFIX}{}", session.id),
            label: format!("Set {next_set} done – finish"),
            style: ButtonStyle::Success,
            disabled: false,
        }
    };
    let end = Button {
        custom_id: format!("{SESSION_END_PREFIX}{}", session.id),
        label: "End workout here".to_owned(),
        style: ButtonStyle::Secondary,
        disabled: false,
    };
    vec![Component::Button(next), Component::Button(end)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workout(sets_done: u32) -> TrainingSession {
        TrainingSession {
            id: SessionId::new(7).unwrap(),
            user_id: UserId::from_const(1),
            exercise: crate::store::ExerciseRef {
                key: "curl".into(),
                name: "Curl".into(),
            },
            protocol: "standard".into(),
            load_kg: 10.0,
            one_rep_max_kg: 40.0,
            limb: crate::domain::strength::Limb::Arm,
            planned_reps: vec![30, 15, 15, 15],
            rest_seconds: 30,
            public: false,
            sets_done,
            total_reps: None,
            created_at: chrono::Utc::now(),
            completed_at: None,
        }
    }

    fn labels(session: &TrainingSession) -> Vec<String> {
        buttons(session)
            .into_iter()
            .map(|component| match component {
                Component::Button(button) => button.label,
                other => panic!("not a button: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_last_set_finishes_and_any_set_can_end_early() {
        assert_eq!(
            labels(&workout(0)),
            ["Set 1 done – start rest", "End workout here"]
        );
        assert_eq!(
            labels(&workout(3)),
            ["Set 4 done – finish", "End workout here"]
        );
    }

    #[test]
    fn button_ids_round_trip_and_garbage_is_ignored() {
        assert_eq!(
            SessionButton::parse("session:set:12:3"),
            Some(SessionButton::SetDone {
                session_id: SessionId::new(12).unwrap(),
                set_number: 3
            })
        );
        assert_eq!(
            SessionButton::parse("session:done:12"),
            Some(SessionButton::SessionDone {
                session_id: SessionId::new(12).unwrap()
            })
        );
        assert_eq!(
            SessionButton::parse("session:end:12"),
            Some(SessionButton::EndEarly {
                session_id: SessionId::new(12).unwrap()
            })
        );
        assert_eq!(
            SessionButton::parse("session:finish:12"),
            Some(SessionButton::Finish {
                session_id: SessionId::new(12).unwrap()
            })
        );
        for garbage in [
            "session:set:12",
            "session:set:x:1",
            "session:done:",
            "session:end:x",
            "session:done:0",
            "session:finish:-3",
            "session:set:0:1",
            "learn:topic",
            "",
        ] {
            assert_eq!(SessionButton::parse(garbage), None, "{garbage}");
        }
    }
}
