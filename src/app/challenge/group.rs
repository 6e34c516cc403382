//! `/challenge session`: a group workout for a challenge. One public card names the leader,
//! the exercise and the protocol; members of the challenge press **I'm in**; **My loads**
//! shows each presser their own loads privately; the leader's set buttons start one rest
//! that pings everyone in, and the finish credits every participant.
//!
//! The card never shows a load or a screening result: loads come from each person's own
//! 1RM, which is theirs to share, and health information is never posted.

use chrono::{DateTime, Utc};

use super::group_card::{card, finish_status, protocol_of, Press, GROUP_CAPACITY};
use crate::app::one_rep_max::no_one_rep_max;
use crate::app::reply::{Colour, ComponentReply, Embed, Reply};
use crate::app::settings::load_step;
use crate::app::{exercise, health_answers, rest, App, Caller};
use crate::domain::challenge::{participant_credit, sets_at_end, ChallengeStatus, GroupButton};
use crate::domain::ids::{GuildId, UserId};
use crate::domain::privacy::FORGOTTEN_USER;
use crate::domain::screening::ScreeningOutcome;
use crate::domain::strength::{format_load, plan_session, ProtocolKind, SessionInput, SessionPlan};
use crate::error::{AppError, UserError};
use crate::store::{Challenge, Credit, GroupSession, GroupToggle, NewGroupSession, Store};
use crate::timers::texts::escape_user_text;

/// What every button of an open workout whose leader deleted their data answers: only the
/// leader can record sets or end it, the leader is gone for good, and credit comes only at
/// the end.
const LEADERLESS: &str = "This group workout no longer has a leader, so nobody can record its \
     sets or end it, and it credits nothing. Start a new one with `/challenge session`.";

/// Opens a group workout of `challenge` led by the caller.
pub async fn open(
    app: &App,
    caller: &Caller,
    challenge: &Challenge,
    exercise_input: &str,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let store = app.store();
    let name = escape_user_text(&challenge.definition.name);
    if !is_running(challenge, now) {
        return Err(UserError::new(format!(
            "{name} is not running: group workouts count from its start to its end."
        ))
        .into());
    }
    if store
        .standing(challenge.id, caller.user_id)
        .await?
        .is_none()
    {
        return Err(UserError::new(format!(
            "You're not in {name}. Join it first with `/challenge join`."
        ))
        .into());
    }
    // Answered privately, like `/session`: nobody else learns why.
    if refers_to_doctor(store, caller.user_id).await? {
        return Ok(health_answers::doctor_redirect().ephemeral());
    }
    let exercise = exercise::resolve(exercise_input)?;
    let Some(one_rep_max) = store
        .current_one_rep_max(caller.user_id, &exercise.exercise.key)
        .await?
    else {
        return Ok(no_one_rep_max(&exercise));
    };
    // The leader's plan decides the sets, the rest and the share of 1RM for everyone.
    let settings = store.user_settings(caller.user_id).await?;
    let protocol = ProtocolKind::Standard;
    let plan = plan_session(SessionInput {
        one_rep_max_kg: one_rep_max.value_kg,
        unit: settings.units,
        step: load_step(&settings),
        protocol,
        percent: None,
        limb: exercise.limb_or_arm(),
    })
    .map_err(|error| UserError::new(error.to_string()))?;
    let session = store
        .create_group_session(&NewGroupSession {
            challenge_id: challenge.id,
            leader_id: caller.user_id,
            exercise: one_rep_max.exercise,
            protocol: protocol.as_str().to_owned(),
            percent: plan.percent_target,
            limb: plan.limb,
            planned_reps: plan.sets.iter().map(|set| set.reps).collect(),
            rest_seconds: plan.rest_seconds,
            created_at: now,
        })
        .await?;
    Ok(card(&session, &challenge.definition.name, None))
}

/// The card's buttons; `None` when the custom ID is not one of them.
pub async fn on_button(
    app: &App,
    caller: &Caller,
    custom_id: &str,
) -> Option<Result<ComponentReply, AppError>> {
    let press = Press::parse(custom_id)?;
    Some(on_press(app, caller, press).await)
}

