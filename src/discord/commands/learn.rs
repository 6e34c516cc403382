use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::domain::learn::LearnTopic;
use crate::error::AppError;

/// The topics as Discord shows them in the option's drop-down.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Topic {
    #[name = "Overview"]
    Overview,
    #[name = "Benefits"]
    Benefits,
    #[name = "How it works"]
    HowItWorks,
    #[name = "How to do it"]
    HowTo,
    #[name = "Cuff pressure"]
    Pressure,
    #[name = "Safety"]
    Safety,
    #[name = "What the evidence says"]
    Evidence,
}

impl From<Topic> for LearnTopic {
    fn from(topic: Topic) -> Self {
        match topic {
            Topic::Overview => LearnTopic::Overview,
            Topic::Benefits => LearnTopic::Benefits,
            Topic::HowItWorks => LearnTopic::HowItWorks,
            Topic::HowTo => LearnTopic::HowTo,
            Topic::Pressure => LearnTopic::Pressure,
            Topic::Safety => LearnTopic::Safety,
            Topic::Evidence => LearnTopic::Evidence,
        }
    }
}

/// Learn about blood-flow-restriction (occlusion) training
#[poise::command(slash_command)]
pub async fn learn(
    ctx: Context<'_>,
    #[description = "What to read about (default: overview)"] topic: Option<Topic>,
) -> Result<(), AppError> {
    respond(
        ctx,
        Request::Learn {
            topic: topic.map(Into::into),
        },
    )
    .await
}
