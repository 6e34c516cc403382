//! `/ask` and messages to the bot: health questions are triaged first; heart and emergency
//! questions get the safety answers, everything else an answer from the written FAQ.

use crate::app::reply::{Colour, Embed, Reply};
use crate::app::safety;
use crate::domain::faq::{self, FaqEntry};
use crate::domain::triage::{triage, Category};
use crate::error::UserError;

/// Questions longer than this are cut before triage; Discord's own limit is 6,000.
const MAX_QUESTION_CHARS: usize = 4000;

/// Where a message came from decides whether ordinary questions get an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageOrigin {
    /// The bot was mentioned: every question gets an answer.
    Mention,
    /// A message in an ask-channel that does not mention the bot: only safety answers.
    AskChannel,
}

/// `/ask question`: private unless the user asks to share.
pub fn ask(question: &str, public: bool) -> Result<Reply, UserError> {
    let question = bounded(question);
    if question.trim().is_empty() {
        return Err(UserError::new(
            "Type your question after `question:`, e.g. `/ask question:how tight should the \
             wrap be?`",
        ));
    }
    Ok(answer(question).private_unless(public))
}

/// A message that mentions the bot or sits in an ask-channel; `None` means stay quiet.
pub fn on_message(text: &str, origin: MessageOrigin) -> Option<Reply> {
    let text = bounded(text);
    let category = triage(text).category;
    match (category, origin) {
        (Category::Emergency | Category::Heart, _) => Some(answer(text)),
        (_, MessageOrigin::Mention) if text.trim().is_empty() => Some(Reply::text(
            "Hi! Ask me about blood-flow-restriction training, or try `/learn`.",
        )),
        (_, MessageOrigin::Mention) => Some(answer(text)),
        (_, MessageOrigin::AskChannel) => None,
    }
}

/// Whether the message gets a health or emergency answer, which is never held back.
pub fn is_safety_message(text: &str) -> bool {
    matches!(
        triage(bounded(text)).category,
        Category::Emergency | Category::Heart
    )
}

/// The answer for a question, by its triage category. Never quotes the question back.
fn answer(question: &str) -> Reply {
    match triage(question).category {
        Category::Emergency => safety::emergency(),
        Category::Heart => safety::doctor_redirect(),
        Category::Caution => {
            let mut reply = faq_answer(question);
            let note = format!("⚠️ {}", safety::CAUTION_NOTE);
            reply.content = Some(match reply.content.take() {
                Some(content) => format!("{note}\n{content}"),
                None => note,
            });
            reply
        }
        Category::Fitness => faq_answer(question),
    }
}

fn faq_answer(question: &str) -> Reply {
    match faq::best_match(question) {
        Some(found) => Reply::embed(entry_embed(found.entry)),
        None => Reply::text(
            "I don't have a written answer for that, and I won't guess. `/learn` covers what \
             BFR is, how to do it, cuff pressure, safety and the evidence.",
        ),
    }
}

fn entry_embed(entry: &FaqEntry) -> Embed {
    Embed::new(entry.question, entry.answer)
        .colour(Colour::Info)
        .footer("More in /learn. Not medical advice.")
}

fn bounded(text: &str) -> &str {
    match text.char_indices().nth(MAX_QUESTION_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(reply: &Reply) -> String {
        reply
            .embeds
            .first()
            .map(|embed| embed.title.clone())
            .unwrap_or_default()
    }

    #[test]
    fn four_outcomes() {
        let emergency = ask("I have crushing chest pain right now", false).unwrap();
        assert!(title(&emergency).contains("emergency"), "{emergency:?}");
        let heart = ask("can I do bfr if I have afib?", false).unwrap();
        assert!(title(&heart).contains("doctor"), "{heart:?}");
        let caution = ask("i'm diabetic, how tight should the wrap be?", false).unwrap();
        assert!(caution.content.unwrap_or_default().contains("doctor"));
        let fitness = ask("how long should I rest between sets?", true).unwrap();
        assert!(!fitness.ephemeral);
        assert!(!title(&fitness).is_empty(), "an FAQ answer: {fitness:?}");
    }

    #[test]
    fn unknown_questions_get_no_invented_answer() {
        let reply = ask("what is the capital of france", false).unwrap();
        assert!(reply.embeds.is_empty());
        assert!(reply.content.unwrap_or_default().contains("/learn"));
        assert!(ask("   ", false).is_err());
    }

    #[test]
    fn ask_channels_only_hear_safety_questions() {
        assert!(on_message("what's a good leg day?", MessageOrigin::AskChannel).is_none());
        assert!(on_message(
            "my bp is 180/120 and my head hurts",
            MessageOrigin::AskChannel
        )
        .is_some());
        assert!(on_message("how tight should the bands be", MessageOrigin::Mention).is_some());
        assert!(on_message("", MessageOrigin::Mention).is_some());
    }

    #[test]
    fn answers_never_repeat_the_question() {
        let question = "I take warfarin for my mechanical valve, can I use wraps";
        let reply = ask(question, true).unwrap();
        let shown = format!("{reply:?}").to_lowercase();
        assert!(!shown.contains("warfarin") && !shown.contains("mechanical valve"));
    }

    #[test]
    fn huge_input_is_bounded() {
        let reply = ask(&"é".repeat(100_000), false).unwrap();
        assert!(reply.embeds.is_empty() || !reply.embeds[0].title.is_empty());
    }
}
