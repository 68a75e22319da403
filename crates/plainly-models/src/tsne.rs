//! t-SNE (van der Maaten & Hinton 2008, "Visualizing Data using t-SNE", JMLR 9): a 2-D map of
//! high-dimensional points that keeps each point's near neighbours near, at the price of
//! distances between far-apart groups, which mean little on the map. Fitted here with the
//! Barnes-Hut approximation (van der Maaten 2014, "Accelerating t-SNE using Tree-Based
//! Algorithms", JMLR 15) of the `bhtsne` crate (MIT).
//!
//! How it works, in the words of the papers: around each point a Gaussian in the input space,
//! its width chosen so the point has about `perplexity` effective neighbours, turns distances
//! into affinities p; the map places the points so that affinities q under a heavy-tailed
//! Student-t kernel in 2-D match p (gradient descent on the KL divergence, with 250 epochs of
//! "early exaggeration" of p that lets clusters form first).
//!
//! What is ours: the input is centred and scaled by its largest absolute value (as in van der
//! Maaten's reference code, for numerical range; t-SNE's affinities do not depend on the scale);
//! the start is the PCA layout scaled to a standard deviation of 1e-4 (scikit-learn's
//! `init="pca"`), or a seeded Gaussian; and the fit runs on one thread, so a given input,
//! configuration and seed always give the same map, bit for bit.
//!
//! t-SNE has no out-of-sample transform: a new point cannot be mapped without refitting. To show
//! a new point anyway, [`place`] puts it at the mean map position of its nearest input-space
//! neighbours weighted by the same perplexity-calibrated Gaussian affinities the fit used — a
//! stated approximation, not a position the fit would necessarily have chosen.

use crate::pca::Pca;

/// How the map starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    /// The first two principal components, scaled to a standard deviation of 1e-4 along the
    /// first: deterministic, keeps the global arrangement of PCA.
    Pca,
    /// A Gaussian of standard deviation 1e-4 drawn from this seed.
    Random {
        /// Seed of the Gaussian draw.
        seed: u64,
    },
}

/// Settings of a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TsneConfig {
    /// Effective number of neighbours each point's Gaussian covers (5–50 is usual); each point
    /// looks at its `3 × perplexity` nearest neighbours. Needs more than `3 × perplexity` points.
    pub perplexity: f32,
    /// Gradient-descent epochs (the first 250 with early exaggeration 12).
    pub epochs: usize,
    /// Barnes-Hut accuracy: a group of points is treated as one when its size over its distance
    /// is below `theta` (0.5 is the papers' choice; smaller is slower and more exact).
    pub theta: f32,
    /// The start of the map.
    pub init: Init,
}

impl Default for TsneConfig {
    fn default() -> Self {
        Self { perplexity: 30.0, epochs: 1000, theta: 0.5, init: Init::Pca }
    }
}

/// A fitted map.
#[derive(Debug, Clone, PartialEq)]
pub struct TsneMap {
    /// `[n, 2]` row-major map coordinates, centred on 0.
    pub coords: Vec<f32>,
    /// The Barnes-Hut estimate of the KL divergence the fit minimised (lower is better).
    pub kl_divergence: f32,
}

fn check_points(points: &[f32], dim: usize) -> Result<usize, String> {
    if dim == 0 || points.len() % dim != 0 {
        return Err(format!("{} numbers are not whole points of {dim}", points.len()));
    }
    if let Some(i) = points.iter().position(|v| !v.is_finite()) {
        return Err(format!("value {i} is not a finite number"));
    }
    Ok(points.len() / dim)
}

