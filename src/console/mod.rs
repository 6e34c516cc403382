//! `bfr-coach console`: the same commands as in Discord, typed at a local prompt, answered as
//! text, on the same database. Useful without a bot token, and for moderators trying things.

mod challenge_sender;
mod parse;
mod render;
pub mod request_parse;
mod timer_sender;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

pub use challenge_sender::ConsoleChallengeSender;
pub use parse::{parse_line, Line};
pub use render::render;
pub use timer_sender::ConsoleTimerSender;

use crate::app::reply::Component;
use crate::app::{App, Caller, ComponentReply, Reply};
use crate::domain::ids::{GuildId, UserId};
use crate::error::AppError;
use request_parse::{command_help, request_from_raw};

/// The console's stand-in for a Discord server, which its user runs; no Discord server has
/// this ID, so a console and a bot sharing a database keep their challenges apart.
pub const CONSOLE_GUILD_ID: GuildId = GuildId::from_const(1);

/// The console's stand-in for a Discord user and channel.
pub const CONSOLE_CALLER: Caller = Caller {
    bot_cannot_post: None,
    user_id: UserId::from_const(1),
    channel_id: crate::timers::CONSOLE_CHANNEL_ID,
    guild_id: Some(CONSOLE_GUILD_ID),
    can_manage_messages: true,
    can_mention_everyone: false,
};

pub struct Console<W> {
    app: App,
    caller: Caller,
    output: W,
    /// The last reply with components, so `press`/`choose` know what they act on.
    last: Option<Reply>,
    /// Lines from background work (rest countdowns and pings), printed as they come.
    notifications: Option<mpsc::UnboundedReceiver<String>>,
}

impl<W: AsyncWrite + Unpin> Console<W> {
    pub fn new(app: App, caller: Caller, output: W) -> Self {
        Self {
            app,
            caller,
            output,
            last: None,
            notifications: None,
        }
    }

    /// Prints lines from background work (the rest engine's console sender) as they come.
    pub fn with_notifications(mut self, lines: mpsc::UnboundedReceiver<String>) -> Self {
        self.notifications = Some(lines);
        self
    }

    /// Gives back the output, e.g. to read what a test session printed.
    pub fn into_output(self) -> W {
        self.output
    }

    /// Reads lines until end of input or `/quit`. `prompt` is shown before each line when
    /// a person is typing (not when input is piped).
    pub async fn run(
        &mut self,
        input: impl AsyncBufRead + Unpin,
        prompt: bool,
    ) -> std::io::Result<()> {
        let mut lines = input.lines();
        if prompt {
            self.write("bfr-coach console: type /help for commands, /quit to leave.\n")
                .await?;
        }
        loop {
            if prompt {
                self.write("> ").await?;
            }
            let line = loop {
                let notification = async {
                    match self.notifications.as_mut() {
                        Some(lines) => lines.recv().await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    line = lines.next_line() => break line?,
                    Some(text) = notification => self.notify(&text).await?,
                }
            };
            let Some(line) = line else {
                break;
            };
            if !self.handle_line(&line).await? {
                break;
            }
        }
        Ok(())
    }

    async fn notify(&mut self, text: &str) -> std::io::Result<()> {
        let text = render::plain_line(text, self.caller.user_id.get());
        self.write(&format!("{text}\n")).await
    }

    /// `wait N`: lets background work (rest pings) print for N seconds.
    async fn wait(&mut self, seconds: u64) -> std::io::Result<()> {
        let until = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let notification = async {
                match self.notifications.as_mut() {
                    Some(lines) => lines.recv().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = tokio::time::sleep_until(until) => return Ok(()),
                Some(text) = notification => self.notify(&text).await?,
            }
        }
    }

    /// Handles one line; returns false when the user asked to quit.
    pub async fn handle_line(&mut self, line: &str) -> std::io::Result<bool> {
        match parse_line(line) {
            Line::Empty => {}
            Line::Quit => return Ok(false),
            Line::Wait(seconds) => self.wait(seconds).await?,
            Line::Help => {
                let mut help = String::from("Commands:\n");
                for (usage, what) in command_help() {
                    help.push_str(&format!("  {usage}\n      {what}\n"));
                }
                help.push_str(
                    "  press N / choose VALUE\n      Use the buttons or menu of the last answer\n",
                );
                help.push_str("  wait N\n      Wait N seconds (rest pings print as they come)\n");
                self.write(&help).await?;
            }
            Line::Invalid(message) => self.write(&format!("{message}\n")).await?,
            Line::Command(raw) => {
                let outcome = match request_from_raw(&raw) {
                    Ok(request) => self.app.handle(&self.caller, request).await,
                    Err(error) => Err(error.into()),
                };
                self.show(outcome).await?;
            }
            Line::Press(number) => match self.nth_button(number) {
                Some((_, true)) => self.write("That button is disabled.\n").await?,
                Some((custom_id, false)) => self.component(&custom_id, &[]).await?,
                None => {
                    self.write("There is no such button on the last answer.\n")
                        .await?
                }
            },
            Line::Choose(value) => match self.menu_for(&value) {
                Some(custom_id) => self.component(&custom_id, &[value]).await?,
                None => {
                    self.write("That is not one of the menu's values on the last answer.\n")
                        .await?
                }
            },
        }
        Ok(true)
    }

    async fn component(&mut self, custom_id: &str, values: &[String]) -> std::io::Result<()> {
        let outcome = self
            .app
            .handle_component(&self.caller, custom_id, values, None, None)
            .await;
        let outcome = outcome.map(|reply| match reply {
            ComponentReply::Update(reply) | ComponentReply::Send(reply) => reply,
        });
        self.show(outcome).await
    }

    async fn show(&mut self, outcome: Result<Reply, AppError>) -> std::io::Result<()> {
        match outcome {
            Ok(reply) => {
                let text = render(&reply);
                if !reply.rows.is_empty() {
                    self.last = Some(reply);
                }
                self.write(&text).await
            }
            Err(error) => {
                let text = error.report("console command");
                self.write(&format!("{text}\n")).await
            }
        }
    }

    /// The custom ID of button `number` (numbered as rendered) and whether it is disabled.
    fn nth_button(&self, number: usize) -> Option<(String, bool)> {
        self.last
            .as_ref()?
            .rows
            .iter()
            .flatten()
            .filter_map(|component| match component {
                Component::Button(button) => Some((button.custom_id.clone(), button.disabled)),
                Component::Select(_) => None,
            })
            .nth(number.checked_sub(1)?)
    }

    fn menu_for(&self, value: &str) -> Option<String> {
        self.last
            .as_ref()?
            .rows
            .iter()
            .flatten()
            .find_map(|component| match component {
                Component::Select(select)
                    if select.options.iter().any(|option| option.value == value) =>
                {
                    Some(select.custom_id.clone())
                }
                _ => None,
            })
    }

    async fn write(&mut self, text: &str) -> std::io::Result<()> {
        self.output.write_all(text.as_bytes()).await?;
        self.output.flush().await
    }
}
