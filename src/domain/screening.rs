//! The pre-BFR health screening for `/screening`: grouped yes/no questions, walked through
//! one at a time with buttons.
//!
//! There is no published consensus on which conditions rule blood flow restriction out and
//! which only need a doctor's OK; the split used here is a cautious one built from a
//! published clot-risk assessment tool (Nascimento et al. 2022) and cuff makers' manuals.
//!
//! Only the final outcome is ever stored, never the answers, so the answers given so far
//! travel in the button's custom id ([`Screening::encode`] / [`Screening::decode`]).

/// Result of the screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreeningOutcome {
    /// Nothing applies: the user may start conservatively.
    Clear,
    /// Something raises the risk: talk to a doctor before starting.
    NeedsClearance,
    /// Something rules BFR out for now: do not start, see a doctor.
    Refer,
}

impl ScreeningOutcome {
    /// Stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ScreeningOutcome::Clear => "clear",
            ScreeningOutcome::NeedsClearance => "needs-clearance",
            ScreeningOutcome::Refer => "refer",
        }
    }

    /// Inverse of [`ScreeningOutcome::as_str`] (surrounding spaces and case are ignored).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        [
            ScreeningOutcome::Clear,
            ScreeningOutcome::NeedsClearance,
            ScreeningOutcome::Refer,
        ]
        .into_iter()
        .find(|o| o.as_str().eq_ignore_ascii_case(s))
    }
}

/// One yes/no screening question.
#[derive(Debug)]
pub struct ScreeningQuestion {
    /// Stable identifier (kebab-case).
    pub id: &'static str,
    /// The question shown to the user; Discord markdown.
    pub text: &'static str,
    /// What a "yes" means: [`ScreeningOutcome::Refer`] or [`ScreeningOutcome::NeedsClearance`].
    pub if_yes: ScreeningOutcome,
}

/// The questions, in the order asked. All "refer" questions come first, so a user who must
/// not start BFR finds out as early as possible.
pub const QUESTIONS: &[ScreeningQuestion] = &[
    ScreeningQuestion {
        id: "clots-vessels",
        text: "Have you ever had a **blood clot** (deep vein thrombosis or a pulmonary \
embolism)? Or do you have a clotting disorder, sickle cell disease, or peripheral artery or \
vascular disease, or have you had vascular surgery or a graft in an arm or leg?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "heart",
        text: "Do you have a **serious or unstable heart condition**? For example:\n\
- a recent heart attack, or unstable angina\n\
- heart failure or cardiomyopathy\n\
- an irregular heartbeat that isn't well controlled\n\
- an aortic aneurysm\n\
- myocarditis, endocarditis or pericarditis\n\
- a past cardiac arrest",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "blood-pressure-dizziness",
        text: "Is your **blood pressure 180/110 or higher**, or do you get dizzy or \
light-headed when you stand up?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "unwell",
        text: "Are you **unwell right now**, for example with a fever or another acute \
illness, or an infection in an arm or leg?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "pregnancy",
        text: "Are you **pregnant**, or have you recently given birth?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "surgery-injury",
        text: "Have you had **major surgery recently**? Or does an arm or leg you would wrap \
have an open or healing wound, a fracture, recent surgery or major swelling?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "lymph-dialysis",
        text: "On an arm or leg you would wrap, do you have **lymphedema** or a **dialysis \
fistula or port**? Or is it the arm on the side of a mastectomy or lymph-node removal?",
        if_yes: ScreeningOutcome::Refer,
    },
    ScreeningQuestion {
        id: "health-conditions",
        text: "Do you have any of these?\n\
- high blood pressure that is under control\n\
- diabetes\n\
- kidney disease\n\
- rheumatoid arthritis\n\
- varicose veins\n\
- cancer in the last 5 years",
        if_yes: ScreeningOutcome::NeedsClearance,
    },
    ScreeningQuestion {
        id: "clot-risk",
        text: "Does any of this apply to you?\n\
- a family history of blood clots\n\
- taking the contraceptive pill or another estrogen\n\
- using anabolic steroids\n\
- recently immobilised (a cast, bed rest, a hospital stay) or back from a long-haul flight\n\
- paralysis or weakness in a leg",
        if_yes: ScreeningOutcome::NeedsClearance,
    },
    ScreeningQuestion {
        id: "age-smoking-weight",
        text: "Are you **60 or older**, do you **smoke**, or is your **BMI over 30**?",
        if_yes: ScreeningOutcome::NeedsClearance,
    },
];

/// A screening in progress: the answers given so far, in question order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Screening {
    answers: Vec<bool>,
}

