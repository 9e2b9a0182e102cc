//! The crisis cell's decisions carried out on the estate: each takes time before its effect lands, and
//! work on many hosts lands host by host, a few at a time.

use bevy::ecs::message::MessageCursor;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::agenda::Agenda;
use super::attack::AttackState;
use super::clock::Clock;
use super::estate::{Census, Estate, Host, HostLedger, HostName, HostStatus, Network, Recovery};
use super::event::{Event, Outcome, Team, Wait};
use super::host_work::{HostWork, Step};
use super::people::People;
use super::playbook::PlaybookRun;
use super::timeline::{Observed, ObservedLog, Timeline};
use super::{Countermeasure, RngStreams};
use crate::data::scenario::*;
use crate::random::{Purpose, Stream};

/// A decision taken: by the playbook, or by a player in the window.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct Decide {
    /// The decision's own id (a playbook decision, or one made up by the window).
    pub decision: String,
    /// The action of the scenario's catalog to carry out.
    pub action: String,
}

/// All the response's minute reads and changes, fetched once for its five steps.
#[derive(SystemParam)]
pub(super) struct ResponseMinute<'w, 's> {
    clock: Res<'w, Clock>,
    estate: Res<'w, Estate>,
    log: Res<'w, ObservedLog>,
    network: ResMut<'w, Network>,
    attack: Res<'w, AttackState>,
    people: ResMut<'w, People>,
    state: ResMut<'w, ResponseState>,
    rngs: Res<'w, RngStreams>,
    timeline: ResMut<'w, Timeline>,
    /// The playbook being played, whose decisions falling due are written to `decisions` and taken in
    /// the same minute, after any written from outside before it.
    playbook: ResMut<'w, PlaybookRun>,
    decisions: ResMut<'w, Messages<Decide>>,
    decisions_taken: Local<'s, MessageCursor<Decide>>,
    care: MessageWriter<'w, CareOrder>,
    observed: MessageWriter<'w, Observed>,
    countermeasures: MessageWriter<'w, Countermeasure>,
    /// Hosts are looked at by name when decisions start, and changed through the ledger when work
    /// lands: one or the other at a time.
    hosts: ParamSet<'w, 's, (HostsByName<'w, 's>, HostLedger<'w, 's>)>,
}

