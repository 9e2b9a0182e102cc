//! The plan audit: binding constraints named, what-ifs that move a milestone and controls that do not,
//! the same answer for any thread count or shard split, and bad input refused with exit status 2.

use std::sync::Arc;

use crisis_cell::audit::summary::{AuditSummary, Verdict};
use crisis_cell::audit::what_if::WhatIf;
use crisis_cell::audit::{AuditSpec, run_range};
use crisis_cell::data::Scenario;
use crisis_cell::data::load::load_plan;

use crate::common::{cli, temp_dir, vivalia};

/// The audit of the Belgian plan on Vivalia, with these what-ifs, over `runs` nights.
fn audit(scenario: Arc<Scenario>, what_ifs: &[&str], runs: u64) -> AuditSummary {
    let plan = load_plan("belgian-hospital-cyber", &scenario).unwrap_or_else(|e| panic!("{e}"));
    let what_ifs: Vec<WhatIf> = what_ifs.iter().map(|w| WhatIf::parse(w).unwrap()).collect();
    let minutes = scenario.meta.duration_hours * 60;
    let spec = AuditSpec::new(scenario, plan, &what_ifs, runs, 7, minutes).unwrap();
    let stats = run_range(&spec, 0..runs, 2, |_| {}).unwrap();
    AuditSummary::new(&spec.context(), &stats, 0)
}

#[test]
fn the_audit_names_what_binds_the_staff_alert_and_the_crisis_team() {
    let summary = audit(vivalia(), &["on-site:administrator-on-duty", "call-in:medical-director=10", "on-call:it-team"], 60);
    let staff = summary.milestone("staff-alerted").unwrap();
    let team = summary.milestone("crisis-team-activated").unwrap();
    // At night nobody is on site to alert the staff: the manager on duty is called in first.
    assert_eq!(staff.binding.as_ref().unwrap().key, "arrives:administrator-on-duty", "{staff:?}");
    assert!(staff.binding.as_ref().unwrap().text.contains("Manager on duty arrives"));
    // The crisis cell sits when its quorum (director general, medical director, IT director) is there.
    let team_binding = &team.binding.as_ref().unwrap().key;
    assert!(["arrives:director-general", "arrives:medical-director", "arrives:it-director"].contains(&team_binding.as_str()), "{team:?}");
    assert_ne!(team.verdict, Verdict::Feasible, "a 30-minute crisis team is beyond this night staff: {team:?}");

    // With a manager on duty on site, nobody waits for one: the staff are alerted earlier.
    let on_site = summary.what_if("on-site:administrator-on-duty").unwrap();
    let on_site_staff = on_site.milestones.iter().find(|m| m.id == "staff-alerted").unwrap();
    assert!(
        on_site_staff.median_minutes.unwrap() + 3 <= staff.median_minutes.unwrap(),
        "the staff alert comes earlier with a manager on site: {:?} against {:?}",
        on_site_staff.median_minutes,
        staff.median_minutes
    );
    // The medical director there in 10 minutes makes the crisis team's deadline hold more often.
    let faster = summary.what_if("call-in:medical-director=10").unwrap();
    let faster_team = faster.milestones.iter().find(|m| m.id == "crisis-team-activated").unwrap();
    assert!(faster_team.change > 0.1 && faster_team.change > 3.0 * faster_team.change_error, "{faster_team:?}");
    // Control: one more of the IT team on call, whom nobody calls before both, changes neither.
    let control = summary.what_if("on-call:it-team").unwrap();
    for id in ["staff-alerted", "crisis-team-activated"] {
        let m = control.milestones.iter().find(|m| m.id == id).unwrap();
        let base = summary.milestone(id).unwrap();
        assert_eq!((m.change, m.median_minutes), (0.0, base.median_minutes), "{id}");
    }
    assert!(summary.what_ifs[0].label != "on-call:it-team", "the control ranks below a change that buys something");
}

