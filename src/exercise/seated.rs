//! What seats add to an exercise: a decision taken from a role's own seat, only if that role carries it
//! out; messages between seats and to the whole cell; refusals kept for the facilitator; and each role's
//! view, what that role knows and may do, as its seat's page shows it.

use serde::Serialize;

use super::decisions::DecisionRow;
use super::moments::InjectMoment;
use super::{CellState, Exercise, journal};
use crate::i18n::Language;
use crate::report::seat_messages::SeatLine;
use crate::sim::care::ServiceStatus;

/// The address of a message to every seat.
pub const CELL: &str = "cell";
/// The longest message a seat may write, in characters.
pub const LONGEST_MESSAGE: usize = 2_000;
/// The bytes of text the seats may add to an exercise, messages and refusals together: well under
/// what a journal may hold, so that seats can never make their exercise unreadable.
pub const SEAT_TEXT_BUDGET: usize = 8 * 1024 * 1024;
/// Each seat's share of the text budget: one seat cannot use up the others'.
pub const SEAT_TEXT_SHARE: usize = 512 * 1024;
/// How many times one seat may take one decision of the catalog: a real cell takes one a handful of
/// times; a script repeating it cannot flood the simulation with work.
pub const MOST_TIMES_A_DECISION: u32 = 20;
/// The most refusals kept: beyond, a refusal is still said to its seat but no longer kept.
pub const MOST_REFUSALS: usize = 1_000;
/// How much of a name a seat sent is repeated in a refusal, in characters.
const NAME_SHOWN: usize = 64;
/// The most entries a role's inbox shows, newest first.
const INBOX_SHOWN: usize = 100;

/// A message a seat wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatMessage {
    pub minute: u32,
    /// The role whose seat wrote it.
    pub from: String,
    /// A role's id, or `cell` for everyone.
    pub to: String,
    pub text: String,
}

/// What the seats did beyond decisions.
#[derive(Debug, Clone, Default)]
pub struct SeatRecord {
    pub messages: Vec<SeatMessage>,
    /// What a seat asked for and was refused: (minute, role, what).
    pub refused: Vec<(u32, String, String)>,
    /// Bytes of text kept in messages and refusals.
    text_bytes: usize,
    /// Bytes of message text kept, per seat's role.
    written: std::collections::BTreeMap<String, usize>,
    /// Decisions taken from seats, per (role, decision).
    taken: std::collections::BTreeMap<(String, String), u32>,
}

impl SeatRecord {
    /// Whether `bytes` more of text fit the budget.
    fn has_room_for(&self, bytes: usize) -> bool {
        self.text_bytes.saturating_add(bytes) <= SEAT_TEXT_BUDGET
    }

    /// Whether `role`'s seat may write `bytes` more.
    fn seat_may_write(&self, role: &str, bytes: usize) -> bool {
        self.has_room_for(bytes) && self.written.get(role).copied().unwrap_or(0).saturating_add(bytes) <= SEAT_TEXT_SHARE
    }

    /// Counts a decision taken from `role`'s seat (also when replayed).
    pub(super) fn count_decision(&mut self, role: &str, action: &str) {
        *self.taken.entry((role.to_string(), action.to_string())).or_default() += 1;
    }

    /// Each decision taken from a seat, as `(role, decision, times)`.
    pub fn decisions_taken(&self) -> Vec<(String, String, u32)> {
        self.taken.iter().map(|((role, action), times)| (role.clone(), action.clone(), *times)).collect()
    }

    fn times_taken(&self, role: &str, action: &str) -> u32 {
        self.taken.get(&(role.to_string(), action.to_string())).copied().unwrap_or(0)
    }
}

