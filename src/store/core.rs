//! The parts of the store every backend shares: identity, migrations, shutdown.

/// Implements [`Store`](crate::store::Store) for a store type with a `pool` field.
macro_rules! impl_store {
    ($store:ty, $backend:expr, $migrations:literal) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            fn backend(&self) -> $crate::store::Backend {
                $backend
            }

            async fn migrate(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::migrate!($migrations).run(&self.pool).await?;
                Ok(())
            }

            async fn close(&self) {
                self.pool.close().await;
            }
        }
    };
}

pub(super) use impl_store;
