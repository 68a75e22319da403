//! Plainly's training CLI as a library: every shipped model is rebuilt from real data by a
//! command here, and the tests use the same code to check the shipped weights.

pub mod augment;
pub mod data;
pub mod digit_tsne;
pub mod digits;
pub mod landscape;
pub mod minilm;
