//! Discord's rate-limit headers, read from an answer so the rest engine paces each route by
//! what Discord announces instead of what it assumes, and waits out a 429 as long as Discord
//! says, pausing every call when the limit hit was the global one.

use std::time::Duration;

use crate::timers::SendError;

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

/// The engine's reading of a refused call: its status, and for a 429 how long to wait and
/// whether every call must (`Retry-After` or the body's `retry_after`; the global flag from
/// `X-RateLimit-Global`, `X-RateLimit-Scope: global` or the body's `global`).
pub(crate) fn refusal<'a>(
    status: u16,
    header: impl Fn(&str) -> Option<&'a str>,
    body: &[u8],
) -> SendError {
    let body: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let message = body["message"].as_str().unwrap_or_default();
    let text = format!("{status} {message}");
    if status != 429 {
        return by_status(status, text, None);
    }
    let retry_after = body["retry_after"]
        .as_f64()
        .or_else(|| header("retry-after")?.trim().parse().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .filter(|wait| *wait <= MAX_RETRY_AFTER)
        .unwrap_or(GUESSED_RETRY_AFTER);
    let global = body["global"].as_bool() == Some(true)
        || header("x-ratelimit-global").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || header("x-ratelimit-scope").is_some_and(|v| v.trim() == "global");
    by_status(status, text, Some((retry_after, global)))
}

/// What a failed call's status means for the engine: retry, pause, or give up. A 429 whose
/// wait is unknown pauses its channel for a second.
pub(crate) fn by_status(status: u16, text: String, rate: Option<(Duration, bool)>) -> SendError {
    match status {
        429 => {
            let (retry_after, global) = rate.unwrap_or((GUESSED_RETRY_AFTER, false));
            SendError::RateLimited {
                retry_after,
                global,
            }
        }
        401 => SendError::Unauthorized(text),
        403 | 404 => SendError::Gone(text),
        500..=599 => SendError::Server(text),
        _ => SendError::Other(text),
    }
}

/// The wait after a 429 that did not say how long.
const GUESSED_RETRY_AFTER: Duration = Duration::from_secs(1);
/// A longer announced wait is not believed (a broken proxy): the guess is used instead.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_global_429_pauses_everything_for_what_it_says() {
        let pairs = [("retry-after", "0.25"), ("x-ratelimit-global", "true")];
        let body =
            br#"{"message": "You are being rate limited.", "retry_after": 0.25, "global": true}"#;
        assert_eq!(
            refusal(429, headers(&pairs), body),
            SendError::RateLimited {
                retry_after: Duration::from_millis(250),
                global: true
            }
        );
    }

    #[test]
    fn a_route_429_without_a_body_reads_the_header() {
        let pairs = [("Retry-After", "3"), ("X-RateLimit-Scope", "user")];
        assert_eq!(
            refusal(429, headers(&pairs), b""),
            SendError::RateLimited {
                retry_after: Duration::from_secs(3),
                global: false
            }
        );
    }

    #[test]
    fn an_unreadable_or_absurd_wait_is_a_second_for_the_channel() {
        let body = br#"{"retry_after": -4}"#;
        assert_eq!(
            refusal(429, headers(&[("retry-after", "99999")]), body),
            SendError::RateLimited {
                retry_after: GUESSED_RETRY_AFTER,
                global: false
            }
        );
    }

    #[test]
    fn other_refusals_keep_discords_message() {
        let body = br#"{"message": "Missing Access", "code": 50001}"#;
        assert_eq!(
            refusal(403, headers(&[]), body),
            SendError::Gone("403 Missing Access".into())
        );
        assert!(matches!(
            refusal(502, headers(&[]), b"<html>"),
            SendError::Server(_)
        ));
    }

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
