//! A written FAQ about blood flow restriction (BFR) training, and the retrieval behind
//! `/ask`: a casual question is matched to the closest entry, or to nothing.
//!
//! Retrieval is deliberately simple and predictable: words are normalised (lowercase, crude
//! stemming, a small synonym map), filler words are dropped, and each entry is scored by how
//! much of the question's weight it covers, with keywords counting double and rare words
//! counting more than common ones. Below [`MATCH_THRESHOLD`] the answer is "no match",
//! because a confident wrong answer about training with restricted blood flow is worse than
//! pointing the user to `/learn`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One question and its written answer.
#[derive(Debug)]
pub struct FaqEntry {
    /// Stable identifier (kebab-case).
    pub id: &'static str,
    /// The question as a user might ask it.
    pub question: &'static str,
    /// The answer; Discord markdown, fits an embed field (≤ 1024 characters).
    pub answer: &'static str,
    /// Words and short phrases that point to this entry, weighted above the question's words.
    pub keywords: &'static [&'static str],
}

/// An entry matched to a question.
#[derive(Debug, Clone, Copy)]
pub struct FaqMatch {
    /// The matched entry.
    pub entry: &'static FaqEntry,
    /// Share of the question's weight the entry covers, from 0 (nothing) to 1 (everything).
    pub score: f32,
}

/// Lowest score [`best_match`] accepts; below it the question is treated as unanswered.
pub const MATCH_THRESHOLD: f32 = 0.5;

/// Returns the entry that answers `question`, or `None` when nothing fits well enough.
pub fn best_match(question: &str) -> Option<FaqMatch> {
    matches(question, 1)
        .into_iter()
        .next()
        .filter(|m| m.score >= MATCH_THRESHOLD)
}

/// Entries sharing at least one word with `question`, best first, at most `limit` of them.
///
/// Scores are not filtered: compare them with [`MATCH_THRESHOLD`] before treating one as
/// an answer (weaker ones can still serve as "related questions").
pub fn matches(question: &str, limit: usize) -> Vec<FaqMatch> {
    let mut query = terms(question);
    // Every question here is about BFR, so the word itself only helps when it is alone
    // ("what is bfr?"); elsewhere it would dilute the words that matter.
    if query.len() > 1 {
        query.retain(|t| t != DOMAIN_TERM);
    }
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let index = index();
    let idf = |t: &str| index.idf(t);
    let possible: f32 = query.iter().map(|t| KEYWORD_WEIGHT * idf(t)).sum();
    if possible <= 0.0 {
        return Vec::new();
    }
    let mut found: Vec<FaqMatch> = ENTRIES
        .iter()
        .zip(&index.entries)
        .filter_map(|(entry, weights)| {
            let got: f32 = query
                .iter()
                .filter_map(|t| weights.get(t.as_str()).map(|w| w * idf(t)))
                .sum();
            (got > 0.0).then(|| FaqMatch {
                entry,
                score: (got / possible).min(1.0),
            })
        })
        .collect();
    // Stable sort: on a tie the earlier (more general) entry wins.
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found.truncate(limit);
    found
}

/// Canonical term for "BFR", "occlusion", "blood flow restriction" and the like.
const DOMAIN_TERM: &str = "bfr";
const KEYWORD_WEIGHT: f32 = 2.0;
const QUESTION_WEIGHT: f32 = 1.0;
/// Long pastes are cut: a real question is short, and this bounds the work per call.
const MAX_INPUT_CHARS: usize = 2_000;
const MAX_TERMS: usize = 64;

/// Per-entry term weights and document frequencies, built once from [`ENTRIES`].
struct Index {
    entries: Vec<HashMap<String, f32>>,
    doc_freq: HashMap<String, usize>,
}

