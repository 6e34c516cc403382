//! Built-in exercises, the limb each one loads, and lookup by name or alias.
//!
//! The limb says where the wrap goes. Chest, back and shoulder lifts are listed as arm
//! exercises because the wrap can only go on the upper arms: the arms get the full effect,
//! the trunk muscles only part of it.

use std::fmt;
use std::sync::OnceLock;

/// The limb an exercise is wrapped on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limb {
    /// Wrap at the top of the upper arm.
    Arm,
    /// Wrap at the top of the thigh.
    Leg,
}

impl Limb {
    /// Lowercase name: `"arm"` or `"leg"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Limb::Arm => "arm",
            Limb::Leg => "leg",
        }
    }

    /// Parses `"arm"`/`"arms"`/`"leg"`/`"legs"`, case-insensitively.
    pub fn parse(input: &str) -> Option<Limb> {
        match input.trim().to_lowercase().as_str() {
            "arm" | "arms" => Some(Limb::Arm),
            "leg" | "legs" => Some(Limb::Leg),
            _ => None,
        }
    }
}

impl fmt::Display for Limb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A built-in exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exercise {
    /// Stable identifier for storage (`snake_case`); never shown.
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The limb the wrap goes on.
    pub limb: Limb,
    /// Other names users type for it.
    pub aliases: &'static [&'static str],
}

impl Exercise {
    /// The display name followed by the aliases.
    pub fn labels(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

const fn leg(key: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Exercise {
    Exercise {
        key,
        name,
        limb: Limb::Leg,
        aliases,
    }
}

const fn arm(key: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Exercise {
    Exercise {
        key,
        name,
        limb: Limb::Arm,
        aliases,
    }
}

/// The built-in exercises, legs first. Only externally loaded lifts are listed: sessions
/// are planned from a one-rep max, which bodyweight moves and walking do not have.
pub static BUILTIN: &[Exercise] = &[
    leg(
        "back_squat",
        "Back squat",
        &[
            "squat",
            "bb squat",
            "barbell squat",
            "high bar squat",
            "low bar squat",
        ],
    ),
    leg(
        "front_squat",
        "Front squat",
        &["bb front squat", "barbell front squat"],
    ),
    leg(
        "goblet_squat",
        "Goblet squat",
        &["db squat", "dumbbell squat", "kb squat", "kettlebell squat"],
    ),
    leg(
        "hack_squat",
        "Hack squat",
        &["machine squat", "hack squat machine"],
    ),
    leg(
        "leg_press",
        "Leg press",
        &["sled press", "45 degree leg press", "machine leg press"],
    ),
    leg(
        "leg_extension",
        "Leg extension",
        &["knee extension", "quad extension"],
    ),
    leg(
        "leg_curl",
        "Leg curl",
        &[
            "hamstring curl",
            "lying leg curl",
            "seated leg curl",
            "knee flexion",
        ],
    ),
    leg(
        "split_squat",
        "Split squat",
        &[
            "bulgarian split squat",
            "bss",
            "rear foot elevated split squat",
            "rfess",
        ],
    ),
    leg(
        "lunge",
        "Lunge",
        &[
            "walking lunge",
            "reverse lunge",
            "forward lunge",
            "db lunge",
        ],
    ),
    leg("step_up", "Step-up", &["box step-up", "db step-up"]),
    leg(
        "calf_raise",
        "Calf raise",
        &["standing calf raise", "seated calf raise", "calf press"],
    ),
    leg(
        "hip_thrust",
        "Hip thrust",
        &["barbell hip thrust", "bb hip thrust", "glute bridge"],
    ),
    leg(
        "romanian_deadlift",
        "Romanian deadlift",
        &["rdl", "stiff-leg deadlift", "stiff legged deadlift"],
    ),
    arm(
        "biceps_curl",
        "Biceps curl",
        &[
            "curl",
            "bicep curl",
            "barbell curl",
            "bb curl",
            "dumbbell curl",
            "db curl",
            "ez bar curl",
            "ez curl",
        ],
    ),
    arm(
        "hammer_curl",
        "Hammer curl",
        &["neutral grip curl", "rope hammer curl"],
    ),
    arm("preacher_curl", "Preacher curl", &["scott curl"]),
    arm(
        "triceps_pushdown",
        "Triceps pushdown",
        &[
            "tricep pushdown",
            "pushdown",
            "cable pushdown",
            "rope pushdown",
        ],
    ),
    arm(
        "overhead_triceps_extension",
        "Overhead triceps extension",
        &[
            "triceps extension",
            "tricep extension",
            "overhead extension",
            "french press",
        ],
    ),
    arm(
        "skull_crusher",
        "Skull crusher",
        &["lying triceps extension", "lying tricep extension"],
    ),
    arm("wrist_curl", "Wrist curl", &["forearm curl"]),
    arm(
        "lateral_raise",
        "Lateral raise",
        &["side raise", "side lateral raise", "lat raise"],
    ),
    arm(
        "shoulder_press",
        "Shoulder press",
        &[
            "overhead press",
            "ohp",
            "military press",
            "db shoulder press",
        ],
    ),
    arm(
        "bench_press",
        "Bench press",
        &[
            "bench",
            "bb bench",
            "flat bench",
            "flat bench press",
            "barbell bench press",
        ],
    ),
    arm(
        "incline_bench_press",
        "Incline bench press",
        &["incline bench", "incline press", "incline db press"],
    ),
    arm(
        "close_grip_bench_press",
        "Close-grip bench press",
        &["close grip bench", "cgbp"],
    ),
    arm(
        "chest_press",
        "Chest press",
        &["machine chest press", "chest press machine"],
    ),
    arm(
        "barbell_row",
        "Barbell row",
        &["row", "bent over row", "bb row", "pendlay row"],
    ),
    arm(
        "dumbbell_row",
        "Dumbbell row",
        &["db row", "one arm row", "single arm row"],
    ),
    arm(
        "seated_cable_row",
        "Seated cable row",
        &["cable row", "seated row", "low row"],
    ),
    arm(
        "lat_pulldown",
        "Lat pull-down",
        &["pulldown", "wide grip pulldown"],
    ),
];

/// Lowercase letters and digits only, so "Pull-down", "pull down" and "PULLDOWN" compare
/// equal.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Compacted name, aliases and key of one built-in exercise, for matching.
struct Compacted {
    exercise: &'static Exercise,
    key: String,
    name: String,
    aliases: Vec<String>,
}

/// Built once: compacting every label on every keystroke of autocomplete is wasted work.
fn index() -> &'static [Compacted] {
    static INDEX: OnceLock<Vec<Compacted>> = OnceLock::new();
    INDEX.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|exercise| Compacted {
                exercise,
                key: compact(exercise.key),
                name: compact(exercise.name),
                aliases: exercise
                    .aliases
                    .iter()
                    .map(|alias| compact(alias))
                    .collect(),
            })
            .collect()
    })
}

