// Shared harness for browser journeys and benchmarks: a real `wrangler dev` on a free loopback
// port, with its own freshly migrated local D1 databases and Durable Object storage in a temporary
// directory, seeded with the demo restaurant through POST /api/dev/seed.
//
//   const server = await startDevServer();
//   server.baseUrl  // "http://127.0.0.1:<port>"
//   server.seed     // the seed response: { merchant, tables, logins, urls }
//   await server.stop();
//
// Secrets come from a generated env file (not the developer's .dev.vars), so a fresh clone works
// and nothing in the working tree is touched. The server log is kept in memory and printed when
// start-up fails; set TABLESIDE_DEV_LOG=1 to stream it live. wrangler colours its warnings and
// errors even with NO_COLOR, so colour codes are stripped unless stderr is a terminal.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { migrateAll } from "../../scripts/deploy-databases.mjs";
import { devKeyVars } from "../../scripts/dev-keys.mjs";

export const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "node_modules/.bin");
const WRANGLER = join(BIN, "wrangler");
const STARTUP_TIMEOUT_MS = 60_000;
const LOG_LIMIT = 256 * 1024;

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/** Runs a command to completion, capturing its output; rejects with the output on failure. */
function run(cmd, args, env) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0
        ? done(out)
        : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}\n${stripVTControlCharacters(out)}`)),
    );
  });
}

/** Reads KEY=VALUE lines (the .dev.vars format). */
export function parseDevVars(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/**
 * Starts wrangler dev and returns once /healthz answers and the demo seed is in place.
 * @param {{ seed?: boolean, vars?: Record<string, string> }} [options]
 *   seed: call POST /api/dev/seed (default true); vars: extra or overriding env values.
 */
export async function startDevServer(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), "tableside-dev-"));
  const persistTo = join(dir, "state");
  const env = {
    ...process.env,
    // As npm scripts do, so wrangler runs on the pinned Node 24 whoever started this process.
    PATH: `${BIN}:${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    // The Request.cf placeholder is enough; fetching the real one needs the internet.
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  const plain = (text) => (process.stderr.isTTY ? text : stripVTControlCharacters(text));
  let log = "";
  const append = (chunk) => {
    log = (log + chunk).slice(-LOG_LIMIT);
    if (process.env.TABLESIDE_DEV_LOG) process.stderr.write(plain(chunk));
  };

  let child;
  let exited = null;
  const killGroup = (signal) => {
    if (child?.pid && exited === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  // If the caller dies without stop(), never leave a workerd behind.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    if (child && exited === null) {
      const gone = new Promise((r) => child.once("exit", r));
      killGroup("SIGTERM");
      const timer = setTimeout(() => killGroup("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
      killGroup("SIGKILL"); // workerd children that outlived wrangler
    }
    await rm(dir, { recursive: true, force: true });
  }

  try {
    // The control plane and every ledger database (LEDGER_0 …), each from its own migrations.
    await migrateAll((args) => run(WRANGLER, args, env), { flags: ["--local", "--persist-to", persistTo] });

    const port = await freePort();
    const inspectorPort = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;

    const example = parseDevVars(await readFile(join(ROOT, ".dev.vars.example"), "utf8").catch(() => ""));
    const secret = `harness-${randomBytes(16).toString("hex")}`;
    const vars = {
      ...example,
      PLATFORM_BOOTSTRAP_SECRET: secret,
      SESSION_SIGNING_KEY: randomBytes(32).toString("hex"),
      // Fresh payment keys; the client and the sandbox wallet meet at this server's origin.
      ...devKeyVars(baseUrl),
      ...options.vars,
    };
    const envFile = join(dir, "dev.vars");
    await writeFile(envFile, Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
    child = spawn(
      WRANGLER,
      [
        "dev",
        "--ip", "127.0.0.1",
        "--port", String(port),
        "--inspector-port", String(inspectorPort),
        "--persist-to", persistTo,
        "--env-file", envFile,
        "--show-interactive-dev-session=false",
        "--live-reload=false",
      ],
      { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.setEncoding("utf8").on("data", append);
    child.stderr.setEncoding("utf8").on("data", append);
    child.on("exit", (code, signal) => (exited = code ?? signal ?? "exited"));

    await waitForHealth(baseUrl, () => exited);

    let seed = null;
    if (options.seed !== false) {
      const res = await fetch(`${baseUrl}/api/dev/seed`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}` },
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST /api/dev/seed answered ${res.status}: ${text.slice(0, 500)}`);
      seed = JSON.parse(text);
    }

    return {
      baseUrl,
      port,
      seed,
      secret,
      /** The server output so far (last 256 KiB). */
      log: () => log,
      stop,
    };
  } catch (err) {
    process.stderr.write(plain(`\n--- wrangler log (${dir}) ---\n${log}\n--- end of log ---\n`));
    await stop();
    throw err;
  }
}

async function waitForHealth(baseUrl, hasExited) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    const code = hasExited();
    if (code !== null) throw new Error(`wrangler dev exited (${code}) before /healthz answered`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err?.cause?.code ?? err?.message ?? err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/healthz did not answer within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${last})`);
}
