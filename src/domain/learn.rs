//! Reading material for `/learn [topic]`: short pages about blood flow restriction
//! (BFR, "occlusion") training, written for gym-goers.
//!
//! The pages follow the popular article "What Is Occlusion Training?" where the research
//! backs it, and say so plainly where the research corrects it. Every page is sized to
//! fit one Discord embed (the limits are checked by the unit tests below).

/// A `/learn` topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LearnTopic {
    Overview,
    Benefits,
    HowItWorks,
    HowTo,
    Pressure,
    Safety,
    Evidence,
}

impl LearnTopic {
    /// Every topic, in the order a menu should list them.
    pub const ALL: [LearnTopic; 7] = [
        LearnTopic::Overview,
        LearnTopic::Benefits,
        LearnTopic::HowItWorks,
        LearnTopic::HowTo,
        LearnTopic::Pressure,
        LearnTopic::Safety,
        LearnTopic::Evidence,
    ];

    /// Stable identifier, used as the command choice value and in component ids.
    pub fn slug(self) -> &'static str {
        match self {
            LearnTopic::Overview => "overview",
            LearnTopic::Benefits => "benefits",
            LearnTopic::HowItWorks => "how-it-works",
            LearnTopic::HowTo => "how-to",
            LearnTopic::Pressure => "pressure",
            LearnTopic::Safety => "safety",
            LearnTopic::Evidence => "evidence",
        }
    }

    /// Short human name, for a select menu or a choice list.
    pub fn label(self) -> &'static str {
        match self {
            LearnTopic::Overview => "Overview",
            LearnTopic::Benefits => "Benefits",
            LearnTopic::HowItWorks => "How it works",
            LearnTopic::HowTo => "How to do it",
            LearnTopic::Pressure => "Pressure & wraps",
            LearnTopic::Safety => "Safety",
            LearnTopic::Evidence => "The evidence",
        }
    }

    /// Parses a slug or label typed by a person.
    ///
    /// Case, surrounding spaces and separators are ignored, so "How it works",
    /// "how_it_works", "howitworks" and "HOW-TO" are all understood.
    pub fn from_slug(s: &str) -> Option<Self> {
        let wanted = squash(s);
        if wanted.is_empty() {
            return None;
        }
        Self::ALL
            .into_iter()
            .find(|t| squash(t.slug()) == wanted || squash(t.label()) == wanted)
    }

    /// The page shown for this topic.
    pub fn page(self) -> &'static LearnPage {
        match self {
            LearnTopic::Overview => &OVERVIEW,
            LearnTopic::Benefits => &BENEFITS,
            LearnTopic::HowItWorks => &HOW_IT_WORKS,
            LearnTopic::HowTo => &HOW_TO,
            LearnTopic::Pressure => &PRESSURE,
            LearnTopic::Safety => &SAFETY,
            LearnTopic::Evidence => &EVIDENCE,
        }
    }
}

/// Lowercase letters and digits only, so separators and spacing never decide a match.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One `/learn` page, shaped like a Discord embed.
#[derive(Debug)]
pub struct LearnPage {
    /// Embed title.
    pub title: &'static str,
    /// Embed description: the page in two or three sentences.
    pub summary: &'static str,
    /// Embed fields, in reading order.
    pub sections: &'static [Section],
    /// Short citations, shown as the embed footer.
    pub sources: &'static str,
}

/// A headed block of a [`LearnPage`] (an embed field).
#[derive(Debug)]
pub struct Section {
    /// Field name.
    pub heading: &'static str,
    /// Field value; Discord markdown.
    pub body: &'static str,
}

