//! Blood pressure and heart rate: readings ("150/95", "resting HR 115"), problems ("my
//! bp is high", "low blood pressure"), medicines ("bp meds"), and the exercise
//! response, which is a fitness question ("does BFR raise blood pressure?").

use super::abbreviations::bp_is_blood_pressure;
use super::concept::{Concept as C, Finding};
use super::cues::{EXERCISE, REST, WORRY};
use super::normalize::{sentence_window, Token};

const MEDICINE: &[&str] = &[
    "med",
    "meds",
    "medication",
    "medications",
    "medicine",
    "medicines",
    "pill",
    "pills",
    "tablet",
    "tablets",
    "drug",
    "drugs",
    "prescription",
];
/// Adjectives before "blood pressure" that name a condition.
const CONDITION_BEFORE: &[&str] = &[
    "high",
    "low",
    "elevated",
    "raised",
    "uncontrolled",
    "borderline",
    "labile",
    "hi",
];
/// Words after "blood pressure" that describe a problem.
const PROBLEM_AFTER: &[&str] = &[
    "high",
    "low",
    "elevated",
    "raised",
    "dangerous",
    "dangerously",
    "hypertensive",
    "drop",
    "drops",
    "dropped",
    "dropping",
    "crash",
    "crashes",
    "crashed",
    "bad",
    "roof",
    "sky",
    "uncontrolled",
    "spiking",
    "stage",
];
/// Words that tie blood pressure to the act of training ("during", "raise"): together
/// with a training word they make it a question about the normal exercise response.
const RESPONSE: &[&str] = &[
    "during",
    "while",
    "whilst",
    "when",
    "after",
    "mid",
    "raise",
    "raises",
    "raising",
    "increase",
    "increases",
    "increasing",
    "spike",
    "spikes",
    "spiking",
    "rise",
    "rises",
    "up",
    "affect",
    "affects",
    "effect",
    "response",
    "lower",
    "lowers",
    "lowering",
    "reduce",
    "reduces",
    "reducing",
    "improve",
    "improves",
    "benefit",
    "benefits",
    "help",
    "helps",
];
/// How many tokens after a heart-rate mention its number may come.
const RATE_REACH: usize = 11;
/// Mentions judged per message; the rest repeat what the first ones said.
const MAX_MENTIONS: usize = 32;
const WEIGHT_UNITS: &[&str] = &["kg", "kgs", "lb", "lbs", "pound", "pounds", "kilo", "kilos"];

/// Symptoms that turn a very high reading into a possible hypertensive crisis (AHA).
const CRISIS_SYMPTOMS: &[&str] = &[
    "headache",
    "blurry",
    "blurred",
    "vision",
    "dizzy",
    "dizziness",
    "confused",
    "confusion",
    "chest",
    "breath",
    "breathe",
    "numb",
    "numbness",
    "weak",
    "weakness",
    "nosebleed",
    "pounding",
    "lightheaded",
    "nausea",
    "nauseous",
];

/// Words after a number that make it an age, a count or a load, not a heart rate.
const NOT_A_RATE: &[&str] = &[
    "year", "yr", "yo", "y", "kg", "lb", "pound", "min", "minute", "sec", "second", "rep", "set",
    "day", "week", "month", "percent", "mile", "km", "mg",
];

/// Symptoms that make a slow heart rate at rest worrying even above 40.
const SLOW_RATE_SYMPTOMS: &[&str] = &[
    "dizzy",
    "dizziness",
    "faint",
    "fainted",
    "fainting",
    "lightheaded",
    "woozy",
    "breathless",
];

struct Reading {
    first: usize,
    last: usize,
    systolic: u32,
    diastolic: u32,
}

impl Reading {
    fn is_normal(&self) -> bool {
        (90..140).contains(&self.systolic) && (60..90).contains(&self.diastolic)
    }

    fn is_very_high(&self) -> bool {
        self.systolic >= 180 || self.diastolic >= 110
    }

    fn describe(&self) -> &'static str {
        if self.is_very_high() {
            "very high blood pressure"
        } else if self.systolic >= 140 || self.diastolic >= 90 {
            "high blood pressure"
        } else {
            "low blood pressure"
        }
    }
}

/// Adds blood-pressure and heart-rate findings.
pub(crate) fn find(tokens: &[Token], negated: &[bool], findings: &mut Vec<Finding>) {
    let readings = readings(tokens);
    for reading in readings.iter().filter(|r| !r.is_normal()) {
        // A very high reading with symptoms is a hypertensive crisis when it is
        // happening now; the urgency check decides "now".
        let crisis = reading.is_very_high()
            && tokens[sentence_window(tokens, reading.first)]
                .iter()
                .any(|t| CRISIS_SYMPTOMS.contains(&t.word.as_str()));
        let concept = if crisis {
            C::BloodPressureCrisis
        } else {
            C::WorryingReading
        };
        let mut finding = Finding::new(concept, reading.first, reading.last);
        finding.detail = reading.describe();
        findings.push(finding);
    }
    for (first, last) in blood_pressure_mentions(tokens)
        .into_iter()
        .take(MAX_MENTIONS)
    {
        if let Some(mut finding) = judge_blood_pressure(tokens, first, last, &readings) {
            finding.negated = (finding.first..=finding.last).any(|i| negated.get(i) == Some(&true));
            findings.push(finding);
        }
    }
    heart_rate(tokens, negated, findings);
}

