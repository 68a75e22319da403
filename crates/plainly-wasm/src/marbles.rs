//! Checked entry points of the marbles widget (plain Rust, tested natively).

use plainly_models::marbles::{self, OptimizerKind, OptimizerSettings, Status, Swarm, Tally};
use plainly_models::surfaces::{Grid, Surface, SurfaceKind};
use serde::Serialize;

/// Surface names the widget and URL use.
pub const SURFACES: [(&str, SurfaceKind); 6] = [
    ("bowl", SurfaceKind::Bowl),
    ("rosenbrock", SurfaceKind::Rosenbrock),
    ("himmelblau", SurfaceKind::Himmelblau),
    ("bumpy", SurfaceKind::Bumpy),
    ("saddle", SurfaceKind::Saddle),
    ("network", SurfaceKind::Landscape),
];

/// The most optimizer steps one call may take (keeps a call short enough for one frame).
pub const MAX_STEPS_PER_CALL: usize = 1000;
/// The most swarms on one field.
pub const MAX_SWARMS: usize = 64;

/// A known minimum as JavaScript sees it.
#[derive(Debug, Serialize, PartialEq)]
pub struct MinimumOut {
    /// x.
    pub x: f32,
    /// y.
    pub y: f32,
    /// Loss there.
    pub value: f32,
    /// The lowest on the surface.
    pub global: bool,
}

/// A surface and the swarms rolling on it.
#[derive(Debug)]
pub struct Field {
    surface: Surface,
    swarms: Vec<Swarm>,
    device: burn::prelude::Device,
}

impl Field {
    /// A field on the named surface; `network` needs the landscape file's text
    /// (`web/assets/landscape-digit-cnn.json`).
    ///
    /// # Errors
    /// An unknown surface name, or a missing or malformed landscape file.
    pub fn new(surface: &str, landscape_json: Option<&str>) -> Result<Self, String> {
        let device = burn::prelude::Device::flex();
        let kind = SURFACES
            .iter()
            .find(|(name, _)| *name == surface)
            .map(|(_, k)| *k)
            .ok_or_else(|| format!("unknown surface {surface:?}; use one of {:?}", SURFACES.map(|s| s.0)))?;
        let surface = match kind {
            SurfaceKind::Landscape => {
                let text = landscape_json.ok_or("the network surface needs its landscape file")?;
                #[derive(serde::Deserialize)]
                struct File {
                    grid: Grid,
                }
                let file: File = serde_json::from_str(text).map_err(|e| format!("landscape file: {e}"))?;
                Surface::landscape(file.grid, &device).map_err(|e| format!("landscape file: {e}"))?
            }
            kind => Surface::analytic(kind).ok_or("no such analytic surface")?,
        };
        Ok(Self { surface, swarms: Vec::new(), device })
    }

    /// `[x_min, x_max, y_min, y_max]`.
    pub fn domain(&self) -> [f32; 4] {
        let [[a, b], [c, d]] = self.surface.domain;
        [a, b, c, d]
    }

    /// Known minima.
    pub fn minima(&self) -> Vec<MinimumOut> {
        self.surface.minima.iter().map(|m| MinimumOut { x: m.x, y: m.y, value: m.value, global: m.global }).collect()
    }

    /// The loss on an `nx × ny` grid over the domain (row by row, y outer), for drawing.
    ///
    /// # Errors
    /// A size outside 2..=1024.
    pub fn sample(&self, nx: usize, ny: usize) -> Result<Vec<f32>, String> {
        if !(2..=1024).contains(&nx) || !(2..=1024).contains(&ny) {
            return Err(format!("sample grid {nx} × {ny}; 2 to 1024 each way"));
        }
        Ok(self.surface.sample(nx, ny, &self.device))
    }

    /// Start a swarm at `starts` (x, y pairs) and return its index.
    ///
    /// # Errors
    /// An odd-length or empty start list, too many marbles or swarms, an unknown optimizer, or
    /// settings out of range.
    pub fn add(&mut self, starts: &[f32], optimizer: &str, learning_rate: f64, beta1: f64, beta2: f64) -> Result<usize, String> {
        if self.swarms.len() >= MAX_SWARMS {
            return Err(format!("at most {MAX_SWARMS} swarms at once; reset first"));
        }
        if starts.len() % 2 != 0 {
            return Err(format!("start positions come in (x, y) pairs; got {} numbers", starts.len()));
        }
        let kind = OptimizerKind::from_name(optimizer)
            .ok_or_else(|| format!("unknown optimizer {optimizer:?}; use one of {:?}", OptimizerKind::ALL.map(OptimizerKind::name)))?;
        let pairs: Vec<[f32; 2]> = starts.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let settings = OptimizerSettings { kind, learning_rate, beta1, beta2 };
        self.swarms.push(Swarm::new(&self.surface, &pairs, settings, &self.device)?);
        Ok(self.swarms.len() - 1)
    }

    /// `n` random starts over the domain (x, y pairs), reproducible from `seed`.
    ///
    /// # Errors
    /// `n` outside 1..=1000.
    pub fn random_starts(&self, n: usize, seed: u64) -> Result<Vec<f32>, String> {
        if !(1..=marbles::MAX_MARBLES).contains(&n) {
            return Err(format!("{n} marbles; 1 to {} are allowed", marbles::MAX_MARBLES));
        }
        Ok(marbles::random_starts(&self.surface, n, seed).into_iter().flatten().collect())
    }

