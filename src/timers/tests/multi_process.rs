//! Several engines on one repository: every ping exactly once, dead claims taken over.

use std::collections::HashMap;

use tokio::time::Duration;

use super::fake_sender::FakeSender;
use super::harness::{advance_to, ms_since, rest, stored, world, Process, TestResult, T0};
use crate::timers::{TimerRepo, TimerState};

/// A small deterministic generator, so failures replay.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

/// Each user has one rest; counts how often each user was pinged across all messages.
fn pings_per_user(sender: &FakeSender) -> HashMap<u64, usize> {
    let mut counts = HashMap::new();
    for ping in sender.pings() {
        for user in ping.users {
            *counts.entry(user).or_insert(0) += 1;
        }
    }
    counts
}

#[tokio::test(start_paused = true)]
async fn two_engines_on_one_database_ping_every_rest_exactly_once() -> TestResult {
    for seed in 1..=5u64 {
        let (repo, _, clock, start) = world();
        let sender = std::sync::Arc::new(FakeSender::with_latency(Duration::from_millis(40)));
        let engines = [
            Process::start(&repo, &sender, "a", clock).await?,
            Process::start(&repo, &sender, "b", clock).await?,
        ];
        let mut random = Lcg(seed);
        let users = 300u64;
        for user in 1..=users {
            let engine = &engines[usize::try_from(random.below(2))?];
            let channel = 100 + random.below(40);
            let secs = 5 + random.below(120);
            engine.handle.schedule(rest(user, channel, secs)).await?;
            if random.below(3) == 0 {
                advance_to(
                    start,
                    ms_since(start, tokio::time::Instant::now()) as f64 / 1000.0 + 0.3,
                )
                .await;
            }
        }
        advance_to(start, 400.0).await;
        let counts = pings_per_user(&sender);
        assert_eq!(counts.len(), usize::try_from(users)?, "seed {seed}");
        assert!(counts.values().all(|&n| n == 1), "seed {seed}: {counts:?}");
        assert_eq!(repo.count(TimerState::Sent), usize::try_from(users)?);
        let late = sender
            .pings()
            .iter()
            .filter(|p| p.content.contains("late"))
            .count();
        assert_eq!(late, 0, "seed {seed}");
        for engine in engines {
            engine.stop().await;
        }
    }
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn both_engines_racing_for_each_timer_send_it_once() -> TestResult {
    let (repo, sender, clock, start) = world();
    let engines = [
        Process::start(&repo, &sender, "a", clock).await?,
        Process::start(&repo, &sender, "b", clock).await?,
    ];
    // Stored behind both engines' backs: each adopts every timer ahead of its end through
    // its recovery poll, so both wake for every one of them at the same instant.
    for user in 1..=50u64 {
        let ends_at = T0 + 20_000 + i64::try_from(user % 7)? * 1000;
        stored(&repo, user, 200 + user % 5, ends_at).await?;
    }
    advance_to(start, 60.0).await;
    let counts = pings_per_user(&sender);
    assert_eq!(counts.len(), 50);
    assert!(counts.values().all(|&n| n == 1));
    for ping in sender.pings() {
        let at = ms_since(start, ping.at);
        assert!(at <= 27_000 && at == at / 1000 * 1000, "sent at {at} ms");
    }
    for engine in engines {
        engine.stop().await;
    }
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_claim_left_by_a_dead_process_is_sent_after_its_lease() -> TestResult {
    let (repo, sender, clock, start) = world();
    let timer = stored(&repo, 1, 10, T0).await?;
    let won = repo.claim(&[timer.id], "dead", T0, 30_000).await?;
    assert_eq!(won.len(), 1);
    let survivor = Process::start(&repo, &sender, "b", clock).await?;
    advance_to(start, 29.0).await;
    assert!(sender.pings().is_empty());
    advance_to(start, 60.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    let at = ms_since(start, pings[0].at);
    assert!((30_000..=36_000).contains(&at), "sent at {at} ms");
    assert!(pings[0].content.contains("late by 3"));
    assert_eq!(repo.state(timer.id), Some(TimerState::Sent));
    survivor.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_crashed_engine_is_covered_by_the_survivor() -> TestResult {
    let (repo, sender, clock, start) = world();
    let doomed = Process::start(&repo, &sender, "a", clock).await?;
    let survivor = Process::start(&repo, &sender, "b", clock).await?;
    for user in 1..=20u64 {
        doomed
            .handle
            .schedule(rest(user, 10 + user, 10 + user * 2))
            .await?;
    }
    advance_to(start, 21.0).await;
    doomed.crash();
    advance_to(start, 120.0).await;
    let counts = pings_per_user(&sender);
    assert_eq!(counts.len(), 20);
    assert!(counts.values().all(|&n| n == 1));
    assert!(sender.pings().iter().all(|p| !p.content.contains("late")));
    survivor.stop().await;
    Ok(())
}
