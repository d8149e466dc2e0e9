import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { boundLedgers, ledgerDatabase, openLedgerCount } from "../../src/db/ledger/placement";

const LEDGER_TABLES = ["bills", "order_items", "order_rounds", "payment_notifications", "payments", "refunds", "table_sessions"];
const tablesOf = async (d1: D1Database) =>
  (await d1.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>()).results.map((r) => r.name);
const appliedIn = async (d1: D1Database) => (await d1.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>()).results.map((r) => r.name);

describe("migrations of each kind of database", () => {
  it("two ledger databases are bound here, both open to new merchants", () => {
    expect(boundLedgers(env)).toEqual([0, 1]);
    expect(openLedgerCount(env)).toBe(2);
  });

  it("every ledger database has the ledger migrations and tables, and nothing of the control plane", async () => {
    for (const p of boundLedgers(env)) {
      const d1 = ledgerDatabase(p, env);
      expect(await appliedIn(d1), `LEDGER_${p}`).toEqual(["0000_ledger_init.sql", "0001_payments.sql"]);
      const tables = await tablesOf(d1);
      for (const t of LEDGER_TABLES) expect(tables, `LEDGER_${p}`).toContain(t);
      expect(tables).not.toContain("merchants");
    }
  });

  it("the control plane has the placement column and no ledger tables any more", async () => {
    expect(await appliedIn(env.DB)).toContain("0004_ledger_placement.sql");
    const tables = await tablesOf(env.DB);
    for (const t of LEDGER_TABLES) expect(tables).not.toContain(t);
    const columns = (await env.DB.prepare("SELECT name, \"notnull\" AS required FROM pragma_table_info('merchants')").all<{ name: string; required: number }>()).results;
    expect(columns).toContainEqual({ name: "ledger", required: 1 });
  });
});