/// The hosts as a decision starting sees them: by name, and counted by the ledger's census.
type HostsByName<'w, 's> = (Query<'w, 's, (&'static Host, &'static HostName, &'static HostStatus)>, Res<'w, Census>);

/// The response's minute, in order: the playbook issues the decisions that fall due, the first alert
/// pages the on-call roles, decisions are taken, those that can start do, and work under way lands.
/// One system rather than five, so that the resources they share are looked up once a minute.
pub(super) fn response_minute(mut minute: ResponseMinute) {
    let ResponseMinute { clock, estate, log, people, rngs, timeline, playbook, decisions, .. } = &mut minute;
    super::playbook::issue_due_decisions(clock.minute, log, playbook, decisions);
    super::people::page_on_first_alert(clock.minute, estate, log, people, rngs, timeline);
    take_decisions(&mut minute);
    start_decisions(&mut minute);
    carry_out_work(&mut minute);
}

/// One decision being carried out.
#[derive(Debug, Clone)]
pub struct Work {
    pub decision: String,
    pub action: usize,
    /// When the decision was taken; it starts once its people are free and its preconditions hold.
    pub taken_at: u32,
    pub started: bool,
    /// People of the role at work on it; work on hosts takes on more as they come, up to the action's team.
    pub team: u32,
    /// What it is waiting for, once said in the timeline.
    pub waiting_for: Option<Wait>,
    pub started_at: u32,
    /// When the preparation is over and the effect (or the work on the first hosts) lands.
    pub ready_at: u32,
    /// The hosts it works on, and the lanes working through them.
    pub hosts: HostWork,
    pub done_at: Option<u32>,
    /// A call-in with a quorum has placed its calls and waits for the quorum to arrive; its caller is free.
    pub calls_placed: bool,
    /// How many decisions of the same action were taken before this one in the run: with the action,
    /// it keys the draws of its duration, so that the same action draws the same in any playbook.
    pub occurrence: usize,
    /// The people the action asks for; work on hosts that has fewer takes on more as they free up.
    pub wanted_team: u32,
}

impl Work {
    /// The key of this decision's own random stream.
    fn draw_key(&self, action: &Action, what: &str) -> String {
        format!("{what}/{}/{}", action.id, self.occurrence)
    }

    /// Work on hosts under way, short of people, with hosts nobody has taken on yet.
    pub fn can_take_more(&self) -> bool {
        self.started && self.done_at.is_none() && self.team < self.wanted_team && self.hosts.unbegun() > 0
    }

    /// The next minute at which something of this work lands, if it is not done.
    pub fn next_event_minute(&self) -> Option<u32> {
        if self.done_at.is_some() || !self.started || self.calls_placed {
            return None;
        }
        if self.hosts.targets.is_empty() {
            return Some(self.ready_at);
        }
        self.hosts.next_minute().or(Some(self.ready_at))
    }

    /// Share of the work done, 0 to 1, for progress bars.
    pub fn progress(&self, now: u32) -> f64 {
        if self.done_at.is_some() {
            return 1.0;
        }
        if !self.started {
            return 0.0;
        }
        if self.hosts.targets.is_empty() || now < self.ready_at {
            let total = f64::from(self.ready_at.saturating_sub(self.started_at).max(1));
            return (f64::from(now.saturating_sub(self.started_at)) / total).min(1.0);
        }
        self.hosts.finished as f64 / self.hosts.targets.len() as f64
    }
}

/// Decisions under way and done, and outside actors yet to answer.
#[derive(Resource, Default, Clone)]
pub struct ResponseState {
    pub works: Vec<Work>,
    answers: Agenda<usize>,
    /// The last minute a work landed or placed its calls, freeing its people for a waiting decision
    /// at the next minute, which a skip over quiet minutes must not pass over.
    pub freed_at: Option<u32>,
    /// The last minute a work brought a host back or took one down, which may meet a precondition a
    /// waiting decision has.
    pub hosts_changed_at: Option<u32>,
}

impl ResponseState {
    /// The next minute at which work lands or an outside actor answers.
    pub fn next_event_minute(&self) -> Option<u32> {
        let work = self.works.iter().filter_map(Work::next_event_minute).min();
        work.into_iter().chain(self.answers.next_minute()).min()
    }

    /// Whether a decision waits for something that changes only when people arrive.
    pub fn waiting(&self) -> bool {
        self.works.iter().any(|w| !w.started || (w.calls_placed && w.done_at.is_none()) || w.can_take_more())
    }

    /// Whether a decision not yet started may start because the log or a host changed: one not yet
    /// looked at, one waiting for something other than someone, or one whose preconditions (a host, a
    /// link) can be lost again. A decision whose preconditions hold and which waits only for someone
    /// changes when people do, not when the log does.
    pub fn waits_on_log_or_hosts(&self, actions: &[Action]) -> bool {
        let may_be_lost = |r: &Requirement| matches!(r, Requirement::Running(_) | Requirement::ServerRunning(_) | Requirement::LinkUp(_));
        self.works
            .iter()
            .any(|w| !w.started && (!matches!(w.waiting_for, Some(Wait::Someone(_))) || actions[w.action].requires.iter().any(may_be_lost)))
    }

    /// People of a role held by decisions under way.
    pub fn busy(&self, role: &str, actions: &[Action]) -> u32 {
        self.works
            .iter()
            .filter(|w| w.started && w.done_at.is_none() && !w.calls_placed && actions[w.action].role.as_deref() == Some(role))
            .map(|w| w.team)
            .sum()
    }
}

/// What the response asks of the care services.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum CareOrder {
    Downtime(ServiceFilter),
    /// Nurses start printing treatment plans; all are printed by `until`.
    PrintingStarted {
        until: u32,
    },
    SecureTreatmentPlans,
    DivertAmbulances,
    EndDiversion,
    CloseEmergency(ServiceFilter),
    ReopenEmergency(ServiceFilter),
    CancelConsultations,
    CancelOperations,
    ResumeScheduledCare,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ResponseState>();
}

