//! The exercise as the crisis cell plays it, without any drawing: the simulation run against the room's
//! clock, decisions taken by players, injects fired by the facilitator, observer notes, and what the
//! screens show (the map as the cell knows it, the feed, the decision panel, the care board, the plan
//! checklist). The window draws this; the tests drive it directly.

pub mod clock;
pub mod decisions;
pub mod desk_view;
pub mod desks;
pub mod journal;
pub mod journal_check;
pub mod knowledge;
pub mod moments;
mod notes;
pub mod preview;
pub mod seat_view;
pub mod seated;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::{PatientLoad, Scenario, ServiceKind};
use crate::report::ObserverNote;
use crate::run::summarise;
use crate::score::{Comparison, MilestoneStatus, ScoredRun};
use crate::setup::{Comparisons, RunSetup};
use crate::sim::care::{CareState, ServiceStatus};
use crate::sim::injects::FireInject;
use crate::sim::{Clock, EntryKind, Event, ObservedLog, Simulation, Timeline};

pub use clock::{ExerciseClock, Pace, Speed};
pub use knowledge::{CellState, EstateView};
pub use notes::NoteTags;

/// The name an exercise's decisions go by in its result when no playbook is laid on: they are the
/// cell's own (the report says so in words).
pub const EXERCISE_PLAYBOOK: &str = "exercise";

/// What the start screen chooses.
#[derive(Clone)]
pub struct ExerciseSetup {
    pub scenario: Arc<Scenario>,
    pub plan: Option<Plan>,
    pub seed: u64,
    /// A playbook that takes decisions by itself, for a demonstration or to lay the historical
    /// decisions on; the players can still decide on top of it.
    pub autopilot: Option<Playbook>,
    /// The roles played by someone at the table; the facilitator plays the others.
    pub roles_at_table: Vec<String>,
    pub speed: Speed,
    /// Stop the clock when an inject arrives, so the cell can read it.
    pub pause_on_inject: bool,
    /// The language the exercise is played in; the scenario is already in it.
    pub language: crate::i18n::Language,
    /// The runs the debrief compares with.
    pub comparisons: Comparisons,
    /// The day the exercise is played (for the report), when the window knows it.
    pub played_on: Option<String>,
    /// The speed follows the room's pace until someone chooses a speed by hand.
    pub pace: Option<Pace>,
}

impl ExerciseSetup {
    /// Every role at the table, the scenario's own plan, normal speed.
    pub fn new(scenario: Arc<Scenario>, plan: Option<Plan>, seed: u64) -> Self {
        let roles_at_table = scenario.roles.iter().map(|r| r.id.clone()).collect();
        let comparisons = Comparisons::without_historical(&scenario);
        Self {
            scenario,
            plan,
            seed,
            autopilot: None,
            roles_at_table,
            speed: Speed::X60,
            pause_on_inject: true,
            language: Default::default(),
            comparisons,
            played_on: None,
            pace: None,
        }
    }

    /// A prepared run as an exercise: its scenario and plan in its language, its seed, its playbook laid
    /// on, and its comparisons; every role at the table.
    pub fn from_run(run: &RunSetup) -> Self {
        let mut setup = Self::new(run.scenario.clone(), run.plan.clone(), run.seed);
        setup.autopilot = run.playbook.clone();
        // The roles a playbook plays are not at the table: nobody sits in their seats.
        setup.roles_at_table.retain(|role| !run.playbook_roles.contains(role));
        setup.language = run.language;
        setup.comparisons = run.comparisons.clone();
        setup
    }
}

/// A plan milestone as the checklist shows it while the exercise runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    /// Its reference event has not happened.
    Waiting,
    /// The countdown runs: minutes left.
    Due {
        remaining: u32,
    },
    /// The deadline has passed and it is not met yet.
    Overdue {
        late_by: u32,
    },
    OnTime,
    /// Met before its reference event; `counted` where the plan counts that as on time.
    Anticipated {
        counted: bool,
    },
    Late {
        late_by: u32,
    },
    /// The exercise ended without it.
    Missed,
    /// The exercise ended before the scenario's span reached its deadline.
    NotDue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LiveMilestone {
    pub id: String,
    pub name: String,
    pub target_minutes: u32,
    pub status: LiveStatus,
}

