//! From a drawing to what the digit networks read.
//!
//! MNIST digits were prepared in a particular way (LeCun et al., "Gradient-based learning applied to
//! document recognition", 1998, and the MNIST page): the ink's bounding box was scaled to fit a
//! 20×20 box keeping its aspect ratio, anti-aliased, then placed in a 28×28 field so that its centre
//! of mass sits at the centre. A drawn digit has to be framed the same way or a small or off-centre
//! digit is misread. [`frame_mnist`] does exactly that; [`grid16`] makes the primer's coarse 16×16
//! on/off picture from the framed digit.
//!
//! All images here are row-major `f32` ink in `0.0..=1.0` (1 = full ink), `width` columns by
//! `height` rows.

use image::{ImageBuffer, Luma, imageops};

/// Side of the MNIST field, in pixels.
pub const MNIST_SIDE: usize = 28;
/// Side of the box the ink is scaled to fit inside the MNIST field, in pixels.
pub const MNIST_BOX: usize = 20;
/// Side of the primer's coarse grid, in cells.
pub const GRID_SIDE: usize = 16;
/// Ink above this counts when looking for the bounding box: it keeps faint anti-aliasing fringes
/// and near-invisible specks from stretching the box.
pub const INK_THRESHOLD: f32 = 0.05;
/// A grid cell is "on" when its share of ink is at least this much.
pub const GRID_THRESHOLD: f32 = 0.4;
/// The largest drawing accepted, in pixels (width × height): a 4096 × 4096 canvas.
pub const MAX_PIXELS: usize = 4096 * 4096;

/// Why an image could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum PreprocessError {
    /// Width or height is zero.
    Empty,
    /// The buffer length does not match `width × height × channels`.
    Length {
        /// `width × height × channels`.
        expected: usize,
        /// What was passed.
        got: usize,
    },
    /// More than [`MAX_PIXELS`] pixels.
    TooLarge {
        /// Width × height that was passed.
        pixels: usize,
    },
    /// A value is NaN or infinite.
    NotFinite {
        /// Index of the first bad value.
        index: usize,
    },
}

impl core::fmt::Display for PreprocessError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Empty => write!(f, "the image has no pixels (width or height is 0)"),
            Self::Length { expected, got } => {
                write!(f, "expected {expected} values for this width and height, got {got}")
            }
            Self::TooLarge { pixels } => write!(
                f,
                "the image has {pixels} pixels; at most {MAX_PIXELS} (4096 × 4096) are accepted"
            ),
            Self::NotFinite { index } => write!(f, "value {index} is not a finite number"),
        }
    }
}

impl std::error::Error for PreprocessError {}

/// A single-channel ink image: row-major, `values.len() == width * height`, ink in `0.0..=1.0`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ink {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Row-major ink, 1 = full ink.
    pub values: Vec<f32>,
}

fn check_size(width: usize, height: usize, channels: usize, got: usize) -> Result<(), PreprocessError> {
    if width == 0 || height == 0 {
        return Err(PreprocessError::Empty);
    }
    let pixels = width.saturating_mul(height);
    if pixels > MAX_PIXELS {
        return Err(PreprocessError::TooLarge { pixels });
    }
    let expected = pixels * channels;
    if got != expected {
        return Err(PreprocessError::Length { expected, got });
    }
    Ok(())
}

impl Ink {
    /// Ink from canvas pixels (`ImageData.data`: RGBA, 8 bits each, row-major).
    ///
    /// Ink is darkness times opacity: `alpha × (1 − luminance)`, luminance by ITU-R BT.709. So a
    /// transparent pixel is background whatever its colour, and dark strokes on a transparent or
    /// white canvas are ink.
    ///
    /// # Errors
    /// [`PreprocessError::Empty`], [`PreprocessError::TooLarge`], or [`PreprocessError::Length`]
    /// when `rgba.len() != width × height × 4`.
    pub fn from_rgba(rgba: &[u8], width: usize, height: usize) -> Result<Self, PreprocessError> {
        check_size(width, height, 4, rgba.len())?;
        let values = rgba
            .chunks_exact(4)
            .map(|p| {
                let luminance =
                    (0.2126 * f32::from(p[0]) + 0.7152 * f32::from(p[1]) + 0.0722 * f32::from(p[2]))
                        / 255.0;
                f32::from(p[3]) / 255.0 * (1.0 - luminance)
            })
            .collect();
        Ok(Self { width, height, values })
    }

