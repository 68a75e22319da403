//! Loss surfaces for the gradient-descent marbles: two parameters `(x, y)` in, one loss out.
//!
//! Each surface is written with burn tensor operations, so the marbles' gradients come from the
//! same autodiff that trains the networks. Positions are a batch: `[n, 2]` (x, y) rows in, `[n]`
//! losses out; marbles never interact, so the gradient of the summed loss with respect to one row
//! is that marble's own gradient.

use burn::prelude::*;

/// Which surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SurfaceKind {
    /// `x² + y²`: one minimum, every way leads to it.
    Bowl,
    /// Rosenbrock (1960): `(1 − x)² + 100 (y − x²)²`, a long curved valley; minimum at (1, 1).
    Rosenbrock,
    /// Himmelblau (1972): `(x² + y − 11)² + (x + y² − 7)²`, four equal minima (value 0).
    Himmelblau,
    /// A Rastrigin-like floor (Rastrigin 1974), scaled: `x² + y² + 2 (2 − cos 2πx − cos 2πy)`.
    /// A pit near every point with whole-number coordinates; the deepest, 0, at the origin.
    Bumpy,
    /// `x² − y²`: a saddle at the origin, no minimum; marbles roll off along y.
    Saddle,
    /// A real network's loss landscape: the digit CNN's cross-entropy on real MNIST test digits
    /// along two filter-normalised random directions (Li et al. 2018), sampled on a grid and
    /// interpolated bilinearly.
    Landscape,
}

/// A known minimum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimum {
    /// x.
    pub x: f32,
    /// y.
    pub y: f32,
    /// The loss there.
    pub value: f32,
    /// The lowest on the surface (there may be several equal ones).
    pub global: bool,
}

/// A loss sampled on a regular grid, `values[j * nx + i]` at
/// `(x_min + i·(x_max − x_min)/(nx − 1), y_min + j·(y_max − y_min)/(ny − 1))`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Grid {
    /// Horizontal range `[min, max]`.
    pub x: [f32; 2],
    /// Vertical range `[min, max]`.
    pub y: [f32; 2],
    /// Samples along x (≥ 2).
    pub nx: usize,
    /// Samples along y (≥ 2).
    pub ny: usize,
    /// `nx × ny` losses, row by row (y outer).
    pub values: Vec<f32>,
}

impl Grid {
    /// Check sizes and numbers.
    ///
    /// # Errors
    /// A sentence saying what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.nx < 2 || self.ny < 2 || self.nx > 1024 || self.ny > 1024 {
            return Err(format!("grid of {} × {} samples; 2 to 1024 each way", self.nx, self.ny));
        }
        if self.values.len() != self.nx * self.ny {
            return Err(format!("{} values for a {} × {} grid", self.values.len(), self.nx, self.ny));
        }
        let finite = |r: [f32; 2]| r[0].is_finite() && r[1].is_finite() && r[0] < r[1];
        if !finite(self.x) || !finite(self.y) {
            return Err("the grid's range is not a finite, increasing interval".into());
        }
        if let Some(i) = self.values.iter().position(|v| !v.is_finite()) {
            return Err(format!("grid value {i} is not a finite number"));
        }
        Ok(())
    }
}

/// A surface: its formula, the part of the plane it is drawn on, and its known minima.
#[derive(Debug, Clone)]
pub struct Surface {
    /// Which one.
    pub kind: SurfaceKind,
    /// Drawn and played on `[x_min, x_max] × [y_min, y_max]`; a marble outside has left it.
    pub domain: [[f32; 2]; 2],
    /// Known minima (for the landscape: the lowest grid sample).
    pub minima: Vec<Minimum>,
    grid: Option<(Grid, Tensor<1>)>,
}

impl Surface {
    /// One of the analytic surfaces; `None` for [`SurfaceKind::Landscape`] (use
    /// [`Surface::landscape`]).
    pub fn analytic(kind: SurfaceKind) -> Option<Self> {
        let min = |x, y, value| Minimum { x, y, value, global: value == 0.0 };
        let (domain, minima) = match kind {
            SurfaceKind::Bowl => ([[-2.0, 2.0], [-2.0, 2.0]], vec![min(0.0, 0.0, 0.0)]),
            SurfaceKind::Rosenbrock => ([[-2.0, 2.0], [-1.0, 3.0]], vec![min(1.0, 1.0, 0.0)]),
            // Himmelblau's minima: (3, 2) exactly, the others to 6 decimals.
            SurfaceKind::Himmelblau => (
                [[-5.0, 5.0], [-5.0, 5.0]],
                vec![
                    min(3.0, 2.0, 0.0),
                    min(-2.805_118, 3.131_312, 0.0),
                    min(-3.779_310, -3.283_186, 0.0),
                    min(3.584_428, -1.848_126, 0.0),
                ],
            ),
            SurfaceKind::Bumpy => ([[-3.5, 3.5], [-3.5, 3.5]], bumpy_minima()),
            SurfaceKind::Saddle => ([[-2.0, 2.0], [-2.0, 2.0]], vec![]),
            SurfaceKind::Landscape => return None,
        };
        Some(Self { kind, domain, minima, grid: None })
    }

