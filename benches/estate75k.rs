//! Benchmark: the HSE Ireland scenario, an estate of 74,891 hosts (forty times Vivalia): loading and
//! validating it, building one replica's world, and one 72-hour replica with the historical playbook.
//! Target: one replica in 0.5 s or less. Run with `cargo bench --bench estate75k`.

use std::hint::black_box;
use std::sync::Arc;

use crisis_cell::data::load::{load_playbook, scenario_from_text};
use crisis_cell::run::run_replica;
use criterion::{Criterion, criterion_group, criterion_main};

fn estate(c: &mut Criterion) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/scenarios/hse-2021.ron")).unwrap();
    let scenario = Arc::new(scenario_from_text("hse-2021.ron", &text).unwrap());
    let historical = load_playbook(&format!("{root}/scenarios/playbooks/hse-2021-historical.ron"), &scenario).unwrap();

    c.bench_function("load and validate hse-2021", |b| b.iter(|| scenario_from_text("hse-2021.ron", black_box(&text)).unwrap()));
    c.bench_function("build one replica world, hse-2021", |b| {
        b.iter(|| black_box(crisis_cell::sim::Simulation::new(scenario.clone(), 1, Some(historical.clone()))))
    });
    let mut seed = 0;
    c.bench_function("one replica, hse-2021, 72 h, historical playbook", |b| {
        b.iter(|| {
            seed += 1;
            black_box(run_replica(scenario.clone(), Some(&historical), seed, 72 * 60))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = estate
}
criterion_main!(benches);
