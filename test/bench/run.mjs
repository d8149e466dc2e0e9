// `npm run bench`: runs every test/bench/*.bench.mjs in file-name order and prints their figures.
// `npm run bench -- health table` runs only the files whose names contain one of the words.
//
// Contract for a bench file: it exports a default async function that receives a context and
// prints its own figures through ctx.report (importing the file must have no side effects):
//
//   export default async function (ctx) {
//     const r = await ctx.measure(`${ctx.server.baseUrl}/healthz`, { requests: 2000 });
//     ctx.report(ctx.formatResult("healthz", r));
//     return { healthzRps: r.rps };   // optional: key figures, repeated in the final summary
//   }
//
// ctx.server is ONE wrangler dev (seeded demo; see test/support/dev-server.mjs) shared by every
// bench in the run. A bench that must start from clean state or change server settings calls
// ctx.startDevServer() and stops that server itself. Benchmarks stay on loopback, with bounded
// loops (request count and time), and run one at a time: the machine's cores are shared.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startDevServer } from "../support/dev-server.mjs";
import { formatResult, measure, percentile, summarize } from "../support/measure.mjs";

process.env.WRANGLER_SEND_METRICS = "false";
const filters = process.argv.slice(2);
const files = (await readdir(import.meta.dirname))
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`No bench files match ${filters.join(", ")}`);
  process.exit(1);
}

const started = performance.now();
const server = await startDevServer();
console.log(`Bench server ${server.baseUrl} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const summary = [];
let failures = 0;
try {
  for (const file of files) {
    const name = file.replace(/\.bench\.mjs$/, "");
    console.log(`\n== ${name} ==`);
    const t0 = performance.now();
    try {
      const mod = await import(pathToFileURL(join(import.meta.dirname, file)).href);
      if (typeof mod.default !== "function") throw new Error(`${file} has no default export function`);
      const ctx = {
        server,
        startDevServer,
        measure,
        summarize,
        percentile,
        formatResult,
        report: (line) => console.log(`  ${line}`),
      };
      const figures = await mod.default(ctx);
      if (figures && typeof figures === "object") summary.push([name, figures]);
      console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failures += 1;
      console.error(`  FAILED: ${err?.stack ?? err}`);
    }
  }
} finally {
  await server.stop();
}

if (summary.length) {
  console.log("\nSummary");
  for (const [name, figures] of summary) {
    for (const [key, value] of Object.entries(figures)) {
      const shown = typeof value === "number" ? (Number.isInteger(value) ? value : value.toFixed(2)) : value;
      console.log(`  ${`${name}.${key}`.padEnd(40)} ${shown}`);
    }
  }
}
if (failures) {
  console.error(`\n${failures} bench file(s) failed`);
  process.exitCode = 1;
}
