//! Principal component analysis (Pearson 1901; Hotelling 1933): the directions along which a
//! cloud of points spreads most, used to draw high-dimensional vectors on a flat page.
//!
//! Computed from the eigendecomposition of the covariance matrix (nalgebra's symmetric eigen
//! solver). Eigenvectors have no sign of their own, so a layout could mirror between runs or
//! machines; here every component is turned so that its loading with the largest magnitude is
//! positive (the convention of scikit-learn's `svd_flip` on the components), and the layout is
//! the same every time.

use nalgebra::{DMatrix, SymmetricEigen};

/// A fitted PCA.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// Dimensions of the input points.
    pub dim: usize,
    /// The mean point, `[dim]`.
    pub mean: Vec<f64>,
    /// The components, `[k, dim]` row-major, unit length, sign convention above.
    pub components: Vec<f64>,
    /// Variance along each component (eigenvalues of the covariance, divided by n − 1), `[k]`.
    pub explained_variance: Vec<f64>,
    /// Each component's share of the total variance, `[k]`.
    pub explained_variance_ratio: Vec<f64>,
}

impl Pca {
    /// Fit `k` components to `n` points of `dim` numbers each (`points.len() == n × dim`,
    /// row-major).
    ///
    /// # Errors
    /// Fewer than 2 points, `k` of 0 or above `dim`, a length that is not `n × dim`, or a value
    /// that is not finite.
    pub fn fit(points: &[f32], dim: usize, k: usize) -> Result<Self, String> {
        if dim == 0 || points.len() % dim != 0 {
            return Err(format!("{} numbers are not whole points of {dim}", points.len()));
        }
        let n = points.len() / dim;
        if n < 2 {
            return Err(format!("PCA needs at least 2 points, got {n}"));
        }
        if k == 0 || k > dim {
            return Err(format!("{k} components asked of {dim}-dimensional points"));
        }
        if let Some(i) = points.iter().position(|v| !v.is_finite()) {
            return Err(format!("value {i} is not a finite number"));
        }
        let mut mean = vec![0.0f64; dim];
        for row in points.chunks_exact(dim) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += f64::from(v) / n as f64;
            }
        }
        let centred = DMatrix::from_fn(n, dim, |i, j| f64::from(points[i * dim + j]) - mean[j]);
        let covariance = centred.transpose() * &centred / (n - 1) as f64;
        let eigen = SymmetricEigen::new(covariance);
        let total: f64 = eigen.eigenvalues.iter().map(|v| v.max(0.0)).sum();
        let mut order: Vec<usize> = (0..dim).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let mut components = Vec::with_capacity(k * dim);
        let mut explained_variance = Vec::with_capacity(k);
        for &c in order.iter().take(k) {
            let column = eigen.eigenvectors.column(c);
            let largest = column.iter().copied().max_by(|a, b| a.abs().total_cmp(&b.abs())).unwrap_or(1.0);
            let sign = if largest < 0.0 { -1.0 } else { 1.0 };
            components.extend(column.iter().map(|v| v * sign));
            explained_variance.push(eigen.eigenvalues[c].max(0.0));
        }
        let explained_variance_ratio = explained_variance.iter().map(|v| if total > 0.0 { v / total } else { 0.0 }).collect();
        Ok(Self { dim, mean, components, explained_variance, explained_variance_ratio })
    }

    /// Number of components.
    pub fn k(&self) -> usize {
        self.explained_variance.len()
    }

    /// Coordinates of points along the components: `[n, dim]` in, `[n, k]` out.
    ///
    /// # Errors
    /// A length that is not whole points of `dim`, or a value that is not finite.
    pub fn project(&self, points: &[f32]) -> Result<Vec<f32>, String> {
        if points.len() % self.dim != 0 {
            return Err(format!("{} numbers are not whole points of {}", points.len(), self.dim));
        }
        if let Some(i) = points.iter().position(|v| !v.is_finite()) {
            return Err(format!("value {i} is not a finite number"));
        }
        let k = self.k();
        let mut out = Vec::with_capacity(points.len() / self.dim * k);
        for row in points.chunks_exact(self.dim) {
            for c in 0..k {
                let axis = &self.components[c * self.dim..(c + 1) * self.dim];
                let v: f64 = row.iter().zip(&self.mean).zip(axis).map(|((&x, m), a)| (f64::from(x) - m) * a).sum();
                out.push(v as f32);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_on_a_line_have_one_component() {
        // (t, 2t) for t = −2..2: all variance along (1, 2)/√5
        let points: Vec<f32> = (-2..=2).flat_map(|t| [t as f32, 2.0 * t as f32]).collect();
        let pca = Pca::fit(&points, 2, 2).unwrap();
        let s = 5f64.sqrt();
        assert!((pca.components[0] - 1.0 / s).abs() < 1e-12 && (pca.components[1] - 2.0 / s).abs() < 1e-12);
        assert!((pca.explained_variance_ratio[0] - 1.0).abs() < 1e-12);
        assert!(pca.explained_variance_ratio[1].abs() < 1e-12);
        // variance along the line: Σ (t√5)² / (n − 1) = 5 · 10 / 4
        assert!((pca.explained_variance[0] - 12.5).abs() < 1e-9);
        let projected = pca.project(&[1.0, 2.0]).unwrap();
        assert!((f64::from(projected[0]) - s).abs() < 1e-6 && projected[1].abs() < 1e-6);
    }

    #[test]
    fn the_sign_convention_is_fixed() {
        // mirrored input gives the same components: the largest loading is always positive
        let points: Vec<f32> = [[3.0, 1.0], [-3.0, -1.0], [1.0, -1.0], [-1.0, 1.0]].concat();
        let mirrored: Vec<f32> = points.iter().map(|v| -v).collect();
        let (a, b) = (Pca::fit(&points, 2, 2).unwrap(), Pca::fit(&mirrored, 2, 2).unwrap());
        assert_eq!(a.components, b.components);
        for c in 0..2 {
            let row = &a.components[c * 2..c * 2 + 2];
            let largest = row.iter().copied().max_by(|x, y| x.abs().total_cmp(&y.abs())).unwrap();
            assert!(largest > 0.0);
        }
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(Pca::fit(&[1.0, 2.0], 2, 1).unwrap_err().contains("at least 2"));
        assert!(Pca::fit(&[1.0, 2.0, 3.0], 2, 1).is_err());
        assert!(Pca::fit(&[1.0, 2.0, 3.0, 4.0], 2, 3).is_err());
        assert!(Pca::fit(&[1.0, f32::NAN, 3.0, 4.0], 2, 1).unwrap_err().contains("value 1"));
        let pca = Pca::fit(&[1.0, 2.0, 3.0, 5.0], 2, 1).unwrap();
        assert!(pca.project(&[1.0]).is_err());
        assert!(pca.project(&[1.0, f32::INFINITY]).is_err());
    }
}
