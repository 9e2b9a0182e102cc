//! A scenario's texts in other languages, and the scenario as it reads in one of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Scenario;
use super::care::ServiceKind;

/// A scenario's texts in another language. Each map is keyed by the id of what it translates (a
/// service by its kind, as written in `care.services`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Site names.
    #[serde(default)]
    pub sites: BTreeMap<String, String>,
    /// Segment names.
    #[serde(default)]
    pub segments: BTreeMap<String, String>,
    /// Link names.
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    /// Backup sets' names.
    #[serde(default)]
    pub backups: BTreeMap<String, String>,
    /// Role names.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    #[serde(default)]
    pub outside_actors: BTreeMap<String, ActorText>,
    #[serde(default)]
    pub actions: BTreeMap<String, ActionText>,
    /// Detection sources' names.
    #[serde(default)]
    pub detection: BTreeMap<String, String>,
    /// Care services' names, by their kind.
    #[serde(default)]
    pub services: BTreeMap<ServiceKind, String>,
    #[serde(default)]
    pub injects: BTreeMap<String, InjectText>,
    /// The hot-wash questions, all of them, in order.
    #[serde(default)]
    pub hot_wash: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorText {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub answer_text: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectText {
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub expected: Option<String>,
}

impl Scenario {
    /// The scenario with its texts in a language, where a translation gives them; the estate, the
    /// attack and every number are the same.
    pub fn in_language(&self, language: crate::i18n::Language) -> Scenario {
        let mut out = self.clone();
        let Some(t) = self.translations.get(language.code()) else {
            return out;
        };
        let set = |target: &mut String, value: Option<&String>| {
            if let Some(value) = value {
                target.clone_from(value);
            }
        };
        set(&mut out.meta.name, t.name.as_ref());
        set(&mut out.meta.description, t.description.as_ref());
        for site in &mut out.sites {
            set(&mut site.name, t.sites.get(&site.id));
        }
        for segment in &mut out.segments {
            set(&mut segment.name, t.segments.get(&segment.id));
        }
        for link in &mut out.links {
            set(&mut link.name, t.links.get(&link.id));
        }
        for backup in &mut out.backups {
            set(&mut backup.name, t.backups.get(&backup.id));
        }
        for role in &mut out.roles {
            set(&mut role.name, t.roles.get(&role.id));
        }
        for actor in &mut out.outside_actors {
            if let Some(text) = t.outside_actors.get(&actor.id) {
                set(&mut actor.name, text.name.as_ref());
                set(&mut actor.answer_text, text.answer_text.as_ref());
            }
        }
        for action in &mut out.actions {
            if let Some(text) = t.actions.get(&action.id) {
                set(&mut action.name, text.name.as_ref());
                set(&mut action.description, text.description.as_ref());
            }
        }
        for source in &mut out.detection {
            set(&mut source.name, t.detection.get(&source.id));
        }
        if let Some(care) = &mut out.care {
            for service in &mut care.services {
                set(&mut service.name, t.services.get(&service.kind));
            }
        }
        for inject in &mut out.injects {
            if let Some(text) = t.injects.get(&inject.id) {
                set(&mut inject.channel, text.channel.as_ref());
                set(&mut inject.sender, text.sender.as_ref());
                set(&mut inject.audience, text.audience.as_ref());
                set(&mut inject.text, text.text.as_ref());
                set(&mut inject.expected, text.expected.as_ref());
            }
        }
        if !t.hot_wash.is_empty() {
            out.hot_wash.clone_from(&t.hot_wash);
        }
        out
    }
}