static OVERVIEW: LearnPage = LearnPage {
    title: "What is blood flow restriction (BFR) training?",
    summary: "Blood flow restriction training, also called **occlusion training**, means \
training with light weights while a wrap or cuff squeezes the top of the working arm or leg. \
The squeeze makes a light set work the muscle much harder than it normally would, so loads \
you could lift 30 times or more can still build muscle.",
    sections: &[
        Section {
            heading: "The idea",
            body: "A wrap at the top of the limb stops blood from draining out of the muscle \
through the veins, and partly slows the blood coming in through the arteries. Blood pools, \
the by-products of hard work build up, and the muscle tires fast. A light set ends up \
feeling, and working, like a hard one.",
        },
        Section {
            heading: "Wraps or cuffs",
            body: "- **Pressure cuffs** (KAATSU is the best-known system) let you set and \
read the pressure. They are precise, but the original article put even the cheapest \
KAATSU device at over $2000.\n\
- **Elastic wraps**, such as knee wraps, are the cheap, practical way. Studies have used \
them successfully; you judge the tightness by feel.",
        },
        Section {
            heading: "What it is for",
            body: "BFR is an **addition to heavy lifting, not a replacement**: heavy training \
still builds more strength. BFR shines when heavy loads are off the table, such as rehab, \
cranky joints or a lighter week, or as an extra finisher after your heavy work.",
        },
        Section {
            heading: "Before you start",
            body: "BFR is not for everyone. Run `/screening` first. If you have a heart or \
circulatory condition, ask a doctor before trying it. Then see `/learn how-to` for a \
simple first workout.",
        },
    ],
    sources: "Original article: \"What Is Occlusion Training?\"; Patterson et al. 2019, \
Front Physiol; Lixandrão et al. 2018, Sports Med",
};

static BENEFITS: LearnPage = LearnPage {
    title: "What BFR can (and can't) do for you",
    summary: "The original article lists a lot of benefits. Here is which ones hold up \
in the research, and which need a pinch of salt.",
    sections: &[
        Section {
            heading: "Muscle growth with light weights: yes",
            body: "Well supported. Light-load BFR at 20-40% of your one-rep max (1RM) builds \
**about as much muscle** as heavy lifting at over ~70% 1RM, and clearly more than the same \
light training without a wrap.",
        },
        Section {
            heading: "Strength: yes, but less than heavy lifting",
            body: "BFR does raise your 1RM, but heavy training raises it more. That is why \
BFR works best **alongside** heavy lifting rather than instead of it, exactly as the \
original article says.",
        },
        Section {
            heading: "Rehab and joint-friendly training",
            body: "Light loads put less stress on sore joints and healing tissue. In rehab \
studies, BFR beat light training on its own, although it still trailed heavy training \
where heavy training was possible.",
        },
        Section {
            heading: "The \"290x growth hormone\" claim",
            body: "The article cites a \"1999 study\" where growth hormone rose 290 times. \
The study is **Takarada et al. 2000**: 6 people, one exercise, and a short spike from a very \
low resting level, measured 15 minutes after exercise. Muscle growth was not measured at all, \
and later work showed that short hormone spikes like this do not drive muscle growth. The \
gains come from the training itself.",
        },
        Section {
            heading: "The other claims",
            body: "Lactate build-up, earlier use of fast-twitch fibres, IGF-1 and heat-shock \
proteins are all mentioned in the article. They are proposed parts of *how* BFR works, \
not extra benefits you will notice. What the research measures reliably is the end \
result: muscle size and strength.",
        },
    ],
    sources: "Lixandrão et al. 2018, Sports Med; Hughes et al. 2017, Br J Sports Med; \
Takarada et al. 2000, J Appl Physiol; West et al. 2010, J Appl Physiol",
};

