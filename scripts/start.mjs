// `npm start`: build the web apps, make sure .dev.vars exists, apply the D1 migrations locally
// (the control plane DB and every ledger database LEDGER_i, see deploy-databases.mjs),
// run `wrangler dev` on http://localhost:8787 (PORT overrides), seed the demo once it answers,
// and print where everything is. Running it again changes nothing: migrations already applied
// are skipped and the seed is idempotent. Ctrl+C stops wrangler.
//
// Output: one line per step, then the URLs and logins, then the server's own log (requests and
// Worker errors). What the tools print while starting is kept and shown only if a step fails.
// No colour codes unless stdout is a terminal.
import { spawn } from "node:child_process";
import { copyFile, readFile, access } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { migrateAll } from "./deploy-databases.mjs";
import { ensureDevKeys } from "./dev-keys.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules/.bin");
const PORT = Number(process.env.PORT ?? 8787);
const ORIGIN = `http://localhost:${PORT}`;
const COLOR = Boolean(process.stdout.isTTY);
const env = {
  ...process.env,
  // As npm scripts do: the tools' `#!/usr/bin/env node` then finds the pinned Node 24, even when
  // this script is started as `node scripts/start.mjs` on an older system Node.
  PATH: `${BIN}:${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
  // The Request.cf placeholder is enough locally; fetching the real one needs the internet and
  // prints a warning and a stack trace without it.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ...(COLOR ? { FORCE_COLOR: "1" } : { FORCE_COLOR: "0", NO_COLOR: "1" }),
};

/** wrangler colours its warnings and errors even when told not to (NO_COLOR): strip them here. */
const plain = (text, tty = COLOR) => (tty ? text : stripVTControlCharacters(text));

class StepError extends Error {
  /** @param {string} message @param {string} [output] what the failing tool printed */
  constructor(message, output = "") {
    super(message);
    this.output = output;
  }
}

let interrupted = false; // Ctrl+C or SIGTERM: stopping is not failing

/** Prints "▶ label … " and then the step's result (or "failed") on the same line. */
async function step(label, fn) {
  process.stdout.write(`▶ ${label} … `);
  const started = performance.now();
  try {
    const result = await fn();
    const secs = (performance.now() - started) / 1000;
    console.log(`${result ?? "done"}${secs >= 0.5 ? ` (${secs.toFixed(1)} s)` : ""}`);
  } catch (err) {
    console.log(interrupted ? "stopped" : "failed");
    throw err;
  }
}

/** Runs a tool to completion with its output captured; rejects with that output on failure. */
function run(cmd, args) {
  return new Promise((done, fail) => {
    const child = spawn(join(BIN, cmd), args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => fail(new StepError(`${cmd}: ${err.message}`, out)));
    child.on("exit", (code) =>
      code === 0 ? done(out) : fail(new StepError(`${cmd} ${args.join(" ")} exited with ${code}`, out)),
    );
  });
}

function portIsFree(port) {
  return new Promise((done) => {
    const srv = createServer();
    srv.once("error", () => done(false));
    srv.listen(port, () => srv.close(() => done(true)));
  });
}

function parseDevVars(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/** "4 applied (0000_init … 0003_store_admission)" from `wrangler d1 migrations apply` output. */
function describeMigrations(out) {
  if (/No migrations to apply/.test(out)) return "none pending";
  const names = [...new Set([...out.matchAll(/│\s*(\S+)\.sql\s*│/g)].map((m) => m[1]))];
  if (names.length === 0) return "done";
  const span = names.length === 1 ? names[0] : `${names[0]} … ${names.at(-1)}`;
  return `${names.length} applied (${span})`;
}

async function waitForHealth(hasExited) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const code = hasExited();
    if (code !== null) throw new Error(`wrangler dev exited (${code}) before ${ORIGIN}/healthz answered`);
    try {
      const res = await fetch(`${ORIGIN}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${ORIGIN}/healthz did not answer within 60 s`);
}

function printSummary(seed) {
  const pad = (s, n) => s.padEnd(n);
  const lines = [
    "",
    "Tableside is running (Ctrl+C to stop)",
    "",
    `  Console          ${seed.urls.console}`,
    `  Staff board      ${seed.urls.staff}`,
    `  Partner portal   ${seed.urls.partner}`,
    `  Restaurant page  ${seed.urls.restaurant}`,
    `  OpenAPI          ${seed.urls.openapi ?? `${ORIGIN}/api/openapi.json`}`,
    "",
    "  Demo tables:",
    ...seed.tables.map((t) => `    ${pad(`${t.name}${t.area ? ` (${t.area})` : ""}`, 22)} ${t.url}`),
    "",
    "  Demo logins:",
    ...seed.logins.map((l) => `    ${pad(l.role, 16)} ${pad(l.email, 22)} ${l.password}`),
    "",
    "Server log (requests, Worker errors):",
  ];
  console.log(lines.join("\n"));
}

/** Starts wrangler dev in its own process group, keeping its output until `live` is called. */
function startWrangler() {
  const child = spawn(
    join(BIN, "wrangler"),
    ["dev", "--port", String(PORT), "--show-interactive-dev-session=false"],
    { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let kept = "";
  let streaming = false;
  // This script's own start-up requests, and the _headers file being read on every reload.
  const noise = /(GET \/healthz|POST \/api\/dev\/seed) |Parsed \d+ valid header rules?/;
  const onData = (stream) => (chunk) => {
    if (!streaming) {
      kept += chunk;
      return;
    }
    const text = String(chunk)
      .split(/(?<=\n)/)
      .filter((line) => !noise.test(line))
      .join("");
    if (text) stream.write(plain(text, Boolean(stream.isTTY)));
  };
  child.stdout.on("data", onData(process.stdout));
  child.stderr.on("data", onData(process.stderr));
  let exited = null;
  let stopping = false;
  child.on("exit", (code, signal) => (exited = code ?? signal ?? "exited"));

  const signalGroup = (signal) => {
    if (exited !== null || !child.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    child,
    exited: () => exited,
    /** True once this script asked wrangler to stop (Ctrl+C, SIGTERM). */
    stopping: () => stopping,
    output: () => kept,
    live: () => {
      streaming = true;
      kept = "";
    },
    stop(signal = "SIGTERM") {
      stopping = true;
      signalGroup(signal);
      setTimeout(() => signalGroup("SIGKILL"), 5_000).unref();
    },
    kill: () => signalGroup("SIGKILL"),
  };
}

/** @type {ReturnType<typeof startWrangler> | null} */
let wrangler = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    if (wrangler) return wrangler.stop(signal); // exits once wrangler has
    console.log("stopped");
    process.exit(130);
  });
}

async function main() {
  if (!(await portIsFree(PORT))) {
    throw new Error(`Port ${PORT} is already in use (is another \`npm start\` running?). Set PORT to use another.`);
  }

  await step("Building the web apps (vite build)", async () => {
    await run("vite", ["build", "--logLevel", "warn"]);
  });

  const devVars = join(ROOT, ".dev.vars");
  try {
    await access(devVars);
  } catch {
    await step("Creating .dev.vars from .dev.vars.example", () => copyFile(join(ROOT, ".dev.vars.example"), devVars));
  }
  await step("Payment keys for the sandbox wallet in .dev.vars", async () => {
    const written = await ensureDevKeys(devVars, ORIGIN);
    return written.length ? `generated (${written.join(", ")})` : "present";
  });
  const secret = parseDevVars(await readFile(devVars, "utf8")).PLATFORM_BOOTSTRAP_SECRET;
  if (!secret) throw new Error(".dev.vars has no PLATFORM_BOOTSTRAP_SECRET (see .dev.vars.example)");

  await step("Applying D1 migrations to the local databases", async () => {
    const done = await migrateAll((args) => run("wrangler", args), { flags: ["--local"] });
    return done.map(([binding, out]) => `${binding}: ${describeMigrations(out)}`).join(", ");
  });

  wrangler = startWrangler();
  process.on("exit", () => wrangler.kill()); // never leave a workerd behind

  try {
    await step(`Starting wrangler dev on ${ORIGIN}`, async () => {
      await waitForHealth(wrangler.exited);
      return "ready";
    });
    let seed;
    await step("Seeding the demo restaurant", async () => {
      const res = await fetch(`${ORIGIN}/api/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${secret}` } });
      const body = await res.text();
      if (!res.ok) throw new Error(`POST /api/dev/seed answered ${res.status}: ${body.slice(0, 300)}`);
      seed = JSON.parse(body);
    });
    printSummary(seed);
  } catch (err) {
    if (wrangler.stopping()) process.exit(130); // Ctrl+C while starting: nothing failed
    throw new StepError(err.message, wrangler.output());
  } finally {
    wrangler.live();
  }

  const code = await new Promise((done) => {
    if (wrangler.exited() !== null) done(wrangler.exited());
    else wrangler.child.once("exit", (c, signal) => done(c ?? signal));
  });
  if (code !== 0 && !wrangler.stopping()) {
    console.error(`\nwrangler dev stopped (${code})`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  if (err instanceof StepError && err.output.trim()) {
    const output = plain(err.output.trimEnd(), Boolean(process.stderr.isTTY));
    process.stderr.write(`\n--- output ---\n${output}\n--- end of output ---\n`);
  }
  console.error(`\nnpm start failed: ${err.message}`);
  process.exit(1);
});
