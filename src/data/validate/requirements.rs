//! Rings of required actions: actions that each wait for the next to be done, so none can start.

use std::collections::HashMap;

use super::Findings;
use crate::data::locate::FieldPath;
use crate::data::scenario::{Requirement, Scenario};

/// Actions that require each other to be done, in a ring: none of them can ever start. Each ring is
/// said once, at its first action.
pub(super) fn requirement_cycles(f: &mut Findings, s: &Scenario) {
    let index: HashMap<&str, usize> = s.actions.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let needs: Vec<Vec<usize>> = s
        .actions
        .iter()
        .map(|a| {
            a.requires.iter().filter_map(|r| if let Requirement::Done(id) = r { index.get(id.as_str()).copied() } else { None }).collect()
        })
        .collect();
    // 0: not seen, 1: on the current path, 2: done. Iterative, so that a long chain cannot overflow.
    let mut state = vec![0u8; s.actions.len()];
    for start in 0..s.actions.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&to) = needs[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        path.push((to, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let ring: Vec<&str> = path[from..].iter().map(|(n, _)| s.actions[*n].id.as_str()).collect();
                        f.push(
                            FieldPath::root().field("actions").index(to).field("requires"),
                            format!(
                                "no ring of requirements, but {} each wait for the next to be done: none can ever start",
                                ring.join(" → ")
                            ),
                        );
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
}
