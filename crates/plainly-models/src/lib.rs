//! Plainly's models: the networks, preprocessing and data handling behind every widget.
//!
//! Pure Rust on burn's runtime [`Device`](burn::prelude::Device): nothing here knows about wasm
//! or the DOM, so everything is tested natively and the browser facade stays thin.

pub mod activations;
pub mod backprop;
pub mod bert;
pub mod digits;
pub mod gradient_flow;
pub mod marbles;
pub mod mnist;
pub mod pca;
pub mod perceptron;
pub mod playground;
pub mod preprocess;
pub mod space;
pub mod surfaces;
pub mod tsne;
pub mod wordpiece;
pub mod words;
