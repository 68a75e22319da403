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
        let mut classes: Vec<u8> = labels.clone();
        classes.sort_unstable();
        classes.dedup();
        let centroids = classes
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
            .collect();
        Ok(Self { dim, features, labels, pca, coords, centroids })
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
        let nearest_centre = self
            .centroids
            .iter()
            .min_by(|a, b| ((a.1[0] - x).hypot(a.1[1] - y)).total_cmp(&(b.1[0] - x).hypot(b.1[1] - y)))
            .map_or(0, |c| c.0);
        let mut distances: Vec<(f32, u8)> = self
            .features
            .chunks_exact(self.dim)
            .zip(&self.labels)
            .map(|(row, &l)| (row.iter().zip(query).map(|(a, b)| (a - b) * (a - b)).sum::<f32>(), l))
            .collect();
        distances.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(Placement { x, y, nearest_centre, neighbours: distances.iter().take(k).map(|d| d.1).collect() })
    }
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
    }
}
