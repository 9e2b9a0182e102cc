//! A journal's seat entries checked against its scenario before it is replayed: a journal edited by
//! hand cannot make a seat take another role's decision, write from or to a seat that does not exist,
//! answer nothing, or send a facilitator's call to a role the scenario lacks.

use super::desks::{self, FACILITATOR};
use super::journal::{Entry, Input};
use super::seated::{CELL, SENDER};
use crate::data::plan::Plan;
use crate::data::scenario::Scenario;

/// The first seat entry the scenario cannot account for, in words, with its place in the journal
/// (entries counted from 1, after the header).
pub fn seat_problem(entries: &[Entry], scenario: &Scenario, plan: Option<&Plan>) -> Option<String> {
    let is_role = |id: &str| scenario.roles.iter().any(|r| r.id == id);
    let is_objective = |id: &str| plan.is_some_and(|p| p.milestones.iter().any(|m| m.id == id));
    entries.iter().enumerate().find_map(|(index, entry)| {
        let problem = match (&entry.seat, &entry.input) {
            (Some(seat), _) if !is_role(seat) && !desks::is_desk(seat) => {
                format!("a seat for \"{}\", which is not a role of the scenario", shown(seat))
            }
            (Some(seat), input) if !seat_may_journal(seat, input) => {
                format!("the seat of \"{seat}\" writing what it may not ({})", kind_of(input))
            }
            (Some(seat), Input::Decision { action }) => {
                let carried_by = scenario.actions.iter().find(|a| a.id == *action).and_then(|a| a.role.as_deref());
                if carried_by == Some(seat.as_str()) {
                    return None;
                }
                format!("the seat of \"{seat}\" taking \"{}\", which is not its role's decision", shown(action))
            }
            (None, Input::Message { .. }) => "a message that no seat wrote".to_string(),
            (Some(_), Input::Message { to, about, .. }) => match (to.as_str(), about) {
                (SENDER, None) => "an answer that answers no inject".to_string(),
                (SENDER | CELL, _) => return None,
                (to, _) if is_role(to) => return None,
                (to, _) => format!("a message to \"{}\", which is not a role of the scenario", shown(to)),
            },
            (Some(_), Input::Rating { objective, .. }) if !is_objective(objective) => {
                format!("a rating of \"{}\", which is not an objective of the plan", shown(objective))
            }
            (Some(_), Input::Note { objective: Some(objective), .. }) if !is_objective(objective) => {
                format!("a note on \"{}\", which is not an objective of the plan", shown(objective))
            }
            (Some(_), Input::Note { role: Some(role), .. }) if !is_role(role) => {
                format!("a note on \"{}\", which is not a role of the scenario", shown(role))
            }
            (_, Input::WrittenInject { to, .. }) if !to.is_empty() && !is_role(to) => {
                format!("a facilitator's inject for \"{}\", which is not a role of the scenario", shown(to))
            }
            _ => return None,
        };
        Some(format!("entry {} of the journal: {problem}", index + 1))
    })
}

/// Whether a seat may have journaled this input: a role's seat its decisions and messages, the
/// facilitator's what runs the exercise and notes, an observer's notes and ratings; each its refusals.
fn seat_may_journal(seat: &str, input: &Input) -> bool {
    match input {
        Input::Refused { .. } => true,
        Input::Decision { .. } | Input::Message { .. } => !desks::is_desk(seat),
        Input::Note { .. } | Input::Rating { .. } => desks::is_desk(seat),
        Input::Inject { .. } | Input::WrittenInject { .. } | Input::Mark { .. } | Input::Clock { .. } => seat == FACILITATOR,
        _ => false,
    }
}

/// The kind of an input, as the journal writes it.
fn kind_of(input: &Input) -> String {
    serde_json::to_value(input).ok().and_then(|v| v["kind"].as_str().map(str::to_string)).unwrap_or_default()
}

/// A name from the journal, cut short and made printable (no control or direction-turning character
/// reaches the terminal), to be repeated in a message.
fn shown(name: &str) -> String {
    let cut: String = name.chars().take(64).collect();
    crate::data::load::printable(&crate::report::escape::plain(&cut)).into_owned()
}