impl Index {
    /// Rare terms say more about which entry is meant than terms most entries share.
    /// Unknown terms get the highest weight, so off-topic words pull a score down.
    fn idf(&self, term: &str) -> f32 {
        let n = self.entries.len() as f32;
        let df = self.doc_freq.get(term).copied().unwrap_or(0) as f32;
        (1.0 + n / (1.0 + df)).ln()
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let entries: Vec<HashMap<String, f32>> = ENTRIES
            .iter()
            .map(|e| {
                let mut weights = HashMap::new();
                for t in terms(e.question) {
                    weights.insert(t, QUESTION_WEIGHT);
                }
                for t in e.keywords.iter().flat_map(|k| terms(k)) {
                    weights.insert(t, KEYWORD_WEIGHT);
                }
                weights
            })
            .collect();
        let mut doc_freq = HashMap::new();
        for t in entries.iter().flat_map(|w| w.keys()) {
            *doc_freq.entry(t.clone()).or_insert(0) += 1;
        }
        Index { entries, doc_freq }
    })
}

/// Distinct normalised terms of `text`, in order of first appearance.
fn terms(text: &str) -> Vec<String> {
    let text: String = text.chars().take(MAX_INPUT_CHARS).collect::<String>();
    // "30%" should count as a word about load.
    let text = text.to_lowercase().replace('%', " percent ");
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let Some(term) = normalise(word) else {
            continue;
        };
        if seen.insert(term) {
            out.push(term.to_owned());
            if out.len() == MAX_TERMS {
                break;
            }
        }
    }
    out
}

/// Maps one lowercase word to its canonical term, or `None` for filler.
fn normalise(word: &str) -> Option<&str> {
    let short = word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit());
    if word.is_empty() || short || STOP_WORDS.contains(&word) {
        return None;
    }
    // "290x" means 290 times; keep the number.
    let word = word
        .strip_suffix('x')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(word);
    if let Some(canonical) = synonym(word) {
        return Some(canonical);
    }
    let stem = stem(word);
    Some(synonym(stem).unwrap_or(stem))
}

fn synonym(word: &str) -> Option<&'static str> {
    SYNONYMS
        .iter()
        .find(|(_, forms)| forms.contains(&word))
        .map(|(canonical, _)| *canonical)
}

/// Crude suffix stripping, enough to make "bruising", "bruised" and "bruises" meet.
/// Only plain ASCII words are touched, so the byte-based suffix checks are safe.
fn stem(word: &str) -> &str {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    let mut s = word;
    if let Some(rest) = s.strip_suffix("ing").filter(|r| r.len() >= 3) {
        s = undouble(rest);
    } else if let Some(rest) = s.strip_suffix("ed").filter(|r| r.len() >= 3) {
        s = undouble(rest);
    } else if let Some(rest) = s
        .strip_suffix('s')
        .filter(|r| r.len() >= 3 && !r.ends_with(['s', 'u', 'i']))
    {
        s = rest;
    }
    if let Some(rest) = s.strip_suffix('e').filter(|r| r.len() >= 3) {
        s = rest;
    }
    s
}

/// "stopp" -> "stop", but "swell" stays.
fn undouble(s: &str) -> &str {
    let b = s.as_bytes();
    match b {
        [.., x, y] if x == y && !matches!(x, b'l' | b's' | b'z') => &s[..s.len() - 1],
        _ => s,
    }
}

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "actually", "all", "also", "am", "an", "and", "any", "anyone", "are",
    "as", "at", "be", "been", "being", "best", "bro", "but", "by", "can", "could", "did",
    "do", "does", "doing", "done", "dude", "even", "feel", "feels", "fine", "for", "from",
    "get", "gets", "getting", "go", "goes", "going", "gone", "good", "got", "guys", "had",
    "has", "have", "having", "hello", "hey", "hi", "how", "i", "ideal", "if", "im", "in",
    "into", "is", "it", "its", "just", "know", "like", "lol", "make", "makes", "making",
    "many", "may", "me", "might", "much", "must", "my", "of", "ok", "okay", "on", "optimal",
    "or", "people", "please", "pls", "proper", "really", "recommended", "right", "should",
    "so", "some", "someone", "tell", "than", "thanks", "that", "the", "them", "then",
    "there", "these", "they", "thing", "things", "this", "those", "thx", "time", "times",
    "to", "too", "total", "totally", "train", "trained", "training", "u", "ur", "very",
    "want", "was", "way", "we", "wear", "wearing", "went", "were", "what", "whats", "when",
    "which", "while", "will", "with", "would", "yo", "you", "your",
];