/// Systolic/diastolic pairs written "150/95" or "150 over 95".
fn readings(tokens: &[Token]) -> Vec<Reading> {
    let mut found = Vec::new();
    for index in 0..tokens.len() {
        let (Some(systolic), true) = (tokens[index].leading_number(), tokens[index].is_number())
        else {
            continue;
        };
        let over = tokens.get(index + 1).is_some_and(|t| t.raw == "over");
        let second = if over { index + 2 } else { index + 1 };
        let Some(lower) = tokens.get(second) else {
            continue;
        };
        if !(over || lower.after_slash) || lower.clause != tokens[index].clause {
            continue;
        }
        let unit = lower.raw.trim_start_matches(|c: char| c.is_ascii_digit());
        let unit_after = tokens.get(second + 1).map(|t| t.raw.as_str());
        let is_weight =
            WEIGHT_UNITS.contains(&unit) || unit_after.is_some_and(|u| WEIGHT_UNITS.contains(&u));
        let Some(diastolic) = lower.leading_number() else {
            continue;
        };
        let plausible = (70..=260).contains(&systolic)
            && (30..=160).contains(&diastolic)
            && systolic > diastolic;
        if plausible && !is_weight {
            found.push(Reading {
                first: index,
                last: second,
                systolic,
                diastolic,
            });
        }
    }
    found
}

/// Token ranges that say "blood pressure" (or "bp" meaning it).
fn blood_pressure_mentions(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut mentions = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let next = tokens.get(index + 1);
        if token.word == "blood" && next.is_some_and(|n| n.word == "pressure") {
            mentions.push((index, index + 1));
        } else if token.raw == "bloodpressure"
            || (token.raw == "bp" && bp_is_blood_pressure(tokens, index))
        {
            mentions.push((index, index));
        } else if token.raw == "b"
            && next.is_some_and(|n| n.raw == "p" && n.clause == token.clause)
            && bp_is_blood_pressure(tokens, index)
        {
            mentions.push((index, index + 1));
        }
    }
    mentions
}

fn judge_blood_pressure(
    tokens: &[Token],
    first: usize,
    last: usize,
    readings: &[Reading],
) -> Option<Finding> {
    let clause = tokens[first].clause;
    let in_clause = |range: std::ops::Range<usize>, words: &[&str]| {
        range
            .filter_map(|i| tokens.get(i))
            .position(|t| t.clause == clause && words.contains(&t.word.as_str()))
    };
    let sentence_has = |words: &[&str]| {
        tokens[sentence_window(tokens, first)]
            .iter()
            .any(|t| words.contains(&t.word.as_str()))
    };
    let before = first.saturating_sub(2)..first;
    let after = last + 1..last + 5;
    let around = first.saturating_sub(4)..last + 5;

    let found = |concept: C, cue: usize, detail: &'static str| {
        let mut finding = Finding::new(concept, first.min(cue), last.max(cue));
        finding.detail = detail;
        Some(finding)
    };
    if let Some(offset) = in_clause(around.clone(), MEDICINE) {
        return found(
            C::CardiacMedicine,
            around.start + offset,
            "blood-pressure medicine",
        );
    }
    if let Some(offset) = in_clause(before.clone(), CONDITION_BEFORE) {
        return found(C::BloodPressureProblem, before.start + offset, "");
    }
    let worried = sentence_has(WORRY);
    let training_topic = sentence_has(EXERCISE);
    let exercising = training_topic && sentence_has(RESPONSE);
    let equipment = tokens
        .get(last + 1)
        .is_some_and(|t| matches!(t.word.as_str(), "cuff" | "band" | "strap"));
    if let Some(offset) = in_clause(after.clone(), PROBLEM_AFTER) {
        if worried || !exercising {
            return found(C::BloodPressureProblem, after.start + offset, "");
        }
    }
    let near_reading = readings
        .iter()
        .find(|r| r.first + 2 >= first && r.first <= last + 6);
    if let Some(reading) = near_reading {
        // An abnormal reading is reported by itself; a normal one answers the question.
        return (!reading.is_normal() && worried)
            .then(|| Finding::new(C::HeartWorry, first, reading.last));
    }
    if worried {
        return found(C::HeartWorry, first, "");
    }
    (!training_topic && !equipment).then(|| Finding::new(C::BloodPressureTopic, first, last))
}