    /// Ink from grey values already in `0.0..=1.0` with ink high (an MNIST digit, say).
    /// Values outside the range are clamped.
    ///
    /// # Errors
    /// As [`Ink::from_rgba`], plus [`PreprocessError::NotFinite`] for NaN or infinite values.
    pub fn from_gray(values: &[f32], width: usize, height: usize) -> Result<Self, PreprocessError> {
        check_size(width, height, 1, values.len())?;
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(PreprocessError::NotFinite { index });
        }
        Ok(Self { width, height, values: values.iter().map(|v| v.clamp(0.0, 1.0)).collect() })
    }

    /// The smallest box `(x0, y0, x1, y1)` (exclusive ends) holding every pixel with more than
    /// [`INK_THRESHOLD`] ink, or `None` when there is no such pixel.
    pub fn bounding_box(&self) -> Option<(usize, usize, usize, usize)> {
        let mut bbox: Option<(usize, usize, usize, usize)> = None;
        for (i, &v) in self.values.iter().enumerate() {
            if v > INK_THRESHOLD {
                let (x, y) = (i % self.width, i / self.width);
                bbox = Some(match bbox {
                    None => (x, y, x + 1, y + 1),
                    Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1)),
                });
            }
        }
        bbox
    }

    /// Crop to `bbox` and resample so the longer side is `side` pixels, keeping the aspect ratio.
    /// Downscaling averages (triangle filter with widened support), so thin strokes fade rather
    /// than vanish. Returns `(image, width, height)`.
    fn fit(&self, bbox: (usize, usize, usize, usize), side: usize) -> (Vec<f32>, usize, usize) {
        let (x0, y0, x1, y1) = bbox;
        let (bw, bh) = (x1 - x0, y1 - y0);
        let scale = side as f32 / bw.max(bh) as f32;
        let tw = ((bw as f32 * scale).round() as usize).clamp(1, side);
        let th = ((bh as f32 * scale).round() as usize).clamp(1, side);
        let crop = ImageBuffer::<Luma<f32>, Vec<f32>>::from_fn(bw as u32, bh as u32, |x, y| {
            Luma([self.values[(y0 + y as usize) * self.width + x0 + x as usize]])
        });
        let resized = imageops::resize(&crop, tw as u32, th as u32, imageops::FilterType::Triangle);
        let values = resized.into_raw().into_iter().map(|v| v.clamp(0.0, 1.0)).collect();
        (values, tw, th)
    }
}

/// Centre of mass `(x, y)` of an image, in pixel units measured from its top-left corner (pixel
/// centres at `i + 0.5`). `None` when it holds no ink.
pub fn centre_of_mass(values: &[f32], width: usize) -> Option<(f32, f32)> {
    let (mut total, mut sx, mut sy) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &v) in values.iter().enumerate() {
        let v = f64::from(v);
        total += v;
        sx += v * ((i % width) as f64 + 0.5);
        sy += v * ((i / width) as f64 + 0.5);
    }
    (total > 0.0).then(|| ((sx / total) as f32, (sy / total) as f32))
}

/// Frame ink the way MNIST was made: the bounding box scaled to fit [`MNIST_BOX`]² keeping its
/// aspect ratio, anti-aliased, then moved by whole pixels so its centre of mass is at the centre of
/// the [`MNIST_SIDE`]² field (ink that would fall off the field is dropped).
///
/// Returns `784` values (`[28, 28]` row-major, `0..=1`, ink high), or `None` for an image with no
/// ink (an empty pad is no digit).
pub fn frame_mnist(ink: &Ink) -> Option<Vec<f32>> {
    let bbox = ink.bounding_box()?;
    let (fitted, w, h) = ink.fit(bbox, MNIST_BOX);
    let (cx, cy) = centre_of_mass(&fitted, w)?;
    let centre = MNIST_SIDE as f32 / 2.0;
    let dx = (centre - cx).round() as isize;
    let dy = (centre - cy).round() as isize;
    let mut out = vec![0.0; MNIST_SIDE * MNIST_SIDE];
    for y in 0..h {
        for x in 0..w {
            let (tx, ty) = (x as isize + dx, y as isize + dy);
            if (0..MNIST_SIDE as isize).contains(&tx) && (0..MNIST_SIDE as isize).contains(&ty) {
                out[ty as usize * MNIST_SIDE + tx as usize] = fitted[y * w + x];
            }
        }
    }
    Some(out)
}

