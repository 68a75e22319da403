//! Gradient descent as marbles on a loss surface.
//!
//! A swarm of marbles is one burn module whose parameter is their positions, `[n, 2]`; its loss is
//! the surface summed over marbles. Marbles never interact and every optimizer here works element
//! by element, so this is exactly `n` independent two-parameter problems, each marble with its own
//! optimizer state (velocity, squared-gradient averages, step count) — computed in one batch.
//! Gradients come from burn autodiff; the updates from burn's own optimizers.

use burn::module::{Module, Param};
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdaGradConfig, AdamConfig, GradientsParams, ModuleOptimizer, RmsPropConfig, SgdConfig};
use burn::prelude::*;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use crate::surfaces::Surface;

/// The optimizers a marble can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain gradient descent: `θ ← θ − η g`.
    Sgd,
    /// Heavy ball (Polyak 1964): `v ← μ v + g`, `θ ← θ − η v`.
    Momentum,
    /// Nesterov momentum (Sutskever et al. 2013 form): `v ← μ v + g`, `θ ← θ − η (g + μ v)`.
    Nesterov,
    /// AdaGrad (Duchi et al. 2011): each coordinate's step divided by the root of its summed
    /// squared gradients.
    AdaGrad,
    /// RMSProp (Tieleman & Hinton 2012): divided by the root of a moving average of squared
    /// gradients (decay ρ).
    RmsProp,
    /// Adam (Kingma & Ba 2015): momentum (β₁) over gradients divided by the root of a moving
    /// average of squared gradients (β₂), both bias-corrected.
    Adam,
}

impl OptimizerKind {
    /// Every kind, in teaching order.
    pub const ALL: [Self; 6] = [Self::Sgd, Self::Momentum, Self::Nesterov, Self::AdaGrad, Self::RmsProp, Self::Adam];

    /// The short name used by the widget and the URL (`sgd`, `momentum`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Momentum => "momentum",
            Self::Nesterov => "nesterov",
            Self::AdaGrad => "adagrad",
            Self::RmsProp => "rmsprop",
            Self::Adam => "adam",
        }
    }

    /// The kind for a short name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// An optimizer and its settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerSettings {
    /// Which optimizer.
    pub kind: OptimizerKind,
    /// Learning rate η (> 0).
    pub learning_rate: f64,
    /// μ for momentum and Nesterov, β₁ for Adam (0 ≤ · < 1).
    pub beta1: f64,
    /// ρ for RMSProp, β₂ for Adam (0 ≤ · < 1).
    pub beta2: f64,
}

impl OptimizerSettings {
    /// The usual defaults: μ = β₁ = 0.9, ρ = 0.9, β₂ = 0.999 (RMSProp uses ρ = `beta2` too; the
    /// widget sets 0.9 for it).
    pub fn new(kind: OptimizerKind, learning_rate: f64) -> Self {
        let beta2 = if kind == OptimizerKind::RmsProp { 0.9 } else { 0.999 };
        Self { kind, learning_rate, beta1: 0.9, beta2 }
    }

    /// Check the numbers.
    ///
    /// # Errors
    /// A sentence naming the bad setting.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0 && self.learning_rate <= 1e6) {
            return Err(format!("learning rate {} must be a number above 0 and at most 1,000,000", self.learning_rate));
        }
        for (name, b) in [("momentum/β₁", self.beta1), ("ρ/β₂", self.beta2)] {
            if !(b.is_finite() && (0.0..1.0).contains(&b)) {
                return Err(format!("{name} = {b} must be at least 0 and below 1"));
            }
        }
        Ok(())
    }

    pub(crate) fn init(&self) -> ModuleOptimizer {
        let momentum = |nesterov| MomentumConfig { momentum: self.beta1, dampening: 0.0, nesterov };
        // No weight decay or clipping anywhere: the marble feels the surface and nothing else.
        match self.kind {
            OptimizerKind::Sgd => SgdConfig::new().init(),
            OptimizerKind::Momentum => SgdConfig::new().with_momentum(Some(momentum(false))).init(),
            OptimizerKind::Nesterov => SgdConfig::new().with_momentum(Some(momentum(true))).init(),
            OptimizerKind::AdaGrad => AdaGradConfig::new().with_epsilon(1e-8).init(),
            OptimizerKind::RmsProp => RmsPropConfig::new().with_alpha(self.beta2 as f32).with_momentum(0.0).with_epsilon(1e-8).init(),
            OptimizerKind::Adam => AdamConfig::new().with_beta_1(self.beta1 as f32).with_beta_2(self.beta2 as f32).with_epsilon(1e-8).init(),
        }
    }
}