/// Whether an action takes a host its filter names, and if so whether after the others.
type TakenAfter = fn(&Host) -> Option<bool>;

/// The hosts an effect works on, by host index, in the order its work takes them; none for an effect on
/// no host. Virtual machines are shut down before the hypervisors they run on, as an administrator
/// would: a shutdown of many servers keeps its pace, and stopping the cluster is its own lever.
/// Hypervisors are started before the virtual machines they run. An EDR console knows only the hosts
/// whose agent it manages, within the filter given.
pub(super) fn targets_of(hosts: &[(Host, HostName)], estate: &Estate, effect: &Effect) -> Vec<u32> {
    let (filter, after): (&HostFilter, TakenAfter) = match effect {
        Effect::PowerOff(f) => (f, |host| Some(host.role == HostRole::Hypervisor)),
        Effect::PowerOn(f) => (f, |host| Some(host.role != HostRole::Hypervisor)),
        Effect::Reimage(f) | Effect::RestoreFromBackup(f) | Effect::LiftContainment(f) => (f, |_| Some(false)),
        Effect::EdrContain(f) => (f, |host| host.edr.then_some(false)),
        _ => return Vec::new(),
    };
    let selection = estate.host_selection(filter);
    let mut chosen: Vec<(bool, u32)> = hosts
        .iter()
        .filter(|(host, name)| selection.matches(host, &name.0))
        .filter_map(|(host, _)| Some((after(host)?, host.index)))
        .collect();
    // A stable sort keeps host order within each part.
    chosen.sort_by_key(|&(after, _)| after);
    chosen.into_iter().map(|(_, index)| index).collect()
}

/// Takes the decisions of this tick: each waits for its people and preconditions, then starts.
fn take_decisions(minute: &mut ResponseMinute) {
    let ResponseMinute { clock, estate, decisions, decisions_taken, state, timeline, .. } = minute;
    let now = clock.minute;
    for decide in decisions_taken.read(decisions) {
        let Some(index) = estate.scenario.actions.iter().position(|a| a.id == decide.action) else {
            timeline.record(now, decide.decision.clone(), Event::UnknownAction { action: decide.action.clone() });
            continue;
        };
        timeline.record(now, decide.decision.clone(), Event::DecisionTaken { action: estate.scenario.actions[index].name.clone() });
        let occurrence = state.works.iter().filter(|w| w.action == index).count();
        state.works.push(Work {
            decision: decide.decision.clone(),
            action: index,
            taken_at: now,
            started: false,
            team: 0,
            waiting_for: None,
            started_at: now,
            ready_at: now,
            hosts: HostWork::default(),
            done_at: None,
            calls_placed: false,
            occurrence,
            wanted_team: estate.scenario.actions[index].team.max(1),
        });
    }
}

/// Whether a host of the class can run the tools a requirement needs (`HostStatus::runs_tools`).
pub fn is_running(host: &Host, status: &HostStatus, class: HostClass) -> bool {
    host.matches_class(class) && status.runs_tools()
}

/// What the estate can tell a requirement: whether hosts and links are up now.
pub struct EstateProbe<'a> {
    /// A host of the class runs, unencrypted.
    pub class_running: &'a dyn Fn(HostClass) -> bool,
    /// The named server runs, unencrypted.
    pub server_running: &'a dyn Fn(&str) -> bool,
    pub link_up: &'a dyn Fn(&str) -> bool,
}

/// The entity of a named server.
pub fn named_server(estate: &Estate, name: &str) -> Option<Entity> {
    estate.scenario.servers.iter().position(|s| s.name == name).map(|i| estate.entities[i])
}

/// Whether a link, by id, is up.
pub fn link_is_up(estate: &Estate, network: &Network, id: &str) -> bool {
    estate.link_index(id).is_some_and(|l| network.link_up[l as usize])
}

