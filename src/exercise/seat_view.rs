//! A role's seat as its page shows it: what that role knows (the network and care as the cell knows
//! them), its decisions with their state and the people they need, and its inbox (the injects that reach
//! it, the messages to it, and what it answered or passed on), each seat's view worked out together.

use std::sync::Arc;

use serde::Serialize;

use super::decisions::DecisionRow;
use super::seated::{CELL, SENDER};
use super::{CellState, Exercise};
use crate::i18n::Language;
use crate::sim::care::ServiceStatus;

/// The most entries a role's inbox shows, newest first.
const INBOX_SHOWN: usize = 100;
/// The newest messages the inboxes are drawn from.
const MESSAGES_CONSIDERED: usize = 2_000;

impl Exercise {
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
        let names: Vec<(String, String)> = self.scenario().roles.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
        let mail = self.mail();
        // A seat writes to the other roles at the table: one the playbook plays has no seat to read.
        let table = self.roles_at_table_named();
        let words = words(language);
        let clock = self.wall_clock(self.minute());
        roles
            .iter()
            .map(|role| {
                let name = names.iter().find(|(id, _)| id == role)?.1.clone();
                let (present, free) = super::decisions::role_staff(self.sim().world(), role);
                Some(RoleView {
                    role: role.to_string(),
                    role_name: name,
                    language: language.code(),
                    clock: clock.clone(),
                    minute: self.minute(),
                    paused: self.clock.paused,
                    ended: self.ended,
                    known,
                    present,
                    free,
                    staff: language.trf("seat-here-free", &[("here", &present), ("free", &free)]),
                    decisions: rows.iter().filter(|r| r.role.as_deref() == Some(*role)).map(|r| seat_decision(language, r)).collect(),
                    inbox: mail
                        .iter()
                        .filter(|(to, _)| to.reaches(role))
                        .take(INBOX_SHOWN)
                        .map(|(to, item)| SeatInboxItem { item: item.clone(), mine: to.written_by(role) })
                        .collect(),
                    roles: table.iter().filter(|(id, _)| id != role).cloned().collect(),
                    estate: estate.clone(),
                    care: care.clone(),
                    words: words.clone(),
                })
            })
            .collect()
    }

    /// Every inject delivered and every message written, newest first, each told once with whom it
    /// reaches: each seat's inbox is the part that reaches its role.
    fn mail(&self) -> Vec<(Reaches, Arc<InboxItem>)> {
        let injects = self.delivered_injects();
        let mut mail: Vec<(Reaches, Arc<InboxItem>)> = injects
            .iter()
            .map(|i| {
                let reaches = self.addressees(i).map_or(Reaches::Everyone, Reaches::Roles);
                let item = InboxItem {
                    minute: i.minute,
                    at: self.local(i.minute),
                    channel: i.channel.clone(),
                    from: i.sender.clone(),
                    to: i.audience.clone(),
                    text: i.text.clone(),
                    inject: Some(i.rank),
                    quoted: None,
                    answer_to: self.addressee(SENDER, Some(i)),
                };
                (reaches, Arc::new(item))
            })
            .collect();
        mail.extend(self.calls_in());
        // The newest messages only: a seat's inbox shows its newest hundred, and a flood of them cannot
        // make every view slower without end.
        let newest = self.seats.messages.len().saturating_sub(MESSAGES_CONSIDERED);
        mail.extend(self.seats.messages[newest..].iter().map(|m| {
            let about = m.about.and_then(|rank| injects.get(rank));
            let reaches = match m.to.as_str() {
                CELL => Reaches::Everyone,
                // An answer goes out to the sender, whom the facilitator plays: no seat but its writer's.
                SENDER => Reaches::Roles(Vec::new()),
                to => Reaches::Roles(vec![to.to_string()]),
            };
            let item = InboxItem {
                minute: m.minute,
                at: self.local(m.minute),
                channel: self.setup.language.tr("seat-channel").to_string(),
                from: self.role_name(&m.from),
                to: self.addressee(&m.to, about),
                text: m.text.clone(),
                // What was passed on can be answered or passed on again by whoever it reached.
                inject: m.about.filter(|_| m.to != SENDER),
                quoted: about.map(|i| self.quoted(i)),
                answer_to: self.addressee(SENDER, about),
            };
            (Reaches::Writer(m.from.clone(), Box::new(reaches)), Arc::new(item))
        }));
        // Oldest first, stable within a minute (injects before the messages that answer them), then
        // turned round: newest first throughout.
        mail.sort_by_key(|(_, item)| item.minute);
        mail.reverse();
        mail
    }

    /// The decisions of other roles that call a role in, once the call is made: in the inbox of each
    /// role called, from the role that called.
    fn calls_in(&self) -> Vec<(Reaches, Arc<InboxItem>)> {
        let language = self.setup.language;
        let actions = &self.scenario().actions;
        let works = &self.sim().world().resource::<crate::sim::ResponseState>().works;
        works
            .iter()
            .filter_map(|work| {
                let action = &actions[work.action];
                let (crate::data::scenario::Effect::CallIn(called), Some(done)) = (&action.effect, work.done_at) else { return None };
                let caller = action.role.as_deref().map(|r| self.role_name(r)).unwrap_or_default();
                let item = InboxItem {
                    minute: done,
                    at: self.local(done),
                    channel: language.tr("seat-channel-call").to_string(),
                    from: caller.clone(),
                    to: called.iter().map(|r| self.role_name(r)).collect::<Vec<_>>().join(", "),
                    text: language.trf("seat-called-in", &[("caller", &caller), ("decision", &action.name)]),
                    inject: None,
                    quoted: None,
                    answer_to: String::new(),
                };
                Some((Reaches::Roles(called.clone()), Arc::new(item)))
            })
            .collect()
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

/// Whom an item of the inbox reaches.
#[derive(Debug, Clone)]
enum Reaches {
    Everyone,
    Roles(Vec<String>),
    /// A message: its writer, and whom it was written to.
    Writer(String, Box<Reaches>),
}

impl Reaches {
    fn reaches(&self, role: &str) -> bool {
        match self {
            Reaches::Everyone => true,
            Reaches::Roles(roles) => roles.iter().any(|r| r == role),
            Reaches::Writer(writer, to) => writer == role || to.reaches(role),
        }
    }

    fn written_by(&self, role: &str) -> bool {
        matches!(self, Reaches::Writer(writer, _) if writer == role)
    }
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
    pub inbox: Vec<SeatInboxItem>,
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

/// An item of a seat's inbox: what every seat it reaches shares, and whether this seat wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct SeatInboxItem {
    #[serde(flatten)]
    pub item: Arc<InboxItem>,
    pub mine: bool,
}

impl std::ops::Deref for SeatInboxItem {
    type Target = InboxItem;
    fn deref(&self) -> &InboxItem {
        &self.item
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub minute: u32,
    pub at: String,
    /// How it came: the inject's channel (phone, e-mail, radio, press…), or the word for a seat, for a seat's message.
    pub channel: String,
    pub from: String,
    pub to: String,
    pub text: String,
    /// The inject this item is or passes on, by its rank of delivery: it can be answered or passed on.
    pub inject: Option<usize>,
    /// The inject a message answers or passes on, quoted.
    pub quoted: Option<String>,
    /// Whom an answer to the inject goes to: its sender, whom the facilitator plays.
    pub answer_to: String,
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
        "seat-no-such",
        "seat-answer",
        "seat-forward",
        "seat-answer-to",
        "seat-forward-to",
        "seat-cancel",
        "seat-the-sender",
        "seat-ended",
        "seat-paused",
    ]
    .into_iter()
    .map(|key| (key, language.tr(key).to_string()))
    .collect()
}