/// The primer's picture of a digit: the ink's bounding box scaled so its longer side spans the
/// [`GRID_SIDE`]-cell grid (centred on the other axis), each cell on (1) when at least
/// [`GRID_THRESHOLD`] of it is ink, else off (0).
///
/// Input: any ink image (usually the `[28, 28]` output of [`frame_mnist`]). Output: `256` cells,
/// `[16, 16]` row-major — the 256-number vector the primer's network reads — or `None` without ink.
pub fn grid16(ink: &Ink) -> Option<Vec<u8>> {
    let bbox = ink.bounding_box()?;
    let (fitted, w, h) = ink.fit(bbox, GRID_SIDE);
    let (ox, oy) = ((GRID_SIDE - w) / 2, (GRID_SIDE - h) / 2);
    let mut out = vec![0u8; GRID_SIDE * GRID_SIDE];
    for y in 0..h {
        for x in 0..w {
            out[(y + oy) * GRID_SIDE + x + ox] = u8::from(fitted[y * w + x] >= GRID_THRESHOLD);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w × h` image with the rectangle `[x0, x1) × [y0, y1)` fully inked.
    fn rect(w: usize, h: usize, x0: usize, y0: usize, x1: usize, y1: usize) -> Ink {
        let values = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                if (x0..x1).contains(&x) && (y0..y1).contains(&y) { 1.0 } else { 0.0 }
            })
            .collect();
        Ink { width: w, height: h, values }
    }

    fn bbox28(img: &[f32]) -> Option<(usize, usize, usize, usize)> {
        Ink { width: 28, height: 28, values: img.to_vec() }.bounding_box()
    }

    #[test]
    fn rgba_ink_is_darkness_times_alpha() {
        // transparent black, opaque black, opaque white, half-transparent black, opaque mid grey
        let px = [0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128, 128, 255];
        let ink = Ink::from_rgba(&px, 5, 1).unwrap();
        let want = [0.0, 1.0, 0.0, 128.0 / 255.0, 1.0 - 128.0 / 255.0];
        for (got, want) in ink.values.iter().zip(want) {
            assert!((got - want).abs() < 1e-6, "{got} vs {want}");
        }
    }

    #[test]
    fn bad_sizes_are_refused_with_a_reason() {
        assert_eq!(Ink::from_rgba(&[], 0, 10), Err(PreprocessError::Empty));
        assert_eq!(
            Ink::from_rgba(&[0; 15], 2, 2),
            Err(PreprocessError::Length { expected: 16, got: 15 })
        );
        assert_eq!(
            Ink::from_rgba(&[], 5000, 5000),
            Err(PreprocessError::TooLarge { pixels: 25_000_000 })
        );
        assert_eq!(
            Ink::from_gray(&[0.0, f32::NAN, 1.0, 0.0], 2, 2),
            Err(PreprocessError::NotFinite { index: 1 })
        );
        // width × height overflowing usize must not wrap around to a small number
        assert!(matches!(
            Ink::from_rgba(&[], usize::MAX, 3),
            Err(PreprocessError::TooLarge { .. })
        ));
    }

    #[test]
    fn empty_or_faint_canvas_is_no_digit() {
        let blank = Ink { width: 50, height: 40, values: vec![0.0; 2000] };
        assert_eq!(frame_mnist(&blank), None);
        assert_eq!(grid16(&blank), None);
        let faint = Ink { width: 50, height: 40, values: vec![INK_THRESHOLD; 2000] };
        assert_eq!(frame_mnist(&faint), None);
    }

    #[test]
    fn centre_of_mass_by_hand() {
        // ink 1 at x=0 and 3 at x=2 on one row: (1·0.5 + 3·2.5) / 4 = 2.0
        assert_eq!(centre_of_mass(&[1.0, 0.0, 3.0], 3), Some((2.0, 0.5)));
        assert_eq!(centre_of_mass(&[0.0; 4], 2), None);
    }

    #[test]
    fn a_tall_bar_fills_twenty_rows_and_sits_at_the_centre() {
        // A 10 × 40 bar in the corner of a 200 × 200 canvas: scaled by 0.5 to 5 × 20.
        let img = frame_mnist(&rect(200, 200, 0, 0, 10, 40)).unwrap();
        // 5 × 20 block, centre of mass (2.5, 10) moved to (14, 14): shifts 11.5 → 12 (round half
        // away from zero) and 4, so columns 12..17 and rows 4..24.
        assert_eq!(bbox28(&img), Some((12, 4, 17, 24)));
        for y in 4..24 {
            for x in 12..17 {
                assert!((img[y * 28 + x] - 1.0).abs() < 1e-5, "({x},{y}) = {}", img[y * 28 + x]);
            }
        }
        let ink: f32 = img.iter().sum();
        assert!((ink - 100.0).abs() < 1e-3, "total ink {ink}");
    }

    #[test]
    fn the_same_shape_anywhere_at_any_size_frames_the_same() {
        // An L shape drawn big in the middle and small in a corner.
        let l_shape = |w: usize, x0: usize, y0: usize, s: usize| {
            let mut ink = rect(w, w, x0, y0, x0 + s / 4, y0 + s);
            let foot = rect(w, w, x0, y0 + s - s / 4, x0 + s, y0 + s);
            for (v, f) in ink.values.iter_mut().zip(foot.values) {
                *v = v.max(f);
            }
            ink
        };
        let big = frame_mnist(&l_shape(400, 100, 80, 240)).unwrap();
        let small = frame_mnist(&l_shape(400, 4, 4, 60)).unwrap();
        let diff: f32 = big.iter().zip(&small).map(|(a, b)| (a - b).abs()).sum();
        assert!(diff < 1.0, "big and small framings differ by {diff}");
    }

    #[test]
    fn downscaling_antialiases_thin_strokes() {
        // A 1-px line on a 280-px canvas is 14× thinner than a pixel after framing a wide box:
        // averaging keeps it as faint ink instead of dropping or aliasing it.
        let mut ink = rect(280, 280, 0, 140, 280, 141);
        ink.values[0] = 1.0; // a dot at the top-left makes the box 280 wide and 141 tall
        let img = frame_mnist(&ink).unwrap();
        let row_max = (0..28).map(|y| (0..28).map(|x| img[y * 28 + x]).fold(0.0, f32::max));
        let brightest = row_max.fold(0.0, f32::max);
        assert!(brightest > 0.02 && brightest < 0.5, "thin line became {brightest}");
    }

    #[test]
    fn grid_of_a_plus_sign() {
        // A plus sign 3 px thick in a 9 × 9 box: scaled ×16/9, each arm is 5.33 cells wide.
        let mut ink = rect(9, 9, 3, 0, 6, 9);
        for (v, h) in ink.values.iter_mut().zip(rect(9, 9, 0, 3, 9, 6).values) {
            *v = v.max(h);
        }
        let grid = grid16(&ink).unwrap();
        assert_eq!(grid.len(), 256);
        // corners off, centre and the four arm tips on, and symmetric under transposition
        assert_eq!(grid[0] + grid[15] + grid[240] + grid[255], 0);
        for (x, y) in [(8, 8), (8, 0), (8, 15), (0, 8), (15, 8)] {
            assert_eq!(grid[y * 16 + x], 1, "cell ({x},{y})");
        }
        for y in 0..16 {
            for x in 0..16 {
                assert_eq!(grid[y * 16 + x], grid[x * 16 + y]);
            }
        }
        let on: u32 = grid.iter().map(|&c| u32::from(c)).sum();
        // two 16 × ~5.3 bars minus their overlap: about 2·85 − 28 = 142 cells
        assert!((120..=165).contains(&on), "{on} cells on");
    }

    #[test]
    fn grid_keeps_aspect_ratio_and_centres() {
        // A 1:4 bar becomes 4 × 16 cells in the middle columns.
        let grid = grid16(&rect(40, 40, 10, 0, 20, 40)).unwrap();
        for y in 0..16 {
            let row: Vec<u8> = grid[y * 16..y * 16 + 16].to_vec();
            assert_eq!(row, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], "row {y}");
        }
    }
}
