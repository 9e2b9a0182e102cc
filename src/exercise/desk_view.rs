//! A desk's seat as its page shows it. The facilitator's: the clock and its controls, the truth (every
//! foothold counted, the attack's hidden course in the feed), each inject delivered with its expected
//! response, the answers to it and its mark, the injects still to fire, and the notes. An observer's: the
//! room's picture (what the cell knows), the injects with their expected responses, the objectives to
//! rate and the notes, with what to tag them to.

use serde::Serialize;

use super::clock::Speed;
use super::desks::{self, FACILITATOR};
use super::moments::{InjectMoment, ResponseMark};
use super::{CellState, Exercise};
use crate::i18n::Language;
use crate::report::NoteKind;
use crate::report::aar::Rating;

/// The newest feed lines a desk shows.
const FEED_SHOWN: usize = 100;
/// The newest notes a desk shows.
const NOTES_SHOWN: usize = 50;
/// The newest injects a desk shows; the rest are counted.
const INJECTS_SHOWN: usize = 100;
/// The newest answers and passes shown under each inject; the rest are counted.
const REPLIES_SHOWN: usize = 5;

/// A desk's page, as it draws it.
#[derive(Debug, Clone, Serialize)]
pub struct DeskView {
    /// `facilitator` or `observer`.
    pub desk: &'static str,
    pub desk_name: String,
    pub language: &'static str,
    pub clock: String,
    pub minute: u32,
    pub paused: bool,
    pub ended: bool,
    pub speed: Speed,
    /// The room's pace sets the speed.
    pub following_pace: bool,
    /// The feed and the counts are the truth, hidden footholds included (the facilitator's).
    pub truth: bool,
    pub feed: Vec<DeskFeedLine>,
    pub estate: Vec<(String, u32)>,
    /// The injects delivered, the newest first and at most a hundred.
    pub injects: Vec<DeskInject>,
    /// How many earlier injects are not shown.
    pub earlier_injects: usize,
    /// The scenario's injects still to come, to fire now (the facilitator's): id and text.
    pub pending: Vec<(String, String)>,
    /// The roles at the table, to write an inject to.
    pub roles_at_table: Vec<(String, String)>,
    /// Every role of the scenario, to tag a note with.
    pub roles: Vec<(String, String)>,
    pub objectives: Vec<DeskObjective>,
    pub notes: Vec<DeskNote>,
    /// The choices the page offers, with their words.
    pub speeds: Vec<(Speed, &'static str)>,
    pub ratings: Vec<(Rating, &'static str)>,
    pub note_kinds: Vec<(NoteKind, &'static str)>,
    pub marks: Vec<(ResponseMark, &'static str)>,
    pub words: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskFeedLine {
    pub at: String,
    pub tag: &'static str,
    /// Hidden from the cell: part of the attack's course it has not seen.
    pub hidden: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskInject {
    pub rank: usize,
    pub at: String,
    pub channel: String,
    pub sender: String,
    pub audience: String,
    pub text: String,
    pub expected: String,
    pub mark: Option<ResponseMark>,
    /// What the seats did with it, the newest few, in words; and how many more.
    pub replies: Vec<String>,
    pub more_replies: usize,
    /// Still on the room's banner, not yet acknowledged.
    pub on_banner: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskObjective {
    pub id: String,
    pub name: String,
    /// Its deadline from its reference event, in words.
    pub target: String,
    /// The observers' rating, the latest standing.
    pub rating: Option<Rating>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskNote {
    pub at: String,
    pub text: String,
    pub kind: &'static str,
    /// What it is tagged to, in words: its objective, role and inject.
    pub about: String,
}

impl Exercise {
    /// What `desk`'s seat shows now.
    pub fn desk_view(&self, desk: &'static str) -> DeskView {
        let language = self.setup.language;
        let truth = desk == FACILITATOR;
        let counts = self.cells(truth).counts();
        let delivered = self.delivered_injects();
        let named = |ids: &mut dyn Iterator<Item = &crate::data::scenario::Role>| ids.map(|r| (r.id.clone(), r.name.clone())).collect();
        DeskView {
            desk,
            desk_name: language.tr(desks::desk_name_key(desk)).to_string(),
            language: language.code(),
            clock: self.wall_clock(self.minute()),
            minute: self.minute(),
            paused: self.clock.paused,
            ended: self.ended,
            speed: self.clock.speed,
            following_pace: self.setup.pace.is_some(),
            truth,
            feed: self.desk_feed(truth),
            estate: CellState::ALL.iter().map(|s| (s.label(language).to_string(), counts[*s as usize])).collect(),
            injects: delivered.iter().rev().take(INJECTS_SHOWN).map(|i| self.desk_inject(i)).collect(),
            earlier_injects: delivered.len().saturating_sub(INJECTS_SHOWN),
            pending: if truth { self.pending_injects() } else { Vec::new() },
            roles_at_table: self.roles_at_table_named(),
            roles: named(&mut self.scenario().roles.iter()),
            objectives: self.desk_objectives(),
            notes: self.desk_notes(&delivered),
            speeds: Speed::ALL.iter().map(|s| (*s, s.label())).collect(),
            ratings: Rating::ALL.iter().map(|r| (*r, r.label(language))).collect(),
            note_kinds: NoteKind::ALL.iter().map(|k| (*k, k.label(language))).collect(),
            marks: ResponseMark::ALL.iter().map(|m| (*m, m.label(language))).collect(),
            words: words(language),
        }
    }

    /// The newest lines of the feed: the truth for the facilitator, the room's for an observer.
    fn desk_feed(&self, truth: bool) -> Vec<DeskFeedLine> {
        let language = self.setup.language;
        self.feed(truth)
            .take(FEED_SHOWN)
            .map(|line| DeskFeedLine {
                at: self.local(line.minute),
                tag: crate::words::feed_tag(language, line.kind),
                hidden: !line.kind.is_visible(),
                text: line.text,
            })
            .collect()
    }

    /// The newest notes, each with what it is tagged to, in words.
    fn desk_notes(&self, injects: &[InjectMoment]) -> Vec<DeskNote> {
        let language = self.setup.language;
        let milestones = self.setup.plan.as_ref().map(|p| p.milestones.as_slice()).unwrap_or_default();
        self.notes
            .iter()
            .rev()
            .take(NOTES_SHOWN)
            .map(|note| {
                let objective = note.objective.as_ref().and_then(|id| milestones.iter().find(|m| &m.id == id)).map(|m| m.name.clone());
                let role = note.role.as_deref().map(|id| self.role_name(id));
                let inject = note.inject.and_then(|rank| injects.get(rank)).map(|i| format!("{} · {}", self.local(i.minute), i.channel));
                let about = [objective, role, inject].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                DeskNote { at: note.at.clone(), text: note.text.clone(), kind: note.kind.label(language), about }
            })
            .collect()
    }

    fn desk_inject(&self, inject: &InjectMoment) -> DeskInject {
        let (replies, more_replies) = self.replies_to(inject.rank, REPLIES_SHOWN);
        DeskInject {
            rank: inject.rank,
            at: self.local(inject.minute),
            channel: inject.channel.clone(),
            sender: inject.sender.clone(),
            audience: inject.audience.clone(),
            text: inject.text.clone(),
            expected: inject.expected.clone(),
            mark: inject.mark.map(|(mark, _)| mark),
            replies,
            more_replies,
            on_banner: inject.acknowledged_at.is_none(),
        }
    }

    /// The plan's milestones, the objectives an observer rates.
    fn desk_objectives(&self) -> Vec<DeskObjective> {
        let language = self.setup.language;
        let ratings = self.observer_ratings();
        let milestones = self.setup.plan.as_ref().map(|p| p.milestones.as_slice()).unwrap_or_default();
        milestones
            .iter()
            .map(|m| DeskObjective {
                id: m.id.clone(),
                name: m.name.clone(),
                target: crate::words::span(language, m.target_minutes),
                rating: ratings.iter().find(|(id, _)| *id == m.id).map(|(_, r)| *r),
            })
            .collect()
    }
}

/// The words a desk's page needs, by key, in `language`.
fn words(language: Language) -> Vec<(&'static str, String)> {
    [
        "seat-ended",
        "seat-paused",
        "seat-offline",
        "seat-no-such",
        "seat-the-cell",
        "desk-pause",
        "desk-resume",
        "desk-speed",
        "desk-pace",
        "desk-truth",
        "desk-room-picture",
        "desk-feed",
        "desk-injects",
        "desk-no-inject",
        "desk-expected",
        "desk-on-banner",
        "desk-to-fire",
        "desk-fire",
        "desk-write-inject",
        "desk-channel",
        "desk-send",
        "desk-notes",
        "desk-note-placeholder",
        "desk-note-add",
        "desk-objective",
        "desk-role",
        "desk-inject",
        "desk-none",
        "desk-objectives",
        "desk-not-rated",
        "desk-target",
        "desk-more-replies",
        "desk-earlier-injects",
    ]
    .into_iter()
    .map(|key| (key, language.tr(key).to_string()))
    .collect()
}
