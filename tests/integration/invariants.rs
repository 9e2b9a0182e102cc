//! Invariants over random seeds and random decision schedules: host counts are conserved, the clock
//! never goes back, scores stay within bounds, and nothing panics whatever the crisis cell decides.

use crisis_cell::data::load::{load_plan, playbook_from_text};
use crisis_cell::run::summarise;
use crisis_cell::score::scored;
use crisis_cell::sim::{Census, Infection, Simulation};

use crate::common::vivalia;

#[test]
fn random_schedules_keep_the_books_straight() {
    let scenario = vivalia();
    let plan = load_plan("belgian-hospital-cyber", &scenario).unwrap();
    let actions: Vec<String> = scenario.actions.iter().map(|a| a.id.clone()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    for case in 0..150 {
        let count = 1 + next(12);
        let decisions: String = (0..count)
            .map(|i| {
                let action = &actions[next(actions.len() as u64) as usize];
                let at = match next(3) {
                    0 => format!("Elapsed({})", next(24 * 60)),
                    1 => format!("After(event: FirstAlert, minutes: {})", next(600)),
                    _ => format!("After(event: Confirmed, minutes: {})", next(600)),
                };
                format!("(id: \"d{i}\", action: \"{action}\", at: {at}),")
            })
            .collect();
        let text = format!(r#"Playbook(format: 1, name: "random {case}", scenario: "vivalia-2022", decisions: [{decisions}])"#);
        let playbook = playbook_from_text("random.ron", &text, &scenario).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let seed = next(1_000_000);
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook));
        let mut last_minute = 0;
        for checkpoint in [60, 180, 360, 720, 1440, 4320] {
            sim.run_until(checkpoint);
            let minute = sim.minute();
            assert!(minute >= last_minute, "case {case}: the clock went back from {last_minute} to {minute}");
            last_minute = minute;
            let census = sim.world().resource::<Census>();
            let total: u32 = Infection::ALL.iter().map(|&i| census.count(i)).sum();
            assert_eq!(total, 1700, "case {case}, minute {minute}: every host is in exactly one infection state");
            assert!(census.powered_off <= 1700);
        }
        let result = scored(summarise(&sim, None, seed), Some(&plan));
        let h = &result.run.hosts;
        assert_eq!(h.clean + h.compromised + h.encrypted, h.total, "case {case}: clean + compromised + encrypted = total");
        let score = result.score.as_ref().unwrap();
        assert!((0.0..=100.0).contains(&score.total), "case {case}: score {}", score.total);
        for m in &result.milestones {
            assert!(m.points <= m.max_points + 1e-9 && m.points >= 0.0);
        }
        let mut done: Vec<&str> = result.run.decisions.iter().filter(|d| d.done_minute.is_some()).map(|d| d.id.as_str()).collect();
        let before = done.len();
        done.sort_unstable();
        done.dedup();
        assert_eq!(before, done.len(), "case {case}: each decision lands at most once");
    }
}
