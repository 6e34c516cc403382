//! The Discord adapter: builds the serenity client and poise framework, and maps interactions
//! to the core. Nothing here decides what the bot says.

mod challenge_sender;
pub mod commands;
mod errors;
mod events;
mod gateway_watch;
mod http_client;
mod ids;
mod observe;
pub mod permissions;
mod rate_headers;
pub mod render;
mod timer_sender;

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{oneshot, watch};

use poise::serenity_prelude as serenity;

use crate::app::App;
use crate::config::Config;
use crate::error::AppError;
use crate::store::Store;
use crate::timers;

/// State shared by all commands and events.
pub struct Data {
    pub app: App,
}

pub type Context<'a> = poise::Context<'a, Data, AppError>;

/// Slash commands and buttons arrive regardless of intents. Guild events keep the cache that
/// permission checks use; guild messages let the bot answer mentions (whose text Discord always
/// includes). Reading every message of an ask-channel needs the privileged Message Content
/// intent, requested only when configured, since Discord refuses a connection that asks for it
/// without the Developer Portal switch.
pub fn intents(config: &Config) -> serenity::GatewayIntents {
    let mut intents = serenity::GatewayIntents::GUILDS | serenity::GatewayIntents::GUILD_MESSAGES;
    if config.message_content_intent {
        intents |= serenity::GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// Connects to Discord and serves until `shutdown` completes or the gateway fails for good.
///
/// Start-up order: the client (whose HTTP the engine's sender shares, so both obey one
/// ratelimiter), then the rest engine (overdue pings need only REST), then the core on top
/// of both, handed to the framework when the gateway is ready.
pub async fn run(
    config: &Config,
    store: Arc<dyn Store>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), AppError> {
    let token = config.discord_token().map_err(AppError::internal)?;
    let (app_ready, app_for_setup) = oneshot::channel::<App>();
    let guild_id = config.discord_guild_id.map(serenity::GuildId::new);

    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::for_config(config),
            allowed_mentions: Some(render::no_pings()),
            on_error: |error| Box::pin(errors::on_error(error)),
            event_handler: |framework, event| Box::pin(events::handle(framework, event)),
            ..Default::default()
        })
        // Owners are not used by any command; skipping the lookup saves a REST call.
        .initialize_owners(false)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(bot = %ready.user.name, guilds = ready.guilds.len(), "connected");
                let commands = &framework.options().commands;
                match guild_id {
                    Some(guild_id) => {
                        poise::builtins::register_in_guild(ctx, commands, guild_id).await?;
                        tracing::info!(%guild_id, count = commands.len(), "registered commands in guild");
                    }
                    None => {
                        poise::builtins::register_globally(ctx, commands).await?;
                        tracing::info!(count = commands.len(), "registered commands globally");
                    }
                }
                let app = app_for_setup.await.map_err(|_| {
                    AppError::internal("the bot stopped before its core was ready")
                })?;
                Ok(Data { app })
            })
        })
        .build();

    let http = http_client::build(config, token)?;
    let mut client = serenity::ClientBuilder::new_with_http(http, intents(config))
        .framework(framework)
        .await?;

    let (stop_engine, engine_stopped) = watch::channel(false);
    let sender = Arc::new(timer_sender::DiscordTimerSender::new(client.http.clone()));
    let engine = timers::start_engine(
        store.clone(),
        timers::Side::Discord,
        sender,
        config.engine_limits(),
        engine_stopped,
    )
    .await
    .map_err(AppError::internal)?;
    let store_for_health = store.clone();
    let app = App::new(store, engine.handle())
        .with_public_post_limit(
            config.public_posts_per_user,
            std::time::Duration::from_secs(u64::from(config.public_post_window_secs)),
        )
        .with_retention(config.retention);
    let jobs = crate::app::jobs::BackgroundJobs::start(
        &app,
        config.retention,
        Arc::new(challenge_sender::DiscordChallengeSender::new(
            client.http.clone(),
        )),
        crate::store::GuildScope::AllBut(crate::console::CONSOLE_GUILD_ID),
        &stop_engine,
    );
    // The framework's setup waits for it; it only fails if setup already gave up.
    let _ = app_ready.send(app);

    if let Some(addr) = config.metrics_addr {
        let metrics = crate::ops::install_recorder().map_err(AppError::internal)?;
        let health = Arc::new(crate::ops::Health::new(store_for_health.clone()));
        let server_stop = stop_engine.subscribe();
        let served = health.clone();
        tokio::spawn(async move {
            if let Err(error) = crate::ops::serve(addr, metrics, served, server_stop).await {
                tracing::error!(%error, %addr, "the metrics and health listener stopped");
            }
        });
        tokio::spawn(gateway_watch::run(
            client.shard_manager.clone(),
            health,
            stop_engine.subscribe(),
        ));
    }
    let shard_manager = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down");
        let _ = stop_engine.send(true);
        shard_manager.shutdown_all().await;
    });

    let outcome = match config.shards {
        // serenity's range is inclusive at both ends despite its `Range` type.
        Some(shards) => {
            tracing::info!(
                first = shards.first,
                last = shards.last,
                count = shards.count,
                "starting gateway shards"
            );
            client
                .start_shard_range(shards.first..shards.last, shards.count)
                .await
        }
        None => client.start().await,
    };
    engine.join().await;
    jobs.join().await;
    outcome?;
    Ok(())
}
