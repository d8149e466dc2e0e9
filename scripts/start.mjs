// `npm start`: build the web apps, make sure .dev.vars exists, apply the D1 migrations locally,
// run `wrangler dev` on http://localhost:8787 (PORT overrides), seed the demo once it answers,
// and print where everything is. Running it again changes nothing: migrations already applied
// are skipped and the seed is idempotent. Ctrl+C stops wrangler.
import { spawn } from "node:child_process";
import { copyFile, readFile, access } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules/.bin");
const PORT = Number(process.env.PORT ?? 8787);
const ORIGIN = `http://localhost:${PORT}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

function step(text) {
  console.log(`\n▶ ${text}`);
}

function run(cmd, args) {
  return new Promise((done, fail) => {
    // stdin ignored: wrangler then takes the non-interactive path (no confirmation prompt).
    const child = spawn(join(BIN, cmd), args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
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

async function waitForHealth(child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
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
  ];
  console.log(lines.join("\n"));
}

async function main() {
  if (!(await portIsFree(PORT))) {
    throw new Error(`Port ${PORT} is already in use (is another \`npm start\` running?). Set PORT to use another.`);
  }

  step("Building the web apps (vite build)");
  await run("vite", ["build", "--logLevel", "warn"]);

  const devVars = join(ROOT, ".dev.vars");
  try {
    await access(devVars);
  } catch {
    step("Creating .dev.vars from .dev.vars.example");
    await copyFile(join(ROOT, ".dev.vars.example"), devVars);
  }
  const secret = parseDevVars(await readFile(devVars, "utf8")).PLATFORM_BOOTSTRAP_SECRET;
  if (!secret) throw new Error(".dev.vars has no PLATFORM_BOOTSTRAP_SECRET (see .dev.vars.example)");

  step("Applying D1 migrations (local)");
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]);

  step(`Starting wrangler dev on ${ORIGIN}`);
  const child = spawn(
    join(BIN, "wrangler"),
    ["dev", "--port", String(PORT), "--show-interactive-dev-session=false"],
    { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] },
  );
  const stop = (signal) => child.exitCode === null && child.kill(signal);
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  let failed = false;
  child.on("exit", (code) => process.exit(failed ? 1 : (code ?? 0)));

  try {
    await waitForHealth(child);
    const res = await fetch(`${ORIGIN}/api/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${secret}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`POST /api/dev/seed answered ${res.status}: ${body.slice(0, 300)}`);
    printSummary(JSON.parse(body));
  } catch (err) {
    failed = true;
    console.error(`\nnpm start failed: ${err.message}`);
    stop("SIGTERM");
  }
}

main().catch((err) => {
  console.error(`\nnpm start failed: ${err.message}`);
  process.exitCode = 1;
});
