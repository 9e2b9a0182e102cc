//! Checking a playbook against the scenario it is run on, and the times a playbook, an inject or a
//! plan may name: a clock time within the scenario, an event that exists.

use std::collections::HashSet;

use super::{Findings, list_of};
use crate::data::locate::FieldPath;
use crate::data::playbook::{EventRef, PLAYBOOK_FORMAT, Playbook, When};
use crate::data::scenario::*;

/// The `scenario` of a playbook that fits any scenario having the actions it names.
pub const ANY_SCENARIO: &str = "*";

/// Decisions timed from the scenario's start rather than from anything the cell could see: the
/// simulation holds them until the first alert, so the time written is not the time they are taken.
pub fn playbook_warnings(p: &Playbook) -> Findings {
    let mut f = Findings::default();
    for (i, decision) in p.decisions.iter().enumerate() {
        if matches!(decision.at, When::Elapsed(_) | When::After { event: EventRef::Start, .. }) {
            f.push(
                FieldPath::root().field("decisions").index(i).field("at"),
                "is timed from the start of the scenario, before anything can be seen: the decision waits for the first alert, as nobody acts on what nobody knows (time it from FirstAlert, an alert, the confirmation or an inject)",
            );
        }
    }
    f
}

/// Every problem with a playbook, against the scenario it is run on.
pub fn playbook(p: &Playbook, s: &Scenario) -> Findings {
    let mut f = Findings::default();
    let root = FieldPath::root();
    if p.format != PLAYBOOK_FORMAT {
        f.push(root.field("format"), format!("format {PLAYBOOK_FORMAT} (this build reads only that), found {}", p.format));
    }
    // `*` is a playbook for any scenario whose catalog has the actions it names.
    if p.scenario != ANY_SCENARIO && p.scenario != s.meta.id {
        f.push(root.field("scenario"), format!("\"{}\", the scenario it is run on, found \"{}\"", s.meta.id, p.scenario));
    }
    let decisions =
        f.unique("decision", p.decisions.iter().enumerate().map(|(i, d)| (root.field("decisions").index(i).field("id"), d.id.as_str())));
    let actions: HashSet<&str> = s.actions.iter().map(|a| a.id.as_str()).collect();
    let sources: HashSet<&str> = s.detection.iter().map(|d| d.id.as_str()).collect();
    for (i, decision) in p.decisions.iter().enumerate() {
        let path = root.field("decisions").index(i);
        if !actions.contains(decision.action.as_str()) {
            f.push(path.field("action"), format!("one of the scenario's actions ({}), found \"{}\"", list_of(&actions), decision.action));
        }
        let injects: HashSet<&str> = s.injects.iter().map(|x| x.id.as_str()).collect();
        check_when(&mut f, path.field("at"), &decision.at, s, &sources, &decisions, &actions, &injects, Some(&decision.id));
    }
    // A cycle of decisions waiting for each other would never start.
    for (i, decision) in p.decisions.iter().enumerate() {
        let mut seen = HashSet::new();
        let mut current = decision;
        while let When::After { event: EventRef::Started(next) | EventRef::Done(next), .. } = &current.at {
            if !seen.insert(next.as_str()) {
                break;
            }
            match p.decisions.iter().find(|d| &d.id == next) {
                Some(d) if d.id == decision.id => {
                    f.push(
                        root.field("decisions").index(i).field("at"),
                        "a chain of decisions that starts somewhere: this one waits for itself through others",
                    );
                    break;
                }
                Some(d) => current = d,
                None => break,
            }
        }
    }
    f
}

pub(super) fn is_hhmm(text: &str) -> bool {
    text.split_once(':').is_some_and(|(h, m)| {
        h.len() <= 2 && m.len() == 2 && h.parse::<u32>().is_ok_and(|h| h <= 24) && m.parse::<u32>().is_ok_and(|m| m < 60)
    })
}

/// Checks a `When`: a clock time within the scenario, an event that exists.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_when(
    f: &mut Findings,
    path: FieldPath,
    when: &When,
    s: &Scenario,
    sources: &HashSet<&str>,
    decisions: &HashSet<&str>,
    actions: &HashSet<&str>,
    injects: &HashSet<&str>,
    own_decision: Option<&str>,
) {
    match when {
        When::Clock(text) => match clock_minutes(s, text) {
            Err(message) => f.push(path, message),
            Ok(minutes) if minutes < 0 => {
                f.push(path, format!("a time at or after the scenario's start ({}), found \"{text}\"", s.meta.start))
            }
            Ok(_) => {}
        },
        When::After { event, .. } => {
            let at = path.field("event");
            match event {
                EventRef::Alert(id) if !sources.contains(id.as_str()) => {
                    f.push(at, format!("one of the detection sources ({}), found \"{id}\"", list_of(sources)))
                }
                EventRef::Started(id) | EventRef::Done(id) if !decisions.contains(id.as_str()) => {
                    f.push(at, format!("the id of a decision of this playbook, found \"{id}\""))
                }
                EventRef::Started(id) | EventRef::Done(id) if Some(id.as_str()) == own_decision => {
                    f.push(at, "another decision: a decision cannot wait for itself")
                }
                EventRef::ActionDone(id) if !actions.contains(id.as_str()) => {
                    f.push(at, format!("one of the scenario's actions, found \"{id}\""))
                }
                EventRef::Reached(id) if !s.actions.iter().any(|a| &a.id == id && matches!(a.effect, Effect::CallIn(_))) => {
                    f.push(at, format!("one of the scenario's call-in actions (CallIn), found \"{id}\""))
                }
                EventRef::Inject(id) if !injects.contains(id.as_str()) => {
                    f.push(at, format!("one of the scenario's injects ({}), found \"{id}\"", list_of(injects)))
                }
                EventRef::Called(id) | EventRef::RoleActed(id) if !s.roles.iter().any(|r| &r.id == id) => {
                    let roles: HashSet<&str> = s.roles.iter().map(|r| r.id.as_str()).collect();
                    f.push(at, format!("one of the scenario's roles ({}), found \"{id}\"", list_of(&roles)))
                }
                _ => {}
            }
        }
        When::Elapsed(_) => {}
    }
}

/// Minutes from the scenario's start to a local date and time.
pub fn clock_minutes(s: &Scenario, text: &str) -> Result<i64, String> {
    let zone = jiff::tz::TimeZone::get(&s.meta.time_zone).map_err(|e| format!("a valid scenario time zone: {e}"))?;
    let start = s.meta.start.parse::<jiff::civil::DateTime>().map_err(|e| format!("a valid scenario start: {e}"))?;
    let at = text
        .parse::<jiff::civil::DateTime>()
        .map_err(|_| format!("a local date and time such as \"2022-05-14T04:00\", found \"{text}\""))?;
    let start = start.to_zoned(zone.clone()).map_err(|e| e.to_string())?;
    let at = at.to_zoned(zone).map_err(|e| e.to_string())?;
    let seconds = at.timestamp().as_second() - start.timestamp().as_second();
    Ok(seconds.div_euclid(60))
}
