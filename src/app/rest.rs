//! `/rest start|cancel|list` and the countdown's +15 s and Cancel buttons.

use std::time::Duration;

use crate::app::limits::PublicPostLimit;
use crate::app::reply::{
    join_within, Button, ButtonStyle, Component, ComponentReply, Reply, MESSAGE_LIST_CHARS,
};
use crate::app::request::InteractionToken;
use crate::app::Caller;
use crate::domain::ids::{RoleId, UserId};
use crate::domain::snowflake;
use crate::domain::user_text::contains_link;
use crate::error::{AppError, UserError};
use crate::store::Store;
use crate::timers::{
    texts, Inserted, JoinOutcome, Priority, RemoveOutcome, RestError, RestRequest, RestTimer,
    TimerHandle, TimerId, MAX_GROUP_ROLES, MAX_GROUP_SIZE, MAX_REST_SECONDS, MIN_REST_SECONDS,
};

const EXTEND_PREFIX: &str = "rest:extend:";
const CANCEL_PREFIX: &str = "rest:cancel:";
const JOIN_PREFIX: &str = "rest:join:";
/// How long resting together makes a group: the people in your latest rest in a channel
/// (they joined it, or were named) rest with you again in your next rest there, and may be
/// named in `for:` without Manage Messages, if that rest ended less than this long ago. A
/// longer gap means the workout is over.
const GROUP_MEMORY: Duration = Duration::from_secs(30 * 60);
/// What +15 s adds.
const EXTEND_BY: Duration = Duration::from_secs(15);
/// The rest when the user gives none and has no history: the evidence-based minimum.
pub const DEFAULT_REST_SECONDS: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartRest {
    pub seconds: Option<i64>,
    pub label: Option<String>,
    /// Raw mentions of others to ping too (`<@id> <@&role>`).
    pub with: Option<String>,
    /// The server's roles that anyone may mention.
    pub mentionable_roles: Vec<RoleId>,
    pub interaction_token: Option<InteractionToken>,
}

pub async fn start(
    rest: &TimerHandle,
    store: &dyn Store,
    public_posts: &PublicPostLimit,
    caller: &Caller,
    request: StartRest,
) -> Result<Reply, AppError> {
    // Where the bot is not a member, the rest runs through this interaction: its answer is
    // the countdown and the ping a follow-up (valid 15 minutes, longer than any rest).
    let by_interaction = caller.bot_cannot_post == Some(NOT_A_MEMBER)
        && request.interaction_token.is_some()
        && request.with.is_none();
    if let Some(missing) = caller.bot_cannot_post.filter(|_| !by_interaction) {
        return Err(cannot_post(missing).into());
    }
    if request.label.as_deref().is_some_and(contains_link) {
        return Err(UserError::new(
            "Labels are shown to the whole channel, so they can't hold links or invites. \
             Try a plain label such as `label:leg day`.",
        )
        .into());
    }
    let (seconds, remembered) = match request.seconds.map(u32::try_from) {
        Some(Ok(seconds)) if (MIN_REST_SECONDS..=MAX_REST_SECONDS).contains(&seconds) => {
            (seconds, false)
        }
        Some(_) => return Err(invalid_length().into()),
        None => default_seconds(store, caller.user_id).await?,
    };
    let (group, carried) = match request.with.as_deref() {
        Some(with) => {
            let group = group_members(with, caller)?;
            authorize_group(rest, caller, &group, &request.mentionable_roles).await?;
            (group, false)
        }
        None => (current_group(rest, caller).await?, true),
    };
    public_posts.check(caller.user_id)?;
    let token = request.interaction_token.map(|token| token.0);
    // The length is remembered beside the rest's own write rather than after it (two
    // commits, one wait), so also when the rest is refused: it is still the length last
    // asked for. It is not written again when it is the one remembered already.
    let remember = async {
        if !remembered {
            // Failing to remember a length must not turn a running rest into an apology.
            if let Err(error) = store.save_last_rest_seconds(caller.user_id, seconds).await {
                tracing::warn!(%error, "could not remember the rest length");
            }
        }
    };
    let (inserted, ()) = tokio::join!(
        schedule(rest, caller, seconds, request.label, None, group, token),
        remember
    );
    let inserted = inserted?;
    if by_interaction {
        let timer = &inserted.timer;
        return Ok(Reply::text(texts::countdown_text(timer)).with_row(countdown_row(timer)));
    }
    Ok(started_reply(
        &inserted.timer,
        inserted.replaced.is_some(),
        carried,
    ))
}