#[test]
fn round_the_clock_monitoring_brings_the_first_alert_earlier_and_saves_hosts() {
    let summary = audit(vivalia(), &["monitoring-24-7", "on-call:it-team"], 30);
    let soc = summary.what_if("monitoring-24-7").unwrap();
    let alert = soc.outcomes.iter().find(|o| o.measure == "first_alert_minute").unwrap();
    let hosts = soc.outcomes.iter().find(|o| o.measure == "hosts_encrypted").unwrap();
    assert!(alert.change < -20.0, "the first alert comes earlier: {alert:?}");
    assert!(hosts.change < -100.0 && hosts.change < -3.0 * hosts.change_error, "fewer hosts encrypted: {hosts:?}");
    // Control: a change after the first alert moves neither.
    let control = summary.what_if("on-call:it-team").unwrap();
    assert!(control.outcomes.iter().filter(|o| o.measure != "patient_hours_at_risk").all(|o| o.change == 0.0), "{control:?}");
}

fn json_without_elapsed(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    value.as_object_mut().unwrap().remove("elapsed_ms");
    value
}

#[test]
fn an_audit_is_the_same_on_one_thread_two_or_three_shards() {
    let dir = temp_dir("audit", "shards");
    let base = [
        "audit",
        "vivalia-2022",
        "--runs",
        "24",
        "--seed",
        "5",
        "--what-if",
        "on-site:administrator-on-duty",
        "--target",
        "staff-alerted=5",
    ];
    let one = json_without_elapsed(&cli(&[&base[..], &["--threads", "1", "--json"]].concat()));
    let two = json_without_elapsed(&cli(&[&base[..], &["--threads", "2", "--json"]].concat()));
    assert_eq!(one, two, "the thread count must not change an audit");
    assert_eq!(one["milestones"][0]["target_minutes"], 5, "--target sets the deadline without editing the plan");
    let mut files = Vec::new();
    for k in 1..=3 {
        let out = dir.join(format!("audit-{k}.json")).display().to_string();
        let result = cli(&[&base[..], &["--shard", &format!("{k}/3"), "--out", &out]].concat());
        assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
        files.push(out);
    }
    let report = dir.join("report");
    let merged = cli(&["merge", &files[1], &files[2], &files[0], "--json", "--report", &report.display().to_string()]);
    assert_eq!(json_without_elapsed(&merged), one, "three shards merged in any order equal the audit in one go");
    for file in ["audit.html", "audit.md", "audit.csv", "audit.json"] {
        assert!(report.join(file).is_file(), "{file}");
    }
    let html = std::fs::read_to_string(report.join("audit.html")).unwrap();
    assert!(html.contains("Which deadlines hold") && html.contains("<svg") && html.contains("size: A4"));
    // A shard of another audit (another deadline) is refused.
    let other = dir.join("other.json").display().to_string();
    let mut changed = base.to_vec();
    let last = changed.len() - 1;
    changed[last] = "staff-alerted=6";
    assert!(cli(&[&changed[..], &["--shard", "1/3", "--out", &other]].concat()).status.success());
    let mixed = cli(&["merge", &other, &files[1], &files[2]]);
    assert!(!mixed.status.success() && String::from_utf8_lossy(&mixed.stderr).contains("another audit"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_audit_input_is_refused_with_exit_status_2() {
    let cases: [(&[&str], &str); 8] = [
        // Ward nurses are never on call and have no call-in delay: the what-if must say how long.
        (&["--what-if", "on-call:ward-nurses"], "on-call:ward-nurses=MINUTES"),
        (&["--target", "no-such-milestone=10"], "no milestone \"no-such-milestone\""),
        (&["--what-if", "on-site:no-such-role"], "no role \"no-such-role\""),
        (&["--what-if", "more-coffee"], "not a what-if"),
        (&["--what-if", "edr-servers"], "no EDR containment"),
        (&["--runs", "0"], "--runs 0"),
        (&["--what-if", "call-in:director-general=ten"], "not a whole number"),
        (&["--target", "staff-alerted"], "MILESTONE=MINUTES"),
    ];
    for (args, expected) in cases {
        // Every case fails before a night is run.
        let output = cli(&[&["audit", "vivalia-2022"][..], args].concat());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
