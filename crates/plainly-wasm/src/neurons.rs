//! Checked entry points of the neuron, perceptron and activation widgets (tested natively).

use plainly_models::activations::Activation;
use plainly_models::gradient_flow::{Flow, Init, Stack, gradient_norms};
use plainly_models::mnist::PIXELS;
use plainly_models::perceptron::{Neuron, Point, PointSet};

/// The largest weight or input magnitude accepted (beyond it the picture says nothing more).
pub const MAX_WEIGHT: f32 = 1e6;
/// The most cells one region map may have.
pub const MAX_CELLS: usize = 1_000_000;

/// Values then slopes (by autodiff) of an activation at `xs`: `[f(xs)…, f'(xs)…]`.
///
/// # Errors
/// An unknown name, no points, more than 100,000, or a point that is not finite.
pub fn activation_curve(name: &str, xs: &[f32]) -> Result<Vec<f32>, String> {
    let (mut values, slopes) = Activation::parse(name)?.curve(xs, &crate::device(None)?)?;
    values.extend(slopes);
    Ok(values)
}

/// Digits in the gradient-flow batch.
pub const FLOW_BATCH: usize = 64;
/// Width of every hidden layer of the gradient-flow stack.
pub const FLOW_WIDTH: usize = 32;

/// A batch of real test digits for the gradient-flow widget.
#[derive(Debug, Clone)]
pub struct FlowBatch {
    pixels: Vec<f32>,
    labels: Vec<u8>,
}

impl FlowBatch {
    /// The first [`FLOW_BATCH`] digits of `mnist-test-1000.u8` (label byte, 784 grey bytes each).
    ///
    /// # Errors
    /// Fewer bytes than that many digits, or a label above 9.
    pub fn new(extract: &[u8]) -> Result<Self, String> {
        if extract.len() < FLOW_BATCH * (PIXELS + 1) {
            return Err(format!("{} bytes hold fewer than {FLOW_BATCH} digits of 785 bytes", extract.len()));
        }
        let digits: Vec<&[u8]> = extract.chunks_exact(PIXELS + 1).take(FLOW_BATCH).collect();
        let labels: Vec<u8> = digits.iter().map(|d| d[0]).collect();
        if labels.iter().any(|&l| l > 9) {
            return Err("a label above 9: not a digit extract".into());
        }
        let pixels = digits.iter().flat_map(|d| d[1..].iter().map(|&p| f32::from(p) / 255.0)).collect();
        Ok(Self { pixels, labels })
    }

    /// Gradient norms of each hidden layer after one backward pass.
    ///
    /// # Errors
    /// An unknown stack or initialisation; depth outside 1..=50.
    pub fn measure(&self, stack: &str, init: &str, depth: usize, seed: u64) -> Result<Flow, String> {
        gradient_norms(Stack::parse(stack)?, Init::parse(init)?, depth, FLOW_WIDTH, seed, &self.pixels, &self.labels, &crate::device(None)?)
    }
}

/// A perceptron on one of the widget's point sets.
#[derive(Debug, Clone)]
pub struct Perceptron {
    points: Vec<Point>,
    neuron: Neuron,
    epochs: usize,
}

fn finite(name: &str, v: f32) -> Result<f32, String> {
    if v.is_finite() && v.abs() <= MAX_WEIGHT { Ok(v) } else { Err(format!("{name} = {v} is not a number between −{MAX_WEIGHT} and {MAX_WEIGHT}")) }
}

impl Perceptron {
    /// Weights and bias start at 0.
    ///
    /// # Errors
    /// An unknown point set.
    pub fn new(set: &str, seed: u64) -> Result<Self, String> {
        Ok(Self { points: PointSet::parse(set)?.points(seed), neuron: Neuron { w: [0.0, 0.0], b: 0.0 }, epochs: 0 })
    }

    /// The points.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// `[w1, w2, b]`.
    pub fn weights(&self) -> [f32; 3] {
        [self.neuron.w[0], self.neuron.w[1], self.neuron.b]
    }

    /// Epochs run since the start.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// Set the weights and bias.
    ///
    /// # Errors
    /// A value that is not finite or beyond ±[`MAX_WEIGHT`].
    pub fn set_weights(&mut self, w1: f32, w2: f32, b: f32) -> Result<(), String> {
        self.neuron = Neuron { w: [finite("w1", w1)?, finite("w2", w2)?], b: finite("bias", b)? };
        Ok(())
    }