/// One site's line on the care board.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteCare {
    pub site: String,
    pub services: Vec<(ServiceKind, String, ServiceStatus)>,
    /// Inpatients on wards whose service is down with no paper procedure running.
    pub patients_at_risk: u32,
    pub inpatients: u32,
}

/// What one frame did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FrameOutcome {
    pub minutes_run: u32,
    /// Wall time the simulation took.
    pub sim_time: Duration,
    /// The clock was stopped because an inject arrived.
    pub paused_for_inject: bool,
}

/// A line of the feed: an entry of the timeline, told in the exercise's language.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedLine<'a> {
    pub minute: u32,
    pub kind: EntryKind,
    pub id: &'a str,
    pub text: String,
}

/// The map's view of the estate and when it was taken: (minute, timeline length, facilitator view).
type CellsKey = ((u32, usize, bool), Arc<EstateView>);

/// One exercise, from the start screen to the debrief.
pub struct Exercise {
    pub setup: ExerciseSetup,
    sim: Simulation,
    pub clock: ExerciseClock,
    pub notes: Vec<ObserverNote>,
    /// Answers to the scenario's hot-wash questions, in their order.
    pub answers: Vec<String>,
    /// Decisions taken by players, by action of the catalog.
    decisions_taken: Vec<u32>,
    /// The exercise is over: the debrief is shown.
    pub ended: bool,
    /// The map's view of the estate, kept while the simulation stands still: (minute, timeline length,
    /// facilitator view) and the cells.
    cells_cache: std::sync::Mutex<[Option<CellsKey>; 2]>,
    journal: Option<journal::JournalWriter>,
    /// Why the journal could not be written, to be told on screen.
    pub journal_error: Option<String>,
    time_recorded: u32,
    answers_recorded: Vec<String>,
    /// The scenario's injects fired by hand, with the minute: the comparison runs hear them too.
    fired: Vec<(u32, String)>,
    /// Whom each inject the facilitator wrote is addressed to, in the order written: a role's id, or
    /// empty for the whole cell.
    written_to: Vec<String>,
    /// Seats are served for the roles at the table: an inject for one of them alone reaches only its seat.
    pub seats_served: bool,
    /// Injects acknowledged by the room and marked by the facilitator.
    pub responses: moments::InjectResponses,
    /// The improvement plan, as filled in the debrief.
    pub improvements: Vec<crate::report::ImprovementItem>,
    improvements_recorded: Vec<crate::report::ImprovementItem>,
    /// The clock stopped because an inject arrived: acknowledging it starts the clock again.
    paused_for_inject: bool,
    /// What the seats wrote to each other and to the cell, and what they were refused.
    pub seats: seated::SeatRecord,
    /// The seat whose input is being applied, to be journaled with it.
    seat_of_input: Option<String>,
    /// Inputs taken so far (decisions, injects, notes, messages…), journaled or not: what changed.
    pub inputs: usize,
    /// The observers' ratings of the objectives, in the order given.
    pub ratings: Vec<desks::ObjectiveMark>,
}

impl Exercise {
    pub fn new(setup: ExerciseSetup) -> Self {
        let sim = Simulation::new(setup.scenario.clone(), setup.seed, setup.autopilot.clone());
        let answers = vec![String::new(); setup.scenario.hot_wash.len()];
        let clock = ExerciseClock::new(setup.speed);
        let decisions_taken = vec![0; setup.scenario.actions.len()];
        let answers_recorded = answers.clone();
        Self {
            setup,
            sim,
            clock,
            notes: Vec::new(),
            answers,
            decisions_taken,
            ended: false,
            cells_cache: std::sync::Mutex::new([None, None]),
            journal: None,
            journal_error: None,
            time_recorded: 0,
            answers_recorded,
            fired: Vec::new(),
            written_to: Vec::new(),
            seats_served: false,
            responses: moments::InjectResponses::default(),
            paused_for_inject: false,
            improvements: Vec::new(),
            improvements_recorded: Vec::new(),
            seats: seated::SeatRecord::default(),
            seat_of_input: None,
            inputs: 0,
            ratings: Vec::new(),
        }
    }