async fn on_press(app: &App, caller: &Caller, press: Press) -> Result<ComponentReply, AppError> {
    let store = app.store();
    let gone = || note("This group workout no longer exists. Start one with `/challenge session`.");
    let Some(session) = store.group_session(press.session_id).await? else {
        return Ok(gone());
    };
    let Some(challenge) = store.challenge(session.challenge_id).await? else {
        return Ok(gone());
    };
    // A card copied into another server must not act on this one's challenge.
    let Some(guild_id) = caller.guild_id.filter(|&guild| guild == challenge.guild_id) else {
        return Ok(gone());
    };
    // A leader who deleted their data left the stand-in in their place, whom no presser can
    // be: without this, the others would be told to ask an account that does not exist.
    if session.leader_id == FORGOTTEN_USER {
        return Ok(note(if session.is_completed() {
            "This group workout is over. Start one with `/challenge session`."
        } else {
            LEADERLESS
        }));
    }
    if !press.button.may_press(caller.user_id, session.leader_id) {
        return Ok(note(&format!(
            "Only <@{}>, who leads this workout, can record its sets or end it. Press **I'm \
             in** to train along.",
            session.leader_id
        )));
    }
    let name = &challenge.definition.name;
    match press.button {
        GroupButton::ImIn => im_in(app, caller, &session, &challenge).await,
        GroupButton::MyLoads => my_loads(store, caller.user_id, &session).await,
        GroupButton::SetDone => set_done(app, caller, &session, name, press.set_number).await,
        GroupButton::Finish | GroupButton::End => {
            let planned = session.planned_sets();
            let Some(sets) = sets_at_end(press.button, session.sets_done, planned) else {
                return Ok(note("That set is not on this card."));
            };
            let now = Utc::now();
            match store
                .complete_group_session(session.id, session.sets_done, sets, now)
                .await?
            {
                Some(done) => {
                    let credited = credit_participants(store, guild_id, &done, now).await;
                    app.wake_challenge_poster();
                    let status = finish_status(&done, credited);
                    Ok(ComponentReply::Update(card(&done, name, Some(status))))
                }
                None if session.is_completed() => Ok(note("This group workout is already over.")),
                // A set was recorded between reading the card and ending it.
                None => Ok(note(
                    "The workout changed meanwhile; press the button again.",
                )),
            }
        }
    }
}

async fn im_in(
    app: &App,
    caller: &Caller,
    session: &GroupSession,
    challenge: &Challenge,
) -> Result<ComponentReply, AppError> {
    let store = app.store();
    let name = escape_user_text(&challenge.definition.name);
    if session.is_completed() {
        return Ok(note(
            "This group workout is over. Start one with `/challenge session`.",
        ));
    }
    let now = Utc::now();
    let member = store
        .standing(challenge.id, caller.user_id)
        .await?
        .is_some();
    // The leader is in already; everyone else must take part in the challenge.
    if caller.user_id != session.leader_id && (!member || !is_running(challenge, now)) {
        return Ok(note(&format!(
            "This workout is for the members of {name}. Join the challenge first with \
             `/challenge join`, then press **I'm in** again."
        )));
    }
    if caller.user_id != session.leader_id && refers_to_doctor(store, caller.user_id).await? {
        return Ok(ComponentReply::Send(
            health_answers::doctor_redirect().ephemeral(),
        ));
    }
    let toggled = store
        .toggle_group_participant(session.id, caller.user_id, GROUP_CAPACITY, now)
        .await?;
    Ok(match toggled {
        GroupToggle::Joined(updated) | GroupToggle::Left(updated) => {
            ComponentReply::Update(card(&updated, &challenge.definition.name, None))
        }
        GroupToggle::LeaderStays => {
            note("You lead this workout, so you're in. **End workout** stops it for everyone.")
        }
        GroupToggle::Full => note(&format!(
            "This group workout already has {GROUP_CAPACITY} people, the most one rest can \
             ping. Start another with `/challenge session`."
        )),
        GroupToggle::Closed => {
            note("This group workout is over. Start one with `/challenge session`.")
        }
    })
}

