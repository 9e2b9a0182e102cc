//! What seats add to an exercise: a decision taken from a role's own seat, only if that role carries it
//! out; messages between seats and to the whole cell, answers to an inject's sender and injects passed
//! on; refusals kept for the facilitator. What each seat shows is `seat_view`.

use serde::Serialize;

use super::moments::InjectMoment;
use super::{Exercise, journal};
use crate::report::seat_messages::SeatLine;

/// The address of a message to every seat.
pub const CELL: &str = "cell";
/// The address of an answer to an inject's sender (whom the facilitator plays).
pub const SENDER: &str = "sender";
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
/// The most refusals kept of one seat, so that one seat asking again and again cannot crowd out the
/// others' in the report.
pub const MOST_REFUSALS_PER_SEAT: usize = 100;
/// The longest channel a facilitator may give an inject written on the spot, in characters.
pub const LONGEST_CHANNEL: usize = 200;
/// What each message counts against its seat's share besides its words, in bytes: an inject passed on
/// without words still costs something, so that passes cannot pile up without end.
const MESSAGE_COST: usize = 256;
/// How much of a name a seat sent is repeated in a refusal, in characters.
const NAME_SHOWN: usize = 64;

/// A message a seat wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatMessage {
    pub minute: u32,
    /// The role whose seat wrote it.
    pub from: String,
    /// A role's id, `cell` for everyone, or `sender` for the sender of the inject it is `about`.
    pub to: String,
    pub text: String,
    /// The inject answered or passed on, by its rank of delivery.
    pub about: Option<usize>,
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
    /// Inputs journaled from each desk (clock changes, injects, marks, notes, ratings).
    desk_actions: std::collections::BTreeMap<String, u32>,
}

impl SeatRecord {
    /// Whether `bytes` more of text fit the budget.
    fn has_room_for(&self, bytes: usize) -> bool {
        self.text_bytes.saturating_add(bytes) <= SEAT_TEXT_BUDGET
    }

    /// Whether `role`'s seat may write `bytes` more.
    pub(super) fn seat_may_write(&self, role: &str, bytes: usize) -> bool {
        self.has_room_for(bytes) && self.written.get(role).copied().unwrap_or(0).saturating_add(bytes) <= SEAT_TEXT_SHARE
    }

    /// Counts `bytes` against `seat`'s share and the budget (also when replayed).
    pub(super) fn charge(&mut self, seat: &str, bytes: usize) {
        self.text_bytes += bytes;
        *self.written.entry(seat.to_string()).or_default() += bytes;
    }

    /// Counts an input journaled from a desk (also when replayed).
    pub(super) fn count_desk_action(&mut self, desk: &str) {
        *self.desk_actions.entry(desk.to_string()).or_default() += 1;
    }

