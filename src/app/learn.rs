//! `/learn`: one embed per topic, with a menu to move between topics.

use crate::app::reply::{Component, Embed, Reply, Select, SelectOption};
use crate::domain::learn::LearnTopic;

/// Custom ID of the topic menu; the chosen topic arrives as the menu's value.
pub const TOPIC_MENU_ID: &str = "learn:topic";

/// The page shown when no topic is given, or an unknown one arrives from an old menu.
pub const DEFAULT_TOPIC: LearnTopic = LearnTopic::Overview;

pub fn page_reply(topic: LearnTopic) -> Reply {
    let page = topic.page();
    let mut embed =
        Embed::new(page.title, page.summary).footer(format!("Sources: {}", page.sources));
    for section in page.sections {
        embed = embed.field(section.heading, section.body);
    }
    Reply::embed(embed).with_row(vec![topic_menu(topic)])
}

fn topic_menu(current: LearnTopic) -> Component {
    Component::Select(Select {
        custom_id: TOPIC_MENU_ID.to_owned(),
        placeholder: "Choose another topic".to_owned(),
        options: LearnTopic::ALL
            .iter()
            .map(|&topic| SelectOption {
                label: topic.label().to_owned(),
                value: topic.slug().to_owned(),
                description: None,
                selected: topic == current,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_has_a_page_and_a_menu_marking_it() {
        for topic in LearnTopic::ALL {
            let reply = page_reply(topic);
            assert_eq!(reply.embeds.len(), 1);
            assert!(!reply.embeds[0].fields.is_empty());
            let Component::Select(menu) = &reply.rows[0][0] else {
                panic!("expected the topic menu");
            };
            let selected: Vec<_> = menu.options.iter().filter(|o| o.selected).collect();
            assert_eq!(selected.len(), 1);
            assert_eq!(selected[0].value, topic.slug());
        }
    }
}
