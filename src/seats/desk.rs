//! The app's side of the seats: each frame, the seats' requests are applied to the exercise (a request
//! seen before is applied once) and answered, and each seat is sent what it should now show.

use std::collections::VecDeque;

use super::{SeatCommand, SeatRequest, SeatServer, reply_json};
use crate::exercise::Exercise;

/// Requests remembered per seat, to apply a request sent twice once and answer it the same way.
const REMEMBERED: usize = 1_024;

/// A view as the page reads it, serialised straight from the view (no intermediate JSON tree).
#[derive(serde::Serialize)]
struct ViewMessage<'a> {
    kind: &'static str,
    view: &'a crate::exercise::seat_view::RoleView,
}

/// What the app keeps about the seats between frames.
#[derive(Debug, Default)]
pub struct SeatDesk {
    /// Per seat, the last requests' ids with the outcome each had, answered again to a retry.
    answered: Vec<VecDeque<(u64, Result<String, String>)>>,
    /// The exercise's state when the views were last sent, to send them again only when it changed.
    published: Option<(u32, usize, usize, bool, bool)>,
}

impl SeatDesk {
    /// Applies every request waiting and answers each; then sends the views if anything changed.
    pub fn pump(&mut self, server: &SeatServer, exercise: &mut Exercise) {
        for command in server.drain() {
            let reply = self.apply(server, exercise, &command);
            server.reply(command.seat, reply);
        }
        self.publish(server, exercise);
    }

    /// Applies one request from a seat to the exercise; returns the reply, as JSON.
    pub fn apply(&mut self, server: &SeatServer, exercise: &mut Exercise, command: &SeatCommand) -> String {
        let id = command.request.id();
        let Some(seat) = server.seats.get(command.seat) else {
            return reply_json(Some(id), Err("no such seat"), false);
        };
        if self.answered.len() < server.seats.len() {
            self.answered.resize_with(server.seats.len(), VecDeque::new);
        }
        let answered = &mut self.answered[command.seat];
        if let Some((_, earlier)) = answered.iter().find(|(seen, _)| *seen == id) {
            return reply_json(Some(id), earlier.as_deref().map_err(String::as_str), true);
        }
        let outcome = match &command.request {
            SeatRequest::Decide { action, .. } => exercise.decide_from_seat(&seat.role, action),
            SeatRequest::Message { to, text, about, .. } => exercise.send_message(&seat.role, to, text, *about).map(|_| String::new()),
        };
        let answer = reply_json(Some(id), outcome.as_deref().map_err(String::as_str), false);
        let answered = &mut self.answered[command.seat];
        if answered.len() == REMEMBERED {
            answered.pop_front();
        }
        answered.push_back((id, outcome));
        answer
    }

    /// Sends each seat its view when the exercise has moved since the last time.
    pub fn publish(&mut self, server: &SeatServer, exercise: &Exercise) {
        let state = (exercise.minute(), exercise.timeline_len(), exercise.inputs, exercise.clock.paused, exercise.ended);
        if self.published == Some(state) {
            return;
        }
        self.published = Some(state);
        let roles: Vec<&str> = server.seats.iter().map(|s| s.role.as_str()).collect();
        for (index, view) in exercise.role_views(&roles).into_iter().enumerate() {
            if let Some(view) = view {
                server.publish(index, serde_json::to_string(&ViewMessage { kind: "view", view: &view }).unwrap_or_default());
            }
        }
    }
}
