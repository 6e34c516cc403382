//! The REST client the bot and its rest engine share, built from the configuration.

use poise::serenity_prelude as serenity;

use crate::config::Config;
use crate::error::AppError;

/// Discord's API host, as serenity spells every REST URL.
const DISCORD_HOST: &str = "discord.com";

/// With a proxy, REST calls and the gateway lookup go through it and serenity's own
/// ratelimiter is off: the proxy owns rate limits (and serenity only honours the proxy setting
/// with its ratelimiter disabled). Otherwise serenity's ratelimiter stays on, and the calls go
/// to discord.com, at `DISCORD_API_ADDR` when set, trusting `DISCORD_CA_FILE` besides the
/// usual roots.
pub(super) fn build(config: &Config, token: &str) -> Result<serenity::Http, AppError> {
    let mut builder = serenity::HttpBuilder::new(token);
    if config.discord_api_addr.is_some() || config.discord_ca.is_some() {
        builder = builder.client(reqwest_client(config)?);
    }
    Ok(match &config.discord_proxy_url {
        Some(proxy) => builder
            .proxy(proxy.as_str().trim_end_matches('/'))
            .ratelimiter_disabled(true)
            .build(),
        None => builder.build(),
    })
}

/// serenity's own client (rustls) plus the address and roots the configuration adds.
fn reqwest_client(config: &Config) -> Result<reqwest::Client, AppError> {
    let mut builder = reqwest::Client::builder().use_rustls_tls();
    // The port of the address is kept: URLs to discord.com name none, so the connector
    // uses the resolved one.
    if let Some(addr) = config.discord_api_addr {
        builder = builder.resolve(DISCORD_HOST, addr);
    }
    for certificate in config.discord_ca.iter().flat_map(|root| &root.certificates) {
        builder = builder.add_root_certificate(certificate.clone());
    }
    builder.build().map_err(|error| {
        AppError::internal(format!("cannot build the HTTP client for Discord: {error}"))
    })
}