    /// Starts writing a new journal: its header now, then every input as it happens. `source` is how
    /// the scenario was named (a built-in name or a path), for `replay` to find it again.
    pub fn start_journal(&mut self, mut writer: journal::JournalWriter, source: &str) -> Result<(), String> {
        writer.header(&journal::Header::new(&self.setup, source))?;
        self.journal = Some(writer);
        self.time_recorded = self.minute();
        Ok(())
    }

    /// Goes on writing a journal this exercise was replayed from.
    pub fn resume_journal(&mut self, writer: journal::JournalWriter) {
        self.journal = Some(writer);
        self.time_recorded = self.minute();
        self.answers_recorded = self.answers.clone();
    }

    pub fn journal_path(&self) -> Option<&std::path::Path> {
        self.journal.as_ref().map(|j| j.path.as_path())
    }

    fn record(&mut self, input: journal::Input) {
        self.inputs += 1;
        if let Some(seat) = self.seat_of_input.clone()
            && desks::is_desk(&seat)
        {
            self.seats.count_desk_action(&seat);
            self.seats.charge(&seat, desks::input_text_cost(&input));
        }
        let minute = self.minute();
        if let Some(writer) = self.journal.as_mut()
            && let Err(why) = writer.append(&journal::Entry { minute, seat: self.seat_of_input.clone(), input })
        {
            // A line may be half written: nothing more is appended after it, and the screen says so.
            self.journal = None;
            self.journal_error = Some(format!("{why}. The journal stops here; what follows is not in it."));
        }
    }

    /// Notes in the journal how far the clock has run.
    fn record_time(&mut self) {
        if self.minute() > self.time_recorded {
            self.time_recorded = self.minute();
            self.record(journal::Input::Time {});
        }
    }

    pub fn set_paused(&mut self, paused: bool) {
        if self.clock.paused != paused {
            self.clock.paused = paused;
            self.record_clock();
        }
    }

    /// Someone stops or starts the clock: an inject that stopped it no longer starts it again.
    pub fn toggle_pause(&mut self) {
        self.paused_for_inject = false;
        let paused = !self.clock.paused;
        self.set_paused(paused);
    }

    pub fn set_speed(&mut self, speed: Speed) {
        if self.clock.speed != speed {
            self.clock.set_speed(speed);
            self.record_clock();
        }
    }

    fn record_clock(&mut self) {
        let (paused, speed) = (self.clock.paused, self.clock.speed);
        self.record(journal::Input::Clock { paused, speed });
    }

    /// The facilitator's answer to a hot-wash question.
    pub fn set_answer(&mut self, question: usize, text: &str) {
        if let Some(answer) = self.answers.get_mut(question) {
            *answer = text.to_string();
        }
        self.record_answers();
    }