impl Exercise {
    /// A decision from `role`'s seat: refused unless that role carries it out, and until something is
    /// known (nobody acts on what nobody knows). Journaled with the seat.
    pub fn decide_from_seat(&mut self, role: &str, action: &str) -> Result<String, String> {
        let language = self.setup.language;
        if self.ended {
            return Err(language.tr("exercise-has-ended").to_string());
        }
        let Some(found) = self.scenario().actions.iter().find(|a| a.id == action) else {
            return Err(self.refuse(role, language.trf("refused-no-such-decision", &[("decision", &shortened(action))])));
        };
        // A decision nobody in particular carries out is the room's, taken in the window.
        if found.role.as_deref() != Some(role) {
            let why = language.trf("seat-not-your-decision", &[("decision", &found.name)]);
            return Err(self.refuse(role, why));
        }
        if self.first_alert().is_none() {
            return Err(language.tr("quiet-night").to_string());
        }
        if self.seats.times_taken(role, action) >= MOST_TIMES_A_DECISION {
            return Err(language.trf("seat-decision-taken-enough", &[("decision", &found.name), ("times", &MOST_TIMES_A_DECISION)]));
        }
        self.seat_of_input = Some(role.to_string());
        let taken = self.decide(action);
        self.seat_of_input = None;
        taken
    }

    /// A message from `role`'s seat to another role or to the cell; journaled. Control characters and
    /// those that turn a text's direction around are replaced by `�`. Each seat has its share of the
    /// messages an exercise keeps, so that one seat cannot silence the others.
    pub fn send_message(&mut self, role: &str, to: &str, text: &str) -> Result<(), String> {
        let language = self.setup.language;
        if self.ended {
            return Err(language.tr("exercise-has-ended").to_string());
        }
        let text = crate::report::escape::plain(text.trim());
        if text.is_empty() {
            return Err(language.tr("seat-message-empty").to_string());
        }
        if text.chars().count() > LONGEST_MESSAGE {
            return Err(language.trf("seat-message-too-long", &[("most", &LONGEST_MESSAGE)]));
        }
        if to != CELL && !self.scenario().roles.iter().any(|r| r.id == to) {
            return Err(self.refuse(role, language.trf("seat-no-such-role", &[("role", &shortened(to))])));
        }
        if !self.seats.seat_may_write(role, text.len()) {
            return Err(language.tr("seat-too-many-messages").to_string());
        }
        self.seat_of_input = Some(role.to_string());
        self.apply_message(to, &text);
        self.seat_of_input = None;
        Ok(())
    }

    /// Keeps and journals a refusal while there is room; returns why, for the seat.
    fn refuse(&mut self, role: &str, why: String) -> String {
        self.seat_of_input = Some(role.to_string());
        self.apply_refusal(&why);
        self.seat_of_input = None;
        why
    }

    /// A message from the seat whose input is applied, kept and journaled (also when replayed).
    pub(super) fn apply_message(&mut self, to: &str, text: &str) {
        let from = self.seat_of_input.clone().unwrap_or_default();
        if self.ended || !self.seats.seat_may_write(&from, text.len()) {
            return;
        }
        let minute = self.minute();
        self.seats.text_bytes += text.len();
        *self.seats.written.entry(from.clone()).or_default() += text.len();
        self.seats.messages.push(SeatMessage { minute, from, to: to.to_string(), text: text.to_string() });
        self.record(journal::Input::Message { to: to.to_string(), text: text.to_string() });
    }

    /// A refusal of the seat whose input is applied, kept and journaled (also when replayed).
    pub(super) fn apply_refusal(&mut self, what: &str) {
        if self.ended || self.seats.refused.len() >= MOST_REFUSALS || !self.seats.has_room_for(what.len()) {
            return;
        }
        let role = self.seat_of_input.clone().unwrap_or_default();
        self.seats.text_bytes += what.len();
        self.seats.refused.push((self.minute(), role, what.to_string()));
        self.record(journal::Input::Refused { what: what.to_string() });
    }

    /// The seats' messages as the report prints them: local times, roles by name.
    pub(super) fn seat_message_lines(&self) -> Vec<SeatLine> {
        self.seats
            .messages
            .iter()
            .map(|m| SeatLine { at: self.local(m.minute), from: self.role_name(&m.from), to: self.addressee(&m.to), text: m.text.clone() })
            .collect()
    }

    /// What the seats were refused, as the report prints it.
    pub(super) fn seat_refusal_lines(&self) -> Vec<SeatLine> {
        self.seats
            .refused
            .iter()
            .map(|(minute, role, what)| SeatLine {
                at: self.local(*minute),
                from: self.role_name(role),
                to: String::new(),
                text: what.clone(),
            })
            .collect()
    }

