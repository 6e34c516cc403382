//! Property-style checks: many generated inputs, including NaN, infinities, negatives,
//! subnormals and huge values, must never panic and must keep each function's promises.

use super::*;

/// SplitMix64: deterministic, so a failure reproduces exactly.
struct Gen(u64);

const SPECIAL: &[f64] = &[
    0.0,
    -0.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MIN,
    f64::MAX,
    f64::MIN_POSITIVE,
    f64::EPSILON,
    5e-324,
    1e-300,
    1e300,
    -1.0,
    0.004,
    0.01,
    1.0,
    2.5,
    5.0,
    20.0,
    25.0,
    30.0,
    40.0,
    40.000_000_001,
    50.0,
    110.0,
    110.01,
    999.99,
    1000.0,
    1000.0001,
    2200.0,
    2200.01,
];

const CHARS: &[char] = &[
    'a', 'B', 'z', ' ', ' ', '\t', '\n', '\r', '-', '_', '*', '~', '|', '`', '>', '<', '#', '@',
    '&', '!', '[', ']', '(', ')', '\\', '/', ':', '.', '%', '\'', '0', '9', 'é', 'ß', 'Ж', 'ス',
    '💪', '\u{0}', '\u{7}', '\u{200B}', '\u{202E}', '\u{FEFF}', '\u{301}', 's', 'q', 'u',
];

const WORDS: &[&str] = &[
    "squat",
    "bb",
    "curl",
    "@everyone",
    "@here",
    "<@123>",
    "<#9>",
    "<@&5>",
    "https://x.y",
    "www.",
    "discord.gg/",
    "kg",
    "LBS",
    "pounds",
    "standard",
    "article",
    "press",
    "-",
];

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        // Modulo bias is irrelevant for test inputs.
        (self.next() % n as u64) as usize
    }

    fn unit_interval(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn f64(&mut self) -> f64 {
        match self.below(5) {
            0 => SPECIAL[self.below(SPECIAL.len())],
            1 => f64::from_bits(self.next()),
            2 => self.unit_interval() * 2600.0 - 100.0,
            3 => {
                let magnitude = 10f64.powf(self.unit_interval() * 80.0 - 40.0);
                if self.next() & 1 == 0 {
                    magnitude
                } else {
                    -magnitude
                }
            }
            _ => (self.unit_interval() * 120.0).round() / 2.0,
        }
    }

    fn u32(&mut self) -> u32 {
        match self.below(3) {
            0 => self.below(20) as u32,
            1 => [0, 1, 10, 12, 13, u32::MAX][self.below(6)],
            _ => self.next() as u32,
        }
    }

    fn unit(&mut self) -> Unit {
        Unit::ALL[self.below(2)]
    }

    fn text(&mut self) -> String {
        let len = self.below(70);
        let mut text = String::new();
        for _ in 0..len {
            if self.below(6) == 0 {
                text.push_str(WORDS[self.below(WORDS.len())]);
            } else {
                text.push(CHARS[self.below(CHARS.len())]);
            }
        }
        text
    }
}

const ROUNDS: usize = 20_000;

#[test]
fn weights_and_steps_never_panic_and_validate() {
    let mut gen = Gen(1);
    for _ in 0..ROUNDS {
        let value = gen.f64();
        let unit = gen.unit();
        match Weight::from_unit(value, unit) {
            Ok(weight) => {
                assert!(weight.kg().is_finite() && weight.kg() > 0.0, "{value}");
                assert!(weight.kg() <= MAX_WEIGHT_KG, "{value}");
                assert!(
                    (weight.in_unit(unit) - value).abs() <= value * 1e-12,
                    "{value}"
                );
                assert!(!weight.format(unit).is_empty());
            }
            Err(error) => assert!(error.to_string().contains("Type"), "{value}"),
        }
        match LoadStep::new(value, unit) {
            Ok(step) => {
                assert!(step.value() >= MIN_LOAD_STEP && step.value() <= LoadStep::max_for(unit));
                assert!(step.in_kg() > 0.0 && step.in_kg() <= MAX_LOAD_STEP_KG);
            }
            Err(error) => assert!(error.to_string().contains("Type"), "{value}"),
        }
        let shown = format_load(value, unit);
        assert!(shown.ends_with(unit.as_str()));
        assert!(!shown.contains("NaN") && !shown.contains("inf"), "{shown}");
        let amount = format_amount(value);
        assert!(amount == "?" || !amount.ends_with('.'), "{amount}");
        if value.is_finite() && value.abs() < 1e12 {
            assert!(
                amount.split('.').nth(1).map_or(0, str::len) <= 2,
                "{amount}"
            );
        }
    }
}

