//! A labelled embedding space: points with known classes (the digit CNN's features of real test
//! digits), laid out in 2-D by PCA, into which a new point (the reader's drawing) is placed.

use crate::pca::Pca;

/// Labelled points, their PCA layout and class centres.
#[derive(Debug, Clone)]
pub struct LabelledSpace {
    dim: usize,
    features: Vec<f32>,
    labels: Vec<u8>,
    pca: Pca,
    coords: Vec<f32>,
    centroids: Vec<(u8, [f32; 2])>,
    tsne: Option<TsneLayout>,
}

/// A t-SNE map of the same points (see [`crate::tsne`]), fitted elsewhere.
#[derive(Debug, Clone)]
struct TsneLayout {
    coords: Vec<f32>,
    centroids: Vec<(u8, [f32; 2])>,
    perplexity: f32,
}

fn class_centres(labels: &[u8], coords: &[f32]) -> Vec<(u8, [f32; 2])> {
    let mut classes: Vec<u8> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    classes
        .into_iter()
        .map(|c| {
            let (mut sx, mut sy, mut n) = (0.0f64, 0.0f64, 0.0f64);
            for (i, _) in labels.iter().enumerate().filter(|(_, l)| **l == c) {
                sx += f64::from(coords[2 * i]);
                sy += f64::from(coords[2 * i + 1]);
                n += 1.0;
            }
            (c, [(sx / n) as f32, (sy / n) as f32])
        })
        .collect()
}

fn nearest_class(centroids: &[(u8, [f32; 2])], x: f32, y: f32) -> u8 {
    centroids
        .iter()
        .min_by(|a, b| ((a.1[0] - x).hypot(a.1[1] - y)).total_cmp(&(b.1[0] - x).hypot(b.1[1] - y)))
        .map_or(0, |c| c.0)
}

/// Where a new point lands on the t-SNE map.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MapPlacement {
    /// x on the map.
    pub x: f32,
    /// y on the map.
    pub y: f32,
    /// The class whose centre on the map is nearest.
    pub nearest_centre: u8,
}

/// Where a new point lands.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Placement {
    /// x in the 2-D layout.
    pub x: f32,
    /// y in the 2-D layout.
    pub y: f32,
    /// The class whose centre (mean 2-D position) is nearest in the layout.
    pub nearest_centre: u8,
    /// Labels of the `k` nearest points in the full space (Euclidean), nearest first.
    pub neighbours: Vec<u8>,
    /// On the t-SNE map, if the space has one: the affinity-weighted mean position of its
    /// input-space neighbours ([`crate::tsne::place`]).
    pub tsne: Option<MapPlacement>,
}

impl LabelledSpace {
    /// `features` is `[n, dim]` row-major, `labels` `[n]`.
    ///
    /// # Errors
    /// Mismatched lengths, fewer than 2 points, or values that are not finite.
    pub fn new(features: Vec<f32>, labels: Vec<u8>, dim: usize) -> Result<Self, String> {
        if dim == 0 || features.len() != labels.len() * dim {
            return Err(format!("{} feature values for {} labels of dimension {dim}", features.len(), labels.len()));
        }
        let pca = Pca::fit(&features, dim, 2)?;
        let coords = pca.project(&features)?;
        let centroids = class_centres(&labels, &coords);
        Ok(Self { dim, features, labels, pca, coords, centroids, tsne: None })
    }

    /// Add a t-SNE map of the same points (`[n, 2]`, same order), fitted with `perplexity`;
    /// `labels` must be the space's own, to catch a map of other points.
    ///
    /// # Errors
    /// A map or labels of another length or order, values that are not finite, or a perplexity
    /// that is not positive.
    pub fn set_tsne(&mut self, coords: Vec<f32>, labels: &[u8], perplexity: f32) -> Result<(), String> {
        if labels != self.labels.as_slice() {
            return Err(format!("the map's {} labels are not the {} digits of this space, in order", labels.len(), self.labels.len()));
        }
        if coords.len() != 2 * self.labels.len() {
            return Err(format!("a map of {} numbers for {} points", coords.len(), self.labels.len()));
        }
        if coords.iter().any(|v| !v.is_finite()) || !(perplexity.is_finite() && perplexity > 0.0) {
            return Err("the map has values that are not finite numbers".into());
        }
        let centroids = class_centres(&self.labels, &coords);
        self.tsne = Some(TsneLayout { coords, centroids, perplexity });
        Ok(())
    }

