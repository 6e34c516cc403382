//! Discord IDs ("snowflakes") as they enter from outside: options, mentions, custom IDs and
//! rows read back. Discord never issues 0, and the database stores IDs as signed 64-bit
//! integers, so only `1..=i64::MAX` is a valid ID; anything else is refused where it enters
//! instead of reaching serenity, whose ID constructors panic on 0.

/// The largest ID the database can hold.
pub const MAX_SNOWFLAKE: u64 = i64::MAX as u64;

/// Whether `id` can be a Discord ID.
pub fn is_valid(id: u64) -> bool {
    (1..=MAX_SNOWFLAKE).contains(&id)
}

/// `id` if it can be a Discord ID.
pub fn checked(id: u64) -> Option<u64> {
    is_valid(id).then_some(id)
}

/// Parses the decimal digits of an ID, as found in a mention or a custom ID. Signs, spaces
/// and other characters are refused, as are 0 and values past [`MAX_SNOWFLAKE`].
pub fn parse(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 20 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u64>().ok().and_then(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_ids_past_the_signed_range_are_refused() {
        assert_eq!(parse("0"), None);
        assert_eq!(parse("00"), None);
        assert_eq!(parse("9223372036854775807"), Some(MAX_SNOWFLAKE));
        assert_eq!(parse("9223372036854775808"), None);
        assert_eq!(parse("18446744073709551615"), None);
        assert_eq!(parse("18446744073709551616"), None);
        assert_eq!(parse("99999999999999999999999"), None);
    }

    #[test]
    fn only_plain_digits_parse() {
        for text in [
            "",
            "+5",
            "-5",
            " 5",
            "5 ",
            "5\u{200B}",
            "٥",
            "1e3",
            "0x10",
            "1_000",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
        assert_eq!(
            parse("1400000000000000001"),
            Some(1_400_000_000_000_000_001)
        );
    }
}
