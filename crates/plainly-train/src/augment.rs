//! Augmentation that makes the digit networks robust to how people draw.
//!
//! People draw with a pen of fixed width, big or small, slanted, squashed and a little off. Each
//! training digit is therefore, at random: rotated (±12°), sheared (±0.25), stretched on each axis
//! (0.85–1.15), made thinner or thicker (grey-level erosion or dilation at double resolution, from
//! −0.5 to +1 pixel per side at MNIST scale), then framed again by the very code that frames a
//! drawing in the browser ([`plainly_models::preprocess::frame_mnist`]), and finally shifted by up
//! to 2 pixels.

use image::{GrayImage, Luma, imageops};
use imageproc::geometric_transformations::{Border, Interpolation, Projection, warp};
use imageproc::morphology::{Mask, grayscale_dilate, grayscale_erode};
use plainly_models::preprocess::{Ink, MNIST_SIDE, frame_mnist};
use rand::{Rng, RngExt};

/// Work at twice MNIST resolution so that stroke width changes by half-pixel steps.
const UP: u32 = 2;
/// A margin around the digit so rotation and stretching do not cut it off.
const PAD: u32 = 14;

/// One augmented copy of a 28×28 digit (`0..=1`, ink high), framed like MNIST. Returns the
/// re-framed original if augmentation happens to erase all ink.
pub fn augment(pixels: &[f32], rng: &mut impl Rng) -> Vec<f32> {
    let side = MNIST_SIDE as u32 * UP + 2 * PAD * UP;
    let small = GrayImage::from_fn(MNIST_SIDE as u32, MNIST_SIDE as u32, |x, y| {
        Luma([(pixels[(y * MNIST_SIDE as u32 + x) as usize] * 255.0).round() as u8])
    });
    let big = imageops::resize(&small, MNIST_SIDE as u32 * UP, MNIST_SIDE as u32 * UP, imageops::FilterType::Triangle);
    let mut canvas = GrayImage::new(side, side);
    imageops::replace(&mut canvas, &big, i64::from(PAD * UP), i64::from(PAD * UP));

    let c = side as f32 / 2.0;
    let angle = rng.random_range(-12.0f32..12.0).to_radians();
    let shear = rng.random_range(-0.25f32..0.25);
    let (sx, sy) = (rng.random_range(0.85f32..1.15), rng.random_range(0.85f32..1.15));
    let shear = Projection::from_matrix([1.0, shear, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
        .unwrap_or_else(|| Projection::scale(1.0, 1.0));
    let projection = Projection::translate(c, c)
        * Projection::rotate(angle)
        * shear
        * Projection::scale(sx, sy)
        * Projection::translate(-c, -c);
    let mut warped = warp(&canvas, projection, Interpolation::Bilinear, Border::Constant(Luma([0])));

    warped = match rng.random_range(0..20) {
        0..3 => grayscale_erode(&warped, &Mask::square(1)),
        3..10 => warped,
        10..16 => grayscale_dilate(&warped, &Mask::square(1)),
        _ => grayscale_dilate(&warped, &Mask::diamond(2)),
    };

    let values: Vec<f32> = warped.pixels().map(|p| f32::from(p.0[0]) / 255.0).collect();
    let ink = Ink { width: side as usize, height: side as usize, values };
    let Some(framed) = frame_mnist(&ink) else {
        return reframe(pixels);
    };
    let (dx, dy) = (rng.random_range(-2i32..=2), rng.random_range(-2i32..=2));
    shift(&framed, dx, dy)
}

/// A digit framed again by the browser's framing code (no randomness): what the networks see at
/// test time.
pub fn reframe(pixels: &[f32]) -> Vec<f32> {
    let ink = Ink { width: MNIST_SIDE, height: MNIST_SIDE, values: pixels.to_vec() };
    frame_mnist(&ink).unwrap_or_else(|| pixels.to_vec())
}

/// Move a 28×28 image by whole pixels, filling with background.
fn shift(img: &[f32], dx: i32, dy: i32) -> Vec<f32> {
    let n = MNIST_SIDE as i32;
    let mut out = vec![0.0; img.len()];
    for y in 0..n {
        for x in 0..n {
            let (sx, sy) = (x - dx, y - dy);
            if (0..n).contains(&sx) && (0..n).contains(&sy) {
                out[(y * n + x) as usize] = img[(sy * n + sx) as usize];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;

    /// A "7": a top bar and a diagonal.
    fn seven() -> Vec<f32> {
        let mut img = vec![0.0; 784];
        for x in 8..21 {
            img[6 * 28 + x] = 1.0;
            img[7 * 28 + x] = 1.0;
        }
        for y in 8..23 {
            let x = 20 - (y - 8) / 2;
            img[y * 28 + x] = 1.0;
            img[y * 28 + x - 1] = 1.0;
        }
        img
    }

    #[test]
    fn augmented_digits_stay_framed_and_vary() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let base = reframe(&seven());
        let copies: Vec<Vec<f32>> = (0..20).map(|_| augment(&seven(), &mut rng)).collect();
        for img in &copies {
            assert_eq!(img.len(), 784);
            let ink: f32 = img.iter().sum();
            assert!(ink > 20.0, "lost the digit: ink {ink}");
            assert!(img.iter().all(|v| (0.0..=1.0).contains(v)));
        }
        let differing = copies.iter().filter(|c| *c != &base).count();
        assert!(differing >= 18, "only {differing} of 20 copies differ");
    }

    #[test]
    fn shifting_moves_ink_by_whole_pixels() {
        let mut img = vec![0.0; 784];
        img[10 * 28 + 10] = 1.0;
        let moved = shift(&img, 2, -1);
        assert_eq!(moved[9 * 28 + 12], 1.0);
        assert_eq!(moved.iter().sum::<f32>(), 1.0);
    }
}
