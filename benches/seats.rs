//! Benchmark: every role of Vivalia seated (10 seats, each a WebSocket client on its own thread, writing
//! to the cell every few seconds), with the facilitator's and an observer's desks reading theirs, while
//! the exercise runs at 600x, paced at 60 frames a second as the
//! window paces it. Measures the work of each frame (the simulation's minutes and the seats' requests
//! and views) and how long each minute's view takes to reach each seat. Run with `cargo bench --bench
//! seats`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crisis_cell::data::load::{load_scenario, scenario_plan};
use crisis_cell::exercise::desks::{DESKS, is_desk};
use crisis_cell::exercise::{Exercise, ExerciseSetup, Speed};
use crisis_cell::i18n::Language;
use crisis_cell::seats::desk::SeatDesk;
use crisis_cell::seats::{SeatOptions, SeatServer};
use tungstenite::Message;
use tungstenite::stream::MaybeTlsStream;

/// Wall-clock seconds the exercise runs for: at 600x, ten simulated hours after the first alert.
const RUN_SECONDS: f64 = 60.0;
const FRAME: Duration = Duration::from_micros(16_667);
/// How often each seat writes to the cell.
const WRITES_EVERY: Duration = Duration::from_secs(3);

/// What one seat's client saw: each minute's first view and when it came.
type Received = Arc<Mutex<Vec<(u32, Instant)>>>;

fn main() {
    let scenario = Arc::new(load_scenario("vivalia-2022").expect("the built-in scenario").scenario);
    let plan = scenario_plan(&scenario, None).expect("its plan");
    let mut setup = ExerciseSetup::new(scenario, plan, 1);
    setup.pause_on_inject = false;
    let mut exercise = Exercise::new(setup);
    while exercise.first_alert().is_none() {
        exercise.jump_to_next_event();
    }
    // Every role's seat, and the facilitator's and an observer's desks, as the window serves them.
    let mut seats: Vec<(String, String)> = exercise.scenario().roles.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
    seats.extend(DESKS.iter().map(|d| (d.to_string(), d.to_string())));
    let bind = "127.0.0.1:0".parse().expect("an address");
    let server = SeatServer::start(SeatOptions { bind, seats, language: Language::English }).expect("the seat server");
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<(Received, std::thread::JoinHandle<()>)> = (0..server.seats.len())
        .map(|seat| {
            let received = Received::default();
            let url = format!("ws://{}/ws/{}", server.address, server.seats[seat].token);
            let writes = !is_desk(&server.seats[seat].role);
            let handle = std::thread::spawn({
                let (received, stop) = (received.clone(), stop.clone());
                move || play_seat(&url, writes, &received, &stop)
            });
            (received, handle)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));

    exercise.set_speed_by_hand(Speed::X600);
    exercise.set_paused(false);
    let mut desk = SeatDesk::default();
    let (mut sim_ms, mut seats_ms, mut published) = (Vec::new(), Vec::new(), Vec::new());
    let began = Instant::now();
    let mut next_frame = began;
    while began.elapsed().as_secs_f64() < RUN_SECONDS && !exercise.out_of_time() {
        let outcome = exercise.frame(FRAME.as_secs_f64());
        sim_ms.push(outcome.sim_time.as_secs_f64() * 1000.0);
        let pumped = Instant::now();
        desk.pump(&server, &mut exercise);
        seats_ms.push(pumped.elapsed().as_secs_f64() * 1000.0);
        // A new minute's views are built and sent from the start of the pump.
        if published.last().is_none_or(|(minute, _)| *minute != exercise.minute()) {
            published.push((exercise.minute(), pumped));
        }
        next_frame += FRAME;
        std::thread::sleep(next_frame.saturating_duration_since(Instant::now()));
    }
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    let received: Vec<Vec<(u32, Instant)>> = clients
        .into_iter()
        .map(|(received, handle)| {
            let _ = handle.join();
            received.lock().expect("views").clone()
        })
        .collect();
    report(&exercise, &sim_ms, &seats_ms, &published, &received);
}

/// One seat: reads every view and notes when each minute first came; a role's seat writes to the cell
/// now and then.
fn play_seat(url: &str, writes: bool, received: &Received, stop: &AtomicBool) {
    let (mut socket, _) = tungstenite::connect(url).expect("a seat connects");
    if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
        stream.set_read_timeout(Some(Duration::from_millis(20))).expect("a timeout");
    }
    let (mut last_write, mut id) = (Instant::now(), 0_u64);
    while !stop.load(Ordering::Relaxed) {
        if let Ok(Message::Text(text)) = socket.read() {
            let message: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let minute = message["view"]["minute"].as_u64().map(|m| m as u32);
            let mut seen = received.lock().expect("views");
            if let Some(minute) = minute.filter(|m| seen.last().is_none_or(|(last, _)| last != m)) {
                seen.push((minute, Instant::now()));
            }
        }
        if writes && last_write.elapsed() >= WRITES_EVERY {
            id += 1;
            let request = serde_json::json!({ "kind": "message", "id": id, "to": "cell", "text": format!("Status {id}: working on it.") });
            let _ = socket.send(Message::Text(request.to_string().into()));
            last_write = Instant::now();
        }
    }
}

fn percentile(values: &mut [f64], share: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(((values.len() as f64 - 1.0) * share).round() as usize).copied().unwrap_or(f64::NAN)
}

fn report(exercise: &Exercise, sim_ms: &[f64], seats_ms: &[f64], published: &[(u32, Instant)], received: &[Vec<(u32, Instant)>]) {
    let frames = sim_ms.len();
    let mut work: Vec<f64> = sim_ms.iter().zip(seats_ms).map(|(a, b)| a + b).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!("{} seats, {frames} frames at 600x, minutes {}..{}", received.len(), published[0].0, exercise.minute());
    println!(
        "work per frame (simulation + seats): mean {:.3} ms, 99th percentile {:.3} ms, worst {:.3} ms",
        mean(&work),
        percentile(&mut work, 0.99),
        percentile(&mut work, 1.0)
    );
    let (mut sim, mut seats) = (sim_ms.to_vec(), seats_ms.to_vec());
    println!("of which the simulation: mean {:.4} ms, worst {:.3} ms", mean(&sim), percentile(&mut sim, 1.0));
    println!(
        "of which the seats: mean {:.3} ms, 99th percentile {:.3} ms, worst {:.3} ms",
        mean(&seats),
        percentile(&mut seats, 0.99),
        percentile(&mut seats, 1.0)
    );
    let mut delays = Vec::new();
    let (mut skipped, mut updates) = (0, 0);
    for seat in received {
        for (minute, sent) in published {
            updates += 1;
            match seat.iter().find(|(m, _)| m == minute) {
                Some((_, at)) => delays.push(at.saturating_duration_since(*sent).as_secs_f64() * 1000.0),
                None => skipped += 1,
            }
        }
    }
    println!(
        "delivery of a minute's view to a seat: median {:.1} ms, 99th percentile {:.1} ms, worst {:.1} ms; {} of {updates} skipped for a newer one",
        percentile(&mut delays, 0.5),
        percentile(&mut delays, 0.99),
        percentile(&mut delays, 1.0),
        skipped
    );
    println!("messages kept: {}", exercise.seats.messages.len());
}
