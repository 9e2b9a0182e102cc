//! Seats: five roles play one exercise from five WebSocket clients on a free local port. Each sees its
//! own view; a role cannot take another's decision; a request sent twice is applied once; a seat that
//! reconnects gets the current state; an unknown link and a page from elsewhere are turned away; and
//! the journal, replayed, gives the same exercise, seats' decisions and messages included.

use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use crisis_cell::data::load;
use crisis_cell::exercise::journal::{self, JournalWriter};
use crisis_cell::exercise::{Exercise, ExerciseSetup};
use crisis_cell::i18n::Language;
use crisis_cell::report::write_report_in;
use crisis_cell::seats::desk::SeatDesk;
use crisis_cell::seats::{SeatOptions, SeatServer};
use crisis_cell::sim::injects::FireInject;
use serde_json::Value;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::common::vivalia;

type Client = WebSocket<MaybeTlsStream<TcpStream>>;

/// The five roles seated, as the scenario names them.
const ROLES: [&str; 5] = ["on-call-engineer", "it-director", "administrator-on-duty", "director-general", "communication"];

fn exercise(path: &Path) -> Exercise {
    let scenario = vivalia();
    let plan = load::scenario_plan(&scenario, None).expect("the built-in plan");
    let mut setup = ExerciseSetup::new(scenario, plan, 5);
    setup.pause_on_inject = false;
    let mut exercise = Exercise::new(setup);
    exercise.start_journal(JournalWriter::open(path, None).expect("a writable journal"), "vivalia-2022").expect("the header");
    exercise
}

/// Runs the exercise on to its first alert, when seats have something to decide.
fn to_first_alert(exercise: &mut Exercise) {
    while exercise.first_alert().is_none() && !exercise.out_of_time() {
        exercise.jump_to_next_event();
    }
}

fn start(exercise: &Exercise) -> SeatServer {
    let seats = ROLES
        .iter()
        .map(|id| {
            let role = exercise.scenario().roles.iter().find(|r| r.id == *id).expect("a role of Vivalia");
            (role.id.clone(), role.name.clone())
        })
        .collect();
    let bind = "127.0.0.1:0".parse().expect("an address");
    SeatServer::start(SeatOptions { bind, seats, language: Language::English }).expect("the seat server starts")
}

fn connect(server: &SeatServer, seat: usize) -> Client {
    let url = format!("ws://{}/ws/{}", server.address, server.seats[seat].token);
    let (client, _) = tungstenite::connect(url).expect("a seat connects");
    if let MaybeTlsStream::Plain(stream) = client.get_ref() {
        stream.set_read_timeout(Some(Duration::from_millis(50))).expect("a timeout");
    }
    client
}

fn send(client: &mut Client, request: Value) {
    client.send(Message::Text(request.to_string().into())).expect("sent");
}

/// Pumps the desk until `client` receives a message of `kind` that `wanted` accepts; returns it.
fn await_message(
    client: &mut Client,
    server: &SeatServer,
    desk: &mut SeatDesk,
    exercise: &mut Exercise,
    kind: &str,
    wanted: impl Fn(&Value) -> bool,
) -> Value {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(20) {
        desk.pump(server, exercise);
        match client.read() {
            Ok(Message::Text(text)) => {
                let message: Value = serde_json::from_str(&text).expect("the server sends JSON");
                if message["kind"] == kind && wanted(&message) {
                    return message;
                }
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(e)) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(e) => panic!("the connection failed: {e}"),
        }
    }
    panic!("no {kind} came");
}

fn reply_to(client: &mut Client, server: &SeatServer, desk: &mut SeatDesk, exercise: &mut Exercise, id: u64) -> Value {
    await_message(client, server, desk, exercise, "reply", |m| m["id"] == id)
}

fn decisions_in_journal(path: &Path, action: &str) -> Vec<Option<String>> {
    let read = journal::read(path).expect("the journal reads back");
    read.entries
        .iter()
        .filter(|e| matches!(&e.input, journal::Input::Decision { action: a } if a == action))
        .map(|e| e.seat.clone())
        .collect()
}

