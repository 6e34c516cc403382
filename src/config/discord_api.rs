//! Reaching Discord's REST API somewhere other than where DNS says, without giving up the
//! bot's own ratelimiter: `DISCORD_API_ADDR` (the address to connect to for discord.com) and
//! `DISCORD_CA_FILE` (an extra root certificate to trust for it). Both serve a local Discord
//! double for load tests, or an egress relay that terminates TLS with its own certificate.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use super::ConfigError;

/// The port HTTPS uses when `DISCORD_API_ADDR` names only an address.
pub const HTTPS_PORT: u16 = 443;

/// `DISCORD_API_ADDR`: an IP address (port 443), or an address and port like
/// `10.0.0.5:8443` or `[::1]:8443`.
pub(super) fn parse_api_addr(raw: &str) -> Result<SocketAddr, ConfigError> {
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, HTTPS_PORT));
    }
    match raw.parse::<SocketAddr>() {
        Ok(addr) if addr.port() != 0 => Ok(addr),
        _ => Err(ConfigError::Invalid {
            variable: "DISCORD_API_ADDR",
            reason: format!(
                "expected an IP address (port 443) or an address and port like \
                 10.0.0.5:8443, got {raw:?}"
            ),
        }),
    }
}

/// The certificates of `DISCORD_CA_FILE`, read and checked once at start-up so that a
/// wrong path or a file that is not a certificate stops the bot before it connects.
#[derive(Clone)]
pub struct ExtraRoot {
    pub path: PathBuf,
    pub certificates: Vec<reqwest::Certificate>,
}

impl fmt::Debug for ExtraRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtraRoot")
            .field("path", &self.path)
            .field("certificates", &self.certificates.len())
            .finish()
    }
}

pub(super) fn read_ca_file(raw: &str) -> Result<ExtraRoot, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        variable: "DISCORD_CA_FILE",
        reason,
    };
    let path = PathBuf::from(raw);
    let pem =
        std::fs::read(&path).map_err(|error| invalid(format!("cannot read {raw:?}: {error}")))?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|error| invalid(format!("{raw:?} is not PEM: {error}")))?;
    if certificates.is_empty() {
        return Err(invalid(format!(
            "{raw:?} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    // PEM only frames the bytes; the TLS library parses the certificate itself when a client
    // is built, so build one now rather than fail at the first connection.
    certificates
        .iter()
        .fold(
            reqwest::Client::builder()
                .use_rustls_tls()
                .tls_built_in_root_certs(false),
            |builder, certificate| builder.add_root_certificate(certificate.clone()),
        )
        .build()
        .map_err(|error| invalid(format!("{raw:?} is not a usable certificate: {error}")))?;
    Ok(ExtraRoot { path, certificates })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        format!("{}/tests/fixtures/tls/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn an_address_alone_means_https_port() {
        assert_eq!(
            parse_api_addr("127.0.0.9").unwrap(),
            "127.0.0.9:443".parse().unwrap()
        );
        assert_eq!(
            parse_api_addr("[::1]:8443").unwrap(),
            "[::1]:8443".parse().unwrap()
        );
        for wrong in ["discord.com", "127.0.0.1:0", "127.0.0.1:http", "300.0.0.1"] {
            assert!(parse_api_addr(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_ca_file_must_hold_a_certificate() {
        let root = read_ca_file(&fixture("ca.pem")).unwrap();
        assert_eq!(root.certificates.len(), 1);

        let dir = tempfile::tempdir().unwrap();
        let garbage = dir.path().join("garbage.pem");
        std::fs::write(
            &garbage,
            "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        for wrong in [
            fixture("missing.pem"),
            fixture("discord.com.key"),
            garbage.display().to_string(),
        ] {
            let error = read_ca_file(&wrong).unwrap_err().to_string();
            assert!(error.starts_with("DISCORD_CA_FILE"), "{error}");
        }
    }
}
