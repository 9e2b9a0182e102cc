//! The batch's counting, merging, parsing and bends, checked on known inputs.

use super::*;

#[test]
fn percentiles_of_a_known_distribution() {
    // The values 1 to 100, once each: nearest-rank percentiles are exact.
    let mut h = Histogram::new(101);
    for v in 1..=100 {
        h.add(v);
    }
    assert_eq!(h.percentile(0.1), Some(10));
    assert_eq!(h.percentile(0.5), Some(50));
    assert_eq!(h.percentile(0.9), Some(90));
    assert_eq!(h.sum(), 5050);
    // A skewed one: nine zeros and one 100.
    let mut skewed = Histogram::new(101);
    for _ in 0..9 {
        skewed.add(0);
    }
    skewed.add(100);
    assert_eq!(skewed.percentile(0.9), Some(0));
    assert_eq!(skewed.percentile(0.91), Some(100));
    let d = Distribution::of(&skewed, 100.0).unwrap();
    assert!((d.mean - 0.1).abs() < 1e-9);
}

#[test]
fn merging_is_the_same_whatever_the_split() {
    let mut whole = Histogram::new(11);
    let (mut a, mut b) = (Histogram::new(11), Histogram::new(11));
    for v in 0..50u64 {
        whole.add(v % 11);
        if v % 3 == 0 { a.add(v % 11) } else { b.add(v % 11) }
    }
    a.merge(&b);
    assert_eq!(a, whole);
}

#[test]
fn vary_parses_and_refuses() {
    assert_eq!(Vary::parse("cut-internet=15..60/15").unwrap().values(), vec![15, 30, 45, 60]);
    assert!(Vary::parse("cut-internet=60..15/15").unwrap_err().contains("backwards"));
    assert!(Vary::parse("cut-internet=15..60/0").unwrap_err().contains("step of 0"));
    assert!(Vary::parse("cut-internet=15..60").is_err());
    assert!(Vary::parse("=15..60/5").is_err());
}

#[test]
fn the_bend_is_where_the_slope_changes_most() {
    let xs = [0, 10, 20, 30, 40];
    let ys = [0.1, 0.1, 0.1, 0.8, 0.9];
    let b = bend("x", &xs, &ys).unwrap();
    assert_eq!((b.steepest_from, b.steepest_to), (20, 30));
    assert_eq!(b.bend_at, Some(20));
}

#[test]
fn shards_cover_every_replica_once() {
    let covered: Vec<u64> = (1..=3).flat_map(|k| shard_range(10, k, 3)).collect();
    assert_eq!(covered, (0..10).collect::<Vec<_>>());
}