/// What keeps an action from starting now, if anything; other actions and links are named as the
/// catalog `scenario` names them.
pub fn unmet_requirement(action: &Action, log: &ObservedLog, estate: &EstateProbe, scenario: &Scenario) -> Option<Wait> {
    first_unmet(action, log, estate).map(|requirement| requirement_wait(requirement, scenario))
}

/// The first of an action's requirements not met now, if any.
fn first_unmet<'a>(action: &'a Action, log: &ObservedLog, estate: &EstateProbe) -> Option<&'a Requirement> {
    action.requires.iter().find(|requirement| match requirement {
        Requirement::Confirmed => log.confirmed.is_none(),
        Requirement::Done(id) => ObservedLog::lookup(&log.actions_done, id).is_none(),
        Requirement::Running(class) => !(estate.class_running)(*class),
        Requirement::ServerRunning(name) => !(estate.server_running)(name),
        Requirement::LinkUp(id) => !(estate.link_up)(id),
    })
}

/// An action's name in the catalog, or its id when the catalog lacks it.
fn action_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario.actions.iter().find(|a| a.id == id).map_or(id, |a| a.name.as_str())
}

/// A link's name, or its id when the scenario lacks it.
fn link_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario.links.iter().find(|l| l.id == id).map_or(id, |l| l.name.as_str())
}

/// The wait a requirement not met stands for, in the catalog's words.
fn requirement_wait(requirement: &Requirement, scenario: &Scenario) -> Wait {
    match requirement {
        Requirement::Confirmed => Wait::Confirmation,
        Requirement::Done(id) => Wait::Done(action_name(scenario, id).to_string()),
        Requirement::Running(class) => Wait::Running(*class),
        Requirement::ServerRunning(name) => Wait::ServerRunning(name.clone()),
        Requirement::LinkUp(id) => Wait::LinkUp(link_name(scenario, id).to_string()),
    }
}

/// What holds a decision back this minute, found without building the words of its `Wait`: a decision
/// waits for minutes on end, and its wait is said only when it changes.
enum Hold<'a> {
    FirstAlert,
    Requirement(&'a Requirement),
    /// Someone of the role, by index.
    Someone(usize),
}

impl Hold<'_> {
    /// The wait this hold is said as.
    fn wait(&self, scenario: &Scenario, people: &People) -> Wait {
        match self {
            Hold::FirstAlert => Wait::FirstAlert,
            Hold::Requirement(requirement) => requirement_wait(requirement, scenario),
            Hold::Someone(role) => Wait::Someone(people.roles[*role].name.clone()),
        }
    }

    /// Whether this hold is said as `wait`: the same as `self.wait(..) == *wait`.
    fn is_said_as(&self, wait: &Wait, scenario: &Scenario, people: &People) -> bool {
        match (self, wait) {
            (Hold::FirstAlert, Wait::FirstAlert) => true,
            (Hold::Someone(role), Wait::Someone(name)) => people.roles[*role].name == *name,
            (Hold::Requirement(Requirement::Confirmed), Wait::Confirmation) => true,
            (Hold::Requirement(Requirement::Done(id)), Wait::Done(name)) => action_name(scenario, id) == name,
            (Hold::Requirement(Requirement::Running(class)), Wait::Running(other)) => class == other,
            (Hold::Requirement(Requirement::ServerRunning(server)), Wait::ServerRunning(name)) => server == name,
            (Hold::Requirement(Requirement::LinkUp(id)), Wait::LinkUp(name)) => link_name(scenario, id) == name,
            _ => false,
        }
    }
}

