//! Bad input gets every problem, each with its file, line and column, and a non-zero exit; never a panic.

use std::process::Command;

use crisis_cell::data::load::scenario_from_text;
use crisis_cell::data::locate::Position;

fn shipped_text() -> String {
    std::fs::read_to_string(format!("{}/scenarios/vivalia-2022.ron", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The 1-based line and column where `needle` first occurs.
fn position_of(text: &str, needle: &str) -> Position {
    let offset = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is in the text"));
    crisis_cell::data::locate::position_of(text, offset)
}

fn problems(text: &str) -> Vec<crisis_cell::data::Problem> {
    match scenario_from_text("test.ron", text) {
        Ok(_) => panic!("the file should have been refused"),
        Err(problems) => problems.0,
    }
}

#[test]
fn the_shipped_scenario_is_valid() {
    scenario_from_text("vivalia-2022.ron", &shipped_text()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_dangling_reference_is_reported_at_its_line_and_column() {
    let text = shipped_text().replacen(r#"(id: "arlon-admin", site: "arlon""#, r#"(id: "arlon-admin", site: "arlom""#, 1);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "one problem: {found:?}");
    let expected = position_of(&text, r#""arlom""#);
    assert_eq!(found[0].position, Some(expected), "the problem must point at the bad value");
    assert!(found[0].field.starts_with("segments[") && found[0].field.ends_with("].site"), "field: {}", found[0].field);
    assert!(
        found[0].message.contains("arlom") && found[0].message.contains("arlon"),
        "the message says what was found and what was expected: {}",
        found[0].message
    );
}

#[test]
fn every_problem_is_listed_not_only_the_first() {
    let text = shipped_text()
        .replacen("probability: 1.0", "probability: 1.5", 1)
        .replacen("count: 122", "count: 0", 1)
        .replacen("domain_admin: (duration: Uniform(min: 15, max: 55))", "domain_admin: (duration: Uniform(min: 55, max: 15))", 1)
        .replacen(r#"segment: "bastogne-servers", count: 10"#, r#"segment: "nowhere", count: 10"#, 1);
    let found = problems(&text);
    let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.iter().any(|f| f.ends_with("probability")), "probability above 1: {fields:?}");
    assert!(fields.iter().any(|f| f.ends_with("count")), "a zero count: {fields:?}");
    assert!(fields.iter().any(|f| f.ends_with("domain_admin.duration.max")), "a range ending before it starts: {fields:?}");
    assert!(fields.iter().any(|f| f.ends_with("segment")), "a dangling segment: {fields:?}");
    assert!(found.iter().all(|p| p.position.is_some()), "every problem has a line and column");
}

#[test]
fn type_errors_in_several_elements_are_all_reported_with_positions() {
    let text = shipped_text()
        .replacen(r#"beds: 300"#, r#"beds: "three hundred""#, 1)
        .replacen(r#"count: 14, role"#, r#"count: -14, role"#, 1)
        .replacen(r#"kind: Internet, sites"#, r#"kind: Satellite, sites"#, 1);
    let found = problems(&text);
    assert!(found.len() >= 3, "three malformed elements, three problems: {found:#?}");
    let beds = position_of(&text, r#""three hundred""#);
    assert!(
        found.iter().any(|p| p.position.is_some_and(|q| q.line == beds.line)),
        "the bad bed count is located on line {}: {found:#?}",
        beds.line
    );
    let satellite = position_of(&text, "Satellite");
    assert!(
        found.iter().any(|p| p.position.is_some_and(|q| q.line == satellite.line)),
        "the unknown link kind is located on line {}",
        satellite.line
    );
}

#[test]
fn unknown_fields_truncation_and_absurd_sizes_are_refused() {
    let text = shipped_text();
    let unknown = problems(&text.replacen("tick_minutes: 1,", "tick_minutes: 1, tick_seconds: 60,", 1));
    assert!(unknown[0].message.contains("tick_seconds"), "{unknown:?}");
    assert_eq!(unknown[0].position.map(|p| p.line), Some(position_of(&text, "tick_minutes: 1,").line));

    for cut in [10, text.len() / 3, text.len() / 2, text.len() - 3] {
        let mut at = cut;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let found = problems(&text[..at]);
        assert!(found.iter().all(|p| p.position.is_some()), "a truncated file is located: {found:?}");
    }

    let huge = problems(&text.replacen("count: 122", "count: 2000000", 1));
    assert!(huge.iter().any(|p| p.message.contains("1000000")), "more than a million hosts is refused: {huge:?}");
}

#[test]
fn a_phase_cannot_end_before_the_one_it_follows() {
    let text = shipped_text().replacen("discovery: (duration: Fixed(0), done_before_start: true)", "discovery: (duration: Fixed(30))", 1);
    let found = problems(&text);
    assert!(found.iter().any(|p| p.field == "attacker.kill_chain.credential_theft.done_before_start"), "{found:?}");
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crisis-cell"))
}

#[test]
fn validate_exits_zero_on_the_shipped_files_and_non_zero_with_every_error() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ok = binary()
        .arg("validate")
        .arg(format!("{root}/scenarios/vivalia-2022.ron"))
        .arg(format!("{root}/scenarios/playbooks/vivalia-2022-historical.ron"))
        .arg(format!("{root}/scenarios/playbooks/no-response.ron"))
        .output()
        .unwrap();
    assert!(ok.status.success(), "the shipped files are valid: {}", String::from_utf8_lossy(&ok.stderr));

    let dir = std::env::temp_dir().join(format!("crisis-cell-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, shipped_text().replacen("probability: 1.0", "probability: 2.0", 1).replacen("count: 122", "count: 0", 1)).unwrap();
    let playbook = dir.join("bad-playbook.ron");
    std::fs::write(
        &playbook,
        r#"Playbook(format: 1, name: "x", scenario: "vivalia-2022", decisions: [
            (id: "a", action: "launch-missiles", at: Elapsed(5)),
            (id: "b", action: "cut-internet", at: After(event: Done("nothing"), minutes: 5)),
        ])"#,
    )
    .unwrap();
    let out = binary().arg("validate").arg(&bad).arg(&playbook).output().unwrap();
    assert!(!out.status.success(), "invalid files give a non-zero exit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("probability") && stderr.contains("count"), "every scenario problem is listed:\n{stderr}");
    assert!(stderr.contains("launch-missiles") && stderr.contains("nothing"), "every playbook problem is listed:\n{stderr}");
    assert!(
        stderr.lines().filter(|l| l.contains("bad.ron:")).all(|l| l.split(':').nth(1).is_some_and(|n| n.parse::<u32>().is_ok())),
        "with line numbers:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "never a panic:\n{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn user_errors_on_the_command_line_are_clear_and_non_zero() {
    for args in [
        vec!["run", "no-such-scenario"],
        vec!["run", "vivalia-2022", "--until", "12 parsecs"],
        vec!["run", "vivalia-2022", "--playbook", "/nonexistent/playbook.ron"],
        vec!["inspect", "/"],
        vec!["validate", "/nonexistent.ron"],
    ] {
        let out = binary().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(!stderr.trim().is_empty() && !stderr.contains("panicked"), "{args:?} must say why, without a panic:\n{stderr}");
    }
}

#[test]
fn inspect_json_gives_the_documented_fields() {
    let out = binary().args(["inspect", "vivalia-2022", "--json"]).output().unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(value["hosts"]["total"], 1700);
    assert_eq!(value["hosts"]["servers"], 200);
    assert_eq!(value["hosts"]["workstations"], 1500);
    let sites: Vec<&str> = value["sites"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sites.len(), 11);
    assert!(sites.iter().any(|s| s.contains("Marche")));
    let beds: u64 = value["sites"].as_array().unwrap().iter().map(|s| s["beds"].as_u64().unwrap()).sum();
    assert_eq!(beds, 1200 + 388, "about 1,200 hospital beds and 388 nursing-home beds");
    let by_os: u64 = value["hosts"]["by_os"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(by_os, 1700, "every host has its system");
    assert_eq!(value["hosts"]["with_edr"], 0, "no Vivalia host runs EDR, so the EDR source can never fire");
    let joined = value["hosts"]["domain_joined"].as_u64().unwrap();
    assert!(joined > 1600 && joined < 1700, "all but the DMZ servers are domain members: {joined}");
}

#[test]
fn damaged_files_never_panic_and_always_say_where() {
    let text = shipped_text();
    let bytes = text.as_bytes();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut cases = 0;
    for cut in (0..bytes.len()).step_by(97) {
        let damaged = String::from_utf8_lossy(&bytes[..cut]).into_owned();
        if let Err(problems) = scenario_from_text("cut.ron", &damaged) {
            assert!(problems.0.iter().all(|p| p.position.is_some()), "truncated at {cut}: {problems}");
        }
        cases += 1;
    }
    for _ in 0..300 {
        let mut damaged = bytes.to_vec();
        for _ in 0..3 {
            let at = (next() % damaged.len() as u64) as usize;
            damaged[at] = (next() % 128) as u8;
        }
        let damaged = String::from_utf8_lossy(&damaged).into_owned();
        if let Err(problems) = scenario_from_text("flipped.ron", &damaged) {
            assert!(!problems.0.is_empty());
        }
        cases += 1;
    }
    assert!(cases > 500);
}

#[test]
fn every_problem_points_at_the_section_of_the_authoring_guide_that_explains_it() {
    use crisis_cell::data::load::{FileKind, SCENARIO_SECTIONS, guide_section};
    let guide = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/authoring.md")).expect("the guide");
    // GitHub's anchors: lower case, spaces to dashes, other punctuation dropped.
    let anchors: Vec<String> = guide
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| h.to_lowercase().chars().filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-').collect::<String>().replace(' ', "-"))
        .collect();
    let mut fields: Vec<&str> = SCENARIO_SECTIONS.iter().map(|s| s.name).collect();
    fields.extend(["hot_wash", "format", ""]);
    for field in fields {
        let anchor = guide_section(FileKind::Scenario, field);
        assert!(anchors.iter().any(|a| a == anchor), "the guide has a section #{anchor} for `{field}`");
    }
    for kind in [FileKind::Plan, FileKind::Playbook] {
        let anchor = guide_section(kind, "milestones[0]");
        assert!(anchors.iter().any(|a| a == anchor), "the guide has a section #{anchor}");
    }
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/vivalia-2022.ron")).expect("shipped");
    let broken = text.replacen("(id: \"arlon\"", "(id: \"marche\"", 1);
    let problems = crisis_cell::data::load::scenario_from_text("broken.ron", &broken).expect_err("a duplicate site id is refused");
    assert!(problems.0.iter().any(|p| p.message.ends_with("(see docs/authoring.md#scenario-sites)")), "{problems}");
}

#[test]
fn a_scenario_translation_replaces_its_texts_and_names_only_what_exists() {
    use crisis_cell::i18n::Language;
    let text = shipped_text();
    let scenario = scenario_from_text("vivalia-2022.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let french = scenario.in_language(Language::French);
    assert_eq!(french.meta.name, "Vivalia, mai 2022 : rançongiciel dans tout le groupe hospitalier");
    assert_eq!(french.actions.iter().find(|a| a.id == "cut-internet").map(|a| a.name.as_str()), Some("Couper le lien internet"));
    assert!(french.care.as_ref().is_some_and(|c| c.services.iter().any(|s| s.name == "Urgences")));
    assert!(french.injects.iter().find(|i| i.id == "journalist-calls").is_some_and(|i| i.text.starts_with("Un journaliste de TV Lux")));
    // The estate, the attack and the numbers are the same; English is the scenario as written.
    assert_eq!(serde_json::to_value(&french.host_groups).ok(), serde_json::to_value(&scenario.host_groups).ok());
    assert_eq!(scenario.in_language(Language::English).meta.name, scenario.meta.name);
    // A key that names nothing in the scenario is refused.
    let partial = text.replace("                \"cut-vpn\": (name:", "                \"cut-vpn-unused\": (name:");
    let problems = scenario_from_text("vivalia-partial.ron", &partial).unwrap_err().0;
    assert!(problems.iter().any(|p| p.message.contains("found \"cut-vpn-unused\"")), "a key that names nothing is refused: {problems:?}");
    assert!(problems.iter().all(|p| p.message.contains("docs/authoring.md#scenario-translations")), "{problems:?}");

    let german = text.replacen("        \"fr\": (", "        \"de\": (", 1);
    let problems = scenario_from_text("vivalia-de.ron", &german).unwrap_err().0;
    assert!(problems.iter().any(|p| p.message.contains("a language code (en, fr), found \"de\"")), "{problems:?}");
}

#[test]
fn the_containment_and_care_fields_are_checked_each_at_its_place() {
    let shipped = shipped_text();
    // Each spoiling, the field it must be reported on, and a word of what was found.
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            r#"runs_on: ["VIV-HV01", "VIV-HV02"], name_prefix: "MAR-SRV""#,
            r#"runs_on: ["VIV-FS01", "VIV-HV02"], name_prefix: "MAR-SRV""#,
            "runs_on[0]",
            "VIV-FS01",
        ),
        (r#"needs: ["VIV-EHRDB01"]"#, r#"needs: ["VIV-EHR01"]"#, "needs[0]", "itself"),
        (r#"needs: ["VIV-EHRDB01"]"#, r#"needs: ["VIV-EHRDB01"], serves: ["arlom"]"#, "serves[0]", "arlom"),
        (
            "unprompted_downtime: (probability: 0.5,",
            "unprompted_downtime: (probability: 1.5,",
            "care.unprompted_downtime.probability",
            "1.5",
        ),
        // Improvised paper safer than the organised procedure.
        ("risk_weight: 0.625),", "risk_weight: 0.1),", "care.unprompted_downtime.risk_weight", "0.1"),
        (
            "degraded_risk_weight: 0.25,\n",
            "degraded_risk_weight: 0.25,\n        workstation_threshold: -0.5,\n",
            "care.workstation_threshold",
            "-0.5",
        ),
        (
            "effect: ShutSwitchPorts(Kind(ClinicalWorkstations)), role: \"on-call-engineer\"",
            "effect: ShutSwitchPorts(Kind(ClinicalWorkstations)), role: \"on-call-engineer\", requires: [ServerRunning(\"VIV-EDR01\")]",
            "requires[0]",
            "VIV-EDR01",
        ),
        (
            "targets_backups: true,",
            "targets_backups: true,\n        payload_targets: (group: \"marche-appz\"),",
            "attacker.payload_targets.group",
            "marche-appz",
        ),
        ("controller_refresh_minutes: 5)", "controller_refresh_minutes: 5, startup_minutes: -1)", "group_policy.startup_minutes", "-1"),
    ];
    for (from, to, field, found) in cases {
        assert!(shipped.contains(from), "the shipped scenario has `{from}`");
        let text = shipped.replacen(from, to, 1);
        let problems = problems(&text);
        let problem = problems
            .iter()
            .find(|p| p.field.ends_with(field))
            .unwrap_or_else(|| panic!("`{to}` must be reported on `{field}`: {problems:?}"));
        assert!(problem.position.is_some(), "{field}: located");
        assert!(problem.message.contains(found), "{field}: the message says what was found: {}", problem.message);
    }
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_accepted_and_positions_still_hold() {
    let shipped = shipped_text();
    let windows = format!("\u{feff}{}", shipped.replace('\n', "\r\n"));
    scenario_from_text("saved-on-windows.ron", &windows).unwrap_or_else(|e| panic!("a BOM and CRLF are accepted:\n{e}"));
    // Control: a mistake in such a file is still located at its line and column.
    let spoiled = windows.replacen(r#"(id: "arlon-admin", site: "arlon""#, r#"(id: "arlon-admin", site: "arlom""#, 1);
    let found = problems(&spoiled);
    let expected = position_of(spoiled.trim_start_matches('\u{feff}'), r#""arlom""#);
    let position = found[0].position.expect("located");
    assert_eq!(position.line, expected.line, "the line counts from after the mark: {found:?}");
}

#[test]
fn a_milestone_weight_too_large_to_add_up_is_refused_at_its_place() {
    let scenario = crisis_cell::data::load::load_scenario("vivalia-2022").expect("built in").scenario;
    let text = std::fs::read_to_string(format!("{}/scenarios/plans/belgian-hospital-cyber.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let anchor = r#"year: 2024, may_anticipate: true),"#;
    let spoiled = text.replacen(anchor, r#"year: 2024, may_anticipate: true, weight: 1e308),"#, 1);
    assert_ne!(spoiled, text);
    let problems = crisis_cell::data::load::plan_from_text("plan.ron", &spoiled, &scenario).expect_err("refused").0;
    assert!(problems.iter().any(|p| p.field.ends_with("weight") && p.position.is_some() && p.message.contains("1e308")), "{problems:?}");
    // Control: a weight of 2 is fine.
    let fine = text.replacen(anchor, r#"year: 2024, may_anticipate: true, weight: 2),"#, 1);
    crisis_cell::data::load::plan_from_text("plan.ron", &fine, &scenario).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn huge_durations_mean_never_not_at_once() {
    use crisis_cell::data::dist::Dist;
    let mut slow = (*crate::common::vivalia()).clone();
    slow.attacker.encryption_minutes = Dist::Fixed(4_294_967_295.0);
    let slow = std::sync::Arc::new(slow);
    let text = r#"Playbook(format: 1, name: "late", scenario: "vivalia-2022", decisions: [(id: "late", action: "cut-internet", at: After(event: Confirmed, minutes: 4294967295))])"#;
    let playbook = crisis_cell::data::load::playbook_from_text("late.ron", text, &slow).unwrap_or_else(|e| panic!("{e}"));
    let run = crisis_cell::run::run_replica(slow.clone(), Some(&playbook), 1, 12 * 60);
    assert_eq!(run.hosts.encrypted, 0, "an encryption that takes forever finishes on no host");
    assert!(run.decisions.iter().all(|d| d.id != "late"), "a decision due in eight thousand years is not taken");
    // Control: at the scenario's own speed hosts are encrypted in the same hours.
    let normal = crisis_cell::run::run_replica(crate::common::vivalia(), None, 1, 12 * 60);
    assert!(normal.hosts.encrypted > 100);
}

#[test]
fn a_count_of_people_too_large_to_draw_is_refused_at_its_place() {
    let text = shipped_text();
    let anchor = r#"(id: "on-call-engineer", name: "On-call IT engineer", on_call: 2,"#;
    assert!(text.contains(anchor));
    let spoiled = text.replacen(anchor, r#"(id: "on-call-engineer", name: "On-call IT engineer", on_call: 4000000000,"#, 1);
    let found = problems(&spoiled);
    assert!(found.iter().any(|p| p.field.ends_with("on_call") && p.position.is_some() && p.message.contains("4000000000")), "{found:?}");
}

#[test]
fn a_scenario_inject_cannot_take_the_facilitators_name() {
    let text = shipped_text().replacen("(id: \"nurse-ehr-hangs\"", "(id: \"facilitator\"", 1);
    let text = text.replacen("\"nurse-ehr-hangs\": (channel", "\"facilitator\": (channel", 1);
    let found = problems(&text);
    assert!(found.iter().any(|p| p.message.contains("which the facilitator's own injects use")), "{found:?}");
    // Control: the shipped name passes.
    scenario_from_text("vivalia-2022.ron", &shipped_text()).expect("valid");
}

#[test]
fn a_role_cannot_take_an_id_the_seats_use_for_themselves() {
    for reserved in ["observer", "facilitator", "cell", "sender"] {
        let text = shipped_text().replace("\"communication\"", &format!("\"{reserved}\""));
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.message.contains(&format!("another id than \"{reserved}\", which the seats use"))),
            "{reserved}: {found:?}"
        );
    }
    // Control: the shipped names pass.
    scenario_from_text("vivalia-2022.ron", &shipped_text()).expect("valid");
}
