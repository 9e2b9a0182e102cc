//! Seats (feature `seats`): a small web server, on a thread of its own, through which each role at the
//! table plays from its own browser. It serves one page per seat and a WebSocket; it never touches the
//! exercise. A seat's request reaches the app as a `SeatCommand`, which the app applies in its own
//! schedule (`desk`); what each seat should show goes back as the latest view, which a slow browser
//! simply skips to, so that it never holds the exercise up.

pub mod desk;
pub mod listener;
mod pages;
mod server;
mod tokens;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::exercise::clock::Speed;
use crate::exercise::desks::DeskRequest;
use crate::exercise::moments::ResponseMark;
use crate::report::NoteKind;
use crate::report::aar::Rating;

pub use server::SeatServer;

/// The largest request a seat may send, in bytes: a message of 2,000 characters and its envelope.
pub const LARGEST_REQUEST: usize = 16 * 1024;
/// Requests a seat may send in a second, from all its browsers; beyond, they are refused until the
/// second is over.
pub const REQUESTS_PER_SECOND: u32 = 20;
/// Browsers that may hold one seat at once (a laptop and a phone, and a tab reopened).
pub const CONNECTIONS_PER_SEAT: usize = 4;
/// Requests waiting for the app, all seats together; beyond, a seat is told to try again.
pub const QUEUED_REQUESTS: usize = 1_024;
/// The port seats are served on when none is given.
pub const DEFAULT_PORT: u16 = 8642;

/// One seat: a role of the scenario and the secret its link carries.
#[derive(Debug, Clone)]
pub struct Seat {
    pub role: String,
    pub name: String,
    pub token: String,
}

/// What a seat's page asks for. `id` is the page's own number for the request: a request sent twice
/// (a retry after a lost connection) is applied once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SeatRequest {
    Decide {
        id: u64,
        action: String,
    },
    /// To a role, to the cell (`cell`), or to an inject's sender (`sender`); `about` names the inject
    /// answered or passed on, by its rank of delivery.
    Message {
        id: u64,
        to: String,
        text: String,
        #[serde(default)]
        about: Option<usize>,
    },

    /// The facilitator fires a scenario's inject now, by its id.
    Fire {
        id: u64,
        inject: String,
    },
    /// The facilitator writes an inject, to a role (its id) or to the whole cell (empty).
    Write {
        id: u64,
        #[serde(default)]
        channel: String,
        text: String,
        #[serde(default)]
        to: String,
    },
    /// The facilitator marks the response to the inject delivered `inject`-th.
    Mark {
        id: u64,
        inject: usize,
        mark: ResponseMark,
    },
    /// The facilitator stops or starts the clock, sets its speed, or lets the room's pace set it.
    Clock {
        id: u64,
        #[serde(default)]
        paused: Option<bool>,
        #[serde(default)]
        speed: Option<Speed>,
        /// Let the room's pace set the speed again.
        #[serde(default)]
        pace: bool,
    },
    /// An observer's (or the facilitator's) note, with its tags.
    Note {
        id: u64,
        text: String,
        #[serde(default)]
        note_kind: NoteKind,
        #[serde(default)]
        objective: Option<String>,
        #[serde(default)]
        role: Option<String>,
        #[serde(default)]
        inject: Option<usize>,
    },
    /// An observer rates an objective, or takes the rating back (`null`).
    Rate {
        id: u64,
        objective: String,
        rating: Option<Rating>,
    },
}

impl SeatRequest {
    pub fn id(&self) -> u64 {
        match self {
            SeatRequest::Decide { id, .. }
            | SeatRequest::Message { id, .. }
            | SeatRequest::Fire { id, .. }
            | SeatRequest::Write { id, .. }
            | SeatRequest::Mark { id, .. }
            | SeatRequest::Clock { id, .. }
            | SeatRequest::Note { id, .. }
            | SeatRequest::Rate { id, .. } => *id,
        }
    }

    /// What a desk asks, for a request only the desks make.
    pub fn desk_request(&self) -> Option<DeskRequest> {
        Some(match self.clone() {
            SeatRequest::Decide { .. } | SeatRequest::Message { .. } => return None,
            SeatRequest::Fire { inject, .. } => DeskRequest::Fire { inject },
            SeatRequest::Write { channel, text, to, .. } => DeskRequest::Write { channel, text, to },
            SeatRequest::Mark { inject, mark, .. } => DeskRequest::Mark { inject, mark },
            SeatRequest::Clock { paused, speed, pace, .. } => DeskRequest::Clock { paused, speed, pace },
            SeatRequest::Note { text, note_kind, objective, role, inject, .. } => {
                DeskRequest::Note { text, kind: note_kind, objective, role, inject }
            }
            SeatRequest::Rate { objective, rating, .. } => DeskRequest::Rate { objective, rating },
        })
    }
}

/// A request from a seat, as it reaches the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatCommand {
    /// The seat's index in the server's seats.
    pub seat: usize,
    pub request: SeatRequest,
}

/// How many browsers hold each seat now, shared between the server and the app.
#[derive(Debug, Default)]
pub struct Connections(Vec<AtomicUsize>);

impl Connections {
    fn new(seats: usize) -> Self {
        Self((0..seats).map(|_| AtomicUsize::new(0)).collect())
    }

    pub fn of(&self, seat: usize) -> usize {
        self.0.get(seat).map_or(0, |c| c.load(Ordering::Relaxed))
    }

    fn change(&self, seat: usize, up: bool) {
        if let Some(count) = self.0.get(seat) {
            if up {
                count.fetch_add(1, Ordering::Relaxed);
            } else {
                count.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
}

/// Where the server listens and what it serves.
pub struct SeatOptions {
    pub bind: SocketAddr,
    /// Each seat's role, by id and name.
    pub seats: Vec<(String, String)>,
    /// The language of what the server says by itself.
    pub language: crate::i18n::Language,
}

/// Each seat's link, for a browser on the same network: `http://ADDRESS:PORT/seat/TOKEN`.
pub fn links(address: SocketAddr, seats: &[Seat]) -> Vec<String> {
    seats.iter().map(|s| format!("http://{address}/seat/{}", s.token)).collect()
}

/// A reply to a seat's request, as JSON: its id (none when the request could not be read), whether it
/// was done and what to say, and whether it answers a request seen before.
pub fn reply_json(id: Option<u64>, outcome: Result<&str, &str>, duplicate: bool) -> String {
    let (ok, text) = match outcome {
        Ok(text) => (true, text),
        Err(why) => (false, why),
    };
    serde_json::json!({ "kind": "reply", "id": id, "ok": ok, "text": text, "duplicate": duplicate }).to_string()
}

/// Shared handle on the connection counts.
pub type SharedConnections = Arc<Connections>;