/// Canonical term and the word forms that mean the same here.
#[rustfmt::skip]
const SYNONYMS: &[(&str, &[&str])] = &[
    ("bfr", &["bfr", "bfrt", "occlusion", "occlude", "occluding", "occluded", "restriction",
        "restrict", "restricting", "restricted", "blood", "flow"]),
    ("wrap", &["wrap", "wraps", "wrapped", "wrapping", "cuff", "cuffs", "band", "bands",
        "strap", "straps", "tourniquet", "tourniquets"]),
    ("tight", &["tight", "tighter", "tightly", "tightness", "tighten", "tightening",
        "pressure", "pressures", "squeeze", "squeezing", "squeezed", "mmhg", "firm"]),
    ("loose", &["loose", "looser", "loosen", "loosening", "release", "releasing", "released",
        "remove", "removing", "undo", "unwrap", "off"]),
    ("rest", &["rest", "rests", "resting", "break", "breaks", "pause", "pauses", "breather"]),
    ("muscle", &["muscle", "muscles", "muscular", "hypertrophy", "mass", "bigger", "gains",
        "gain", "grow", "grows", "growing", "build", "builds", "building", "bulk", "swole"]),
    ("strength", &["strength", "strong", "stronger", "strongest", "power", "powerful"]),
    ("load", &["load", "loads", "weight", "weights", "kg", "kgs", "kilos", "lb", "lbs",
        "pounds", "percent", "percentage"]),
    ("heavy", &["heavy", "heavier", "heaviest"]),
    ("rep", &["rep", "reps", "repetition", "repetitions"]),
    ("place", &["where", "place", "placement", "position", "positioning", "put", "placing",
        "location"]),
    ("width", &["width", "wide", "wider", "widest", "thick", "thicker", "thickness", "narrow",
        "narrower", "thin", "thinner"]),
    ("often", &["often", "frequency", "frequently", "weekly", "week", "weeks", "daily", "day",
        "days"]),
    ("safe", &["safe", "safety", "safer", "dangerous", "danger", "risk", "risks", "risky",
        "harm", "harmful"]),
    ("sore", &["sore", "soreness", "doms", "ache", "aching", "achy"]),
    ("numb", &["numb", "numbness", "tingle", "tingling", "tingly", "pins", "needles",
        "asleep"]),
    ("bruise", &["bruise", "bruises", "bruising", "bruised", "mark", "marks"]),
    ("dizzy", &["dizzy", "dizziness", "lightheaded", "faint", "fainting", "vertigo"]),
    ("beginner", &["beginner", "beginners", "newbie", "newbies", "novice", "noob", "new"]),
    ("rehab", &["rehab", "rehabilitation", "injury", "injuries", "injured", "physio",
        "physiotherapy", "physiotherapist", "recovering"]),
    ("cardio", &["cardio", "walk", "walking", "run", "running", "jog", "jogging", "cycle",
        "cycling", "bike", "biking", "treadmill", "aerobic", "endurance", "runner", "runners",
        "cyclist", "cyclists"]),
    ("1rm", &["1rm", "orm"]),
    ("estimate", &["estimate", "estimating", "estimation", "calculate", "calculator",
        "calculating", "calc", "formula", "figure"]),
    ("arm", &["arm", "arms", "bicep", "biceps", "tricep", "triceps", "curl", "curls"]),
    ("leg", &["leg", "legs", "thigh", "thighs", "quad", "quads", "quadriceps", "hamstring",
        "hamstrings", "glute", "glutes", "squat", "squats"]),
    ("combine", &["combine", "combining", "combined", "mix", "mixing", "together",
        "alongside", "replace", "replacing", "replacement", "instead", "substitute",
        "addition"]),
    ("avoid", &["avoid", "not", "shouldn", "shouldnt", "contraindication",
        "contraindications", "contraindicated"]),
    ("hormone", &["hormone", "hormones", "gh", "igf", "testosterone"]),
    ("heart", &["heart", "cardiac", "cardiovascular"]),
    ("kaatsu", &["kaatsu", "pneumatic", "inflatable"]),
    ("cost", &["cost", "costs", "price", "expensive", "cheap", "cheaper", "money", "afford"]),
    ("doctor", &["doctor", "doctors", "gp", "physician", "medical", "medically"]),
    ("pregnant", &["pregnant", "pregnancy", "postpartum"]),
    ("minute", &["minute", "minutes", "min", "mins"]),
    ("second", &["second", "seconds", "sec", "secs"]),
];

