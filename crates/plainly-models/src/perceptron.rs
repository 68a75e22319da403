//! The McCulloch–Pitts neuron (1943) and Rosenblatt's perceptron learning rule (1958).
//!
//! A neuron sums weighted inputs and fires (outputs 1) when the sum passes its threshold:
//! `y = step(w · x − θ)`, written here with a bias `b = −θ`. The perceptron rule nudges the
//! weights after every mistake: `w ← w + η (t − y) x`, `b ← b + η (t − y)`. It finds a separating
//! line whenever one exists (Novikoff 1962) and never stops making mistakes when none does — XOR
//! (Minsky & Papert 1969).

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// A labelled point: two inputs and a target of 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Point {
    /// First input.
    pub x: f32,
    /// Second input.
    pub y: f32,
    /// 0 or 1.
    pub target: u8,
}

/// The point sets of the perceptron widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointSet {
    /// Two seeded clouds that a line separates.
    Separable,
    /// Logical AND of two 0/1 inputs.
    And,
    /// Logical OR.
    Or,
    /// Exclusive OR: no line separates it.
    Xor,
}

impl PointSet {
    /// The set with this name (`separable`, `and`, `or`, `xor`).
    ///
    /// # Errors
    /// An unknown name.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "separable" => Ok(Self::Separable),
            "and" => Ok(Self::And),
            "or" => Ok(Self::Or),
            "xor" => Ok(Self::Xor),
            other => Err(format!("unknown point set {other:?}; use separable, and, or, xor")),
        }
    }

    /// The points. The logic gates are the four corners of the unit square; the separable set is
    /// 40 points in two clouds drawn with `seed`.
    pub fn points(self, seed: u64) -> Vec<Point> {
        let corners = |f: fn(bool, bool) -> bool| {
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                .into_iter()
                .map(|(x, y)| Point { x, y, target: u8::from(f(x > 0.5, y > 0.5)) })
                .collect()
        };
        match self {
            Self::And => corners(|a, b| a && b),
            Self::Or => corners(|a, b| a || b),
            Self::Xor => corners(|a, b| a != b),
            Self::Separable => {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
                (0..40)
                    .map(|i| {
                        let target = (i % 2) as u8;
                        let (cx, cy) = if target == 1 { (0.75, 0.7) } else { (0.25, 0.3) };
                        Point { x: cx + rng.random_range(-0.2..0.2), y: cy + rng.random_range(-0.2..0.2), target }
                    })
                    .collect()
            }
        }
    }
}

/// A two-input neuron with a step output.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Neuron {
    /// Input weights.
    pub w: [f32; 2],
    /// Bias (minus the threshold).
    pub b: f32,
}

impl Neuron {
    /// The weighted sum `w · x + b`.
    pub fn sum(&self, x: f32, y: f32) -> f32 {
        self.w[0] * x + self.w[1] * y + self.b
    }

    /// Fires (1) when the weighted sum is above 0.
    pub fn fire(&self, x: f32, y: f32) -> u8 {
        u8::from(self.sum(x, y) > 0.0)
    }

    /// Share of points classified right, 0..=1.
    pub fn accuracy(&self, points: &[Point]) -> f32 {
        if points.is_empty() {
            return 0.0;
        }
        points.iter().filter(|p| self.fire(p.x, p.y) == p.target).count() as f32 / points.len() as f32
    }

    /// One pass of the perceptron rule over `points` in order, learning rate `eta`.
    /// Returns the number of mistakes made during the pass.
    pub fn epoch(&mut self, points: &[Point], eta: f32) -> usize {
        let mut mistakes = 0;
        for p in points {
            let error = f32::from(p.target) - f32::from(self.fire(p.x, p.y));
            if error != 0.0 {
                mistakes += 1;
                self.w[0] += eta * error * p.x;
                self.w[1] += eta * error * p.y;
                self.b += eta * error;
            }
        }
        mistakes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn train(set: PointSet, epochs: usize) -> (Neuron, f32) {
        let points = set.points(1);
        let mut n = Neuron { w: [0.0, 0.0], b: 0.0 };
        let mut best = 0.0_f32;
        for _ in 0..epochs {
            n.epoch(&points, 0.1);
            best = best.max(n.accuracy(&points));
        }
        (n, best)
    }

    #[test]
    fn and_or_and_separable_reach_100_percent_xor_never_does() {
        for set in [PointSet::And, PointSet::Or, PointSet::Separable] {
            let (n, _) = train(set, 1000);
            assert_eq!(n.accuracy(&set.points(1)), 1.0, "{set:?}: {n:?}");
        }
        let (_, best) = train(PointSet::Xor, 1000);
        assert!(best <= 0.75, "XOR reached {best}");
    }

    #[test]
    fn one_step_by_hand() {
        // w = 0, b = 0: (1, 1) with target 1 fires 0, so w ← (0.1, 0.1), b ← 0.1.
        let mut n = Neuron { w: [0.0, 0.0], b: 0.0 };
        assert_eq!(n.epoch(&[Point { x: 1.0, y: 1.0, target: 1 }], 0.1), 1);
        assert_eq!(n, Neuron { w: [0.1, 0.1], b: 0.1 });
        assert_eq!(n.sum(1.0, 1.0), 0.3);
        assert_eq!(n.fire(-1.0, -1.0), 0);
    }
}
