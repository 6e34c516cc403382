//! The two session protocols: the evidence-based standard and the original article's.

use std::error::Error;
use std::fmt;

/// Which protocol a session follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProtocolKind {
    /// Evidence-based: 20-40% 1RM, 30-15-15-15, 30 s rests. The default.
    #[default]
    Standard,
    /// The original article's: 25-50% 1RM, 3 sets of 15-30 reps, rests of at most 30 s.
    Article,
}

impl ProtocolKind {
    /// Every protocol, default first.
    pub const ALL: [ProtocolKind; 2] = [ProtocolKind::Standard, ProtocolKind::Article];

    /// Lowercase name: `"standard"` or `"article"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProtocolKind::Standard => "standard",
            ProtocolKind::Article => "article",
        }
    }

    /// Parses `"standard"` or `"article"`, case-insensitively, ignoring surrounding spaces.
    pub fn parse(input: &str) -> Result<ProtocolKind, ProtocolError> {
        match input.trim().to_lowercase().as_str() {
            "standard" => Ok(ProtocolKind::Standard),
            "article" => Ok(ProtocolKind::Article),
            _ => Err(ProtocolError),
        }
    }

    /// The full description of this protocol.
    pub fn protocol(self) -> &'static Protocol {
        match self {
            ProtocolKind::Standard => &STANDARD,
            ProtocolKind::Article => &ARTICLE,
        }
    }
}

impl fmt::Display for ProtocolKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text given was not a protocol name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolError;

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "Unknown protocol. Type `standard` (evidence-based, the default) or `article` \
             (the original article's).",
        )
    }
}

impl Error for ProtocolError {}

/// A protocol's prescription and the guidance shown with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Protocol {
    /// Which protocol this is.
    pub kind: ProtocolKind,
    /// Display title.
    pub title: &'static str,
    /// Lowest load allowed, in percent of 1RM.
    pub percent_min: f64,
    /// Highest load allowed, in percent of 1RM.
    pub percent_max: f64,
    /// Load used when the user gives none, in percent of 1RM.
    pub default_percent: f64,
    /// Reps for each set, in order.
    pub reps_per_set: &'static [u32],
    /// Rest between sets in the plan, in seconds.
    pub rest_seconds: u32,
    /// Rest lengths the user may choose instead, in seconds (includes the default).
    pub rest_options: &'static [u32],
    /// Whether the wrap stays on during the rests between sets.
    pub wrap_on_between_sets: bool,
    /// How tight to wrap and when to release.
    pub pressure_guidance: &'static str,
    /// Further notes; for the article protocol, where the evidence differs from it.
    pub notes: &'static [&'static str],
}

impl Protocol {
    /// True when `percent` (of 1RM) is a number inside this protocol's range.
    pub fn allows_percent(&self, percent: f64) -> bool {
        (self.percent_min..=self.percent_max).contains(&percent)
    }

    /// Total reps across all sets.
    pub fn total_reps(&self) -> u32 {
        self.reps_per_set.iter().sum()
    }
}

/// The evidence-based protocol (Patterson et al. 2019; Wilson et al. 2013).
pub static STANDARD: Protocol = Protocol {
    kind: ProtocolKind::Standard,
    title: "Standard (evidence-based)",
    percent_min: 20.0,
    percent_max: 40.0,
    default_percent: 30.0,
    reps_per_set: &[30, 15, 15, 15],
    rest_seconds: 30,
    rest_options: &[30, 45, 60],
    wrap_on_between_sets: true,
    pressure_guidance: "Wrap the top of the limb (upper arm or upper thigh) to about 7/10 \
        tightness, or set a pressure cuff to 40-80% of your limb occlusion pressure. Keep it on \
        through the rests and release it between exercises.",
    notes: &[
        "20-40% of 1RM with 30-15-15-15 is the classic scheme; it built muscle with elastic \
         knee wraps at 30% 1RM (Wilson et al. 2013).",
        "Rest 30-60 s between sets; between exercises take the wrap off and rest more than \
         a minute.",
        "Releasing the wrap during rests instead gives similar gains (Sinclair et al. 2022).",
        "7/10 is a starting point: felt tightness varies from day to day and does not \
         guarantee that arterial flow stays open.",
        "Be able to do 30 reps of the exercise without a wrap before adding one.",
        "2-3 sessions a week. It adds to heavy lifting rather than replacing it: heavy \
         training still builds more strength.",
    ],
};

