//! How long a limb stays under restriction, against the usual continuous limits.
//!
//! Guidance (Australian Institute of Sport; cuff makers' manuals) keeps continuous
//! restriction under about 15 minutes on an arm and 20 on a leg, followed by about three
//! minutes of free flow.

use super::exercises::Limb;

/// Assumed seconds per rep: a controlled 1.5 s up and 1.5 s down. On the slow side of
/// usual lifting tempos on purpose, so the estimate errs long rather than short.
pub const TEMPO_SECONDS_PER_REP: u32 = 3;
/// Longest continuous restriction on an arm, in seconds.
pub const ARM_LIMIT_SECONDS: u32 = 15 * 60;
/// Longest continuous restriction on a leg, in seconds.
pub const LEG_LIMIT_SECONDS: u32 = 20 * 60;
/// Free flow to allow after reaching the limit, in seconds.
pub const FREE_FLOW_SECONDS: u32 = 3 * 60;

/// The continuous-restriction limit for `limb`, in seconds.
pub fn limit_seconds(limb: Limb) -> u32 {
    match limb {
        Limb::Arm => ARM_LIMIT_SECONDS,
        Limb::Leg => LEG_LIMIT_SECONDS,
    }
}

/// Estimated continuous time under restriction, compared with the limb's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestrictionBudget {
    /// The limb the wrap is on.
    pub limb: Limb,
    /// Longest estimated stretch with the wrap on, in seconds.
    pub estimated_seconds: u32,
    /// The limb's limit, in seconds.
    pub limit_seconds: u32,
    /// True when the estimate exceeds the limit.
    pub over_limit: bool,
    /// The tempo the estimate assumes, in seconds per rep.
    pub tempo_seconds_per_rep: u32,
}

impl RestrictionBudget {
    /// A budget for `estimated_seconds` of continuous restriction on `limb`.
    pub fn new(limb: Limb, estimated_seconds: u32) -> RestrictionBudget {
        let limit_seconds = limit_seconds(limb);
        RestrictionBudget {
            limb,
            estimated_seconds,
            limit_seconds,
            over_limit: estimated_seconds > limit_seconds,
            tempo_seconds_per_rep: TEMPO_SECONDS_PER_REP,
        }
    }

    /// Estimates one exercise: with the wrap on between sets, every rep plus the rests
    /// between sets; with it released, the longest single set.
    pub fn for_sets(
        limb: Limb,
        reps_per_set: &[u32],
        rest_seconds: u32,
        wrap_on_between_sets: bool,
    ) -> RestrictionBudget {
        let seconds = if wrap_on_between_sets {
            let reps = reps_per_set
                .iter()
                .fold(0u32, |sum, &r| sum.saturating_add(r));
            let gaps = u32::try_from(reps_per_set.len().saturating_sub(1)).unwrap_or(u32::MAX);
            reps.saturating_mul(TEMPO_SECONDS_PER_REP)
                .saturating_add(gaps.saturating_mul(rest_seconds))
        } else {
            reps_per_set
                .iter()
                .max()
                .copied()
                .unwrap_or(0)
                .saturating_mul(TEMPO_SECONDS_PER_REP)
        };
        RestrictionBudget::new(limb, seconds)
    }

    /// Estimates several exercises done one after another on `limb` without releasing the
    /// wrap: their estimates plus `changeover_seconds` between each. Budgets for the other
    /// limb are ignored.
    pub fn back_to_back(
        limb: Limb,
        exercises: &[RestrictionBudget],
        changeover_seconds: u32,
    ) -> RestrictionBudget {
        let mut total = 0u32;
        let mut count = 0u32;
        for budget in exercises.iter().filter(|budget| budget.limb == limb) {
            if count > 0 {
                total = total.saturating_add(changeover_seconds);
            }
            total = total.saturating_add(budget.estimated_seconds);
            count = count.saturating_add(1);
        }
        RestrictionBudget::new(limb, total)
    }

