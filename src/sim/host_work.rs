//! Work on many hosts, lane by lane: each person of a team works on `parallel` hosts at once, one after
//! another, and a person who joins the work under way opens lanes that take on hosts at once.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Time inside the scheduler, in thousandths of a minute, so that fractional per-host times add up
/// exactly and land on the minute they round to.
type Millis = u64;

fn to_millis(minute: u32) -> Millis {
    Millis::from(minute) * 1000
}

/// The minute a time lands on, rounded half up; saturates rather than wrapping.
fn landing_minute(time: Millis) -> u32 {
    u32::try_from(time.saturating_add(500) / 1000).unwrap_or(u32::MAX)
}

/// One step of the work, in the order it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Work on a host begins (a reinstall takes the host out of service from here).
    Begin(u32),
    /// Work on a host is over: its effect lands.
    Finish(u32),
}

/// The hosts of one decision and the lanes working through them.
#[derive(Debug, Clone, Default)]
pub struct HostWork {
    pub targets: Vec<u32>,
    /// The next target no lane has taken yet.
    next: usize,
    pub finished: usize,
    per_host: Millis,
    /// Each lane's next moment: the end of its host under way, or when it is free to take one.
    moments: BinaryHeap<Reverse<(Millis, usize)>>,
    /// The target each lane is working on.
    current: Vec<Option<usize>>,
    /// Lanes to close: each finishes the host in hand and takes on no other.
    closing: usize,
    /// Lanes closed for good.
    retired: usize,
}

impl HostWork {
    pub fn new(targets: Vec<u32>, per_host_minutes: f64) -> Self {
        let per_host = if per_host_minutes.is_finite() { (per_host_minutes.max(0.0) * 1000.0).round() as Millis } else { 0 };
        Self { targets, per_host, ..Self::default() }
    }

    /// Opens `lanes` lanes that take on hosts from `minute`; never more lanes open than hosts, however
    /// large a team or `parallel` a scenario states.
    pub fn add_lanes(&mut self, lanes: usize, minute: u32) {
        let room = self.targets.len().saturating_sub(self.lanes());
        for _ in 0..lanes.min(room) {
            self.moments.push(Reverse((to_millis(minute), self.current.len())));
            self.current.push(None);
        }
    }

    /// Lanes open: taking on hosts, or free to.
    pub fn lanes(&self) -> usize {
        self.current.len() - self.retired - self.closing
    }

    /// Closes `lanes` lanes (a person called away), keeping one open for whoever stays: each finishes
    /// the host in hand, if any.
    pub fn close_lanes(&mut self, lanes: usize) {
        self.closing += lanes.min(self.lanes().saturating_sub(1));
    }

    /// Hosts no lane has taken on yet.
    pub fn unbegun(&self) -> usize {
        self.targets.len() - self.next
    }

    pub fn is_done(&self) -> bool {
        self.finished == self.targets.len()
    }

    /// The next minute at which a host's work begins or ends.
    pub fn next_minute(&self) -> Option<u32> {
        self.moments.peek().map(|Reverse((time, _))| landing_minute(*time))
    }

    /// Runs every step due by `now`, in time order (lanes in order within one moment).
    pub fn advance(&mut self, now: u32, mut on_step: impl FnMut(Step)) {
        while let Some(&Reverse((time, lane))) = self.moments.peek() {
            if landing_minute(time) > now {
                break;
            }
            self.moments.pop();
            if let Some(k) = self.current[lane].take() {
                self.finished += 1;
                on_step(Step::Finish(self.targets[k]));
            }
            if self.closing > 0 {
                self.closing -= 1;
                self.retired += 1;
                continue;
            }
            if self.next < self.targets.len() {
                let k = self.next;
                self.next += 1;
                self.current[lane] = Some(k);
                on_step(Step::Begin(self.targets[k]));
                self.moments.push(Reverse((time.saturating_add(self.per_host), lane)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(work: &mut HostWork, until: u32) -> Vec<(u32, Step)> {
        let mut steps = Vec::new();
        for minute in 0..=until {
            work.advance(minute, |step| steps.push((minute, step)));
        }
        steps
    }

    fn finishes(steps: &[(u32, Step)]) -> Vec<(u32, u32)> {
        steps.iter().filter_map(|&(m, s)| if let Step::Finish(h) = s { Some((m, h)) } else { None }).collect()
    }

    #[test]
    fn one_lane_works_host_after_host_and_fractions_add_up() {
        let mut work = HostWork::new(vec![10, 11, 12], 1.5);
        work.add_lanes(1, 5);
        let steps = run(&mut work, 20);
        // Ends at 6.5, 8, 9.5: rounded half up to 7, 8, 10.
        assert_eq!(finishes(&steps), vec![(7, 10), (8, 11), (10, 12)]);
        assert!(work.is_done());
        assert_eq!(work.next_minute(), None);
    }

    #[test]
    fn a_lane_opened_later_takes_on_the_hosts_left() {
        let mut alone = HostWork::new((0..6).collect(), 10.0);
        alone.add_lanes(1, 0);
        let alone_end = finishes(&run(&mut alone, 100)).last().unwrap().0;

        let mut joined = HostWork::new((0..6).collect(), 10.0);
        joined.add_lanes(1, 0);
        let mut steps = Vec::new();
        for minute in 0..=100 {
            if minute == 15 {
                joined.add_lanes(1, minute);
            }
            joined.advance(minute, |step| steps.push((minute, step)));
        }
        assert_eq!(alone_end, 60);
        // The second lane begins host 2 at 15; hosts end at 10, 20, 25, 30, 35, 40.
        assert_eq!(finishes(&steps).iter().map(|f| f.0).collect::<Vec<_>>(), vec![10, 20, 25, 30, 35, 40]);
    }

    #[test]
    fn a_closed_lane_finishes_its_host_and_takes_no_other() {
        let mut work = HostWork::new((0..6).collect(), 10.0);
        work.add_lanes(2, 0);
        let mut steps = Vec::new();
        for minute in 0..=100 {
            if minute == 5 {
                work.close_lanes(1);
            }
            work.advance(minute, |step| steps.push((minute, step)));
        }
        // Hosts 0 and 1 end at 10; then one lane goes on alone: 20, 30, 40, 50.
        assert_eq!(finishes(&steps).iter().map(|f| f.0).collect::<Vec<_>>(), vec![10, 10, 20, 30, 40, 50]);
        assert!(work.is_done());
    }

    #[test]
    fn no_more_lanes_open_than_hosts() {
        let mut work = HostWork::new((0..3).collect(), 1.0);
        work.add_lanes(usize::MAX, 0);
        assert_eq!(work.lanes(), 3);
        work.add_lanes(5, 0);
        assert_eq!(work.lanes(), 3);
    }

    #[test]
    fn no_time_per_host_lands_everything_at_once() {
        let mut work = HostWork::new((0..50).collect(), 0.0);
        work.add_lanes(2, 3);
        let steps = run(&mut work, 3);
        assert_eq!(finishes(&steps).len(), 50);
        assert!(finishes(&steps).iter().all(|&(m, _)| m == 3));
    }
}
