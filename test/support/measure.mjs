// Small load generator for the benchmarks: bounded in requests AND time, loopback only.
//
//   const r = await measure(`${baseUrl}/healthz`, { requests: 2000, concurrency: 8 });
//   // { requests, errors, seconds, rps, p50, p90, p99, max, bytes }  (latencies in ms)
//
// `target` is a URL (GET, body read fully) or an async function that performs one operation and
// throws on failure; each call is timed individually.

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarises latencies (ms) measured over `seconds`. */
export function summarize(latencies, seconds, extra = {}) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    ...extra,
  };
}

/**
 * @param {string | (() => Promise<unknown>)} target
 * @param {{ requests?: number, concurrency?: number, maxSeconds?: number, warmup?: number,
 *           init?: RequestInit, expectStatus?: number }} [options]
 */
export async function measure(target, options = {}) {
  const { requests = 1000, concurrency = 8, maxSeconds = 15, warmup = 50, init, expectStatus = 200 } = options;
  let bytes = 0;
  const once =
    typeof target === "function"
      ? target
      : async () => {
          const res = await fetch(target, init);
          const body = await res.arrayBuffer();
          bytes += body.byteLength;
          if (res.status !== expectStatus) throw new Error(`${target} answered ${res.status}`);
        };

  for (let i = 0; i < warmup; i++) await once();
  bytes = 0;

  const latencies = [];
  let errors = 0;
  let firstError;
  let issued = 0;
  const start = performance.now();
  const deadline = start + maxSeconds * 1000;
  async function worker() {
    while (issued < requests && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      try {
        await once();
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        firstError ??= err;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  if (errors && !latencies.length) throw firstError;
  return summarize(latencies, seconds, { errors, bytes: bytes / Math.max(1, latencies.length) });
}

/** One aligned line: "label  1234 req/s  p50 1.2 ms  p99 3.4 ms". */
export function formatResult(label, r) {
  const ms = (v) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
  return (
    `${label.padEnd(32)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50).padStart(9)}  ` +
    `p99 ${ms(r.p99).padStart(9)}  (${r.requests} req${r.errors ? `, ${r.errors} errors` : ""})`
  );
}