#[derive(Module, Debug)]
struct Positions {
    xy: Param<Tensor<2>>,
}

/// Where a marble is in its journey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    /// Still rolling (or resting, see [`Swarm::settled`]).
    Rolling,
    /// Its loss or position stopped being a finite number at this step.
    Diverged {
        /// The step at which it happened (1 = after the first update).
        step: usize,
    },
    /// It left the drawn part of the plane at this step.
    Left {
        /// The step at which it happened.
        step: usize,
    },
}

/// A group of marbles that share an optimizer setting, each with its own optimizer state.
pub struct Swarm {
    settings: OptimizerSettings,
    positions: Positions,
    optimizer: ModuleOptimizer,
    device: Device,
    step: usize,
    xy: Vec<f32>,
    losses: Vec<f32>,
    moved: Vec<f32>,
    status: Vec<Status>,
}

impl core::fmt::Debug for Swarm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Swarm").field("settings", &self.settings).field("marbles", &self.status.len()).field("step", &self.step).finish()
    }
}

/// How many marbles a swarm may hold.
pub const MAX_MARBLES: usize = 1000;

impl Swarm {
    /// Marbles at `starts` (`(x, y)` pairs) on `surface`.
    ///
    /// # Errors
    /// No marbles, more than [`MAX_MARBLES`], a start that is not finite, or bad settings.
    pub fn new(surface: &Surface, starts: &[[f32; 2]], settings: OptimizerSettings, device: &Device) -> Result<Self, String> {
        settings.validate()?;
        if starts.is_empty() || starts.len() > MAX_MARBLES {
            return Err(format!("{} marbles; 1 to {MAX_MARBLES} are allowed", starts.len()));
        }
        if starts.iter().flatten().any(|v| !v.is_finite()) {
            return Err("a start position is not a finite number".into());
        }
        let device = device.clone().autodiff();
        let flat: Vec<f32> = starts.iter().flatten().copied().collect();
        let xy = Tensor::<1>::from_floats(flat.as_slice(), &device).reshape([starts.len(), 2]);
        let mut swarm = Self {
            settings,
            positions: Positions { xy: Param::from_tensor(xy) },
            optimizer: settings.init(),
            device,
            step: 0,
            xy: flat,
            losses: Vec::new(),
            moved: vec![f32::INFINITY; starts.len()],
            status: vec![Status::Rolling; starts.len()],
        };
        swarm.losses = swarm.read_losses(surface);
        swarm.update_status(surface);
        Ok(swarm)
    }

    fn read_losses(&self, surface: &Surface) -> Vec<f32> {
        let xy = self.positions.xy.val().detach();
        surface.loss(xy).try_into_vec_as::<f32>().unwrap_or_default()
    }

    /// Take `count` optimizer steps for every marble.
    pub fn step(&mut self, surface: &Surface, count: usize) {
        for _ in 0..count {
            let loss = surface.loss(self.positions.xy.val()).sum();
            let grads = GradientsParams::from_grads(loss.backward(), &self.positions);
            let positions = core::mem::replace(&mut self.positions, Positions { xy: Param::from_tensor(Tensor::zeros([1, 2], &self.device)) });
            self.positions = self.optimizer.step(self.settings.learning_rate, positions, grads);
            self.step += 1;
            let before = core::mem::take(&mut self.xy);
            self.xy = self.positions.xy.val().try_into_vec_as::<f32>().unwrap_or_default();
            self.moved = before.chunks_exact(2).zip(self.xy.chunks_exact(2)).map(|(a, b)| (a[0] - b[0]).hypot(a[1] - b[1])).collect();
            self.losses = self.read_losses(surface);
            self.update_status(surface);
        }
    }

