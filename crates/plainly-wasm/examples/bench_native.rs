//! Native half of `make bench`, timed the same way the browser half is:
//! - the digit widget's classification (preprocess + both networks) and the bare CNN forward pass,
//!   on both CPU backends;
//! - the marbles widget: optimizer steps per second for a swarm of 200 marbles, every optimizer;
//! - the embeddings widget: parsing the word vectors, 10 neighbours, an analogy, PCA of 200 words;
//! - the attention widget: the transformer's forward pass for 16 and 128 tokens;
//! - the playground: training steps per second of the default network (XOR, 2-8-8-1 tanh, SGD,
//!   batch 10), and the 48 × 48 neuron maps the widget draws every frame.
//!
//! Usage: `bench_native OUT.json` — prints tables and writes medians and p95s in milliseconds.

use std::time::Instant;

use plainly_wasm::digit::Digit;
use serde::Serialize;

const RUNS: usize = 1000;

#[derive(Serialize)]
struct Stat {
    median_ms: f64,
    p95_ms: f64,
}

fn time(f: impl FnMut()) -> Stat {
    time_n(RUNS, f)
}

fn time_n(runs: usize, mut f: impl FnMut()) -> Stat {
    for _ in 0..runs.min(20) {
        f(); // warm-up
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    Stat { median_ms: ms[runs / 2], p95_ms: ms[runs * 95 / 100] }
}

#[derive(Serialize)]
struct Backend {
    backend: String,
    classify: Stat,
    forward: Stat,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/bench/digit-native.json".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cnn = std::fs::read(root.join("web/assets/digit-cnn.bpk"))?;
    let grid = std::fs::read(root.join("web/assets/digit-grid.bpk"))?;
    let sample: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("tests/fixtures/mnist-test-sample.json"))?)?;
    let pixels: Vec<f32> = sample[0]["pixels"]
        .as_array()
        .ok_or("sample has no pixels")?
        .iter()
        .map(|v| v.as_f64().unwrap_or(0.0) as f32 / 255.0)
        .collect();
    // The same 280 × 280 canvas the browser half builds: each MNIST pixel a 10 × 10 block of
    // black ink whose alpha is the grey value.
    let mut rgba = vec![0u8; 280 * 280 * 4];
    for y in 0..280 {
        for x in 0..280 {
            rgba[(y * 280 + x) * 4 + 3] = (pixels[(y / 10) * 28 + x / 10] * 255.0).round() as u8;
        }
    }
    let framed = Digit::new(&cnn, &grid, None)?.classify_rgba(&rgba, 280, 280)?.ok_or("no ink")?.input28;

    let mut results = Vec::new();
    println!("{:<10} {:>22} {:>22}", "backend", "classify median/p95 ms", "forward median/p95 ms");
    for backend in plainly_wasm::BACKENDS {
        let digit = Digit::new(&cnn, &grid, Some(backend))?;
        let classify = time(|| {
            digit.classify_rgba(&rgba, 280, 280).ok();
        });
        let forward = time(|| {
            digit.cnn_probabilities(&framed).ok();
        });
        println!(
            "{backend:<10} {:>12.3} / {:<8.3} {:>12.3} / {:<8.3}",
            classify.median_ms, classify.p95_ms, forward.median_ms, forward.p95_ms
        );
        results.push(Backend { backend: backend.into(), classify, forward });
    }
    let marbles = marbles()?;
    let embeddings = embeddings(&root)?;
    let attention = attention(&root)?;
    let playground = playground()?;
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::json!({ "runs": RUNS, "native": results, "marbles": marbles, "embeddings": embeddings, "attention": attention, "playground": playground });
    std::fs::write(&out, serde_json::to_string_pretty(&json)?)?;
    Ok(())
}

/// Steps per second of one swarm of 200 marbles on the bumpy floor, each optimizer.
fn marbles() -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    use plainly_wasm::marbles::Field;
    const MARBLES: usize = 200;
    const STEPS: usize = 500;
    println!("\n{:<10} {:>16} {:>22}", "optimizer", "steps/s (200)", "marble-steps/s");
    let mut out = serde_json::Map::new();
    for optimizer in ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
        let mut field = Field::new("bumpy", None)?;
        let starts = field.random_starts(MARBLES, 1)?;
        field.add(&starts, optimizer, 0.01, 0.9, 0.999)?;
        field.step(20)?; // warm-up
        let start = Instant::now();
        field.step(STEPS)?;
        let per_second = STEPS as f64 / start.elapsed().as_secs_f64();
        println!("{optimizer:<10} {per_second:>16.0} {:>22.0}", per_second * MARBLES as f64);
        out.insert(optimizer.into(), serde_json::json!({ "marbles": MARBLES, "steps_per_second": per_second }));
    }
    Ok(serde_json::Value::Object(out))
}

