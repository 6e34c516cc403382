//! The rest engine's Discord calls: countdown posts, pings and final edits.
//!
//! Calls are made once and their failures classified; the engine owns pacing and retries.
//! Messages are posted and edited through serenity's raw request so that the route limits
//! Discord announces in each answer's headers reach the engine's pacing.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use poise::serenity_prelude as serenity;

use crate::app::reply::Reply;
use crate::app::rest as rest_app;
use crate::discord::ids;
use crate::discord::observe::observe;
use crate::discord::rate_headers;
use crate::discord::render;
use crate::domain::ids::{ChannelId, MessageId, RoleId, UserId};
use crate::ops::names;
use crate::timers::{RestTimer, Route, RouteLimitSeen, SendError, TimerSender};

/// Well below the engine's 30 s lease, so a claim never expires while its call is running.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Route limits kept between two questions of the engine; older ones are dropped beyond it
/// (the newest say the same and more).
const MAX_LIMITS_KEPT: usize = 256;

pub struct DiscordTimerSender {
    http: Arc<serenity::Http>,
    /// Set when serenity's ratelimiter is off (behind a REST proxy): message calls are then
    /// made here, so a 429's `Retry-After` and global flag reach the engine (serenity's
    /// error keeps neither).
    direct: Option<reqwest::Client>,
    /// Route limits seen since the engine last took them.
    limits: Mutex<Vec<RouteLimitSeen>>,
}

impl DiscordTimerSender {
    pub fn new(http: Arc<serenity::Http>) -> Self {
        let direct = if http.ratelimiter.is_none() {
            reqwest::Client::builder()
                .build()
                .inspect_err(|error| {
                    tracing::warn!(%error, "no HTTP client of its own for rest calls; a 429 will be read as a 1 s pause of its channel");
                })
                .ok()
        } else {
            None
        };
        Self {
            http,
            direct,
            limits: Mutex::new(Vec::new()),
        }
    }

    /// Sends one request and returns the answer if it succeeded.
    async fn execute(
        &self,
        request: serenity::Request<'_>,
    ) -> Result<reqwest::Response, SendError> {
        let Some(client) = &self.direct else {
            return through_serenity(self.http.request(request)).await;
        };
        let built = request
            .build(client, self.http.token(), self.http.proxy.as_deref())
            .map_err(|error| SendError::Internal(format!("building a request: {error}")))?
            .timeout(CALL_TIMEOUT)
            .build()
            .map_err(|error| SendError::Internal(format!("building a request: {error}")))?;
        let response = match client.execute(built).await {
            Ok(response) => response,
            Err(error) => {
                names::discord_response("network");
                return Err(SendError::Server(error.to_string()));
            }
        };
        let status = response.status().as_u16();
        names::discord_response(names::status_label(status));
        if response.status().is_success() {
            return Ok(response);
        }
        let headers = response.headers().clone();
        let body = tokio::time::timeout(CALL_TIMEOUT, response.bytes())
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        Err(rate_headers::refusal(
            status,
            |name| headers.get(name)?.to_str().ok(),
            &body,
        ))
    }

    /// Makes one message call on `route` in `channel_id` and returns the answer's body,
    /// keeping the route limit its headers announce.
    async fn call(
        &self,
        channel_id: ChannelId,
        route: Route,
        request: serenity::Request<'_>,
    ) -> Result<serenity::Message, SendError> {
        let response = self.execute(request).await?;
        let headers = response.headers();
        if let Some((limit, remaining, reset_after)) =
            rate_headers::route_limit(|name| headers.get(name)?.to_str().ok())
        {
            self.keep(RouteLimitSeen {
                channel_id,
                route,
                limit,
                remaining,
                reset_after,
            });
        }
        let body = tokio::time::timeout(CALL_TIMEOUT, response.bytes())
            .await
            .map_err(|_| SendError::Server("timed out reading the answer".into()))?
            .map_err(|error| SendError::Server(error.to_string()))?;
        serde_json::from_slice(&body)
            .map_err(|error| SendError::Other(format!("unreadable message from Discord: {error}")))
    }

    fn keep(&self, seen: RouteLimitSeen) {
        let mut limits = self
            .limits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if limits.len() >= MAX_LIMITS_KEPT {
            limits.remove(0);
        }
        limits.push(seen);
    }

