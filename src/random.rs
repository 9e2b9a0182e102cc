//! Seeded random streams and the few distributions the model draws from, computed the same on every machine.
//!
//! Sampling is written here from raw 64-bit words and `libm` (pure Rust) rather than taken from library
//! samplers, so that a seed gives the same numbers bit for bit whatever the platform or library version.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One independent random stream. Each part of the model owns its own stream, so that the draws of one
/// part never depend on how many draws another part made or in which order systems ran.
#[derive(Clone, Debug)]
pub struct Stream(ChaCha8Rng);

/// The streams of one replica, one per purpose; adding a purpose never shifts another's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    AttackPhases = 1,
    Spread = 2,
    Deployment = 3,
    Encryption = 4,
    Detection = 5,
    Response = 6,
    People = 7,
    Care = 8,
    Injects = 9,
}

impl Stream {
    /// The stream for one purpose of one replica seed.
    pub fn new(seed: u64, purpose: Purpose) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(purpose as u64);
        Self(rng)
    }

    /// A stream of its own for one thing of one purpose (a decision, a role), so that what is drawn for
    /// it does not depend on what was drawn before for others: two playbooks on the same seed draw the
    /// same duration for the same decision, whenever it comes.
    pub fn keyed(seed: u64, purpose: Purpose, key: &str) -> Self {
        // FNV-1a: stable across builds and platforms, which a std hasher is not.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream((hash << 8) | purpose as u64);
        Self(rng)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1), 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [min, max).
    pub fn uniform(&mut self, min: f64, max: f64) -> f64 {
        min + (max - min) * self.unit()
    }

    /// Uniform integer in [0, n); `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Poisson with the given mean. Exact inversion for small means, a rounded normal beyond 30.
    pub fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 30.0 {
            let draw = mean + libm::sqrt(mean) * self.normal();
            return libm::round(draw).max(0.0) as u64;
        }
        let limit = libm::exp(-mean);
        let mut product = self.unit();
        let mut count = 0;
        while product > limit {
            product *= self.unit();
            count += 1;
        }
        count
    }
}

/// The 90th percentile of the standard normal, to turn a median and a 90th percentile into a log-normal.
pub const Z90: f64 = 1.281_551_565_544_600_5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let mut a = Stream::new(7, Purpose::Spread);
        let mut b = Stream::new(7, Purpose::Spread);
        let mut c = Stream::new(7, Purpose::Detection);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..4).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys, "the same seed and purpose must give the same numbers");
        assert_ne!(xs, zs, "two purposes must not share numbers");
    }

    #[test]
    fn poisson_mean_matches() {
        let mut s = Stream::new(1, Purpose::Spread);
        for mean in [0.3, 4.0, 50.0] {
            let n = 20_000;
            let total: u64 = (0..n).map(|_| s.poisson(mean)).sum();
            let observed = total as f64 / n as f64;
            let tolerance = 4.0 * (mean / n as f64).sqrt();
            assert!((observed - mean).abs() < tolerance, "mean {mean}: observed {observed}");
        }
    }

    #[test]
    fn below_stays_in_range() {
        let mut s = Stream::new(3, Purpose::Spread);
        assert!((0..10_000).all(|_| s.below(17) < 17));
    }
}
