//! The transport-neutral core: every command's logic lives here, and both the Discord adapter
//! and the local console drive it. Handlers take a [`Caller`] and a typed request and return a
//! [`Reply`]; they never see Discord types.

pub mod ask;
pub mod challenge;
pub mod components;
pub mod data;
pub mod exercise;
pub mod guild_config;
pub mod health_answers;
pub mod jobs;
pub mod learn;
pub mod limits;
pub mod one_rep_max;
pub mod pruner;
pub mod reply;
pub mod request;
pub mod rest;
pub mod screening;
pub mod session;
pub mod settings;

use std::sync::Arc;
use std::time::Duration;

pub use reply::{ComponentReply, Reply};
pub use request::Request;

use crate::domain::ids::{ChannelId, GuildId, UserId};
use crate::domain::privacy::Retention;
use crate::error::AppError;
use crate::store::Store;
use crate::timers::TimerHandle;

/// Who is asking, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub user_id: UserId,
    pub channel_id: ChannelId,
    pub guild_id: Option<GuildId>,
    /// Whether they may ping others (Manage Messages in that channel).
    pub can_manage_messages: bool,
    /// Whether they may ping any role, even one not everyone may mention (Mention @everyone).
    pub can_mention_everyone: bool,
    /// The permission the bot lacks to post in this channel, if any: a rest there could
    /// promise a ping that cannot arrive.
    pub bot_cannot_post: Option<&'static str>,
}

/// Shared state for all requests: cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    timers: TimerHandle,
    public_posts: Arc<limits::PublicPostLimit>,
    /// Tells the challenge poster that something changed, so boards update promptly.
    challenge_wake: Arc<tokio::sync::Notify>,
    /// How long stored things count (an expired screening is as good as none).
    retention: Retention,
}

impl App {
    /// The core on `store`, starting rests through the running engine's `timers` handle.
    pub fn new(store: Arc<dyn Store>, timers: TimerHandle) -> Self {
        Self {
            store,
            timers,
            public_posts: Arc::new(limits::PublicPostLimit::new(
                crate::config::DEFAULT_PUBLIC_POSTS_PER_USER,
                Duration::from_secs(u64::from(crate::config::DEFAULT_PUBLIC_POST_WINDOW_SECS)),
            )),
            challenge_wake: Arc::new(tokio::sync::Notify::new()),
            retention: Retention::default(),
        }
    }

    /// Sets how long stored things count, as the operator configured it.
    pub fn with_retention(mut self, retention: Retention) -> Self {
        self.retention = retention;
        self
    }

    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// What the challenge poster waits on besides its own schedule.
    pub fn challenge_wakeup(&self) -> Arc<tokio::sync::Notify> {
        self.challenge_wake.clone()
    }

    pub fn wake_challenge_poster(&self) {
        self.challenge_wake.notify_one();
    }

    /// Sets how many public posts (countdowns, shared answers) one user may cause per window.
    pub fn with_public_post_limit(mut self, per_window: u32, window: Duration) -> Self {
        self.public_posts = Arc::new(limits::PublicPostLimit::new(per_window, window));
        self
    }

    /// Takes one public post from the user's allowance; refuses politely when it is spent.
    pub fn allow_public_post(&self, user_id: UserId) -> Result<(), AppError> {
        Ok(self.public_posts.check(user_id)?)
    }