    async fn post(
        &self,
        channel_id: ChannelId,
        reply: Reply,
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let message = render::channel_message(reply)
            .nonce(serenity::Nonce::String(nonce.to_owned()))
            .enforce_nonce(true);
        let body = serde_json::to_vec(&message)
            .map_err(|error| SendError::Internal(format!("serialising a message: {error}")))?;
        let route = serenity::Route::ChannelMessages {
            channel_id: ids::to_serenity_channel(channel_id),
        };
        let request = serenity::Request::new(route, serenity::LightMethod::Post).body(Some(body));
        let sent = self.call(channel_id, Route::Create, request).await?;
        ids::message(sent.id)
            .ok_or_else(|| SendError::Internal(format!("Discord returned message ID {}", sent.id)))
    }
}

#[async_trait]
impl TimerSender for DiscordTimerSender {
    async fn post_countdown(
        &self,
        timer: &RestTimer,
        content: &str,
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let reply = Reply::text(content).with_row(rest_app::countdown_row(timer));
        self.post(timer.channel_id, reply, nonce).await
    }

    async fn post_ping(
        &self,
        channel_id: ChannelId,
        content: &str,
        ping_user_ids: &[UserId],
        ping_role_ids: &[RoleId],
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let mut reply = Reply::text(content);
        reply.ping_users = ping_user_ids.iter().map(|id| id.get()).collect();
        reply.ping_roles = ping_role_ids.iter().map(|id| id.get()).collect();
        self.post(channel_id, reply, nonce).await
    }

    async fn post_ping_by_interaction(
        &self,
        token: &str,
        content: &str,
        ping_user_ids: &[UserId],
    ) -> Result<MessageId, SendError> {
        let users: Vec<u64> = ping_user_ids.iter().map(|user| user.get()).collect();
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .content(content)
            .allowed_mentions(render::allowed_mentions(&users, &[]));
        let call = self
            .http
            .create_followup_message(token, &followup, Vec::new());
        let sent = through_serenity(call).await?;
        ids::message(sent.id)
            .ok_or_else(|| SendError::Internal(format!("Discord returned message ID {}", sent.id)))
    }

    async fn tell_owner(&self, token: &str, content: &str) -> Result<(), SendError> {
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .content(content)
            .ephemeral(true)
            .allowed_mentions(render::no_pings());
        let call = self
            .http
            .create_followup_message(token, &followup, Vec::new());
        through_serenity(call).await.map(|_| ())
    }

    async fn finish_countdown(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        content: &str,
    ) -> Result<(), SendError> {
        let edit = serenity::EditMessage::new()
            .content(content)
            .components(Vec::new())
            .allowed_mentions(render::no_pings());
        let body = serde_json::to_vec(&edit)
            .map_err(|error| SendError::Internal(format!("serialising an edit: {error}")))?;
        let route = serenity::Route::ChannelMessage {
            channel_id: ids::to_serenity_channel(channel_id),
            message_id: ids::to_serenity_message(message_id),
        };
        let request = serenity::Request::new(route, serenity::LightMethod::Patch).body(Some(body));
        self.call(channel_id, Route::Edit, request)
            .await
            .map(|_| ())
    }

    fn take_route_limits(&self) -> Vec<RouteLimitSeen> {
        std::mem::take(
            &mut *self
                .limits
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

/// Awaits a call serenity makes, within [`CALL_TIMEOUT`], counting its answer and reading
/// a failure for the engine.
async fn through_serenity<T>(
    call: impl std::future::Future<Output = serenity::Result<T>>,
) -> Result<T, SendError> {
    match tokio::time::timeout(CALL_TIMEOUT, call)
        .await
        .inspect(observe)
    {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(error)) => Err(classify_discord_api_error(error)),
        Err(_) => Err(SendError::Server("timed out".into())),
    }
}

/// What a failed Discord API call means for the engine: retry, pause, or give up.
fn classify_discord_api_error(error: serenity::Error) -> SendError {
    match &error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code.as_u16();
            let text = format!("{status} {}", response.error.message);
            // Without a proxy, serenity's own ratelimiter already waited out the Retry-After
            // of a 429 and retried, so a 429 reaches here only through a proxy, on a call
            // not made by `execute`, and serenity's error keeps neither the header nor
            // `retry_after`: a second's pause of the channel is the guess.
            rate_headers::by_status(status, text, None)
        }
        serenity::Error::Http(serenity::HttpError::Request(_)) => {
            SendError::Server(error.to_string())
        }
        _ => SendError::Other(error.to_string()),
    }
}