static HOW_IT_WORKS: LearnPage = LearnPage {
    title: "How BFR works",
    summary: "The wrap changes what happens inside the muscle during a light set, so the \
muscle has to work as if the load were heavy. The explanation below is the leading one; \
researchers are still filling in details.",
    sections: &[
        Section {
            heading: "Blood gets in, but can't get out",
            body: "A wrap at the top of the limb **fully blocks the veins** that drain the \
muscle and **partly limits the arteries** that feed it. The original article says only the \
veins are restricted; in practice the inflow is reduced too, which is why the tightness has \
to be kept in check.",
        },
        Section {
            heading: "Metabolic build-up",
            body: "With the drain blocked, by-products of hard work such as lactate stay in \
the muscle instead of washing away. This \"metabolic accumulation\" is part of the burn you \
feel, and it is thought to be a key signal for the muscle to adapt.",
        },
        Section {
            heading: "Fast-twitch fibres join in early",
            body: "With less oxygen around, the small slow-twitch fibres tire quickly, so \
your body calls in the big **fast-twitch (type II) fibres** much earlier in the set. \
Normally only heavy loads or very hard sets reach them.",
        },
        Section {
            heading: "What about hormones?",
            body: "Growth hormone does spike for a short while after BFR exercise, but \
short hormone spikes do not explain muscle growth. What counts is what happens locally, \
in the muscle you trained.",
        },
    ],
    sources: "Original article: \"What Is Occlusion Training?\"; Patterson et al. 2019, \
Front Physiol; West et al. 2010, J Appl Physiol",
};

static HOW_TO: LearnPage = LearnPage {
    title: "How to do a BFR workout",
    summary: "A simple, evidence-based starting protocol for one exercise such as curls, \
leg extensions or leg press. Done `/screening`? Then let's go.",
    sections: &[
        Section {
            heading: "1. Pick the weight",
            body: "Use about **30% of your one-rep max (1RM)**. The research range is \
20-40%; the article's 25-50% gets too heavy at the top end. Don't know your 1RM? Try \
`/1rm estimate`. You should be able to do 30 clean reps of the exercise without a wrap \
before adding one.",
        },
        Section {
            heading: "2. Wrap up",
            body: "Wrap at the **very top of the limb**: high on the upper arm just below \
the shoulder, or high on the thigh just below the hip crease. Aim for about **7/10 \
tightness**, where 10 is as tight as you can imagine: firm and uncomfortable, never \
painful. The hand or foot below must not go numb, white, blue or cold.",
        },
        Section {
            heading: "3. Sets, reps and rest",
            body: "Do **4 sets of 30, 15, 15 and 15 reps** (75 in total), or 2-4 sets \
taken close to failure. Rest **30-60 seconds** between sets; the article's \"at most 30 \
seconds\" is stricter than the research needs. The last reps of each set should burn.",
        },
        Section {
            heading: "4. Between sets",
            body: "Keep the wrap on or loosen it, your choice: a 2022 review of 9 trials \
found the same strength gains and effort either way. Keeping it on is quicker; loosening \
it is more comfortable.",
        },
        Section {
            heading: "5. Time limits",
            body: "Keep any one stretch of restriction under about **15 minutes on an arm** \
or **20 minutes on a leg**, then give the limb about 3 minutes of free blood flow. Rest \
more than a minute between exercises, and take the wraps off as soon as you finish.",
        },
        Section {
            heading: "6. How often, and when to stop",
            body: "**2-3 workouts a week** for at least 3 weeks is a common setup, next to \
your heavy training, for example as a finisher. Take the wrap off at once if you get sharp \
pain, numbness or tingling that doesn't fade, chest pain or dizziness. More in `/learn \
safety`.",
        },
    ],
    sources: "Patterson et al. 2019, Front Physiol; Wilson et al. 2013, JSCR; Bell et al. \
2018, Physiol Meas; Sinclair et al. 2022, Int J Sports Med; Australian Institute of Sport",
};

