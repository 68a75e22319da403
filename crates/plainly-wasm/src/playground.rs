//! Checked entry point of the network playground (tested natively).

use plainly_models::activations::Activation;
use plainly_models::marbles::{OptimizerKind, OptimizerSettings};
use plainly_models::playground::{Dataset, Playground, Progress, Settings};

/// Most optimizer steps one call may take (a frame asks for far fewer; this bounds a stall).
pub const MAX_STEPS_PER_CALL: usize = 10_000;

/// The playground's settings as the widget sends them (names as in the URL).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spec {
    /// `xor`, `circles`, `moons`, `spiral` or `blobs`.
    pub dataset: String,
    /// Gaussian noise on the points, plot units (0 to 0.5).
    pub noise: f32,
    /// Points, train and test together.
    pub points: usize,
    /// Neurons per hidden layer.
    pub hidden: Vec<usize>,
    /// `sigmoid`, `tanh`, `relu`, `leaky-relu` or `gelu`.
    pub activation: String,
    /// `sgd`, `momentum`, `nesterov`, `adagrad`, `rmsprop` or `adam`.
    pub optimizer: String,
    /// η.
    pub learning_rate: f64,
    /// Points per step.
    pub batch_size: usize,
    /// L2 penalty λ.
    pub l2: f64,
    /// Seeds data, weights and batch order.
    pub seed: u64,
}

impl Spec {
    /// The model's settings.
    ///
    /// # Errors
    /// An unknown name or a number out of range, as a sentence.
    pub fn settings(&self) -> Result<Settings, String> {
        let kind = OptimizerKind::from_name(&self.optimizer).ok_or_else(|| format!("unknown optimizer {:?}", self.optimizer))?;
        let settings = Settings {
            dataset: Dataset::parse(&self.dataset)?,
            noise: self.noise,
            points: self.points,
            hidden: self.hidden.clone(),
            activation: Activation::parse(&self.activation)?,
            optimizer: OptimizerSettings::new(kind, self.learning_rate),
            batch_size: self.batch_size,
            l2: self.l2,
            seed: self.seed,
        };
        settings.validate()?;
        Ok(settings)
    }
}

/// A playground built from a checked [`Spec`].
///
/// # Errors
/// Bad settings.
pub fn build(spec: &Spec) -> Result<Playground, String> {
    Playground::new(spec.settings()?, &crate::device(None)?)
}

/// Take `count` steps (at most [`MAX_STEPS_PER_CALL`]).
///
/// # Errors
/// Zero steps or more than the limit.
pub fn step(playground: &mut Playground, count: usize) -> Result<Progress, String> {
    if count == 0 || count > MAX_STEPS_PER_CALL {
        return Err(format!("{count} steps; take 1 to {MAX_STEPS_PER_CALL} per call"));
    }
    Ok(playground.step(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec {
            dataset: "circles".into(),
            noise: 0.05,
            points: 200,
            hidden: vec![8, 8],
            activation: "tanh".into(),
            optimizer: "adam".into(),
            learning_rate: 0.03,
            batch_size: 10,
            l2: 0.0,
            seed: 3,
        }
    }

    #[test]
    fn a_good_spec_trains_and_bad_ones_are_refused() {
        let mut p = build(&spec()).unwrap();
        assert_eq!(step(&mut p, 5).unwrap().step, 5);
        assert!(step(&mut p, 0).is_err() && step(&mut p, MAX_STEPS_PER_CALL + 1).is_err());
        for bad in [
            Spec { dataset: "iris".into(), ..spec() },
            Spec { activation: "step".into(), ..spec() },
            Spec { optimizer: "lbfgs".into(), ..spec() },
            Spec { learning_rate: f64::NAN, ..spec() },
            Spec { hidden: vec![usize::MAX], ..spec() },
            Spec { points: usize::MAX, ..spec() },
            Spec { batch_size: 1 << 40, ..spec() },
            Spec { noise: f32::INFINITY, ..spec() },
        ] {
            assert!(build(&bad).is_err(), "{bad:?}");
        }
    }
}
