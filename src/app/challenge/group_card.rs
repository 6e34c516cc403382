//! A group workout's card and the custom IDs of its buttons: what everyone in the channel
//! sees (never a load or a screening result) and how a press is read back.

use crate::app::reply::{Button, ButtonStyle, Colour, Component, Embed, Reply};
use crate::domain::challenge::GroupButton;
use crate::domain::privacy::FORGOTTEN_USER;
use crate::domain::strength::{format_duration, ProtocolKind, RestrictionBudget, STOP_SIGNS};
use crate::domain::user_text::escape_user_text;
use crate::store::{GroupSession, GroupSessionId};
use crate::timers::texts::mentions;
use crate::timers::MAX_GROUP_SIZE;

/// Custom-ID prefix of every button of a group workout's card.
const PREFIX: &str = "challenge:group:";

/// How many people one group workout takes, the leader included: one rest pings them all,
/// and a rest pings at most this many.
pub const GROUP_CAPACITY: usize = MAX_GROUP_SIZE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Press {
    pub(super) session_id: GroupSessionId,
    pub(super) button: GroupButton,
    /// The set a "Set N done" button records.
    pub(super) set_number: u32,
}

impl Press {
    pub(super) fn parse(custom_id: &str) -> Option<Self> {
        let rest = custom_id.strip_prefix(PREFIX)?;
        let (action, rest) = rest.split_once(':')?;
        let (id, set_number) = match action {
            "set" => {
                let (id, set) = rest.split_once(':')?;
                (id, set.parse().ok().filter(|set| *set >= 1)?)
            }
            _ => (rest, 0),
        };
        let button = match action {
            "in" => GroupButton::ImIn,
            "loads" => GroupButton::MyLoads,
            "set" => GroupButton::SetDone,
            "finish" => GroupButton::Finish,
            "end" => GroupButton::End,
            _ => return None,
        };
        // Row IDs are plain positive numbers; `parse` alone would take "+5".
        if !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Self {
            session_id: GroupSessionId::new(id.parse().ok()?)?,
            button,
            set_number,
        })
    }

    pub(super) fn custom_id(
        session: GroupSessionId,
        button: GroupButton,
        set_number: u32,
    ) -> String {
        match button {
            GroupButton::ImIn => format!("{PREFIX}in:{session}"),
            GroupButton::MyLoads => format!("{PREFIX}loads:{session}"),
            GroupButton::SetDone => format!("{PREFIX}set:{session}:{set_number}"),
            GroupButton::Finish => format!("{PREFIX}finish:{session}"),
            GroupButton::End => format!("{PREFIX}end:{session}"),
        }
    }
}

pub(super) fn finish_status(done: &GroupSession, credited: usize) -> String {
    let planned = done.planned_sets();
    if done.sets_done == 0 {
        return "Ended before the first set: nothing is credited.".to_owned();
    }
    let outcome = if done.sets_done >= planned {
        "**Completed**".to_owned()
    } else {
        format!("**Ended after {} of {planned} sets**", done.sets_done)
    };
    let people = match credited {
        1 => "1 participant is".to_owned(),
        n => format!("{n} participants are"),
    };
    format!(
        "✅ {outcome}. {people} credited in their challenges. Release the wrap and let blood \
         flow return."
    )
}

/// The group workout's card: who leads, the sets (as shares of 1RM: the loads are each
/// person's own), the rest, the wrap, time under restriction, the stop signs and who is in.
pub(super) fn card(session: &GroupSession, challenge_name: &str, status: Option<String>) -> Reply {
    let protocol = protocol_of(session).protocol();
    // A leader who deleted their data is no longer named, like a challenge's creator.
    let leader = if session.leader_id == FORGOTTEN_USER {
        "a former member".to_owned()
    } else {
        format!("<@{}>", session.leader_id)
    };
    let mut description = format!(
        "Led by {leader} for **{}**. Members of the challenge press **I'm in** to train along \
         (up to {GROUP_CAPACITY} people); **My loads** shows you your own loads from your 1RM, \
         only to you.",
        escape_user_text(challenge_name)
    );
    if let Some(status) = status {
        description.push_str(&format!("\n{status}"));
    }
    let sets: Vec<String> = session
        .planned_reps
        .iter()
        .enumerate()
        .map(|(index, reps)| {
            let mark = if (index as u32) < session.sets_done {
                "✅"
            } else {
                "⬜"
            };
            format!(
                "{mark} Set {}: {reps} reps at {:.0}% of your 1RM",
                index + 1,
                session.percent
            )
        })
        .collect();
    let budget = RestrictionBudget::for_sets(
        session.limb,
        &session.planned_reps,
        session.rest_seconds,
        protocol.wrap_on_between_sets,
    );
    let restriction = match budget.warning() {
        Some(warning) => format!("⚠️ {warning}"),
        None => format!(
            "About {} continuously on the {} (limit ~{}).",
            format_duration(budget.estimated_seconds),
            session.limb.as_str(),
            format_duration(budget.limit_seconds)
        ),
    };
    let stop_signs: Vec<String> = STOP_SIGNS.iter().map(|sign| format!("- {sign}")).collect();
    let embed = Embed::new(
        format!(
            "Group BFR workout: {} ({})",
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
    .field(
        "Rest",
        format!(
            "{} s between sets: one rest for the whole group, and I ping everyone in when it \
             ends.",
            session.rest_seconds
        ),
    )
    .field("Wrap", protocol.pressure_guidance)
    .field("Time under restriction", restriction)
    .field("Stop if", stop_signs.join("\n"))
    .field(
        format!("In ({}/{GROUP_CAPACITY})", session.participants.len()),
        mentions(&session.participant_ids()),
    );
    // The mentions name people without pinging them: the reply allows no pings.
    let mut reply = Reply::embed(embed);
    if !session.is_completed() {
        reply = reply.with_row(buttons(session));
    }
    reply
}

fn buttons(session: &GroupSession) -> Vec<Component> {
    let id = session.id;
    let next_set = session.sets_done + 1;
    // After the last set there is no rest to start: finishing it completes the workout.
    let next = if next_set < session.planned_sets() {
        Button {
            custom_id: Press::custom_id(id, GroupButton::SetDone, next_set),
            label: format!("Set {next_set} done – start rest"),
            style: ButtonStyle::Primary,
            disabled: false,
        }
    } else {
        Button {
            custom_id: Press::custom_id(id, GroupButton::Finish, next_set),
            label: format!("Set {next_set} done – finish"),
            style: ButtonStyle::Success,
            disabled: false,
        }
    };
    let plain = |button: GroupButton, label: &str, style: ButtonStyle| {
        Component::Button(Button {
            custom_id: Press::custom_id(id, button, 0),
            label: label.to_owned(),
            style,
            disabled: false,
        })
    };
    vec![
        plain(GroupButton::ImIn, "I'm in", ButtonStyle::Success),
        plain(GroupButton::MyLoads, "My loads", ButtonStyle::Secondary),
        Component::Button(next),
        plain(GroupButton::End, "End workout", ButtonStyle::Danger),
    ]
}

pub(super) fn protocol_of(session: &GroupSession) -> ProtocolKind {
    ProtocolKind::parse(&session.protocol).unwrap_or(ProtocolKind::Standard)
}