/// Starts the decisions whose people are free and whose preconditions hold; calls people in when a
/// decision needs a role nobody of which is there.
fn start_decisions(minute: &mut ResponseMinute) {
    let ResponseMinute { clock, estate, network, care, log, hosts, people, state, rngs, timeline, observed, .. } = minute;
    let (hosts, census) = hosts.p0();
    let now = clock.minute;
    let actions = &estate.scenario.actions;
    let class_running = |class| census.class_running(class);
    let server_running =
        |name: &str| named_server(estate, name).and_then(|e| hosts.get(e).ok()).is_some_and(|(h, _, s)| is_running(h, s, HostClass::Any));
    let link_up = |id: &str| link_is_up(estate, network, id);
    let probe = EstateProbe { class_running: &class_running, server_running: &server_running, link_up: &link_up };
    for w in 0..state.works.len() {
        if state.works[w].started {
            continue;
        }
        let action = &actions[state.works[w].action];
        // Nobody acts on what nobody knows: before the first alert a decision waits for it.
        let mut hold =
            if log.first_alert.is_none() { Some(Hold::FirstAlert) } else { first_unmet(action, log, &probe).map(Hold::Requirement) };
        let mut team = action.team.max(1);
        if hold.is_none()
            && let Some(role_id) = &action.role
            && let Some(role) = people.index(role_id)
        {
            let mut free = people.roles[role].present(now).saturating_sub(state.busy(role_id, actions));
            if free == 0 && call_away(now, role_id, &action.name, actions, people, state, timeline) {
                free = 1;
            }
            if free == 0 {
                if people.roles[role].present(now) == 0 && people.roles[role].called_at.is_none() {
                    let spec = &estate.scenario.roles[role];
                    people.call(role, now, spec, rngs, timeline);
                }
                hold = Some(Hold::Someone(role));
            } else {
                team = team.min(free);
            }
        }
        let work = &mut state.works[w];
        if let Some(hold) = hold {
            if !work.waiting_for.as_ref().is_some_and(|said| hold.is_said_as(said, &estate.scenario, people)) {
                let reason = hold.wait(&estate.scenario, people);
                timeline.record(now, work.decision.clone(), Event::Waiting { action: action.name.clone(), reason: reason.clone() });
                work.waiting_for = Some(reason);
            }
            continue;
        }
        work.started = true;
        work.team = team;
        work.started_at = now;
        work.ready_at =
            now.saturating_add(action.duration.sample_minutes(&mut rngs.keyed(Purpose::Response, &work.draw_key(action, "duration"))));
        work.hosts = HostWork::new(estate.action_targets[work.action].clone(), action.per_host_minutes);
        if matches!(action.effect, Effect::SecureTreatmentPlans) {
            care.write(CareOrder::PrintingStarted { until: work.ready_at });
        }
        work.hosts.add_lanes(lanes(action, team), work.ready_at);
        let team =
            action.role.as_ref().map(|r| Team { size: team, role: people.role_name(r).to_string(), hosts: work.hosts.targets.len() });
        timeline.record(now, work.decision.clone(), Event::Started { action: action.name.clone(), team });
        observed.write(Observed::DecisionStarted { decision: work.decision.clone(), action: action.id.clone(), role: action.role.clone() });
    }
    take_on_free_people(now, actions, people, state, timeline);
}

/// A decision that needs someone of a role nobody of which is free takes one person off work on hosts
/// that has more than one (the last host in hand is finished): the cell's new decision comes first, and
/// the bulk work goes on with the others. Returns whether someone was called away.
fn call_away(
    now: u32,
    role: &str,
    to: &str,
    actions: &[Action],
    people: &People,
    state: &mut ResponseState,
    timeline: &mut Timeline,
) -> bool {
    let giver = state.works.iter().position(|w| {
        w.started && w.done_at.is_none() && w.team > 1 && w.hosts.unbegun() > 0 && actions[w.action].role.as_deref() == Some(role)
    });
    let Some(g) = giver else { return false };
    let action = &actions[state.works[g].action];
    let work = &mut state.works[g];
    work.team -= 1;
    work.hosts.close_lanes(lanes(action, 1));
    let team = Team { size: work.team, role: people.role_name(role).to_string(), hosts: work.hosts.targets.len() };
    timeline.record(now, work.decision.clone(), Event::CalledAway { action: action.name.clone(), to: to.to_string(), team });
    true
}

/// Hosts worked on at once by a team: each person handles `parallel`.
fn lanes(action: &Action, team: u32) -> usize {
    (action.parallel.max(1) as usize).saturating_mul(team as usize)
}