    /// The t-SNE map, `[n, 2]` row-major, if one was added.
    pub fn tsne_coords(&self) -> Option<&[f32]> {
        self.tsne.as_ref().map(|t| t.coords.as_slice())
    }

    /// The layout, `[n, 2]` row-major.
    pub fn coords(&self) -> &[f32] {
        &self.coords
    }

    /// The labels, `[n]`.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// Share of the variance each layout axis shows.
    pub fn ratios(&self) -> &[f64] {
        &self.pca.explained_variance_ratio
    }

    /// Each class's centre in the layout.
    pub fn centroids(&self) -> &[(u8, [f32; 2])] {
        &self.centroids
    }

    /// Place a new point (`[dim]`): its layout position, nearest class centre, and the labels of
    /// its `k` nearest neighbours in the full space.
    ///
    /// # Errors
    /// A wrong length, values that are not finite, or `k` of 0.
    pub fn place(&self, query: &[f32], k: usize) -> Result<Placement, String> {
        if query.len() != self.dim {
            return Err(format!("a point of {} numbers in a space of {}", query.len(), self.dim));
        }
        if k == 0 {
            return Err("k must be at least 1".into());
        }
        let xy = self.pca.project(query)?;
        let (x, y) = (xy[0], xy[1]);
        let nearest_centre = nearest_class(&self.centroids, x, y);
        let tsne = match &self.tsne {
            Some(t) => {
                let [tx, ty] = crate::tsne::place(&self.features, self.dim, &t.coords, query, t.perplexity)?;
                Some(MapPlacement { x: tx, y: ty, nearest_centre: nearest_class(&t.centroids, tx, ty) })
            }
            None => None,
        };
        let mut distances: Vec<(f32, u8)> = self
            .features
            .chunks_exact(self.dim)
            .zip(&self.labels)
            .map(|(row, &l)| (row.iter().zip(query).map(|(a, b)| (a - b) * (a - b)).sum::<f32>(), l))
            .collect();
        distances.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(Placement { x, y, nearest_centre, neighbours: distances.iter().take(k).map(|d| d.1).collect(), tsne })
    }
}

/// The digit CNN's view of a labelled extract (`n × 785` bytes, each digit its label then 784
/// grey bytes, ink high: the layout of `mnist-test-1000.u8`).
#[derive(Debug, Clone, PartialEq)]
pub struct DigitFeatures {
    /// Penultimate features, `[n, dim]` row-major.
    pub features: Vec<f32>,
    /// Numbers per digit (128 for the shipped CNN).
    pub dim: usize,
    /// True labels, `[n]`.
    pub labels: Vec<u8>,
    /// The CNN's predicted digits, `[n]`.
    pub predicted: Vec<u8>,
}

/// Frame each digit of an extract like a drawing ([`frame_mnist`](crate::preprocess::frame_mnist))
/// and run the CNN on them: the features the digit-embedding widget shows.
///
/// # Errors
/// A length that is not whole labelled digits, a label above 9, or a network error (see
/// [`embed_digits`]).
pub fn digit_features(reader: &crate::digits::DigitReader, extract: &[u8]) -> Result<DigitFeatures, String> {
    use crate::mnist::PIXELS;
    let record = PIXELS + 1;
    if extract.is_empty() || extract.len() % record != 0 {
        return Err(format!("{} bytes are not whole labelled digits of {record} bytes", extract.len()));
    }
    let labels: Vec<u8> = extract.chunks_exact(record).map(|d| d[0]).collect();
    if let Some(bad) = labels.iter().find(|&&l| l > 9) {
        return Err(format!("label {bad} is not a digit"));
    }
    let pixels: Vec<u8> = extract.chunks_exact(record).flat_map(|d| d[1..].iter().copied()).collect();
    let (features, predicted) = embed_digits(reader, &pixels)?;
    let dim = features.len() / labels.len();
    Ok(DigitFeatures { features, dim, labels, predicted })
}

/// Most digits [`embed_digits`] takes in one call.
pub const MAX_EMBED_DIGITS: usize = 20_000;

