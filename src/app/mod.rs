//! The transport-neutral core: every command's logic lives here, and both the Discord adapter
//! and the local console drive it. Handlers take a [`Caller`] and a typed request and return a
//! [`Reply`]; they never see Discord types.

pub mod components;
pub mod learn;
pub mod reply;
pub mod request;

use std::sync::Arc;

pub use reply::{ComponentReply, Reply};
pub use request::Request;

use crate::error::AppError;
use crate::store::Store;

/// Who is asking, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub user_id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
}

/// Shared state for all requests: cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
}

impl App {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Runs one command.
    #[tracing::instrument(skip(self), fields(user = caller.user_id))]
    pub async fn handle(&self, caller: &Caller, request: Request) -> Result<Reply, AppError> {
        match request {
            Request::Learn { topic } => {
                Ok(learn::page_reply(topic.unwrap_or(learn::DEFAULT_TOPIC)))
            }
        }
    }

    /// Answers a button press or menu choice, routed by the component's custom ID.
    #[tracing::instrument(skip(self, values), fields(user = caller.user_id))]
    pub async fn handle_component(
        &self,
        caller: &Caller,
        custom_id: &str,
        values: &[String],
    ) -> Result<ComponentReply, AppError> {
        components::route(self, caller, custom_id, values).await
    }
}