/// Work on hosts short of people takes on those of its role who are free, once every decision waiting
/// to start has had its pick: people who arrive join the work under way rather than stand by.
fn take_on_free_people(now: u32, actions: &[Action], people: &People, state: &mut ResponseState, timeline: &mut Timeline) {
    for w in 0..state.works.len() {
        if !state.works[w].can_take_more() {
            continue;
        }
        let action = &actions[state.works[w].action];
        let Some(role_id) = &action.role else { continue };
        let Some(role) = people.index(role_id) else { continue };
        let free = people.roles[role].present(now).saturating_sub(state.busy(role_id, actions));
        let work = &mut state.works[w];
        let joining = free.min(work.wanted_team - work.team);
        if joining == 0 {
            continue;
        }
        work.team += joining;
        work.hosts.add_lanes(lanes(action, joining), now.max(work.ready_at));
        let team = Team { size: work.team, role: people.role_name(role_id).to_string(), hosts: work.hosts.targets.len() };
        timeline.record(now, work.decision.clone(), Event::TeamGrew { action: action.name.clone(), joined: joining, team });
    }
}

/// Lands what is due of the work under way.
fn carry_out_work(minute: &mut ResponseMinute) {
    let ResponseMinute { clock, people, rngs, care, network, attack, state, hosts, timeline, observed, countermeasures, .. } = minute;
    let mut ledger = hosts.p1();
    let now = clock.minute;
    let scenario = ledger.estate.scenario.clone();
    let state = &mut **state;
    while let Some((_, actor)) = state.answers.pop_due(now) {
        let spec = &scenario.outside_actors[actor];
        timeline.record(now, spec.id.clone(), Event::OutsideAnswer { actor: spec.name.clone(), answer: spec.answer_text.clone() });
    }
    for work in state.works.iter_mut().filter(|w| w.started && w.done_at.is_none() && w.ready_at <= now) {
        let action = &scenario.actions[work.action];
        let summary = match &action.effect {
            Effect::CutLink(_) | Effect::CutLinks(_) | Effect::ReconnectLink(_) | Effect::ReconnectLinks(_) => {
                let (reconnected, names) = set_links(&ledger.estate, network, &action.effect);
                Some(Outcome::Links { reconnected, names })
            }
            Effect::IsolateSegments(selector) | Effect::ShutSwitchPorts(selector) | Effect::ReconnectSegments(selector) => {
                Some(isolate_segments(&ledger.estate, network, selector, &action.effect))
            }
            Effect::ResetCredentials => {
                countermeasures.write(Countermeasure::CredentialsReset);
                Some(Outcome::CredentialsReset)
            }
            Effect::Procedure => Some(Outcome::Completed),
            Effect::CallIn(roles) => {
                if !work.calls_placed {
                    call_in(&scenario, roles, now, people, rngs, timeline);
                    work.calls_placed = true;
                    state.freed_at = Some(now);
                }
                quorum_present(&action.quorum, people, now).then_some(Outcome::Completed)
            }
            Effect::Notify(actor) => {
                let mut rng = rngs.keyed(Purpose::Response, &work.draw_key(action, "answer"));
                Some(notify(&scenario, actor, now, &mut state.answers, &mut rng))
            }
            Effect::ActivateDowntime(filter) => Some(order_care(care, CareOrder::Downtime(filter.clone()), Outcome::DowntimeActive)),
            Effect::SecureTreatmentPlans => Some(order_care(care, CareOrder::SecureTreatmentPlans, Outcome::Completed)),
            Effect::DivertAmbulances => Some(order_care(care, CareOrder::DivertAmbulances, Outcome::AmbulancesDiverted)),
            Effect::CancelConsultations => Some(order_care(care, CareOrder::CancelConsultations, Outcome::ConsultationsCancelled)),
            Effect::EndDiversion => Some(order_care(care, CareOrder::EndDiversion, Outcome::DiversionEnded)),
            Effect::CloseEmergencyDepartments(f) => Some(order_care(care, CareOrder::CloseEmergency(f.clone()), Outcome::EmergencyClosed)),
            Effect::ReopenEmergencyDepartments(f) => {
                Some(order_care(care, CareOrder::ReopenEmergency(f.clone()), Outcome::EmergencyReopened))
            }
            Effect::CancelOperations => Some(order_care(care, CareOrder::CancelOperations, Outcome::OperationsCancelled)),
            Effect::ResumeScheduledCare => Some(order_care(care, CareOrder::ResumeScheduledCare, Outcome::ScheduledCareResumed)),
            Effect::PowerOff(_)
            | Effect::PowerOn(_)
            | Effect::Reimage(_)
            | Effect::RestoreFromBackup(_)
            | Effect::EdrContain(_)
            | Effect::LiftContainment(_) => {
                if land_host_work(work, action, now, attack, &mut ledger, countermeasures) {
                    // A host back (or down) may meet a requirement a waiting decision has.
                    state.hosts_changed_at = Some(now);
                }
                work.hosts.is_done().then(|| host_outcome(work, action, &ledger))
            }
        };
        if let Some(outcome) = summary {
            work.done_at = Some(now);
            state.freed_at = Some(now);
            timeline.record(now, work.decision.clone(), Event::Done { action: action.name.clone(), outcome });
            observed.write(Observed::DecisionDone { decision: work.decision.clone(), action: action.id.clone() });
        }
    }
}

