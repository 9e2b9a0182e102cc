//! A queue of things due at a given minute, popped in a fixed order so that runs are reproducible.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Items due at a minute; ties are broken by the order they were scheduled in.
#[derive(Debug, Clone)]
pub struct Agenda<E> {
    heap: BinaryHeap<Reverse<(u32, u64, Slot<E>)>>,
    sequence: u64,
}

/// Wraps an item so that the heap never compares items themselves.
#[derive(Debug, Clone)]
struct Slot<E>(E);
impl<E> PartialEq for Slot<E> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<E> Eq for Slot<E> {}
impl<E> PartialOrd for Slot<E> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Slot<E> {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl<E> Default for Agenda<E> {
    fn default() -> Self {
        Self { heap: BinaryHeap::new(), sequence: 0 }
    }
}

impl<E> Agenda<E> {
    pub fn schedule(&mut self, minute: u32, item: E) {
        self.sequence += 1;
        self.heap.push(Reverse((minute, self.sequence, Slot(item))));
    }

    /// The next item due at or before `now`.
    pub fn pop_due(&mut self, now: u32) -> Option<(u32, E)> {
        if self.heap.peek().is_some_and(|Reverse((minute, _, _))| *minute <= now) {
            self.heap.pop().map(|Reverse((minute, _, Slot(item)))| (minute, item))
        } else {
            None
        }
    }

    pub fn next_minute(&self) -> Option<u32> {
        self.heap.peek().map(|Reverse((minute, _, _))| *minute)
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_then_schedule_order() {
        let mut agenda = Agenda::default();
        agenda.schedule(5, "b");
        agenda.schedule(3, "a");
        agenda.schedule(5, "c");
        assert_eq!(agenda.pop_due(2), None);
        assert_eq!(agenda.pop_due(10), Some((3, "a")));
        assert_eq!(agenda.pop_due(10), Some((5, "b")));
        assert_eq!(agenda.pop_due(10), Some((5, "c")));
        assert!(agenda.is_empty());
    }
}
