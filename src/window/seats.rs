//! The window's seats (feature `seats`): with `play --seats`, each exercise begun gets a seat server
//! with a new link per role at the table; every frame the seats' requests are applied to the exercise
//! and each seat is sent its view. The console lists the links and who holds each seat.

use std::net::SocketAddr;

use bevy::diagnostic::{Diagnostic, DiagnosticPath, Diagnostics, RegisterDiagnostic};
use bevy::prelude::*;
use bevy_egui::egui;

use super::Session;
use crate::exercise::desks::{DESKS, desk_name_key, is_desk};
use crate::i18n::Language;
use crate::seats::desk::SeatDesk;
use crate::seats::{SeatOptions, SeatServer};

/// What applying the seats' requests and working out their views costs each frame, in milliseconds.
pub const SEATS_FRAME_MS: DiagnosticPath = DiagnosticPath::const_new("crisis_cell/seats_ms_per_frame");

/// The seats asked for, and the server of the exercise under way.
#[derive(Resource, Default)]
pub struct SeatsHost {
    bind: Option<SocketAddr>,
    running: Option<(SeatServer, SeatDesk)>,
    /// The exercise the server serves, by its number in the window.
    serving: Option<u64>,
    /// Why the server could not start, said in the console.
    pub error: Option<String>,
    /// What the facilitator's last change to a seat did, said in the console.
    pub notice: Option<String>,
    /// Each seat's link as a QR code, for the projector.
    pub codes: Vec<super::seat_codes::SeatCode>,
    /// The codes are shown over the room's picture.
    pub on_projector: bool,
}

pub fn add(app: &mut App, bind: Option<SocketAddr>) {
    app.register_diagnostic(Diagnostic::new(SEATS_FRAME_MS).with_suffix(" ms").with_max_history_length(600));
    app.insert_resource(SeatsHost { bind, ..default() }).add_systems(Update, pump.after(super::advance_exercise)).add_systems(
        bevy_egui::EguiPrimaryContextPass,
        super::seat_codes::show_on_projector.after(super::exercise_screen::show).run_if(in_state(super::Screen::Exercise)),
    );
}

/// Starts a server for a new exercise, then applies the seats' requests and sends their views.
fn pump(mut session: ResMut<Session>, mut host: ResMut<SeatsHost>, mut diagnostics: Diagnostics) {
    let Some(bind) = host.bind else { return };
    let begun = session.exercises_begun;
    let Some(exercise) = session.exercise.as_mut() else { return };
    if host.serving != Some(begun) {
        host.serving = Some(begun);
        // The old links die with the old exercise before the new server takes the port.
        host.running = None;
        let language = exercise.setup.language;
        // A seat per role at the table, then the facilitator's and an observer's desks.
        let mut seats = exercise.roles_at_table_named();
        seats.extend(DESKS.iter().map(|desk| (desk.to_string(), language.tr(desk_name_key(desk)).to_string())));
        match SeatServer::start(SeatOptions { bind, seats, language: exercise.setup.language }) {
            Ok(server) => {
                // The links on the terminal too, for a facilitator who starts the window from one.
                let links = server.links();
                for (seat, link) in server.seats.iter().zip(&links) {
                    eprintln!("seat: {} {link}", crate::data::load::printable(&seat.name));
                }
                host.codes = codes_of(&server);
                exercise.seats_served = true;
                host.on_projector = true;
                host.running = Some((server, SeatDesk::default()));
                host.error = None;
                host.notice = None;
            }
            Err(why) => host.error = Some(why),
        }
    }
    if let Some((server, desk)) = host.running.as_mut() {
        let began = std::time::Instant::now();
        desk.pump(server, exercise);
        let spent = began.elapsed();
        diagnostics.add_measurement(&SEATS_FRAME_MS, || spent.as_secs_f64() * 1000.0);
    }
}

impl SeatsHost {
    /// Whether the seats of the exercise under way are being served.
    pub fn is_serving(&self) -> bool {
        self.running.is_some()
    }
}

/// Each role's seat's link as a QR code. The desks' links are not for the room: the facilitator's opens
/// the truth, an observer's the expected responses; they are in the console.
fn codes_of(server: &SeatServer) -> Vec<super::seat_codes::SeatCode> {
    server
        .seats
        .iter()
        .zip(server.links())
        .filter(|(s, _)| !is_desk(&s.role))
        .filter_map(|(s, link)| super::seat_codes::SeatCode::new(&s.name, &link))
        .collect()
}

/// The seats' links and how many browsers hold each, for the facilitator's console.
pub fn show_links(ui: &mut egui::Ui, host: &mut SeatsHost, language: Language) {
    if host.bind.is_none() {
        return;
    }
    ui.separator();
    ui.heading(language.tr("seats-heading"));
    if let Some(why) = &host.error {
        ui.colored_label(super::theme::VERMILLION, why);
    }
    if let Some(notice) = &host.notice {
        ui.label(notice);
    }
    ui.checkbox(&mut host.on_projector, language.tr("seats-on-projector"));
    let Some((server, _)) = host.running.as_ref() else { return };
    ui.label(egui::RichText::new(language.trf("seats-served-on", &[("address", &server.address.to_string())])).small());
    let mut renew = None;
    egui::Grid::new("seat-links").striped(true).show(ui, |ui| {
        for ((index, seat), link) in server.seats.iter().enumerate().zip(server.links()) {
            ui.label(&seat.name);
            ui.label(egui::RichText::new(&link).monospace());
            let held = server.connections.of(index);
            let word = if held == 0 { language.tr("seat-free").to_string() } else { language.trf("seat-held", &[("count", &held)]) };
            ui.label(word);
            if ui.button(language.tr("seat-renew")).on_hover_text(language.tr("seat-renew-hint")).clicked() {
                renew = Some(index);
            }
            if ui.button(language.tr("seat-open-here")).on_hover_text(language.tr("seat-open-here-hint")).clicked() {
                ui.ctx().open_url(egui::OpenUrl::new_tab(link));
            }
            ui.end_row();
        }
    });
    if let Some(seat) = renew {
        host.renew_link(seat, language);
    }
}

impl SeatsHost {
    /// A new link for `seat`: the old one's browsers are closed, and its code on the projector changes.
    fn renew_link(&mut self, seat: usize, language: Language) {
        let Some((server, _)) = self.running.as_mut() else { return };
        match server.renew_link(seat) {
            Ok(link) => {
                let name = server.seats[seat].name.clone();
                eprintln!("seat: {} {link}", crate::data::load::printable(&name));
                self.codes = codes_of(server);
                // A seat taken back must not have its new link shown to the whole room.
                self.on_projector = false;
                self.notice = Some(language.trf("seat-renewed", &[("role", &name), ("link", &link)]));
            }
            Err(why) => self.error = Some(why),
        }
    }
}
