//! BERT's WordPiece tokenizer (Wu et al. 2016; Devlin et al. 2019), by the Hugging Face
//! `tokenizers` crate from the model's own `tokenizer.json`: clean text, lower-case, strip
//! accents, split Chinese characters and punctuation, then greedy longest-match `##` pieces, and
//! `[CLS]` … `[SEP]` around the sentence. No padding.

use tokenizers::Tokenizer;

/// The most characters read from one text; more is cut before tokenizing (a 512-token input
/// never needs more than a few thousand characters).
pub const MAX_CHARS: usize = 20_000;

/// A tokenized sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tokens {
    /// The pieces as the vocabulary spells them (`[CLS]`, `the`, `##s`, `[SEP]`, …).
    pub tokens: Vec<String>,
    /// Their ids in the vocabulary, `[tokens]`.
    pub ids: Vec<u32>,
    /// Tokens the full text had before it was cut to the limit (equal to `ids.len()` when
    /// nothing was cut).
    pub full_length: usize,
    /// True when the text was longer than [`MAX_CHARS`] characters and was cut first.
    pub chars_cut: bool,
}

/// A WordPiece tokenizer with a token limit.
pub struct WordPiece {
    inner: Tokenizer,
    cls: u32,
    sep: u32,
}

impl core::fmt::Debug for WordPiece {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WordPiece").field("vocab", &self.inner.get_vocab_size(true)).finish()
    }
}

impl WordPiece {
    /// Read a `tokenizer.json` (Hugging Face format). Its own padding and truncation settings
    /// are switched off: every sentence keeps its own length, and [`WordPiece::encode`] cuts.
    ///
    /// # Errors
    /// Bytes that are not a tokenizer file, or one without `[CLS]` and `[SEP]`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, String> {
        let mut inner = Tokenizer::from_bytes(bytes).map_err(|e| format!("not a readable tokenizer file: {e}"))?;
        inner.with_padding(None);
        inner.with_truncation(None).map_err(|e| e.to_string())?;
        let id = |t: &str| inner.token_to_id(t).ok_or_else(|| format!("the tokenizer has no {t} token"));
        let (cls, sep) = (id("[CLS]")?, id("[SEP]")?);
        Ok(Self { inner, cls, sep })
    }

    /// Tokenize `text`, keeping at most `max_tokens` tokens (at least 2) including `[CLS]` and
    /// `[SEP]`; a longer text is cut and ends with `[SEP]`.
    ///
    /// # Errors
    /// `max_tokens` below 2, or a failure inside the tokenizer.
    pub fn encode(&self, text: &str, max_tokens: usize) -> Result<Tokens, String> {
        if max_tokens < 2 {
            return Err(format!("a limit of {max_tokens} tokens leaves no room for [CLS] and [SEP]"));
        }
        let (text, chars_cut) = match text.char_indices().nth(MAX_CHARS) {
            Some((at, _)) => (&text[..at], true),
            None => (text, false),
        };
        let encoding = self.inner.encode(text, true).map_err(|e| e.to_string())?;
        let mut ids = encoding.get_ids().to_vec();
        let mut tokens = encoding.get_tokens().to_vec();
        let full_length = ids.len();
        if ids.len() > max_tokens {
            ids.truncate(max_tokens - 1);
            tokens.truncate(max_tokens - 1);
            ids.push(self.sep);
            tokens.push("[SEP]".into());
        }
        debug_assert_eq!(ids.first(), Some(&self.cls));
        Ok(Tokens { tokens, ids, full_length, chars_cut })
    }
}