    /// The real network's landscape from its sampled grid.
    ///
    /// # Errors
    /// When the grid is malformed (see [`Grid::validate`]).
    pub fn landscape(grid: Grid, device: &Device) -> Result<Self, String> {
        grid.validate()?;
        let (i, lowest) = grid
            .values
            .iter()
            .copied()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .ok_or("empty grid")?;
        let at = |k: usize, n: usize, r: [f32; 2]| r[0] + k as f32 * (r[1] - r[0]) / (n - 1) as f32;
        let minimum = Minimum { x: at(i % grid.nx, grid.nx, grid.x), y: at(i / grid.nx, grid.ny, grid.y), value: lowest, global: true };
        let values = Tensor::<1>::from_floats(grid.values.as_slice(), device);
        Ok(Self { kind: SurfaceKind::Landscape, domain: [grid.x, grid.y], minima: vec![minimum], grid: Some((grid, values)) })
    }

    /// Whether `(x, y)` is on the drawn part of the plane.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        let [[x0, x1], [y0, y1]] = self.domain;
        (x0..=x1).contains(&x) && (y0..=y1).contains(&y)
    }

    /// The loss at each position.
    ///
    /// # Shapes
    /// - positions: `[n, 2]`, rows `(x, y)`
    /// - returns: `[n]`
    pub fn loss(&self, positions: Tensor<2>) -> Tensor<1> {
        let [n, _] = positions.dims();
        let x = positions.clone().narrow(1, 0, 1).reshape([n]);
        let y = positions.narrow(1, 1, 1).reshape([n]);
        match self.kind {
            SurfaceKind::Bowl => x.powi_scalar(2) + y.powi_scalar(2),
            SurfaceKind::Rosenbrock => (x.clone().neg() + 1.0).powi_scalar(2) + (y - x.powi_scalar(2)).powi_scalar(2) * 100.0,
            SurfaceKind::Himmelblau => {
                (x.clone().powi_scalar(2) + y.clone() - 11.0).powi_scalar(2) + (x + y.powi_scalar(2) - 7.0).powi_scalar(2)
            }
            SurfaceKind::Bumpy => {
                let tau = 2.0 * core::f32::consts::PI;
                let bowl = x.clone().powi_scalar(2) + y.clone().powi_scalar(2);
                let ripples = ((x * tau).cos().neg() - (y * tau).cos() + 2.0) * 2.0;
                bowl + ripples
            }
            SurfaceKind::Saddle => x.powi_scalar(2) - y.powi_scalar(2),
            SurfaceKind::Landscape => self.interpolate(x, y),
        }
    }

    /// Bilinear interpolation of the grid; outside it, the edge values (the marble has left the
    /// domain by then and stops).
    fn interpolate(&self, x: Tensor<1>, y: Tensor<1>) -> Tensor<1> {
        let Some((grid, values)) = &self.grid else {
            return x.zeros_like();
        };
        // fractional grid coordinates, clamped inside so that i + 1 and j + 1 exist
        let u = ((x - grid.x[0]) * ((grid.nx - 1) as f32 / (grid.x[1] - grid.x[0]))).clamp(0.0, (grid.nx - 1) as f32 - 1e-4);
        let v = ((y - grid.y[0]) * ((grid.ny - 1) as f32 / (grid.y[1] - grid.y[0]))).clamp(0.0, (grid.ny - 1) as f32 - 1e-4);
        // the cell's corner is not differentiable (a step function): only the weights carry gradient
        let (i, j) = (u.clone().detach().floor(), v.clone().detach().floor());
        let (fu, fv) = (u - i.clone(), v - j.clone());
        let index = |di: f32, dj: f32| ((j.clone() + dj) * grid.nx as f32 + (i.clone() + di)).int();
        let corner = |di, dj| values.clone().select(0, index(di, dj));
        let (one_u, one_v) = (fu.clone().neg() + 1.0, fv.clone().neg() + 1.0);
        corner(0.0, 0.0) * one_u.clone() * one_v.clone()
            + corner(1.0, 0.0) * fu.clone() * one_v
            + corner(0.0, 1.0) * one_u * fv.clone()
            + corner(1.0, 1.0) * fu * fv
    }

    /// The loss sampled on an `nx × ny` grid over the domain (row by row, y outer), for drawing.
    pub fn sample(&self, nx: usize, ny: usize, device: &Device) -> Vec<f32> {
        let [[x0, x1], [y0, y1]] = self.domain;
        let (nx, ny) = (nx.max(2), ny.max(2));
        let mut points = Vec::with_capacity(nx * ny * 2);
        for j in 0..ny {
            for i in 0..nx {
                points.push(x0 + (x1 - x0) * i as f32 / (nx - 1) as f32);
                points.push(y0 + (y1 - y0) * j as f32 / (ny - 1) as f32);
            }
        }
        let positions = Tensor::<1>::from_floats(points.as_slice(), device).reshape([nx * ny, 2]);
        self.loss(positions).try_into_vec_as::<f32>().unwrap_or_default()
    }
}

