//! Where each command can be installed and used. Personal commands can be installed by a
//! user and used in DMs and in any server; server features (settings, challenges) stay
//! where a server installed the bot. Set in one table here rather than on each command.

use poise::serenity_prelude as serenity;

use crate::discord::Data;
use crate::error::AppError;

type Command = poise::Command<Data, AppError>;

/// Top-level commands a user may install for themselves.
const PERSONAL: &[&str] = &[
    "learn",
    "1rm",
    "settings",
    "session",
    "screening",
    "ask",
    "rest",
    "data",
];

/// Sets every top-level command's install and interaction contexts.
pub fn apply(commands: &mut [Command]) {
    for command in commands {
        if PERSONAL.contains(&&*command.name) {
            command.install_context = Some(vec![
                serenity::InstallationContext::Guild,
                serenity::InstallationContext::User,
            ]);
            command.interaction_context = Some(vec![
                serenity::InteractionContext::Guild,
                serenity::InteractionContext::BotDm,
                serenity::InteractionContext::PrivateChannel,
            ]);
        } else {
            command.install_context = Some(vec![serenity::InstallationContext::Guild]);
            command.interaction_context = Some(vec![serenity::InteractionContext::Guild]);
        }
    }
}

/// Whether the bot itself is present where the interaction came from. A command from a
/// user's own install, in a server that never added the bot or in a group DM, reaches the
/// bot only through the interaction: it can answer it, but cannot post in the channel.
pub fn bot_is_present(interaction: &serenity::CommandInteraction) -> bool {
    bot_present(
        interaction.context,
        &interaction.authorizing_integration_owners,
    )
}

fn bot_present(
    context: Option<serenity::InteractionContext>,
    owners: &serenity::AuthorizingIntegrationOwners,
) -> bool {
    match context {
        Some(serenity::InteractionContext::PrivateChannel) => false,
        Some(serenity::InteractionContext::Guild) if !owners.0.is_empty() => {
            owners.0.iter().any(|owner| {
                matches!(
                    owner,
                    serenity::AuthorizingIntegrationOwner::GuildInstall(_)
                )
            })
        }
        // A DM with the bot, or an older payload without the fields: the bot is there.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{apply, bot_present, PERSONAL};
    use poise::serenity_prelude as serenity;
    use serenity::{AuthorizingIntegrationOwner as Owner, AuthorizingIntegrationOwners as Owners};
    use serenity::{GuildId, InteractionContext as Context, UserId};

    #[test]
    fn the_bot_is_present_where_a_server_installed_it() {
        let guild_install = Owners(vec![Owner::GuildInstall(Some(GuildId::new(5)))]);
        let user_install = Owners(vec![Owner::UserInstall(UserId::new(7))]);
        let both = Owners(vec![
            Owner::UserInstall(UserId::new(7)),
            Owner::GuildInstall(Some(GuildId::new(5))),
        ]);
        assert!(bot_present(Some(Context::Guild), &guild_install));
        assert!(bot_present(Some(Context::Guild), &both));
        assert!(!bot_present(Some(Context::Guild), &user_install));
        assert!(!bot_present(Some(Context::PrivateChannel), &user_install));
        assert!(bot_present(Some(Context::BotDm), &user_install));
        assert!(bot_present(None, &Owners(Vec::new())), "older payloads");
    }

    #[test]
    fn server_features_stay_in_servers() {
        let mut commands = crate::discord::commands::all();
        apply(&mut commands);
        for command in &commands {
            let contexts = command.interaction_context.clone().unwrap_or_default();
            let personal = PERSONAL.contains(&&*command.name);
            assert_eq!(
                contexts.contains(&serenity::InteractionContext::BotDm),
                personal,
                "{}",
                command.name
            );
        }
        assert!(commands.iter().any(|c| c.name == "challenge"));
    }
}
