//! Backpropagation on one example, layer by layer, checked against finite differences.
//!
//! The network is the smallest that still has a hidden layer: 2 inputs → 3 hidden units → 1
//! output,
//!
//! ```text
//! zⱼ = wⱼ₁ x₁ + wⱼ₂ x₂ + bⱼ,   hⱼ = f(zⱼ)            (j = 1, 2, 3; f = sigmoid or tanh)
//! zₒ = v₁ h₁ + v₂ h₂ + v₃ h₃ + c,   ŷ = σ(zₒ)
//! L = ½ (ŷ − y)²   (squared error)   or   −[y ln ŷ + (1 − y) ln(1 − ŷ)]   (binary cross-entropy)
//! ```
//!
//! One forward pass gives every zⱼ, hⱼ, zₒ, ŷ and L; one backward pass by burn autodiff gives
//! ∂L/∂ of every parameter and of every node (the nodes' gradients are read from zero "probe"
//! tensors added to each node, whose gradient is the node's). The chain rule for one weight is
//! written out factor by factor, the local slopes f'(zⱼ) and σ'(zₒ) also by autodiff. Every
//! gradient is checked against a central finite difference `(L(θ + h) − L(θ − h)) / 2h` from a
//! plain-Rust forward pass. Both run in float64, so the check is about the maths, not rounding.
//! (Rumelhart, Hinton & Williams 1986, "Learning representations by back-propagating errors".)

use burn::prelude::*;
use burn::tensor::{DType, TensorData, activation};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use crate::activations::Activation;

/// Inputs of the network.
pub const INPUTS: usize = 2;
/// Hidden units.
pub const HIDDEN: usize = 3;
/// Parameters: `w₁₁ w₁₂ w₂₁ w₂₂ w₃₁ w₃₂ b₁ b₂ b₃ v₁ v₂ v₃ c`, in this order.
pub const PARAMS: usize = HIDDEN * INPUTS + HIDDEN + HIDDEN + 1;
/// The finite-difference step h.
pub const FD_STEP: f64 = 1e-5;
/// The largest input magnitude accepted.
pub const MAX_INPUT: f64 = 10.0;
/// The largest parameter magnitude accepted.
pub const MAX_PARAM: f64 = 1000.0;
/// The largest learning rate accepted.
pub const MAX_RATE: f64 = 100.0;

const SUB: [&str; 4] = ["₀", "₁", "₂", "₃"];

/// The loss on the one example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// ½ (ŷ − y)².
    SquaredError,
    /// Binary cross-entropy −[y ln ŷ + (1 − y) ln(1 − ŷ)].
    CrossEntropy,
}

impl Loss {
    /// `squared-error` or `cross-entropy`.
    ///
    /// # Errors
    /// Any other name.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "squared-error" => Ok(Self::SquaredError),
            "cross-entropy" => Ok(Self::CrossEntropy),
            other => Err(format!("unknown loss {other:?}; use squared-error or cross-entropy")),
        }
    }

    /// The name [`Loss::parse`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Self::SquaredError => "squared-error",
            Self::CrossEntropy => "cross-entropy",
        }
    }

    fn of(self, yhat: f64, y: f64) -> f64 {
        match self {
            Self::SquaredError => 0.5 * (yhat - y).powi(2),
            Self::CrossEntropy => -(y * yhat.ln() + (1.0 - y) * (1.0 - yhat).ln()),
        }
    }
}

/// The hidden layer's activation: `sigmoid` or `tanh`.
///
/// # Errors
/// Any other name (ReLU's kink would make a finite difference straddling it disagree).
pub fn parse_hidden(name: &str) -> Result<Activation, String> {
    match Activation::parse(name) {
        Ok(a @ (Activation::Sigmoid | Activation::Tanh)) => Ok(a),
        _ => Err(format!("unknown hidden activation {name:?}; use sigmoid or tanh")),
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn scalar(act: Activation, z: f64) -> f64 {
    if act == Activation::Tanh { z.tanh() } else { sigmoid(z) }
}

/// The name of parameter `k` (`w₂₁`, `b₃`, `v₁`, `c`).
pub fn param_name(k: usize) -> String {
    let w = HIDDEN * INPUTS;
    match k {
        _ if k < w => format!("w{}{}", SUB[k / INPUTS + 1], SUB[k % INPUTS + 1]),
        _ if k < w + HIDDEN => format!("b{}", SUB[k - w + 1]),
        _ if k < w + 2 * HIDDEN => format!("v{}", SUB[k - w - HIDDEN + 1]),
        _ => "c".into(),
    }
}

/// A node of the network whose value can be nudged: `Z(j)`, `H(j)` (j from 0), `Zo` or `Yhat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Z(usize),
    H(usize),
    Zo,
    Yhat,
}

/// Gradients of the loss: with respect to every parameter (order of [`PARAMS`]) and node.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Gradients {
    /// ∂L/∂θ for the 13 parameters.
    pub params: Vec<f64>,
    /// ∂L/∂zⱼ.
    pub z: Vec<f64>,
    /// ∂L/∂hⱼ.
    pub h: Vec<f64>,
    /// ∂L/∂zₒ.
    pub zo: f64,
    /// ∂L/∂ŷ.
    pub yhat: f64,
}