#[test]
fn five_seats_play_one_exercise_with_their_own_rights_and_the_journal_replays_it() {
    let dir = crate::common::temp_dir("seats", "five");
    let path = dir.join("seated.jsonl");
    let mut exercise = exercise(&path);
    let server = start(&exercise);
    let mut desk = SeatDesk::default();
    let mut clients: Vec<Client> = (0..ROLES.len()).map(|seat| connect(&server, seat)).collect();

    // Before anything is seen, a seat has no decision to take.
    let first = await_message(&mut clients[0], &server, &mut desk, &mut exercise, "view", |_| true);
    assert_eq!(first["view"]["role"], "on-call-engineer", "each seat gets its own role's view");
    assert_eq!(first["view"]["known"], false);
    send(&mut clients[0], serde_json::json!({ "kind": "decide", "id": 1, "action": "cut-internet" }));
    let early = reply_to(&mut clients[0], &server, &mut desk, &mut exercise, 1);
    assert_eq!(early["ok"], false, "nobody acts on what nobody knows: {early}");

    to_first_alert(&mut exercise);
    for (seat, client) in clients.iter_mut().enumerate() {
        let view = await_message(client, &server, &mut desk, &mut exercise, "view", |m| m["view"]["known"] == true);
        assert_eq!(view["view"]["role"], ROLES[seat]);
    }

    // The engineer cuts the internet; the same request again (a retry) is applied once.
    send(&mut clients[0], serde_json::json!({ "kind": "decide", "id": 2, "action": "cut-internet" }));
    assert_eq!(reply_to(&mut clients[0], &server, &mut desk, &mut exercise, 2)["ok"], true);
    send(&mut clients[0], serde_json::json!({ "kind": "decide", "id": 2, "action": "cut-internet" }));
    let again = reply_to(&mut clients[0], &server, &mut desk, &mut exercise, 2);
    assert_eq!((again["ok"].clone(), again["duplicate"].clone()), (Value::Bool(true), Value::Bool(true)), "{again}");
    assert_eq!(decisions_in_journal(&path, "cut-internet"), vec![Some("on-call-engineer".to_string())], "applied once, with its seat");

    // Communication may not cut the WAN: the engineer's decision. Its retry gets the same refusal.
    send(&mut clients[4], serde_json::json!({ "kind": "decide", "id": 1, "action": "cut-wan" }));
    let refused = reply_to(&mut clients[4], &server, &mut desk, &mut exercise, 1);
    assert_eq!(refused["ok"], false, "a role cannot take another's decision: {refused}");
    send(&mut clients[4], serde_json::json!({ "kind": "decide", "id": 1, "action": "cut-wan" }));
    let retried = reply_to(&mut clients[4], &server, &mut desk, &mut exercise, 1);
    assert_eq!((retried["ok"].clone(), retried["duplicate"].clone()), (Value::Bool(false), Value::Bool(true)), "{retried}");
    assert!(decisions_in_journal(&path, "cut-wan").is_empty(), "and nothing of it reaches the exercise");
    assert_eq!(
        exercise.seats.refused.len(),
        1,
        "the refusal is kept (waiting for the first alert is not one): {:?}",
        exercise.seats.refused
    );

    // The director general writes to the IT director: it reaches that inbox, not communication's.
    send(&mut clients[3], serde_json::json!({ "kind": "message", "id": 1, "to": "it-director", "text": "Where are we on the <servers>?" }));
    assert_eq!(reply_to(&mut clients[3], &server, &mut desk, &mut exercise, 1)["ok"], true);
    let it_view = await_message(&mut clients[1], &server, &mut desk, &mut exercise, "view", |m| {
        m["view"]["inbox"].as_array().is_some_and(|inbox| inbox.iter().any(|i| i["text"] == "Where are we on the <servers>?"))
    });
    assert_eq!(it_view["view"]["role"], "it-director");
    let communication = exercise.role_view("communication").expect("a view");
    assert!(!communication.inbox.iter().any(|i| i.text.contains("servers")), "a message to one role is not another's");

    // A minute on, the engineer's browser drops and comes back: the current state at once, the cut
    // under way.
    exercise.run_to(exercise.minute() + 1);
    desk.pump(&server, &mut exercise);
    drop(clients.remove(0));
    let mut back = connect(&server, 0);
    let view = await_message(&mut back, &server, &mut desk, &mut exercise, "view", |_| true);
    let cut = view["view"]["decisions"].as_array().expect("decisions").iter().find(|d| d["action"] == "cut-internet").cloned();
    assert_eq!(cut.expect("the engineer's decision")["taken"], 1, "a seat that reconnects sees what was done");

    // A seat that floods is held to 20 requests a second, and its refusals carry their ids.
    for id in 100..140 {
        send(&mut back, serde_json::json!({ "kind": "message", "id": id, "to": "cell", "text": format!("flood {id}") }));
    }
    let mut answered = std::collections::BTreeMap::new();
    while answered.len() < 40 {
        let reply = await_message(&mut back, &server, &mut desk, &mut exercise, "reply", |m| m["id"].as_u64().is_some_and(|id| id >= 100));
        answered.insert(reply["id"].as_u64().unwrap_or_default(), reply["ok"] == true);
    }
    let passed = answered.values().filter(|ok| **ok).count();
    assert!((1..=20).contains(&passed), "at most 20 a second pass, each refusal answering its request: {passed} of 40");

    // The journal, replayed, gives the same exercise, seats and all.
    exercise.run_to(exercise.minute() + 120);
    let read = journal::read(&path).expect("the journal reads back");
    let replayed = read.replay(read.setup(&path).expect("the scenario"));
    let result = |e: &Exercise| serde_json::to_string(&e.result().0).expect("JSON");
    assert_eq!(result(&replayed), result(&exercise), "the replay is the same run");
    assert_eq!(replayed.seats.messages, exercise.seats.messages, "with the seats' messages");
    assert_eq!(replayed.seats.refused, exercise.seats.refused, "and what they were refused");

    // The report prints both, escaped.
    let (result, comparison) = replayed.result();
    replayed.with_report_input(&result, &comparison, |input| write_report_in(Language::English, &dir, input).expect("the report"));
    let html = std::fs::read_to_string(dir.join("report.html")).expect("written");
    assert!(html.contains("Messages between seats") && html.contains("Director general → IT director"), "the messages are in the report");
    assert!(html.contains("Where are we on the &lt;servers&gt;?"), "escaped");
    assert!(html.contains("Requests refused to a seat") && html.contains("is not this role&#39;s decision"), "and the refusal");

    // Once the exercise has ended, a seat can neither decide nor write, and nothing more is journaled.
    exercise.end();
    let lines = std::fs::read_to_string(&path).expect("the journal").lines().count();
    assert!(exercise.decide_from_seat("on-call-engineer", "cut-wan").is_err());
    assert!(exercise.send_message("director-general", "cell", "Still there?", None).is_err());
    assert!(exercise.decide_from_seat("communication", "cut-wan").is_err());
    assert_eq!(std::fs::read_to_string(&path).expect("the journal").lines().count(), lines, "nothing after the end");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_link_and_a_page_from_elsewhere_are_turned_away() {
    let dir = crate::common::temp_dir("seats", "refused");
    let exercise = exercise(&dir.join("refused.jsonl"));
    let server = start(&exercise);
    let forged = format!("ws://{}/ws/{}", server.address, "0".repeat(32));
    assert!(tungstenite::connect(forged).is_err(), "a token nobody was given opens nothing");
    let mut request =
        tungstenite::client::IntoClientRequest::into_client_request(format!("ws://{}/ws/{}", server.address, server.seats[0].token))
            .expect("a request");
    request.headers_mut().insert("Origin", "http://evil.example".parse().expect("a header"));
    assert!(tungstenite::connect(request).is_err(), "a page of another site cannot hold a seat");
    assert_eq!(server.connections.of(0), 0);
    // Control: the seat's own page, whose Origin names this server, is let in.
    let mut own =
        tungstenite::client::IntoClientRequest::into_client_request(format!("ws://{}/ws/{}", server.address, server.seats[0].token))
            .expect("a request");
    let origin = format!("http://{}", server.address);
    own.headers_mut().insert("Origin", origin.parse().expect("a header"));
    let (client, _) = tungstenite::connect(own).expect("the seat's own page connects");
    drop(client);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_seat_cannot_use_up_the_others_share_nor_repeat_a_decision_without_end() {
    let dir = crate::common::temp_dir("seats", "quota");
    let mut exercise = exercise(&dir.join("quota.jsonl"));
    to_first_alert(&mut exercise);
    let long = "x".repeat(2_000);
    let written = (0..1_000).take_while(|_| exercise.send_message("communication", "cell", &long, None).is_ok()).count();
    assert!(written < 1_000, "a seat's share of the messages runs out: {written} written");
    assert!(exercise.send_message("director-general", "cell", "Still heard?", None).is_ok(), "and another seat is still heard");
    let taken = (0..100).take_while(|_| exercise.decide_from_seat("on-call-engineer", "escalate-it-director").is_ok()).count();
    assert_eq!(taken, crisis_cell::exercise::seated::MOST_TIMES_A_DECISION as usize, "a seat repeats a decision a bounded number of times");
    assert!(exercise.decide_from_seat("on-call-engineer", "call-administrator-on-duty").is_ok(), "control: another decision still goes");
    let bidi = "invoice\u{202E}gnp.exe";
    exercise.send_message("director-general", "cell", bidi, None).expect("sent");
    let kept = &exercise.seats.messages.last().expect("kept").text;
    assert!(!kept.contains('\u{202E}') && kept.contains('\u{FFFD}'), "a direction override is not passed on: {kept}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sockets_that_send_nothing_cannot_lock_the_seats_out() {
    use crisis_cell::seats::listener::{FIRST_REQUEST_WITHIN, MOST_FROM_ONE_ADDRESS};
    use std::io::Read;
    let dir = crate::common::temp_dir("seats", "idle");
    let exercise = exercise(&dir.join("idle.jsonl"));
    let server = start(&exercise);
    let closed = |stream: &mut TcpStream| {
        stream.set_read_timeout(Some(Duration::from_secs(2))).expect("a timeout");
        match stream.read(&mut [0u8; 16]) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
        }
    };
    // One address holds at most its share: the next connection is closed at once.
    let mut idle: Vec<TcpStream> = (0..MOST_FROM_ONE_ADDRESS).map(|_| TcpStream::connect(server.address).expect("a socket")).collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut one_more = TcpStream::connect(server.address).expect("a socket");
    assert!(closed(&mut one_more), "beyond its share, an address's connection is closed");
    assert!(!closed(&mut idle[1]), "control: one within it is still open while its time runs");
    // A connection that never finishes its request is closed once its time is up.
    std::thread::sleep(FIRST_REQUEST_WITHIN + Duration::from_secs(1));
    assert!(closed(&mut idle[0]), "an idle connection is closed when its time is up");
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    // Control: a seat connects once they are gone.
    let url = format!("ws://{}/ws/{}", server.address, server.seats[0].token);
    assert!(tungstenite::connect(url).is_ok(), "the seat gets in");
    // Nor can connections that fetch a file (no link needed) and then sit idle: each is closed once
    // answered, so that an address fetching its whole share of them leaves room for a seat.
    for path in ["/seat.css", "/no-such-file"] {
        use std::io::Write;
        let mut fetched = TcpStream::connect(server.address).expect("a socket");
        write!(fetched, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("a request");
        fetched.set_read_timeout(Some(Duration::from_secs(3))).expect("a timeout");
        let mut answer = Vec::new();
        let read = fetched.read_to_end(&mut answer);
        assert!(read.is_ok() && !answer.is_empty(), "{path}: answered, then closed by the server: {read:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_inject_written_to_one_role_reaches_that_seat_alone_and_replays() {
    let dir = crate::common::temp_dir("seats", "written-to-one");
    let path = dir.join("journal.jsonl");
    let mut exercise = exercise(&path);
    to_first_alert(&mut exercise);
    let call = |to: &str| FireInject::Written { channel: "phone".into(), text: format!("A call for {to}."), to: to.into() };
    exercise.fire_inject(call("medical-director")).expect("an inject");
    // Control: one to the whole cell reaches every seat; one to a role the scenario lacks does too.
    exercise.fire_inject(call("")).expect("an inject");
    exercise.fire_inject(call("no-such-role")).expect("an inject");
    exercise.run_to(exercise.minute() + 2);
    let heard = |e: &Exercise, role: &str, text: &str| e.role_view(role).expect("a view").inbox.iter().any(|i| i.text == text);
    assert!(heard(&exercise, "medical-director", "A call for medical-director."), "the called role hears it");
    assert!(!heard(&exercise, "director-general", "A call for medical-director."), "no other role does");
    for role in ["medical-director", "director-general"] {
        assert!(heard(&exercise, role, "A call for ."), "an inject to the whole cell reaches {role}");
        assert!(heard(&exercise, role, "A call for no-such-role."), "so does one to nobody the scenario knows, at {role}");
    }
    let audience = exercise.delivered_injects().iter().find(|i| i.text == "A call for medical-director.").map(|i| i.audience.clone());
    assert_eq!(audience.as_deref(), Some("Medical director"), "its audience reads as the role's name");

    let read = journal::read(&path).expect("the journal reads back");
    let replayed = read.replay(read.setup(&path).expect("the scenario"));
    assert!(heard(&replayed, "medical-director", "A call for medical-director."), "the replay delivers it to the same seat");
    assert!(!heard(&replayed, "director-general", "A call for medical-director."), "and to no other");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_renewed_link_closes_its_browsers_and_the_new_one_opens_the_seat() {
    let dir = crate::common::temp_dir("seats", "renewed");
    let mut exercise = exercise(&dir.join("renewed.jsonl"));
    let mut server = start(&exercise);
    let mut desk = SeatDesk::default();
    let old_token = server.seats[0].token.clone();
    let mut holder = connect(&server, 0);
    let mut other = connect(&server, 1);
    await_message(&mut holder, &server, &mut desk, &mut exercise, "view", |_| true);
    await_message(&mut other, &server, &mut desk, &mut exercise, "view", |_| true);

    let link = server.renew_link(0).expect("a new link");
    assert!(link.ends_with(&server.seats[0].token) && server.seats[0].token != old_token, "{link}");
    // The browser on the old link is told why and closed.
    let began = Instant::now();
    let close = loop {
        match holder.read() {
            Ok(Message::Close(frame)) => break frame,
            Ok(_) => {}
            Err(tungstenite::Error::Io(e)) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(e) => panic!("the old link's browser should be closed with a reason, not {e}"),
        }
        assert!(began.elapsed() < Duration::from_secs(20), "the old link's browser was never closed");
    };
    let close = close.expect("a close frame with a reason");
    assert_eq!(u16::from(close.code), 4001, "the code the page stops retrying on");
    assert!(close.reason.contains("new link"), "{}", close.reason);
    for language in [Language::English, Language::French] {
        let reason = language.tr("seat-link-renewed");
        assert!(reason.len() <= 123, "a close frame's reason holds 123 bytes: {} in {reason}", reason.len());
    }
    let old = format!("ws://{}/ws/{old_token}", server.address);
    assert!(tungstenite::connect(old).is_err(), "the old link opens nothing any more");
    let page = format!("GET /seat/{old_token} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address);
    assert!(http(&server, &page).starts_with("HTTP/1.1 404"), "nor its page");

    // The new link opens the seat with the current state; the other seat was never touched.
    let mut newcomer = connect(&server, 0);
    let view = await_message(&mut newcomer, &server, &mut desk, &mut exercise, "view", |_| true);
    assert_eq!(view["view"]["role"], ROLES[0]);
    exercise.run_to(exercise.minute() + 1);
    let minute = exercise.minute();
    let moved = await_message(&mut other, &server, &mut desk, &mut exercise, "view", |m| m["view"]["minute"] == minute);
    assert_eq!(moved["view"]["role"], ROLES[1], "control: another seat's browser goes on");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One plain HTTP exchange with the seat server; the answer as text.
fn http(server: &SeatServer, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = TcpStream::connect(server.address).expect("the server answers");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("a timeout");
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// A run of Vivalia with its historical playbook playing only `roles`.
fn playbook_for(roles: &[String]) -> crisis_cell::setup::RunSetup {
    crisis_cell::setup::RunSetup::prepare(&crisis_cell::setup::RunRequest {
        scenario: "vivalia-2022",
        playbook: Some("vivalia-2022-historical"),
        seed: 5,
        playbook_roles: roles,
        ..Default::default()
    })
    .expect("the historical playbook for some roles")
}

#[test]
fn a_playbook_plays_some_roles_and_waits_for_what_the_seats_do() {
    let bots = vec!["director-general".to_string()];
    let run = playbook_for(&bots);
    let playbook = run.playbook.clone().expect("a playbook");
    let actions: Vec<&str> = playbook.decisions.iter().map(|d| d.action.as_str()).collect();
    assert!(actions.contains(&"notify-governor") && !actions.contains(&"inform-director-general"), "{actions:?}");
    let governor = playbook.decisions.iter().find(|d| d.action == "notify-governor").expect("the director general's call");
    assert_eq!(
        governor.at,
        crisis_cell::data::When::After { event: crisis_cell::data::EventRef::ActionDone("inform-director-general".into()), minutes: 30 },
        "it waits for the director general to be informed, by whoever informs him"
    );
    assert!(playbook.name.contains("Director general"), "the playbook says whom it plays: {}", playbook.name);
    let setup = ExerciseSetup::from_run(&run);
    assert!(!setup.roles_at_table.contains(&bots[0]), "the role the playbook plays has no seat");
    assert!(setup.roles_at_table.contains(&"administrator-on-duty".to_string()));

    // The manager on duty, at a seat, informs the director general; the playbook then calls the
    // governor for him. Control: nobody informs him, and the governor is never called.
    let governor_called = |informed: bool| {
        let mut setup = ExerciseSetup::from_run(&run);
        setup.pause_on_inject = false;
        let mut exercise = Exercise::new(setup);
        to_first_alert(&mut exercise);
        if informed {
            exercise.decide_from_seat("administrator-on-duty", "inform-director-general").expect("the manager's own decision");
        }
        exercise.run_to(exercise.minute() + 8 * 60);
        exercise.work_rows().iter().any(|w| w.decision.contains("notify-governor"))
    };
    assert!(governor_called(true), "the playbook acts once the seat has done what it waits for");
    assert!(!governor_called(false), "and not before");

    // A role the scenario lacks, and roles without a playbook, are refused with a clear word.
    let refused = crisis_cell::setup::RunSetup::prepare(&crisis_cell::setup::RunRequest {
        scenario: "vivalia-2022",
        playbook: Some("vivalia-2022-historical"),
        playbook_roles: &["night-porter".to_string()],
        ..Default::default()
    })
    .expect_err("no such role");
    assert!(refused.to_string().contains("no role \"night-porter\"") && refused.to_string().contains("director-general"), "{refused}");
    let output = crate::common::cli(&["run", "vivalia-2022", "--playbook-roles", "director-general"]);
    assert!(!output.status.success(), "roles without a playbook are refused");
}

#[test]
fn a_batch_with_roles_absent_takes_only_the_present_roles_decisions() {
    let all = crate::common::cli(&["run", "vivalia-2022", "--playbook", "vivalia-2022-historical", "--seed", "3", "--json"]);
    let it = crate::common::cli(&[
        "run",
        "vivalia-2022",
        "--playbook",
        "vivalia-2022-historical",
        "--playbook-roles",
        "on-call-engineer,it-director,it-team",
        "--seed",
        "3",
        "--json",
    ]);
    assert!(all.status.success() && it.status.success(), "{}", String::from_utf8_lossy(&it.stderr));
    let taken = |output: &std::process::Output| -> Vec<String> {
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        json["decisions"].as_array().expect("decisions").iter().map(|d| d["action"].as_str().unwrap_or("").to_string()).collect()
    };
    let (all, it) = (taken(&all), taken(&it));
    assert!(all.contains(&"convene-crisis-cell".to_string()), "control: the whole playbook convenes the cell: {all:?}");
    assert!(!it.contains(&"convene-crisis-cell".to_string()), "with the management absent, nobody does: {it:?}");
    assert!(it.contains(&"cut-internet".to_string()) && it.contains(&"escalate-it-director".to_string()), "the IT roles still act: {it:?}");
}

#[test]
fn a_seat_answers_an_inject_and_passes_one_on_to_another_role() {
    let dir = crate::common::temp_dir("seats", "answers");
    let path = dir.join("answers.jsonl");
    let mut exercise = exercise(&path);
    let nurse = |e: &Exercise| e.delivered_injects().iter().find(|i| i.id == "nurse-ehr-hangs").map(|i| i.rank);
    while nurse(&exercise).is_none() && !exercise.out_of_time() {
        exercise.jump_to_next_event();
    }
    let rank = nurse(&exercise).expect("the night nurse's call to the on-call engineer");
    let seen = |e: &Exercise, role: &str, words: &str| {
        e.role_view(role)
            .expect("a view")
            .inbox
            .iter()
            .any(|i| i.text.contains(words) || i.quoted.as_deref().is_some_and(|q| q.contains(words)))
    };
    assert!(!seen(&exercise, "it-director", "A night nurse at Arlon"), "the call is the engineer's alone");
    assert!(exercise.send_message("it-director", "sender", "On it.", Some(rank)).is_err(), "nobody answers a call that did not reach them");

    exercise.send_message("on-call-engineer", "sender", "Unplug that computer from the network.", Some(rank)).expect("an answer");
    assert!(!seen(&exercise, "it-director", "Unplug that computer"), "an answer goes to the sender, not to another seat");
    assert!(exercise.send_message("on-call-engineer", "sender", "  ", Some(rank)).is_err(), "an answer needs words");
    assert!(exercise.send_message("on-call-engineer", "it-director", "", None).is_err(), "so does a message");
    exercise.send_message("on-call-engineer", "it-director", "", Some(rank)).expect("passed on without words");
    let director = exercise.role_view("it-director").expect("a view");
    let passed = director.inbox.iter().find(|i| i.quoted.as_deref().is_some_and(|q| q.contains("A night nurse at Arlon"))).expect("quoted");
    assert_eq!(passed.inject, Some(rank), "what was passed on can be answered by whom it reached");
    exercise.send_message("it-director", "sender", "I am calling you back.", Some(rank)).expect("now the director may answer");

    let (replies, more) = exercise.replies_to(rank, 5);
    assert_eq!(more, 0);
    assert_eq!(replies.len(), 3, "{replies:?}");
    assert!(replies[0].contains("On-call IT engineer answered") && replies[0].contains("Unplug that computer"), "{replies:?}");
    assert!(replies[1].contains("passed it on to IT director"), "{replies:?}");

    let read = journal::read(&path).expect("the journal reads back");
    let replayed = read.replay(read.setup(&path).expect("the scenario"));
    assert_eq!(replayed.seats.messages, exercise.seats.messages, "the replay has the same answers and passes");
    assert_eq!(replayed.replies_to(rank, 5).0, replies);
    let (result, comparison) = replayed.result();
    replayed.with_report_input(&result, &comparison, |input| write_report_in(Language::English, &dir, input).expect("the report"));
    let html = std::fs::read_to_string(dir.join("report.html")).expect("written");
    assert!(html.contains("On-call IT engineer → Night nurse, Arlon"), "the report names whom an answer went to");
    assert!(html.contains("About: ") && html.contains("A night nurse at Arlon calls"), "and quotes what it answers");

    // Passing on without words still counts against the seat's share: it cannot be done without end.
    let passes = (0..20_000).take_while(|_| exercise.send_message("on-call-engineer", "it-director", "", Some(rank)).is_ok()).count();
    assert!((1_000..20_000).contains(&passes), "passes run out: {passes}");
    let (shown, more) = exercise.replies_to(rank, 5);
    assert_eq!((shown.len(), more), (5, passes + 3 - 5), "the console shows the newest five and counts the rest");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn roles_named_twice_are_played_once_and_every_unknown_role_is_named() {
    let twice = playbook_for(&["it-team".to_string(), "it-team".to_string()]);
    assert_eq!(twice.playbook.expect("a playbook").name.matches("IT team").count(), 1, "a role named twice is played once");
    let refused = crisis_cell::setup::RunSetup::prepare(&crisis_cell::setup::RunRequest {
        scenario: "vivalia-2022",
        playbook: Some("vivalia-2022-historical"),
        playbook_roles: &["nobody".to_string(), "x".repeat(10_000)],
        ..Default::default()
    })
    .expect_err("no such roles")
    .to_string();
    assert!(
        refused.contains("\"nobody\"") && refused.contains(&format!("\"{}\"", "x".repeat(64))),
        "{}",
        &refused[..refused.len().min(300)]
    );
    assert!(refused.len() < 2_000, "a long name is cut short: {} bytes", refused.len());
    // A seat writes only to roles at the table: the one the playbook plays has no seat.
    let run = playbook_for(&["director-general".to_string()]);
    let mut setup = ExerciseSetup::from_run(&run);
    setup.pause_on_inject = false;
    let mut exercise = Exercise::new(setup);
    assert!(exercise.send_message("it-director", "director-general", "Are you there?", None).is_err());
    assert!(exercise.send_message("it-director", "medical-director", "Are you there?", None).is_ok(), "control: a seated role");
    let view = exercise.role_view("it-director").expect("a view");
    assert!(!view.roles.iter().any(|(id, _)| id == "director-general"), "nor is it offered as a recipient");
}

#[test]
fn a_journal_edited_to_give_a_seat_what_it_could_not_do_is_refused() {
    let dir = crate::common::temp_dir("seats", "edited");
    let path = dir.join("played.jsonl");
    let mut exercise = exercise(&path);
    to_first_alert(&mut exercise);
    exercise.decide_from_seat("on-call-engineer", "cut-internet").expect("the engineer's decision");
    exercise.send_message("director-general", "cell", "Status in ten minutes.", None).expect("a message");
    exercise.run_to(exercise.minute() + 5);
    let played = std::fs::read_to_string(&path).expect("the journal");
    let replay = |name: &str, text: &str| {
        let edited = dir.join(name);
        std::fs::write(&edited, text).expect("written");
        crate::common::cli(&["replay", edited.to_str().expect("UTF-8"), "--json"])
    };
    let control = replay("control.jsonl", &played);
    assert!(control.status.success(), "control: the journal as played replays: {}", String::from_utf8_lossy(&control.stderr));
    for (name, edit, why) in [
        ("other-role.jsonl", played.replace("\"seat\":\"on-call-engineer\"", "\"seat\":\"communication\""), "not its role's decision"),
        ("no-such-seat.jsonl", played.replace("\"seat\":\"director-general\"", "\"seat\":\"night-porter\""), "not a role of the scenario"),
        ("answers-nothing.jsonl", played.replace("\"to\":\"cell\"", "\"to\":\"sender\""), "answers no inject"),
    ] {
        assert_ne!(edit, played, "{name}: the edit applies");
        let output = replay(name, &edit);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains(why), "{name}: refused, saying {why}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_role_called_in_by_another_hears_it_in_its_inbox_once_the_call_is_made() {
    let dir = crate::common::temp_dir("seats", "called-in");
    let mut exercise = exercise(&dir.join("called.jsonl"));
    to_first_alert(&mut exercise);
    let called = |e: &Exercise, role: &str| {
        e.role_view(role)
            .expect("a view")
            .inbox
            .iter()
            .any(|i| i.text.contains("calls you in") && i.text.contains("Escalate to the IT director"))
    };
    exercise.decide_from_seat("on-call-engineer", "escalate-it-director").expect("the engineer's decision");
    assert!(!called(&exercise, "it-director"), "not before the call is made");
    exercise.run_to(exercise.minute() + 120);
    assert!(called(&exercise, "it-director"), "the IT director hears that the engineer called");
    assert!(!called(&exercise, "communication"), "control: nobody else does");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The five roles' seats, then the facilitator's (5) and an observer's (6).
fn start_with_desks(exercise: &Exercise) -> SeatServer {
    let mut seats: Vec<(String, String)> = ROLES
        .iter()
        .map(|id| (id.to_string(), exercise.scenario().roles.iter().find(|r| r.id == *id).expect("a role").name.clone()))
        .collect();
    seats.extend([("facilitator".to_string(), "Facilitator".to_string()), ("observer".to_string(), "Observer".to_string())]);
    let bind = "127.0.0.1:0".parse().expect("an address");
    SeatServer::start(SeatOptions { bind, seats, language: Language::English }).expect("the seat server starts")
}

#[test]
fn the_facilitator_and_an_observer_play_from_their_own_seats_within_their_rights_and_the_journal_replays_it() {
    use crisis_cell::report::aar::Rating;
    let dir = crate::common::temp_dir("seats", "desks");
    let path = dir.join("desks.jsonl");
    let mut exercise = exercise(&path);
    let server = start_with_desks(&exercise);
    let mut desk = SeatDesk::default();
    let (mut engineer, mut facilitator, mut observer) = (connect(&server, 0), connect(&server, 5), connect(&server, 6));
    to_first_alert(&mut exercise);
    let objective = exercise.setup.plan.as_ref().expect("a plan").milestones[0].id.clone();

    // The facilitator's page shows the truth and the injects to fire; an observer's, the room's picture.
    let seen = await_message(&mut facilitator, &server, &mut desk, &mut exercise, "view", |m| m["view"]["desk"] == "facilitator");
    assert_eq!(seen["view"]["truth"], true);
    let hidden = |view: &Value| view["feed"].as_array().expect("a feed").iter().filter(|l| l["hidden"] == true).count();
    assert!(hidden(&seen["view"]) > 0, "the facilitator sees the attack's hidden course");
    let pending = seen["view"]["pending"][0][0].as_str().expect("an inject to fire").to_string();
    let watched = await_message(&mut observer, &server, &mut desk, &mut exercise, "view", |m| m["view"]["desk"] == "observer");
    assert_eq!((hidden(&watched["view"]), watched["view"]["pending"].as_array().map(Vec::len)), (0, Some(0)), "an observer does not");

    // The facilitator fires an inject, writes one to the engineer and stops the clock.
    let requests = [
        serde_json::json!({ "kind": "fire", "id": 1, "inject": pending }),
        serde_json::json!({ "kind": "write", "id": 2, "channel": "phone", "text": "Call the <vendor>", "to": "on-call-engineer" }),
        serde_json::json!({ "kind": "clock", "id": 3, "paused": true, "speed": "X600" }),
    ];
    for request in requests {
        let id = request["id"].as_u64().expect("an id");
        send(&mut facilitator, request);
        assert_eq!(reply_to(&mut facilitator, &server, &mut desk, &mut exercise, id)["ok"], true, "the facilitator's request {id}");
    }
    assert!(exercise.clock.paused, "the facilitator's seat stops the clock");
    exercise.run_to(exercise.minute() + 1);
    let delivered = exercise.delivered_injects();
    assert!(delivered.iter().any(|i| i.id == pending) && delivered.iter().any(|i| i.text == "Call the <vendor>"), "both injects arrive");

    // Neither a role's seat nor an observer's runs the exercise; an observer neither decides nor writes
    // to a role. Each refusal is kept, with its seat.
    let refused_before = exercise.seats.refused.len();
    send(&mut engineer, serde_json::json!({ "kind": "fire", "id": 9, "inject": "x" }));
    assert_eq!(reply_to(&mut engineer, &server, &mut desk, &mut exercise, 9)["ok"], false, "a role's seat fires no inject");
    for (id, request) in [
        (11, serde_json::json!({ "kind": "clock", "id": 11, "paused": false })),
        (12, serde_json::json!({ "kind": "decide", "id": 12, "action": "cut-internet" })),
        (13, serde_json::json!({ "kind": "message", "id": 13, "to": "cell", "text": "hello" })),
        (14, serde_json::json!({ "kind": "note", "id": 14, "text": "x", "objective": "no-such-objective" })),
    ] {
        send(&mut observer, request);
        assert_eq!(reply_to(&mut observer, &server, &mut desk, &mut exercise, id)["ok"], false, "the observer's request {id}");
    }
    assert!(exercise.clock.paused, "the clock stays stopped");
    let refused: Vec<&str> = exercise.seats.refused[refused_before..].iter().map(|(_, seat, _)| seat.as_str()).collect();
    assert_eq!(refused, ["on-call-engineer", "observer", "observer", "observer", "observer"], "each refusal kept with its seat");

    // The observer writes a note tagged to an objective, the engineer and the first inject, and rates
    // the objective; the facilitator marks the response to that inject.
    let note = serde_json::json!({ "kind": "note", "id": 20, "text": "The <engineer> called the vendor at once", "note_kind": "strength",
        "objective": objective, "role": "on-call-engineer", "inject": 0 });
    send(&mut observer, note);
    assert_eq!(reply_to(&mut observer, &server, &mut desk, &mut exercise, 20)["ok"], true);
    send(&mut observer, serde_json::json!({ "kind": "rate", "id": 21, "objective": objective, "rating": "some_challenges" }));
    assert_eq!(reply_to(&mut observer, &server, &mut desk, &mut exercise, 21)["ok"], true);
    send(&mut facilitator, serde_json::json!({ "kind": "mark", "id": 22, "inject": 0, "mark": "done" }));
    assert_eq!(reply_to(&mut facilitator, &server, &mut desk, &mut exercise, 22)["ok"], true);
    let written = exercise.notes.last().expect("the note").clone();
    assert_eq!(
        (written.objective.as_deref(), written.role.as_deref(), written.inject, written.by.as_deref()),
        (Some(objective.as_str()), Some("on-call-engineer"), Some(0), Some("observer")),
        "the note keeps its tags and its seat"
    );
    assert_eq!(exercise.observer_ratings(), vec![(objective.clone(), Rating::SomeChallenges)]);
    let rated = await_message(&mut observer, &server, &mut desk, &mut exercise, "view", |m| {
        m["view"]["objectives"].as_array().is_some_and(|o| o.iter().any(|o| o["rating"] == "some_challenges"))
    });
    assert!(rated["view"]["notes"].as_array().is_some_and(|n| n.iter().any(|n| n["text"] == written.text)), "the page shows the note");

    // The journal, replayed, gives the same exercise: the desks' injects, clock, notes, ratings and marks.
    exercise.set_paused(false);
    exercise.run_to(exercise.minute() + 60);
    let read = journal::read(&path).expect("the journal reads back");
    let replayed = read.replay(read.setup(&path).expect("the scenario"));
    let result = |e: &Exercise| serde_json::to_string(&e.result().0).expect("JSON");
    assert_eq!(result(&replayed), result(&exercise), "the replay is the same run");
    assert_eq!(replayed.notes, exercise.notes, "with the notes and their tags");
    assert_eq!(replayed.observer_ratings(), exercise.observer_ratings(), "the ratings");
    assert_eq!(replayed.responses.marks, exercise.responses.marks, "the marks");
    assert_eq!(replayed.seats.refused, exercise.seats.refused, "and the refusals");
    let seats: std::collections::BTreeSet<Option<String>> = read.entries.iter().map(|e| e.seat.clone()).collect();
    assert!(seats.contains(&Some("facilitator".into())) && seats.contains(&Some("observer".into())), "journaled with their seats");

    // The report rates the objective as the observer did, and says what the timing alone gave.
    let (result, comparison) = replayed.result();
    let ratings =
        replayed.with_report_input(&result, &comparison, |input| crisis_cell::report::aar::rate_objectives(Language::English, input));
    let first = ratings.iter().find(|r| r.id == objective).expect("the objective rated");
    assert_eq!(first.rating, Some(Rating::SomeChallenges), "the observer's rating stands");
    replayed.with_report_input(&result, &comparison, |input| write_report_in(Language::English, &dir, input).expect("the report"));
    let html = std::fs::read_to_string(dir.join("report.html")).expect("written");
    assert!(html.contains("The &lt;engineer&gt; called the vendor at once"), "the note is in the report, escaped");
    assert!(html.contains("from the Observer&#39;s seat"), "with the seat it came from");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_journal_giving_a_desk_what_it_may_not_do_or_a_role_a_desk_request_is_refused() {
    let dir = crate::common::temp_dir("seats", "desk-journal");
    let path = dir.join("desk.jsonl");
    let mut exercise = exercise(&path);
    to_first_alert(&mut exercise);
    exercise.set_paused(true);
    let (minute, objective) = (exercise.minute(), exercise.setup.plan.as_ref().expect("a plan").milestones[0].id.clone());
    drop(exercise);
    let played = std::fs::read_to_string(&path).expect("the journal");
    let replay = |name: &str, line: String| {
        let edited = dir.join(name);
        std::fs::write(&edited, format!("{played}{line}\n")).expect("written");
        crate::common::cli(&["replay", edited.to_str().expect("UTF-8"), "--json"])
    };
    let rating = format!(r#"{{"minute":{minute},"seat":"observer","kind":"rating","objective":"{objective}","rating":"performed"}}"#);
    let control = replay("control.jsonl", rating);
    assert!(control.status.success(), "control: an observer's rating replays: {}", String::from_utf8_lossy(&control.stderr));
    for (name, line) in [
        ("observer-decides.jsonl", r#""seat":"observer","kind":"decision","action":"cut-internet""#),
        ("observer-fires.jsonl", r#""seat":"observer","kind":"inject","id":"x""#),
        ("role-runs-clock.jsonl", r#""seat":"it-director","kind":"clock","paused":false,"speed":"X60""#),
        ("facilitator-writes.jsonl", r#""seat":"facilitator","kind":"message","to":"cell","text":"hi""#),
    ] {
        let output = replay(name, format!(r#"{{"minute":{minute},{line}}}"#));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains("writing what it may not"), "{name}: refused: {stderr}");
    }
    for (name, line, why) in [
        (
            "rates-nothing.jsonl",
            r#""seat":"observer","kind":"rating","objective":"nope","rating":"performed""#,
            "not an objective of the plan",
        ),
        ("notes-nobody.jsonl", r#""seat":"observer","kind":"note","text":"x","role":"nobody""#, "not a role of the scenario"),
        ("turns-text.jsonl", "\"seat\":\"\u{202e}evil\",\"kind\":\"note\",\"text\":\"x\"", "which is not a role"),
    ] {
        let output = replay(name, format!(r#"{{"minute":{minute},{line}}}"#));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains(why), "{name}: refused, saying {why}: {stderr}");
        assert!(!stderr.contains('\u{202e}'), "{name}: no direction-turning character reaches the terminal");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_desk_s_notes_run_out_before_its_clock_and_its_inputs_stop_at_their_bound() {
    use crisis_cell::exercise::desks::{DeskRequest, MOST_DESK_INPUTS};
    let dir = crate::common::temp_dir("seats", "desk-bounds");
    let mut exercise = exercise(&dir.join("bounds.jsonl"));
    to_first_alert(&mut exercise);
    let note = |text: &str| DeskRequest::Note { text: text.into(), kind: Default::default(), objective: None, role: None, inject: None };
    let long = "x".repeat(2_000);
    let written = (0..1_000).take_while(|_| exercise.from_desk("facilitator", note(&long)).is_ok()).count();
    assert!((200..300).contains(&written), "the facilitator's notes stop at its share of the text: {written}");
    let pause = DeskRequest::Clock { paused: Some(true), speed: None, pace: false };
    assert!(exercise.from_desk("facilitator", pause).is_ok(), "its clock is still its own");
    assert!(exercise.clock.paused);
    // Control: the observer's share is its own.
    assert!(exercise.from_desk("observer", note("Still noting.")).is_ok(), "another desk writes on");
    // Every input counts; past the bound, even the clock is refused, and nothing more is kept.
    let toggles = (0..MOST_DESK_INPUTS)
        .take_while(|i| {
            exercise.from_desk("facilitator", DeskRequest::Clock { paused: Some(i % 2 == 0), speed: None, pace: false }).is_ok()
        })
        .count();
    assert!(toggles < MOST_DESK_INPUTS as usize, "the facilitator's inputs stop at {MOST_DESK_INPUTS}: {toggles} more clock changes");
    let refused = exercise.from_desk("facilitator", DeskRequest::Clock { paused: Some(false), speed: None, pace: false });
    assert!(refused.is_err_and(|why| why.contains("as much as one exercise allows")), "said why");
    let _ = std::fs::remove_dir_all(&dir);
}
