//! What the bot keeps per server, and forgetting it when the bot leaves.

use async_trait::async_trait;

use super::StoreError;
use crate::domain::ids::GuildId;

/// What [`GuildStore::forget_guild`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForgottenGuild {
    /// Rests that will now never be announced (pending, or claimed but not yet sent), by
    /// ID so the running engine can drop them too.
    pub canceled_rests: Vec<crate::timers::TimerId>,
    /// Whether the server had settings (e.g. an ask-channel).
    pub settings_deleted: bool,
}

#[async_trait]
pub trait GuildStore: Send + Sync {
    /// The bot left the server (removed, or the server was deleted): in one transaction,
    /// cancels its rests that are not yet announced and deletes its settings. Claimed rests
    /// are canceled too: a claim only ever finishes through `state = 'claimed'`, so the
    /// process holding it can neither mark it sent nor renew it, and no other process can
    /// claim it again.
    async fn forget_guild(&self, guild_id: GuildId) -> Result<ForgottenGuild, StoreError>;
}

/// Implements [`GuildStore`] for a store type with a `pool` field; the SQL is portable.
macro_rules! impl_guild_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::GuildStore for $store {
            #[tracing::instrument(skip(self), err)]
            async fn forget_guild(
                &self,
                guild_id: $crate::domain::ids::GuildId,
            ) -> Result<$crate::store::ForgottenGuild, $crate::store::StoreError> {
                let guild_id = $crate::store::ids::to_db(guild_id)?;
                let mut tx = self.pool.begin().await?;
                let mut canceled: Vec<i64> = sqlx::query_scalar(
                    "UPDATE rest_timers SET state = 'canceled' \
                     WHERE guild_id = $1 AND state IN ('pending', 'claimed') RETURNING id",
                )
                .bind(guild_id)
                .fetch_all(&mut *tx)
                .await?;
                canceled.sort_unstable();
                let settings = sqlx::query("DELETE FROM guild_settings WHERE guild_id = $1")
                    .bind(guild_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok($crate::store::ForgottenGuild {
                    canceled_rests: canceled.into_iter().map($crate::timers::TimerId).collect(),
                    settings_deleted: settings.rows_affected() > 0,
                })
            }
        }
    };
}

pub(super) use impl_guild_store;
