//! Checked entry points of the backpropagation widget (tested natively).

use plainly_models::backprop::{self, Chain, Loss, Pass};

/// A 2-3-1 network on one example: forward, backward by autodiff, and a finite-difference check.
#[derive(Debug, Clone)]
pub struct Backprop {
    inner: backprop::Backprop,
}

impl Backprop {
    /// Parameters drawn from `seed`; example x = (1, 0.5), y = 1; sigmoid hidden units, squared error.
    pub fn new(seed: u64) -> Self {
        Self { inner: backprop::Backprop::new(seed) }
    }

    /// Choose the hidden activation (`sigmoid`, `tanh`) and the loss (`squared-error`,
    /// `cross-entropy`).
    ///
    /// # Errors
    /// An unknown name.
    pub fn set_settings(&mut self, hidden: &str, loss: &str) -> Result<(), String> {
        let (hidden, loss) = (backprop::parse_hidden(hidden)?, Loss::parse(loss)?);
        self.inner.set_settings(hidden, loss);
        Ok(())
    }

    /// Set the example's inputs and target.
    ///
    /// # Errors
    /// An input that is not finite or beyond ±10; a target outside 0..=1.
    pub fn set_example(&mut self, x1: f64, x2: f64, y: f64) -> Result<(), String> {
        self.inner.set_example(x1, x2, y)
    }

    /// Set all 13 parameters (`w₁₁ w₁₂ w₂₁ w₂₂ w₃₁ w₃₂ b₁ b₂ b₃ v₁ v₂ v₃ c`).
    ///
    /// # Errors
    /// Not 13 values, or one not finite or beyond ±1000.
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), String> {
        self.inner.set_params(params)
    }

    /// The full forward and backward pass.
    ///
    /// # Errors
    /// A loss that is not finite; an unusable backend.
    pub fn pass(&self) -> Result<Pass, String> {
        self.inner.pass(&crate::device(None)?)
    }

    /// The chain rule for parameter `k` (0..13).
    ///
    /// # Errors
    /// As [`Backprop::pass`]; `k` out of range.
    pub fn chain(&self, k: usize) -> Result<Chain, String> {
        backprop::Backprop::chain(&self.pass()?, k)
    }

    /// One gradient-descent step: `[loss before, loss after]`.
    ///
    /// # Errors
    /// A learning rate outside (0, 100]; a step that would not stay finite.
    pub fn descend(&mut self, rate: f64) -> Result<[f64; 2], String> {
        let (before, after) = self.inner.descend(rate, &crate::device(None)?)?;
        Ok([before, after])
    }

    /// Back to the starting parameters.
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_a_full_round() {
        let mut b = Backprop::new(1);
        assert!(b.set_settings("relu", "squared-error").is_err());
        assert!(b.set_settings("tanh", "hinge").is_err());
        b.set_settings("tanh", "cross-entropy").unwrap();
        assert!(b.set_example(f64::NAN, 0.0, 1.0).is_err());
        assert!(b.set_example(1e300, 0.0, 1.0).is_err());
        assert!(b.set_example(0.0, 0.0, -0.1).is_err());
        b.set_example(0.5, -1.0, 0.0).unwrap();
        assert!(b.set_params(&[1.0; 12]).is_err());
        let pass = b.pass().unwrap();
        assert_eq!((pass.hidden, pass.loss_name), ("tanh", "cross-entropy"));
        assert!(pass.max_relative_error <= 1e-3);
        assert!(b.chain(13).is_err());
        assert_eq!(b.chain(0).unwrap().factors.len(), 5);
        assert!(b.descend(-1.0).is_err() && b.descend(f64::INFINITY).is_err());
        let [before, after] = b.descend(0.5).unwrap();
        assert!(after < before);
        b.reset();
        assert_eq!(b.pass().unwrap().loss, pass.loss);
    }
}