/// Fit a 2-D t-SNE map to `n` points of `dim` numbers (`points` is `[n, dim]` row-major).
/// Returns `[n, 2]` coordinates in the same order. Deterministic for a given input and config.
///
/// # Errors
/// A length that is not `n × dim`, values that are not finite, a perplexity that is not
/// positive or needs more than `n − 1` neighbours (`3 × perplexity ≥ n`), no epochs, or a
/// `theta` that is not positive.
pub fn fit(points: &[f32], dim: usize, config: &TsneConfig) -> Result<TsneMap, String> {
    let n = check_points(points, dim)?;
    let p = config.perplexity;
    if !(p.is_finite() && p > 0.0) {
        return Err(format!("perplexity {p} must be a positive number"));
    }
    // bhtsne asks each point for floor(3 × perplexity) neighbours, besides itself
    if n < 2 || (3.0 * p).floor() as usize + 1 > n || (3.0 * p) < 1.0 {
        return Err(format!("perplexity {p} needs more than {} points, got {n}", (3.0 * p).floor() as usize + 1));
    }
    if config.epochs == 0 {
        return Err("t-SNE needs at least one epoch".into());
    }
    if !(config.theta.is_finite() && config.theta > 0.0) {
        return Err(format!("theta {} must be a positive number", config.theta));
    }
    // centre, then scale by the largest absolute value (van der Maaten's reference code)
    let mut mean = vec![0.0f64; dim];
    for row in points.chunks_exact(dim) {
        for (m, &v) in mean.iter_mut().zip(row) {
            *m += f64::from(v) / n as f64;
        }
    }
    let mut scaled: Vec<f32> = points.chunks_exact(dim).flat_map(|row| row.iter().zip(&mean).map(|(&v, &m)| (f64::from(v) - m) as f32)).collect();
    let largest = scaled.iter().fold(0.0f32, |a, v| a.max(v.abs()));
    if largest > 0.0 {
        scaled.iter_mut().for_each(|v| *v /= largest);
    }
    let start = initial_map(&scaled, dim, n, config.init)?;
    let run = || {
        let samples: Vec<&[f32]> = scaled.chunks_exact(dim).collect();
        let mut tsne = bhtsne::tSNE::<f32, &[f32], 2>::new(&samples);
        tsne.perplexity(p).epochs(config.epochs).initial_embedding(start.clone()).barnes_hut(config.theta, |a, b| {
            a.iter().zip(b.iter()).map(|(x, y)| (x - y) * (x - y)).sum::<f32>().sqrt()
        });
        let kl = tsne.kl_divergence().unwrap_or(f32::NAN);
        (tsne.embedding(), kl)
    };
    let (coords, kl_divergence) = single_threaded(run)?;
    if coords.len() != 2 * n || coords.iter().any(|v| !v.is_finite()) {
        return Err("the t-SNE fit diverged (a coordinate is not finite)".into());
    }
    Ok(TsneMap { coords, kl_divergence })
}

/// Run `f` on a one-thread rayon pool natively, so parallel sums add up in one fixed order and
/// the map is the same on every run and machine. In wasm, rayon already runs on the calling
/// thread.
fn single_threaded<R: Send>(f: impl FnOnce() -> R + Send) -> Result<R, String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| format!("t-SNE thread: {e}"))?;
        Ok(pool.install(f))
    }
    #[cfg(target_arch = "wasm32")]
    {
        Ok(f())
    }
}

fn initial_map(points: &[f32], dim: usize, n: usize, init: Init) -> Result<Vec<f32>, String> {
    let mut start = match init {
        Init::Pca if dim >= 2 => Pca::fit(points, dim, 2)?.project(points)?,
        Init::Pca => points.chunks_exact(dim).flat_map(|r| [r[0], 0.0]).collect(),
        Init::Random { seed } => {
            use rand::rngs::Xoshiro256PlusPlus;
            use rand::{RngExt, SeedableRng};
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
            // Box–Muller: two uniform draws give two independent standard normals
            (0..n)
                .flat_map(|_| {
                    let u1: f64 = 1.0 - rng.random::<f64>();
                    let u2: f64 = rng.random::<f64>();
                    let r = (-2.0 * u1.ln()).sqrt();
                    let a = std::f64::consts::TAU * u2;
                    [(r * a.cos()) as f32, (r * a.sin()) as f32]
                })
                .collect()
        }
    };
    let n_f = n as f64;
    let mean_x: f64 = start.iter().step_by(2).map(|&v| f64::from(v)).sum::<f64>() / n_f;
    let sd = (start.iter().step_by(2).map(|&v| (f64::from(v) - mean_x).powi(2)).sum::<f64>() / n_f).sqrt();
    let factor = if sd > 0.0 { 1e-4 / sd } else { 1.0 };
    start.iter_mut().for_each(|v| *v = (f64::from(*v) * factor) as f32);
    Ok(start)
}