fn find_compact(wanted: &str) -> Option<&'static Exercise> {
    index()
        .iter()
        .find(|entry| {
            entry.key == wanted || entry.name == wanted || entry.aliases.iter().any(|a| a == wanted)
        })
        .map(|entry| entry.exercise)
}

/// Finds a built-in exercise by key, name or alias, ignoring case, spaces, hyphens and
/// other punctuation; a trailing plural "s" is forgiven ("lunges", "calf raises").
pub fn find_builtin(name: &str) -> Option<&'static Exercise> {
    let wanted = compact(name);
    if wanted.is_empty() {
        return None;
    }
    find_compact(&wanted).or_else(|| wanted.strip_suffix('s').and_then(find_compact))
}

/// Finds a built-in exercise by its exact storage key.
pub fn builtin_by_key(key: &str) -> Option<&'static Exercise> {
    BUILTIN.iter().find(|exercise| exercise.key == key)
}

/// Ranks how well `query` (already compacted) matches: name prefix, alias prefix, name
/// substring, alias substring; `None` for no match.
fn match_rank(entry: &Compacted, query: &str) -> Option<u8> {
    if entry.name.starts_with(query) {
        Some(0)
    } else if entry.aliases.iter().any(|alias| alias.starts_with(query)) {
        Some(1)
    } else if entry.name.contains(query) {
        Some(2)
    } else if entry.aliases.iter().any(|alias| alias.contains(query)) {
        Some(3)
    } else {
        None
    }
}