static PRESSURE: LearnPage = LearnPage {
    title: "How tight? Pressure, wraps and cuffs",
    summary: "Tightness is the most important and the trickiest part of BFR. Too loose \
does little; too tight starts cutting off the arteries as well, which is not the goal.",
    sections: &[
        Section {
            heading: "The target",
            body: "Research aims for **40-80% of limb occlusion pressure**: the pressure at \
which the wrap would stop all blood flow to the limb. That full-stop pressure is typically \
around 175 mmHg on the arm and 195 mmHg on the leg, but it varies a lot between people.",
        },
        Section {
            heading: "The 7/10 rule for wraps",
            body: "Without a gauge, rate the tightness from 0 to 10, where 10 is as tight as \
you can imagine (about full occlusion). In a study of 120 people, **7/10** came out at \
about 132 mmHg on the arm (~80% of occlusion) and 120 mmHg on the leg (~70%). On the arm, \
7/10 is already at the top of the target range, so never go tighter there.",
        },
        Section {
            heading: "7/10 is a start point, not a guarantee",
            body: "The original article says 7/10 keeps the arteries open. Not always: the \
same lab found that felt tightness drifts 10-14% from day to day, and on some arms 7/10 was \
already **above** full occlusion. So check every time. The hand or foot below should keep \
its normal colour and warmth; if it turns white, blue or cold, or goes numb, loosen the \
wrap at once.",
        },
        Section {
            heading: "Width matters",
            body: "The article says to use a band that isn't too thick. The real point is \
that width changes how tight the wrap must be: wide cuffs stop blood flow at lower \
pressure (13.5 cm at ~144 mmHg versus 5 cm at ~235 mmHg), and narrow bands on big thighs \
may never get there without extreme tightness. Use the same wrap every time, and don't \
crank a narrow band to make up for its width.",
        },
        Section {
            heading: "Making it repeatable",
            body: "Besides felt tightness, you can wrap with a fixed overlap or stretch the \
wrap to a set share of its maximum stretch each time. Tighter is not better: a wrap set to \
about 60% of occlusion gave cuff-like results with less discomfort. A pressure cuff with a \
gauge is the most precise option.",
        },
    ],
    sources: "Patterson et al. 2019, Front Physiol; Bell et al. 2018, Physiol Meas; \
Loenneke et al. 2012, Eur J Appl Physiol; Spitz 2024, Physiol Meas; Bielitzki et al. 2021, \
JSCR, and 2024, J Sports Sci Med",
};

static SAFETY: LearnPage = LearnPage {
    title: "Staying safe with BFR",
    summary: "For healthy people who follow the guidelines, BFR has a good safety record. \
You are still squeezing blood vessels, though, so a few rules are not up for debate.",
    sections: &[
        Section {
            heading: "The safety record",
            body: "A Japanese survey of about 12,600 KAATSU users found blood clots in \
0.055%, a clot in the lungs in 0.008% and serious muscle breakdown (rhabdomyolysis) in \
0.008%. A 2016 survey of 232 facilities found no serious events. Minor side effects do \
happen: dizziness, bruising, numbness, nausea and itching.",
        },
        Section {
            heading: "Ground rules",
            body: "- Do `/screening` before your first workout.\n\
- Light weights (about 30% 1RM), 30-60 s rests.\n\
- Wrap off after ~15 min on an arm or ~20 min on a leg.\n\
- Firm, never painful: the hand or foot below stays warm and normal in colour.",
        },
        Section {
            heading: "Stop and take the wrap off if you get",
            body: "- chest pain, an irregular heartbeat or severe breathlessness\n\
- dizziness, confusion, vision problems or loss of coordination\n\
- pale, blue, cold or clammy skin\n\
- leg or calf pain or cramps\n\
- numbness or tingling that doesn't fade, or a limb turning white, blue or cold: \
release the wrap **at once**\n\
- or you simply want to stop",
        },
        Section {
            heading: "Call emergency services if",
            body: "- chest pressure or pain lasts more than a few minutes, or comes back\n\
- pain spreads to an arm, your back, neck, jaw or stomach, with breathlessness, a cold \
sweat, nausea or light-headedness\n\
- sudden breathlessness, chest pain that is worse when breathing in, coughing up blood, \
or fainting (possible clot in the lungs)",
        },
        Section {
            heading: "See a doctor urgently if",
            body: "- one arm or leg becomes swollen, painful, warm or red (possible clot)\n\
- 1-3 days after training, muscle pain far beyond normal soreness comes with dark, tea- or \
cola-coloured urine (possible rhabdomyolysis): go the same day",
        },
        Section {
            heading: "Heart or circulation condition? Ask a doctor first",
            body: "If you have **any heart or circulatory condition**, including high blood \
pressure, a past blood clot, a clotting disorder or vascular disease, **ask your doctor \
before trying BFR**, and don't start until they say it is OK for you.",
        },
    ],
    sources: "Nakajima et al. 2006; Yasuda et al. 2017; ACSM exercise-test termination \
criteria; AHA heart-attack warning signs; Nascimento et al. 2022, Front Physiol",
};

