//! The crisis cell's decisions carried out on the estate: each takes time before its effect lands, and
//! work on many hosts lands host by host, a few at a time.

use bevy::prelude::*;

use super::attack::AttackState;
use super::clock::Clock;
use super::estate::{Estate, Host, HostLedger, HostName, Network, Recovery};
use super::timeline::{EntryKind, Observed, Timeline};
use super::{Countermeasure, RngStreams};
use crate::data::scenario::*;

/// A decision taken: by the playbook, or by a player in the window.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct Decide {
    /// The decision's own id (a playbook decision, or one made up by the window).
    pub decision: String,
    /// The action of the scenario's catalog to carry out.
    pub action: String,
}

/// One decision being carried out.
#[derive(Debug, Clone)]
pub struct Work {
    pub decision: String,
    pub action: usize,
    pub started_at: u32,
    /// When the preparation is over and the effect (or the work on the first hosts) lands.
    pub ready_at: u32,
    pub targets: Vec<u32>,
    /// Hosts begun, and hosts finished.
    pub begun: usize,
    pub finished: usize,
    pub done_at: Option<u32>,
}

impl Work {
    /// When the batch holding the `k`-th host begins, and when it ends.
    fn batch_start(&self, k: usize, action: &Action) -> u32 {
        let parallel = action.parallel.max(1) as usize;
        self.ready_at + libm::round((k / parallel) as f64 * action.per_host_minutes.max(0.0)) as u32
    }

    fn batch_end(&self, k: usize, action: &Action) -> u32 {
        let parallel = action.parallel.max(1) as usize;
        self.ready_at
            + libm::round(((k / parallel) + 1) as f64 * action.per_host_minutes.max(0.0)) as u32
    }

    /// The next minute at which something of this work lands, if it is not done.
    pub fn next_event_minute(&self, action: &Action) -> Option<u32> {
        if self.done_at.is_some() {
            return None;
        }
        if self.targets.is_empty() {
            return Some(self.ready_at);
        }
        let begin = (self.begun < self.targets.len()).then(|| self.batch_start(self.begun, action));
        let finish = (self.finished < self.begun).then(|| self.batch_end(self.finished, action));
        begin
            .into_iter()
            .chain(finish)
            .min()
            .or(Some(self.ready_at))
    }

    /// Share of the work done, 0 to 1, for progress bars.
    pub fn progress(&self, now: u32, action: &Action) -> f64 {
        if self.done_at.is_some() {
            return 1.0;
        }
        if self.targets.is_empty() || action.per_host_minutes <= 0.0 {
            let total = f64::from(self.ready_at.saturating_sub(self.started_at).max(1));
            return (f64::from(now.saturating_sub(self.started_at)) / total).min(1.0);
        }
        self.finished as f64 / self.targets.len() as f64
    }
}

/// Decisions under way and done.
#[derive(Resource, Default)]
pub struct ResponseState {
    pub works: Vec<Work>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ResponseState>();
}

/// The hosts a filter names, in host order.
pub fn select_hosts(
    estate: &Estate,
    hosts: &Query<(&Host, &HostName)>,
    filter: &HostFilter,
) -> Vec<u32> {
    let site = filter.site.as_deref().and_then(|id| estate.site_index(id));
    let segment = filter
        .segment
        .as_deref()
        .and_then(|id| estate.segment_index(id));
    let group = filter
        .group
        .as_deref()
        .and_then(|id| estate.scenario.host_groups.iter().position(|g| g.id == id))
        .map(|g| g as u32);
    estate
        .entities
        .iter()
        .filter_map(|&e| hosts.get(e).ok())
        .filter(|(host, name)| {
            filter.class.is_none_or(|c| host.matches_class(c))
                && site.is_none_or(|s| host.site == s)
                && segment.is_none_or(|s| host.segment == s)
                && group.is_none_or(|g| host.group == Some(g))
                && filter.name.as_ref().is_none_or(|n| &name.0 == n)
        })
        .map(|(host, _)| host.index)
        .collect()
}

