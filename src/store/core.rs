//! The parts of the store every backend shares: identity, migrations, shutdown.

/// Implements [`Store`](crate::store::Store) for a store type with a `pool` field.
/// `before_migrations` is SQL run on the migrating connection first, to lift limits meant
/// for requests (a migration may rightly take longer than a request's statement timeout).
macro_rules! impl_store {
    ($store:ty, $backend:expr, $migrations:literal) => {
        $crate::store::core::impl_store!(@with $store, $backend, store => {
            // Through the pool: a `sqlite::memory:` database lives only while one of the
            // pool's connections is open, so the migrated connection must stay in it.
            sqlx::migrate!($migrations).run(&store.pool).await?;
            Ok(())
        });
    };
    ($store:ty, $backend:expr, $migrations:literal, before_migrations = $setup:literal) => {
        $crate::store::core::impl_store!(@with $store, $backend, store => {
            use sqlx::Connection as _;
            // Detached, so the lifted limits never reach a request through the pool.
            let mut connection = store.pool.acquire().await?.detach();
            sqlx::query($setup).execute(&mut connection).await?;
            // `run` on a connection fails to prove `Acquire` for every lifetime inside
            // this Send future; `run_direct` is sqlx's own way around that.
            sqlx::migrate!($migrations)
                .run_direct(&mut connection)
                .await?;
            connection.close().await?;
            Ok(())
        });
    };
    (@with $store:ty, $backend:expr, $this:ident => $migrate:block) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            fn backend(&self) -> $crate::store::Backend {
                $backend
            }

            async fn migrate(&self) -> Result<(), $crate::store::StoreError> {
                let $this = self;
                $migrate
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            async fn ping(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }
        }
    };
}

pub(super) use impl_store;