    fn update_status(&mut self, surface: &Surface) {
        for (i, status) in self.status.iter_mut().enumerate() {
            if *status != Status::Rolling {
                continue;
            }
            let (x, y, loss) = (self.xy[2 * i], self.xy[2 * i + 1], self.losses[i]);
            if !(x.is_finite() && y.is_finite() && loss.is_finite()) {
                *status = Status::Diverged { step: self.step };
            } else if !surface.contains(x, y) {
                *status = Status::Left { step: self.step };
            }
        }
    }

    /// Steps taken.
    pub fn steps(&self) -> usize {
        self.step
    }

    /// The optimizer settings.
    pub fn settings(&self) -> OptimizerSettings {
        self.settings
    }

    /// Positions, `[n, 2]` row-major (x, y).
    pub fn positions(&self) -> &[f32] {
        &self.xy
    }

    /// Each marble's loss, `[n]`.
    pub fn losses(&self) -> &[f32] {
        &self.losses
    }

    /// Each marble's status.
    pub fn status(&self) -> &[Status] {
        &self.status
    }

    /// How far each marble moved in the last step (∞ before the first).
    pub fn moved(&self) -> &[f32] {
        &self.moved
    }

    /// True when every marble still on the surface moved less than `tolerance` in the last step.
    pub fn settled(&self, tolerance: f32) -> bool {
        self.status.iter().zip(&self.moved).all(|(s, &m)| *s != Status::Rolling || m < tolerance)
    }

    /// Where the marbles ended up, by the nearest known minimum within `radius`.
    pub fn tally(&self, surface: &Surface, radius: f32) -> Tally {
        let mut t = Tally::default();
        for (i, status) in self.status.iter().enumerate() {
            match status {
                Status::Diverged { .. } | Status::Left { .. } => t.diverged += 1,
                Status::Rolling => {
                    let (x, y) = (self.xy[2 * i], self.xy[2 * i + 1]);
                    let nearest = surface
                        .minima
                        .iter()
                        .map(|m| ((m.x - x).hypot(m.y - y), m))
                        .filter(|(d, _)| *d <= radius)
                        .min_by(|a, b| a.0.total_cmp(&b.0));
                    match nearest {
                        Some((_, m)) if m.global => t.global += 1,
                        Some(_) => t.local += 1,
                        None => t.elsewhere += 1,
                    }
                }
            }
        }
        t
    }
}

/// Where a swarm's marbles are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Resting in a global minimum.
    pub global: usize,
    /// Resting in another known minimum.
    pub local: usize,
    /// On the surface but near no known minimum (still rolling, on a saddle, …).
    pub elsewhere: usize,
    /// Diverged or left the surface.
    pub diverged: usize,
}