impl Screening {
    /// A screening with no answers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The question to ask next, or `None` once the outcome is known.
    pub fn current(&self) -> Option<&'static ScreeningQuestion> {
        if self.outcome().is_some() {
            return None;
        }
        QUESTIONS.get(self.answers.len())
    }

    /// Records the answer to [`Screening::current`]; ignored once the outcome is known, so a
    /// double-clicked button cannot push answers past the end.
    pub fn answer(&mut self, yes: bool) {
        if self.current().is_some() {
            self.answers.push(yes);
        }
    }

    /// The outcome: `Some(Refer)` as soon as a "refer" question is answered yes, otherwise
    /// `Some(..)` once every question is answered, and `None` while questions remain.
    pub fn outcome(&self) -> Option<ScreeningOutcome> {
        let yes_to = |level: ScreeningOutcome| {
            QUESTIONS
                .iter()
                .zip(&self.answers)
                .any(|(q, &yes)| yes && q.if_yes == level)
        };
        if yes_to(ScreeningOutcome::Refer) {
            Some(ScreeningOutcome::Refer)
        } else if self.answers.len() < QUESTIONS.len() {
            None
        } else if yes_to(ScreeningOutcome::NeedsClearance) {
            Some(ScreeningOutcome::NeedsClearance)
        } else {
            Some(ScreeningOutcome::Clear)
        }
    }

    /// `(answered, total)`. After an early "refer", `answered` stays below `total`.
    pub fn progress(&self) -> (usize, usize) {
        (self.answers.len(), QUESTIONS.len())
    }

    /// The answers as a short ASCII string for a button's custom id: a one-character tag
    /// for the current question list, then one `y`/`n` per answer (at most 11 characters).
    ///
    /// The tag makes a button sent before the questions changed decode to `None` instead
    /// of silently applying old answers to different questions.
    pub fn encode(&self) -> String {
        let mut s = String::with_capacity(1 + self.answers.len());
        s.push(questions_tag());
        s.extend(self.answers.iter().map(|&yes| if yes { 'y' } else { 'n' }));
        s
    }

    /// Inverse of [`Screening::encode`]. Returns `None` for anything `encode` could not
    /// have produced, including answers continuing after an early "refer".
    pub fn decode(s: &str) -> Option<Self> {
        let mut chars = s.chars();
        if chars.next() != Some(questions_tag()) {
            return None;
        }
        let mut screening = Screening::new();
        for c in chars {
            let yes = match c {
                'y' => true,
                'n' => false,
                _ => return None,
            };
            screening.current()?;
            screening.answer(yes);
        }
        Some(screening)
    }
}

