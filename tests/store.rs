//! One store test suite, run on SQLite always and on PostgreSQL when TEST_POSTGRES_URL is set.

mod support;

use std::sync::Arc;

use bfr_coach::domain::strength::Unit;
use bfr_coach::store::{self, Backend, GuildSettings, Store, UserSettings};
use support::{temp_postgres, temp_sqlite};

/// Runs `suite` against a fresh SQLite database and, when configured, a fresh PostgreSQL schema.
macro_rules! on_both_backends {
    ($name:ident, $suite:ident) => {
        #[tokio::test]
        async fn $name() {
            let sqlite = temp_sqlite();
            let store = store::connect(&sqlite.url).await.unwrap();
            assert_eq!(store.backend(), Backend::Sqlite);
            $suite(store.clone()).await;
            store.close().await;

            if let Some(url) = temp_postgres(stringify!($name)).await {
                let store = store::connect(&url).await.unwrap();
                assert_eq!(store.backend(), Backend::Postgres);
                $suite(store.clone()).await;
                store.close().await;
            }
        }
    };
}

on_both_backends!(user_settings_default_then_round_trip, user_settings_suite);
on_both_backends!(guild_settings_default_then_round_trip, guild_settings_suite);
on_both_backends!(migrations_are_idempotent, migrate_again_suite);
on_both_backends!(large_snowflakes_round_trip, large_ids_suite);

async fn user_settings_suite(store: Arc<dyn Store>) {
    assert_eq!(
        store.user_settings(42).await.unwrap(),
        UserSettings::default()
    );

    let settings = UserSettings {
        units: Unit::Lb,
        load_step: Some(5.0),
        time_zone: "Europe/Berlin".into(),
    };
    store.save_user_settings(42, &settings).await.unwrap();
    assert_eq!(store.user_settings(42).await.unwrap(), settings);

    let changed = UserSettings {
        units: Unit::Kg,
        load_step: None,
        ..settings
    };
    store.save_user_settings(42, &changed).await.unwrap();
    assert_eq!(store.user_settings(42).await.unwrap(), changed);
    assert_eq!(
        store.user_settings(43).await.unwrap(),
        UserSettings::default()
    );
}

async fn guild_settings_suite(store: Arc<dyn Store>) {
    assert_eq!(
        store.guild_settings(7).await.unwrap(),
        GuildSettings::default()
    );
    let settings = GuildSettings {
        ask_channel_id: Some(1_300_000_000_000_000_001),
    };
    store.save_guild_settings(7, &settings).await.unwrap();
    assert_eq!(store.guild_settings(7).await.unwrap(), settings);
    store
        .save_guild_settings(7, &GuildSettings::default())
        .await
        .unwrap();
    assert_eq!(
        store.guild_settings(7).await.unwrap(),
        GuildSettings::default()
    );
}

async fn migrate_again_suite(store: Arc<dyn Store>) {
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
}

async fn large_ids_suite(store: Arc<dyn Store>) {
    let id = (1u64 << 63) - 1;
    let settings = UserSettings {
        units: Unit::Lb,
        ..UserSettings::default()
    };
    store.save_user_settings(id, &settings).await.unwrap();
    assert_eq!(store.user_settings(id).await.unwrap(), settings);
    assert!(
        store.user_settings(u64::MAX).await.is_err(),
        "IDs above 2^63 are refused"
    );
}