    /// Every swarm takes `count` optimizer steps.
    ///
    /// # Errors
    /// `count` above [`MAX_STEPS_PER_CALL`].
    pub fn step(&mut self, count: usize) -> Result<(), String> {
        if count > MAX_STEPS_PER_CALL {
            return Err(format!("{count} steps in one call; at most {MAX_STEPS_PER_CALL}"));
        }
        for swarm in &mut self.swarms {
            swarm.step(&self.surface, count);
        }
        Ok(())
    }

    /// Remove every swarm.
    pub fn clear(&mut self) {
        self.swarms.clear();
    }

    /// How many swarms there are.
    pub fn swarm_count(&self) -> usize {
        self.swarms.len()
    }

    /// The swarm at `index`.
    ///
    /// # Errors
    /// An index past the last swarm.
    pub fn swarm(&self, index: usize) -> Result<&Swarm, String> {
        self.swarms.get(index).ok_or_else(|| format!("no swarm {index}; there are {}", self.swarms.len()))
    }

    /// Each marble's status as a number: 0 rolling, `k` diverged at step `k`, `−k` left the surface
    /// at step `k` (`k ≥ 1`, or 0 → `i32::MIN` for a start outside the surface).
    ///
    /// # Errors
    /// An index past the last swarm.
    pub fn status(&self, index: usize) -> Result<Vec<i32>, String> {
        let code = |s: &Status| match *s {
            Status::Rolling => 0,
            Status::Diverged { step } => i32::try_from(step.max(1)).unwrap_or(i32::MAX),
            Status::Left { step: 0 } => i32::MIN,
            Status::Left { step } => -i32::try_from(step).unwrap_or(i32::MAX),
        };
        Ok(self.swarm(index)?.status().iter().map(code).collect())
    }

    /// Where a swarm's marbles rest: within `radius` of a known minimum, global or local.
    ///
    /// # Errors
    /// An index past the last swarm, or a radius that is not a positive number.
    pub fn tally(&self, index: usize, radius: f32) -> Result<Tally, String> {
        if !(radius.is_finite() && radius > 0.0) {
            return Err(format!("radius {radius} must be a positive number"));
        }
        Ok(self.swarm(index)?.tally(&self.surface, radius))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_calls_are_refused_with_a_reason() {
        assert!(Field::new("moon", None).unwrap_err().contains("unknown surface"));
        assert!(Field::new("network", None).unwrap_err().contains("landscape file"));
        assert!(Field::new("network", Some("{}")).unwrap_err().contains("landscape file"));
        assert!(Field::new("network", Some(r#"{"grid":{"x":[0,1],"y":[0,1],"nx":2,"ny":2,"values":[1,2,3]}}"#)).unwrap_err().contains("3 values"));
        let mut f = Field::new("bowl", None).unwrap();
        assert!(f.add(&[1.0], "sgd", 0.1, 0.9, 0.999).unwrap_err().contains("pairs"));
        assert!(f.add(&[], "sgd", 0.1, 0.9, 0.999).unwrap_err().contains("0 marbles"));
        assert!(f.add(&[0.0, 0.0], "lbfgs", 0.1, 0.9, 0.999).unwrap_err().contains("unknown optimizer"));
        assert!(f.add(&[0.0, 0.0], "adam", f64::INFINITY, 0.9, 0.999).unwrap_err().contains("learning rate"));
        assert!(f.add(&[0.0, f32::NAN], "adam", 0.1, 0.9, 0.999).unwrap_err().contains("finite"));
        assert!(f.step(MAX_STEPS_PER_CALL + 1).is_err());
        assert!(f.sample(1, 5).is_err());
        assert!(f.random_starts(0, 1).is_err());
        assert!(f.status(0).unwrap_err().contains("no swarm"));
        assert!(f.tally(0, 0.1).is_err());
        let i = f.add(&[1.0, 1.0], "sgd", 0.5, 0.9, 0.999).unwrap();
        assert!(f.tally(i, f32::NAN).is_err());
    }

    #[test]
    fn a_diverging_marble_is_reported_and_the_others_keep_going() {
        let mut f = Field::new("bowl", None).unwrap();
        let wild = f.add(&[1.0, 1.0], "sgd", 10.0, 0.9, 0.999).unwrap();
        let calm = f.add(&[1.0, 1.0, -0.5, 0.25], "sgd", 0.1, 0.9, 0.999).unwrap();
        f.step(40).unwrap();
        assert_eq!(f.status(wild).unwrap(), vec![-1]);
        assert_eq!(f.status(calm).unwrap(), vec![0, 0]);
        assert!(f.swarm(calm).unwrap().losses().iter().all(|&l| l < 1e-6));
        // a start off the surface is reported at once
        let off = f.add(&[5.0, 0.0], "adam", 0.1, 0.9, 0.999).unwrap();
        assert_eq!(f.status(off).unwrap(), vec![i32::MIN]);
        f.clear();
        assert_eq!(f.swarm_count(), 0);
    }
}
