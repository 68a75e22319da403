// Timing shared by the in-page benchmark halves.

/** Median and 95th percentile of `ms` (milliseconds), and the number of runs. */
export function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median_ms: sorted[Math.floor(sorted.length / 2)], p95_ms: sorted[Math.floor(sorted.length * 0.95)], runs: sorted.length };
}

/**
 * A timer: `time(f, runs)` calls `f(i)` `warmup` times untimed (the browser optimises hot wasm
 * and JavaScript first), then times `runs` calls (default `runs`) and returns their `stats`.
 */
export function timer({ runs: defaultRuns, warmup }) {
  return (f, runs = defaultRuns) => {
    for (let i = 0; i < warmup; i++) f(i);
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      f(i);
      ms.push(performance.now() - start);
    }
    return stats(ms);
  };
}
