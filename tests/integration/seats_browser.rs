//! Two seats in headless Chromium while the window runs under a virtual display: the facilitator's phone
//! call reaches only the called role's inbox, that role takes a decision from its page, and the room's
//! feed on the projector shows it. Chromium is Debian's, driven by `playwright-core` from npm
//! (`seats_browser.mjs`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::window::{ONE_WINDOW, on_path, picture, window_runner};

/// The longest the window may take to begin the exercise and call a role.
const CALL_LIMIT: Duration = Duration::from_secs(300);
/// The longest the window may take to end once a seat has decided (or the tour has given up).
const END_LIMIT: Duration = Duration::from_secs(420);

/// Where `playwright-core` was installed, with Node and Chromium to run it; `None` (the test skipped)
/// when something is missing and the run does not require the browser test.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let installed = std::env::var_os("CRISIS_CELL_PLAYWRIGHT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-node/node_modules"));
    let found = installed.join("playwright-core/package.json").is_file();
    let chromium = on_path("chromium");
    if found && on_path("node").is_some() && chromium.is_some() {
        return Some((installed, chromium?));
    }
    assert!(
        std::env::var_os("CRISIS_CELL_REQUIRE_BROWSER_TEST").is_none(),
        "this run requires the browser test: node, chromium and playwright-core in {} (as .ci/run installs them)",
        installed.display()
    );
    eprintln!("skipped: node, chromium or playwright-core ({}) is missing", installed.display());
    None
}

/// What the called role answers the call.
const ANSWER: &str = "Thank you: keep people away from the barrier, security is on its way.";
/// The observer's note, written in the observer's browser.
const NOTE: &str = "The role on the phone kept the caller calm and asked the right questions.";

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Each seat's name and link, from the `seat: NAME LINK` lines the window prints.
fn seat_links(lines: &[String]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("seat: "))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(name, link)| (name.to_string(), link.to_string()))
        .collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).expect("JSON")
}