/// The FAQ, general questions first (on a tie the earlier entry wins).
#[rustfmt::skip]
pub const ENTRIES: &[FaqEntry] = &[
    FaqEntry {
        id: "what-is-bfr",
        question: "What is BFR (occlusion) training?",
        answer: "Blood flow restriction (BFR) training, also called occlusion training, means \
training with light weights while a wrap or cuff squeezes the top of the working arm or leg. \
Blood can get into the muscle but can't easily drain out, so a light set tires the muscle \
like a heavy one and can still build muscle. It is meant as an addition to heavy lifting, \
not a replacement. Start with `/learn overview`.",
        keywords: &["bfr", "occlusion", "blood flow restriction", "definition", "meaning",
            "explain", "basics", "intro", "called", "name"],
    },
    FaqEntry {
        id: "how-it-works",
        question: "How does BFR work?",
        answer: "The wrap blocks the veins that drain the muscle and partly limits the \
arteries that feed it. By-products of hard work, such as lactate, build up instead of \
washing away, and with less oxygen around the body calls in the big fast-twitch fibres \
much earlier in the set: normally only heavy loads reach them. That is why a light set \
can work like a heavy one. More in `/learn how-it-works`.",
        keywords: &["work", "why", "mechanism", "science", "metabolite", "lactate",
            "fast twitch", "fibre", "fiber", "burn", "pump", "oxygen"],
    },
    FaqEntry {
        id: "builds-muscle",
        question: "Does BFR actually build muscle?",
        answer: "Yes, this is its best-supported effect. Light-load BFR at 20-40% of your \
one-rep max builds **about as much muscle** as heavy lifting (over ~70% 1RM), and clearly \
more than the same light training without a wrap. See `/learn evidence`.",
        keywords: &["muscle", "build muscle", "growth", "size", "hypertrophy", "effective",
            "legit", "results", "worth"],
    },
    FaqEntry {
        id: "strength-vs-heavy",
        question: "Is BFR as good as heavy lifting for strength?",
        answer: "Not quite. BFR does make you stronger, but heavy lifting raises your 1RM \
more, while the muscle growth is similar. So if strength is the goal, keep lifting heavy \
and use BFR as an extra, or for times when heavy loads are off the table (an injury, sore \
joints, a lighter week).",
        keywords: &["strength", "lifting", "compare", "versus", "vs", "better", "stronger"],
    },
    FaqEntry {
        id: "load",
        question: "How much weight should I use?",
        answer: "About **30% of your one-rep max (1RM)**. The research range is 20-40%; the \
popular 25-50% gets too heavy at the top end. As a check, you should manage about 30 reps \
of the exercise without a wrap before adding one. Don't know your 1RM? Use `/1rm estimate`.",
        keywords: &["weight", "load", "heavy", "light", "percent", "use", "kg", "lbs"],
    },
    FaqEntry {
        id: "estimate-1rm",
        question: "How do I find my 1RM (one-rep max)?",
        answer: "Use `/1rm estimate`: lift a weight you can do for a few clean reps (10 or \
fewer) to failure, and it estimates your one-rep max with a standard formula such as Epley \
or Brzycki. Estimates lose accuracy past about 10 reps. Then take about 30% of it for BFR.",
        keywords: &["1rm", "one rep max", "max", "estimate", "calculate", "find", "test",
            "formula", "epley", "brzycki"],
    },
    FaqEntry {
        id: "sets-reps",
        question: "How many sets and reps should I do?",
        answer: "The classic scheme is **4 sets of 30, 15, 15 and 15 reps** (75 in total) at \
about 30% of your 1RM. Studies also use 2-4 sets taken close to failure. Rest 30-60 seconds \
between sets. The last reps of each set should burn.",
        keywords: &["sets", "reps", "sets and reps", "scheme", "30 15 15 15", "failure",
            "volume", "protocol", "routine"],
    },
    FaqEntry {
        id: "rest",
        question: "How long should I rest between sets?",
        answer: "**30-60 seconds.** The popular advice of \"at most 30 seconds\" is stricter \
than the research needs: studies used 30, 45 and 60 seconds. Between different exercises, \
rest more than a minute.",
        keywords: &["rest", "between sets", "long", "seconds", "minute", "break", "pause",
            "wait"],
    },
    FaqEntry {
        id: "wrap-or-cuff",
        question: "Do I need a pressure cuff, or will elastic wraps do?",
        answer: "Elastic wraps work: a study using plain knee wraps on the thighs found muscle \
growth with no signs of muscle damage. You judge the tightness by feel, which varies a bit \
from day to day. A pressure cuff lets you set and read the pressure, so it's more precise \
and repeatable. Whichever you use, use the same one every time. See `/learn pressure`.",
        keywords: &["wrap", "cuff", "elastic", "knee wrap", "equipment", "gear", "need", "buy",
            "use", "type", "kind"],
    },
    FaqEntry {
        id: "how-tight",
        question: "How tight should the wrap be?",
        answer: "About **7/10**, where 10 is as tight as you can imagine: firm and \
uncomfortable, never painful. In a study of 120 people, 7/10 was about 80% of full occlusion \
on the arm and 70% on the leg; the research target is 40-80%, so never go tighter on the \
arm. 7/10 is a start point, not a guarantee: felt tightness drifts from day to day. The \
hand or foot below should stay warm and normal in colour; if it turns white, blue or cold, \
or goes numb, loosen at once.",
        keywords: &["tight", "pressure", "tightness", "7 10", "seven", "mmhg", "squeeze",
            "firm", "hard"],
    },
    FaqEntry {
        id: "placement",
        question: "Where do I put the wrap?",
        answer: "At the **very top of the limb** you are training: high on the upper arm just \
below the shoulder, or high on the thigh just below the hip crease. Wraps go on arms and \
legs only: never around the neck, chest or waist.",
        keywords: &["where", "place", "put", "position", "top", "high", "upper", "above",
            "shoulder", "hip", "armpit", "arm", "leg", "chest", "torso", "neck", "core"],
    },
    FaqEntry {
        id: "width",
        question: "How wide should the wrap be?",
        answer: "Width changes how tight the wrap must be. Wide cuffs stop blood flow at lower \
pressure (13.5 cm at ~144 mmHg versus 5 cm at ~235 mmHg), and narrow bands on big thighs may \
never get there without extreme tightness. So \"not too thick\" is not the point: pick a \
wrap that suits the limb, use the same one every time, and don't crank a narrow band to \
make up for its width.",
        keywords: &["wide", "width", "thick", "narrow", "thin", "size", "cm", "inch",
            "inches"],
    },
    FaqEntry {
        id: "between-sets",
        question: "Can I leave the wrap on between sets, or should I loosen it?",
        answer: "Either is fine. A 2022 review of 9 trials found that keeping the wrap on or \
releasing it between sets gave the same strength gains and felt effort. Keeping it on is \
quicker; loosening it is more comfortable. Either way, mind the total time limits.",
        keywords: &["between sets", "leave", "keep", "loosen", "release", "remove", "take off",
            "off", "unwrap"],
    },
    FaqEntry {
        id: "time-limit",
        question: "How long can the wrap stay on?",
        answer: "Keep any one stretch of restriction under about **15 minutes on an arm** or \
**20 minutes on a leg**, then give the limb about 3 minutes of free blood flow before \
wrapping again. Take the wraps off as soon as you finish.",
        keywords: &["long", "stay", "keep", "minutes", "limit", "maximum", "max", "duration",
            "how long"],
    },
    FaqEntry {
        id: "frequency",
        question: "How often should I do BFR?",
        answer: "**2-3 workouts a week** for at least 3 weeks is the usual setup. Studies \
have also used blocks of 1-2 workouts a day for 1-3 weeks, but that's a short, intense \
approach, not an everyday habit. Next to your heavy training, stick to 2-3 a week.",
        keywords: &["often", "frequency", "week", "per week", "daily", "every day",
            "workouts", "workout"],
    },
    FaqEntry {
        id: "arms-vs-legs",
        question: "Is BFR different for arms and legs?",
        answer: "Same method, a few differences. Legs need more pressure to restrict (full \
occlusion is typically ~195 mmHg on the leg versus ~175 on the arm), and 7/10 felt \
tightness lands at about 70% of occlusion on the leg but 80% on the arm, so be gentler on \
arms. Time limits: about 15 minutes for an arm, 20 for a leg. Narrow bands may not restrict \
big thighs enough.",
        keywords: &["arm", "leg", "arms and legs", "difference", "different", "both",
            "upper body", "lower body"],
    },
    FaqEntry {
        id: "growth-hormone",
        question: "Does BFR really boost growth hormone 290 times?",
        answer: "That claim comes from **Takarada et al. 2000** (the popular article says \
1999): 6 people, one leg exercise, and growth hormone peaking about 290 times a very low \
resting level 15 minutes after exercise. It was a short spike, and muscle growth was not \
measured. Later research showed that short hormone spikes don't drive muscle growth. BFR \
does build muscle, but through the training itself, not hormones.",
        keywords: &["growth hormone", "hormone", "gh", "290", "igf", "testosterone", "1999",
            "study", "spike", "boost", "anabolic", "claim", "myth"],
    },
    FaqEntry {
        id: "is-it-safe",
        question: "Is BFR safe?",
        answer: "For healthy people following the guidelines, the record is good. In a survey \
of ~12,600 KAATSU users, blood clots occurred in 0.055% and clots in the lungs in 0.008%; a \
survey of 232 facilities found no serious events. Do `/screening` first, stick to light \
loads, 7/10 tightness and the time limits, and learn the stop signs in `/learn safety`. \
With any heart or circulatory condition, ask your doctor before trying BFR.",
        keywords: &["safe", "safety", "dangerous", "risk", "risky", "harm", "clot",
            "side effects", "bad"],
    },
    FaqEntry {
        id: "side-effects",
        question: "Is soreness, bruising or numbness normal?",
        answer: "Some is. A strong burn during sets, muscle soreness afterwards, light \
bruising or itching under the wrap, and short-lived tingling are common minor effects; if you \
feel dizzy or sick, stop and take the wrap off. **Not normal:** numbness or tingling that \
lasts, or a limb turning white, blue or cold (release the wrap at once); one limb swollen, \
painful, warm or red (see a doctor); muscle pain far beyond normal soreness with dark, \
cola-coloured urine 1-3 days later (see a doctor the same day).",
        keywords: &["sore", "bruise", "numb", "tingling", "itch", "itchy", "dizzy", "nausea",
            "normal", "side effects", "hurt", "pain", "red", "swollen", "hand", "foot",
            "fingers", "toes"],
    },
    FaqEntry {
        id: "who-should-not",
        question: "Who shouldn't do BFR?",
        answer: "Anyone who has had a blood clot or has a clotting disorder, vascular disease, \
a serious heart condition, very high blood pressure, is pregnant, or has an injury, wound or \
swelling on the limb should not start BFR without a doctor. Others, such as people with \
controlled high blood pressure, diabetes, aged 60+ or smokers, need a doctor's OK first. \
Run `/screening` to check. If you have any heart or circulatory condition, ask your doctor \
before trying BFR.",
        keywords: &["who", "avoid", "should not", "condition", "contraindication", "pregnant",
            "heart", "hypertension", "diabetes", "doctor", "screening", "allowed", "safe",
            "old", "older", "elderly", "age", "senior"],
    },
    FaqEntry {
        id: "beginners",
        question: "Can beginners do BFR?",
        answer: "Yes, once `/screening` is clear, but learn the exercise first: cuff makers ask \
that you can do 30 reps of it without restriction before adding a wrap. Start with one \
exercise at about 30% of your 1RM, 7/10 tightness and 30-60 second rests. `/learn how-to` \
walks you through a first workout.",
        keywords: &["beginner", "new", "novice", "first", "start", "starting", "never",
            "newbie", "try"],
    },
    FaqEntry {
        id: "rehab",
        question: "Can BFR help with rehab after an injury?",
        answer: "BFR has been studied in rehab because light loads put less strain on \
healing tissue. In rehab studies it beat light training alone, though it trailed heavy \
training where that was possible. But an injury, fracture, recent surgery, wound or \
swelling on the limb is a reason **not** to wrap it on your own: do rehab BFR only with \
your doctor's or physio's go-ahead and guidance.",
        keywords: &["rehab", "injury", "injured", "physio", "surgery", "recovery", "knee",
            "acl", "tendon", "joint"],
    },
    FaqEntry {
        id: "kaatsu-vs-wraps",
        question: "What is KAATSU, and is it worth it over wraps?",
        answer: "KAATSU is the best-known commercial BFR system: pneumatic cuffs with a \
set, readable pressure. It's precise, but pricey: the popular article \"What Is Occlusion \
Training?\" put even the cheapest device at over $2000. Plain elastic wraps are the cheap \
way and research shows they work; you just judge the tightness by feel. A cuff with a \
gauge is the most precise option if you can afford one.",
        keywords: &["kaatsu", "pneumatic", "device", "machine", "expensive", "cost", "price",
            "worth", "gauge", "brand", "better", "wraps", "knee wraps", "elastic"],
    },
    FaqEntry {
        id: "combine-heavy",
        question: "Can I combine BFR with my normal heavy training?",
        answer: "Yes, that's the intended use: BFR is an addition to heavy lifting, not a \
replacement, because heavy training still builds more strength. For example, do your heavy \
work first and finish with one BFR exercise, 2-3 times a week.",
        keywords: &["combine", "heavy", "heavy lifting", "replace", "instead", "program",
            "programme", "routine", "split", "finisher", "after", "together", "normal", "gym"],
    },
    FaqEntry {
        id: "cardio",
        question: "Can I do BFR while walking, running or cycling?",
        answer: "Our guidance covers BFR with weights, where the evidence is strongest. The \
evidence for wraps during walking or cycling is more limited, so we don't offer a protocol \
for it. If you want to try, do `/screening` first, keep the same tightness and time limits, \
and get advice from a coach or physio who uses BFR.",
        keywords: &["cardio", "walk", "walking", "run", "running", "cycling", "bike",
            "treadmill", "aerobic", "endurance", "hiit", "sprint"],
    },
    FaqEntry {
        id: "warning-signs",
        question: "When should I stop, or call for help?",
        answer: "Take the wrap off and stop at once for chest pain, an irregular heartbeat, \
severe breathlessness, dizziness, confusion, vision problems, pale, blue or cold skin, calf \
pain, or numbness that doesn't fade. **Call emergency services** for chest pain or pressure \
lasting more than a few minutes, or sudden breathlessness, coughing blood or fainting. Full \
list in `/learn safety`.",
        keywords: &["stop", "warning", "signs", "symptoms", "emergency", "chest pain",
            "ambulance", "911", "999", "112", "help"],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn best_id(q: &str) -> Option<&'static str> {
        best_match(q).map(|m| m.entry.id)
    }

    #[test]
    fn casual_questions_find_the_right_entry() {
        let cases = [
            ("how tight should the bands be", "how-tight"),
            ("how long do i rest between sets", "rest"),
            ("can i leave the wraps on between sets??", "between-sets"),
            ("does occlusion actually build muscle", "builds-muscle"),
            ("what even is occlusion training", "what-is-bfr"),
            ("what weight should i use for bfr curls", "load"),
            ("how many reps and sets", "sets-reps"),
            ("where do u put the strap on your arm", "placement"),
            ("how wide should my cuff be", "width"),
            ("how long can i keep the cuff on", "time-limit"),
            ("how many times a week should i do it", "frequency"),
            ("is the 290x growth hormone thing real?", "growth-hormone"),
            ("is bfr dangerous", "is-it-safe"),
            (
                "is it normal that my arm is bruised and tingly",
                "side-effects",
            ),
            ("who should not do blood flow restriction", "who-should-not"),
            ("im a total beginner can i try this", "beginners"),
            ("can bfr help me recover from a knee injury", "rehab"),
            ("is kaatsu worth the money", "kaatsu-vs-wraps"),
            (
                "do i need a proper cuff or are knee wraps fine",
                "wrap-or-cuff",
            ),
            ("can i combine it with heavy lifting", "combine-heavy"),
            ("can I wear them while walking on the treadmill", "cardio"),
            ("how do i estimate my 1rm", "estimate-1rm"),
            (
                "is bfr as good as heavy lifting for strength",
                "strength-vs-heavy",
            ),
            ("Why does BFR work?", "how-it-works"),
            ("what pressure is 7/10", "how-tight"),
            ("my hand went numb", "side-effects"),
            ("bfr for runners", "cardio"),
            ("whats the ideal pressure in mmhg", "how-tight"),
            ("is it safe for old people", "who-should-not"),
            ("which is better kaatsu or knee wraps", "kaatsu-vs-wraps"),
            ("can i do bfr on my chest", "placement"),
            ("chest pain during bfr", "warning-signs"),
            ("should I take the band off after each set", "between-sets"),
            ("what's my max", "estimate-1rm"),
            ("how heavy should i go", "load"),
        ];
        for (q, want) in cases {
            let ranked: Vec<(&str, f32)> = matches(q, 3)
                .iter()
                .map(|m| (m.entry.id, m.score))
                .collect();
            assert_eq!(best_id(q), Some(want), "{q:?} -> {ranked:?}");
        }
    }

    #[test]
    fn every_entry_answers_its_own_question() {
        for e in ENTRIES {
            assert_eq!(best_id(e.question), Some(e.id), "{}", e.question);
        }
    }

    #[test]
    fn off_topic_and_junk_give_no_answer() {
        let long = "lorem ipsum dolor sit amet ".repeat(400);
        let cases = [
            "what's the capital of france",
            "best protein powder flavour",
            "",
            "   ",
            "???!!!",
            "💪🔥🩸",
            "how long should i sleep",
            "who won the game last night",
            "recommend me a good anime",
            "is creatine safe",
            "how tight should my shoes be",
            "how heavy should my backpack be",
            "how often should i water my plants",
            "can you help me with my homework",
            long.as_str(),
        ];
        for q in cases {
            let shown: String = q.chars().take(40).collect();
            assert!(best_match(q).is_none(), "{shown:?} -> {:?}", best_id(q));
        }
    }

    #[test]
    fn huge_and_odd_input_does_not_panic() {
        let inputs = [
            "a".repeat(10_000),
            "é".repeat(10_000),
            "bfr ".repeat(2_500),
            "🩸wrap🩸".repeat(1_500),
            "\u{0}\u{feff}ß İ ǅ".to_owned(),
        ];
        for q in &inputs {
            let _ = best_match(q);
            let all = matches(q, 100);
            assert!(all.len() <= ENTRIES.len());
            assert!(all.iter().all(|m| (0.0..=1.0).contains(&m.score)));
        }
    }

    #[test]
    fn matches_are_ranked_and_limited() {
        let all = matches("how tight should the wrap be on my legs", 5);
        assert!(!all.is_empty() && all.len() <= 5);
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(matches("how tight", 0).is_empty());
    }

    #[test]
    fn entries_are_well_formed() {
        assert!((20..=30).contains(&ENTRIES.len()));
        let mut ids = HashSet::new();
        for e in ENTRIES {
            assert!(ids.insert(e.id), "duplicate id {}", e.id);
            assert!(!e.keywords.is_empty(), "{} has no keywords", e.id);
            assert!(e.answer.chars().count() <= 1024, "{} answer too long", e.id);
            assert!(
                e.question.chars().count() <= 256,
                "{} question too long",
                e.id
            );
            assert!(
                !e.answer.contains('@') && !e.answer.contains("http"),
                "{}",
                e.id
            );
            for k in e.keywords {
                assert!(
                    !terms(k).is_empty(),
                    "{}: keyword {k:?} is all filler",
                    e.id
                );
            }
        }
    }

    #[test]
    fn normalisation_joins_word_forms() {
        assert_eq!(terms("Bruising bruised BRUISES"), ["bruise"]);
        assert_eq!(terms("bands straps cuffs wraps"), ["wrap"]);
        assert_eq!(terms("resting, rests, breaks"), ["rest"]);
        assert_eq!(terms("stopping stops"), ["stop"]);
        assert_eq!(terms("7/10"), ["7", "10"]);
        assert_eq!(terms("30%"), ["30", "load"]);
        assert_eq!(terms("290x"), ["290"]);
        assert!(terms("how is it the").is_empty());
    }
}
