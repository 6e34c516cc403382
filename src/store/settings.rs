//! User and server settings.

use async_trait::async_trait;

use super::{GuildSettings, StoreError, UserSettings};
use crate::domain::ids::{GuildId, UserId};

#[async_trait]
pub trait SettingsStore: Send + Sync {
    /// The user's settings, or the defaults when they never changed any.
    async fn user_settings(&self, user_id: UserId) -> Result<UserSettings, StoreError>;

    async fn save_user_settings(
        &self,
        user_id: UserId,
        settings: &UserSettings,
    ) -> Result<(), StoreError>;

    /// The server's settings, or the defaults.
    async fn guild_settings(&self, guild_id: GuildId) -> Result<GuildSettings, StoreError>;

    async fn save_guild_settings(
        &self,
        guild_id: GuildId,
        settings: &GuildSettings,
    ) -> Result<(), StoreError>;

    /// The length of the user's last rest, the default for their next one.
    async fn last_rest_seconds(&self, user_id: UserId) -> Result<Option<u32>, StoreError>;

    async fn save_last_rest_seconds(&self, user_id: UserId, seconds: u32)
        -> Result<(), StoreError>;
}

/// A user's settings from their stored columns.
pub(super) fn user_settings_from(
    units: String,
    load_step: Option<f64>,
    time_zone: String,
) -> Result<UserSettings, StoreError> {
    Ok(UserSettings {
        units: crate::domain::strength::Unit::parse(&units)
            .map_err(|_| StoreError::Corrupt(format!("unknown units {units:?}")))?,
        load_step,
        time_zone,
    })
}

/// Implements [`SettingsStore`] for a store type with a `pool` field; the SQL is portable.
macro_rules! impl_settings_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SettingsStore for $store {
            #[tracing::instrument(skip(self), err)]
            async fn user_settings(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<$crate::store::UserSettings, $crate::store::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query(
                    "SELECT units, load_step, time_zone FROM user_settings WHERE user_id = $1",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok($crate::store::UserSettings::default());
                };
                $crate::store::settings::user_settings_from(
                    row.try_get("units")?,
                    row.try_get("load_step")?,
                    row.try_get("time_zone")?,
                )
            }

            #[tracing::instrument(skip(self), err)]
            async fn save_user_settings(
                &self,
                user_id: $crate::domain::ids::UserId,
                settings: &$crate::store::UserSettings,
            ) -> Result<(), $crate::store::StoreError> {
                let user_id = $crate::store::ids::to_db(user_id)?;
                let now = chrono::Utc::now();
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO users (user_id, created_at) VALUES ($1, $2) \
                     ON CONFLICT (user_id) DO NOTHING",
                )
                .bind(user_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO user_settings (user_id, units, load_step, time_zone, updated_at) \
                     VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (user_id) DO UPDATE SET units = excluded.units, \
                     load_step = excluded.load_step, time_zone = excluded.time_zone, \
                     updated_at = excluded.updated_at",
                )
                .bind(user_id)
                .bind(settings.units.as_str())
                .bind(settings.load_step)
                .bind(&settings.time_zone)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(skip(self), err)]
            async fn guild_settings(
                &self,
                guild_id: $crate::domain::ids::GuildId,
            ) -> Result<$crate::store::GuildSettings, $crate::store::StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query(
                    "SELECT ask_channel_id, coach_role_id FROM guild_settings WHERE guild_id = $1",
                )
                    .bind($crate::store::ids::to_db(guild_id)?)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(row) = row else {
                    return Ok($crate::store::GuildSettings::default());
                };
                let ask_channel_id: Option<i64> = row.try_get("ask_channel_id")?;
                let coach_role_id: Option<i64> = row.try_get("coach_role_id")?;
                Ok($crate::store::GuildSettings {
                    ask_channel_id: ask_channel_id.map($crate::store::ids::from_db).transpose()?,
                    coach_role_id: coach_role_id.map($crate::store::ids::from_db).transpose()?,
                })
            }

            #[tracing::instrument(skip(self), err)]
            async fn save_guild_settings(
                &self,
                guild_id: $crate::domain::ids::GuildId,
                settings: &$crate::store::GuildSettings,
            ) -> Result<(), $crate::store::StoreError> {
                let ask_channel_id = settings
                    .ask_channel_id
                    .map($crate::store::ids::to_db)
                    .transpose()?;
                let coach_role_id = settings
                    .coach_role_id
                    .map($crate::store::ids::to_db)
                    .transpose()?;
                sqlx::query(
                    "INSERT INTO guild_settings (guild_id, ask_channel_id, coach_role_id, \
                       updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (guild_id) DO UPDATE SET \
                     ask_channel_id = excluded.ask_channel_id, \
                     coach_role_id = excluded.coach_role_id, updated_at = excluded.updated_at",
                )
                .bind($crate::store::ids::to_db(guild_id)?)
                .bind(ask_channel_id)
                .bind(coach_role_id)
                .bind(chrono::Utc::now())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            #[tracing::instrument(skip(self), err)]
            async fn last_rest_seconds(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Option<u32>, $crate::store::StoreError> {
                let seconds: Option<i32> = sqlx::query_scalar(
                    "SELECT last_rest_seconds FROM rest_defaults WHERE user_id = $1",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .fetch_optional(&self.pool)
                .await?;
                Ok(seconds.and_then(|s| u32::try_from(s).ok()))
            }

            #[tracing::instrument(skip(self), err)]
            async fn save_last_rest_seconds(
                &self,
                user_id: $crate::domain::ids::UserId,
                seconds: u32,
            ) -> Result<(), $crate::store::StoreError> {
                let seconds = i32::try_from(seconds).map_err(|_| {
                    $crate::store::StoreError::Corrupt(format!("rest of {seconds} s"))
                })?;
                sqlx::query(
                    "INSERT INTO rest_defaults (user_id, last_rest_seconds) VALUES ($1, $2) \
                     ON CONFLICT (user_id) DO UPDATE SET last_rest_seconds = excluded.last_rest_seconds",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .bind(seconds)
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }
    };
}

pub(super) use impl_settings_store;
