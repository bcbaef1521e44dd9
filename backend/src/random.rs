//! The random source comes in through the application state like the
//! clock: production draws from the operating system's generator, tests
//! can fix the draw (which authentication number ④ shows, which codes and
//! secrets are handed out).

use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};
use std::sync::{Arc, Mutex};

pub trait Random: Send + Sync + 'static {
    /// Fills `bytes` with random bytes (secrets, codes, nonces).
    fn fill(&self, bytes: &mut [u8]);

    /// A number in `0..n`, uniformly; `n` must be above 0.
    fn below(&self, n: usize) -> usize;
}

pub type SharedRandom = Arc<dyn Random>;

/// The operating system's generator, reseeded per thread by `rand`.
struct SystemRandom;

impl Random for SystemRandom {
    fn fill(&self, bytes: &mut [u8]) {
        rand::rng().fill_bytes(bytes);
    }

    fn below(&self, n: usize) -> usize {
        rand::rng().random_range(0..n)
    }
}

pub fn system() -> SharedRandom {
    Arc::new(SystemRandom)
}

/// A reproducible generator for tests: the same seed, the same draws.
pub struct SeededRandom(Mutex<StdRng>);

impl SeededRandom {
    pub fn new(seed: u64) -> Arc<Self> {
        Arc::new(SeededRandom(Mutex::new(StdRng::seed_from_u64(seed))))
    }

    fn with<T>(&self, f: impl FnOnce(&mut StdRng) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

impl Random for SeededRandom {
    fn fill(&self, bytes: &mut [u8]) {
        self.with(|rng| rng.fill_bytes(bytes));
    }

    fn below(&self, n: usize) -> usize {
        self.with(|rng| rng.random_range(0..n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same() {
        let (a, b) = (SeededRandom::new(7), SeededRandom::new(7));
        let (mut x, mut y) = ([0_u8; 16], [0_u8; 16]);
        a.fill(&mut x);
        b.fill(&mut y);
        assert_eq!(x, y);
        assert_eq!(a.below(1000), b.below(1000));
    }
}
