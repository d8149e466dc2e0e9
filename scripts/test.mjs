// `npm test`: every stage in order, stopping at the first failure, then a table of timings.
//   1. type check  2. layering and file-size rules  3. Workers-pool suites (workerd)  4. web build
//   5. browser journeys
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

const stages = [
  ["type check (worker, tests)", "tsc", ["-p", "."]],
  ["type check (web)", "tsc", ["-p", "web"]],
  ["layers (dependency-cruiser)", "node", ["scripts/check-layers.mjs"]],
  ["unit (vitest, workers pool)", "vitest", ["run"]],
  ["web build (vite)", "vite", ["build", "--logLevel", "warn"]],
  ["browser journeys (e2e)", "vitest", ["run", "--config", "vitest.e2e.config.ts"]],
];

function run(cmd, args) {
  return new Promise((done) => {
    const child = spawn(join(ROOT, "node_modules/.bin", cmd), args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", (err) => {
      console.error(err);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const timings = [];
let failed = null;
for (const [name, cmd, args] of stages) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(" ")}`);
  const start = performance.now();
  const code = await run(cmd, args);
  timings.push([name, (performance.now() - start) / 1000, code === 0 ? "ok" : `FAILED (${code})`]);
  if (code !== 0) {
    failed = name;
    break;
  }
}

console.log("\nnpm test stages:");
for (const [name, secs, status] of timings) console.log(`  ${name.padEnd(30)} ${secs.toFixed(1).padStart(6)} s  ${status}`);
const total = timings.reduce((sum, [, secs]) => sum + secs, 0);
console.log(`  ${"total".padEnd(30)} ${total.toFixed(1).padStart(6)} s`);
if (failed) {
  console.error(`\nnpm test failed at: ${failed}`);
  process.exitCode = 1;
}