#[test]
fn estimates_never_panic() {
    let mut gen = Gen(2);
    for _ in 0..ROUNDS {
        let weight = gen.f64();
        let reps = gen.u32();
        match estimate_both(weight, reps) {
            Ok(both) => {
                assert!((1..=MAX_REPS).contains(&reps));
                for value in [both.epley_kg, both.brzycki_kg] {
                    assert!(value.is_finite() && value >= weight, "{weight} × {reps}");
                    // A set of 12 can at most imply 1.44 × the weight (Brzycki).
                    assert!(value <= weight * 1.44 + 1e-9, "{weight} × {reps}");
                }
            }
            Err(error) => assert!(!error.to_string().is_empty()),
        }
        for formula in Formula::ALL {
            let _ = estimate(weight, reps, formula);
        }
    }
}

#[test]
fn text_inputs_never_panic() {
    let mut gen = Gen(3);
    for _ in 0..ROUNDS {
        let text = gen.text();
        let _ = Unit::parse(&text);
        let _ = ProtocolKind::parse(&text);
        let _ = Limb::parse(&text);
        if let Some(exercise) = find_builtin(&text) {
            assert!(BUILTIN.contains(exercise));
        }
        let limit = gen.below(30);
        let suggestions = suggest(&text, limit);
        assert!(suggestions.len() <= limit);
        match sanitize_custom_name(&text) {
            Ok(name) => {
                assert!(!name.is_empty());
                assert!(name.chars().count() <= MAX_CUSTOM_NAME_CHARS, "{name:?}");
                assert_eq!(name, name.trim());
                assert!(!name.contains("  "), "{name:?}");
                assert!(!name.contains('@'), "{name:?}");
                assert!(!name.contains("://"), "{name:?}");
                assert!(
                    !name
                        .chars()
                        .any(|c| c.is_control() || "*_~|`><#[]()\\".contains(c)),
                    "{name:?}"
                );
                assert_eq!(sanitize_custom_name(&name), Ok(name.clone()), "idempotent");
            }
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
}

#[test]
fn plans_never_panic_and_stay_in_range() {
    let mut gen = Gen(4);
    let mut planned = 0;
    for _ in 0..ROUNDS {
        let unit = gen.unit();
        let step_unit = gen.unit();
        let step = match gen.below(3) {
            0 => LoadStep::default_for(step_unit),
            _ => LoadStep::new(gen.f64(), step_unit)
                .unwrap_or_else(|_| LoadStep::default_for(step_unit)),
        };
        let protocol = ProtocolKind::ALL[gen.below(2)];
        let percent = match gen.below(4) {
            0 => None,
            1 => Some(gen.f64()),
            _ => Some(15.0 + gen.unit_interval() * 40.0),
        };
        let one_rep_max_kg = match gen.below(3) {
            0 => gen.f64(),
            _ => gen.unit_interval() * 1000.0,
        };
        let limb = if gen.below(2) == 0 {
            Limb::Arm
        } else {
            Limb::Leg
        };
        let input = SessionInput {
            one_rep_max_kg,
            unit,
            step,
            protocol,
            percent,
            limb,
        };
        let details = protocol.protocol();
        match plan_session(input) {
            Ok(plan) => {
                planned += 1;
                assert!(plan.load_kg > 0.0 && plan.load_kg.is_finite(), "{input:?}");
                assert!(
                    plan.actual_percent >= details.percent_min - 1e-6,
                    "{input:?} {plan:?}"
                );
                assert!(
                    plan.actual_percent <= details.percent_max + 1e-6,
                    "{input:?} {plan:?}"
                );
                let steps = plan.load_in_unit / step.in_unit(unit);
                assert!((steps - steps.round()).abs() < 1e-6, "{input:?} {plan:?}");
                assert!((unit.to_kg(plan.load_in_unit) - plan.load_kg).abs() < 1e-9);
                assert_eq!(plan.sets.len(), details.reps_per_set.len());
                assert!(!plan.restriction.over_limit);
                assert!(!plan.stop_signs.is_empty());
            }
            Err(
                error @ PlanError::NoLoadInRange {
                    nearest_below,
                    nearest_above,
                    lowest_in_unit,
                    highest_in_unit,
                    ..
                },
            ) => {
                if let Some(below) = nearest_below {
                    assert!(below.load_in_unit > 0.0 && below.load_in_unit < lowest_in_unit);
                }
                let above = nearest_above.unwrap_or_else(|| panic!("{input:?}"));
                assert!(above.load_in_unit > highest_in_unit, "{input:?}");
                let text = error.to_string();
                assert!(text.contains("Nearest loads"), "{text}");
            }
            Err(error) => {
                let text = error.to_string();
                assert!(
                    text.contains("Type") || text.contains("Set it again"),
                    "{text}"
                );
                assert!(text.len() < 600, "{text}");
            }
        }
    }
    // The generator must exercise the success path, not only refusals.
    assert!(planned > ROUNDS / 10, "{planned}");
}
