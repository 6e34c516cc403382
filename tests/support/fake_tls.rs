//! The fake Discord's REST API over TLS, presenting a certificate for discord.com signed by a
//! test CA (tests/fixtures/tls/, made by generate.sh there; the keys are throwaway test keys).
//! A bot that resolves discord.com to this listener and trusts the CA talks to the fake with
//! serenity's own ratelimiter on, as it talks to Discord.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

const LEAF_PEM: &[u8] = include_bytes!("../fixtures/tls/discord.com.pem");
const LEAF_KEY_PEM: &[u8] = include_bytes!("../fixtures/tls/discord.com.key");

/// The CA the bot must trust (`DISCORD_CA_FILE`) to accept the fake as discord.com.
pub const CA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls/ca.pem");

/// A client that never finishes its handshake must not hold a slot forever.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// Accepts TCP connections and completes their TLS handshakes in parallel, so one slow
/// handshake does not hold up the next connection; axum serves what comes out.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    pub async fn bind(addr: SocketAddr) -> io::Result<Self> {
        let tcp = TcpListener::bind(addr).await?;
        let local = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(Arc::new(server_config()));
        let (handshaken, ready) = mpsc::channel(256);
        tokio::spawn(async move {
            while !handshaken.is_closed() {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    // Out of file descriptors and the like: wait instead of spinning.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                // As on the plain listener: no delayed-ACK wait Discord does not add.
                let _ = stream.set_nodelay(true);
                let acceptor = acceptor.clone();
                let handshaken = handshaken.clone();
                tokio::spawn(async move {
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
                    {
                        let _ = handshaken.send((tls, peer)).await;
                    }
                });
            }
        });
        Ok(Self { ready, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(accepted) => accepted,
            // The accept loop only ends once this receiver is gone, so this is unreachable;
            // never returning is what a listener with no more connections does.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// The provider is ring, the one reqwest's rustls already uses, so no other is compiled.
fn server_config() -> ServerConfig {
    let chain = CertificateDer::pem_slice_iter(LEAF_PEM)
        .collect::<Result<Vec<_>, _>>()
        .expect("the test certificate is PEM");
    let key = PrivateKeyDer::from_pem_slice(LEAF_KEY_PEM).expect("the test key is PEM");
    let mut config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("ring supports the default TLS versions")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("the test key matches its certificate");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    config
}
