//! Activation functions and their derivatives, the derivatives by burn autodiff (the same
//! backward pass that trains every network here), never by hand-written formulas.
//!
//! - step: `1 if x > 0 else 0` (McCulloch & Pitts 1943); its derivative is 0 wherever it exists,
//!   which is why a network of steps cannot learn by gradient descent;
//! - sigmoid `σ(x) = 1 / (1 + e^−x)`, `σ' = σ(1 − σ)`, at most 1/4;
//! - tanh, `tanh' = 1 − tanh²`;
//! - ReLU `max(0, x)` (Nair & Hinton 2010), derivative 0 or 1;
//! - leaky ReLU `max(αx, x)`, α = 0.01 (Maas et al. 2013);
//! - GELU `x Φ(x)` (Hendrycks & Gimpel 2016), with Φ the standard normal CDF.

use burn::prelude::*;
use burn::tensor::activation;

/// The slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;

/// An activation function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// Heaviside step: 1 for x > 0, else 0.
    Step,
    /// Logistic sigmoid.
    Sigmoid,
    /// Hyperbolic tangent.
    Tanh,
    /// Rectified linear unit.
    Relu,
    /// Leaky ReLU with slope [`LEAKY_SLOPE`] below zero.
    LeakyRelu,
    /// Gaussian error linear unit (exact, with erf).
    Gelu,
}

impl Activation {
    /// Every activation, in the order the widget lists them.
    pub const ALL: [Activation; 6] = [Self::Step, Self::Sigmoid, Self::Tanh, Self::Relu, Self::LeakyRelu, Self::Gelu];

    /// The name used by the widgets and URLs (`step`, `sigmoid`, `tanh`, `relu`, `leaky-relu`, `gelu`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Step => "step",
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::LeakyRelu => "leaky-relu",
            Self::Gelu => "gelu",
        }
    }

    /// The activation with this name.
    ///
    /// # Errors
    /// An unknown name, with the list of known ones.
    pub fn parse(name: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| format!("unknown activation {name:?}; use one of step, sigmoid, tanh, relu, leaky-relu, gelu"))
    }

    /// Apply element-wise. The step is built from a comparison, so autodiff sees no path through
    /// it and its gradient is zero everywhere — as the maths says almost everywhere.
    ///
    /// # Shapes
    /// any `[…]` → the same shape
    pub fn apply<const D: usize>(self, x: Tensor<D>) -> Tensor<D> {
        match self {
            Self::Step => x.clone().greater_elem(0.0).float() + x.mul_scalar(0.0),
            Self::Sigmoid => activation::sigmoid(x),
            Self::Tanh => x.tanh(),
            Self::Relu => activation::relu(x),
            Self::LeakyRelu => activation::leaky_relu(x, LEAKY_SLOPE),
            Self::Gelu => activation::gelu(x),
        }
    }

    /// Values and derivatives at `xs`, the derivatives by autodiff: `(f(xs), f'(xs))`.
    ///
    /// # Errors
    /// No points, more than 100,000, or a point that is not finite.
    pub fn curve(self, xs: &[f32], device: &Device) -> Result<(Vec<f32>, Vec<f32>), String> {
        if xs.is_empty() || xs.len() > 100_000 {
            return Err(format!("{} points; 1 to 100,000 can be drawn", xs.len()));
        }
        if let Some(x) = xs.iter().find(|x| !x.is_finite()) {
            return Err(format!("the point {x} is not a finite number"));
        }
        let device = device.clone().autodiff();
        let x = Tensor::<1>::from_floats(xs, &device).require_grad();
        let y = self.apply(x.clone());
        let grads = y.clone().sum().backward();
        let dy = x.grad(&grads).map(|g| g.try_into_vec_as::<f32>().unwrap_or_default()).unwrap_or_else(|| vec![0.0; xs.len()]);
        Ok((y.try_into_vec_as::<f32>().unwrap_or_default(), dy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device() -> Device {
        Device::flex()
    }

    fn points() -> Vec<f32> {
        // 100 points over [−5, 5], none exactly at 0 (where ReLU and step have no derivative)
        (0..100).map(|i| -5.0 + 10.0 * (i as f32 + 0.5) / 100.0).collect()
    }

    fn erf(x: f64) -> f64 {
        // Abramowitz & Stegun 7.1.26 is too coarse for 1e-5; integrate the series instead.
        let mut sum = 0.0;
        let mut term = x;
        let mut n = 0.0;
        while term.abs() > 1e-17 || n < 5.0 {
            sum += term / (2.0 * n + 1.0);
            n += 1.0;
            term *= -x * x / n;
            if n > 200.0 {
                break;
            }
        }
        2.0 / std::f64::consts::PI.sqrt() * sum
    }

    #[test]
    fn autodiff_derivatives_equal_the_closed_forms_at_100_points() {
        let xs = points();
        for act in Activation::ALL {
            let (y, dy) = act.curve(&xs, &device()).unwrap();
            for ((&x, &v), &d) in xs.iter().zip(&y).zip(&dy) {
                let x = f64::from(x);
                let s = 1.0 / (1.0 + (-x).exp());
                let phi = 0.5 * (1.0 + erf(x / std::f64::consts::SQRT_2));
                let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
                let (want, want_d) = match act {
                    Activation::Step => (if x > 0.0 { 1.0 } else { 0.0 }, 0.0),
                    Activation::Sigmoid => (s, s * (1.0 - s)),
                    Activation::Tanh => (x.tanh(), 1.0 - x.tanh().powi(2)),
                    Activation::Relu => (x.max(0.0), if x > 0.0 { 1.0 } else { 0.0 }),
                    Activation::LeakyRelu => (if x > 0.0 { x } else { LEAKY_SLOPE * x }, if x > 0.0 { 1.0 } else { LEAKY_SLOPE }),
                    Activation::Gelu => (x * phi, phi + x * pdf),
                };
                assert!((f64::from(v) - want).abs() < 1e-5, "{act:?}({x}) = {v}, want {want}");
                assert!((f64::from(d) - want_d).abs() < 1e-5, "{act:?}'({x}) = {d}, want {want_d}");
            }
        }
    }

    #[test]
    fn sigmoid_slope_never_exceeds_a_quarter() {
        let (_, d) = Activation::Sigmoid.curve(&points(), &device()).unwrap();
        assert!(d.iter().all(|&v| v <= 0.25 + 1e-7));
    }

    #[test]
    fn bad_input_is_refused_and_names_round_trip() {
        assert!(Activation::Relu.curve(&[], &device()).is_err());
        assert!(Activation::Relu.curve(&[f32::NAN], &device()).is_err());
        for a in Activation::ALL {
            assert_eq!(Activation::parse(a.name()), Ok(a));
        }
        assert!(Activation::parse("swish").unwrap_err().contains("relu"));
    }
}
