//! `/ask` and messages to the bot: health questions are triaged first; heart and emergency
//! questions get the safety answers, everything else an answer from the written FAQ.
//!
//! `/ask`, mentions, ask-channels and the console all end in `answer`, so a question gets
//! the same reply wherever it is asked. When the FAQ has no entry that clearly fits, the
//! reply offers the closest questions as buttons (`faq:show:<id>`) and the `/learn` page
//! (`faq:learn:<slug>`), never an answer of its own.

use crate::app::health_answers;
use crate::app::learn;
use crate::app::reply::{Button, ButtonStyle, Colour, Component, Embed, Reply};
use crate::domain::faq::{self, FaqEntry, Lookup};
use crate::domain::learn::LearnTopic;
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
    Ok(answer(question, triage(question).category).private_unless(public))
}

/// The reply to a message, and whether it is a health or emergency answer (never held back).
#[derive(Debug, Clone, PartialEq)]
pub struct MessageAnswer {
    pub reply: Reply,
    pub is_safety: bool,
}

/// A message that mentions the bot or sits in an ask-channel; `None` means stay quiet.
pub fn on_message(text: &str, origin: MessageOrigin) -> Option<MessageAnswer> {
    let text = bounded(text);
    // Triaged once: the reply and the safety flag both follow from this category.
    let category = triage(text).category;
    let is_safety = matches!(category, Category::Emergency | Category::Heart);
    let reply = match (category, origin) {
        (Category::Emergency | Category::Heart, _) => answer(text, category),
        (_, MessageOrigin::Mention) if text.trim().is_empty() => {
            Reply::text("Hi! Ask me about blood-flow-restriction training, or try `/learn`.")
        }
        (_, MessageOrigin::Mention) => answer(text, category),
        (_, MessageOrigin::AskChannel) => return None,
    };
    Some(MessageAnswer { reply, is_safety })
}

/// The answer for a question, by its triage `category`. Never quotes the question back.
fn answer(question: &str, category: Category) -> Reply {
    match category {
        Category::Emergency => health_answers::emergency(),
        Category::Heart => health_answers::doctor_redirect(),
        Category::Caution => {
            let mut reply = faq_answer(question);
            let note = format!("⚠️ {}", health_answers::CAUTION_NOTE);
            reply.content = Some(match reply.content.take() {
                Some(content) => format!("{note}\n{content}"),
                None => note,
            });
            reply
        }
        Category::Fitness => faq_answer(question),
    }
}

/// How many closest questions an unsure answer offers.
const SUGGESTIONS: usize = 3;
/// Custom-ID prefix of a button that shows one FAQ entry; the entry's id follows.
pub const SHOW_PREFIX: &str = "faq:show:";
/// Custom-ID prefix of a button that opens a `/learn` page; the topic's slug follows.
pub const LEARN_PREFIX: &str = "faq:learn:";
/// Discord cuts button labels at 80 characters.
const MAX_LABEL_CHARS: usize = 80;

fn faq_answer(question: &str) -> Reply {
    match faq::lookup(question, SUGGESTIONS) {
        Lookup::Answer(found) => entry_reply(found.entry),
        Lookup::Unsure(closest) => unsure_reply(&closest),
        Lookup::Nothing => Reply::text(
            "I don't have a written answer for that, and I won't guess. `/learn` covers what \
             BFR is, how to do it, cuff pressure, safety and the evidence.",
        ),
    }
}

/// One entry as an embed, with a row of related entries to read next.
pub fn entry_reply(entry: &FaqEntry) -> Reply {
    let footer = format!(
        "Sources: {} · More: /learn {} · Not medical advice.",
        entry.sources,
        entry.topic.slug()
    );
    let embed = Embed::new(entry.question, entry.answer)
        .colour(Colour::Info)
        .footer(footer);
    let related: Vec<Component> = entry
        .related
        .iter()
        .filter_map(|id| faq::entry(id))
        .map(|other| show_button(other, ButtonStyle::Secondary))
        .collect();
    let reply = Reply::embed(embed);
    if related.is_empty() {
        reply
    } else {
        reply.with_row(related)
    }
}

/// No answer is invented: the closest questions as buttons, and the `/learn` page that
/// covers the best of them.
fn unsure_reply(closest: &[faq::FaqMatch]) -> Reply {
    let Some(best) = closest.first() else {
        return Reply::text("I don't have a written answer for that, and I won't guess.");
    };
    let topic = best.entry.topic;
    let mut row: Vec<Component> = closest
        .iter()
        .map(|m| show_button(m.entry, ButtonStyle::Primary))
        .collect();
    row.push(Component::Button(Button {
        custom_id: format!("{LEARN_PREFIX}{}", topic.slug()),
        label: format!("Read /learn {}", topic.slug()),
        style: ButtonStyle::Secondary,
        disabled: false,
    }));
    Reply::text(format!(
        "I don't have a written answer that clearly fits, and I won't guess. Did you mean \
         one of these? `/learn {}` covers the topic.",
        topic.slug()
    ))
    .with_row(row)
}