    /// Writes to the journal the answers changed since they were last written.
    pub fn record_answers(&mut self) {
        for question in 0..self.answers.len() {
            if self.answers_recorded.get(question) != self.answers.get(question) {
                let text = self.answers[question].clone();
                if let Some(slot) = self.answers_recorded.get_mut(question) {
                    *slot = text.clone();
                }
                self.record(journal::Input::Answer { question, text });
            }
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.setup.scenario
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// The current simulated minute.
    pub fn minute(&self) -> u32 {
        self.sim.minute()
    }

    /// The last minute of the scenario.
    pub fn end_minute(&self) -> u32 {
        self.setup.scenario.meta.duration_hours * 60
    }

    /// The scenario's time has run out; the clock stays stopped.
    pub fn out_of_time(&self) -> bool {
        self.minute() >= self.end_minute()
    }

    /// Local date and time of a minute.
    pub fn local(&self, minute: u32) -> String {
        self.sim.world().resource::<Clock>().local(minute)
    }

    /// The clock on the wall: weekday, date, time and zone.
    pub fn wall_clock(&self, minute: u32) -> String {
        crate::words::wall_clock(self.sim.world().resource::<Clock>(), minute, self.setup.language)
    }

    pub fn local_with_zone(&self, minute: u32) -> String {
        self.sim.world().resource::<Clock>().local_with_zone(minute)
    }

    /// How many entries the timeline holds: it grows as anything happens.
    pub fn timeline_len(&self) -> usize {
        self.sim.world().resource::<Timeline>().entries.len()
    }

    /// Whether an entry of a wanted kind has been logged since the timeline was `from` long; the timeline
    /// only grows, so only the new entries are looked at.
    fn logged_since(&self, from: usize, wanted: impl Fn(EntryKind) -> bool) -> bool {
        self.sim.world().resource::<Timeline>().entries.get(from..).is_some_and(|new| new.iter().any(|e| wanted(e.kind)))
    }

    /// Runs the simulated minutes that `real_seconds` of the room's time are worth, minute by minute,
    /// stopping when an inject arrives if the setup asks for it.
    pub fn frame(&mut self, real_seconds: f64) -> FrameOutcome {
        let mut outcome = FrameOutcome::default();
        if self.ended {
            return outcome;
        }
        if let Some(pace) = &self.setup.pace {
            let speed = pace.speed_at(self.minute());
            self.set_speed(speed);
        }
        let minutes = self.clock.minutes_for(real_seconds);
        let began = Instant::now();
        let logged_before = self.timeline_len();
        for _ in 0..minutes {
            if self.out_of_time() {
                break;
            }
            let next = self.minute() + 1;
            self.sim.run_until(next);
            outcome.minutes_run += 1;
            if self.setup.pause_on_inject && self.logged_since(logged_before, |kind| kind == EntryKind::Inject) {
                self.record_time();
                self.set_paused(true);
                self.clock.reset_carry();
                self.paused_for_inject = true;
                outcome.paused_for_inject = true;
                break;
            }
        }
        self.record_time();
        if self.out_of_time() {
            self.set_paused(true);
        }
        outcome.sim_time = began.elapsed();
        outcome
    }

    /// Runs until the cell sees something new (an alert, an inject, a decision's effect, a call
    /// answered) or the scenario's end; returns the minute it stopped at.
    pub fn jump_to_next_event(&mut self) -> u32 {
        if self.ended {
            return self.minute();
        }
        let seen = self.timeline_len();
        while !self.out_of_time() && !self.logged_since(seen, EntryKind::is_visible) {
            let next = self.minute() + 1;
            self.sim.run_until(next);
        }
        self.clock.reset_carry();
        self.record_time();
        self.minute()
    }

    /// Someone chose a speed: the room's pace no longer sets it.
    pub fn set_speed_by_hand(&mut self, speed: Speed) {
        self.setup.pace = None;
        self.set_speed(speed);
    }

    /// Follows the room's pace from now on.
    pub fn follow_pace(&mut self) {
        self.setup.pace = Some(Pace::room());
        let speed = Pace::room().speed_at(self.minute());
        self.set_speed(speed);
    }

    /// Runs to a time the facilitator names: a local time `HH:MM` (the next one to come) or a span
    /// ahead such as `+2h` or `+1d6h`. Returns the minute reached, or why the time cannot be read.
    pub fn jump_to(&mut self, text: &str) -> Result<u32, String> {
        let language = self.setup.language;
        if self.ended {
            return Err(language.tr("exercise-has-ended").to_string());
        }
        let text = text.trim();
        let now = self.minute();
        let unreadable = || language.trf("jump-unreadable", &[("text", &text)]);
        // Written as French rooms write them too: "+1j6h" (a day is a "jour"), "06h00".
        let target = if let Some(span) = text.strip_prefix('+') {
            now.saturating_add(crate::run::parse_duration(&span.replace('j', "d")).map_err(|_| unreadable())?)
        } else {
            let time = jiff::civil::Time::strptime("%H:%M", text.replace(['h', 'H'], ":")).map_err(|_| unreadable())?;
            let clock = self.sim.world().resource::<Clock>();
            let at = clock.start.checked_add(jiff::SignedDuration::from_mins(i64::from(now))).map_err(|e| e.to_string())?;
            let ahead = (i64::from(time.hour()) * 60 + i64::from(time.minute())) - (i64::from(at.hour()) * 60 + i64::from(at.minute()));
            now + if ahead > 0 { ahead as u32 } else { (ahead + 1440) as u32 }
        };
        if target > self.end_minute() {
            return Err(language.trf("jump-past-end", &[("time", &self.local(self.end_minute()))]));
        }
        self.run_to(target);
        self.clock.reset_carry();
        Ok(self.minute())
    }

    /// Runs to `minute` (for scripted tours and tests), passing over quiet minutes.
    pub fn run_to(&mut self, minute: u32) {
        self.sim.run_until(minute.min(self.end_minute()));
        self.record_time();
    }

    /// A player takes a decision of the catalog now; returns the decision's id, or why it cannot be.
    pub fn decide(&mut self, action: &str) -> Result<String, String> {
        if self.ended {
            return Err(self.setup.language.tr("exercise-has-ended").to_string());
        }
        if self.out_of_time() {
            return Err(self.setup.language.tr("scenario-time-up").to_string());
        }
        let Some(index) = self.setup.scenario.actions.iter().position(|a| a.id == action) else {
            return Err(self.setup.language.trf("refused-no-such-decision", &[("decision", &action)]));
        };
        // Counted here rather than from the decisions under way: two clicks within one tick differ too.
        self.decisions_taken[index] += 1;
        let taken = self.decisions_taken[index];
        // With a playbook laid on, the cell's own decisions are told apart from the playbook's.
        let prefix = if self.setup.autopilot.is_some() { "cell-" } else { "" };
        let id = if taken == 1 { format!("{prefix}{action}") } else { format!("{prefix}{action}-{taken}") };
        self.sim.decide(&id, action);
        if let Some(role) = self.seat_of_input.clone() {
            self.seats.count_decision(&role, action);
        }
        self.record(journal::Input::Decision { action: action.to_string() });
        Ok(id)
    }

    /// The facilitator fires an inject now, or is told why it cannot be: once the exercise has ended,
    /// or the scenario's time is up (no tick is left to deliver it), nothing is fired or journaled.
    pub fn fire_inject(&mut self, mut inject: FireInject) -> Result<(), String> {
        if self.ended {
            return Err(self.setup.language.tr("exercise-has-ended").to_string());
        }
        if self.out_of_time() {
            return Err(self.setup.language.tr("scenario-time-up").to_string());
        }
        // An addressee the scenario has no role for (a hand-edited journal) is the whole cell.
        if let FireInject::Written { to, .. } = &mut inject
            && !self.setup.scenario.roles.iter().any(|r| r.id == *to)
        {
            to.clear();
        }
        self.record(match &inject {
            FireInject::Listed(id) => journal::Input::Inject { id: id.clone() },
            FireInject::Written { channel, text, to } => {
                journal::Input::WrittenInject { channel: channel.clone(), text: text.clone(), to: to.clone() }
            }
        });
        match &inject {
            FireInject::Listed(id) => self.fired.push((self.minute(), id.clone())),
            FireInject::Written { to, .. } => self.written_to.push(to.clone()),
        }
        self.sim.fire_inject(inject);
        Ok(())
    }

    /// The facilitator ends the exercise: the clock stops and the debrief opens.
    pub fn end(&mut self) {
        if !self.ended {
            self.record_time();
            self.record(journal::Input::End {});
        }
        self.ended = true;
        self.clock.paused = true;
    }

    /// The run as it stands, scored against the plan, with the runs it is set against on the same seed
    /// and for as long as this exercise has run: the historical night, the best response, no response.
    pub fn result(&self) -> (ScoredRun, Comparison) {
        let setup = &self.setup;
        let minutes = self.minute().max(1);
        let comparison = crate::score::comparison_runs(
            &setup.comparisons,
            &setup.scenario,
            setup.plan.as_ref(),
            setup.seed,
            minutes,
            &self.fired,
            minutes,
        );
        let name = setup.autopilot.as_ref().map_or_else(|| EXERCISE_PLAYBOOK.to_string(), |p| p.name.clone());
        let run = summarise(&self.sim, Some(name), setup.seed, setup.language);
        let scoring = setup.plan.as_ref().map(|p| (p, &comparison.counterfactuals));
        (crate::score::scored_until(run, scoring, minutes), comparison)
    }

    /// Writes the improvement plan to the journal if it changed since it was last written.
    pub fn record_improvements(&mut self) {
        if self.improvements != self.improvements_recorded {
            self.improvements_recorded = self.improvements.clone();
            let items = self.improvements.clone();
            self.record(journal::Input::Improvements { items });
        }
    }

    /// Calls `f` with the report's input for this exercise: its result and the runs it is compared
    /// with, the notes, the answers and what the exercise adds (the injects, marks and plan).
    pub fn with_report_input<T>(&self, result: &ScoredRun, comparison: &Comparison, f: impl FnOnce(&crate::report::ReportInput) -> T) -> T {
        let answers = self.answered();
        let record = self.report_record();
        let input = crate::report::ReportInput {
            scenario: self.scenario(),
            plan: self.setup.plan.as_ref(),
            result,
            comparison: Some(comparison),
            notes: &self.notes,
            answers: &answers,
            exercise: Some(&record),
        };
        f(&input)
    }

    /// What the exercise adds to the report: the day, the roles at the table and the others, the
    /// injects with their acknowledgements and marks, and the improvement plan.
    pub fn report_record(&self) -> crate::report::ExerciseRecord {
        let roles = &self.setup.scenario.roles;
        let named = |at_table: bool| {
            roles.iter().filter(|r| self.setup.roles_at_table.contains(&r.id) == at_table).map(|r| r.name.clone()).collect()
        };
        crate::report::ExerciseRecord {
            played_on: self.setup.played_on.clone(),
            roles_at_table: named(true),
            roles_by_facilitator: named(false),
            injects: self.delivered_injects(),
            improvements: self.improvements.clone(),
            messages: self.seat_message_lines(),
            refused: self.seat_refusal_lines(),
            ratings: self.observer_ratings(),
        }
    }

    /// The hot-wash questions answered, with their answers, for the report.
    pub fn answered(&self) -> Vec<(String, String)> {
        self.setup
            .scenario
            .hot_wash
            .iter()
            .zip(&self.answers)
            .filter(|(_, a)| !a.trim().is_empty())
            .map(|(q, a)| (q.clone(), a.trim().to_string()))
            .collect()
    }

    /// When the first alert came, if it has.
    pub fn first_alert(&self) -> Option<u32> {
        self.sim.world().resource::<ObservedLog>().first_alert
    }

    /// When the attack was confirmed, if it has been.
    pub fn confirmed(&self) -> Option<u32> {
        self.sim.world().resource::<ObservedLog>().confirmed
    }

    /// Timeline entries the screen shows, newest first: what the cell sees, and in the facilitator
    /// view the hidden course of the attack as well.
    /// With seats, an inject that reached one seat alone is told to the room as having come, not what
    /// it said.
    pub fn feed(&self, facilitator: bool) -> impl Iterator<Item = FeedLine<'_>> {
        let language = self.setup.language;
        let private = if facilitator { Vec::new() } else { self.private_injects() };
        self.sim
            .world()
            .resource::<Timeline>()
            .entries
            .iter()
            .enumerate()
            .rev()
            .filter(move |(_, e)| facilitator || e.kind.is_visible())
            .map(move |(index, e)| {
                let text = match (private.iter().find(|(i, _)| *i == index), &e.event) {
                    (Some((_, role)), Event::Inject { channel, .. }) => {
                        let channel = if channel.is_empty() { language.tr("inject-word").to_string() } else { channel.clone() };
                        language.trf("feed-inject-on-seat", &[("channel", &channel), ("role", &self.role_name(role))])
                    }
                    _ => crate::words::event(language, &e.event),
                };
                FeedLine { minute: e.minute, kind: e.kind, id: &e.id, text }
            })
    }

    /// Each host as the map draws it. What the cell knows changes only when the simulation moves, so
    /// the view is computed once per simulated minute, not once per frame (75,000 hosts at 30 frames a
    /// second would otherwise cost more than the simulation itself).
    pub fn cells(&self, facilitator: bool) -> Arc<EstateView> {
        let key = (self.minute(), self.timeline_len(), facilitator);
        let mut cache = self.cells_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // One view kept for the truth and one for the cell's: the room, the console and the seats ask
        // for both in one frame.
        let slot = &mut cache[usize::from(facilitator)];
        match slot.as_ref() {
            Some((cached, cells)) if *cached == key => cells.clone(),
            _ => {
                let cells = Arc::new(knowledge::estate_view(self.sim.world(), facilitator));
                *slot = Some((key, cells.clone()));
                cells
            }
        }
    }

    pub fn host_story(&self, host: u32, facilitator: bool) -> Vec<String> {
        knowledge::host_story(self.sim.world(), host, facilitator, self.setup.language)
    }

    /// What a decision of the catalog would do now, for its confirmation.
    pub fn preview(&self, action: usize) -> Option<preview::DecisionPreview> {
        let action = self.setup.scenario.actions.get(action)?;
        Some(preview::preview(self.sim.world(), action, self.setup.language))
    }

    pub fn decision_rows(&self) -> Vec<decisions::DecisionRow> {
        decisions::decision_rows(self.sim.world(), self.setup.language)
    }

    pub fn work_rows(&self) -> Vec<decisions::WorkRow> {
        decisions::work_rows(self.sim.world(), self.setup.language)
    }

    /// The plan's milestones with their countdowns.
    pub fn checklist(&self) -> Vec<LiveMilestone> {
        let now = self.minute();
        let Some(plan) = &self.setup.plan else {
            return Vec::new();
        };
        // Once ended, a milestone whose deadline falls after the end is not due, as the score has it.
        crate::score::milestones(self.sim.world().resource::<ObservedLog>(), plan, now)
            .iter()
            .map(|m| {
                let status = match m.status {
                    MilestoneStatus::OnTime => LiveStatus::OnTime,
                    MilestoneStatus::Anticipated => LiveStatus::Anticipated { counted: m.may_anticipate },
                    MilestoneStatus::Late => LiveStatus::Late { late_by: m.late_by_minutes.unwrap_or(0) },
                    MilestoneStatus::NotApplicable => LiveStatus::Waiting,
                    MilestoneStatus::Missed if self.ended => LiveStatus::Missed,
                    MilestoneStatus::NotDue if self.ended => LiveStatus::NotDue,
                    MilestoneStatus::Missed | MilestoneStatus::NotDue => {
                        let deadline = m.reference_minute.unwrap_or(0).saturating_add(m.target_minutes);
                        if now <= deadline {
                            LiveStatus::Due { remaining: deadline - now }
                        } else {
                            LiveStatus::Overdue { late_by: now - deadline }
                        }
                    }
                };
                LiveMilestone { id: m.id.clone(), name: m.name.clone(), target_minutes: m.target_minutes, status }
            })
            .collect()
    }

    /// Each site's services and patients at risk now.
    pub fn care_board(&self) -> Vec<SiteCare> {
        let care = self.sim.world().resource::<CareState>();
        let scenario = &self.setup.scenario;
        scenario
            .sites
            .iter()
            .enumerate()
            .map(|(i, site)| {
                let here: Vec<_> = care.services.iter().filter(|s| s.site as usize == i).collect();
                let inpatients = care.inpatients.get(i).copied().unwrap_or(0.0);
                let wards_down = here.iter().any(|s| {
                    s.status == ServiceStatus::Down
                        && scenario
                            .care
                            .as_ref()
                            .and_then(|c| c.services.get(s.spec))
                            .is_some_and(|spec| spec.patients == PatientLoad::Inpatients)
                });
                SiteCare {
                    site: site.name.clone(),
                    services: here.iter().map(|s| (s.kind, s.name.clone(), s.status)).collect(),
                    patients_at_risk: if wards_down { inpatients.round() as u32 } else { 0 },
                    inpatients: inpatients.round() as u32,
                }
            })
            .collect()
    }

    /// The scenario's injects not yet delivered, which the facilitator may fire by hand.
    pub fn pending_injects(&self) -> Vec<(String, String)> {
        // Every inject delivered, scheduled or fired by hand is marked handled.
        let state = self.sim.world().resource::<crate::sim::injects::InjectState>();
        self.setup
            .scenario
            .injects
            .iter()
            .enumerate()
            .filter(|(i, _)| !state.handled.get(*i).copied().unwrap_or(false))
            .map(|(_, inject)| (inject.id.clone(), inject.text.clone()))
            .collect()
    }
}