impl Gradients {
    fn all(&self) -> impl Iterator<Item = f64> + '_ {
        self.params.iter().chain(&self.z).chain(&self.h).copied().chain([self.zo, self.yhat])
    }

    fn zip(&self, other: &Self, f: impl Fn(f64, f64) -> f64) -> Self {
        let v = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(&a, &b)| f(a, b)).collect();
        Self { params: v(&self.params, &other.params), z: v(&self.z, &other.z), h: v(&self.h, &other.h), zo: f(self.zo, other.zo), yhat: f(self.yhat, other.yhat) }
    }
}

/// `|a − b| / max(|a|, |b|)`, and 0 when both are 0.
pub fn relative_error(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 { 0.0 } else { (a - b).abs() / scale }
}

/// One forward and backward pass, everything the widget shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Pass {
    /// `sigmoid` or `tanh`.
    pub hidden: &'static str,
    /// `squared-error` or `cross-entropy`.
    pub loss_name: &'static str,
    /// The example's inputs.
    pub x: [f64; INPUTS],
    /// The example's target.
    pub y: f64,
    /// The parameters (order of [`PARAMS`]).
    pub params: Vec<f64>,
    /// Their names.
    pub names: Vec<String>,
    /// Hidden pre-activations zⱼ.
    pub z: Vec<f64>,
    /// Hidden activations hⱼ = f(zⱼ).
    pub h: Vec<f64>,
    /// The output's pre-activation.
    pub zo: f64,
    /// The output ŷ = σ(zₒ).
    pub yhat: f64,
    /// The loss.
    pub loss: f64,
    /// Local slopes f'(zⱼ), by autodiff.
    pub slope_h: Vec<f64>,
    /// Local slope σ'(zₒ), by autodiff.
    pub slope_out: f64,
    /// Gradients by burn autodiff.
    pub autodiff: Gradients,
    /// Gradients by central finite differences.
    pub finite_difference: Gradients,
    /// Relative error between the two, for each gradient.
    pub relative_error: Gradients,
    /// The largest of those.
    pub max_relative_error: f64,
    /// Gradient-descent steps taken since the start.
    pub steps: usize,
}

/// One factor of a chain-rule product.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Factor {
    /// The derivative, written out (`∂ŷ/∂zₒ`).
    pub symbol: String,
    /// Its value.
    pub value: f64,
}

/// The chain rule for one parameter, factor by factor.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Chain {
    /// The parameter's index.
    pub param: usize,
    /// Its name.
    pub name: String,
    /// The factors, from the loss back to the parameter.
    pub factors: Vec<Factor>,
    /// Their product.
    pub product: f64,
    /// ∂L/∂θ by autodiff.
    pub autodiff: f64,
    /// ∂L/∂θ by a central finite difference.
    pub finite_difference: f64,
    /// Relative error between the finite difference and the product.
    pub relative_error: f64,
}

/// The network, its example and its settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Backprop {
    start: Vec<f64>,
    params: Vec<f64>,
    x: [f64; INPUTS],
    y: f64,
    hidden: Activation,
    loss: Loss,
    steps: usize,
}

impl Backprop {
    /// Parameters drawn from `seed` (weights uniform in ±1, biases in ±0.5, rounded to two
    /// decimals so the written-out products can be followed by hand); the example x = (1, 0.5),
    /// y = 1; sigmoid hidden units, squared error.
    pub fn new(seed: u64) -> Self {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let w = HIDDEN * INPUTS;
        let params: Vec<f64> = (0..PARAMS)
            .map(|k| {
                let bias = (w..w + HIDDEN).contains(&k) || k == PARAMS - 1;
                let r: f64 = rng.random_range(-1.0..1.0) * if bias { 0.5 } else { 1.0 };
                (r * 100.0).round() / 100.0
            })
            .collect();
        Self { start: params.clone(), params, x: [1.0, 0.5], y: 1.0, hidden: Activation::Sigmoid, loss: Loss::SquaredError, steps: 0 }
    }

