//! The facilitator's and the observer's seats: the desks. From a browser of their own, the facilitator
//! fires or writes injects, marks the responses and runs the clock; an observer writes notes tagged to a
//! role, an objective or an inject, and rates the objectives for the after-action report. Each request
//! is checked against what that desk may do, then applied and journaled as the window would.

use super::clock::Speed;
use super::moments::ResponseMark;
use super::seated::{CELL, LONGEST_CHANNEL, LONGEST_MESSAGE, SENDER};
use super::{Exercise, journal};
use crate::report::NoteKind;
use crate::report::aar::Rating;

/// The facilitator's seat.
pub const FACILITATOR: &str = "facilitator";
/// An observer's (evaluator's) seat.
pub const OBSERVER: &str = "observer";
/// The desks, in the order their seats are served.
pub const DESKS: [&str; 2] = [FACILITATOR, OBSERVER];
/// Ids no role of a scenario may take: the seats and messages use them for themselves.
pub const RESERVED_ROLE_IDS: [&str; 4] = [CELL, SENDER, FACILITATOR, OBSERVER];
/// What a note or an inject written from a desk counts against the desk's share of the seats' text,
/// besides its words, as a message does.
const DESK_TEXT_COST: usize = 256;
/// The most inputs one desk may journal in an exercise (clock changes, injects, marks, notes, ratings):
/// a two-hour exercise takes a few hundred; a script repeating a request cannot grow the journal and
/// the marks kept without end. Counted apart from the text share, so that the clock stays the
/// facilitator's when the seats' messages have run out.
pub const MOST_DESK_INPUTS: u32 = 20_000;

/// The key of a desk's name in the translations.
pub fn desk_name_key(desk: &str) -> &'static str {
    match desk {
        FACILITATOR => "desk-facilitator",
        _ => "desk-observer",
    }
}

/// Whether a seat is a desk (the facilitator's or an observer's) rather than a role's.
pub fn is_desk(seat: &str) -> bool {
    DESKS.contains(&seat)
}

/// What a desk asks of the exercise.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskRequest {
    /// Fire a scenario's inject now, by its id.
    Fire { inject: String },
    /// Write an inject on the spot, to one role (its id) or to the whole cell (empty).
    Write { channel: String, text: String, to: String },
    /// Mark the response to the inject delivered `inject`-th.
    Mark { inject: usize, mark: ResponseMark },
    /// Stop or start the clock, choose its speed, or let the room's pace set it again (`pace`).
    Clock { paused: Option<bool>, speed: Option<Speed>, pace: bool },
    /// A note, tagged to an objective (a plan milestone), a role and an inject if the writer chose.
    Note { text: String, kind: NoteKind, objective: Option<String>, role: Option<String>, inject: Option<usize> },
    /// An objective rated, or its rating taken back (`None`).
    Rate { objective: String, rating: Option<Rating> },
}

impl DeskRequest {
    /// Whether `desk` may ask this: the facilitator runs the exercise and may also observe; an observer
    /// only observes.
    fn allowed_to(&self, desk: &str) -> bool {
        match self {
            DeskRequest::Note { .. } | DeskRequest::Rate { .. } => is_desk(desk),
            _ => desk == FACILITATOR,
        }
    }

    /// Allowed once the exercise has ended: notes, ratings and marks are written in the debrief too.
    fn after_the_end(&self) -> bool {
        matches!(self, DeskRequest::Note { .. } | DeskRequest::Rate { .. } | DeskRequest::Mark { .. })
    }
}

/// An observer's rating of an objective, as journaled and kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveMark {
    pub minute: u32,
    /// The plan milestone, by id.
    pub objective: String,
    /// `None`: the rating was taken back.
    pub rating: Option<Rating>,
}

impl Exercise {
    /// A request from a desk's seat: refused (and kept, for the facilitator and the report) unless that
    /// desk may make it and it names what exists; otherwise applied and journaled with the desk.
    pub fn from_desk(&mut self, desk: &str, request: DeskRequest) -> Result<String, String> {
        let language = self.setup.language;
        if !request.allowed_to(desk) {
            return Err(self.refuse(desk, language.tr("seat-not-for-this-seat").to_string()));
        }
        if self.ended && !request.after_the_end() {
            return Err(language.tr("exercise-has-ended").to_string());
        }
        if let Some(slip) = self.slip_in(&request) {
            return Err(slip);
        }
        if let Some(unknown) = self.unknown_in(&request) {
            return Err(self.refuse(desk, unknown));
        }
        if !self.seats.desk_may_act(desk) {
            return Err(language.tr("desk-too-many-inputs").to_string());
        }
        if !self.seats.seat_may_write(desk, desk_text_cost(&request)) {
            return Err(language.tr("seat-too-many-messages").to_string());
        }
        // Each input journaled from here is counted against the desk's share, by `record`.
        self.seat_of_input = Some(desk.to_string());
        let done = self.apply_desk_request(request);
        self.seat_of_input = None;
        done
    }

    /// Why a desk's request cannot be taken as written (no words, or too many): said to the desk only.
    fn slip_in(&self, request: &DeskRequest) -> Option<String> {
        let language = self.setup.language;
        let too_long = |text: &str| text.chars().count() > LONGEST_MESSAGE;
        let (words, channel) = match request {
            DeskRequest::Write { text, channel, .. } => (text, channel.as_str()),
            DeskRequest::Note { text, .. } => (text, ""),
            _ => return None,
        };
        if words.trim().is_empty() {
            Some(language.tr("seat-message-empty").to_string())
        } else if too_long(words) {
            Some(language.trf("seat-message-too-long", &[("most", &LONGEST_MESSAGE)]))
        } else if channel.chars().count() > LONGEST_CHANNEL {
            Some(language.trf("desk-channel-too-long", &[("most", &LONGEST_CHANNEL)]))
        } else {
            None
        }
    }

