//! The real window, under a virtual display with software rendering: the scripted tour plays an
//! exercise, and its screenshots of the start screen, the attack under way and the debrief are checked.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The longest the tour may take before it counts as hung.
const TOUR_LIMIT: Duration = Duration::from_secs(600);

pub(super) fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

pub(super) struct Picture {
    width: u32,
    height: u32,
    rgb: Vec<[u8; 3]>,
}

pub(super) fn picture(path: &Path) -> Picture {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{} should exist: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("one frame");
    let channels = info.color_type.samples();
    let rgb = buffer[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
    Picture { width: info.width, height: info.height, rgb }
}

impl Picture {
    /// Pixels within a small distance of a colour.
    fn count_near(&self, colour: [u8; 3]) -> usize {
        self.rgb.iter().filter(|p| p.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 12)).count()
    }

    pub(super) fn assert_not_blank(&self, name: &str) {
        let mut colours: Vec<[u8; 3]> = self.rgb.clone();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 30, "{name}: only {} colours, the window looks blank", colours.len());
        let background = self.count_near([0x1E, 0x1E, 0x1E]);
        assert!(background < self.rgb.len() * 97 / 100, "{name}: {background} of {} pixels are background", self.rgb.len());
    }
}

const VERMILLION: [u8; 3] = [0xD5, 0x5E, 0x00];
const REDDISH_PURPLE: [u8; 3] = [0xCC, 0x79, 0xA7];
/// The inject banner's background.
const BANNER: [u8; 3] = [0x12, 0x2A, 0x3A];

/// One window at a time: two `xvfb-run -a` started together may pick the same display.
pub(super) static ONE_WINDOW: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// `xvfb-run`, or `None` (the test skipped) when it is missing and the run does not require it.
pub(super) fn window_runner() -> Option<PathBuf> {
    let found = on_path("xvfb-run");
    if found.is_none() {
        assert!(
            std::env::var_os("CRISIS_CELL_REQUIRE_WINDOW_TEST").is_none(),
            "xvfb-run is missing, and this run requires the window test (install xvfb, mesa-vulkan-drivers, libvulkan1)"
        );
        eprintln!("skipped: xvfb-run is not installed, so the window cannot be opened here");
    }
    found
}

/// Starts the scripted tour of the window, saving into `dir`.
fn tour(xvfb: &Path, dir: &Path, extra: &[&str]) -> std::process::Child {
    let runtime = dir.join("runtime");
    std::fs::create_dir_all(&runtime).expect("a temporary folder");
    Command::new(xvfb)
        .args(["-a", "-s", "-screen 0 1600x900x24", env!("CARGO_BIN_EXE_crisis-cell"), "play"])
        .args(extra)
        .arg("--tour")
        .arg(dir)
        .env("XDG_RUNTIME_DIR", &runtime)
        .spawn()
        .expect("xvfb-run starts")
}

