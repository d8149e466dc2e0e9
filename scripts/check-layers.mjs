// `npm test` stage: the structure rules of issue 9, so they stay true.
//   1. dependency-cruiser with .dependency-cruiser.cjs: src/domain stays pure, no import circles in
//      src/, src/api readable by the web apps, the web apps take only types from the server.
//   2. No source file under src/ or web/ longer than MAX_LINES, except data (seed, strings).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const MAX_LINES = 450;
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;
/** Data, not logic: the demo seed and the translated UI strings. */
const DATA = [/^src\/db\/seed\//, /(^|\/)strings\.ts$/];
/** Tighter limits: the table object's class is its wiring (commands live in src/table/commands). */
const LIMITS = new Map([["src/table/table-session.ts", 300]]);

let failed = false;

// Run on this Node (the pinned one under npm test), not whatever `node` the shebang would find.
const depcruise = join(ROOT, "node_modules/.bin/depcruise");
const cruise = spawnSync(process.execPath, [depcruise, "src", "web", "--config", ".dependency-cruiser.cjs"], { cwd: ROOT, stdio: "inherit" });
if (cruise.status !== 0) failed = true;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (CODE.test(entry.name)) yield relative(ROOT, path);
  }
}

const tooLong = [];
for (const file of [...files(join(ROOT, "src")), ...files(join(ROOT, "web"))]) {
  if (DATA.some((re) => re.test(file))) continue;
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n").length - 1;
  const max = LIMITS.get(file) ?? MAX_LINES;
  if (lines > max) tooLong.push(`${file}: ${lines} lines (limit ${max})`);
}
if (tooLong.length) {
  failed = true;
  console.error(`Source files over their limit (split them by job; data files are exempt):\n  ${tooLong.join("\n  ")}`);
} else {
  console.log(`✔ no source file over ${MAX_LINES} lines in src/ and web/ (data files exempt)`);
}

process.exitCode = failed ? 1 : 0;
