//! One engine: timing, cancel/extend, grouping, Discord failures, restarts.

use tokio::time::Duration;

use super::fake_sender::Kind;
use super::harness::{
    advance_to, channel, ms_since, rest, stored, user, world, Process, TestResult, T0,
};
use crate::domain::ids::{MessageId, RoleId};
use crate::timers::{JoinOutcome, Priority, RestRequest, SendError, TimerState};

#[tokio::test(start_paused = true)]
async fn pings_exactly_at_the_end() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let request = RestRequest {
        next_set: Some("Set 2: 15 reps at 32.5 kg".into()),
        ..rest(1, 10, 90)
    };
    let timer = process.handle.schedule(request).await?.timer;
    assert_eq!(timer.ends_at_ms, T0 + 90_000);
    advance_to(start, 120.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert_eq!(ms_since(start, pings[0].at), 90_000);
    assert_eq!(
        pings[0].content,
        "<@1> rest over! Next: Set 2: 15 reps at 32.5 kg"
    );
    assert_eq!(pings[0].users, vec![1]);
    assert_eq!(pings[0].nonce, format!("p{}", timer.id));
    assert_eq!(repo.state(timer.id), Some(TimerState::Sent));
    assert!(repo.sent_message_id(timer.id).is_some());
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn extending_moves_the_ping() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let timer = process.handle.schedule(rest(1, 10, 30)).await?.timer;
    advance_to(start, 10.0).await;
    assert!(process
        .handle
        .extend(timer.id, user(2), Duration::from_secs(15))
        .await?
        .is_none());
    let extended = process
        .handle
        .extend(timer.id, user(1), Duration::from_secs(15))
        .await?;
    assert_eq!(extended.map(|t| t.ends_at_ms), Some(T0 + 45_000));
    advance_to(start, 100.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert_eq!(ms_since(start, pings[0].at), 45_000);
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn cancelled_rests_do_not_ping() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let first = process.handle.schedule(rest(1, 10, 30)).await?.timer;
    let second = process.handle.schedule(rest(2, 10, 30)).await?.timer;
    advance_to(start, 5.0).await;
    assert!(process
        .handle
        .cancel_timer(second.id, user(1))
        .await?
        .is_none());
    assert!(process.handle.cancel(user(1), channel(10)).await?.is_some());
    assert!(process
        .handle
        .cancel_timer(second.id, user(2))
        .await?
        .is_some());
    advance_to(start, 100.0).await;
    assert!(sender.ping_attempts().is_empty());
    assert_eq!(repo.state(first.id), Some(TimerState::Canceled));
    assert_eq!(repo.state(second.id), Some(TimerState::Canceled));
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn starting_again_replaces_the_running_rest() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let first = process.handle.schedule(rest(1, 10, 30)).await?.timer;
    process
        .handle
        .attach_countdown(first.id, MessageId::from_const(77))
        .await?;
    advance_to(start, 5.0).await;
    let second = process.handle.schedule(rest(1, 10, 60)).await?;
    assert_eq!(second.replaced.map(|t| t.id), Some(first.id));
    advance_to(start, 100.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert_eq!(ms_since(start, pings[0].at), 65_000);
    let edits: Vec<String> = sender
        .calls()
        .into_iter()
        .filter(|c| c.kind == Kind::Finish)
        .map(|c| c.content)
        .collect();
    assert_eq!(
        edits,
        vec!["↪️ Rest for <@1> replaced by a new one.".to_owned()]
    );
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn rests_ending_in_the_same_second_share_one_message() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    advance_to(start, 0.2).await;
    process.handle.schedule(rest(1, 10, 60)).await?;
    process.handle.schedule(rest(3, 11, 60)).await?;
    advance_to(start, 0.7).await;
    let group = RestRequest {
        also_ping: vec![user(4), user(1)],
        also_ping_roles: vec![RoleId::from_const(77), RoleId::from_const(77)],
        ..rest(2, 10, 60)
    };
    process.handle.schedule(group).await?;
    advance_to(start, 100.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 2);
    let channel_10: Vec<_> = pings.iter().filter(|p| p.channel_id == 10).collect();
    assert_eq!(channel_10.len(), 1);
    assert_eq!(channel_10[0].users, vec![1, 2, 4]);
    assert_eq!(
        channel_10[0].roles,
        vec![77],
        "roles survive the claim, once each"
    );
    assert!(channel_10[0]
        .content
        .starts_with("<@1> <@2> <@4> <@&77> rest over!"));
    assert_eq!(ms_since(start, channel_10[0].at), 61_000);
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn rate_limits_delay_but_do_not_duplicate() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.fail_pings_with([SendError::RateLimited {
        retry_after: Duration::from_secs(3),
        global: false,
    }]);
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let timer = process.handle.schedule(rest(1, 10, 20)).await?.timer;
    advance_to(start, 60.0).await;
    let attempts = sender.ping_attempts();
    assert_eq!(attempts.len(), 2);
    assert!(!attempts[0].ok());
    assert_eq!(ms_since(start, attempts[0].at), 20_000);
    assert!(attempts[1].ok());
    assert_eq!(ms_since(start, attempts[1].at), 23_000);
    assert_eq!(attempts[0].nonce, attempts[1].nonce);
    assert_eq!(repo.state(timer.id), Some(TimerState::Sent));
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_global_rate_limit_pauses_every_channel() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.fail_pings_with([SendError::RateLimited {
        retry_after: Duration::from_secs(4),
        global: true,
    }]);
    let process = Process::start(&repo, &sender, "a", clock).await?;
    process.handle.schedule(rest(1, 10, 20)).await?;
    process.handle.schedule(rest(2, 11, 21)).await?;
    advance_to(start, 60.0).await;
    let sent: Vec<(u64, u128)> = sender
        .pings()
        .iter()
        .map(|p| (p.channel_id, ms_since(start, p.at)))
        .collect();
    assert_eq!(sent, vec![(10, 24_000), (11, 24_000)]);
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn server_errors_are_retried_with_backoff() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.fail_pings_with([
        SendError::Server("502".into()),
        SendError::Server("503".into()),
    ]);
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let timer = process.handle.schedule(rest(1, 10, 20)).await?.timer;
    advance_to(start, 60.0).await;
    let attempts: Vec<(bool, u128)> = sender
        .ping_attempts()
        .iter()
        .map(|a| (a.ok(), ms_since(start, a.at)))
        .collect();
    assert_eq!(
        attempts,
        vec![(false, 20_000), (false, 20_500), (true, 21_500)]
    );
    assert_eq!(repo.state(timer.id), Some(TimerState::Sent));
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_gone_channel_fails_its_timer_and_the_rest_go_on() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.make_gone(7);
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let gone = process.handle.schedule(rest(1, 7, 10)).await?.timer;
    let fine = process.handle.schedule(rest(2, 8, 15)).await?.timer;
    advance_to(start, 60.0).await;
    assert_eq!(repo.state(gone.id), Some(TimerState::Failed));
    assert!(repo.failure(gone.id).is_some_and(|r| r.contains("404")));
    assert_eq!(sender.ping_attempts().len(), 2);
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert_eq!(ms_since(start, pings[0].at), 15_000);
    assert_eq!(repo.state(fine.id), Some(TimerState::Sent));
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn countdowns_are_posted_and_end_as_rest_over() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let request = RestRequest {
        post_countdown: true,
        label: Some("@everyone squats".into()),
        ..rest(1, 10, 30)
    };
    let timer = process.handle.schedule(request).await?.timer;
    advance_to(start, 60.0).await;
    let calls = sender.calls();
    let kinds: Vec<(Kind, u128)> = calls
        .iter()
        .map(|c| (c.kind, ms_since(start, c.at)))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Kind::Countdown, 0),
            (Kind::Ping, 30_000),
            (Kind::Finish, 30_000)
        ]
    );
    let unix = (T0 + 30_000) / 1000;
    assert_eq!(
        calls[0].content,
        format!("⏱️ Rest for <@1> (@\u{200B}everyone squats): ends <t:{unix}:R> (at <t:{unix}:T>)")
    );
    assert!(calls[2].content.starts_with("✅ Rest over for <@1>"));
    assert!(repo
        .get(timer.id)
        .and_then(|t| t.countdown_message_id)
        .is_some());
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_stopped_engine_leaves_the_timer_to_the_next_one() -> TestResult {
    let (repo, sender, clock, start) = world();
    let first = Process::start(&repo, &sender, "a", clock).await?;
    let timer = first.handle.schedule(rest(1, 10, 60)).await?.timer;
    advance_to(start, 10.0).await;
    first.stop().await;
    assert_eq!(repo.state(timer.id), Some(TimerState::Pending));
    advance_to(start, 20.0).await;
    let second = Process::start(&repo, &sender, "b", clock).await?;
    advance_to(start, 120.0).await;
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert_eq!(ms_since(start, pings[0].at), 60_000);
    assert!(!pings[0].content.contains("late"));
    second.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn ends_missed_while_offline_are_late_or_one_note_per_channel() -> TestResult {
    let (repo, sender, clock, start) = world();
    let late = stored(&repo, 9, 4, T0 - 30_000).await?;
    let long_ago = T0 - 20 * 60_000;
    for (user, channel) in [(1, 5), (2, 5), (3, 6), (1, 6)] {
        stored(&repo, user, channel, long_ago + i64::try_from(user)? * 1000).await?;
    }
    let process = Process::start(&repo, &sender, "a", clock).await?;
    advance_to(start, 30.0).await;
    let pings = sender.pings();
    assert!(pings.iter().all(|p| p.at == start));
    let late_pings: Vec<&str> = pings
        .iter()
        .filter(|p| p.channel_id == 4)
        .map(|p| p.content.as_str())
        .collect();
    assert_eq!(
        late_pings,
        vec!["<@9> rest over! (late by 30 s — the bot was delayed)"]
    );
    let mut notes: Vec<(u64, Vec<u64>)> = pings
        .iter()
        .filter(|p| p.content.contains("missed while offline"))
        .map(|p| (p.channel_id, p.users.clone()))
        .collect();
    notes.sort();
    assert_eq!(notes, vec![(5, vec![1, 2]), (6, vec![1, 3])]);
    assert_eq!(pings.len(), 3);
    assert_eq!(repo.state(late.id), Some(TimerState::Sent));
    assert_eq!(repo.count(TimerState::Sent), 5);
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_stopping_engine_gives_back_unsent_claims() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.fail_pings_with((0..4).map(|_| SendError::Server("500".into())));
    let first = Process::start(&repo, &sender, "a", clock).await?;
    let timer = first.handle.schedule(rest(1, 10, 10)).await?.timer;
    advance_to(start, 11.0).await;
    assert_eq!(repo.state(timer.id), Some(TimerState::Claimed));
    first.stop().await;
    // The claim is handed back by ending its lease, not by waiting 30 s for it.
    let second = Process::start(&repo, &sender, "b", clock).await?;
    advance_to(start, 60.0).await;
    assert_eq!(repo.state(timer.id), Some(TimerState::Sent));
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert!(ms_since(start, pings[0].at) < 20_000);
    assert!(sender.ping_attempts().len() >= 4);
    second.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn queued_countdown_edits_go_through_the_outbox() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let timer = process.handle.schedule(rest(1, 10, 30)).await?.timer;
    process
        .handle
        .attach_countdown(timer.id, MessageId::from_const(55))
        .await?;
    let canceled = process.handle.cancel(user(1), channel(10)).await?;
    let Some(canceled) = canceled else {
        return Err("the rest should be cancelled".into());
    };
    let text = crate::timers::texts::canceled_text(&canceled);
    process
        .handle
        .queue_countdown_edit(&canceled, text, Priority::Edit);
    advance_to(start, 60.0).await;
    let calls = sender.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].kind, Kind::Finish);
    assert_eq!(calls[0].content, "🛑 Rest for <@1> cancelled.");
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_countdown_not_yet_posted_is_not_posted_after_cancel() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let request = RestRequest {
        post_countdown: true,
        ..rest(1, 10, 30)
    };
    process.handle.schedule(request).await?;
    process.handle.cancel(user(1), channel(10)).await?;
    advance_to(start, 60.0).await;
    assert!(sender.calls().is_empty());
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_countdown_posted_while_cancelled_ends_as_cancelled() -> TestResult {
    let (repo, _, clock, start) = world();
    let sender = std::sync::Arc::new(super::fake_sender::FakeSender::with_latency(
        Duration::from_millis(40),
    ));
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let request = RestRequest {
        post_countdown: true,
        ..rest(1, 10, 30)
    };
    let timer = process.handle.schedule(request).await?.timer;
    advance_to(start, 0.01).await;
    process.handle.cancel_timer(timer.id, user(1)).await?;
    advance_to(start, 60.0).await;
    let calls: Vec<(Kind, String)> = sender
        .calls()
        .into_iter()
        .map(|c| (c.kind, c.content))
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].0, Kind::Countdown);
    assert_eq!(
        calls[1],
        (Kind::Finish, "🛑 Rest for <@1> cancelled.".to_owned())
    );
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn joining_adds_to_the_ping_and_leaving_leaves_the_group() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let hour = Duration::from_secs(3600);
    let timer = process.handle.schedule(rest(1, 10, 60)).await?.timer;
    assert_eq!(
        process.handle.join_or_leave(timer.id, user(1)).await?,
        JoinOutcome::OwnRest
    );
    assert!(matches!(
        process.handle.join_or_leave(timer.id, user(2)).await?,
        JoinOutcome::Joined(t) if t.ping_user_ids == [user(1), user(2)]
    ));
    assert!(matches!(
        process.handle.join_or_leave(timer.id, user(3)).await?,
        JoinOutcome::Joined(t) if t.ping_user_ids == [user(1), user(2), user(3)]
    ));
    assert_eq!(
        process
            .handle
            .current_group(user(1), channel(10), hour)
            .await?,
        [user(2), user(3)]
    );
    assert!(matches!(
        process.handle.join_or_leave(timer.id, user(3)).await?,
        JoinOutcome::Left(t) if t.ping_user_ids == [user(1), user(2)]
    ));
    assert_eq!(
        process
            .handle
            .current_group(user(1), channel(10), hour)
            .await?,
        [user(2)]
    );
    assert!(process
        .handle
        .current_group(user(1), channel(11), hour)
        .await?
        .is_empty());

    advance_to(start, 70.0).await;
    assert_eq!(sender.pings().len(), 1);
    assert_eq!(sender.pings()[0].users, vec![1, 2]);
    assert_eq!(
        process.handle.join_or_leave(timer.id, user(4)).await?,
        JoinOutcome::NotRunning
    );
    advance_to(start, 70.0 + 3.0 * 3600.0).await;
    assert!(
        process
            .handle
            .current_group(user(1), channel(10), hour)
            .await?
            .is_empty(),
        "a group is forgotten once its latest rest is old"
    );
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_or_replaced_rest_cannot_be_joined() -> TestResult {
    let (repo, sender, clock, _start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let first = process.handle.schedule(rest(1, 10, 60)).await?.timer;
    process.handle.schedule(rest(1, 10, 60)).await?;
    assert_eq!(
        process.handle.join_or_leave(first.id, user(2)).await?,
        JoinOutcome::NotRunning,
        "replaced"
    );
    let second = process.handle.schedule(rest(3, 10, 60)).await?.timer;
    process.handle.cancel_timer(second.id, user(3)).await?;
    assert_eq!(
        process.handle.join_or_leave(second.id, user(2)).await?,
        JoinOutcome::NotRunning,
        "cancelled"
    );
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn panicking_sends_are_marked_failed_and_never_stall_other_rests() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    // More bad rests than calls may be in flight at once (the budget, 40 by default).
    let mut bad = Vec::new();
    for channel in 1000..1060 {
        sender.make_panic(channel);
        bad.push(
            process
                .handle
                .schedule(rest(channel, channel, 10))
                .await?
                .timer,
        );
    }
    let good = process.handle.schedule(rest(1, 5, 12)).await?.timer;
    advance_to(start, 20.0).await;
    for timer in &bad {
        assert_eq!(repo.state(timer.id), Some(TimerState::Failed));
    }
    assert_eq!(repo.state(good.id), Some(TimerState::Sent));
    let pings = sender.pings();
    assert_eq!(pings.len(), 1);
    assert!(
        ms_since(start, pings[0].at) < 12_100,
        "on time despite the bad rests"
    );
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn one_user_holds_at_most_five_running_rests() -> TestResult {
    let (repo, sender, clock, _start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    for channel in 1..=5 {
        process.handle.schedule(rest(1, channel, 60)).await?;
    }
    let sixth = process.handle.schedule(rest(1, 6, 60)).await;
    assert_eq!(
        sixth.map(|_| ()),
        Err(crate::timers::RestError::TooManyRunning { limit: 5 })
    );
    // A new rest where one runs replaces it, so it is still allowed.
    let replaced = process.handle.schedule(rest(1, 3, 30)).await?;
    assert!(replaced.replaced.is_some());
    // Others are not limited by this user's rests.
    process.handle.schedule(rest(2, 6, 60)).await?;
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn plus_fifteen_stops_at_the_longest_rest() -> TestResult {
    let (repo, sender, clock, _start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let timer = process.handle.schedule(rest(1, 5, 590)).await?.timer;
    let extended = process
        .handle
        .extend(timer.id, user(1), Duration::from_secs(15))
        .await?
        .expect("still running");
    assert_eq!(
        extended.ends_at_ms,
        T0 + 600_000,
        "capped at 600 s from now"
    );
    let again = process
        .handle
        .extend(timer.id, user(1), Duration::from_secs(15))
        .await;
    assert_eq!(again.map(|_| ()), Err(crate::timers::RestError::AtLongest));
    process.stop().await;
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn the_owner_of_a_lost_ping_is_told_once_while_the_token_holds() -> TestResult {
    let (repo, sender, clock, start) = world();
    sender.make_gone(7);
    let process = Process::start(&repo, &sender, "a", clock).await?;
    let with_token = RestRequest {
        interaction_token: Some("tok-1".into()),
        ..rest(1, 7, 10)
    };
    let told = process.handle.schedule(with_token).await?.timer;
    let without_token = process.handle.schedule(rest(2, 7, 10)).await?.timer;
    advance_to(start, 60.0).await;
    assert_eq!(repo.state(told.id), Some(TimerState::Failed));
    assert_eq!(repo.state(without_token.id), Some(TimerState::Failed));
    let followups: Vec<_> = sender
        .calls()
        .into_iter()
        .filter(|call| call.kind == Kind::Followup)
        .collect();
    assert_eq!(followups.len(), 1, "{followups:?}");
    assert_eq!(
        followups[0].nonce, "tok-1",
        "sent through the owner's interaction"
    );
    assert!(followups[0].content.contains("couldn't post the ping"));
    assert!(followups[0].users.is_empty(), "the note pings nobody");
    process.stop().await;
    Ok(())
}

/// Calls made elsewhere (the challenge poster's) take turns in the same budget: a channel
/// whose window is full of countdown posts makes them wait, an idle one does not, and a
/// stopped engine refuses them.
#[tokio::test(start_paused = true)]
async fn send_slots_share_the_channel_budget() -> TestResult {
    let (repo, sender, clock, start) = world();
    let process = Process::start(&repo, &sender, "a", clock).await?;
    for user_id in 1..=5 {
        let request = RestRequest {
            post_countdown: true,
            ..rest(user_id, 10, 60)
        };
        process.handle.schedule(request).await?;
    }
    let busy = process.handle.clone();
    let busy_turn = tokio::spawn(async move {
        let granted = busy.send_slot(channel(10)).await;
        (granted, tokio::time::Instant::now())
    });
    let idle = process.handle.clone();
    let idle_turn = tokio::spawn(async move {
        let granted = idle.send_slot(channel(11)).await;
        (granted, tokio::time::Instant::now())
    });
    advance_to(start, 10.0).await;
    let (busy_granted, busy_at) = busy_turn.await?;
    let (idle_granted, idle_at) = idle_turn.await?;
    assert!(busy_granted && idle_granted);
    let countdowns = sender
        .calls()
        .iter()
        .filter(|call| call.kind == Kind::Countdown)
        .count();
    assert_eq!(countdowns, 5);
    assert!(
        ms_since(start, busy_at) >= 5_000,
        "five countdowns fill the channel's window: {} ms",
        ms_since(start, busy_at)
    );
    assert!(ms_since(start, idle_at) < 100, "another channel is free");
    let handle = process.handle.clone();
    process.stop().await;
    assert!(
        !handle.send_slot(channel(10)).await,
        "a stopped engine gives no turns"
    );
    Ok(())
}