/// Why no rest can run in a channel where the bot cannot post.
/// What `Caller::bot_cannot_post` says when the bot is not in the server or conversation
/// at all (the user installed it for themselves).
pub const NOT_A_MEMBER: &str = "membership";

pub fn cannot_post(missing: &str) -> UserError {
    if missing == NOT_A_MEMBER {
        return UserError::new(
            "I'm not a member of this server or conversation (you installed me for yourself), \
             so I can only answer you here: a rest started with `/rest start` works, but \
             pinging others (`for:`) and workout-card rests need a server that has me.",
        );
    }
    UserError::new(format!(
        "I can't post the countdown or the ping in this channel: I'm missing the **{missing}** \
         permission here. Ask a server admin to grant it, or start your rest in another channel."
    ))
}

/// The people still resting with the caller here, who rest with them again.
async fn current_group(rest: &TimerHandle, caller: &Caller) -> Result<Group, AppError> {
    let users = rest
        .current_group(caller.user_id, caller.channel_id, GROUP_MEMORY)
        .await
        .map_err(rest_failure)?;
    Ok(Group {
        users,
        roles: Vec::new(),
    })
}

/// Starts the rest after a set of a workout card; returns the line for the card.
pub async fn start_after_set(
    rest: &TimerHandle,
    caller: &Caller,
    seconds: u32,
    label: &str,
    next_set: String,
) -> Result<String, AppError> {
    let label = Some(label.to_owned());
    let group = current_group(rest, caller).await?;
    let inserted = schedule(rest, caller, seconds, label, Some(next_set), group, None).await?;
    Ok(after_set_line(seconds, &inserted))
}

/// Starts the rest after a set of a group workout (`/challenge session`): its people are
/// exactly the workout's participants, not whoever rested with the leader before, and
/// its end pings them all in one message. Returns the line for the card.
pub async fn start_group_after_set(
    rest: &TimerHandle,
    caller: &Caller,
    seconds: u32,
    label: &str,
    next_set: String,
    participants: Vec<UserId>,
) -> Result<String, AppError> {
    let group = Group {
        users: participants,
        roles: Vec::new(),
    };
    let label = Some(label.to_owned());
    let inserted = schedule(rest, caller, seconds, label, Some(next_set), group, None).await?;
    Ok(after_set_line(seconds, &inserted))
}

fn after_set_line(seconds: u32, inserted: &Inserted) -> String {
    let others = inserted.timer.ping_user_ids.len().saturating_sub(1);
    let whom = match others {
        0 => "you".to_owned(),
        1 => "you and the person resting with you".to_owned(),
        n => format!("you and the {n} people resting with you"),
    };
    format!(
        "Rest {seconds} s: it ends <t:{}:R>, and I'll ping {whom} in the channel.",
        inserted.timer.ends_at_unix_secs()
    )
}

/// Stores the rest (replacing the caller's running one here) and posts its countdown.
async fn schedule(
    rest: &TimerHandle,
    caller: &Caller,
    seconds: u32,
    label: Option<String>,
    next_set: Option<String>,
    group: Group,
    interaction_token: Option<String>,
) -> Result<Inserted, AppError> {
    // Where the bot is not a member, the interaction is the only way to reach the channel.
    let by_interaction =
        caller.bot_cannot_post == Some(NOT_A_MEMBER) && interaction_token.is_some();
    rest.schedule(RestRequest {
        user_id: caller.user_id,
        channel_id: caller.channel_id,
        guild_id: caller.guild_id,
        duration: Duration::from_secs(u64::from(seconds)),
        label,
        next_set,
        also_ping: group.users,
        also_ping_roles: group.roles,
        post_countdown: !by_interaction,
        via_interaction: by_interaction,
        interaction_token,
    })
    .await
    .map_err(rest_failure)
}

pub async fn cancel(rest: &TimerHandle, caller: &Caller) -> Result<Reply, AppError> {
    match rest
        .cancel(caller.user_id, caller.channel_id)
        .await
        .map_err(rest_failure)?
    {
        Some(timer) => {
            rest.queue_countdown_edit(&timer, texts::canceled_text(&timer), Priority::Edit);
            Ok(Reply::text("Rest cancelled.").ephemeral())
        }
        None => Ok(Reply::text("You have no running rest in this channel.").ephemeral()),
    }
}