    /// `w · x + b`.
    ///
    /// # Errors
    /// An input that is not finite or too large.
    pub fn sum(&self, x: f32, y: f32) -> Result<f32, String> {
        Ok(self.neuron.sum(finite("x1", x)?, finite("x2", y)?))
    }

    /// 1 when the neuron fires for this input, else 0.
    ///
    /// # Errors
    /// As [`Perceptron::sum`].
    pub fn fire(&self, x: f32, y: f32) -> Result<u8, String> {
        Ok(self.neuron.fire(finite("x1", x)?, finite("x2", y)?))
    }

    /// Share of points right.
    pub fn accuracy(&self) -> f32 {
        self.neuron.accuracy(&self.points)
    }

    /// One epoch of the perceptron rule; the mistakes made.
    ///
    /// # Errors
    /// A learning rate that is not in (0, 100].
    pub fn epoch(&mut self, eta: f32) -> Result<usize, String> {
        if !(eta > 0.0 && eta <= 100.0) {
            return Err(format!("learning rate {eta}: use a number above 0 and at most 100"));
        }
        self.epochs += 1;
        Ok(self.neuron.epoch(&self.points, eta))
    }

    /// Where the neuron fires on an `nx × ny` grid over `[x0, x1] × [y0, y1]` (cell centres,
    /// row 0 at `y0`): 1 fires, 0 not.
    ///
    /// # Errors
    /// An empty or too large grid, or a window that is not finite and increasing.
    pub fn region(&self, nx: usize, ny: usize, x0: f32, x1: f32, y0: f32, y1: f32) -> Result<Vec<u8>, String> {
        if nx == 0 || ny == 0 || nx.saturating_mul(ny) > MAX_CELLS {
            return Err(format!("a {nx} × {ny} grid; 1 to {MAX_CELLS} cells"));
        }
        if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) || x1 <= x0 || y1 <= y0 {
            return Err(format!("the window [{x0}, {x1}] × [{y0}, {y1}] is not finite and increasing"));
        }
        Ok((0..ny)
            .flat_map(|j| {
                let y = y0 + (y1 - y0) * (j as f32 + 0.5) / ny as f32;
                (0..nx).map(move |i| self.neuron.fire(x0 + (x1 - x0) * (i as f32 + 0.5) / nx as f32, y))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_a_hand_computed_neuron() {
        let mut p = Perceptron::new("and", 1).unwrap();
        assert!(Perceptron::new("nand", 1).is_err());
        p.set_weights(1.0, 1.0, -1.5).unwrap();
        assert_eq!(p.sum(1.0, 1.0).unwrap(), 0.5);
        assert_eq!(p.fire(1.0, 1.0).unwrap(), 1);
        assert_eq!(p.fire(1.0, 0.0).unwrap(), 0);
        assert_eq!(p.accuracy(), 1.0, "w = (1, 1), θ = 1.5 is AND");
        assert!(p.set_weights(f32::NAN, 0.0, 0.0).is_err());
        assert!(p.sum(f32::INFINITY, 0.0).is_err());
        assert!(p.epoch(0.0).is_err() && p.epoch(f32::NAN).is_err() && p.epoch(1e9).is_err());
        let region = p.region(4, 4, 0.0, 2.0, 0.0, 2.0).unwrap();
        // centres 0.25, 0.75, 1.25, 1.75: fires when x + y > 1.5
        assert_eq!(region, [0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
        assert!(p.region(0, 4, 0.0, 1.0, 0.0, 1.0).is_err());
        assert!(p.region(2000, 2000, 0.0, 1.0, 0.0, 1.0).is_err());
        assert!(p.region(4, 4, 1.0, 0.0, 0.0, 1.0).is_err());
    }

    #[test]
    fn activation_curves_are_checked() {
        let both = activation_curve("relu", &[-1.0, 2.0]).unwrap();
        assert_eq!(both, [0.0, 2.0, 0.0, 1.0]);
        assert!(activation_curve("swish", &[0.0]).is_err());
        assert!(activation_curve("relu", &[f32::NAN]).is_err());
    }
}