fn show_button(entry: &FaqEntry, style: ButtonStyle) -> Component {
    let label = if entry.question.chars().count() > MAX_LABEL_CHARS {
        let cut: String = entry.question.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        entry.question.to_owned()
    };
    Component::Button(Button {
        custom_id: format!("{SHOW_PREFIX}{}", entry.id),
        label,
        style,
        disabled: false,
    })
}

/// The reply for an FAQ button, or `None` when `custom_id` is not one of them. An id that
/// no longer exists (an entry renamed since the message was sent) gets `Some` of `None`.
pub fn on_button(custom_id: &str) -> Option<Option<Reply>> {
    if let Some(id) = custom_id.strip_prefix(SHOW_PREFIX) {
        return Some(faq::entry(id).map(entry_reply));
    }
    let slug = custom_id.strip_prefix(LEARN_PREFIX)?;
    Some(LearnTopic::from_slug(slug).map(learn::page_reply))
}

/// What a question gets, without building the reply: the same decisions as [`ask`] and
/// [`on_message`] make, for evaluation and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Triage answered: emergency or doctor redirect.
    Safety,
    /// A written entry, by id.
    Answer(&'static str),
    /// The closest questions were offered instead.
    Unsure,
    /// Nothing related.
    Nothing,
}

pub fn outcome(question: &str) -> Outcome {
    outcome_with(question, faq::lookup)
}

/// [`outcome`] with another FAQ lookup (a [`faq::Ranker`] built for cross-validation).
pub fn outcome_with(question: &str, lookup: impl Fn(&str, usize) -> Lookup) -> Outcome {
    let question = bounded(question);
    match triage(question).category {
        Category::Emergency | Category::Heart => Outcome::Safety,
        Category::Caution | Category::Fitness => match lookup(question, SUGGESTIONS) {
            Lookup::Answer(found) => Outcome::Answer(found.entry.id),
            Lookup::Unsure(_) => Outcome::Unsure,
            Lookup::Nothing => Outcome::Nothing,
        },
    }
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
    fn answers_carry_related_buttons_and_sources() {
        let reply = ask("how tight should the wrap be?", false).unwrap();
        let embed = &reply.embeds[0];
        assert_eq!(embed.title, "How tight should the wrap be?");
        let footer = embed.footer.clone().unwrap_or_default();
        assert!(
            footer.contains("Sources:") && footer.contains("/learn pressure"),
            "{footer}"
        );
        let ids = button_ids(&reply);
        assert!((2..=3).contains(&ids.len()), "{ids:?}");
        assert!(ids
            .iter()
            .all(|id| id.starts_with(SHOW_PREFIX) && id.len() < 100));
    }

    #[test]
    fn unsure_questions_get_suggestions_and_a_learn_page_but_no_answer() {
        let reply = ask("is it worth buying a gauge for home use", false).unwrap();
        assert!(reply.embeds.is_empty(), "no invented answer: {reply:?}");
        assert!(reply
            .content
            .clone()
            .unwrap_or_default()
            .contains("Did you mean"));
        let ids = button_ids(&reply);
        let shows = ids.iter().filter(|id| id.starts_with(SHOW_PREFIX)).count();
        assert!((1..=3).contains(&shows), "{ids:?}");
        assert!(
            ids.last().is_some_and(|id| id.starts_with(LEARN_PREFIX)),
            "{ids:?}"
        );
        for id in &ids {
            assert!(matches!(on_button(id), Some(Some(_))), "{id}");
        }
    }

    #[test]
    fn buttons_show_entries_and_learn_pages() {
        let Some(Some(entry)) = on_button("faq:show:rhabdo") else {
            panic!("an entry");
        };
        assert!(entry.embeds[0].title.contains("rhabdomyolysis"));
        let Some(Some(page)) = on_button("faq:learn:safety") else {
            panic!("a learn page");
        };
        assert_eq!(page.embeds.len(), 1);
        assert!(matches!(on_button("faq:show:no-such-entry"), Some(None)));
        assert!(on_button("learn:topic").is_none());
    }

    #[test]
    fn mentions_and_slash_command_give_the_same_answer() {
        let question = "how long should I rest between sets?";
        let slash = ask(question, true).unwrap();
        let mention = on_message(question, MessageOrigin::Mention).unwrap().reply;
        assert_eq!(slash.embeds, mention.embeds);
        assert_eq!(slash.rows, mention.rows);
        assert_eq!(outcome(question), Outcome::Answer("rest"));
    }

    fn button_ids(reply: &Reply) -> Vec<String> {
        reply
            .rows
            .iter()
            .flatten()
            .filter_map(|c| match c {
                Component::Button(b) => Some(b.custom_id.clone()),
                Component::Select(_) => None,
            })
            .collect()
    }

    #[test]
    fn huge_input_is_bounded() {
        let reply = ask(&"é".repeat(100_000), false).unwrap();
        assert!(reply.embeds.is_empty() || !reply.embeds[0].title.is_empty());
    }
}