/// `n` start positions drawn uniformly over the surface's domain, reproducibly from `seed`.
pub fn random_starts(surface: &Surface, n: usize, seed: u64) -> Vec<[f32; 2]> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let [[x0, x1], [y0, y1]] = surface.domain;
    (0..n).map(|_| [rng.random_range(x0..x1), rng.random_range(y0..y1)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surfaces::SurfaceKind;

    fn device() -> Device {
        Device::flex()
    }

    fn surface(kind: SurfaceKind) -> Surface {
        Surface::analytic(kind).unwrap()
    }

    fn sgd(lr: f64) -> OptimizerSettings {
        OptimizerSettings::new(OptimizerKind::Sgd, lr)
    }

    #[test]
    fn sgd_on_the_bowl_by_hand() {
        let bowl = surface(SurfaceKind::Bowl);
        // x ← x − η·2x = (1 − 2η) x
        let mut s = Swarm::new(&bowl, &[[1.0, 1.0]], sgd(0.5), &device()).unwrap();
        s.step(&bowl, 1);
        assert_eq!(s.positions(), &[0.0, 0.0]);
        assert_eq!(s.losses(), &[0.0]);

        let mut s = Swarm::new(&bowl, &[[1.0, 1.0]], sgd(1.0), &device()).unwrap();
        for k in 1..=6 {
            s.step(&bowl, 1);
            let sign = if k % 2 == 1 { -1.0 } else { 1.0 };
            assert_eq!(s.positions(), &[sign, sign], "step {k}");
        }
        assert_eq!(s.status(), &[Status::Rolling]);

        // η = 1.1: factor −1.2 per step; it leaves the [−2, 2] square when 1.2^k > 2, at step 4
        let mut s = Swarm::new(&bowl, &[[1.0, 1.0]], sgd(1.1), &device()).unwrap();
        for k in 1..=4 {
            s.step(&bowl, 1);
            let want = (-1.2f64).powi(k) as f32;
            assert!((s.positions()[0] - want).abs() < 1e-5 * want.abs(), "step {k}: {} vs {want}", s.positions()[0]);
        }
        assert_eq!(s.status(), &[Status::Left { step: 4 }]);
    }

    #[test]
    fn a_learning_rate_of_10_overflows_float32() {
        // factor −19 per step: the loss x² + y² overflows f32 (3.4e38) once |x| > 1.3e19 (step
        // 15), the position once |x| > 3.4e38 (step 31); then ∞ − ∞ gives NaN.
        let bowl = surface(SurfaceKind::Bowl);
        let mut s = Swarm::new(&bowl, &[[1.0, 1.0]], sgd(10.0), &device()).unwrap();
        let (mut first_inf, mut first_nan) = (None, None);
        for k in 1..=40 {
            s.step(&bowl, 1);
            let (x, loss) = (s.positions()[0], s.losses()[0]);
            if loss.is_infinite() && first_inf.is_none() {
                first_inf = Some(k);
            }
            if (x.is_nan() || loss.is_nan()) && first_nan.is_none() {
                first_nan = Some(k);
            }
        }
        let (inf, nan) = (first_inf.unwrap(), first_nan.unwrap());
        assert!((15..=17).contains(&inf), "loss infinite from step {inf}");
        assert!((16..=32).contains(&nan) && nan > inf, "NaN from step {nan}");
        assert_eq!(s.status(), &[Status::Left { step: 1 }]);
        // a marble that goes non-finite inside the domain is reported as diverged
        let mut big = bowl.clone();
        big.domain = [[f32::MIN, f32::MAX], [f32::MIN, f32::MAX]];
        let mut s = Swarm::new(&big, &[[1.0, 1.0], [0.5, 0.0]], sgd(10.0), &device()).unwrap();
        s.step(&big, 40);
        assert_eq!(s.status()[0], Status::Diverged { step: inf });
    }

    #[test]
    fn adams_first_step_has_length_lr_in_each_coordinate() {
        for (kind, start) in [(SurfaceKind::Rosenbrock, [-1.2, 1.0]), (SurfaceKind::Himmelblau, [0.3, -4.0]), (SurfaceKind::Bumpy, [1.7, 0.2])] {
            let s0 = surface(kind);
            let lr = 0.05;
            let mut s = Swarm::new(&s0, &[start], OptimizerSettings::new(OptimizerKind::Adam, lr), &device()).unwrap();
            s.step(&s0, 1);
            for k in 0..2 {
                let moved = (s.positions()[k] - start[k]).abs();
                assert!((moved - lr as f32).abs() < 1e-5, "{kind:?} coordinate {k} moved {moved}");
            }
        }
    }

    #[test]
    fn himmelblau_minima_are_all_found() {
        let h = surface(SurfaceKind::Himmelblau);
        let starts = [[2.0, 1.0], [-2.0, 2.0], [-3.0, -2.0], [2.0, -1.0]];
        let mut s = Swarm::new(&h, &starts, sgd(0.01), &device()).unwrap();
        s.step(&h, 1000);
        for (i, m) in h.minima.iter().enumerate() {
            let (x, y) = (s.positions()[2 * i], s.positions()[2 * i + 1]);
            assert!((x - m.x).abs() < 1e-3 && (y - m.y).abs() < 1e-3, "marble {i} at ({x}, {y}), minimum ({}, {})", m.x, m.y);
            assert!(s.losses()[i] < 1e-6, "loss {}", s.losses()[i]);
        }
        assert_eq!(s.tally(&h, 0.1), Tally { global: 4, local: 0, elsewhere: 0, diverged: 0 });
    }

    #[test]
    fn momentum_finds_the_global_pit_more_often_than_sgd() {
        let bumpy = surface(SurfaceKind::Bumpy);
        let starts = random_starts(&bumpy, 100, 42);
        let run = |settings| {
            let mut s = Swarm::new(&bumpy, &starts, settings, &device()).unwrap();
            s.step(&bumpy, 600);
            (s.tally(&bumpy, 0.25), s.settled(1e-3))
        };
        let (plain, plain_settled) = run(sgd(0.01));
        let (heavy, heavy_settled) = run(OptimizerSettings::new(OptimizerKind::Momentum, 0.01));
        eprintln!("bumpy floor, 100 marbles, 600 steps at η = 0.01: SGD {plain:?}, momentum {heavy:?}");
        assert!(plain_settled && heavy_settled);
        assert!(plain.local > 50, "SGD: {plain:?}");
        assert!(heavy.global > plain.global, "momentum {heavy:?} vs SGD {plain:?}");
    }

    #[test]
    fn every_optimizer_descends_the_bowl() {
        let bowl = surface(SurfaceKind::Bowl);
        for kind in OptimizerKind::ALL {
            // AdaGrad's steps shrink as squared gradients pile up: it needs a larger rate
            let lr = if kind == OptimizerKind::AdaGrad { 0.5 } else { 0.05 };
            let mut s = Swarm::new(&bowl, &[[1.5, -1.0]], OptimizerSettings::new(kind, lr), &device()).unwrap();
            s.step(&bowl, 300);
            assert!(s.losses()[0] < 0.05, "{kind:?} loss {}", s.losses()[0]);
            assert_eq!(OptimizerKind::from_name(kind.name()), Some(kind));
        }
    }

    #[test]
    fn nesterov_and_momentum_by_hand_on_a_line() {
        // bowl, start (1, 0), η = 0.1, μ = 0.9: g₀ = 2.
        // heavy ball: v₁ = 2, x₁ = 1 − 0.2 = 0.8; g₁ = 1.6, v₂ = 1.8 + 1.6 = 3.4, x₂ = 0.8 − 0.34 = 0.46
        // Nesterov:   v₁ = 2, x₁ = 1 − 0.1·(2 + 1.8) = 0.62; g₁ = 1.24, v₂ = 1.8 + 1.24 = 3.04,
        //             x₂ = 0.62 − 0.1·(1.24 + 2.736) = 0.2224
        let bowl = surface(SurfaceKind::Bowl);
        for (kind, want) in [(OptimizerKind::Momentum, [0.8, 0.46]), (OptimizerKind::Nesterov, [0.62, 0.2224])] {
            let mut s = Swarm::new(&bowl, &[[1.0, 0.0]], OptimizerSettings::new(kind, 0.1), &device()).unwrap();
            for w in want {
                s.step(&bowl, 1);
                assert!((s.positions()[0] - w).abs() < 1e-5, "{kind:?}: {} vs {w}", s.positions()[0]);
            }
        }
    }

    #[test]
    fn bad_settings_and_starts_are_refused() {
        let bowl = surface(SurfaceKind::Bowl);
        let d = device();
        assert!(Swarm::new(&bowl, &[], sgd(0.1), &d).unwrap_err().contains("0 marbles"));
        assert!(Swarm::new(&bowl, &[[f32::NAN, 0.0]], sgd(0.1), &d).unwrap_err().contains("finite"));
        assert!(Swarm::new(&bowl, &[[0.0, 0.0]], sgd(-1.0), &d).unwrap_err().contains("learning rate"));
        assert!(Swarm::new(&bowl, &[[0.0, 0.0]], sgd(f64::NAN), &d).is_err());
        let mut bad = sgd(0.1);
        bad.beta1 = 1.0;
        assert!(Swarm::new(&bowl, &[[0.0, 0.0]], bad, &d).unwrap_err().contains("below 1"));
        assert!(Swarm::new(&bowl, &vec![[0.0, 0.0]; MAX_MARBLES + 1], sgd(0.1), &d).is_err());
    }
}