    pub(super) fn role_name(&self, id: &str) -> String {
        self.scenario().roles.iter().find(|r| r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    /// Whom a message was written to, in words: a role's name, or the whole cell.
    fn addressee(&self, to: &str) -> String {
        if to == CELL { self.setup.language.tr("seat-the-cell").to_string() } else { self.role_name(to) }
    }

    /// What `role`'s seat shows; `None` for a role the scenario does not have.
    pub fn role_view(&self, role: &str) -> Option<RoleView> {
        self.role_views(&[role]).pop().flatten()
    }

    /// What each of `roles`' seats shows: what the cell knows, in that role's detail, its decisions, its
    /// inbox. What every seat shares (the decisions, the estate, care, the injects) is worked out once.
    pub fn role_views(&self, roles: &[&str]) -> Vec<Option<RoleView>> {
        let language = self.setup.language;
        let known = self.first_alert().is_some();
        let rows = if known { self.decision_rows() } else { Vec::new() };
        let counts = self.cells(false).counts();
        let estate: Vec<(String, u32)> = CellState::ALL.iter().map(|s| (s.label(language).to_string(), counts[*s as usize])).collect();
        let care = self.care_lines();
        let injects = self.delivered_injects();
        let names: Vec<(String, String)> = self.scenario().roles.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
        let words = words(language);
        roles
            .iter()
            .map(|role| {
                let name = names.iter().find(|(id, _)| id == role)?.1.clone();
                let (present, free) = super::decisions::role_staff(self.sim().world(), role);
                Some(RoleView {
                    role: role.to_string(),
                    role_name: name,
                    language: language.code(),
                    clock: self.wall_clock(self.minute()),
                    minute: self.minute(),
                    paused: self.clock.paused,
                    ended: self.ended,
                    known,
                    present,
                    free,
                    staff: language.trf("seat-here-free", &[("here", &present), ("free", &free)]),
                    decisions: rows.iter().filter(|r| r.role.as_deref() == Some(*role)).map(|r| seat_decision(language, r)).collect(),
                    inbox: self.inbox(role, &injects, &names),
                    roles: names.iter().filter(|(id, _)| id != role).cloned().collect(),
                    estate: estate.clone(),
                    care: care.clone(),
                    words: words.clone(),
                })
            })
            .collect()
    }

    /// Injects addressed to `role` or to nobody in particular, and messages to it, from it or to the
    /// cell: newest first.
    fn inbox(&self, role: &str, injects: &[InjectMoment], names: &[(String, String)]) -> Vec<InboxItem> {
        let mut items: Vec<InboxItem> = injects
            .iter()
            .filter(|i| i.to_role.as_deref().map_or_else(|| addressed_to(&i.audience, role, names), |to| to == role))
            .map(|i| InboxItem {
                minute: i.minute,
                at: self.local(i.minute),
                channel: i.channel.clone(),
                from: i.sender.clone(),
                to: i.audience.clone(),
                text: i.text.clone(),
                mine: false,
            })
            .collect();
        items.extend(self.seats.messages.iter().filter(|m| m.to == role || m.to == CELL || m.from == role).map(|m| InboxItem {
            minute: m.minute,
            at: self.local(m.minute),
            channel: "seat".to_string(),
            from: self.role_name(&m.from),
            to: self.addressee(&m.to),
            text: m.text.clone(),
            mine: m.from == role,
        }));
        items.sort_by_key(|i| std::cmp::Reverse(i.minute));
        items.truncate(INBOX_SHOWN);
        items
    }

    /// Each site's care as the cell knows it: services up, on paper and down, and patients at risk.
    fn care_lines(&self) -> Vec<CareLine> {
        self.care_board()
            .into_iter()
            .filter(|s| !s.services.is_empty())
            .map(|s| {
                let count = |status| s.services.iter().filter(|(_, _, st)| *st == status).count();
                CareLine {
                    site: crate::words::short_site_name(&s.site).to_string(),
                    up: count(ServiceStatus::Up),
                    paper: count(ServiceStatus::Degraded),
                    down: count(ServiceStatus::Down),
                    patients_at_risk: s.patients_at_risk,
                }
            })
            .collect()
    }
}

/// A decision of a role's seat, as its page lists it.
fn seat_decision(language: Language, row: &DecisionRow) -> SeatDecision {
    SeatDecision {
        action: row.id.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        expected_minutes: row.expected_minutes,
        waits_for: row.waits_for.as_ref().map(|why| language.trf("waits-for", &[("reason", why)])),
        irreversible: row.irreversible,
        taken: row.taken,
    }
}

/// A name a seat sent, cut short and made plain as its messages are, to be repeated in a refusal.
fn shortened(name: &str) -> String {
    let name: String = name.chars().take(NAME_SHOWN).collect();
    crate::report::escape::plain(&name)
}

/// Whether an inject's audience, as the scenario writes it, is `role` or nobody in particular: the
/// audience names the role by its id or its name, or by the words of its name ("on-call engineer" for
/// "On-call IT engineer"). An audience that names no role of the scenario is the whole cell's.
pub fn addressed_to(audience: &str, role: &str, roles: &[(String, String)]) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let heard = words(audience);
    let names = |id: &str, name: &str| {
        let (by_id, by_name) = (words(id), words(name));
        !heard.is_empty() && (heard == by_id || heard.iter().all(|w| by_name.contains(w)))
    };
    let named: Vec<&str> = roles.iter().filter(|(id, name)| names(id, name)).map(|(id, _)| id.as_str()).collect();
    named.is_empty() || named.contains(&role)
}

/// A role's seat, as its page draws it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub role: String,
    pub role_name: String,
    pub language: &'static str,
    pub clock: String,
    pub minute: u32,
    pub paused: bool,
    pub ended: bool,
    /// Something is known: before the first alert the role has no decision to take.
    pub known: bool,
    pub present: u32,
    pub free: u32,
    /// The people of the role here and free, in words.
    pub staff: String,
    pub decisions: Vec<SeatDecision>,
    pub inbox: Vec<InboxItem>,
    /// The other roles, by id and name, to write to.
    pub roles: Vec<(String, String)>,
    /// Hosts by state, as the cell knows them.
    pub estate: Vec<(String, u32)>,
    pub care: Vec<CareLine>,
    /// The page's words in the exercise's language.
    pub words: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeatDecision {
    pub action: String,
    pub name: String,
    pub description: String,
    pub expected_minutes: u32,
    pub waits_for: Option<String>,
    pub irreversible: bool,
    pub taken: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub minute: u32,
    pub at: String,
    /// How it came: the inject's channel (phone, e-mail, radio, press…), or `seat` for a seat's message.
    pub channel: String,
    pub from: String,
    pub to: String,
    pub text: String,
    /// Written by this seat.
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CareLine {
    pub site: String,
    pub up: usize,
    pub paper: usize,
    pub down: usize,
    pub patients_at_risk: u32,
}

/// The words a seat's page needs, by key, in `language`.
fn words(language: Language) -> Vec<(&'static str, String)> {
    [
        "seat-decisions",
        "seat-inbox",
        "seat-write",
        "seat-send",
        "seat-the-cell",
        "seat-estate",
        "seat-care",
        "seat-waiting-for-alert",
        "seat-taken",
        "seat-offline",
        "seat-ended",
        "seat-paused",
    ]
    .into_iter()
    .map(|key| (key, language.tr(key).to_string()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::addressed_to;

    fn roles() -> Vec<(String, String)> {
        [("on-call-engineer", "On-call IT engineer"), ("director-general", "Director general"), ("communication", "Communication officer")]
            .map(|(i, n)| (i.to_string(), n.to_string()))
            .to_vec()
    }

    #[test]
    fn an_audience_reaches_the_role_it_names_and_no_other() {
        assert!(addressed_to("on-call engineer", "on-call-engineer", &roles()));
        assert!(!addressed_to("on-call engineer", "director-general", &roles()));
        assert!(addressed_to("director general", "director-general", &roles()));
        assert!(addressed_to("communication", "communication", &roles()));
        assert!(!addressed_to("communication", "on-call-engineer", &roles()));
    }

    #[test]
    fn an_audience_that_names_no_role_is_the_whole_cells() {
        assert!(addressed_to("crisis management team", "director-general", &roles()));
        assert!(addressed_to("crisis management team", "on-call-engineer", &roles()));
        assert!(addressed_to("", "communication", &roles()));
    }
}
