//! Engine tests on tokio's paused clock, with an in-memory repository and a recording sender.

mod engine;
mod fake_sender;
mod harness;
mod multi_process;