/// Starts the decisions taken this tick.
#[allow(clippy::too_many_arguments)]
pub(super) fn start_decisions(
    clock: Res<Clock>,
    estate: Res<Estate>,
    hosts: Query<(&Host, &HostName)>,
    mut decisions: MessageReader<Decide>,
    mut state: ResMut<ResponseState>,
    mut rngs: ResMut<RngStreams>,
    mut timeline: ResMut<Timeline>,
    mut observed: MessageWriter<Observed>,
) {
    let now = clock.minute;
    for decide in decisions.read() {
        let Some(index) = estate
            .scenario
            .actions
            .iter()
            .position(|a| a.id == decide.action)
        else {
            timeline.push(
                now,
                EntryKind::Decision,
                decide.decision.clone(),
                format!("Unknown action \"{}\" ignored", decide.action),
            );
            continue;
        };
        let action = &estate.scenario.actions[index];
        let targets = match &action.effect {
            Effect::PowerOff(f)
            | Effect::PowerOn(f)
            | Effect::Reimage(f)
            | Effect::RestoreFromBackup(f) => select_hosts(&estate, &hosts, f),
            _ => Vec::new(),
        };
        let ready_at = now + action.duration.sample_minutes(&mut rngs.response);
        let scope = if targets.is_empty() {
            String::new()
        } else {
            format!(" ({} hosts)", targets.len())
        };
        timeline.push(
            now,
            EntryKind::Decision,
            decide.decision.clone(),
            format!("Decision: {}{scope}", action.name),
        );
        observed.write(Observed::DecisionStarted {
            decision: decide.decision.clone(),
        });
        state.works.push(Work {
            decision: decide.decision.clone(),
            action: index,
            started_at: now,
            ready_at,
            targets,
            begun: 0,
            finished: 0,
            done_at: None,
        });
    }
}

/// Lands what is due of the work under way.
#[allow(clippy::too_many_arguments)]
pub(super) fn carry_out_work(
    clock: Res<Clock>,
    mut network: ResMut<Network>,
    attack: Res<AttackState>,
    mut state: ResMut<ResponseState>,
    mut ledger: HostLedger,
    mut timeline: ResMut<Timeline>,
    mut observed: MessageWriter<Observed>,
    mut countermeasures: MessageWriter<Countermeasure>,
) {
    let now = clock.minute;
    let scenario = ledger.estate.scenario.clone();
    for work in state
        .works
        .iter_mut()
        .filter(|w| w.done_at.is_none() && w.ready_at <= now)
    {
        let action = &scenario.actions[work.action];
        let mut summary = None;
        match &action.effect {
            Effect::CutLink(_)
            | Effect::CutLinks(_)
            | Effect::ReconnectLink(_)
            | Effect::ReconnectLinks(_) => {
                let (up, names) = set_links(&ledger.estate, &mut network, &action.effect);
                summary = Some(format!(
                    "{} {}",
                    if up { "Reconnected:" } else { "Cut:" },
                    names
                ));
            }
            Effect::IsolateSegments(selector) | Effect::ReconnectSegments(selector) => {
                let isolate = matches!(action.effect, Effect::IsolateSegments(_));
                let segments = ledger.estate.select_segments(selector);
                for &s in &segments {
                    network.isolated[s as usize] = isolate;
                }
                network.dirty = true;
                network.refresh(&ledger.estate);
                summary = Some(format!(
                    "{} {} segment(s)",
                    if isolate { "Isolated" } else { "Reconnected" },
                    segments.len()
                ));
            }
            Effect::ResetCredentials => {
                countermeasures.write(Countermeasure::CredentialsReset);
                summary =
                    Some("Domain credentials reset and compromised accounts disabled".to_string());
            }
            Effect::Procedure => summary = Some(format!("{} done", action.name)),
            Effect::PowerOff(_)
            | Effect::PowerOn(_)
            | Effect::Reimage(_)
            | Effect::RestoreFromBackup(_) => {
                land_host_work(
                    work,
                    action,
                    now,
                    &attack,
                    &mut ledger,
                    &mut countermeasures,
                );
                if work.finished == work.targets.len() {
                    summary = Some(host_summary(work, action, &ledger));
                }
            }
        }
        if let Some(text) = summary {
            work.done_at = Some(now);
            timeline.push(now, EntryKind::Effect, work.decision.clone(), text);
            observed.write(Observed::DecisionDone {
                decision: work.decision.clone(),
            });
        }
    }
}