/// Waits for the window's process, calling `meanwhile` until it returns true (then stops watching).
fn wait(mut child: std::process::Child, mut meanwhile: impl FnMut(&mut std::process::Child) -> bool) -> std::process::ExitStatus {
    let began = Instant::now();
    let mut watching = true;
    loop {
        if let Some(status) = child.try_wait().expect("the window's process can be waited for") {
            return status;
        }
        if watching && meanwhile(&mut child) {
            watching = false;
        }
        if began.elapsed() > TOUR_LIMIT {
            let _ = child.kill();
            panic!("the window did not finish within {TOUR_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Kills with SIGKILL the crisis-cell process whose command line mentions `marker`, as a crash would.
fn kill_window(marker: &str) -> bool {
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return false;
    };
    for process in processes.flatten() {
        let pid = process.file_name().to_string_lossy().to_string();
        if !pid.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let comm = std::fs::read_to_string(process.path().join("comm")).unwrap_or_default();
        let cmdline = std::fs::read(process.path().join("cmdline")).unwrap_or_default();
        if comm.trim() == "crisis-cell" && String::from_utf8_lossy(&cmdline).contains(marker) {
            return Command::new("kill").args(["-9", &pid]).status().is_ok_and(|s| s.success());
        }
    }
    false
}

/// Screens the tour shoots and measures the texts of: each at text size 1, and the start, the exercise
/// and the debrief again at 1.5.
const SHOTS: [&str; 11] = [
    "start",
    "start-large-text",
    "inject-banner",
    "exercise",
    "exercise-large-text",
    "confirm",
    "console",
    "exercise-facilitator",
    "end-asks",
    "debrief",
    "debrief-large-text",
];

/// No text of any screen shot is cut by its box or the window's edge, nor shortened with "…" (egui's
/// galleys against their clip rectangles, as the tour measured them).
fn assert_every_text_fits(tour: &serde_json::Value) {
    for shot in SHOTS {
        let fit = &tour["text_fit"][shot];
        assert!(fit["texts"].as_u64().is_some_and(|n| n > 10), "{shot}: its texts are measured: {fit}");
        assert_eq!(fit["cut"], 0, "{shot}: no text is cut by its box: {fit}");
        assert_eq!(fit["elided"], 0, "{shot}: nor shortened: {fit}");
    }
}

#[test]
fn the_window_plays_an_exercise_from_start_screen_to_debrief() {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    let Some(xvfb) = window_runner() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("crisis-cell-window-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let status = wait(tour(&xvfb, &dir, &[]), |_| false);
    assert!(status.success(), "the tour ends cleanly: {status}");

    let tour: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tour.json")).expect("tour.json is written")).expect("tour.json is JSON");
    assert_eq!(tour["start"]["screen"], "Start");
    assert_eq!(tour["exercise"]["screen"], "Exercise");
    assert_eq!(tour["debrief"]["screen"], "Debrief");
    let player = &tour["exercise"]["player_view"];
    let truth = &tour["exercise"]["facilitator_view"];
    let count = |view: &serde_json::Value, state: &str| view[state].as_u64().unwrap_or_else(|| panic!("{state} is counted"));
    assert_eq!(count(player, "hidden compromise"), 0, "the player view hides silent footholds");
    assert!(count(truth, "hidden compromise") > 0, "the facilitator view shows them");
    assert!(count(player, "encrypted") + count(player, "encrypting") > 0, "mid-attack, the cell sees encryption");
    assert!(tour["exercise"]["sim_ms_per_frame_at_60x"].as_f64().is_some(), "the simulation's cost per frame is measured");
    assert_eq!(tour["debrief"]["report"], true, "the debrief writes the report");

    // The room's picture is the players' view; the facilitator's console is a window of its own.
    assert_eq!(tour["opening"]["truth_on_projector"], false, "the projector shows no hidden truth by default");
    assert_eq!(tour["console"]["open"], true, "the facilitator's console opens in its own window");
    // An inject is a moment: on the banner until acknowledged.
    assert_eq!(tour["banner"]["shown"], true, "an inject delivered is on the banner: {}", tour["banner"]);
    assert!(tour["exercise"]["injects_acknowledged"].as_u64().is_some_and(|n| n >= 1));
    assert_eq!(tour["exercise"]["banner_after_acknowledging"], false, "acknowledged, it leaves the banner");
    // An irreversible decision says what it does; the map counts every server off over its state.
    assert_eq!(tour["confirm"]["asked"], true, "shutting every server down asks first");
    let does = tour["confirm"]["does"][0].as_str().unwrap_or_default();
    assert!(does.contains("200"), "the confirmation says how many hosts it switches off: {does}");
    assert_eq!(tour["after_shutdown"]["powered_off"], 200, "the legend counts the 200 servers off: {}", tour["after_shutdown"]);
    assert!(tour["after_shutdown"]["encrypted"].as_u64().is_some_and(|n| n > 0), "and still shows what was encrypted");
    // The map's labels fit their boxes at text sizes 1 and 1.5; so does every other text.
    assert_eq!(tour["exercise"]["labels_overflowing"], 0, "no label wider than its box at text size 1");
    assert_eq!(tour["large_text"]["labels_overflowing"], 0, "nor at 1.5: {}", tour["large_text"]);
    assert_every_text_fits(&tour);
    // Ending asks.
    assert_eq!(tour["end"]["asked"], true, "\"End the exercise\" asks first");
    assert_eq!(tour["end"]["ended_on_first_click"], false, "one click does not end it");

    let start = picture(&dir.join("start.png"));
    let exercise = picture(&dir.join("exercise.png"));
    let facilitator = picture(&dir.join("exercise-facilitator.png"));
    let debrief = picture(&dir.join("debrief.png"));
    for (name, p) in [("start", &start), ("exercise", &exercise), ("facilitator", &facilitator), ("debrief", &debrief)] {
        assert_eq!((p.width, p.height), (1600, 900), "{name}: the window's size");
        p.assert_not_blank(name);
    }
    let console = picture(&dir.join("console.png"));
    console.assert_not_blank("console");
    assert!(
        console.count_near(REDDISH_PURPLE) > 20,
        "the console's map draws the hidden footholds: {} pixels",
        console.count_near(REDDISH_PURPLE)
    );
    let banner = picture(&dir.join("inject-banner.png"));
    assert!(banner.count_near(BANNER) > 100_000, "the banner spans the room's picture: {} pixels", banner.count_near(BANNER));
    assert!(exercise.count_near(BANNER) < 1_000, "control: once acknowledged it is gone: {} pixels", exercise.count_near(BANNER));
    assert!(start.count_near(VERMILLION) < 200, "the start screen shows no attack");
    assert!(exercise.count_near(VERMILLION) > 3000, "the map shows encrypted hosts: {} vermillion pixels", exercise.count_near(VERMILLION));
    assert!(exercise.count_near(REDDISH_PURPLE) < 50, "the player view draws no hidden compromise");
    assert!(
        facilitator.count_near(REDDISH_PURPLE) > 50,
        "the facilitator view draws them: {} pixels",
        facilitator.count_near(REDDISH_PURPLE)
    );

    let html = std::fs::read_to_string(dir.join("report/report.html")).expect("the report is written");
    assert!(html.contains("The cell asked who is on call for the network."), "with the observer's note");
    assert!(html.contains("We would cut the internet link at the first alert."), "and the hot-wash answer");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_window_speaks_french_and_draws_an_estate_of_75000_hosts() {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    let Some(xvfb) = window_runner() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("crisis-cell-window-hse-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let status = wait(tour(&xvfb, &dir, &["hse-2021", "--language", "fr"]), |_| false);
    assert!(status.success(), "the tour ends cleanly: {status}");
    let tour: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tour.json")).expect("tour.json is written")).expect("tour.json is JSON");
    let exercise = &tour["exercise"];
    assert_eq!(exercise["language"], "fr", "the exercise is played in the language asked for");
    let clock = exercise["wall_clock"].as_str().expect("the clock");
    assert!(clock.starts_with("ven. 14 mai 2021"), "the clock speaks French: {clock}");
    assert_eq!(exercise["labels_overflowing"], 0, "the map's French labels fit their boxes, and every site is in view");
    assert_eq!(tour["large_text"]["labels_overflowing"], 0, "at text size 1.5 too");
    assert_every_text_fits(&tour);
    assert_eq!(tour["end"]["asked"], true, "ending asks in French too");
    let drawn: u64 = ["clean", "encrypting", "encrypted", "compromised", "alert", "powered off", "isolated", "recovering", "restored"]
        .iter()
        .map(|s| exercise["player_view"][s].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(drawn, 74_891, "every host of the HSE is in the view");
    assert!(exercise["hosts_per_cell"].as_u64().is_some_and(|n| n > 1), "a cell stands for several hosts: {exercise}");
    let picture = picture(&dir.join("exercise.png"));
    picture.assert_not_blank("exercise");
    assert!(picture.count_near(VERMILLION) > 3000, "the map shows the encryption: {} vermillion pixels", picture.count_near(VERMILLION));
    let html = std::fs::read_to_string(dir.join("report/report.html")).expect("the report is written");
    assert!(html.contains("lang=\"fr\""), "and the debrief writes its report in French");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_window_killed_mid_exercise_reopens_where_it_stopped() {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    let Some(xvfb) = window_runner() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("crisis-cell-window-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let journal_path = dir.join("exercise.jsonl");
    let journal = journal_path.to_str().expect("UTF-8").to_string();
    let first = dir.join("first");
    let marker = first.display().to_string();
    // Kill the window once the observer's note is in the journal and the clock has run on after it.
    let status = wait(tour(&xvfb, &first, &["--journal", &journal]), |_| {
        let text = std::fs::read_to_string(&journal_path).unwrap_or_default();
        let after_note = text.split("\"kind\":\"note\"").nth(1).unwrap_or_default();
        after_note.matches("\"kind\":\"time\"").count() >= 2 && kill_window(&marker)
    });
    assert!(!status.success(), "the window was killed before the tour could end");

    let read = crisis_cell::exercise::journal::read(&journal_path).expect("the journal of a killed window reads");
    let last_minute = read.entries.last().map(|e| e.minute).expect("entries were written");
    assert!(read.entries.iter().any(|e| matches!(e.input, crisis_cell::exercise::journal::Input::Note { .. })));
    assert!(!read.entries.iter().any(|e| matches!(e.input, crisis_cell::exercise::journal::Input::End {})), "it did not end");

    let second = dir.join("second");
    let status = wait(tour(&xvfb, &second, &["--journal", &journal]), |_| false);
    assert!(status.success(), "the window reopens on the journal: {status}");
    let tour: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(second.join("tour.json")).expect("tour.json")).expect("JSON");
    let resumed = &tour["resumed"];
    assert_eq!(resumed["screen"], "Exercise", "it opens on the exercise, not the start screen");
    assert_eq!(resumed["minute"].as_u64(), Some(u64::from(last_minute)), "at the minute it stopped");
    assert!(
        resumed["notes"].as_array().is_some_and(|n| n.iter().any(|t| t == "The cell asked who is on call for the network.")),
        "with the note written before the crash: {resumed}"
    );
    picture(&second.join("resumed.png")).assert_not_blank("resumed");
    let _ = std::fs::remove_dir_all(&dir);
}