/// Isolates the segments a selector names, shuts their switch ports, or reconnects them (both).
fn isolate_segments(estate: &Estate, network: &mut Network, selector: &SegmentSelector, effect: &Effect) -> Outcome {
    let segments = estate.select_segments(selector);
    for &s in &segments {
        match effect {
            Effect::IsolateSegments(_) => network.isolated[s as usize] = true,
            Effect::ShutSwitchPorts(_) => network.ports_shut[s as usize] = true,
            _ => {
                network.isolated[s as usize] = false;
                network.ports_shut[s as usize] = false;
            }
        }
    }
    network.dirty = true;
    network.refresh(estate);
    let count = segments.len();
    match effect {
        Effect::IsolateSegments(_) => Outcome::Segments { isolated: true, count },
        Effect::ShutSwitchPorts(_) => Outcome::PortsShut { count },
        _ => Outcome::Segments { isolated: false, count },
    }
}

/// Calls in the people of the roles named.
fn call_in(scenario: &Scenario, roles: &[String], now: u32, people: &mut People, rngs: &RngStreams, timeline: &mut Timeline) -> Outcome {
    for role in roles {
        if let Some(i) = people.index(role) {
            people.call(i, now, &scenario.roles[i], rngs, timeline);
        }
    }
    Outcome::Completed
}

/// Whether someone of every role of a quorum is there (an empty quorum always is).
fn quorum_present(quorum: &[String], people: &People, now: u32) -> bool {
    quorum.iter().all(|role| people.index(role).is_none_or(|i| people.roles[i].present(now) > 0))
}

/// Tells an outside actor, whose answer comes after its delay; an actor the scenario lacks is not told.
fn notify(scenario: &Scenario, actor: &str, now: u32, answers: &mut Agenda<usize>, rng: &mut Stream) -> Outcome {
    let Some(i) = scenario.outside_actors.iter().position(|a| a.id == actor) else {
        return Outcome::Completed;
    };
    let delay = scenario.outside_actors[i].answer.sample_minutes(rng);
    answers.schedule(now.saturating_add(delay), i);
    Outcome::Told { actor: scenario.outside_actors[i].name.clone() }
}

/// Passes an order to the hospital's care, done as soon as given.
fn order_care(care: &mut MessageWriter<CareOrder>, order: CareOrder, outcome: Outcome) -> Outcome {
    care.write(order);
    outcome
}

