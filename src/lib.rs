//! bfr-coach: a Discord bot that coaches blood-flow-restriction (occlusion) training.
//!
//! Layers, from the inside out:
//! - [`domain`]: pure rules and texts (no Discord, no database), unit-tested directly;
//! - [`store`]: one typed storage API with SQLite and PostgreSQL implementations;
//! - [`app`]: the transport-neutral command core;
//! - [`discord`] and [`console`]: thin adapters that parse input, call [`app`] and render.

pub mod app;
pub mod chart;
pub mod cli;
pub mod config;
pub mod console;
pub mod discord;
pub mod domain;
pub mod error;
pub mod ops;
pub mod store;
pub mod timers;
pub mod triage_cli;
