// Loads Plainly's WebAssembly module once per page, however many widgets ask for it, and fetches
// assets relative to this file so widgets work when embedded in another site.

let loading = null;
let crashed = null;

// `make dist` gives files content-hashed names and tells the bundle through esbuild's --define
// (relative path as written here → hashed relative path). Unbundled, every file keeps its name.
/* global PLAINLY_DIST_FILES */
const RENAMED = typeof PLAINLY_DIST_FILES === 'undefined' ? {} : PLAINLY_DIST_FILES;

/** The URL of a file given relative to this module (web/core/), under its shipped name. */
function here(path) {
  return new URL(RENAMED[path] ?? path, import.meta.url);
}

/** The wasm-bindgen bindings, initialised; the same promise for every caller. */
export function plainlyWasm() {
  loading ??= (async () => {
    // a literal path, so `make dist` bundles the bindings (a relative import resolves against
    // this module either way)
    const bindings = await import('../pkg/plainly_wasm.js');
    await bindings.default({ module_or_path: here('../pkg/plainly_wasm_bg.wasm') });
    return bindings;
  })().catch((error) => {
    loading = null; // let a later widget try again
    throw error;
  });
  return loading;
}

/** Bytes of a file under web/assets/. Throws an Error naming the file when it can't be fetched. */
export async function fetchAsset(name) {
  const response = await fetch(here(`../assets/${name}`));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetch an asset's bytes, reporting the fraction received when the size is known. */
export async function fetchWithProgress(name, onProgress) {
  const response = await fetch(here(`../assets/${name}`));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const bytes = new Uint8Array(total);
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > total) throw new Error(`${name}: more bytes than announced`);
    bytes.set(value, received);
    received += value.length;
    onProgress(received / total);
  }
  if (received !== total) throw new Error(`${name}: ${received} of ${total} bytes arrived`);
  return bytes;
}

/**
 * A large asset kept in the browser's Cache Storage under `name?v=version`, so a second visit
 * reads it from disk instead of the network. Falls back to a plain fetch where Cache Storage is
 * missing (pages not served over https or localhost) or full.
 */
export async function fetchCached(name, version, onProgress = () => {}) {
  const url = here(`../assets/${name}`);
  url.search = `?v=${encodeURIComponent(version ?? '')}`;
  const key = url.href;
  let cache = null;
  try {
    cache = globalThis.caches ? await caches.open('plainly-assets-v1') : null;
    const hit = await cache?.match(key);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      onProgress(1);
      return bytes;
    }
  } catch {
    cache = null; // storage refused (private mode, quota): load over the network
  }
  const bytes = await fetchWithProgress(name, onProgress);
  if (cache) {
    try {
      // Older versions of the same file are dropped so the cache holds one copy.
      for (const request of await cache.keys()) {
        if (request.url.split('?')[0] === key.split('?')[0] && request.url !== key) await cache.delete(request);
      }
      await cache.put(key, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
    } catch {
      // a full disk only costs the next visit a download
    }
  }
  return bytes;
}

/** A JSON file under web/assets/. */
export async function fetchJson(name) {
  return JSON.parse(new TextDecoder().decode(await fetchAsset(name)));
}

/**
 * Call into wasm. A `RuntimeError` (a trap: a panic that slipped through) leaves the instance in
 * an unknown state, so it is remembered and every later call fails at once with that reason
 * instead of computing nonsense; widgets show it.
 */
export function callWasm(fn) {
  if (crashed) throw crashed;
  try {
    return fn();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      crashed = new WasmCrash(error);
      globalThis.dispatchEvent?.(new CustomEvent('plainly-wasm-crashed', { detail: crashed }));
      throw crashed;
    }
    throw error;
  }
}

/** The model trapped; nothing more can run until the page reloads. */
export class WasmCrash extends Error {
  constructor(cause) {
    super(cause?.message ?? String(cause));
    this.name = 'WasmCrash';
    this.cause = cause;
  }
}
