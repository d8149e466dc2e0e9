// `npm run check` (after tsc): bundle the Worker exactly as a deploy would
// (`wrangler deploy --dry-run --outdir dist/worker`) and hold its gzipped size to the budget.
import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "dist/worker");
const BUDGET_KIB = 512;

await rm(OUT, { recursive: true, force: true });
const code = await new Promise((done) => {
  const child = spawn(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", OUT], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (c) => done(c ?? 1));
});
if (code !== 0) {
  console.error("wrangler deploy --dry-run failed");
  process.exit(1);
}

// Everything uploaded as a module counts; source maps are uploaded beside it but not loaded.
let raw = 0;
let gzip = 0;
const files = [];
for (const entry of await readdir(OUT, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".map") || entry.name === "README.md") continue;
  const path = join(entry.parentPath, entry.name);
  const bytes = await readFile(path);
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += gz;
  files.push([path.slice(OUT.length + 1), bytes.length, gz]);
}

const kib = (n) => (n / 1024).toFixed(1);
for (const [name, size, gz] of files) console.log(`  ${name.padEnd(40)} ${kib(size).padStart(8)} KiB  gzip ${kib(gz).padStart(7)} KiB`);
const share = ((gzip / (BUDGET_KIB * 1024)) * 100).toFixed(0);
console.log(`Worker bundle: ${kib(raw)} KiB, gzip ${kib(gzip)} KiB of the ${BUDGET_KIB} KiB budget (${share}%)`);
if (gzip > BUDGET_KIB * 1024) {
  console.error(`Over budget by ${kib(gzip - BUDGET_KIB * 1024)} KiB`);
  process.exit(1);
}