fn host_summary(work: &Work, action: &Action, ledger: &HostLedger) -> String {
    let n = work.targets.len();
    match action.effect {
        Effect::PowerOff(_) => format!("{n} host(s) powered off"),
        Effect::PowerOn(_) => format!("{n} host(s) started again"),
        Effect::Reimage(_) => format!("{n} host(s) reimaged, clean"),
        _ => {
            let with_data = work
                .targets
                .iter()
                .filter(|&&h| ledger.host(h).1.recovery == Recovery::Restored)
                .count();
            if with_data == n {
                format!("{n} host(s) restored from backup")
            } else {
                format!(
                    "{n} host(s) reinstalled: {with_data} restored from backup, {} rebuilt without data (backup lost)",
                    n - with_data
                )
            }
        }
    }
}

/// Works through the hosts of a decision: `parallel` at a time, `per_host_minutes` each.
fn land_host_work(
    work: &mut Work,
    action: &Action,
    now: u32,
    attack: &AttackState,
    ledger: &mut HostLedger,
    countermeasures: &mut MessageWriter<Countermeasure>,
) {
    let recovering = matches!(
        action.effect,
        Effect::Reimage(_) | Effect::RestoreFromBackup(_)
    );
    while work.begun < work.targets.len() && work.batch_start(work.begun, action) <= now {
        if recovering {
            let host = work.targets[work.begun];
            ledger.begin_recovery(
                host,
                now,
                matches!(action.effect, Effect::RestoreFromBackup(_)),
            );
        }
        work.begun += 1;
    }
    while work.finished < work.begun && work.batch_end(work.finished, action) <= now {
        let host = work.targets[work.finished];
        match action.effect {
            Effect::PowerOff(_) => {
                ledger.power_off(host, now);
            }
            Effect::PowerOn(_) => {
                ledger.power_on(host, now);
            }
            Effect::Reimage(_) => ledger.finish_recovery(host, now, false),
            Effect::RestoreFromBackup(_) => {
                let backup = ledger.host(host).0.backup;
                let survives = backup.is_some_and(|b| {
                    !attack
                        .backups_destroyed
                        .get(b as usize)
                        .copied()
                        .unwrap_or(false)
                });
                ledger.finish_recovery(host, now, survives);
            }
            _ => {}
        }
        if recovering
            && ledger.host(host).0.role == HostRole::DomainController
            && domain_is_clean(ledger)
        {
            countermeasures.write(Countermeasure::DomainRebuilt);
        }
        work.finished += 1;
    }
}

/// Every running domain controller has been reinstalled: the malicious policy is gone.
fn domain_is_clean(ledger: &HostLedger) -> bool {
    let mut running = ledger
        .estate
        .domain_controllers
        .iter()
        .map(|&dc| ledger.host(dc).1)
        .filter(|s| s.powered)
        .peekable();
    running.peek().is_some()
        && running.all(|s| matches!(s.recovery, Recovery::Restored | Recovery::Rebuilt))
}

fn set_links(estate: &Estate, network: &mut Network, effect: &Effect) -> (bool, String) {
    let (up, chosen): (bool, Vec<usize>) = match effect {
        Effect::CutLink(id) => (
            false,
            estate
                .link_index(id)
                .map(|l| vec![l as usize])
                .unwrap_or_default(),
        ),
        Effect::ReconnectLink(id) => (
            true,
            estate
                .link_index(id)
                .map(|l| vec![l as usize])
                .unwrap_or_default(),
        ),
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
    let names: Vec<&str> = chosen
        .iter()
        .map(|&l| estate.links[l].name.as_str())
        .collect();
    let text = if names.len() > 4 {
        format!("{} links", names.len())
    } else {
        names.join(", ")
    };
    (up, text)
}