/// Frame many 28×28 digits (`pixels`: `n × 784` grey bytes, 0–255, ink high) like drawings and
/// run the CNN on them in batches of 250 (a small peak memory in wasm). Returns
/// `(features [n, 128] row-major, predicted digits [n])`.
///
/// # Errors
/// No digits, a length that is not whole digits, more than [`MAX_EMBED_DIGITS`], or a network
/// error.
pub fn embed_digits(reader: &crate::digits::DigitReader, pixels: &[u8]) -> Result<(Vec<f32>, Vec<u8>), String> {
    use crate::mnist::PIXELS;
    use crate::preprocess::{Ink, MNIST_SIDE, frame_mnist};
    if pixels.is_empty() || pixels.len() % PIXELS != 0 {
        return Err(format!("{} bytes are not whole 28 × 28 digits", pixels.len()));
    }
    if pixels.len() / PIXELS > MAX_EMBED_DIGITS {
        return Err(format!("{} digits at once; at most {MAX_EMBED_DIGITS}", pixels.len() / PIXELS));
    }
    let mut framed = Vec::with_capacity(pixels.len());
    for digit in pixels.chunks_exact(PIXELS) {
        let gray: Vec<f32> = digit.iter().map(|&v| f32::from(v) / 255.0).collect();
        let ink = Ink::from_gray(&gray, MNIST_SIDE, MNIST_SIDE).map_err(|e| e.to_string())?;
        framed.extend(frame_mnist(&ink).unwrap_or(gray));
    }
    let (mut features, mut predicted) = (Vec::new(), Vec::new());
    for chunk in framed.chunks(250 * PIXELS) {
        let (guesses, f) = reader.classify28(chunk)?;
        features.extend(f);
        predicted.extend(guesses.iter().map(|g| g.digit));
    }
    Ok((features, predicted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clusters_place_a_new_point_by_hand() {
        // class 0 around (0, 0, 0), class 1 around (10, 0, 0): the layout's first axis is x
        let features = vec![0.0, 1.0, 0.0, 0.0, -1.0, 0.0, 10.0, 1.0, 0.0, 10.0, -1.0, 0.0];
        let space = LabelledSpace::new(features, vec![0, 0, 1, 1], 3).unwrap();
        let p = space.place(&[9.0, 0.0, 0.0], 2).unwrap();
        assert_eq!(p.nearest_centre, 1);
        assert_eq!(p.neighbours, vec![1, 1]);
        assert!((p.x - 4.0).abs() < 1e-5, "mean x is 5, so 9 sits 4 along the first axis: {}", p.x);
        assert_eq!(space.centroids().len(), 2);
        assert!(space.place(&[1.0], 2).is_err());
        assert!(space.place(&[1.0, 2.0, f32::NAN], 2).is_err());
        assert!(LabelledSpace::new(vec![0.0; 5], vec![0, 1], 3).is_err());
        assert_eq!(p.tsne, None);
    }

    #[test]
    fn a_tsne_map_places_new_points_too() {
        let features = vec![0.0, 1.0, 0.0, 0.0, -1.0, 0.0, 10.0, 1.0, 0.0, 10.0, -1.0, 0.0];
        let mut space = LabelledSpace::new(features, vec![0, 0, 1, 1], 3).unwrap();
        // a made-up map with the classes on the y axis
        let map = vec![0.0, -5.0, 0.1, -5.0, 0.0, 5.0, 0.1, 5.0];
        assert!(space.set_tsne(map.clone(), &[0, 0, 1], 1.0).is_err(), "labels of other points");
        assert!(space.set_tsne(map[..6].to_vec(), &[0, 0, 1, 1], 1.0).is_err());
        assert!(space.set_tsne(vec![f32::NAN; 8], &[0, 0, 1, 1], 1.0).is_err());
        space.set_tsne(map, &[0, 0, 1, 1], 1.0).unwrap();
        // its 3 nearest points: the two 1s (tied, weight ½ each) and a far 0 (weight ≈ 0)
        assert_eq!(space.tsne_coords().map(<[f32]>::len), Some(8));
        let t = space.place(&[9.0, 0.0, 0.0], 2).unwrap().tsne.unwrap();
        assert_eq!(t.nearest_centre, 1);
        assert!((t.y - 5.0).abs() < 1e-4 && (t.x - 0.05).abs() < 1e-4, "{t:?}");
    }
}