    pub fn rest(&self) -> &TimerHandle {
        &self.timers
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// A shared handle to the store, for background tasks.
    pub fn shared_store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Runs one command.
    // The request is not recorded: it can hold health questions and personal numbers.
    #[tracing::instrument(skip(self, request), fields(user = %caller.user_id))]
    pub async fn handle(&self, caller: &Caller, request: Request) -> Result<Reply, AppError> {
        // A countdown is a public post whatever the reply, so `/rest start` checks the
        // allowance itself (after validating, so a typo costs nothing); other answers that
        // would be shared are shown privately instead once the allowance is spent.
        let posts_countdown = matches!(request, Request::RestStart { .. });
        let mut reply = within_limit(self.answer(caller, request)).await?;
        if !posts_countdown && !reply.ephemeral {
            if let Err(AppError::User(refusal)) = self.allow_public_post(caller.user_id) {
                reply = reply.ephemeral();
                let note = format!("{} This answer is shown only to you.", refusal.message());
                reply.content = Some(match reply.content.take() {
                    Some(content) => format!("{note}\n{content}"),
                    None => note,
                });
            }
        }
        Ok(reply)
    }

    async fn answer(&self, caller: &Caller, request: Request) -> Result<Reply, AppError> {
        let store = self.store();
        let user_id = caller.user_id;
        match request {
            Request::Learn { topic } => {
                Ok(learn::page_reply(topic.unwrap_or(learn::DEFAULT_TOPIC)))
            }
            Request::Screening => Ok(screening::start()),
            Request::RestStart(start) => {
                rest::start(self.rest(), store, &self.public_posts, caller, start).await
            }
            Request::RestCancel => rest::cancel(self.rest(), caller).await,
            Request::RestList => rest::list(self.rest(), caller).await,
            Request::RestRemove { user_id } => rest::remove(self.rest(), caller, user_id).await,
            Request::Ask { question, public } => Ok(ask::ask(&question, public)?),
            Request::ConfigAskChannel { channel_id } => {
                guild_config::set_ask_channel(store, caller, channel_id).await
            }
            Request::OneRepMaxSet {
                exercise,
                weight,
                unit,
                public,
            } => one_rep_max::set(store, user_id, &exercise, weight, unit, public).await,
            Request::OneRepMaxEstimate(input) => one_rep_max::estimate(store, user_id, input).await,
            Request::OneRepMaxList { public } => one_rep_max::list(store, user_id, public).await,
            Request::OneRepMaxHistory { exercise, public } => {
                one_rep_max::history(store, user_id, &exercise, public).await
            }
            Request::OneRepMaxDelete { exercise } => {
                one_rep_max::delete(store, user_id, &exercise).await
            }
            Request::Settings(change) => settings::settings(store, user_id, change).await,
            Request::Session(request) => {
                session::session(store, user_id, self.retention, request).await
            }
            Request::DataExport => data::export(self, caller).await,
            Request::DataDelete => Ok(data::delete_prompt(caller)),
            Request::Challenge(command) => challenge::handle(self, caller, *command).await,
            // The floor of the command benchmark: the whole path of a command but no work.
            Request::Ping => Ok(Reply::text("pong").ephemeral()),
        }
    }

    /// Exercise names for autocomplete: the user's own first, then the built-in list.
    pub async fn exercise_suggestions(
        &self,
        user_id: UserId,
        partial: &str,
    ) -> Result<Vec<String>, AppError> {
        exercise::suggestions(self.store(), user_id, partial).await
    }

    /// A message that mentions the bot or was posted in an ask-channel; `None`: stay quiet.
    #[tracing::instrument(skip(self, text), fields(channel = %caller.channel_id))]
    pub async fn handle_message(
        &self,
        caller: &Caller,
        text: &str,
        mentions_bot: bool,
    ) -> Result<Option<Reply>, AppError> {
        let origin = if mentions_bot {
            ask::MessageOrigin::Mention
        } else {
            // Without the message-content intent, text is empty: nothing to triage.
            let Some(guild_id) = caller.guild_id.filter(|_| !text.trim().is_empty()) else {
                return Ok(None);
            };
            let settings =
                within_limit(async { Ok(self.store().guild_settings(guild_id).await?) }).await?;
            if settings.ask_channel_id != Some(caller.channel_id) {
                return Ok(None);
            }
            ask::MessageOrigin::AskChannel
        };
        let Some(answer) = ask::on_message(text, origin) else {
            return Ok(None);
        };
        // Health and emergency answers always go out; chatter past the allowance does not.
        if !answer.is_safety && self.allow_public_post(caller.user_id).is_err() {
            tracing::debug!("public post allowance spent; not answering a mention");
            return Ok(None);
        }
        Ok(Some(answer.reply))
    }

    /// Answers a button press or menu choice, routed by the component's custom ID.
    /// `message_owner` is who ran the command that posted the message, when known;
    /// `presser_name` is the presser's name in the server (for a challenge's chart).
    // The custom ID is not recorded whole: a screening button carries the answers so far.
    #[tracing::instrument(
        skip(self, custom_id, values, presser_name),
        fields(user = %caller.user_id, component = components::loggable_custom_id(custom_id))
    )]
    pub async fn handle_component(
        &self,
        caller: &Caller,
        custom_id: &str,
        values: &[String],
        message_owner: Option<UserId>,
        presser_name: Option<&str>,
    ) -> Result<ComponentReply, AppError> {
        within_limit(components::route(
            self,
            caller,
            custom_id,
            values,
            message_owner,
            presser_name,
        ))
        .await
    }
}

/// How long one request may take before it is answered as "temporarily unavailable". The
/// server ends a slow statement (`statement_timeout`) and the pool bounds the wait for a
/// connection, but nothing ends a statement in flight on a link that died silently until TCP
/// gives up, minutes later. A request is a few statements of milliseconds each, so this is
/// reached only on such a link.
pub const ANSWER_LIMIT: Duration = Duration::from_secs(10);

async fn within_limit<T>(
    work: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    match tokio::time::timeout(ANSWER_LIMIT, work).await {
        Ok(outcome) => outcome,
        Err(_) => Err(AppError::Unavailable(
            format!("no answer within {} s", ANSWER_LIMIT.as_secs()).into(),
        )),
    }
}