fn host_outcome(work: &Work, action: &Action, ledger: &HostLedger) -> Outcome {
    let hosts = work.hosts.targets.len();
    match action.effect {
        Effect::PowerOff(_) => Outcome::PoweredOff { hosts },
        // Guests whose hypervisors stayed down did not start.
        Effect::PowerOn(_) => Outcome::StartedAgain { hosts: work.hosts.targets.iter().filter(|&&h| ledger.host(h).1.powered).count() },
        Effect::Reimage(_) => Outcome::Reimaged { hosts },
        Effect::EdrContain(_) => {
            let contained = work.hosts.targets.iter().filter(|&&h| ledger.host(h).1.contained).count();
            Outcome::Contained { hosts: contained, managed: hosts }
        }
        Effect::LiftContainment(_) => Outcome::Released { hosts },
        _ => {
            let with_data = work.hosts.targets.iter().filter(|&&h| ledger.host(h).1.recovery == Recovery::Restored).count();
            Outcome::Reinstalled { hosts, with_data }
        }
    }
}

/// Works through the hosts of a decision, each lane one host after another, `per_host_minutes` each.
/// Returns whether any host changed this minute: its work ended, or it was taken down to be reinstalled.
fn land_host_work(
    work: &mut Work,
    action: &Action,
    now: u32,
    attack: &AttackState,
    ledger: &mut HostLedger,
    countermeasures: &mut MessageWriter<Countermeasure>,
) -> bool {
    let recovering = matches!(action.effect, Effect::Reimage(_) | Effect::RestoreFromBackup(_));
    let mut changed_any = false;
    work.hosts.advance(now, |step| match step {
        // A host taken down to be reinstalled stops running: a waiting decision may need it.
        Step::Begin(host) => {
            if recovering {
                ledger.begin_recovery(host, now, matches!(action.effect, Effect::RestoreFromBackup(_)));
                changed_any = true;
            }
        }
        Step::Finish(host) => {
            match action.effect {
                Effect::PowerOff(_) => {
                    ledger.power_off_with_guests(host, now);
                }
                Effect::PowerOn(_) => {
                    ledger.power_on_if_hosted(host, now);
                }
                Effect::EdrContain(_) => {
                    ledger.contain(host, now);
                }
                Effect::LiftContainment(_) => {
                    ledger.release(host, now);
                }
                Effect::Reimage(_) => ledger.finish_recovery(host, now, false),
                Effect::RestoreFromBackup(_) => {
                    let backup = ledger.facts(host).backup;
                    let survives = backup.is_some_and(|b| !attack.backups_destroyed.get(b as usize).copied().unwrap_or(false));
                    ledger.finish_recovery(host, now, survives);
                }
                _ => {}
            }
            if recovering && ledger.facts(host).role == HostRole::DomainController && domain_is_clean(ledger) {
                countermeasures.write(Countermeasure::DomainRebuilt);
            }
            changed_any = true;
        }
    });
    changed_any
}

/// Every running domain controller has been reinstalled: the malicious policy is gone.
fn domain_is_clean(ledger: &HostLedger) -> bool {
    let mut running = ledger.estate.domain_controllers.iter().map(|&dc| ledger.host(dc).1).filter(|s| s.powered).peekable();
    running.peek().is_some() && running.all(|s| matches!(s.recovery, Recovery::Restored | Recovery::Rebuilt))
}

/// Cuts or reconnects the links an effect names: whether they are now up, and their names.
fn set_links(estate: &Estate, network: &mut Network, effect: &Effect) -> (bool, Vec<String>) {
    let (up, chosen): (bool, Vec<usize>) = match effect {
        Effect::CutLink(id) => (false, estate.link_index(id).map(|l| vec![l as usize]).unwrap_or_default()),
        Effect::ReconnectLink(id) => (true, estate.link_index(id).map(|l| vec![l as usize]).unwrap_or_default()),
        Effect::CutLinks(selector) | Effect::ReconnectLinks(selector) => (
            matches!(effect, Effect::ReconnectLinks(_)),
            (0..estate.links.len())
                .filter(|&l| match selector {
                    LinkSelector::All => true,
                    LinkSelector::Kind(kind) => estate.links[l].kind == *kind,
                })
                .collect(),
        ),
        _ => (true, Vec::new()),
    };
    for &l in &chosen {
        network.link_up[l] = up;
    }
    network.dirty = true;
    network.refresh(estate);
    (up, chosen.iter().map(|&l| estate.links[l].name.clone()).collect())
}