/// Waits until `done` holds or the window's process has ended, at most `limit`: whether either came.
fn wait_until(child: &mut std::process::Child, limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let began = Instant::now();
    while began.elapsed() < limit {
        if done() || child.try_wait().ok().flatten().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[test]
fn a_call_reaches_one_seat_whose_decision_the_projector_shows() {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    let Some(xvfb) = window_runner() else { return };
    let Some((playwright, chromium)) = browser_tools() else { return };
    let dir = std::env::temp_dir().join(format!("crisis-cell-seats-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("runtime")).expect("a temporary folder");
    let address = format!("127.0.0.1:{}", free_port());
    let mut window = Command::new(&xvfb)
        .args(["-a", "-s", "-screen 0 1600x900x24", env!("CARGO_BIN_EXE_crisis-cell"), "play", "--seats", &address, "--tour"])
        .arg(&dir)
        .env("XDG_RUNTIME_DIR", dir.join("runtime"))
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run starts");
    let printed = Arc::new(Mutex::new(Vec::<String>::new()));
    let stderr = window.stderr.take().expect("the window's stderr");
    let sink = printed.clone();
    std::thread::spawn(move || BufReader::new(stderr).lines().map_while(Result::ok).for_each(|l| sink.lock().expect("lines").push(l)));

    let inject_file = dir.join("inject.json");
    if !wait_until(&mut window, CALL_LIMIT, || inject_file.is_file()) || !inject_file.is_file() {
        let _ = window.kill();
        panic!("the window never called a role: {:?}", printed.lock().expect("lines"));
    }
    let inject = read_json(&dir.join("inject.json"));
    let links = seat_links(&printed.lock().expect("lines"));
    let link_of = |name: &serde_json::Value| {
        links.iter().find(|(n, _)| name == n.as_str()).map(|(_, l)| l.clone()).unwrap_or_else(|| panic!("no link for {name}: {links:?}"))
    };
    let task = serde_json::json!({
        "playwright": playwright,
        "chromium": chromium,
        "called": { "name": inject["called"], "link": link_of(&inject["called"]) },
        "other": { "name": inject["not_called"], "link": link_of(&inject["not_called"]) },
        "facilitator": link_of(&serde_json::json!("Facilitator")),
        "observer": link_of(&serde_json::json!("Observer")),
        "text": inject["text"],
        "answer": ANSWER,
        "note": NOTE,
        "minute": inject["minute"],
        "shots": dir,
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/seats_browser.mjs");
    let browsers = Command::new("node").arg(script).arg(task.to_string()).output().expect("node runs");
    let ended = wait_until(&mut window, END_LIMIT, || false);
    if !ended {
        let _ = window.kill();
    }
    assert!(browsers.status.success(), "the browsers: {}", String::from_utf8_lossy(&browsers.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&browsers.stdout).expect("the browsers say what they saw");
    let status = window.wait().expect("the window's process");
    assert!(ended && status.success(), "the window's tour ends cleanly, in time: {status}");

    let text = inject["text"].as_str().expect("the call's words");
    assert_eq!(seen["calledRole"], inject["called"], "the laptop holds the called role's seat");
    assert_eq!(seen["otherRole"], inject["not_called"], "the phone holds another role's seat");
    assert!(seen["calledInbox"].as_str().is_some_and(|i| i.contains(text)), "the call is in the called role's inbox: {seen}");
    assert!(seen["otherInbox"].as_str().is_some_and(|i| !i.contains(text)), "and not in the other's: {seen}");
    let decision = seen["decision"].as_str().expect("the decision clicked");
    assert!(!decision.is_empty(), "the called role had a decision to take: {seen}");

    let tour = read_json(&dir.join("tour.json"));
    let seated = &tour["seated"];
    assert_eq!(seated["decided"], true, "the window saw a decision after the call: {seated}");
    let feed_shows =
        |lines: &serde_json::Value| lines.as_array().is_some_and(|l| l.iter().any(|l| l.as_str().is_some_and(|l| l.contains(decision))));
    assert!(feed_shows(&seated["decisions"]), "the room's feed shows the seat's decision \"{decision}\": {seated}");
    assert!(feed_shows(&seated["feed"]), "among its newest lines: {seated}");
    let feed = seated["feed"].as_array().expect("the room's feed");
    assert!(!feed.iter().any(|l| l.as_str().is_some_and(|l| l.contains(text))), "the room's feed does not tell the call's words: {seated}");
    let called = inject["called"].as_str().expect("a name");
    assert!(
        feed.iter().any(|l| l.as_str().is_some_and(|l| l.contains(&format!("For the {called} seat only")))),
        "it says a call came for the role: {seated}"
    );
    assert_eq!(seated["seat_decisions"].as_array().map(Vec::len), Some(1), "one decision, taken from one seat: {seated}");
    assert!(seen["answering"].as_str().is_some_and(|a| a.contains("Answer to")), "the page says what is answered: {seen}");
    let answers = seated["answers"].as_array().expect("the call's answers");
    assert!(
        answers.iter().any(|a| a.as_str().is_some_and(|a| a.contains(ANSWER) && a.contains(called))),
        "the facilitator's console has the called role's answer to the call: {seated}"
    );
    assert!(
        seen["otherAfter"].as_str().is_some_and(|i| !i.contains(ANSWER) && !i.contains(text)),
        "neither the call nor its answer reaches another seat: {seen}"
    );
    // The desks: the truth at the facilitator's alone; the mark, the note with its tags and the rating
    // reach the exercise from their browsers.
    assert!(seen["hidden"]["facilitator"].as_u64().is_some_and(|n| n > 0), "the facilitator's feed has the hidden course: {seen}");
    assert_eq!(seen["hidden"]["observer"], 0, "the observer's has not: {seen}");
    assert!(seen["observerWidth"].as_u64().is_some_and(|w| w <= 390), "the observer's page fits a phone: {seen}");
    let notes = seated["notes"].as_array().expect("the notes");
    let note = notes.iter().find(|n| n["text"] == NOTE).unwrap_or_else(|| panic!("the observer's note: {seated}"));
    assert_eq!((note["by"].as_str(), note["kind"].as_str()), (Some("observer"), Some("strength")), "{note}");
    assert_eq!(note["objective"], seen["objective"], "tagged to the objective chosen: {note}");
    assert!(note["role"].is_string() && note["inject"].is_u64(), "and to the called role and its call: {note}");
    assert!(
        seated["ratings"].as_array().is_some_and(|r| r.iter().any(|r| r[0] == seen["objective"] && r[1] == "some_challenges")),
        "the observer's rating: {seated}"
    );
    assert!(seated["marks"].as_array().is_some_and(|m| m.iter().any(|m| m[1] == "done")), "the facilitator's mark: {seated}");
    assert_eq!(tour["codes_on_projector"], true, "the projector showed the seats' codes when the exercise began");
    for shot in ["seated", "seat-console"] {
        let fit = &tour["text_fit"][shot];
        assert!(fit["texts"].as_u64().is_some_and(|n| n > 10), "{shot}: its texts are measured: {fit}");
        assert_eq!(fit["cut"], 0, "{shot}: no text is cut by its box (the seats' links and buttons included): {fit}");
        assert_eq!(fit["elided"], 0, "{shot}: nor shortened: {fit}");
    }
    for shot in [
        "seat-codes.png",
        "seated.png",
        "seat-console.png",
        "seat-laptop.png",
        "seat-phone.png",
        "desk-facilitator.png",
        "desk-observer.png",
    ] {
        picture(&dir.join(shot)).assert_not_blank(shot);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