/// The presser's own loads, privately: the plan's share of their own 1RM, in their unit and
/// load step.
async fn my_loads(
    store: &dyn Store,
    user_id: UserId,
    session: &GroupSession,
) -> Result<ComponentReply, AppError> {
    let exercise = &session.exercise.name;
    let plan = match own_plan(store, user_id, session).await? {
        Ok(plan) => plan,
        Err(OwnLoad::NoOneRepMax) => {
            return Ok(note(&format!(
                "You have no 1RM for {exercise} yet, so I can't work out your loads. Record \
                 it with `/1rm set exercise:{exercise} weight:…` and press **My loads** again."
            )))
        }
        Err(OwnLoad::Unplannable(reason)) => return Ok(note(&reason)),
    };
    let load = format_load(plan.load_kg, plan.unit);
    let sets: Vec<String> = plan
        .sets
        .iter()
        .map(|set| format!("Set {}: {} reps at **{load}**", set.number, set.reps))
        .collect();
    let embed = Embed::new(
        format!("Your loads: {exercise}"),
        format!(
            "{}\n{:.0}% of your 1RM of {}, rounded to your load step.",
            sets.join("\n"),
            plan.actual_percent,
            format_load(plan.one_rep_max_kg, plan.unit)
        ),
    )
    .colour(Colour::Info);
    Ok(ComponentReply::Send(Reply::embed(embed).ephemeral()))
}

/// Why someone has no load of their own in a group workout.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OwnLoad {
    NoOneRepMax,
    /// Their 1RM and load step make no load in the protocol's range.
    Unplannable(String),
}

/// The plan of `session` from the user's own 1RM and settings, at the leader's percent.
async fn own_plan(
    store: &dyn Store,
    user_id: UserId,
    session: &GroupSession,
) -> Result<Result<SessionPlan, OwnLoad>, AppError> {
    let Some(one_rep_max) = store
        .current_one_rep_max(user_id, &session.exercise.key)
        .await?
    else {
        return Ok(Err(OwnLoad::NoOneRepMax));
    };
    let settings = store.user_settings(user_id).await?;
    let planned = plan_session(SessionInput {
        one_rep_max_kg: one_rep_max.value_kg,
        unit: settings.units,
        step: load_step(&settings),
        protocol: protocol_of(session),
        percent: Some(session.percent),
        limb: session.limb,
    });
    Ok(planned.map_err(|error| OwnLoad::Unplannable(error.to_string())))
}

async fn set_done(
    app: &App,
    caller: &Caller,
    session: &GroupSession,
    challenge_name: &str,
    set_number: u32,
) -> Result<ComponentReply, AppError> {
    if set_number >= session.planned_sets() {
        // Only a forged ID names the last set or beyond: finishing has its own button.
        return Ok(note("That set is not on this card."));
    }
    match app
        .store()
        .record_group_set_done(session.id, set_number)
        .await?
    {
        Some(updated) => {
            let status = after_set(app, caller, &updated, set_number).await?;
            Ok(ComponentReply::Update(card(
                &updated,
                challenge_name,
                Some(status),
            )))
        }
        None if session.is_completed() => Ok(note("This group workout is already over.")),
        None => Ok(note("That set is already recorded.")),
    }
}

/// Starts one rest for everyone in, with the same checks as a one-person card: the set is
/// recorded either way, a refused countdown only changes what the card says.
async fn after_set(
    app: &App,
    caller: &Caller,
    session: &GroupSession,
    set_number: u32,
) -> Result<String, AppError> {
    let recorded = format!("Set {set_number} recorded.");
    let Some(reps) = session.planned_reps.get(set_number as usize) else {
        return Ok(format!("{recorded} Rest {} s.", session.rest_seconds));
    };
    // No load: everyone lifts their own.
    let next_set = format!("Set {}: {reps} reps", set_number + 1);
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
    let others: Vec<UserId> = session
        .participant_ids()
        .into_iter()
        .filter(|&user| user != session.leader_id)
        .collect();
    match rest::start_group_after_set(
        app.rest(),
        caller,
        session.rest_seconds,
        &session.exercise.name,
        next_set,
        others,
    )
    .await
    {
        Ok(rest_line) => Ok(format!("{recorded} {rest_line}")),
        Err(AppError::User(refusal)) => Ok(no_countdown(refusal.message())),
        Err(error) => Err(error),
    }
}