    /// Back to the starting parameters (the example and settings stay).
    pub fn reset(&mut self) {
        self.params.clone_from(&self.start);
        self.steps = 0;
    }

    /// The parameters (order of [`PARAMS`]).
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Set every parameter; they become the new starting point.
    ///
    /// # Errors
    /// Not 13 values, or one not finite or beyond ±[`MAX_PARAM`].
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), String> {
        if params.len() != PARAMS {
            return Err(format!("{} parameters given; the 2-3-1 network has {PARAMS}", params.len()));
        }
        if let Some(p) = params.iter().find(|p| !p.is_finite() || p.abs() > MAX_PARAM) {
            return Err(format!("the parameter {p} is not a number between −{MAX_PARAM} and {MAX_PARAM}"));
        }
        self.params = params.to_vec();
        self.start = params.to_vec();
        self.steps = 0;
        Ok(())
    }

    /// Set the example.
    ///
    /// # Errors
    /// An input that is not finite or beyond ±[`MAX_INPUT`]; a target outside 0..=1.
    pub fn set_example(&mut self, x1: f64, x2: f64, y: f64) -> Result<(), String> {
        for (name, v) in [("x₁", x1), ("x₂", x2)] {
            if !(v.is_finite() && v.abs() <= MAX_INPUT) {
                return Err(format!("{name} = {v} is not a number between −{MAX_INPUT} and {MAX_INPUT}"));
            }
        }
        if !(0.0..=1.0).contains(&y) {
            return Err(format!("the target y = {y} must be between 0 and 1 (the output is a sigmoid)"));
        }
        self.x = [x1, x2];
        self.y = y;
        Ok(())
    }

    /// Choose the hidden activation and the loss.
    pub fn set_settings(&mut self, hidden: Activation, loss: Loss) {
        self.hidden = hidden;
        self.loss = loss;
    }

    fn w(&self, j: usize, i: usize) -> f64 {
        self.params[j * INPUTS + i]
    }

    fn b(&self, j: usize) -> f64 {
        self.params[HIDDEN * INPUTS + j]
    }

    fn v(&self, j: usize) -> f64 {
        self.params[HIDDEN * INPUTS + HIDDEN + j]
    }

    fn c(&self) -> f64 {
        self.params[PARAMS - 1]
    }

    /// The plain-Rust f64 forward pass, with one node optionally nudged by `delta`:
    /// `(z, h, zₒ, ŷ, L)`.
    fn forward(&self, nudge: Option<(Node, f64)>) -> ([f64; HIDDEN], [f64; HIDDEN], f64, f64, f64) {
        let add = |node: Node| nudge.filter(|(n, _)| *n == node).map_or(0.0, |(_, d)| d);
        let mut z = [0.0; HIDDEN];
        let mut h = [0.0; HIDDEN];
        for j in 0..HIDDEN {
            z[j] = (0..INPUTS).map(|i| self.w(j, i) * self.x[i]).sum::<f64>() + self.b(j) + add(Node::Z(j));
            h[j] = scalar(self.hidden, z[j]) + add(Node::H(j));
        }
        let zo = (0..HIDDEN).map(|j| self.v(j) * h[j]).sum::<f64>() + self.c() + add(Node::Zo);
        let yhat = sigmoid(zo) + add(Node::Yhat);
        (z, h, zo, yhat, self.loss.of(yhat, self.y))
    }

    fn finite_differences(&self) -> Gradients {
        let h = FD_STEP;
        let params = (0..PARAMS)
            .map(|k| {
                let mut plus = self.clone();
                plus.params[k] += h;
                let mut minus = self.clone();
                minus.params[k] -= h;
                (plus.forward(None).4 - minus.forward(None).4) / (2.0 * h)
            })
            .collect();
        let node = |n: Node| (self.forward(Some((n, h))).4 - self.forward(Some((n, -h))).4) / (2.0 * h);
        Gradients {
            params,
            z: (0..HIDDEN).map(|j| node(Node::Z(j))).collect(),
            h: (0..HIDDEN).map(|j| node(Node::H(j))).collect(),
            zo: node(Node::Zo),
            yhat: node(Node::Yhat),
        }
    }

    /// The forward pass and both backward passes (autodiff and finite differences).
    ///
    /// # Errors
    /// A loss that is not finite (cross-entropy of an output saturated at exactly 0 or 1).
    pub fn pass(&self, device: &Device) -> Result<Pass, String> {
        let (z, h, zo, yhat, loss) = self.forward(None);
        if !loss.is_finite() {
            return Err(format!("the loss is {loss}: the output ŷ = {yhat} saturated"));
        }
        let (autodiff, slope_h, slope_out) = self.autodiff(device)?;
        let finite_difference = self.finite_differences();
        let relative = autodiff.zip(&finite_difference, relative_error);
        let max_relative_error = relative.all().fold(0.0, f64::max);
        Ok(Pass {
            hidden: self.hidden.name(),
            loss_name: self.loss.name(),
            x: self.x,
            y: self.y,
            params: self.params.clone(),
            names: (0..PARAMS).map(param_name).collect(),
            z: z.to_vec(),
            h: h.to_vec(),
            zo,
            yhat,
            loss,
            slope_h,
            slope_out,
            autodiff,
            finite_difference,
            relative_error: relative,
            max_relative_error,
            steps: self.steps,
        })
    }

    /// Gradients by burn autodiff (float64), and the local slopes f'(zⱼ), σ'(zₒ).
    ///
    /// # Shapes
    /// x `[1 × 2]`, W `[3 × 2]`, b `[1 × 3]`, v `[3 × 1]`, c `[1 × 1]`; z, h `[1 × 3]`; zₒ, ŷ `[1 × 1]`
    fn autodiff(&self, device: &Device) -> Result<(Gradients, Vec<f64>, f64), String> {
        let device = device.clone().autodiff();
        let t = |v: &[f64], shape: [usize; 2]| Tensor::<2>::from_data(TensorData::new(v.to_vec(), shape), (&device, DType::F64));
        let leaf = |v: &[f64], shape: [usize; 2]| t(v, shape).require_grad();
        let wn = HIDDEN * INPUTS;
        let x = t(&self.x, [1, INPUTS]);
        let w = leaf(&self.params[..wn], [HIDDEN, INPUTS]);
        let b = leaf(&self.params[wn..wn + HIDDEN], [1, HIDDEN]);
        let v = leaf(&self.params[wn + HIDDEN..wn + 2 * HIDDEN], [HIDDEN, 1]);
        let c = leaf(&[self.c()], [1, 1]);
        // Zero probes: adding them changes no value, and ∂L/∂probe = ∂L/∂node.
        let probe_z = leaf(&[0.0; HIDDEN], [1, HIDDEN]);
        let probe_h = leaf(&[0.0; HIDDEN], [1, HIDDEN]);
        let probe_zo = leaf(&[0.0], [1, 1]);
        let probe_y = leaf(&[0.0], [1, 1]);
        let z = x.matmul(w.clone().transpose()) + b.clone() + probe_z.clone();
        let h = self.hidden.apply(z) + probe_h.clone();
        let zo = h.matmul(v.clone()) + c.clone() + probe_zo.clone();
        let yhat = activation::sigmoid(zo) + probe_y.clone();
        let y = self.y;
        let loss = match self.loss {
            Loss::SquaredError => (yhat - y).powi_scalar(2).mul_scalar(0.5),
            Loss::CrossEntropy => (yhat.clone().log().mul_scalar(y) + yhat.neg().add_scalar(1.0).log().mul_scalar(1.0 - y)).neg(),
        };
        let grads = loss.sum().backward();
        let read = |t: &Tensor<2>, n: usize| -> Result<Vec<f64>, String> {
            let g = t.grad(&grads).map_or_else(|| Ok(vec![0.0; n]), |g| g.try_into_vec_as::<f64>().map_err(|e| format!("{e:?}")))?;
            if g.len() == n { Ok(g) } else { Err(format!("autodiff gave {} values, expected {n}", g.len())) }
        };
        let mut params = read(&w, wn)?;
        params.extend(read(&b, HIDDEN)?);
        params.extend(read(&v, HIDDEN)?);
        params.extend(read(&c, 1)?);
        let gradients = Gradients { params, z: read(&probe_z, HIDDEN)?, h: read(&probe_h, HIDDEN)?, zo: read(&probe_zo, 1)?[0], yhat: read(&probe_y, 1)?[0] };
        // Local slopes, each its own small backward pass through the activation alone.
        let (z, _, zo, _, _) = self.forward(None);
        let slope = |act: Activation, at: &[f64]| -> Result<Vec<f64>, String> {
            let z = leaf(at, [1, at.len()]);
            let g = act.apply(z.clone()).sum().backward();
            z.grad(&g).ok_or("no slope from autodiff")?.try_into_vec_as::<f64>().map_err(|e| format!("{e:?}"))
        };
        Ok((gradients, slope(self.hidden, &z)?, slope(Activation::Sigmoid, &[zo])?[0]))
    }

    /// The chain rule for parameter `k`, written out with the numbers of `pass`.
    ///
    /// # Errors
    /// `k` not below [`PARAMS`].
    pub fn chain(pass: &Pass, k: usize) -> Result<Chain, String> {
        if k >= PARAMS {
            return Err(format!("parameter {k}: there are {PARAMS}, numbered from 0"));
        }
        let wn = HIDDEN * INPUTS;
        let factor = |symbol: String, value: f64| Factor { symbol, value };
        let name = param_name(k);
        let mut factors = vec![factor("∂L/∂ŷ".into(), pass.autodiff.yhat), factor("∂ŷ/∂zₒ".into(), pass.slope_out)];
        if k < wn + HIDDEN {
            let j = if k < wn { k / INPUTS } else { k - wn };
            let s = SUB[j + 1];
            factors.push(factor(format!("∂zₒ/∂h{s}"), pass.params[wn + HIDDEN + j]));
            factors.push(factor(format!("∂h{s}/∂z{s}"), pass.slope_h[j]));
            factors.push(factor(format!("∂z{s}/∂{name}"), if k < wn { pass.x[k % INPUTS] } else { 1.0 }));
        } else if k < PARAMS - 1 {
            factors.push(factor(format!("∂zₒ/∂{name}"), pass.h[k - wn - HIDDEN]));
        } else {
            factors.push(factor("∂zₒ/∂c".into(), 1.0));
        }
        let product = factors.iter().map(|f| f.value).product();
        let finite_difference = pass.finite_difference.params[k];
        Ok(Chain { param: k, name, factors, product, autodiff: pass.autodiff.params[k], finite_difference, relative_error: relative_error(product, finite_difference) })
    }

    /// One step of gradient descent, θ ← θ − η ∂L/∂θ (autodiff gradients). Returns the loss
    /// before and after.
    ///
    /// # Errors
    /// A learning rate outside (0, [`MAX_RATE`]]; a step that would make a parameter or the loss
    /// not finite (then nothing changes).
    pub fn descend(&mut self, rate: f64, device: &Device) -> Result<(f64, f64), String> {
        if !(rate > 0.0 && rate <= MAX_RATE) {
            return Err(format!("learning rate {rate}: use a number above 0 and at most {MAX_RATE}"));
        }
        let before = self.forward(None).4;
        let (g, _, _) = self.autodiff(device)?;
        let mut next = self.clone();
        next.params.iter_mut().zip(&g.params).for_each(|(p, g)| *p -= rate * g);
        let after = next.forward(None).4;
        if !after.is_finite() || next.params.iter().any(|p| !p.is_finite() || p.abs() > MAX_PARAM) {
            return Err(format!("that step makes the loss {after}: try a smaller learning rate"));
        }
        next.steps += 1;
        *self = next;
        Ok((before, after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device() -> Device {
        Device::flex()
    }

    #[test]
    fn every_gradient_equals_a_central_finite_difference() {
        let mut cases = 0;
        for seed in 1..=6 {
            for hidden in ["sigmoid", "tanh"] {
                for loss in ["squared-error", "cross-entropy"] {
                    for (x1, x2, y) in [(1.0, 0.5, 1.0), (-2.0, 3.0, 0.0), (0.0, -1.5, 0.3), (5.0, -5.0, 1.0)] {
                        let mut net = Backprop::new(seed);
                        net.set_settings(parse_hidden(hidden).unwrap(), Loss::parse(loss).unwrap());
                        net.set_example(x1, x2, y).unwrap();
                        let pass = net.pass(&device()).unwrap();
                        assert!(pass.max_relative_error <= 1e-3, "{seed} {hidden} {loss} {x1} {x2} {y}: {:e}", pass.max_relative_error);
                        for k in 0..PARAMS {
                            let chain = Backprop::chain(&pass, k).unwrap();
                            assert!(chain.relative_error <= 1e-3, "{}: product {} vs {}", chain.name, chain.product, chain.finite_difference);
                            assert!(relative_error(chain.product, chain.autodiff) <= 1e-9);
                        }
                        cases += 1;
                    }
                }
            }
        }
        assert_eq!(cases, 96);
    }

    #[test]
    fn a_hand_computed_pass() {
        // w = [[0.5, −1], [0.25, 0], [−0.5, 1]], b = [0, 0.5, −0.25], v = [1, −1, 0.5], c = 0.1.
        let mut net = Backprop::new(1);
        net.set_params(&[0.5, -1.0, 0.25, 0.0, -0.5, 1.0, 0.0, 0.5, -0.25, 1.0, -1.0, 0.5, 0.1]).unwrap();
        net.set_example(1.0, 0.5, 1.0).unwrap();
        let pass = net.pass(&device()).unwrap();
        let s = sigmoid;
        let z = [0.5 - 0.5, 0.25 + 0.5, -0.5 + 0.5 - 0.25];
        assert_eq!(pass.z, z);
        let h = z.map(s);
        let zo = h[0] - h[1] + 0.5 * h[2] + 0.1;
        let yhat = s(zo);
        assert!((pass.yhat - yhat).abs() < 1e-15);
        assert!((pass.loss - 0.5 * (yhat - 1.0).powi(2)).abs() < 1e-15);
        // ∂L/∂w₂₁ = (ŷ − y) · ŷ(1 − ŷ) · v₂ · h₂(1 − h₂) · x₁
        let want = (yhat - 1.0) * yhat * (1.0 - yhat) * -1.0 * h[1] * (1.0 - h[1]) * 1.0;
        let chain = Backprop::chain(&pass, 2).unwrap();
        assert_eq!(chain.name, "w₂₁");
        let symbols: Vec<&str> = chain.factors.iter().map(|f| f.symbol.as_str()).collect();
        assert_eq!(symbols, ["∂L/∂ŷ", "∂ŷ/∂zₒ", "∂zₒ/∂h₂", "∂h₂/∂z₂", "∂z₂/∂w₂₁"]);
        assert!((chain.product - want).abs() < 1e-15, "{} vs {want}", chain.product);
        assert!((pass.autodiff.params[2] - want).abs() < 1e-15);
        // with cross-entropy, ∂L/∂zₒ = ŷ − y (the sigmoid's slope cancels)
        net.set_settings(Activation::Sigmoid, Loss::CrossEntropy);
        let pass = net.pass(&device()).unwrap();
        assert!((pass.autodiff.zo - (yhat - 1.0)).abs() < 1e-12);
        assert_eq!(Backprop::chain(&pass, 12).unwrap().factors.len(), 3);
        assert_eq!(Backprop::chain(&pass, 10).unwrap().factors[2].symbol, "∂zₒ/∂v₂");
        assert_eq!((0..PARAMS).map(param_name).collect::<Vec<_>>().join(" "), "w₁₁ w₁₂ w₂₁ w₂₂ w₃₁ w₃₂ b₁ b₂ b₃ v₁ v₂ v₃ c");
    }

    #[test]
    fn gradient_descent_lowers_the_loss_and_reset_goes_back() {
        let mut net = Backprop::new(3);
        let start = net.params().to_vec();
        let mut last = f64::INFINITY;
        for _ in 0..20 {
            let (before, after) = net.descend(0.5, &device()).unwrap();
            assert!(after < before && before <= last);
            last = after;
        }
        assert_eq!(net.pass(&device()).unwrap().steps, 20);
        net.reset();
        assert_eq!(net.params(), start);
    }

    #[test]
    fn bad_input_is_refused() {
        let mut net = Backprop::new(1);
        assert!(net.set_example(f64::NAN, 0.0, 1.0).is_err());
        assert!(net.set_example(11.0, 0.0, 1.0).is_err());
        assert!(net.set_example(0.0, 0.0, 1.5).is_err());
        assert!(net.set_params(&[0.0; 3]).is_err());
        assert!(net.set_params(&[f64::INFINITY; PARAMS]).is_err());
        assert!(net.descend(0.0, &device()).is_err() && net.descend(f64::NAN, &device()).is_err() && net.descend(1e9, &device()).is_err());
        assert!(parse_hidden("relu").is_err() && Loss::parse("hinge").is_err());
        let pass = net.pass(&device()).unwrap();
        assert!(Backprop::chain(&pass, PARAMS).is_err());
        // cross-entropy of a saturated output is refused, not shown as inf
        net.set_params(&[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 800.0]).unwrap();
        net.set_settings(Activation::Sigmoid, Loss::CrossEntropy);
        net.set_example(0.0, 0.0, 0.0).unwrap();
        assert!(net.pass(&device()).is_err());
    }
}
