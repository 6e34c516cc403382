//! Context word lists shared by several rules. Matched against folded words.

/// Words that put a sentence in a training context, where a fast heart or a rise in
/// blood pressure is the normal response.
pub(crate) const EXERCISE: &[&str] = &[
    "exercise",
    "exercising",
    "workout",
    "working",
    "training",
    "train",
    "lift",
    "lifting",
    "bfr",
    "occlusion",
    "kaatsu",
    "cuff",
    "set",
    "sets",
    "rep",
    "reps",
    "gym",
    "run",
    "running",
    "ran",
    "sprint",
    "sprints",
    "sprinting",
    "squat",
    "squats",
    "deadlift",
    "bench",
    "cardio",
    "hiit",
    "cycling",
    "bike",
    "biking",
    "swim",
    "swimming",
    "jog",
    "jogging",
    "hike",
    "hiking",
    "walk",
    "walking",
    "climb",
    "climbing",
    "stairs",
    "interval",
    "intervals",
    "tabata",
    "crossfit",
    "rowing",
    "spin",
    "match",
    "game",
    "sport",
    "practice",
    "drill",
    "burpee",
    "session",
    "wod",
    "zone",
    "zones",
    "lifted",
    "trained",
    "exercised",
    "pushups",
    "plank",
    "leg",
    "legs",
    "weightlifting",
    "weight",
    "weights",
    "powerlifting",
    "bodybuilding",
    "strength",
    "resistance",
    "aerobic",
    "anaerobic",
    "yoga",
    "pilates",
    "athlete",
    "athletes",
    "fitness",
    "marathon",
    "triathlon",
    "workouts",
];

/// Words that say the body was at rest, which makes a racing heart or a high reading
/// abnormal.
pub(crate) const REST: &[&str] = &[
    "rest", "resting", "sitting", "seated", "lying", "laying", "bed", "couch", "sofa", "relaxing",
    "asleep", "sleeping", "sleep", "night", "nowhere", "randomly", "random", "reason", "tv",
    "desk", "calm", "woke", "waking",
];

/// Words that turn a fitness question about the heart into a worried one.
pub(crate) const WORRY: &[&str] = &[
    "worried",
    "worry",
    "worrying",
    "scared",
    "afraid",
    "concerned",
    "concerning",
    "dangerous",
    "danger",
    "unsafe",
    "harmful",
    "alarming",
    "scary",
    "frightened",
];

/// Pain words for body locations.
pub(crate) const PAIN: &[&str] = &[
    "pain",
    "painful",
    "hurt",
    "hurting",
    "ache",
    "aching",
    "achy",
    "sore",
    "tender",
    "throbbing",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_single_words() {
        for list in [EXERCISE, REST, WORRY, PAIN] {
            for word in list {
                assert_eq!(word.to_lowercase(), *word);
                assert!(!word.contains(' '), "{word}");
            }
        }
    }
}
