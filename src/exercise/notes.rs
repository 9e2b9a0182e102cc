//! An observer's notes: what a note is tagged with, and how it is taken into the exercise.

use super::{Exercise, journal};
use crate::report::ObserverNote;

/// What a note is tagged with, for the after-action report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteTags {
    /// The plan milestone (objective) it bears on, by id.
    pub objective: Option<String>,
    pub kind: crate::report::NoteKind,
    /// The role it is about, by id.
    pub role: Option<String>,
    /// The inject it is about, by its rank of delivery.
    pub inject: Option<usize>,
}

impl Exercise {
    /// An observer's note, stamped with the simulated time.
    pub fn add_note(&mut self, text: &str) {
        self.add_tagged_note(text, NoteTags::default());
    }

    /// An observer's note tagged to an objective (a plan milestone, by id), a role and an inject, and
    /// as a strength or an area for improvement. A tag naming nothing that exists is dropped.
    pub fn add_tagged_note(&mut self, text: &str, tags: NoteTags) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let minute = self.minute();
        let NoteTags { objective, kind, role, inject } = tags;
        let objective = objective.filter(|id| self.setup.plan.as_ref().is_some_and(|p| p.milestones.iter().any(|m| &m.id == id)));
        let role = role.filter(|id| self.scenario().roles.iter().any(|r| &r.id == id));
        let inject = inject.filter(|rank| self.moments().nth(*rank).is_some());
        let note = ObserverNote {
            minute,
            at: self.local(minute),
            text: text.to_string(),
            objective: objective.clone(),
            kind,
            role: role.clone(),
            inject,
            by: self.seat_of_input.clone(),
        };
        self.notes.push(note);
        self.record(journal::Input::Note { text: text.to_string(), objective, note_kind: kind, role, inject });
    }
}
