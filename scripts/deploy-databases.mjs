// The D1 databases of wrangler.toml and their migrations: the control plane `DB` (migrations/)
// and every ledger database LEDGER_0 … LEDGER_{N-1} (migrations-ledger/). Used by `npm start`,
// `npm run deploy`, `npm run db:migrate` and the e2e/bench harness, so each kind of database is
// always migrated everywhere it exists.
//
//   node scripts/deploy-databases.mjs --local [--persist-to <dir>]   # wrangler's local databases
//   node scripts/deploy-databases.mjs --remote --env production      # before `wrangler deploy`
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * The D1 bindings declared for an environment (top level when `envName` is empty), in file
 * order, and its LEDGER_COUNT var. A small reader for the few keys needed, not a TOML parser:
 * wrangler.toml declares each database as a `[[…d1_databases]]` table with `binding = "…"`.
 */
export function d1Databases(envName = "", toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8")) {
  const prefix = envName ? `env.${envName}.` : "";
  const databases = [];
  let ledgerCount = null;
  let section = "";
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      section = header[1];
      if (section === `${prefix}d1_databases`) databases.push({ binding: "", migrationsDir: "" });
      continue;
    }
    const kv = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"$/.exec(line);
    if (!kv) continue;
    if (section === `${prefix}d1_databases`) {
      const db = databases.at(-1);
      if (kv[1] === "binding") db.binding = kv[2];
      if (kv[1] === "migrations_dir") db.migrationsDir = kv[2];
    }
    if (section === `${prefix}vars` && kv[1] === "LEDGER_COUNT") ledgerCount = Number(kv[2]);
  }
  return { databases, ledgerCount };
}

/** The bindings to migrate, checked: DB, then LEDGER_0 … without gaps, LEDGER_COUNT within them. */
export function migrationTargets(envName = "") {
  const { databases, ledgerCount } = d1Databases(envName);
  const where = envName ? `[env.${envName}]` : "the top level";
  const ledgers = databases.filter((d) => /^LEDGER_\d+$/.test(d.binding));
  ledgers.forEach((d, i) => {
    if (d.binding !== `LEDGER_${i}`) throw new Error(`wrangler.toml ${where}: ledger bindings must be LEDGER_0 … LEDGER_${ledgers.length - 1} in order; found ${d.binding}`);
    if (d.migrationsDir !== "migrations-ledger") throw new Error(`wrangler.toml ${where}: ${d.binding} needs migrations_dir = "migrations-ledger"`);
  });
  if (!databases.some((d) => d.binding === "DB")) throw new Error(`wrangler.toml ${where}: no DB binding`);
  if (ledgers.length === 0) throw new Error(`wrangler.toml ${where}: no LEDGER_0 binding`);
  if (ledgerCount !== null && !(Number.isInteger(ledgerCount) && ledgerCount >= 1 && ledgerCount <= ledgers.length)) {
    throw new Error(`wrangler.toml ${where}: LEDGER_COUNT is ${ledgerCount} but ${ledgers.length} ledger database(s) are bound`);
  }
  return databases.filter((d) => d.binding === "DB" || ledgers.includes(d)).map((d) => d.binding);
}

/**
 * Applies pending migrations to every database, one after another; `run(args)` runs wrangler
 * with the given arguments and resolves to its output. Answers [binding, output] pairs.
 */
export async function migrateAll(run, { envName = "", flags = [] } = {}) {
  const done = [];
  for (const binding of migrationTargets(envName)) {
    done.push([binding, await run(["d1", "migrations", "apply", binding, ...flags, ...(envName ? ["--env", envName] : [])])]);
  }
  return done;
}

// As a command: wrangler's own output goes straight to the terminal (a remote apply asks to confirm).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--env");
  const envName = at >= 0 ? args[at + 1] ?? "" : "";
  const flags = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  if (!flags.includes("--local") && !flags.includes("--remote")) {
    console.error("usage: node scripts/deploy-databases.mjs (--local [--persist-to <dir>] | --remote) [--env <name>]");
    process.exit(2);
  }
  const wrangler = join(ROOT, "node_modules/.bin/wrangler");
  const run = (wranglerArgs) =>
    new Promise((done, fail) => {
      console.log(`\n▶ wrangler ${wranglerArgs.join(" ")}`);
      const child = spawn(wrangler, wranglerArgs, { cwd: ROOT, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
      child.on("error", fail);
      child.on("exit", (code) => (code === 0 ? done("") : fail(new Error(`wrangler ${wranglerArgs.join(" ")} exited with ${code}`))));
    });
  migrateAll(run, { envName, flags }).catch((err) => {
    console.error(`\nmigrations failed: ${err.message}`);
    process.exit(1);
  });
}