/// `/rest remove`: the owner takes someone out of their running rest here. As a rest's
/// people are the owner's group, they are out of the group too.
pub async fn remove(
    rest: &TimerHandle,
    caller: &Caller,
    user_id: UserId,
) -> Result<Reply, AppError> {
    if user_id == caller.user_id {
        return Err(
            UserError::new("That's you: to stop your own rest, use `/rest cancel`.").into(),
        );
    }
    let outcome = rest
        .remove_member(caller.user_id, caller.channel_id, user_id)
        .await
        .map_err(rest_failure)?;
    let text = match outcome {
        RemoveOutcome::Removed(timer) => {
            rest.queue_countdown_edit(&timer, texts::countdown_text(&timer), Priority::Edit);
            format!(
                "<@{user_id}> is out of your rest and won't be pinged or carried into your next \
                 rests here."
            )
        }
        RemoveOutcome::NotInRest => format!("<@{user_id}> isn't in your running rest here."),
        RemoveOutcome::NoRest => "You have no running rest in this channel. Your next \
             `/rest start for:…` names exactly who rests with you."
            .to_owned(),
    };
    Ok(Reply::text(text).ephemeral())
}

pub async fn list(rest: &TimerHandle, caller: &Caller) -> Result<Reply, AppError> {
    let timers = rest.list(caller.channel_id).await.map_err(rest_failure)?;
    if timers.is_empty() {
        return Ok(Reply::text("No rests are running in this channel.").ephemeral());
    }
    let lines: Vec<String> = timers
        .iter()
        .map(|timer| {
            let label = timer
                .label
                .as_deref()
                .map(|label| format!(" ({})", texts::escape_user_text(label)))
                .unwrap_or_default();
            let others: Vec<UserId> = timer
                .ping_user_ids
                .iter()
                .copied()
                .filter(|&user| user != timer.user_id)
                .collect();
            let with = if others.is_empty() && timer.ping_role_ids.is_empty() {
                String::new()
            } else {
                format!(
                    " with {}",
                    texts::group_mentions(&others, &timer.ping_role_ids)
                )
            };
            format!(
                "- <@{}>{with}{label}: ends <t:{}:R>",
                timer.user_id,
                timer.ends_at_unix_secs()
            )
        })
        .collect();
    let list = join_within(&lines, MESSAGE_LIST_CHARS);
    Ok(Reply::text(format!("Rests running here:\n{list}")).ephemeral())
}

/// The countdown message's buttons.
pub fn countdown_row(timer: &RestTimer) -> Vec<Component> {
    vec![
        Component::Button(Button {
            custom_id: format!("{EXTEND_PREFIX}{}", timer.id.0),
            label: "+15 s".to_owned(),
            style: ButtonStyle::Secondary,
            disabled: false,
        }),
        Component::Button(Button {
            custom_id: format!("{CANCEL_PREFIX}{}", timer.id.0),
            label: "Cancel".to_owned(),
            style: ButtonStyle::Danger,
            disabled: false,
        }),
        Component::Button(Button {
            custom_id: format!("{JOIN_PREFIX}{}", timer.id.0),
            label: "Join / leave".to_owned(),
            style: ButtonStyle::Primary,
            disabled: false,
        }),
    ]
}

/// +15 s, Cancel and Join on a countdown; `None` when the custom ID is not one of them.
pub async fn on_button(
    rest: &TimerHandle,
    caller: &Caller,
    custom_id: &str,
) -> Option<Result<ComponentReply, AppError>> {
    if let Some(id) = custom_id.strip_prefix(JOIN_PREFIX) {
        let id = parse_timer_id(id)?;
        return Some(on_join(rest, caller, id).await);
    }
    let (extend, id) = if let Some(id) = custom_id.strip_prefix(EXTEND_PREFIX) {
        (true, id)
    } else {
        (false, custom_id.strip_prefix(CANCEL_PREFIX)?)
    };
    let id = parse_timer_id(id)?;
    let outcome = if extend {
        rest.extend(id, caller.user_id, EXTEND_BY).await
    } else {
        rest.cancel_timer(id, caller.user_id).await
    };
    Some(match outcome {
        Ok(Some(timer)) if extend => Ok(ComponentReply::Update(
            Reply::text(texts::countdown_text(&timer)).with_row(countdown_row(&timer)),
        )),
        Ok(Some(timer)) => Ok(ComponentReply::Update(Reply::text(texts::canceled_text(
            &timer,
        )))),
        Ok(None) => Ok(ComponentReply::Send(
            Reply::text(
                "Only the person resting can change this countdown, and only while it runs. \
                 Start your own with `/rest start`.",
            )
            .ephemeral(),
        )),
        Err(error) => Err(rest_failure(error)),
    })
}

