//! Durations and delays as distributions, in minutes, as the scenario files write them.

use serde::{Deserialize, Serialize};

use crate::random::{Stream, Z90};

/// A random duration in minutes.
///
/// ```ron
/// Fixed(10)                                  // always 10 minutes
/// Uniform(min: 8, max: 25)                   // any value between, equally likely
/// Triangular(min: 5, mode: 15, max: 60)      // most likely near the mode
/// LogNormal(median: 43, p90: 120, min: 4)    // right-skewed, e.g. encryption of one host
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Dist {
    Fixed(f64),
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// Log-normal given by its median and 90th percentile, cut below at `min` and above at `max`.
    LogNormal {
        median: f64,
        p90: f64,
        #[serde(default)]
        min: f64,
        #[serde(default)]
        max: Option<f64>,
    },
}

impl Dist {
    /// One draw, never negative.
    pub fn sample(&self, rng: &mut Stream) -> f64 {
        let value = match *self {
            Dist::Fixed(value) => value,
            Dist::Uniform { min, max } => rng.uniform(min, max),
            Dist::Triangular { min, mode, max } => {
                let u = rng.unit();
                let split = if max > min { (mode - min) / (max - min) } else { 0.5 };
                if u < split {
                    min + libm::sqrt(u * (max - min) * (mode - min))
                } else {
                    max - libm::sqrt((1.0 - u) * (max - min) * (max - mode))
                }
            }
            Dist::LogNormal { median, p90, min, max } => {
                let sigma = Self::log_sigma(median, p90);
                let draw = median * libm::exp(sigma * rng.normal());
                let draw = draw.max(min);
                max.map_or(draw, |max| draw.min(max))
            }
        };
        value.max(0.0)
    }

    /// Whole minutes, rounded, for scheduling on the one-minute tick.
    pub fn sample_minutes(&self, rng: &mut Stream) -> u32 {
        libm::round(self.sample(rng)).clamp(0.0, u32::MAX as f64 / 2.0) as u32
    }

    /// The expected value (the log-normal's ignoring its cuts), for summaries and documentation.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(value) => value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::LogNormal { median, p90, .. } => {
                let sigma = Self::log_sigma(median, p90);
                median * libm::exp(sigma * sigma / 2.0)
            }
        }
    }

    fn log_sigma(median: f64, p90: f64) -> f64 {
        if median > 0.0 && p90 > median { libm::log(p90 / median) / Z90 } else { 0.0 }
    }

    /// Every problem with the parameters, as (field, what was expected).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let finite = |v: f64| v.is_finite();
        match *self {
            Dist::Fixed(value) => {
                if !finite(value) || value < 0.0 {
                    problems.push(("", format!("a duration of 0 minutes or more, found {value}")));
                }
            }
            Dist::Uniform { min, max } => {
                if !finite(min) || min < 0.0 {
                    problems.push(("min", format!("0 minutes or more, found {min}")));
                }
                if !finite(max) || max < min {
                    problems.push(("max", format!("at least min ({min}), found {max}: the range ends before it starts")));
                }
            }
            Dist::Triangular { min, mode, max } => {
                if !finite(min) || min < 0.0 {
                    problems.push(("min", format!("0 minutes or more, found {min}")));
                }
                if !finite(mode) || mode < min || mode > max {
                    problems.push(("mode", format!("between min ({min}) and max ({max}), found {mode}")));
                }
                if !finite(max) || max < min {
                    problems.push(("max", format!("at least min ({min}), found {max}: the range ends before it starts")));
                }
            }
            Dist::LogNormal { median, p90, min, max } => {
                if !finite(median) || median <= 0.0 {
                    problems.push(("median", format!("more than 0 minutes, found {median}")));
                }
                if !finite(p90) || p90 < median {
                    problems.push(("p90", format!("at least the median ({median}), found {p90}")));
                }
                if !finite(min) || min < 0.0 {
                    problems.push(("min", format!("0 minutes or more, found {min}")));
                }
                if let Some(max) = max
                    && (!finite(max) || max < min || max < median)
                {
                    problems.push(("max", format!("at least min ({min}) and the median ({median}), found {max}")));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Purpose;

    #[test]
    fn lognormal_median_and_p90_hold() {
        let dist = Dist::LogNormal { median: 43.0, p90: 120.0, min: 0.0, max: None };
        let mut rng = Stream::new(11, Purpose::Encryption);
        let mut draws: Vec<f64> = (0..20_000).map(|_| dist.sample(&mut rng)).collect();
        draws.sort_by(f64::total_cmp);
        let median = draws[draws.len() / 2];
        let p90 = draws[draws.len() * 9 / 10];
        assert!((median - 43.0).abs() < 2.0, "median {median}");
        assert!((p90 - 120.0).abs() < 8.0, "p90 {p90}");
    }

    #[test]
    fn reversed_range_is_a_problem() {
        let problems = Dist::Uniform { min: 30.0, max: 10.0 }.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "max");
    }

    #[test]
    fn triangular_stays_within_bounds() {
        let dist = Dist::Triangular { min: 5.0, mode: 10.0, max: 60.0 };
        let mut rng = Stream::new(2, Purpose::Response);
        assert!((0..5000).map(|_| dist.sample(&mut rng)).all(|x| (5.0..=60.0).contains(&x)));
    }
}