/// Credits every participant of a completed workout in each running challenge of the
/// server they take part in, as a one-person card credits its owner. Called once per
/// workout: only the press that completed it gets here. Credit is a side effect of the
/// workout, so one participant's failure is logged and the others are still credited.
/// Returns how many participants were credited something.
async fn credit_participants(
    store: &dyn Store,
    guild_id: GuildId,
    done: &GroupSession,
    now: DateTime<Utc>,
) -> usize {
    let mut credited = 0;
    for participant in &done.participants {
        match credit_one(store, guild_id, done, participant, now).await {
            Ok(true) => credited += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::error!(%error, "could not credit a group workout to a participant");
            }
        }
    }
    credited
}

async fn credit_one(
    store: &dyn Store,
    guild_id: GuildId,
    done: &GroupSession,
    participant: &crate::store::GroupParticipant,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let user_id = participant.user_id;
    let challenges = store.running_memberships(guild_id, user_id, now).await?;
    if challenges.is_empty() {
        return Ok(false);
    }
    // Volume is their own load × reps: the plan's share of their own 1RM.
    let load_kg = if challenges
        .iter()
        .any(|c| c.definition.metric == crate::domain::challenge::ChallengeMetric::Volume)
    {
        own_plan(store, user_id, done)
            .await?
            .ok()
            .map(|plan| plan.load_kg)
    } else {
        None
    };
    let credits: Vec<Credit> = challenges
        .iter()
        .map(|challenge| Credit {
            challenge_id: challenge.id,
            amount: participant_credit(
                challenge.definition.metric,
                &done.planned_reps,
                participant.joined_after_set,
                done.sets_done,
                load_kg,
            ),
        })
        .collect();
    let any = credits.iter().any(|credit| credit.amount > 0);
    store.credit_workout(user_id, now, &credits).await?;
    Ok(any)
}

/// Workouts are credited only while the challenge runs (not before its start, nor in the
/// grace period for late logs).
fn is_running(challenge: &Challenge, now: DateTime<Utc>) -> bool {
    crate::store::is_open(challenge, now)
        && challenge.definition.window.status(now) == ChallengeStatus::Active
}

async fn refers_to_doctor(store: &dyn Store, user_id: UserId) -> Result<bool, AppError> {
    let screening = store.latest_screening(user_id).await?;
    Ok(screening.is_some_and(|s| s.outcome == ScreeningOutcome::Refer))
}

fn note(text: &str) -> ComponentReply {
    ComponentReply::Send(Reply::text(text).ephemeral())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GroupSessionId;

    fn id(n: i64) -> GroupSessionId {
        GroupSessionId::new(n).unwrap()
    }

    #[test]
    fn button_ids_round_trip() {
        for (button, set) in [
            (GroupButton::ImIn, 0),
            (GroupButton::MyLoads, 0),
            (GroupButton::SetDone, 3),
            (GroupButton::Finish, 0),
            (GroupButton::End, 0),
        ] {
            let custom_id = Press::custom_id(id(12), button, set);
            assert_eq!(
                Press::parse(&custom_id),
                Some(Press {
                    session_id: id(12),
                    button,
                    set_number: set
                }),
                "{custom_id}"
            );
        }
    }

    #[test]
    fn garbage_ids_are_ignored() {
        for garbage in [
            "challenge:group:in:",
            "challenge:group:in:0",
            "challenge:group:in:+5",
            "challenge:group:in:-5",
            "challenge:group:set:5",
            "challenge:group:set:5:0",
            "challenge:group:set:x:1",
            "challenge:group:dance:5",
            "challenge:join:5",
            "session:set:5:1",
            "",
        ] {
            assert_eq!(Press::parse(garbage), None, "{garbage}");
        }
    }

    #[test]
    fn the_capacity_is_what_one_rest_pings() {
        assert_eq!(GROUP_CAPACITY, crate::timers::MAX_GROUP_SIZE);
    }
}