/// A timer ID from a button's custom ID: database IDs start at 1.
fn parse_timer_id(text: &str) -> Option<TimerId> {
    snowflake::parse(text)
        .and_then(|id| i64::try_from(id).ok())
        .map(TimerId)
}

/// Join toggles the presser in the rest's group; the countdown then names them.
async fn on_join(
    rest: &TimerHandle,
    caller: &Caller,
    id: TimerId,
) -> Result<ComponentReply, AppError> {
    let private = |text: String| Ok(ComponentReply::Send(Reply::text(text).ephemeral()));
    match rest.join_or_leave(id, caller.user_id).await {
        Ok(JoinOutcome::Joined(timer) | JoinOutcome::Left(timer)) => Ok(ComponentReply::Update(
            Reply::text(texts::countdown_text(&timer)).with_row(countdown_row(&timer)),
        )),
        Ok(JoinOutcome::OwnRest) => private(
            "This is your rest: you're pinged when it ends. Others press Join to be pinged \
             with you."
                .to_owned(),
        ),
        Ok(JoinOutcome::Full) => private(format!(
            "This rest already pings {MAX_GROUP_SIZE} people. Start your own with `/rest start`."
        )),
        Ok(JoinOutcome::NotRunning) => {
            private("This rest is over. Start your own with `/rest start`.".to_owned())
        }
        Err(error) => Err(rest_failure(error)),
    }
}

/// The length of a rest started without one, and whether it is the one already remembered.
async fn default_seconds(store: &dyn Store, user_id: UserId) -> Result<(u32, bool), AppError> {
    if let Some(seconds) = store.last_rest_seconds(user_id).await? {
        return Ok((seconds, true));
    }
    let seconds = store
        .latest_open_training_session(user_id)
        .await?
        .map_or(DEFAULT_REST_SECONDS, |session| session.rest_seconds);
    Ok((seconds, false))
}

/// Who a group rest pings besides its owner.
#[derive(Debug, Default, PartialEq, Eq)]
struct Group {
    users: Vec<UserId>,
    roles: Vec<RoleId>,
}

/// Reads `<@id>` and `<@&id>` mentions; @everyone and @here are never pinged.
fn group_members(with: &str, caller: &Caller) -> Result<Group, UserError> {
    if with.contains("@everyone") || with.contains("@here") {
        return Err(UserError::new(
            "Group rests can't ping @everyone or @here: mention people or a role, e.g. \
             `for:@Sam @Alex` or `for:@BFR Crew`.",
        ));
    }
    let mut group = Group::default();
    for part in with.split("<@").skip(1) {
        let Some((inside, _)) = part.split_once('>') else {
            continue;
        };
        let (is_role, digits) = match inside.strip_prefix('&') {
            Some(role) => (true, role),
            None => (false, inside.strip_prefix('!').unwrap_or(inside)),
        };
        let not_pingable = || {
            UserError::new(format!(
                "`{}` is not a mention I can ping: pick people or a role from Discord's \
                 mention list, e.g. `for:@Sam @Alex`.",
                texts::escape_user_text(&format!("<@{inside}>"))
            ))
        };
        let id = snowflake::parse(digits).ok_or_else(not_pingable)?;
        if is_role {
            let role = RoleId::new(id).ok_or_else(not_pingable)?;
            if !group.roles.contains(&role) {
                group.roles.push(role);
            }
        } else {
            let user = UserId::new(id).ok_or_else(not_pingable)?;
            if user != caller.user_id && !group.users.contains(&user) {
                group.users.push(user);
            }
        }
    }
    if group.users.len() >= MAX_GROUP_SIZE {
        return Err(UserError::new(format!(
            "A rest pings at most {MAX_GROUP_SIZE} people, you included."
        )));
    }
    if group.users.is_empty() && group.roles.is_empty() {
        return Err(UserError::new(
            "Mention the people or the role to rest with, e.g. `for:@Sam @Alex` or \
             `for:@BFR Crew`.",
        ));
    }
    if !group.roles.is_empty() {
        // The @everyone role has the server's own ID.
        match caller.guild_id {
            None => return Err(UserError::new("Roles can only be pinged in a server.")),
            Some(guild) if group.roles.iter().any(|role| role.get() == guild.get()) => {
                return Err(UserError::new(
                    "Group rests can't ping @everyone: mention people or a role.",
                ))
            }
            Some(_) => {}
        }
        if group.roles.len() > MAX_GROUP_ROLES {
            return Err(UserError::new(format!(
                "A group rest pings at most {MAX_GROUP_ROLES} roles."
            )));
        }
    }
    Ok(group)
}