/// The bumpy floor's pits: one near every whole-number point of the domain. Their exact place
/// solves `x + 2π sin 2πx = 0` on each axis (stationarity), found by Newton's method.
fn bumpy_minima() -> Vec<Minimum> {
    let tau = 2.0 * core::f64::consts::PI;
    let root = |k: f64| {
        let mut x = k;
        for _ in 0..50 {
            let g = 2.0 * x + 2.0 * tau * (tau * x).sin();
            let h = 2.0 + 2.0 * tau * tau * (tau * x).cos();
            x -= g / h;
        }
        x
    };
    let f = |x: f64, y: f64| x * x + y * y + 2.0 * (2.0 - (tau * x).cos() - (tau * y).cos());
    let mut out = Vec::new();
    for i in -3..=3 {
        for j in -3..=3 {
            let (x, y) = (root(f64::from(i)), root(f64::from(j)));
            out.push(Minimum { x: x as f32, y: y as f32, value: f(x, y) as f32, global: i == 0 && j == 0 });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device() -> Device {
        Device::flex()
    }

    fn loss_at(surface: &Surface, x: f32, y: f32) -> f32 {
        let p = Tensor::<1>::from_floats([x, y], &device()).reshape([1, 2]);
        surface.loss(p).into_scalar::<f32>()
    }

    /// Gradient by autodiff.
    fn gradient(surface: &Surface, x: f32, y: f32) -> [f32; 2] {
        let d = device().autodiff();
        let p = Tensor::<1>::from_floats([x, y], &d).reshape([1, 2]).require_grad();
        let grads = surface.loss(p.clone()).sum().backward();
        let g: Vec<f32> = p.grad(&grads).expect("gradient").try_into_vec_as().unwrap();
        [g[0], g[1]]
    }

    fn all() -> Vec<Surface> {
        use SurfaceKind::*;
        let mut v: Vec<Surface> = [Bowl, Rosenbrock, Himmelblau, Bumpy, Saddle].into_iter().filter_map(Surface::analytic).collect();
        v.push(Surface::landscape(test_grid(), &device()).unwrap());
        v
    }

    /// A small grid of a known function, f = x² + 2y, on [−1, 1]²: bilinear interpolation is
    /// exact in y and close in x.
    fn test_grid() -> Grid {
        let (nx, ny) = (21, 11);
        let mut values = Vec::new();
        for j in 0..ny {
            for i in 0..nx {
                let (x, y) = (-1.0 + 2.0 * i as f32 / 20.0, -1.0 + 2.0 * j as f32 / 10.0);
                values.push(x * x + 2.0 * y);
            }
        }
        Grid { x: [-1.0, 1.0], y: [-1.0, 1.0], nx, ny, values }
    }

    #[test]
    fn formulas_by_hand() {
        let s = |k| Surface::analytic(k).unwrap();
        assert_eq!(loss_at(&s(SurfaceKind::Bowl), 1.0, 1.0), 2.0);
        assert_eq!(loss_at(&s(SurfaceKind::Rosenbrock), 0.0, 0.0), 1.0);
        assert_eq!(loss_at(&s(SurfaceKind::Rosenbrock), -1.0, 1.0), 4.0);
        assert_eq!(loss_at(&s(SurfaceKind::Himmelblau), 0.0, 0.0), 170.0);
        assert_eq!(loss_at(&s(SurfaceKind::Saddle), 1.0, 2.0), -3.0);
        // bumpy: at (0.5, 0) the ripple is 2·(2 + 1 − 1) = 4 and the bowl 0.25
        assert!((loss_at(&s(SurfaceKind::Bumpy), 0.5, 0.0) - 4.25).abs() < 1e-5);
    }

    #[test]
    fn known_minima_are_minima() {
        for s in all() {
            for m in &s.minima {
                let v = loss_at(&s, m.x, m.y);
                assert!((v - m.value).abs() < 1e-4, "{:?} at ({}, {}): {v} vs {}", s.kind, m.x, m.y, m.value);
                let g = gradient(&s, m.x, m.y);
                if s.kind != SurfaceKind::Landscape {
                    assert!(g[0].abs() < 1e-3 && g[1].abs() < 1e-3, "{:?} gradient {g:?} at a minimum", s.kind);
                }
                for (dx, dy) in [(0.02, 0.0), (-0.02, 0.0), (0.0, 0.02), (0.0, -0.02)] {
                    if s.contains(m.x + dx, m.y + dy) && s.kind != SurfaceKind::Landscape {
                        assert!(loss_at(&s, m.x + dx, m.y + dy) > v, "{:?}: not a minimum at ({}, {})", s.kind, m.x, m.y);
                    }
                }
            }
        }
        let bumpy = Surface::analytic(SurfaceKind::Bumpy).unwrap();
        assert_eq!(bumpy.minima.len(), 49);
        assert_eq!(bumpy.minima.iter().filter(|m| m.global).count(), 1);
        let lowest = bumpy.minima.iter().min_by(|a, b| a.value.total_cmp(&b.value)).unwrap();
        assert!(lowest.global && lowest.value == 0.0);
    }

    #[test]
    fn autodiff_gradients_match_central_differences() {
        // away from the test landscape's grid lines (x every 0.1, y every 0.2), where it has kinks
        let points = [(0.33, -0.71), (1.13, 0.47), (-1.57, 1.93), (0.05, 0.95), (-0.45, -0.33)];
        for s in all() {
            for &(x, y) in &points {
                let g = gradient(&s, x, y);
                let h = 1e-2f64;
                // the difference in f64 from f32 losses: h large enough to stay above rounding
                let fd = |dx: f64, dy: f64| {
                    (f64::from(loss_at(&s, (f64::from(x) + dx) as f32, (f64::from(y) + dy) as f32))
                        - f64::from(loss_at(&s, (f64::from(x) - dx) as f32, (f64::from(y) - dy) as f32)))
                        / (2.0 * h)
                };
                let want = [fd(h, 0.0), fd(0.0, h)];
                for k in 0..2 {
                    let tolerance = 2e-2 * want[k].abs().max(1.0) + if s.kind == SurfaceKind::Bumpy { 0.15 } else { 0.0 };
                    assert!(
                        (f64::from(g[k]) - want[k]).abs() < tolerance,
                        "{:?} at ({x}, {y}) d/d{}: autodiff {} vs finite difference {}",
                        s.kind,
                        ["x", "y"][k],
                        g[k],
                        want[k]
                    );
                }
            }
        }
    }

    #[test]
    fn landscape_interpolates_its_grid() {
        let s = Surface::landscape(test_grid(), &device()).unwrap();
        // on grid points: exact
        assert!((loss_at(&s, 0.3, 0.4) - (0.09 + 0.8)).abs() < 1e-5);
        // between: linear in y is exact, x² is overestimated by at most h²/4 = 0.0025
        let v = loss_at(&s, 0.35, -0.55);
        assert!((v - (0.35f32 * 0.35 - 1.1)).abs() < 0.003, "{v}");
        // gradient: ∂/∂y = 2 exactly, ∂/∂x the slope of the cell (0.3 → 0.4: 0.7)
        let g = gradient(&s, 0.35, -0.55);
        assert!((g[1] - 2.0).abs() < 1e-3 && (g[0] - 0.7).abs() < 1e-3, "{g:?}");
        assert_eq!((s.minima[0].x, s.minima[0].y), (0.0, -1.0));
    }

    #[test]
    fn malformed_grids_are_refused() {
        let mut g = test_grid();
        g.values.pop();
        assert!(Surface::landscape(g, &device()).unwrap_err().contains("values"));
        let mut g = test_grid();
        g.values[7] = f32::NAN;
        assert!(Surface::landscape(g, &device()).unwrap_err().contains("value 7"));
        let mut g = test_grid();
        g.x = [1.0, -1.0];
        assert!(Surface::landscape(g, &device()).is_err());
        let mut g = test_grid();
        g.nx = 1;
        assert!(Surface::landscape(g, &device()).is_err());
    }

    #[test]
    fn sampling_covers_the_domain_corner_to_corner() {
        let s = Surface::analytic(SurfaceKind::Bowl).unwrap();
        let v = s.sample(3, 3, &device());
        assert_eq!(v, vec![8.0, 4.0, 8.0, 4.0, 0.0, 4.0, 8.0, 4.0, 8.0]);
    }
}