/// A character derived from the question ids (FNV-1a), standing for this question list.
fn questions_tag() -> char {
    // No 'y' or 'n', so the tag never reads as an answer.
    const ALPHABET: &[u8] = b"abcdefghijkmpqrstuvwxz0123456789";
    let mut hash: u32 = 0x811c_9dc5;
    for q in QUESTIONS {
        for b in q.id.bytes().chain([b'/']) {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    let i = (hash % ALPHABET.len() as u32) as usize;
    ALPHABET.get(i).map_or('a', |&b| char::from(b))
}

/// What the user is told once the screening is over.
pub fn outcome_message(o: ScreeningOutcome) -> &'static str {
    match o {
        ScreeningOutcome::Clear => {
            "**You're clear to give BFR a try.** None of the screening questions applied to \
you. Start conservatively: light weights (about 30% of your 1RM), wraps at about 7/10 \
tightness, 30-60 second rests, and no more than ~15 minutes of restriction on an arm or \
~20 on a leg.\n\n\
**Stop and take the wrap off at once** if you get chest pain, dizziness, severe \
breathlessness, numbness or tingling that doesn't fade, or a hand or foot turning white, \
blue or cold. Call emergency services for chest pain or pressure lasting more than a few \
minutes. `/learn safety` has the full list.\n\n\
If your health changes, run `/screening` again. This check does not replace medical advice."
        }
        ScreeningOutcome::NeedsClearance => {
            "**Please talk to your doctor before starting BFR.** Something you answered \
doesn't rule BFR out, but it can raise the risk of a blood clot or put extra strain on \
your heart and blood vessels while a limb is restricted. Your doctor knows your health and \
can tell whether BFR is OK for you; it helps to show them what you plan to do \
(`/learn how-to`).\n\n\
Once they give you the go-ahead, start conservatively and learn the stop signs in \
`/learn safety`."
        }
        ScreeningOutcome::Refer => {
            "**Please don't start BFR.** Something you answered means restricting blood flow \
could be risky for you right now: it could help trigger a blood clot, worsen a heart or \
circulation problem, or harm an injured or vulnerable limb. Talk to your doctor before any \
BFR; only they can say whether and when it could be suitable for you.\n\n\
If you have symptoms right now, such as chest pain, sudden breathlessness, or a swollen, \
painful limb, seek medical help straight away."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(answers: &[bool]) -> Screening {
        let mut s = Screening::new();
        for &a in answers {
            s.answer(a);
        }
        s
    }

    fn first_index(level: ScreeningOutcome) -> usize {
        QUESTIONS
            .iter()
            .position(|q| q.if_yes == level)
            .unwrap_or(QUESTIONS.len())
    }

    /// Every reachable state, found by answering yes and no from every earlier state.
    fn all_states() -> Vec<Screening> {
        let mut out = vec![Screening::new()];
        let mut i = 0;
        while i < out.len() {
            if out[i].current().is_some() {
                for yes in [false, true] {
                    let mut next = out[i].clone();
                    next.answer(yes);
                    out.push(next);
                }
            }
            i += 1;
        }
        out
    }

    #[test]
    fn all_no_is_clear() {
        let s = run(&vec![false; QUESTIONS.len()]);
        assert_eq!(s.outcome(), Some(ScreeningOutcome::Clear));
        assert!(s.current().is_none());
        assert_eq!(s.progress(), (QUESTIONS.len(), QUESTIONS.len()));
    }

    #[test]
    fn no_outcome_until_done() {
        let mut s = Screening::new();
        assert_eq!(s.progress(), (0, QUESTIONS.len()));
        for q in QUESTIONS {
            assert_eq!(s.outcome(), None);
            assert_eq!(s.current().map(|c| c.id), Some(q.id));
            s.answer(false);
        }
        assert!(s.outcome().is_some());
    }

    #[test]
    fn any_refer_yes_refers_immediately() {
        for (i, q) in QUESTIONS.iter().enumerate() {
            if q.if_yes != ScreeningOutcome::Refer {
                continue;
            }
            let mut answers = vec![false; i];
            answers.push(true);
            let mut s = run(&answers);
            assert_eq!(s.outcome(), Some(ScreeningOutcome::Refer), "{}", q.id);
            assert!(s.current().is_none());
            assert_eq!(s.progress(), (i + 1, QUESTIONS.len()));
            s.answer(false);
            assert_eq!(
                s.progress(),
                (i + 1, QUESTIONS.len()),
                "answer after the end"
            );
        }
    }

    #[test]
    fn needs_clearance_only_needs_clearance() {
        for (i, q) in QUESTIONS.iter().enumerate() {
            if q.if_yes != ScreeningOutcome::NeedsClearance {
                continue;
            }
            let mut answers = vec![false; QUESTIONS.len()];
            answers[i] = true;
            let s = run(&answers);
            assert_eq!(
                s.outcome(),
                Some(ScreeningOutcome::NeedsClearance),
                "{}",
                q.id
            );
        }
        let all_clearance: Vec<bool> = QUESTIONS
            .iter()
            .map(|q| q.if_yes == ScreeningOutcome::NeedsClearance)
            .collect();
        assert_eq!(
            run(&all_clearance).outcome(),
            Some(ScreeningOutcome::NeedsClearance)
        );
    }

    #[test]
    fn refer_questions_come_first() {
        assert!(
            QUESTIONS
                .iter()
                .skip_while(|q| q.if_yes == ScreeningOutcome::Refer)
                .all(|q| q.if_yes == ScreeningOutcome::NeedsClearance),
            "a refer question follows a needs-clearance one"
        );
        assert!(first_index(ScreeningOutcome::NeedsClearance) > 0);
    }

    #[test]
    fn questions_are_well_formed() {
        assert!((8..=10).contains(&QUESTIONS.len()));
        for (i, q) in QUESTIONS.iter().enumerate() {
            assert_ne!(q.if_yes, ScreeningOutcome::Clear, "{}", q.id);
            assert!(q.text.chars().count() <= 1000, "{}", q.id);
            assert!(
                QUESTIONS[..i].iter().all(|p| p.id != q.id),
                "duplicate {}",
                q.id
            );
        }
    }

    #[test]
    fn every_checklist_item_is_asked_at_the_right_level() {
        use ScreeningOutcome::{NeedsClearance, Refer};
        let items: &[(&str, ScreeningOutcome)] = &[
            ("deep vein thrombosis", Refer),
            ("pulmonary embolism", Refer),
            ("clotting disorder", Refer),
            ("peripheral artery", Refer),
            ("vascular surgery", Refer),
            ("graft", Refer),
            ("pregnant", Refer),
            ("given birth", Refer),
            ("180/110", Refer),
            ("heart attack", Refer),
            ("unstable angina", Refer),
            ("heart failure", Refer),
            ("irregular heartbeat", Refer),
            ("cardiomyopathy", Refer),
            ("aortic aneurysm", Refer),
            ("myocarditis", Refer),
            ("endocarditis", Refer),
            ("pericarditis", Refer),
            ("cardiac arrest", Refer),
            ("dizzy", Refer),
            ("fever", Refer),
            ("acute", Refer),
            ("infection", Refer),
            ("wound", Refer),
            ("fracture", Refer),
            ("surgery", Refer),
            ("swelling", Refer),
            ("sickle cell", Refer),
            ("lymphedema", Refer),
            ("dialysis", Refer),
            ("mastectomy", Refer),
            ("lymph-node removal", Refer),
            ("high blood pressure", NeedsClearance),
            ("diabetes", NeedsClearance),
            ("kidney disease", NeedsClearance),
            ("rheumatoid arthritis", NeedsClearance),
            ("cancer", NeedsClearance),
            ("varicose veins", NeedsClearance),
            ("bmi over 30", NeedsClearance),
            ("60 or older", NeedsClearance),
            ("contraceptive pill", NeedsClearance),
            ("estrogen", NeedsClearance),
            ("immobilised", NeedsClearance),
            ("long-haul flight", NeedsClearance),
            ("smoke", NeedsClearance),
            ("family history of blood clots", NeedsClearance),
            ("anabolic steroids", NeedsClearance),
        ];
        for &(needle, level) in items {
            let hit = QUESTIONS.iter().find(|q| {
                q.text
                    .replace("**", "")
                    .to_lowercase()
                    .contains(&needle.to_lowercase())
            });
            match hit {
                Some(q) => assert_eq!(q.if_yes, level, "{needle:?} asked in {}", q.id),
                None => panic!("{needle:?} is not asked"),
            }
        }
    }

    #[test]
    fn encode_decode_round_trips_every_state() {
        let states = all_states();
        assert!(states.len() > QUESTIONS.len());
        for s in &states {
            let code = s.encode();
            assert!(code.is_ascii());
            assert!(code.len() <= 1 + QUESTIONS.len());
            assert!(code.len() + 20 <= 100, "too long for a custom id");
            assert_eq!(Screening::decode(&code).as_ref(), Some(s), "{code}");
        }
    }

    #[test]
    fn decode_rejects_garbage() {
        let tag = questions_tag();
        let too_long = format!("{tag}{}", "n".repeat(QUESTIONS.len() + 1));
        let after_refer = format!("{tag}yn");
        let bad_char = format!("{tag}nnx");
        let upper = format!("{tag}NN");
        let spaced = format!(" {tag}nn");
        let wrong_tag = if tag == 'a' { "bnn" } else { "ann" };
        let cases = [
            "",
            "y",
            "n",
            "yny",
            "🩸",
            "é",
            "\u{0}",
            wrong_tag,
            &too_long,
            &after_refer,
            &bad_char,
            &upper,
            &spaced,
        ];
        for c in cases {
            assert_eq!(Screening::decode(c), None, "{c:?}");
        }
        assert_eq!(Screening::decode(&"x".repeat(10_000)), None);
    }

    #[test]
    fn tag_is_not_an_answer_letter() {
        let tag = questions_tag();
        assert!(tag.is_ascii_alphanumeric() && tag != 'y' && tag != 'n');
        assert_eq!(Screening::decode(&tag.to_string()), Some(Screening::new()));
    }

    #[test]
    fn outcome_names_round_trip() {
        for o in [
            ScreeningOutcome::Clear,
            ScreeningOutcome::NeedsClearance,
            ScreeningOutcome::Refer,
        ] {
            assert_eq!(ScreeningOutcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(
            ScreeningOutcome::parse(" Needs-Clearance "),
            Some(ScreeningOutcome::NeedsClearance)
        );
        assert_eq!(ScreeningOutcome::parse("ok"), None);
        assert_eq!(ScreeningOutcome::parse(""), None);
    }

    #[test]
    fn outcome_messages_say_what_to_do() {
        let clear = outcome_message(ScreeningOutcome::Clear).to_lowercase();
        assert!(clear.contains("conservatively") && clear.contains("stop"));
        let clearance = outcome_message(ScreeningOutcome::NeedsClearance).to_lowercase();
        assert!(clearance.contains("doctor") && clearance.contains("before starting"));
        let refer = outcome_message(ScreeningOutcome::Refer).to_lowercase();
        assert!(refer.contains("don't start") && refer.contains("doctor"));
        for o in [
            ScreeningOutcome::Clear,
            ScreeningOutcome::NeedsClearance,
            ScreeningOutcome::Refer,
        ] {
            assert!(outcome_message(o).chars().count() <= 1024);
        }
    }
}