/// Pinging others needs Manage Messages, so nobody can be pinged repeatedly by a stranger;
/// without it, a rest may still name the people of the caller's latest rest here (they
/// pressed Join on its countdown, and did not leave): the caller's own group session.
async fn authorize_group(
    rest: &TimerHandle,
    caller: &Caller,
    group: &Group,
    mentionable_roles: &[RoleId],
) -> Result<(), AppError> {
    if caller.can_manage_messages && !caller.can_mention_everyone {
        // The bot may be able to ping any role; the caller may ping only what Discord lets
        // them ping themselves.
        if let Some(role) = group
            .roles
            .iter()
            .find(|role| !mentionable_roles.contains(role))
        {
            return Err(UserError::new(format!(
                "<@&{role}> can't be mentioned by everyone, so pinging it needs your Mention \
                 @everyone permission. A server admin can make the role mentionable (Server \
                 Settings → Roles)."
            ))
            .into());
        }
    }
    if caller.can_manage_messages {
        return Ok(());
    }
    let refusal = || {
        AppError::from(UserError::new(
            "Pinging others with your rest needs the Manage Messages permission here, unless \
             they rest with you: once they press **Join / leave** on your countdown, they rest \
             with you in your next rests here. Roles always need Manage Messages.",
        ))
    };
    if !group.roles.is_empty() {
        return Err(refusal());
    }
    let members = current_group(rest, caller).await?.users;
    if group.users.iter().all(|user| members.contains(user)) {
        Ok(())
    } else {
        Err(refusal())
    }
}

/// `carried`: the others were not named but still rest with the caller from before.
fn started_reply(timer: &RestTimer, replaced: bool, carried: bool) -> Reply {
    let mut text = format!(
        "⏱️ Rest started: it ends <t:{}:R>. The countdown is in the channel and I'll ping you \
         when it's over.",
        timer.ends_at_unix_secs()
    );
    let others: Vec<UserId> = timer.ping_user_ids.iter().skip(1).copied().collect();
    if carried && !others.is_empty() {
        text.push_str(&format!(
            " {} rest with you from before, so they're pinged too (they can press Join / \
             leave on the countdown).",
            texts::mentions(&others)
        ));
    }
    if !timer.ping_role_ids.is_empty() {
        text.push_str(
            " Discord notifies a role's members only if the role allows anyone to mention it, \
             or if I have the Mention @everyone permission.",
        );
    }
    if replaced {
        text.push_str(" It replaces your previous rest here.");
    }
    Reply::text(text).ephemeral()
}

fn invalid_length() -> UserError {
    UserError::new(format!(
        "A rest is {MIN_REST_SECONDS} to {MAX_REST_SECONDS} seconds, e.g. `seconds:45`. BFR \
         rests are usually 30-60 s."
    ))
}