    /// A warning to show when the estimate exceeds the limit; `None` when within it.
    pub fn warning(&self) -> Option<String> {
        if !self.over_limit {
            return None;
        }
        Some(format!(
            "This keeps the wrap on for about {} (at {} s per rep), over the ~{} limit for \
             {}. Release it for about {} of free blood flow before going on.",
            format_duration(self.estimated_seconds),
            self.tempo_seconds_per_rep,
            format_duration(self.limit_seconds),
            match self.limb {
                Limb::Arm => "an arm",
                Limb::Leg => "a leg",
            },
            format_duration(FREE_FLOW_SECONDS),
        ))
    }
}

/// Formats seconds as minutes and seconds: `"45 s"`, `"5 min"`, `"5 min 15 s"`.
pub fn format_duration(seconds: u32) -> String {
    let (minutes, rest) = (seconds / 60, seconds % 60);
    match (minutes, rest) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_kept_on_counts_reps_and_rests() {
        // 30-15-15-15 = 75 reps × 3 s + 3 rests × 30 s = 315 s.
        let budget = RestrictionBudget::for_sets(Limb::Leg, &[30, 15, 15, 15], 30, true);
        assert_eq!(budget.estimated_seconds, 315);
        assert_eq!(budget.limit_seconds, 20 * 60);
        assert!(!budget.over_limit);
        assert_eq!(budget.warning(), None);
    }

    #[test]
    fn wrap_released_counts_the_longest_set() {
        let budget = RestrictionBudget::for_sets(Limb::Arm, &[30, 15, 15, 15], 30, false);
        assert_eq!(budget.estimated_seconds, 90);
        assert_eq!(
            RestrictionBudget::for_sets(Limb::Arm, &[], 30, false).estimated_seconds,
            0
        );
        assert_eq!(
            RestrictionBudget::for_sets(Limb::Arm, &[], 30, true).estimated_seconds,
            0
        );
    }

    #[test]
    fn limits_per_limb() {
        assert_eq!(limit_seconds(Limb::Arm), 900);
        assert_eq!(limit_seconds(Limb::Leg), 1200);
        assert!(!RestrictionBudget::new(Limb::Arm, 900).over_limit);
        assert!(RestrictionBudget::new(Limb::Arm, 901).over_limit);
        assert!(!RestrictionBudget::new(Limb::Leg, 901).over_limit);
    }

    #[test]
    fn back_to_back_adds_changeovers_for_one_limb() {
        let arm = RestrictionBudget::new(Limb::Arm, 255);
        let leg = RestrictionBudget::new(Limb::Leg, 315);
        let three = RestrictionBudget::back_to_back(Limb::Arm, &[arm, leg, arm, arm], 60);
        assert_eq!(three.estimated_seconds, 3 * 255 + 2 * 60);
        assert!(!three.over_limit);
        let four = RestrictionBudget::back_to_back(Limb::Arm, &[arm, arm, arm, arm], 60);
        assert_eq!(four.estimated_seconds, 4 * 255 + 3 * 60);
        assert!(four.over_limit);
        let warning = four.warning().unwrap_or_default();
        assert!(
            warning.contains("20 min") && warning.contains("~15 min"),
            "{warning}"
        );
        assert!(warning.contains("for an arm"), "{warning}");
        assert!(warning.contains("3 min"), "{warning}");
        assert_eq!(
            RestrictionBudget::back_to_back(Limb::Leg, &[], 60).estimated_seconds,
            0
        );
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        let huge = RestrictionBudget::for_sets(Limb::Leg, &[u32::MAX, u32::MAX], u32::MAX, true);
        assert_eq!(huge.estimated_seconds, u32::MAX);
        assert!(huge.over_limit);
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(45), "45 s");
        assert_eq!(format_duration(300), "5 min");
        assert_eq!(format_duration(315), "5 min 15 s");
    }
}
