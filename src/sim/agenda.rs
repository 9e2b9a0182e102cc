//! A queue of things due at a given minute, popped in a fixed order so that runs are reproducible.

use std::collections::{BTreeMap, VecDeque, btree_map::Entry};

/// Items due at a minute; ties are broken by the order they were scheduled in.
///
/// A bucket per minute rather than one heap of every item: thousands of hosts fall due within a few
/// hundred minutes, and popping the front of a minute's bucket costs nothing like a heap's sift.
#[derive(Debug, Clone)]
pub struct Agenda<E> {
    minutes: BTreeMap<u32, VecDeque<E>>,
    /// Emptied buckets, kept for the next minutes rather than allocated again.
    spare: Vec<VecDeque<E>>,
    len: usize,
}

impl<E> Default for Agenda<E> {
    fn default() -> Self {
        Self { minutes: BTreeMap::new(), spare: Vec::new(), len: 0 }
    }
}

impl<E> Agenda<E> {
    pub fn schedule(&mut self, minute: u32, item: E) {
        match self.minutes.entry(minute) {
            Entry::Occupied(bucket) => bucket.into_mut().push_back(item),
            Entry::Vacant(slot) => slot.insert(self.spare.pop().unwrap_or_default()).push_back(item),
        }
        self.len += 1;
    }

    /// The next item due at or before `now`.
    pub fn pop_due(&mut self, now: u32) -> Option<(u32, E)> {
        let mut first = self.minutes.first_entry()?;
        let minute = *first.key();
        if minute > now {
            return None;
        }
        let item = first.get_mut().pop_front();
        if first.get().is_empty() {
            self.spare.push(first.remove());
        }
        self.len -= usize::from(item.is_some());
        item.map(|item| (minute, item))
    }

    pub fn next_minute(&self) -> Option<u32> {
        self.minutes.first_key_value().map(|(minute, _)| *minute)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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
