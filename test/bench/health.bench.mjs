// The cheapest Worker route (/healthz: routing + JSON, no storage) beside a static asset of the
// same worker (/console/, served by the assets layer without running our code), in one run.
// The ratio shows what our Worker adds over the platform's own floor on this machine.
const OPTIONS = { requests: 2000, concurrency: 8, maxSeconds: 15, warmup: 100 };

export default async function healthBench({ server, measure, report, formatResult }) {
  const health = await measure(`${server.baseUrl}/healthz`, OPTIONS);
  const asset = await measure(`${server.baseUrl}/console/`, OPTIONS);
  report(formatResult("GET /healthz (worker)", health));
  report(formatResult("GET /console/ (static asset)", asset));
  const rpsRatio = health.rps / asset.rps;
  const p50Ratio = health.p50 / asset.p50;
  report(`healthz / static: ${rpsRatio.toFixed(2)}x throughput, ${p50Ratio.toFixed(2)}x p50 latency`);
  return {
    healthzRps: health.rps,
    healthzP50Ms: health.p50,
    healthzP99Ms: health.p99,
    staticRps: asset.rps,
    staticP50Ms: asset.p50,
    staticP99Ms: asset.p99,
    rpsRatio,
  };
}