/// Affinities of a new point to its neighbours, given their squared distances: a Gaussian
/// `exp(−β d²)` with β found by bisection so the distribution's perplexity `2^H` equals
/// `perplexity` (t-SNE's own calibration of each input point), normalised to sum to 1.
fn calibrated_affinities(squared: &[f64], perplexity: f64) -> Vec<f64> {
    // a distribution over k items has a perplexity between 1 and k
    let target = perplexity.clamp(1.0, squared.len() as f64).ln();
    let low = squared.iter().copied().fold(f64::INFINITY, f64::min);
    let shifted: Vec<f64> = squared.iter().map(|d| d - low).collect();
    let spread = shifted.iter().copied().fold(0.0, f64::max);
    if spread <= 0.0 || !spread.is_finite() {
        return vec![1.0 / squared.len() as f64; squared.len()];
    }
    let weights = |beta: f64| -> (Vec<f64>, f64) {
        let w: Vec<f64> = shifted.iter().map(|d| (-beta * d).exp()).collect();
        let sum: f64 = w.iter().sum();
        // entropy in nats of p = w / sum
        let entropy = sum.ln() + beta * w.iter().zip(&shifted).map(|(w, d)| w * d).sum::<f64>() / sum;
        (w, entropy)
    };
    let (mut lo, mut hi) = (0.0f64, f64::INFINITY);
    let mut beta = 1.0 / spread;
    let mut best = weights(beta).0;
    for _ in 0..200 {
        let (w, entropy) = weights(beta);
        best = w;
        if (entropy - target).abs() < 1e-6 || beta > 1e300 {
            break;
        }
        if entropy > target {
            lo = beta;
            beta = if hi.is_finite() { (beta + hi) / 2.0 } else { beta * 2.0 };
        } else {
            hi = beta;
            beta = (beta + lo) / 2.0;
        }
    }
    let sum: f64 = best.iter().sum();
    best.iter().map(|w| w / sum).collect()
}

/// Place a new point on a fitted map: the affinity-weighted mean map position of its
/// `floor(3 × perplexity)` nearest fitted points in the input space (see the module docs; an
/// approximation, t-SNE has no transform for new points).
///
/// `points` `[n, dim]` are the fitted inputs, `map` their `[n, 2]` coordinates, `query` `[dim]`.
///
/// # Errors
/// Mismatched lengths, values that are not finite, or a perplexity that is not positive.
pub fn place(points: &[f32], dim: usize, map: &[f32], query: &[f32], perplexity: f32) -> Result<[f32; 2], String> {
    let n = check_points(points, dim)?;
    if n == 0 || map.len() != 2 * n {
        return Err(format!("a map of {} numbers for {n} points", map.len()));
    }
    if query.len() != dim {
        return Err(format!("a point of {} numbers in a space of {dim}", query.len()));
    }
    if let Some(i) = query.iter().position(|v| !v.is_finite()) {
        return Err(format!("value {i} of the point is not a finite number"));
    }
    if !(perplexity.is_finite() && perplexity > 0.0) {
        return Err(format!("perplexity {perplexity} must be a positive number"));
    }
    let mut squared: Vec<(f64, usize)> = points
        .chunks_exact(dim)
        .enumerate()
        .map(|(i, row)| (row.iter().zip(query).map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2)).sum(), i))
        .collect();
    squared.sort_by(|a, b| a.0.total_cmp(&b.0));
    let k = ((3.0 * perplexity).floor() as usize).clamp(1, n);
    let near = &squared[..k];
    let weights = calibrated_affinities(&near.iter().map(|d| d.0).collect::<Vec<_>>(), f64::from(perplexity));
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for (w, &(_, i)) in weights.iter().zip(near) {
        x += w * f64::from(map[2 * i]);
        y += w * f64::from(map[2 * i + 1]);
    }
    Ok([x as f32, y as f32])
}

