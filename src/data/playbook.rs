//! The playbook format: a schedule of decisions, each at a time or after an event with a delay.

use serde::{Deserialize, Serialize};

pub const PLAYBOOK_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub format: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scenario id this playbook was written for.
    pub scenario: String,
    #[serde(default)]
    pub sources: Vec<String>,
    pub decisions: Vec<PlannedDecision>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedDecision {
    /// Unique within the playbook; other decisions and sweeps refer to it.
    pub id: String,
    /// An action of the scenario's catalog.
    pub action: String,
    pub at: When,
    /// Why this time: the source, or that it is an assumption.
    #[serde(default)]
    pub note: String,
}

/// When a decision is taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum When {
    /// Minutes after the scenario's start.
    Elapsed(u32),
    /// A local date and time, such as `2022-05-14T04:00`.
    Clock(String),
    /// A delay after an event.
    After { event: EventRef, minutes: u32 },
}

/// Events a decision can wait for: what the crisis cell can see, never the hidden attack.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventRef {
    Start,
    FirstAlert,
    /// An alert from one detection source.
    Alert(String),
    /// The investigation confirms a cyberattack.
    Confirmed,
    /// A decision of this playbook has started.
    Started(String),
    /// A decision of this playbook has landed in full.
    Done(String),
    /// An inject of the scenario has been delivered.
    Inject(String),
    /// An action of the scenario's catalog has landed in full, whoever took it.
    ActionDone(String),
    /// Someone of a role (by id) has been called: paged, or called in by a decision.
    Called(String),
    /// Someone of a role (by id) has started a decision of their own: they know.
    RoleActed(String),
    /// Everyone a call-in action (by id) calls has been reached, by it or otherwise: called by another
    /// decision or paged, or acting on their own. "The chief executive informed", whatever informed him.
    Reached(String),
}

impl When {
    /// The delay this `When` adds to its reference, which a sweep varies.
    pub fn minutes(&self) -> Option<u32> {
        match self {
            When::Elapsed(minutes) | When::After { minutes, .. } => Some(*minutes),
            When::Clock(_) => None,
        }
    }
}

impl Playbook {
    /// The part of this playbook that `roles` carry out, for an exercise or a batch in which the
    /// playbook plays some roles and people (or nobody) the others. A kept decision that waited for a
    /// decision of another role now waits until that action is done, whoever does it; an action no role
    /// carries out stays with the playbook.
    pub fn for_roles(&self, scenario: &crate::data::scenario::Scenario, roles: &[String]) -> Playbook {
        let role_of = |action: &str| scenario.actions.iter().find(|a| a.id == action).and_then(|a| a.role.clone());
        let played = |decision: &PlannedDecision| role_of(&decision.action).is_none_or(|role| roles.contains(&role));
        let dropped: Vec<(&str, &str)> = self.decisions.iter().filter(|d| !played(d)).map(|d| (d.id.as_str(), d.action.as_str())).collect();
        let rewritten = |event: &EventRef| match event {
            EventRef::Started(id) | EventRef::Done(id) => match dropped.iter().find(|(dropped, _)| dropped == id) {
                Some((_, action)) => EventRef::ActionDone(action.to_string()),
                None => event.clone(),
            },
            other => other.clone(),
        };
        let decisions = self
            .decisions
            .iter()
            .filter(|d| played(d))
            .map(|d| PlannedDecision {
                at: match &d.at {
                    When::After { event, minutes } => When::After { event: rewritten(event), minutes: *minutes },
                    other => other.clone(),
                },
                ..d.clone()
            })
            .collect();
        let names: Vec<&str> =
            roles.iter().map(|id| scenario.roles.iter().find(|r| r.id == *id).map_or(id.as_str(), |r| r.name.as_str())).collect();
        Playbook { name: format!("{} ({})", self.name, names.join(", ")), decisions, ..self.clone() }
    }
}
