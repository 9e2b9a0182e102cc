//! The app's side of the seats: each frame, the seats' requests are applied to the exercise (a request
//! seen before is applied once) and answered, and each seat is sent what it should now show.

use std::collections::VecDeque;

use super::{SeatCommand, SeatRequest, SeatServer, reply_json};
use crate::exercise::Exercise;
use crate::exercise::desks::{DESKS, is_desk};

/// Requests remembered per seat, to apply a request sent twice once and answer it the same way.
const REMEMBERED: usize = 1_024;

/// A view as the page reads it, serialised straight from the view (no intermediate JSON tree).
#[derive(serde::Serialize)]
struct ViewMessage<'a, View: serde::Serialize> {
    kind: &'static str,
    view: &'a View,
}

/// What the app keeps about the seats between frames.
#[derive(Debug, Default)]
pub struct SeatDesk {
    /// Per seat, the last requests' ids with the outcome each had, answered again to a retry.
    answered: Vec<VecDeque<(u64, Result<String, String>)>>,
    /// The exercise's state when the views were last sent, to send them again only when it changed.
    published: Option<(u32, usize, usize, bool, bool, Vec<bool>)>,
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
        // A desk runs or observes the exercise; a role's seat decides and writes: neither does the other's.
        let role = seat.role.as_str();
        let outcome = match (command.request.desk_request(), &command.request) {
            (Some(request), _) if is_desk(role) => exercise.from_desk(role, request),
            (_, SeatRequest::Decide { action, .. }) if !is_desk(role) => exercise.decide_from_seat(role, action),
            (_, SeatRequest::Message { to, text, about, .. }) if !is_desk(role) => {
                exercise.send_message(role, to, text, *about).map(|_| String::new())
            }
            _ => exercise.refused_from_seat(role),
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
        // A desk's view is worked out only while a browser holds it: one that opens it starts a new one.
        let desks_held: Vec<bool> =
            (0..server.seats.len()).filter(|i| is_desk(&server.seats[*i].role)).map(|i| server.connections.of(i) > 0).collect();
        let state = (exercise.minute(), exercise.timeline_len(), exercise.inputs, exercise.clock.paused, exercise.ended, desks_held);
        if self.published.as_ref() == Some(&state) {
            return;
        }
        self.published = Some(state);
        // The roles' views share their work, so they are worked out together; each desk's on its own.
        let roles: Vec<&str> = server.seats.iter().map(|s| s.role.as_str()).filter(|r| !is_desk(r)).collect();
        let mut role_views = exercise.role_views(&roles).into_iter();
        for (index, seat) in server.seats.iter().enumerate() {
            let json = match DESKS.iter().find(|d| **d == seat.role) {
                Some(_) if server.connections.of(index) == 0 => continue,
                Some(desk) => serde_json::to_string(&ViewMessage { kind: "view", view: &exercise.desk_view(desk) }),
                None => match role_views.next().flatten() {
                    Some(view) => serde_json::to_string(&ViewMessage { kind: "view", view: &view }),
                    None => continue,
                },
            };
            server.publish(index, json.unwrap_or_default());
        }
    }
}