fn rest_failure(error: RestError) -> AppError {
    match error {
        RestError::InvalidDuration => invalid_length().into(),
        RestError::Contended => {
            UserError::new("Many people pressed at once; press again in a moment.").into()
        }
        RestError::TooManyRunning { limit } => UserError::new(format!(
            "You already have {limit} rests running in other channels. Cancel one there \
             (`/rest cancel`) or wait for it to end."
        ))
        .into(),
        RestError::AtLongest => UserError::new(format!(
            "This rest already ends {} minutes from now, the longest a rest may run.",
            MAX_REST_SECONDS / 60
        ))
        .into(),
        RestError::Storage(error) if error.unavailable => AppError::Unavailable(Box::new(error)),
        other => AppError::internal(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(can_manage_messages: bool) -> Caller {
        Caller {
            user_id: UserId::from_const(1),
            channel_id: crate::domain::ids::ChannelId::from_const(2),
            guild_id: Some(crate::domain::ids::GuildId::from_const(3)),
            can_manage_messages,
            can_mention_everyone: false,
            bot_cannot_post: None,
        }
    }

    #[test]
    fn group_members_are_read_from_mentions() {
        let group = group_members("<@10> and <@!11> <@1> <@&20>", &caller(true));
        assert_eq!(
            group,
            Ok(Group {
                users: vec![UserId::from_const(10), UserId::from_const(11)],
                roles: vec![RoleId::from_const(20)]
            })
        );
        assert!(group_members("@everyone", &caller(true)).is_err());
        assert!(group_members("nobody", &caller(true)).is_err());
    }

    #[test]
    fn the_everyone_role_and_roles_outside_servers_are_refused() {
        assert!(
            group_members("<@&3>", &caller(true)).is_err(),
            "the server's own ID is @everyone"
        );
        let in_dm = Caller {
            guild_id: None,
            ..caller(true)
        };
        assert!(group_members("<@&5>", &in_dm).is_err());
    }

    #[test]
    fn too_many_roles_are_refused() {
        assert!(group_members("<@&5> <@&6> <@&7> <@&7>", &caller(true)).is_ok());
        assert!(group_members("<@&5> <@&6> <@&7> <@&8>", &caller(true)).is_err());
    }

    #[test]
    fn ids_that_cannot_be_discords_are_refused() {
        for with in [
            "<@0>",
            "<@&0>",
            "<@!0>",
            "<@9223372036854775808>",
            "<@-1>",
            "<@+5>",
            "<@ 5>",
            "<@5\u{200B}>",
        ] {
            let refusal = group_members(with, &caller(true)).unwrap_err();
            assert!(
                refusal.message().contains("not a mention"),
                "{with}: {refusal}"
            );
        }
    }

    #[test]
    fn more_people_than_a_rest_pings_are_refused() {
        let nine: String = (10..19).map(|id| format!("<@{id}> ")).collect();
        assert!(group_members(&nine, &caller(true)).is_ok());
        let ten: String = (10..20).map(|id| format!("<@{id}> ")).collect();
        assert!(group_members(&ten, &caller(true)).is_err());
    }

    #[test]
    fn timer_ids_in_custom_ids_are_checked() {
        assert_eq!(parse_timer_id("42"), Some(TimerId(42)));
        for text in ["0", "-1", "", "9223372036854775808", "4 2", "42\u{200B}"] {
            assert_eq!(parse_timer_id(text), None, "{text:?}");
        }
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;
        use crate::domain::snowflake;

        /// Mention-like fragments, junk and hostile text mixed at random.
        fn with_text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                any::<u64>().prop_map(|id| format!("<@{id}>")),
                any::<u64>().prop_map(|id| format!("<@&{id}>")),
                any::<i64>().prop_map(|id| format!("<@!{id}>")),
                Just("<@0>".to_owned()),
                Just("@everyone".to_owned()),
                Just("@here".to_owned()),
                Just("**bold** `code` [x](https://e.com)".to_owned()),
                Just("\u{200B}<@\u{200B}1>".to_owned()),
                "\\PC{0,12}",
                Just("<@".to_owned()),
                Just(">".to_owned()),
            ];
            prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 512,
                max_shrink_iters: 256,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            /// Never a panic; what is accepted pings only valid IDs that were written as
            /// mentions, never @everyone (the server's own role) and never the caller twice.
            #[test]
            fn for_parsing_accepts_only_what_was_meant(with in with_text()) {
                let caller = caller(true);
                if let Ok(group) = group_members(&with, &caller) {
                    prop_assert!(!with.contains("@everyone") && !with.contains("@here"));
                    prop_assert!(group.users.len() < MAX_GROUP_SIZE);
                    prop_assert!(group.roles.len() <= MAX_GROUP_ROLES);
                    for &user in &group.users {
                        prop_assert!(snowflake::is_valid(user.get()));
                        prop_assert!(user != caller.user_id);
                        let (plain, nick) = (format!("<@{user}>"), format!("<@!{user}>"));
                        let written = with.contains(&plain) || with.contains(&nick);
                        prop_assert!(written);
                    }
                    for &role in &group.roles {
                        prop_assert!(snowflake::is_valid(role.get()));
                        prop_assert!(Some(role.get()) != caller.guild_id.map(|guild| guild.get()));
                        let mention = format!("<@&{role}>");
                        prop_assert!(with.contains(&mention));
                    }
                }
            }

            #[test]
            fn long_hostile_text_is_refused_or_read_without_panic(
                with in "\\PC{0,64}".prop_map(|s| s.repeat(100))
            ) {
                let _ = group_members(&with, &caller(false));
            }

            #[test]
            fn custom_id_timer_ids_are_positive(text in "\\PC{0,24}|[0-9]{1,22}|-[0-9]{1,20}") {
                if let Some(TimerId(id)) = parse_timer_id(&text) {
                    prop_assert!(id > 0);
                }
            }
        }
    }
}