/// Built-in exercise names for autocomplete: at most `limit`, one per exercise, best
/// matches first (name prefix, alias prefix, then substrings), list order within a rank.
/// An empty `prefix` lists the exercises in order.
pub fn suggest(prefix: &str, limit: usize) -> Vec<&'static str> {
    if limit == 0 {
        return Vec::new();
    }
    let query = compact(prefix);
    let mut ranked: Vec<(u8, usize, &'static str)> = index()
        .iter()
        .enumerate()
        .filter_map(|(position, entry)| {
            match_rank(entry, &query).map(|rank| (rank, position, entry.exercise.name))
        })
        .collect();
    ranked.sort_unstable_by_key(|&(rank, index, _)| (rank, index));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn key_of(name: &str) -> Option<&'static str> {
        find_builtin(name).map(|exercise| exercise.key)
    }

    #[test]
    fn list_size_and_both_limbs() {
        assert!((25..=35).contains(&BUILTIN.len()), "{}", BUILTIN.len());
        assert!(BUILTIN.iter().any(|e| e.limb == Limb::Arm));
        assert!(BUILTIN.iter().any(|e| e.limb == Limb::Leg));
    }

    #[test]
    fn labels_are_unambiguous() {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for exercise in BUILTIN {
            assert!(exercise
                .key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            for label in exercise.labels().chain(std::iter::once(exercise.key)) {
                let previous = owner.insert(compact(label), exercise.key);
                assert!(
                    previous.is_none() || previous == Some(exercise.key),
                    "{label:?} used by {previous:?} and {}",
                    exercise.key
                );
            }
        }
    }

    #[test]
    fn every_label_finds_its_exercise() {
        for exercise in BUILTIN {
            for label in exercise.labels() {
                assert_eq!(key_of(label), Some(exercise.key), "{label}");
                assert_eq!(key_of(&label.to_uppercase()), Some(exercise.key), "{label}");
            }
            assert_eq!(
                builtin_by_key(exercise.key).map(|e| e.name),
                Some(exercise.name)
            );
        }
    }

    #[test]
    fn alias_lookup_is_forgiving() {
        assert_eq!(key_of("bb squat"), Some("back_squat"));
        assert_eq!(key_of("  BB   Squat "), Some("back_squat"));
        assert_eq!(key_of("bb-squat!"), Some("back_squat"));
        assert_eq!(key_of("squats"), Some("back_squat"));
        assert_eq!(key_of("back squat"), Some("back_squat"));
        assert_eq!(key_of("lat pulldown"), Some("lat_pulldown"));
        assert_eq!(key_of("Lat Pull Down"), Some("lat_pulldown"));
        assert_eq!(key_of("lunges"), Some("lunge"));
        assert_eq!(key_of("calf raises"), Some("calf_raise"));
        assert_eq!(key_of("step ups"), Some("step_up"));
        assert_eq!(key_of("curl"), Some("biceps_curl"));
        assert_eq!(key_of("leg curl"), Some("leg_curl"));
        assert_eq!(key_of("back_squat"), Some("back_squat"));
        assert_eq!(key_of(""), None);
        assert_eq!(key_of("  - "), None);
        assert_eq!(key_of("s"), None);
        assert_eq!(key_of("underwater basket weaving"), None);
    }

    #[test]
    fn upper_body_presses_are_arm_exercises() {
        for key in [
            "bench_press",
            "shoulder_press",
            "barbell_row",
            "lat_pulldown",
        ] {
            assert_eq!(
                builtin_by_key(key).map(|e| e.limb),
                Some(Limb::Arm),
                "{key}"
            );
        }
        for key in ["back_squat", "leg_press", "calf_raise", "hip_thrust"] {
            assert_eq!(
                builtin_by_key(key).map(|e| e.limb),
                Some(Limb::Leg),
                "{key}"
            );
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("", 3),
            vec!["Back squat", "Front squat", "Goblet squat"]
        );
        assert!(suggest("anything", 0).is_empty());
        assert_eq!(suggest("", 100).len(), BUILTIN.len());
        // Name prefixes come before alias prefixes and substrings.
        let squats = suggest("squ", 25);
        assert_eq!(squats.first().copied(), Some("Back squat"), "{squats:?}");
        assert!(squats.contains(&"Split squat"));
        let curls = suggest("curl", 25);
        assert_eq!(curls.first().copied(), Some("Biceps curl"), "{curls:?}");
        assert!(curls.contains(&"Leg curl") && curls.contains(&"Hammer curl"));
        assert_eq!(suggest("le", 2), vec!["Leg press", "Leg extension"]);
        assert_eq!(suggest("bb sq", 5), vec!["Back squat"]);
        assert_eq!(suggest("ohp", 5), vec!["Shoulder press"]);
        assert!(suggest("zzz", 5).is_empty());
        // One entry per exercise even when several aliases match.
        let rows = suggest("row", 25);
        let unique: std::collections::HashSet<_> = rows.iter().collect();
        assert_eq!(rows.len(), unique.len(), "{rows:?}");
        assert!(rows.len() >= 3, "{rows:?}");
    }

    #[test]
    fn limb_text() {
        assert_eq!(Limb::parse(" Legs "), Some(Limb::Leg));
        assert_eq!(Limb::parse("arm"), Some(Limb::Arm));
        assert_eq!(Limb::parse("torso"), None);
        assert_eq!(Limb::Arm.to_string(), "arm");
    }
}
