//! Lateral spread in one segment where every host reaches every other follows the SI model's logistic curve.

use crisis_cell::data::load::scenario_from_text;
use crisis_cell::sim::{Census, Infection, Simulation};

/// One segment of `n` workstations that all reach each other over SMB, `i0` footholds, no deployment.
fn single_segment(n: u32, i0: u32, per_hour: f64) -> String {
    format!(
        r#"Scenario(
    format: 1,
    meta: (id: "si", name: "One flat segment", version: "t1", time_zone: "UTC", start: "2024-01-06T00:00"),
    sites: [(id: "s", name: "Site", kind: GeneralHospital)],
    segments: [(id: "flat", site: "s", kind: ClinicalWorkstations)],
    reachability: [(from: All, to: All, protocols: [Smb])],
    links: [(id: "internet", kind: Internet, sites: ["s"])],
    host_groups: [(id: "ws", segment: "flat", count: {n}, role: Workstation, os: WindowsClient, domain_joined: false, name_prefix: "WS")],
    attacker: (
        name: "Worm",
        footholds: [Group(group: "ws", count: {i0})],
        access_links: ["internet"],
        kill_chain: (
            discovery: (duration: Fixed(1000000)),
            credential_theft: (duration: Fixed(0)),
            domain_admin: (duration: Fixed(0)),
            deployment: (duration: Fixed(0)),
        ),
        spread: [(protocol: Smb, per_hour: {per_hour})],
        spread_after_credential_reset: 1.0,
        exfiltration: (begins_after: Discovery, rate_gb_per_hour: 0, total_gb: 0),
        group_policy: (member_refresh_minutes: 90, member_jitter_minutes: 30, controller_refresh_minutes: 5),
        detonation_delay: Fixed(0),
        controller_detonation_delay: Fixed(0),
        encryption_minutes: Fixed(10),
        server_encryption_factor: 1.0,
        targets_backups: false,
    ),
    detection: [],
    investigation: (duration: Fixed(10)),
    actions: [],
)"#
    )
}

#[test]
fn single_segment_spread_matches_the_logistic_curve() {
    let (n, i0, per_hour) = (1000u32, 20u32, 1.2);
    let beta = per_hour / 60.0; // per minute
    let scenario = std::sync::Arc::new(scenario_from_text("si.ron", &single_segment(n, i0, per_hour)).expect("valid"));
    let checkpoints = [60u32, 120, 180, 240, 300, 360];
    let seeds = 30;
    let mut sums = vec![0.0; checkpoints.len()];
    let mut squares = vec![0.0; checkpoints.len()];
    for seed in 0..seeds {
        let mut sim = Simulation::new(scenario.clone(), seed, None);
        for (k, &t) in checkpoints.iter().enumerate() {
            sim.run_until(t);
            let census = sim.world().resource::<Census>();
            let infected = f64::from(n - census.count(Infection::Clean));
            sums[k] += infected;
            squares[k] += infected * infected;
        }
    }
    let n_f = f64::from(n);
    for (k, &t) in checkpoints.iter().enumerate() {
        let mean = sums[k] / f64::from(seeds as u32);
        let variance = (squares[k] / f64::from(seeds as u32) - mean * mean).max(0.0);
        let standard_error = (variance / f64::from(seeds as u32)).sqrt();
        let expected = n_f / (1.0 + (n_f / f64::from(i0) - 1.0) * (-beta * f64::from(t)).exp());
        // Monte-Carlo error, plus the bias of a one-minute step (footholds taken in a tick start
        // spreading the next): about 1% in rate, at most 1.5% of the hosts.
        let tolerance = 4.0 * standard_error + 0.015 * n_f;
        assert!(
            (mean - expected).abs() <= tolerance,
            "minute {t}: {mean:.1} hosts on average, the logistic curve gives {expected:.1} (tolerance {tolerance:.1})"
        );
    }
}