/// Leave-one-out k-nearest-neighbour accuracy of a layout: the share of points whose `k` nearest
/// other points (Euclidean, in `[n, dim]` `points`) vote for the point's own label (ties go to
/// the smaller label). A plain measure of how well a map keeps classes apart.
///
/// # Errors
/// Mismatched lengths, or `k` of 0 or not below the number of points.
pub fn knn_accuracy(points: &[f32], dim: usize, labels: &[u8], k: usize) -> Result<f64, String> {
    let n = check_points(points, dim)?;
    if labels.len() != n {
        return Err(format!("{} labels for {n} points", labels.len()));
    }
    if k == 0 || k >= n {
        return Err(format!("k = {k} for {n} points"));
    }
    let rows: Vec<&[f32]> = points.chunks_exact(dim).collect();
    let mut correct = 0usize;
    for (i, a) in rows.iter().enumerate() {
        let mut d: Vec<(f32, u8)> =
            rows.iter().enumerate().filter(|(j, _)| *j != i).map(|(j, b)| (a.iter().zip(b.iter()).map(|(x, y)| (x - y) * (x - y)).sum(), labels[j])).collect();
        d.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut votes = [0usize; 256];
        for &(_, l) in d.iter().take(k) {
            votes[usize::from(l)] += 1;
        }
        let best = (0..256).max_by(|&x, &y| votes[x].cmp(&votes[y]).then(y.cmp(&x))).unwrap_or(0);
        if best == usize::from(labels[i]) {
            correct += 1;
        }
    }
    Ok(correct as f64 / n as f64)
}

/// Trustworthiness of a map (Venna & Kaski 2001; the formula of scikit-learn's
/// `sklearn.manifold.trustworthiness`, Euclidean): 1 when every point's `k` nearest map
/// neighbours are also among its `k` nearest input neighbours, lower when the map invents
/// neighbours, each penalised by how far down the input ranking it really is.
///
/// # Errors
/// Mismatched lengths, or `k` of 0 or not below `n / 2` (the formula's range).
pub fn trustworthiness(points: &[f32], dim: usize, map: &[f32], k: usize) -> Result<f64, String> {
    let n = check_points(points, dim)?;
    if map.len() != 2 * n {
        return Err(format!("a map of {} numbers for {n} points", map.len()));
    }
    if k == 0 || 2 * k >= n {
        return Err(format!("k = {k} for {n} points; it must be below n / 2"));
    }
    let order = |rows: &[f32], d: usize, i: usize| -> Vec<usize> {
        let a = &rows[i * d..(i + 1) * d];
        let mut others: Vec<(f64, usize)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| (rows[j * d..(j + 1) * d].iter().zip(a).map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2)).sum(), j))
            .collect();
        others.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        others.into_iter().map(|(_, j)| j).collect()
    };
    let mut penalty = 0.0f64;
    let mut rank = vec![0usize; n];
    for i in 0..n {
        for (r, j) in order(points, dim, i).into_iter().enumerate() {
            rank[j] = r + 1;
        }
        for j in order(map, 2, i).into_iter().take(k) {
            penalty += rank[j].saturating_sub(k) as f64;
        }
    }
    let (n, k) = (n as f64, k as f64);
    Ok(1.0 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)))
}