/// A fast or very slow heart rate at rest, or worry about the heart rate.
fn heart_rate(tokens: &[Token], negated: &[bool], findings: &mut Vec<Finding>) {
    for (index, token) in tokens.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| tokens[i].raw.as_str());
        let next = tokens.get(index + 1);
        let (first, last) = match token.raw.as_str() {
            "heart" if next.is_some_and(|n| n.word == "rate") => (index, index + 1),
            "heartrate" | "rhr" | "pulse" => (index, index),
            "hr" if matches!(
                previous,
                Some("resting" | "my" | "his" | "her" | "max" | "avg")
            ) =>
            {
                (index, index)
            }
            _ => continue,
        };
        let sentence = token.sentence;
        let window = &tokens[sentence_window(tokens, index)];
        let sentence_has = |words: &[&str]| window.iter().any(|t| words.contains(&t.word.as_str()));
        let at_rest = token.raw == "rhr" || sentence_has(REST);
        // The most abnormal rate nearby: "sometimes 50 sometimes 130 at rest" is 130.
        let rate = (last + 1..last + RATE_REACH)
            .chain(first.saturating_sub(3)..first)
            .filter(|&i| {
                tokens
                    .get(i)
                    .is_some_and(|t| t.sentence == sentence && t.is_number())
                    && !tokens
                        .get(i + 1)
                        .is_some_and(|unit| NOT_A_RATE.contains(&unit.word.as_str()))
            })
            .filter_map(|i| {
                tokens[i]
                    .leading_number()
                    .filter(|n| (20..=300).contains(n))
            })
            .max_by_key(|&rate| rate.abs_diff(70));
        let symptomatic = sentence_has(SLOW_RATE_SYMPTOMS);
        let mut finding = match rate {
            Some(rate) if at_rest && rate > 100 => {
                let mut f = Finding::new(C::WorryingReading, first, last);
                f.detail = "fast resting heart rate";
                f
            }
            Some(rate) if at_rest && (rate < 40 || (rate < 50 && symptomatic)) => {
                let mut f = Finding::new(C::WorryingReading, first, last);
                f.detail = "very slow resting heart rate";
                f
            }
            _ if sentence_has(WORRY) => Finding::new(C::HeartWorry, first, last),
            _ => continue,
        };
        finding.negated = (first..=last).any(|i| negated.get(i) == Some(&true));
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::normalize::tokenize;

    fn found(text: &str) -> Vec<(C, &'static str)> {
        let tokens = tokenize(text);
        let negated = vec![false; tokens.len()];
        let mut findings = Vec::new();
        find(&tokens, &negated, &mut findings);
        findings
            .into_iter()
            .map(|f| (f.concept, f.detail))
            .collect()
    }

    fn concepts(text: &str) -> Vec<C> {
        found(text).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn readings_are_judged_by_value() {
        assert_eq!(
            found("bp 150/95"),
            [(C::WorryingReading, "high blood pressure")]
        );
        assert_eq!(
            found("it was 185 over 115"),
            [(C::WorryingReading, "very high blood pressure")]
        );
        assert_eq!(
            found("85/50 this morning"),
            [(C::WorryingReading, "low blood pressure")]
        );
        assert!(found("my bp is 118/76, can I do bfr?").is_empty());
        assert!(found("squat 140/100 kg").is_empty());
        assert!(found("took 1/2 dose").is_empty());
    }

    #[test]
    fn bench_press_is_not_blood_pressure() {
        assert!(found("my bp is 100kg").is_empty());
        assert!(found("bp went from 80 to 90 kg").is_empty());
    }

    #[test]
    fn problems_and_medicines() {
        assert!(concepts("I have high blood pressure").contains(&C::BloodPressureProblem));
        assert!(concepts("my bp is high").contains(&C::BloodPressureProblem));
        assert!(concepts("low bp, can I do bfr").contains(&C::BloodPressureProblem));
        assert!(
            concepts("doc says my blood pressure is too high, can I still do bfr")
                .contains(&C::BloodPressureProblem)
        );
        assert!(concepts("I take bp meds").contains(&C::CardiacMedicine));
        assert!(concepts("blood pressure medicine").contains(&C::CardiacMedicine));
    }

    #[test]
    fn exercise_response_is_fitness() {
        assert!(found("does bfr raise blood pressure?").is_empty());
        assert!(found("blood pressure gets high during heavy squats").is_empty());
        assert!(found("can I use a blood pressure cuff for bfr").is_empty());
        assert!(
            concepts("is it dangerous that my blood pressure spikes when lifting")
                .contains(&C::HeartWorry)
        );
    }

    #[test]
    fn blood_pressure_and_training_is_fitness() {
        assert!(found("blood pressure and weightlifting").is_empty());
    }

    #[test]
    fn a_bare_blood_pressure_question_needs_a_doctor_note() {
        assert!(concepts("blood pressure monitors for home").contains(&C::BloodPressureTopic));
    }

    #[test]
    fn resting_heart_rate() {
        assert_eq!(
            found("resting heart rate is 115"),
            [(C::WorryingReading, "fast resting heart rate")]
        );
        assert_eq!(
            found("rhr 35"),
            [(C::WorryingReading, "very slow resting heart rate")]
        );
        assert!(found("resting heart rate 58").is_empty());
        assert!(found("heart rate hit 185 during sprints").is_empty());
        assert!(concepts("heart rate 190 on the bike, is that dangerous").contains(&C::HeartWorry));
        assert!(found("rest 1 hr between sessions").is_empty());
    }
}