/// The embeddings widget's calls, timed as the browser half times them.
fn embeddings(root: &std::path::Path) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    use plainly_wasm::words::Words;
    let bytes = std::fs::read(root.join("web/assets/glove-50d.f16"))?;
    let text = std::fs::read_to_string(root.join("web/assets/glove-50d.words.txt"))?;
    let load = time_n(5, || {
        Words::new(&bytes, &text).ok();
    });
    let words = Words::new(&bytes, &text)?;
    let queries = ["dog", "king", "paris", "computer", "river", "happy", "music", "water"];
    let mut i = 0;
    let neighbours = time_n(200, || {
        i += 1;
        words.neighbours(queries[i % queries.len()], 10).ok();
    });
    let analogy = time_n(200, || {
        words.analogy("king", "man", "woman", 5).ok();
    });
    let list: Vec<String> = text.lines().skip(1000).take(200).map(str::to_owned).collect();
    let pca200 = time_n(100, || {
        words.layout(&list, 2).ok();
    });
    println!("\nembeddings (ms median / p95): load {:.2} / {:.2}, neighbours {:.3} / {:.3}, analogy {:.3} / {:.3}, PCA of 200 words {:.3} / {:.3}",
        load.median_ms, load.p95_ms, neighbours.median_ms, neighbours.p95_ms, analogy.median_ms, analogy.p95_ms, pca200.median_ms, pca200.p95_ms);
    Ok(serde_json::json!({ "load": load, "neighbours": neighbours, "analogy": analogy, "pca200": pca200 }))
}

/// The playground's default network (XOR, 500 points, 2-8-8-1 tanh, SGD η = 0.1, batch 10,
/// seed 1): steps per second taken one per call (each call also measures train and test loss, as
/// every call does) and 100 per call; and the widget's per-frame read-back, `grid(48, 1.2)`.
fn playground() -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    use plainly_wasm::playground::{Spec, build, step};
    let spec = Spec {
        dataset: "xor".into(),
        noise: 0.0,
        points: 500,
        hidden: vec![8, 8],
        activation: "tanh".into(),
        optimizer: "sgd".into(),
        learning_rate: 0.1,
        batch_size: 10,
        l2: 0.0,
        seed: 1,
    };
    let mut out = serde_json::Map::new();
    // Two passes, the first discarded (as in the browser half).
    for pass in 0..2 {
        for (per_call, calls) in [(1usize, 2000usize), (100, 40)] {
            let mut net = build(&spec)?;
            step(&mut net, per_call)?; // warm-up
            let start = Instant::now();
            for _ in 0..calls {
                step(&mut net, per_call)?;
            }
            let per_second = (per_call * calls) as f64 / start.elapsed().as_secs_f64();
            if pass == 1 {
                println!("playground, {per_call} step(s) per call: {per_second:.0} steps/s");
                out.insert(format!("steps_per_call_{per_call}"), serde_json::json!({ "steps_per_second": per_second }));
            }
        }
    }
    let net = build(&spec)?;
    let grid = time_n(200, || {
        net.grid(48, 1.2).ok();
    });
    println!("playground grid(48, 1.2): {:.3} / {:.3} ms", grid.median_ms, grid.p95_ms);
    out.insert("grid48".into(), serde_json::to_value(grid)?);
    Ok(serde_json::Value::Object(out))
}

/// The attention widget's forward pass, with every attention map, as the browser half times it.
fn attention(root: &std::path::Path) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    use plainly_wasm::attention::Encoder;
    let weights = std::fs::read(root.join("web/assets/minilm-l6.bpk"))?;
    let tokenizer = std::fs::read(root.join("web/assets/minilm-l6.tokenizer.json"))?;
    let encoder = Encoder::new(&weights, &tokenizer)?;
    let text = "The animal did not cross the street because it was too tired, and the street was long and wide. ".repeat(12);
    let mut out = serde_json::Map::new();
    for (tokens, runs) in [(16, 30), (128, 10)] {
        let stat = time_n(runs, || {
            encoder.read(&text, tokens).ok();
        });
        println!("attention forward, {tokens} tokens: {:.1} / {:.1} ms", stat.median_ms, stat.p95_ms);
        out.insert(tokens.to_string(), serde_json::to_value(stat)?);
    }
    Ok(serde_json::Value::Object(out))
}
