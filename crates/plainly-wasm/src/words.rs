//! Checked entry points of the word-embedding widget (plain Rust, tested natively).

use plainly_models::pca::Pca;
use plainly_models::words::{Scored, WordVectors};
use serde::Serialize;

/// The most neighbours one call may ask for.
pub const MAX_K: usize = 100;
/// The most words one layout may hold.
pub const MAX_LAYOUT: usize = 2000;

/// Words laid out on the page by PCA.
#[derive(Debug, Serialize, PartialEq)]
pub struct Layout {
    /// The words, as found (lower-case).
    pub words: Vec<String>,
    /// Coordinates, `[n, k]` row-major.
    pub coords: Vec<f32>,
    /// Share of the words' variance along each axis.
    pub ratios: Vec<f64>,
}

/// Word vectors with the checks the browser needs.
#[derive(Debug)]
pub struct Words {
    vectors: WordVectors,
}

fn check_k(k: usize) -> Result<(), String> {
    if (1..=MAX_K).contains(&k) { Ok(()) } else { Err(format!("asked for {k} words; 1 to {MAX_K}")) }
}

impl Words {
    /// Load float16 vectors (50 per word) and their word list.
    ///
    /// # Errors
    /// As [`WordVectors::from_f16`].
    pub fn new(bytes: &[u8], words: &str) -> Result<Self, String> {
        Ok(Self { vectors: WordVectors::from_f16(bytes, words, 50)? })
    }

    /// How many words are known.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// True when no words are known (never, for a loaded file).
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// The known form of a word (lower-case), or `None`.
    pub fn canonical(&self, word: &str) -> Option<String> {
        self.vectors.find(word).map(|i| self.vectors.word(i).to_owned())
    }

    /// Cosine similarity of two words.
    ///
    /// # Errors
    /// An unknown word.
    pub fn cosine(&self, a: &str, b: &str) -> Result<f32, String> {
        self.vectors.cosine(a, b)
    }

    /// The `k` nearest neighbours of a word.
    ///
    /// # Errors
    /// An unknown word or a bad `k`.
    pub fn neighbours(&self, word: &str, k: usize) -> Result<Vec<Scored>, String> {
        check_k(k)?;
        self.vectors.neighbours(word, k)
    }

    /// `a − b + c`, the `k` nearest words, inputs left out.
    ///
    /// # Errors
    /// An unknown word or a bad `k`.
    pub fn analogy(&self, a: &str, b: &str, c: &str, k: usize) -> Result<Vec<Scored>, String> {
        check_k(k)?;
        self.vectors.analogy(a, b, c, k)
    }

    /// PCA of the words' vectors to `k` (2 or 3) dimensions.
    ///
    /// # Errors
    /// Fewer than 2 or more than [`MAX_LAYOUT`] words, an unknown word, or `k` not 2 or 3.
    pub fn layout(&self, words: &[String], k: usize) -> Result<Layout, String> {
        if !(2..=3).contains(&k) {
            return Err(format!("{k} dimensions; 2 or 3"));
        }
        if words.len() < 2 || words.len() > MAX_LAYOUT {
            return Err(format!("{} words; 2 to {MAX_LAYOUT} can be laid out", words.len()));
        }
        let mut found = Vec::with_capacity(words.len());
        let mut points = Vec::with_capacity(words.len() * self.vectors.dim());
        for w in words {
            let i = self.vectors.find(w).ok_or_else(|| format!("{w:?} is not among the known words"))?;
            found.push(self.vectors.word(i).to_owned());
            points.extend_from_slice(self.vectors.vector(i));
        }
        let pca = Pca::fit(&points, self.vectors.dim(), k)?;
        Ok(Layout { words: found, coords: pca.project(&points)?, ratios: pca.explained_variance_ratio.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/assets");
        let bytes = std::fs::read(dir.join("glove-50d.f16")).expect("vectors");
        let text = std::fs::read_to_string(dir.join("glove-50d.words.txt")).expect("words");
        Words::new(&bytes, &text).expect("loads")
    }

    #[test]
    fn checks() {
        let w = words();
        assert!(w.neighbours("dog", 0).is_err());
        assert!(w.neighbours("dog", 101).is_err());
        assert!(w.neighbours("qwzx", 5).unwrap_err().contains("not among"));
        assert!(w.layout(&["dog".into()], 2).is_err());
        assert!(w.layout(&["dog".into(), "cat".into()], 4).is_err());
        assert!(w.layout(&["dog".into(), "blorp".into()], 2).unwrap_err().contains("blorp"));
        assert_eq!(w.canonical("  Puppy "), Some("puppy".into()));
        assert_eq!(w.canonical("<script>"), None);
        let l = w.layout(&["Dog".into(), "cat".into(), "house".into()], 2).unwrap();
        assert_eq!(l.words, ["dog", "cat", "house"]);
        assert_eq!(l.coords.len(), 6);
        assert!(Words::new(&[0; 10], "a\n").is_err());
    }
}