/// The original article's protocol, kept as written and annotated where the evidence
/// differs.
///
/// The article gives ranges only (25-50% 1RM, 15-30 reps, at most 30 s rest). The plan
/// fixes 30% (inside both the article's and the evidence's range) and 3 sets of 30-20-15:
/// a descending scheme like the standard one, using the article's whole rep range.
pub static ARTICLE: Protocol = Protocol {
    kind: ProtocolKind::Article,
    title: "Original article",
    percent_min: 25.0,
    percent_max: 50.0,
    default_percent: 30.0,
    reps_per_set: &[30, 20, 15],
    rest_seconds: 30,
    rest_options: &[20, 30],
    wrap_on_between_sets: true,
    pressure_guidance: "Wrap the top of the working muscle to about 7/10 tightness: \
        uncomfortably tight but never numb. Keep it on between sets and release it when the \
        exercise is done.",
    notes: &[
        "Load: the article says 25-50% of 1RM; the evidence supports 20-40%, so stay near \
         the low end.",
        "Rest: the article says at most 30 s; studies used 30-60 s.",
        "Wrap: the article says never loosen it between sets; releasing it during rests \
         gives similar gains (Sinclair et al. 2022).",
        "Pressure: 7/10 does not guarantee that arteries stay open; felt tightness varies \
         from day to day and was above full occlusion on some arms.",
        "Band width: the article says use one that is not too thick, but width only changes \
         the pressure needed: wide cuffs restrict at lower pressure, and a narrow band on \
         the thigh may need extreme tightness.",
        "Mechanism: a wrap blocks outflow through the veins and also partly reduces \
         arterial inflow, not only venous flow.",
        "Growth hormone: the '290 times' figure is from Takarada et al. 2000 (not 1999), six \
         people: a short spike from a very low resting level. Muscle growth was not \
         measured, and such spikes do not drive growth.",
        "Not a replacement for heavy lifting: the evidence agrees.",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names() {
        assert_eq!(ProtocolKind::parse("standard"), Ok(ProtocolKind::Standard));
        assert_eq!(ProtocolKind::parse(" Article "), Ok(ProtocolKind::Article));
        assert_eq!(ProtocolKind::parse("kaatsu"), Err(ProtocolError));
        assert_eq!(ProtocolKind::default(), ProtocolKind::Standard);
        for kind in ProtocolKind::ALL {
            assert_eq!(ProtocolKind::parse(kind.as_str()), Ok(kind));
            assert_eq!(kind.protocol().kind, kind);
        }
        assert!(ProtocolError.to_string().contains("`standard`"));
    }

    #[test]
    fn ranges() {
        assert!(!STANDARD.allows_percent(19.0));
        assert!(STANDARD.allows_percent(20.0));
        assert!(STANDARD.allows_percent(40.0));
        assert!(!STANDARD.allows_percent(41.0));
        assert!(!STANDARD.allows_percent(f64::NAN));
        assert!(ARTICLE.allows_percent(50.0));
        assert!(!ARTICLE.allows_percent(24.9));
        for protocol in [&STANDARD, &ARTICLE] {
            assert!(protocol.allows_percent(protocol.default_percent));
            assert!(protocol.rest_options.contains(&protocol.rest_seconds));
            assert!(!protocol.reps_per_set.is_empty());
        }
    }

    #[test]
    fn prescriptions_match_their_sources() {
        assert_eq!(STANDARD.reps_per_set, &[30, 15, 15, 15]);
        assert_eq!(STANDARD.total_reps(), 75);
        assert_eq!(STANDARD.rest_options, &[30, 45, 60]);
        // The article: 3 sets of 15-30 reps, rests of at most 30 s, wrap kept on.
        assert_eq!(ARTICLE.reps_per_set.len(), 3);
        assert!(ARTICLE.reps_per_set.iter().all(|r| (15..=30).contains(r)));
        assert!(ARTICLE.rest_options.iter().all(|&s| s <= 30));
        assert!(ARTICLE.wrap_on_between_sets);
        assert!(ARTICLE.notes.iter().any(|n| n.contains("Sinclair")));
        assert!(ARTICLE.notes.iter().any(|n| n.contains("2000")));
    }
}