static EVIDENCE: LearnPage = LearnPage {
    title: "What the evidence really says",
    summary: "BFR has been studied a lot since the early KAATSU days. Here is the honest \
summary, including where the original article got things wrong.",
    sections: &[
        Section {
            heading: "BFR versus heavy lifting",
            body: "Reviews agree: light-load BFR builds **about as much muscle** as heavy \
lifting, but **less strength**. It beats the same light training without a wrap, and in \
rehab it beats light training while still trailing heavy work. So the article is right \
that BFR adds to heavy lifting rather than replacing it.",
        },
        Section {
            heading: "The settings studies support",
            body: "- Load: 20-40% 1RM (article: 25-50%)\n\
- Sets: 2-4, classically 30-15-15-15 reps\n\
- Rest: 30-60 s between sets (article: at most 30 s)\n\
- Frequency: 2-3 times a week for 3+ weeks\n\
- Pressure: 40-80% of limb occlusion pressure",
        },
        Section {
            heading: "Claims the evidence corrects",
            body: "- **\"290x growth hormone, 1999\"**: Takarada 2000, 6 people, a short \
spike; growth was not measured, and such spikes don't drive growth.\n\
- **\"Never loosen the strap\"**: releasing between sets gives similar gains.\n\
- **\"7/10 keeps the arteries open\"**: a start point only.\n\
- **\"Band not too thick\"**: width changes the pressure needed.\n\
- **\"Only the veins\"**: the arteries are partly restricted too.",
        },
        Section {
            heading: "The safety record",
            body: "Among ~12,600 Japanese KAATSU users: blood clots 0.055%, clots in the \
lungs 0.008%, rhabdomyolysis 0.008%. A 2016 survey of 232 facilities found no serious \
events, only minor ones like dizziness, bruising and numbness. These are surveys, not \
trials, so screening and sensible tightness still matter.",
        },
        Section {
            heading: "Still open",
            body: "There is no published agreement on exactly who must avoid BFR. Our \
`/screening` is a cautious split built from a published clot-risk tool and cuff makers' \
manuals.",
        },
    ],
    sources: "Lixandrão et al. 2018, Sports Med; Hughes et al. 2017, Br J Sports Med; \
Patterson et al. 2019; Sinclair et al. 2022, Int J Sports Med; Nakajima 2006; Yasuda 2017",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    fn total(page: &LearnPage) -> usize {
        chars(page.title)
            + chars(page.summary)
            + chars(page.sources)
            + page
                .sections
                .iter()
                .map(|s| chars(s.heading) + chars(s.body))
                .sum::<usize>()
    }

    #[test]
    fn every_page_fits_a_discord_embed() {
        for topic in LearnTopic::ALL {
            let page = topic.page();
            let name = topic.slug();
            assert!(!page.title.is_empty(), "{name}: empty title");
            assert!(chars(page.title) <= 256, "{name}: title too long");
            assert!(chars(page.summary) <= 4096, "{name}: summary too long");
            assert!(chars(page.sources) <= 1024, "{name}: sources too long");
            assert!(page.sections.len() <= 25, "{name}: too many sections");
            for s in page.sections {
                assert!(
                    !s.heading.is_empty() && !s.body.is_empty(),
                    "{name}: empty field"
                );
                assert!(
                    chars(s.heading) <= 256,
                    "{name}: heading too long: {}",
                    s.heading
                );
                assert!(
                    chars(s.body) <= 1024,
                    "{name}: body too long: {}",
                    s.heading
                );
            }
            assert!(total(page) <= 5500, "{name}: page is {} chars", total(page));
        }
    }

    #[test]
    fn pages_are_a_readable_length() {
        for topic in LearnTopic::ALL {
            let n = topic.page().sections.len();
            assert!((3..=6).contains(&n), "{}: {n} sections", topic.slug());
        }
    }

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for topic in LearnTopic::ALL {
            assert_eq!(LearnTopic::from_slug(topic.slug()), Some(topic));
            assert_eq!(LearnTopic::from_slug(topic.label()), Some(topic));
        }
        for (i, a) in LearnTopic::ALL.iter().enumerate() {
            for b in &LearnTopic::ALL[i + 1..] {
                assert_ne!(a.slug(), b.slug());
                assert_ne!(a.label(), b.label());
            }
        }
    }

    #[test]
    fn from_slug_accepts_casual_spellings() {
        let cases = [
            ("how it works", LearnTopic::HowItWorks),
            ("how_it_works", LearnTopic::HowItWorks),
            ("HowItWorks", LearnTopic::HowItWorks),
            ("  How-To ", LearnTopic::HowTo),
            ("howto", LearnTopic::HowTo),
            ("how to", LearnTopic::HowTo),
            ("SAFETY", LearnTopic::Safety),
            ("Evidence\n", LearnTopic::Evidence),
        ];
        for (input, want) in cases {
            assert_eq!(LearnTopic::from_slug(input), Some(want), "{input:?}");
        }
    }

    #[test]
    fn from_slug_rejects_unknown_input() {
        for input in [
            "",
            "   ",
            "-",
            "how",
            "nutrition",
            "🩸",
            &"x".repeat(10_000),
        ] {
            assert_eq!(LearnTopic::from_slug(input), None, "{input:?}");
        }
    }

    #[test]
    fn safety_page_ends_with_the_heart_condition_rule() {
        let last = LearnTopic::Safety.page().sections.last().map(|s| s.body);
        let body = last.unwrap_or_default().to_lowercase();
        assert!(body.contains("heart"));
        assert!(body.contains("doctor"));
        assert!(body.contains("before trying bfr"));
    }

    #[test]
    fn safety_page_covers_stop_signs_and_emergencies() {
        let text: String = LearnTopic::Safety
            .page()
            .sections
            .iter()
            .map(|s| format!("{} {}\n", s.heading, s.body))
            .collect::<String>()
            .to_lowercase();
        for needle in ["stop", "emergency", "chest", "numb", "swollen", "urine"] {
            assert!(text.contains(needle), "safety page lacks {needle:?}");
        }
    }

    #[test]
    fn corrections_to_the_article_are_stated() {
        let all: String = LearnTopic::ALL
            .iter()
            .flat_map(|t| t.page().sections.iter())
            .map(|s| s.body)
            .collect::<Vec<_>>()
            .join("\n");
        for needle in [
            "Takarada",
            "2000",
            "20-40%",
            "30-60",
            "7/10",
            "start point",
            "width",
        ] {
            assert!(all.contains(needle), "no page mentions {needle:?}");
        }
    }

    #[test]
    fn no_mentions_or_links() {
        for topic in LearnTopic::ALL {
            let page = topic.page();
            let texts = std::iter::once(page.title)
                .chain([page.summary, page.sources])
                .chain(page.sections.iter().flat_map(|s| [s.heading, s.body]));
            for text in texts {
                assert!(!text.contains('@'), "{}: contains @", topic.slug());
                assert!(!text.contains("http"), "{}: contains a link", topic.slug());
            }
        }
    }
}
