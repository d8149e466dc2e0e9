import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import type { LedgerBindings } from "../../env";
import { createLedgerDb, type LedgerDb } from "./client";
import { ledgerDatabase, placementOf } from "./placement";

/** A ledger table: every row carries its merchant. */
export type LedgerTable = SQLiteTable & { merchantId: SQLiteColumn };

/**
 * One tenant's rows in its ledger database, handed out by `TenantScope.ledger()`: like the
 * tenant scope, every read is limited to the merchant and every insert is stamped with it, so
 * neither a handler nor a Durable Object chooses a database or forgets the filter.
 */
export class LedgerScope {
  readonly #db: LedgerDb;

  constructor(
    db: LedgerDb,
    readonly merchantId: string,
    /** Which ledger database this is (`merchants.ledger`). */
    readonly placement: number,
  ) {
    this.#db = db;
  }

  where(table: LedgerTable, condition?: SQL): SQL {
    const own = eq(table.merchantId, this.merchantId);
    return condition ? (and(own, condition) as SQL) : own;
  }

  select<T extends LedgerTable>(table: T, condition?: SQL, options: { orderBy?: (SQLiteColumn | SQL)[]; limit?: number } = {}): Promise<T["$inferSelect"][]> {
    let q = this.#db.select().from(table as SQLiteTable).where(this.where(table, condition)).$dynamic();
    if (options.orderBy?.length) q = q.orderBy(...options.orderBy);
    if (options.limit !== undefined) q = q.limit(options.limit);
    return q as unknown as Promise<T["$inferSelect"][]>;
  }

  async first<T extends LedgerTable>(table: T, condition?: SQL): Promise<T["$inferSelect"] | undefined> {
    return (await this.select(table, condition, { limit: 1 }))[0];
  }

  async count(table: LedgerTable, condition?: SQL): Promise<number> {
    const [row] = await this.#db.select({ n: sql<number>`count(*)` }).from(table as SQLiteTable).where(this.where(table, condition));
    return Number(row?.n ?? 0);
  }

  insert<T extends LedgerTable>(table: T, values: Omit<T["$inferInsert"], "merchantId">[]) {
    return this.#db.insert(table).values(values.map((v) => ({ ...v, merchantId: this.merchantId }) as T["$inferInsert"]));
  }

  /** Changes this merchant's rows only (never its merchant id); a value may be an SQL expression. */
  update<T extends LedgerTable>(table: T, set: { [K in keyof Omit<T["$inferInsert"], "merchantId" | "id">]?: Omit<T["$inferInsert"], "merchantId" | "id">[K] | SQL }, condition?: SQL) {
    return this.#db.update(table).set(set as never).where(this.where(table, condition));
  }

  /** Runs statements built from this scope in one atomic D1 batch. */
  batch(statements: BatchItem<"sqlite">[]) {
    const [first, ...rest] = statements;
    if (!first) throw new Error("batch: no statements");
    return this.#db.batch([first, ...rest]);
  }
}

/** The ledger of a merchant, where the control plane says it is placed. */
export async function openLedger(db: Db, merchantId: string, bindings?: LedgerBindings): Promise<LedgerScope> {
  const placement = await placementOf(db, merchantId);
  return new LedgerScope(createLedgerDb(ledgerDatabase(placement, bindings)), merchantId, placement);
}
