//! The safety answers: emergency, the doctor redirect, and the general caution note.
//!
//! These texts never give training advice and never repeat the user's health details: a
//! reply in a public channel must not announce someone's condition beyond what they wrote.

use crate::app::reply::{Colour, Embed, Reply};

/// Acute symptoms: stop, call for help, and nothing else first.
pub fn emergency() -> Reply {
    let embed = Embed::new(
        "Stop now and call emergency services",
        "What you describe can be a medical emergency. **Stop exercising, take off any wrap or \
         cuff, and call your local emergency number now** (911 in the US and Canada, 112 in the \
         EU, 999 in the UK, 000 in Australia).\n\nDon't wait to see whether it passes, and don't \
         drive yourself. If someone is with you, tell them.",
    )
    .colour(Colour::Danger);
    Reply::embed(embed)
}

/// Heart or circulatory conditions: a question for the doctor, with why and what to ask.
pub fn doctor_redirect() -> Reply {
    let embed = Embed::new(
        "This is a question for your doctor",
        "Anything that touches the heart, blood pressure, blood vessels or clotting needs your \
         doctor's answer before you try blood-flow-restriction training. I can't give training \
         advice for it, because the right answer depends on your own health.",
    )
    .colour(Colour::Warning)
    .field(
        "Why BFR matters here",
        "- Restricting blood flow raises blood pressure and heart rate during the sets, more \
         than the light weight suggests.\n\
         - The wrap slows blood leaving the limb, which matters if you have had a clot or \
         take medicines that affect clotting.\n\
         - Some conditions and medicines change how your body responds to that strain.",
    )
    .field(
        "What to ask your doctor",
        "- Is blood-flow-restriction training safe for me, with my condition and medicines?\n\
         - Are there limits on blood pressure, effort or heart rate I should keep to?\n\
         - Should I avoid restricting a particular arm or leg?\n\
         - Which symptoms mean I should stop and get help?",
    )
    .field(
        "Until then",
        "Please don't start BFR. If you have symptoms right now, such as chest pain, fainting, \
         sudden breathlessness or one swollen painful leg, call emergency services.",
    )
    .footer("Show your doctor what BFR involves: /learn how-to and /learn safety.");
    Reply::embed(embed)
}

/// A non-cardiac medical issue: a short note to check with a professional first.
pub const CAUTION_NOTE: &str = "You mention a health issue: please check with your doctor or \
     physiotherapist before trying BFR, and take the safety screening with `/screening`.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safety_answers_give_no_training_advice() {
        for reply in [emergency(), doctor_redirect()] {
            let text = format!("{reply:?}").to_lowercase();
            for advice in ["% of your 1rm", "30-15-15-15", "7/10", "reps"] {
                assert!(!text.contains(advice), "{advice} in {text}");
            }
        }
        let emergency = format!("{:?}", emergency());
        assert!(
            emergency.contains("911") && emergency.contains("112") && emergency.contains("999")
        );
    }
}