    /// Whether `desk` may still act: its inputs so far are under the most a desk may journal.
    pub(super) fn desk_may_act(&self, desk: &str) -> bool {
        self.desk_actions.get(desk).copied().unwrap_or(0) < super::desks::MOST_DESK_INPUTS
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

    /// A message from `role`'s seat to another role or to the cell, or about an inject that reached it:
    /// an answer to its sender, or the inject passed on to another role (with or without words);
    /// journaled. Control characters and those that turn a text's direction around are replaced by
    /// `�`. Each seat has its share of the messages an exercise keeps, so that one seat cannot silence
    /// the others.
    pub fn send_message(&mut self, role: &str, to: &str, text: &str, about: Option<usize>) -> Result<(), String> {
        let language = self.setup.language;
        if self.ended {
            return Err(language.tr("exercise-has-ended").to_string());
        }
        let text = crate::report::escape::plain(text.trim());
        // Passing an inject on needs no words of one's own; an answer and a message do.
        if text.is_empty() && (about.is_none() || to == SENDER) {
            return Err(language.tr("seat-message-empty").to_string());
        }
        if let Some(rank) = about
            && !self.inject_reached(rank, role)
        {
            return Err(self.refuse(role, language.tr("seat-no-such-inject").to_string()));
        }
        if text.chars().count() > LONGEST_MESSAGE {
            return Err(language.trf("seat-message-too-long", &[("most", &LONGEST_MESSAGE)]));
        }
        let answer = to == SENDER && about.is_some();
        // Only a role at the table has a seat to read a message; one the playbook plays has none.
        if to != CELL && !answer && !self.setup.roles_at_table.iter().any(|r| r == to) {
            return Err(self.refuse(role, language.trf("seat-no-such-role", &[("role", &shortened(to))])));
        }
        if !self.seats.seat_may_write(role, text.len() + MESSAGE_COST) {
            return Err(language.tr("seat-too-many-messages").to_string());
        }
        self.seat_of_input = Some(role.to_string());
        self.apply_message(to, &text, about);
        self.seat_of_input = None;
        Ok(())
    }

    /// What the seats did with the inject delivered `rank`-th, in words, the newest `most`: answers and
    /// passes on; and how many more there are.
    pub fn replies_to(&self, rank: usize, most: usize) -> (Vec<String>, usize) {
        let language = self.setup.language;
        let inject = self.moments().nth(rank);
        let about: Vec<&SeatMessage> = self.seats.messages.iter().filter(|m| m.about == Some(rank)).collect();
        let more = about.len().saturating_sub(most);
        let replies = about[more..]
            .iter()
            .map(|m| {
                let (role, at) = (self.role_name(&m.from), self.local(m.minute));
                match m.to.as_str() {
                    SENDER => language.trf("seat-answered", &[("role", &role), ("at", &at), ("text", &m.text)]),
                    to => {
                        let to = self.addressee(to, inject.as_ref());
                        let passed = language.trf("seat-passed-on", &[("role", &role), ("to", &to), ("at", &at)]);
                        if m.text.is_empty() { passed } else { format!("{passed}: {}", m.text) }
                    }
                }
            })
            .collect();
        (replies, more)
    }

    /// The roles an inject is addressed to, by id; `None` for the whole cell. The role it was written
    /// to; the facilitator's own inject to nobody in particular is the whole cell's; a scenario's inject
    /// is for the roles its audience names, and the whole cell's when it names none.
    pub fn addressees(&self, inject: &InjectMoment) -> Option<Vec<String>> {
        match &inject.to_role {
            Some(role) => Some(vec![role.clone()]),
            None if inject.id == crate::sim::injects::WRITTEN_INJECT_ID => None,
            None => {
                let named = named_roles(&inject.audience, self.scenario().roles.iter().map(|r| (r.id.as_str(), r.name.as_str())));
                (!named.is_empty()).then_some(named)
            }
        }
    }

    /// Whether the inject delivered `rank`-th reached `role`: addressed to it or to everyone, or passed
    /// on to it (or to the cell) by another seat.
    pub fn inject_reached(&self, rank: usize, role: &str) -> bool {
        let Some(inject) = self.moments().nth(rank) else { return false };
        let addressed = self.addressees(&inject).is_none_or(|roles| roles.iter().any(|r| r == role));
        addressed || self.seats.messages.iter().any(|m| m.about == Some(rank) && m.to != SENDER && (m.to == role || m.to == CELL))
    }

    /// Keeps and journals a refusal while there is room; returns why, for the seat.
    pub(super) fn refuse(&mut self, role: &str, why: String) -> String {
        self.seat_of_input = Some(role.to_string());
        self.apply_refusal(&why);
        self.seat_of_input = None;
        why
    }

    /// A message from the seat whose input is applied, kept and journaled (also when replayed).
    pub(super) fn apply_message(&mut self, to: &str, text: &str, about: Option<usize>) {
        let from = self.seat_of_input.clone().unwrap_or_default();
        let cost = text.len() + MESSAGE_COST;
        if self.ended || !self.seats.seat_may_write(&from, cost) {
            return;
        }
        let minute = self.minute();
        self.seats.text_bytes += cost;
        *self.seats.written.entry(from.clone()).or_default() += cost;
        self.seats.messages.push(SeatMessage { minute, from, to: to.to_string(), text: text.to_string(), about });
        self.record(journal::Input::Message { to: to.to_string(), text: text.to_string(), about });
    }

    /// A refusal of the seat whose input is applied, kept and journaled (also when replayed).
    pub(super) fn apply_refusal(&mut self, what: &str) {
        let role = self.seat_of_input.clone().unwrap_or_default();
        let of_this_seat = self.seats.refused.iter().filter(|(_, r, _)| *r == role).count();
        if self.ended
            || self.seats.refused.len() >= MOST_REFUSALS
            || of_this_seat >= MOST_REFUSALS_PER_SEAT
            || !self.seats.has_room_for(what.len())
        {
            return;
        }
        self.seats.text_bytes += what.len();
        self.seats.refused.push((self.minute(), role, what.to_string()));
        self.record(journal::Input::Refused { what: what.to_string() });
    }

    /// The seats' messages as the report prints them: local times, roles by name.
    pub(super) fn seat_message_lines(&self) -> Vec<SeatLine> {
        let (injects, language) = (self.delivered_injects(), self.setup.language);
        self.seats
            .messages
            .iter()
            .map(|m| {
                let about = m.about.and_then(|rank| injects.get(rank));
                let text = match about {
                    Some(inject) => {
                        let quoted = language.trf("seat-about", &[("inject", &self.quoted(inject))]);
                        if m.text.is_empty() { quoted } else { format!("{quoted}\n{}", m.text) }
                    }
                    None => m.text.clone(),
                };
                SeatLine { at: self.local(m.minute), from: self.role_name(&m.from), to: self.addressee(&m.to, about), text }
            })
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

    /// The roles at the table, by id and name, as the scenario lists them: the seats to serve.
    pub fn roles_at_table_named(&self) -> Vec<(String, String)> {
        let table = &self.setup.roles_at_table;
        self.scenario().roles.iter().filter(|r| table.contains(&r.id)).map(|r| (r.id.clone(), r.name.clone())).collect()
    }

    /// A role's name; a desk's (the facilitator's, an observer's) in the exercise's language.
    pub fn role_name(&self, id: &str) -> String {
        if super::desks::is_desk(id) {
            return self.setup.language.tr(super::desks::desk_name_key(id)).to_string();
        }
        self.scenario().roles.iter().find(|r| r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    /// Whom a message was written to, in words: a role's name, or the whole cell.
    pub(super) fn addressee(&self, to: &str, about: Option<&InjectMoment>) -> String {
        match (to, about) {
            (CELL, _) => self.setup.language.tr("seat-the-cell").to_string(),
            (SENDER, Some(inject)) if !inject.sender.is_empty() => inject.sender.clone(),
            (SENDER, _) => self.setup.language.tr("seat-the-sender").to_string(),
            _ => self.role_name(to),
        }
    }

    /// An inject as a message about it quotes it: when, how, from whom, what.
    pub(super) fn quoted(&self, inject: &InjectMoment) -> String {
        let from = if inject.sender.is_empty() { String::new() } else { format!(" · {}", inject.sender) };
        format!("{} · {}{from}: {}", self.local(inject.minute), inject.channel, inject.text)
    }
}

/// A name a seat sent, cut short and made plain as its messages are, to be repeated in a refusal.
pub(super) fn shortened(name: &str) -> String {
    let name: String = name.chars().take(NAME_SHOWN).collect();
    crate::report::escape::plain(&name)
}

/// Whether an inject's audience, as the scenario writes it, is `role` or nobody in particular (see
/// `named_roles`): an audience that names no role of the scenario is the whole cell's.
pub fn addressed_to(audience: &str, role: &str, roles: &[(String, String)]) -> bool {
    let named = named_roles(audience, roles.iter().map(|(id, name)| (id.as_str(), name.as_str())));
    named.is_empty() || named.iter().any(|r| r == role)
}

/// The roles, by id, that an inject's audience names: by the role's id or its name, or by the words of
/// its name ("on-call engineer" for "On-call IT engineer").
fn named_roles<'a>(audience: &str, roles: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let heard = words(audience);
    let names = |id: &str, name: &str| {
        let (by_id, by_name) = (words(id), words(name));
        !heard.is_empty() && (heard == by_id || heard.iter().all(|w| by_name.contains(w)))
    };
    roles.into_iter().filter(|(id, name)| names(id, name)).map(|(id, _)| id.to_string()).collect()
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
