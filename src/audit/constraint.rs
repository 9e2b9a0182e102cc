//! What can bind a milestone (people to come in, people busy, an action to be done first, a server
//! down...), kept as short keys that merge across shards, and said in the words of the people who
//! write emergency plans.

use super::summary::Names;

/// What set a milestone's time, kept as a short key so that counts merge across shards.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Constraint {
    /// Nobody of the role was there: they came after their call-in delay (or a quorum member did).
    Arrives(String),
    /// The role's people were there, busy with other decisions.
    Busy(String),
    /// Nobody of the role was there or on call: the first came with the next shift.
    Shift(String),
    /// Nobody of the role could be reached before the run ended.
    Unreachable(String),
    /// It waited for the attack to be confirmed.
    Confirmation,
    /// Nothing is known before the first alert.
    FirstAlert,
    /// It waited for another action to be done.
    After(String),
    /// It needed a server that was down.
    Server(String),
    /// It needed a link that was cut.
    Link(String),
    /// It needed a running host of a class, for remote tools.
    Running(String),
    /// Nothing held it: the action itself takes this long.
    Duration(String),
    /// No decision of the best response achieves it.
    NotTaken,
    /// An event the cell does not decide (an inject, an alert) sets it.
    Event,
    /// Its reference event never happened.
    NoReference,
}

impl Constraint {
    /// The key a tally keeps, such as `arrives:director-general`.
    pub fn key(&self) -> String {
        let (kind, id) = match self {
            Constraint::Arrives(r) => ("arrives", r.as_str()),
            Constraint::Busy(r) => ("busy", r.as_str()),
            Constraint::Shift(r) => ("shift", r.as_str()),
            Constraint::Unreachable(r) => ("unreachable", r.as_str()),
            Constraint::Confirmation => ("confirmation", ""),
            Constraint::FirstAlert => ("first-alert", ""),
            Constraint::After(a) => ("after", a.as_str()),
            Constraint::Server(s) => ("server", s.as_str()),
            Constraint::Link(l) => ("link", l.as_str()),
            Constraint::Running(c) => ("running", c.as_str()),
            Constraint::Duration(a) => ("duration", a.as_str()),
            Constraint::NotTaken => ("not-taken", ""),
            Constraint::Event => ("event", ""),
            Constraint::NoReference => ("no-reference", ""),
        };
        if id.is_empty() { kind.to_string() } else { format!("{kind}:{id}") }
    }

    /// Reads a key back.
    pub fn from_key(key: &str) -> Option<Self> {
        let (kind, id) = key.split_once(':').unwrap_or((key, ""));
        let id = id.to_string();
        Some(match kind {
            "arrives" => Constraint::Arrives(id),
            "busy" => Constraint::Busy(id),
            "shift" => Constraint::Shift(id),
            "unreachable" => Constraint::Unreachable(id),
            "confirmation" => Constraint::Confirmation,
            "first-alert" => Constraint::FirstAlert,
            "after" => Constraint::After(id),
            "server" => Constraint::Server(id),
            "link" => Constraint::Link(id),
            "running" => Constraint::Running(id),
            "duration" => Constraint::Duration(id),
            "not-taken" => Constraint::NotTaken,
            "event" => Constraint::Event,
            "no-reference" => Constraint::NoReference,
            _ => return None,
        })
    }

    /// The constraint in words, with `minutes` the mean of what it cost over the runs it bound.
    pub fn describe(&self, names: &Names, minutes: f64) -> String {
        let role = |id: &str| names.role(id);
        let action = |id: &str| names.action(id);
        let link = |id: &str| names.link(id);
        let m = minutes.round();
        match self {
            Constraint::Arrives(r) => format!("the {} arrives {m:.0} minutes after being called", role(r)),
            Constraint::Busy(r) => format!("the {} is busy with other decisions (a wait of {m:.0} minutes)", role(r)),
            Constraint::Shift(r) => format!("nobody of the {} is there or on call until the next shift ({m:.0} minutes)", role(r)),
            Constraint::Unreachable(r) => format!("nobody of the {} can be reached: none on site or on call", role(r)),
            Constraint::Confirmation => format!("it waits for the attack to be confirmed, {m:.0} minutes after the first alert"),
            Constraint::FirstAlert => "the first alert: nothing is done before anyone knows".into(),
            Constraint::After(a) => format!("it needs “{}” done first (a wait of {m:.0} minutes)", action(a)),
            Constraint::Server(s) => format!("it needs the server {s}, which is down (a wait of {m:.0} minutes)"),
            Constraint::Link(l) => format!("it needs the link “{}”, which is cut (a wait of {m:.0} minutes)", link(l)),
            Constraint::Running(c) => format!("it needs a running host ({c}) for its remote tools (a wait of {m:.0} minutes)"),
            Constraint::Duration(a) => format!("“{}” itself takes {m:.0} minutes", action(a)),
            Constraint::NotTaken => "no decision the model allows achieves it".into(),
            Constraint::Event => "an event the cell does not decide sets it".into(),
            Constraint::NoReference => "its reference event never happened".into(),
        }
    }
}
