//! Discord's per-route rate-limit headers, read from an answer so the rest engine paces each
//! route by what Discord announces instead of what it assumes.

use std::time::Duration;

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset-After` of one answer: `(limit, remaining,
/// reset_after)`, or `None` when any is missing or malformed (the route has no bucket, or
/// something between rewrote the answer).
pub(crate) fn route_limit<'a>(
    header: impl Fn(&str) -> Option<&'a str>,
) -> Option<(u32, u32, Duration)> {
    let limit = header("x-ratelimit-limit")?.trim().parse().ok()?;
    let remaining = header("x-ratelimit-remaining")?.trim().parse().ok()?;
    let reset_after: f64 = header("x-ratelimit-reset-after")?.trim().parse().ok()?;
    // A negative, infinite or absurd reset is not to be waited for.
    let reset_after = Duration::try_from_secs_f64(reset_after)
        .ok()
        .filter(|reset| *reset <= Duration::from_secs(3600))?;
    Some((limit, remaining, reset_after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| *value)
        }
    }

    #[test]
    fn reads_the_three_headers() {
        let pairs = [
            ("X-RateLimit-Limit", "5"),
            ("X-RateLimit-Remaining", "4"),
            ("X-RateLimit-Reset-After", "4.998"),
            ("X-RateLimit-Bucket", "abcd"),
        ];
        assert_eq!(
            route_limit(headers(&pairs)),
            Some((5, 4, Duration::from_millis(4998)))
        );
    }

    #[test]
    fn missing_or_malformed_headers_say_nothing() {
        assert_eq!(route_limit(headers(&[("x-ratelimit-limit", "5")])), None);
        let negative = [
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "4"),
            ("x-ratelimit-reset-after", "-1"),
        ];
        assert_eq!(route_limit(headers(&negative)), None);
        let text = [
            ("x-ratelimit-limit", "five"),
            ("x-ratelimit-remaining", "4"),
            ("x-ratelimit-reset-after", "1"),
        ];
        assert_eq!(route_limit(headers(&text)), None);
    }
}
