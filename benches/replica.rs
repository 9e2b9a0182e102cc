//! Benchmark: one replica of Vivalia over 72 simulated hours with the historical playbook, and loading
//! and validating the scenario. Run with `cargo bench --bench replica`.

use std::hint::black_box;
use std::sync::Arc;

use crisis_cell::data::load::{load_playbook, scenario_from_text};
use crisis_cell::run::run_replica;
use criterion::{Criterion, criterion_group, criterion_main};

fn replica(c: &mut Criterion) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/scenarios/vivalia-2022.ron")).unwrap();
    let scenario = Arc::new(scenario_from_text("vivalia-2022.ron", &text).unwrap());
    let historical = load_playbook(&format!("{root}/scenarios/playbooks/vivalia-2022-historical.ron"), &scenario).unwrap();

    c.bench_function("load and validate vivalia-2022", |b| b.iter(|| scenario_from_text("vivalia-2022.ron", black_box(&text)).unwrap()));

    c.bench_function("build one replica world, vivalia-2022", |b| {
        b.iter(|| black_box(crisis_cell::sim::Simulation::new(scenario.clone(), 1, Some(historical.clone()))))
    });

    let mut seed = 0;
    c.bench_function("one replica, vivalia-2022, 72 h, historical playbook", |b| {
        b.iter(|| {
            seed += 1;
            black_box(run_replica(scenario.clone(), Some(&historical), seed, 72 * 60))
        })
    });
    c.bench_function("one replica, vivalia-2022, 72 h, no response", |b| {
        b.iter(|| {
            seed += 1;
            black_box(run_replica(scenario.clone(), None, seed, 72 * 60))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = replica
}
criterion_main!(benches);