/// FNV-1a, 64 bits: a fingerprint tying a shipped map to the exact weights and digits it was
/// made from.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// The shipped digit map (`web/assets/digit-tsne.json`): the t-SNE map of the digit CNN's
/// features of `mnist-test-1000.u8`, made by `make digit-tsne`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DigitMapFile {
    /// What the numbers are.
    pub description: String,
    /// The command that rebuilds the file.
    pub command: String,
    /// Perplexity of the fit (also used to place new points).
    pub perplexity: f32,
    /// Epochs of the fit.
    pub epochs: usize,
    /// Barnes-Hut theta.
    pub theta: f32,
    /// `"pca"` or `"random:<seed>"`.
    pub init: String,
    /// KL divergence reached.
    pub kl_divergence: f32,
    /// Leave-one-out 10-nearest-neighbour accuracy of the labels on this map.
    pub knn10_accuracy: f64,
    /// The same on the PCA layout, for comparison.
    pub pca_knn10_accuracy: f64,
    /// [`fingerprint`] of the CNN weights file.
    pub weights_fingerprint: String,
    /// [`fingerprint`] of the digit extract.
    pub extract_fingerprint: String,
    /// True labels in extract order, `[n]`.
    pub labels: Vec<u8>,
    /// Map coordinates in extract order, `[n, 2]` row-major.
    pub coords: Vec<f32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three Gaussian blobs in 10-D, 40 points each, far apart.
    fn blobs() -> (Vec<f32>, Vec<u8>) {
        use rand::rngs::Xoshiro256PlusPlus;
        use rand::{RngExt, SeedableRng};
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut points = Vec::new();
        let mut labels = Vec::new();
        for c in 0..3u8 {
            for _ in 0..40 {
                for d in 0..10 {
                    let centre = if d == usize::from(c) { 10.0 } else { 0.0 };
                    points.push(centre + rng.random_range(-1.0f32..1.0));
                }
                labels.push(c);
            }
        }
        (points, labels)
    }

    #[test]
    fn blobs_stay_apart_and_the_fit_repeats_exactly() {
        let (points, labels) = blobs();
        let config = TsneConfig { perplexity: 10.0, epochs: 500, ..TsneConfig::default() };
        let map = fit(&points, 10, &config).unwrap();
        assert_eq!(map.coords.len(), 240);
        assert!((knn_accuracy(&map.coords, 2, &labels, 5).unwrap() - 1.0).abs() < 1e-12);
        assert!(map.kl_divergence.is_finite() && map.kl_divergence > 0.0);
        assert_eq!(fit(&points, 10, &config).unwrap(), map, "same input, same map");
        let seeded = TsneConfig { init: Init::Random { seed: 3 }, ..config };
        let a = fit(&points, 10, &seeded).unwrap();
        assert_eq!(fit(&points, 10, &seeded).unwrap(), a, "same seed, same map");
        assert_ne!(fit(&points, 10, &TsneConfig { init: Init::Random { seed: 4 }, ..config }).unwrap(), a);
        assert!((knn_accuracy(&a.coords, 2, &labels, 5).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_new_point_lands_among_its_neighbours() {
        let (points, labels) = blobs();
        let config = TsneConfig { perplexity: 10.0, epochs: 500, ..TsneConfig::default() };
        let map = fit(&points, 10, &config).unwrap();
        let mut query = vec![0.0f32; 10];
        query[2] = 10.0;
        let [x, y] = place(&points, 10, &map.coords, &query, 10.0).unwrap();
        // nearest fitted point on the map belongs to class 2
        let nearest = (0..120).min_by(|&a, &b| {
            let da = (map.coords[2 * a] - x).hypot(map.coords[2 * a + 1] - y);
            let db = (map.coords[2 * b] - x).hypot(map.coords[2 * b + 1] - y);
            da.total_cmp(&db)
        });
        assert_eq!(nearest.map(|i| labels[i]), Some(2));
        // a query equal to a fitted point with perplexity 1 sits (almost) exactly on it
        let on = place(&points, 10, &map.coords, &points[50..60], 1.0 / 3.0 + 0.01).unwrap();
        assert!((on[0] - map.coords[10]).abs() < 1e-4 && (on[1] - map.coords[11]).abs() < 1e-4, "{on:?}");
    }

    /// The shipped CNN's features of the 1,000 shipped test digits.
    pub(crate) fn shipped_digit_features() -> crate::space::DigitFeatures {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets");
        let read = |f: &str| std::fs::read(root.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        let reader = crate::digits::DigitReader::new(&read("digit-cnn.bpk"), &read("digit-grid.bpk"), &burn::prelude::Device::flex()).unwrap();
        crate::space::digit_features(&reader, &read("mnist-test-1000.u8")).unwrap()
    }

    /// Measured on the shipped CNN (native, one thread): fit about 1 s; 10-NN accuracy of the
    /// labels 98.4% on the t-SNE map, 74.2% on the PCA layout, 98.2% in all 128 numbers.
    #[test]
    fn shipped_digits_separate_by_class_as_well_as_scikit_learns_tsne() {
        let d = shipped_digit_features();
        let map = fit(&d.features, d.dim, &TsneConfig::default()).unwrap();
        let pca = Pca::fit(&d.features, d.dim, 2).unwrap().project(&d.features).unwrap();
        let ours = knn_accuracy(&map.coords, 2, &d.labels, 10).unwrap();
        let flat = knn_accuracy(&pca, 2, &d.labels, 10).unwrap();
        assert!(ours >= 0.97, "10-NN accuracy on the t-SNE map {ours}");
        assert!(ours > flat + 0.15, "t-SNE {ours} vs PCA {flat}");
        // scikit-learn's numbers for the shipped map and for its own TSNE (make tsne-reference)
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let reference: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("tests/fixtures/tsne-reference.json")).unwrap()).unwrap();
        let shipped: DigitMapFile = serde_json::from_str(&std::fs::read_to_string(root.join("web/assets/digit-tsne.json")).unwrap()).unwrap();
        let number = |k: &str| reference[k].as_f64().unwrap_or_else(|| panic!("{k}"));
        let t_shipped = trustworthiness(&d.features, d.dim, &shipped.coords, 10).unwrap();
        assert!((t_shipped - number("ours_trustworthiness")).abs() < 1e-3, "our trustworthiness {t_shipped} vs sklearn's formula");
        let t_fresh = trustworthiness(&d.features, d.dim, &map.coords, 10).unwrap();
        assert!(t_fresh >= number("sklearn_trustworthiness") - 0.005, "ours {t_fresh} vs sklearn TSNE's {}", number("sklearn_trustworthiness"));
        assert!(ours >= number("sklearn_knn10_accuracy") - 0.01);
        // a real digit's features placed on the map land among their own class
        let [x, y] = place(&d.features, d.dim, &shipped.coords, &d.features[..d.dim], 30.0).unwrap();
        let mut by_distance: Vec<(f32, u8)> = shipped.coords.chunks_exact(2).zip(&d.labels).map(|(c, &l)| ((c[0] - x).hypot(c[1] - y), l)).collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(by_distance.iter().take(10).filter(|p| p.1 == d.labels[0]).count() >= 8);
    }

    #[test]
    fn trustworthiness_by_hand() {
        // a line of 6 points mapped in order is perfectly trustworthy; swapping the ends is not
        let line: Vec<f32> = (0..6).map(|i| i as f32).collect();
        let same: Vec<f32> = (0..6).flat_map(|i| [i as f32, 0.0]).collect();
        assert!((trustworthiness(&line, 1, &same, 2).unwrap() - 1.0).abs() < 1e-12);
        let mut swapped = same.clone();
        swapped.swap(0, 10);
        assert!(trustworthiness(&line, 1, &swapped, 2).unwrap() < 1.0);
        assert!(trustworthiness(&line, 1, &same, 3).is_err());
    }

    #[test]
    fn calibration_hits_the_perplexity() {
        let squared: Vec<f64> = (0..90).map(|i| f64::from(i) * 0.37 + 5.0).collect();
        let p = calibrated_affinities(&squared, 30.0);
        let entropy: f64 = -p.iter().filter(|&&v| v > 0.0).map(|v| v * v.ln()).sum::<f64>();
        assert!((entropy.exp() - 30.0).abs() < 1e-3, "perplexity {}", entropy.exp());
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p.windows(2).all(|w| w[0] >= w[1]), "nearer neighbours weigh more");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let (points, _) = blobs();
        let ok = TsneConfig::default();
        assert!(fit(&points[..7], 10, &ok).is_err());
        assert!(fit(&points, 0, &ok).is_err());
        assert!(fit(&points[..300], 10, &ok).is_err(), "30 points cannot carry perplexity 30");
        assert!(fit(&points, 10, &TsneConfig { perplexity: f32::NAN, ..ok }).is_err());
        assert!(fit(&points, 10, &TsneConfig { perplexity: 0.0, ..ok }).is_err());
        assert!(fit(&points, 10, &TsneConfig { epochs: 0, ..ok }).is_err());
        assert!(fit(&points, 10, &TsneConfig { theta: 0.0, ..ok }).is_err());
        let mut nan = points.clone();
        nan[5] = f32::NAN;
        assert!(fit(&nan, 10, &ok).is_err());
        let map = vec![0.0; 240];
        assert!(place(&points, 10, &map, &[0.0; 9], 30.0).is_err());
        assert!(place(&points, 10, &map[..10], &[0.0; 10], 30.0).is_err());
        assert!(place(&points, 10, &map, &[f32::INFINITY; 10], 30.0).is_err());
        assert!(place(&points, 10, &map, &[0.0; 10], -1.0).is_err());
        assert!(knn_accuracy(&map, 2, &[0; 3], 5).is_err());
        assert!(knn_accuracy(&map, 2, &[0; 120], 0).is_err());
    }
}