    /// What a desk's request names that does not exist, if anything: an inject not to fire or not
    /// delivered, a role, an objective.
    fn unknown_in(&self, request: &DeskRequest) -> Option<String> {
        let objective_known = |id: &str| self.setup.plan.as_ref().is_some_and(|p| p.milestones.iter().any(|m| m.id == id));
        let delivered = |rank: usize| self.moments().nth(rank).is_some();
        let unknown = match request {
            DeskRequest::Fire { inject } if !self.pending_injects().iter().any(|(id, _)| id == inject) => inject.clone(),
            DeskRequest::Write { to, .. } if !to.is_empty() && !self.setup.roles_at_table.contains(to) => to.clone(),
            DeskRequest::Mark { inject, .. } if !delivered(*inject) => inject.to_string(),
            DeskRequest::Note { objective: Some(id), .. } | DeskRequest::Rate { objective: id, .. } if !objective_known(id) => id.clone(),
            DeskRequest::Note { role: Some(role), .. } if !self.scenario().roles.iter().any(|r| r.id == *role) => role.clone(),
            DeskRequest::Note { inject: Some(rank), .. } if !delivered(*rank) => rank.to_string(),
            _ => return None,
        };
        Some(self.setup.language.trf("desk-no-such", &[("what", &super::seated::shortened(&unknown))]))
    }

    /// A request the seat may not make (a role's seat running the exercise, a desk taking a decision or
    /// writing to a role): refused and kept.
    pub fn refused_from_seat(&mut self, seat: &str) -> Result<String, String> {
        let why = self.setup.language.tr("seat-not-for-this-seat").to_string();
        Err(self.refuse(seat, why))
    }

    /// Applies a desk's request checked, as the window's console would; returns what to say, or why
    /// it could not be done.
    fn apply_desk_request(&mut self, request: DeskRequest) -> Result<String, String> {
        let language = self.setup.language;
        let sent = || language.tr("inject-sent-reaches-cell-coming").to_string();
        let said = match request {
            DeskRequest::Fire { inject } => return self.fire_inject(crate::sim::injects::FireInject::Listed(inject)).map(|()| sent()),
            DeskRequest::Write { channel, text, to } => {
                let text = crate::report::escape::plain(text.trim());
                let channel = crate::report::escape::plain(channel.trim());
                return self.fire_inject(crate::sim::injects::FireInject::Written { channel, text, to }).map(|()| sent());
            }
            DeskRequest::Mark { inject, mark } => {
                self.mark_response(inject, mark);
                String::new()
            }
            DeskRequest::Clock { paused, speed, pace } => {
                if pace {
                    self.follow_pace();
                } else if let Some(speed) = speed {
                    self.set_speed_by_hand(speed);
                }
                if let Some(paused) = paused
                    && (paused || !self.out_of_time())
                {
                    self.paused_for_inject = false;
                    self.set_paused(paused);
                }
                String::new()
            }
            DeskRequest::Note { text, kind, objective, role, inject } => {
                let text = crate::report::escape::plain(text.trim());
                self.add_tagged_note(&text, super::NoteTags { objective, kind, role, inject });
                language.trf("note-written", &[("count", &self.notes.len())])
            }
            DeskRequest::Rate { objective, rating } => {
                self.rate_objective(&objective, rating);
                String::new()
            }
        };
        Ok(said)
    }

    /// An objective rated by an observer (or the rating taken back), kept and journaled.
    pub fn rate_objective(&mut self, objective: &str, rating: Option<Rating>) {
        let minute = self.minute();
        self.ratings.push(ObjectiveMark { minute, objective: objective.to_string(), rating });
        self.record(journal::Input::Rating { objective: objective.to_string(), rating });
    }

    /// Each objective's rating by the observers, the latest standing, by objective id.
    pub fn observer_ratings(&self) -> Vec<(String, Rating)> {
        let mut latest: Vec<(String, Option<Rating>)> = Vec::new();
        for mark in &self.ratings {
            match latest.iter_mut().find(|(id, _)| *id == mark.objective) {
                Some(found) => found.1 = mark.rating,
                None => latest.push((mark.objective.clone(), mark.rating)),
            }
        }
        latest.into_iter().filter_map(|(id, rating)| rating.map(|r| (id, r))).collect()
    }
}

/// What a desk's request will count against the desk's share of the seats' text: its words as they
/// will be kept, and the cost of a text; nothing for a request without words.
fn desk_text_cost(request: &DeskRequest) -> usize {
    let kept = |text: &str| crate::report::escape::plain(text.trim());
    match request {
        DeskRequest::Write { channel, text, .. } => text_cost(&[&kept(channel), &kept(text)]),
        DeskRequest::Note { text, .. } => text_cost(&[&kept(text)]),
        _ => 0,
    }
}

/// What a journaled input from a desk counts against its share of the seats' text: the same as the
/// request it was taken from, whose texts were kept trimmed and plain.
pub(super) fn input_text_cost(input: &journal::Input) -> usize {
    match input {
        journal::Input::WrittenInject { channel, text, .. } => text_cost(&[channel, text]),
        journal::Input::Note { text, .. } => text_cost(&[text]),
        _ => 0,
    }
}

/// The share of the seats' text that writing these texts takes.
fn text_cost(texts: &[&str]) -> usize {
    texts.iter().map(|text| text.len()).sum::<usize>() + DESK_TEXT_COST
}
