import { and, eq, sql, type SQL } from "drizzle-orm";
import type { RunnableQuery } from "drizzle-orm/runnable-query";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { SelectedFields, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { batch, type Db } from "./client";
import { merchants } from "./schema";
import type { BatchItem } from "drizzle-orm/batch";
import type { LedgerBindings } from "../env";
import { openLedger, type LedgerScope } from "./ledger/scope";

/** Any table that belongs to a tenant: it has a `merchant_id` column. */
export type TenantTable = SQLiteTable & { merchantId: SQLiteColumn };

/** A read that can be awaited on its own or put in a `scope.batch()` (one D1 round trip). */
export type Query<R> = Promise<R> & RunnableQuery<R, "sqlite">;

export interface ReadOptions {
  orderBy?: (SQLiteColumn | SQL)[];
  limit?: number;
}

/** A join onto the scoped table: another tenant table (limited to this tenant too) or a control-plane table such as `users`. */
export interface Join {
  table: SQLiteTable;
  on: SQL;
  /** A left join keeps rows without a match (their joined fields are null). */
  left?: boolean;
}

const isTenantTable = (table: SQLiteTable): table is TenantTable => "merchantId" in table;

/**
 * The one way to touch tenant data. Built from the authenticated context (see
 * http/middleware/tenant.ts), it adds `merchant_id = <tenant>` to every read, update and delete
 * and stamps it on every insert, so a handler cannot forget the filter or write into another
 * tenant. Rows of other tenants are simply not found (the API answers 404). The database itself
 * is private: projections, aggregates and joins are asked of the scope too (`pick`, `count`,
 * `max`), and a joined tenant table is limited to this tenant as well.
 *
 * The tenant's own `merchants` row is keyed by the tenant id itself (it has no merchant_id): it is
 * read with `merchant()` and changed with `updateMerchant()`.
 */
export class TenantScope {
  readonly #db: Db;
  readonly #ledgers: LedgerBindings | undefined;
  #ledger: Promise<LedgerScope> | undefined;

  constructor(
    db: Db,
    readonly merchantId: string,
    /** Where the ledger databases are bound (default: the Worker's env). */
    ledgers?: LedgerBindings,
  ) {
    this.#db = db;
    this.#ledgers = ledgers;
  }

  /**
   * The tenant's ledger (sessions, rounds, items …) in the ledger database its recorded placement
   * names (`merchants.ledger`, see db/ledger/placement.ts); read once per scope.
   */
  ledger(): Promise<LedgerScope> {
    this.#ledger ??= openLedger(this.#db, this.merchantId, this.#ledgers).catch((e: unknown) => {
      this.#ledger = undefined;
      throw e;
    });
    return this.#ledger;
  }

  /** The tenant condition, AND-ed with an optional extra one (private: callers hand the scope their condition). */
  private where(table: TenantTable, condition?: SQL): SQL {
    const own = eq(table.merchantId, this.merchantId);
    return condition ? (and(own, condition) as SQL) : own;
  }

  /** Whole rows of a tenant table. */
  select<T extends TenantTable>(table: T, condition?: SQL, options: ReadOptions = {}): Query<T["$inferSelect"][]> {
    let q = this.#db.select().from(table as SQLiteTable).where(this.where(table, condition)).$dynamic();
    if (options.orderBy?.length) q = q.orderBy(...options.orderBy);
    if (options.limit !== undefined) q = q.limit(options.limit);
    return q as unknown as Query<T["$inferSelect"][]>;
  }

  async first<T extends TenantTable>(table: T, condition?: SQL, options: Omit<ReadOptions, "limit"> = {}): Promise<T["$inferSelect"] | undefined> {
    const rows = await this.select(table, condition, { ...options, limit: 1 });
    return rows[0];
  }

  /**
   * Chosen fields (columns or aggregates such as `max(…)`) of a tenant table, optionally joined
   * to other tables. A joined tenant table gets this tenant's condition in its `on`.
   */
  pick<F extends SelectedFields>(fields: F, table: TenantTable, condition?: SQL, options: ReadOptions & { joins?: Join[] } = {}): Query<SelectResultFields<F>[]> {
    // Typed loosely inside: drizzle's join types do not survive a loop; the fields decide the rows.
    let q: any = this.#db.select(fields).from(table as SQLiteTable).$dynamic();
    for (const j of options.joins ?? []) {
      const on = isTenantTable(j.table) ? this.where(j.table, j.on) : j.on;
      q = j.left ? q.leftJoin(j.table, on) : q.innerJoin(j.table, on);
    }
    q = q.where(this.where(table, condition));
    if (options.orderBy?.length) q = q.orderBy(...options.orderBy);
    if (options.limit !== undefined) q = q.limit(options.limit);
    return q as Query<SelectResultFields<F>[]>;
  }

  /** How many of the tenant's rows match. */
  async count(table: TenantTable, condition?: SQL): Promise<number> {
    const [row] = await this.pick({ n: sql<number>`count(*)` }, table, condition);
    return Number(row?.n ?? 0);
  }

  insert<T extends TenantTable>(table: T, values: Omit<T["$inferInsert"], "merchantId">) {
    return this.#db.insert(table).values({ ...values, merchantId: this.merchantId } as T["$inferInsert"]);
  }

  insertMany<T extends TenantTable>(table: T, values: Omit<T["$inferInsert"], "merchantId">[]) {
    return this.#db
      .insert(table)
      .values(values.map((v) => ({ ...v, merchantId: this.merchantId }) as T["$inferInsert"]));
  }

  update<T extends TenantTable>(table: T, set: Partial<Omit<T["$inferInsert"], "merchantId" | "id">>, condition?: SQL) {
    return this.#db.update(table).set(set as never).where(this.where(table, condition));
  }

  delete<T extends TenantTable>(table: T, condition?: SQL) {
    return this.#db.delete(table).where(this.where(table, condition));
  }

  /** The tenant's own `merchants` row (a one-row list, so it fits a batch). */
  merchant(): Query<(typeof merchants.$inferSelect)[]> {
    return this.#db.select().from(merchants).where(eq(merchants.id, this.merchantId)).limit(1) as unknown as Query<(typeof merchants.$inferSelect)[]>;
  }

  async merchantRow(): Promise<typeof merchants.$inferSelect | undefined> {
    return (await this.merchant())[0];
  }

  /** Changes the tenant's own `merchants` row; `bumpMenu` also bumps its menu version (cached guest pages refresh). */
  updateMerchant(set: Partial<Omit<typeof merchants.$inferInsert, "id" | "isvId" | "menuVersion" | "ledger" | "createdAt">>, bumpMenu = false) {
    return this.#db
      .update(merchants)
      .set({ ...set, ...(bumpMenu ? { menuVersion: sql`${merchants.menuVersion} + 1` } : {}) })
      .where(eq(merchants.id, this.merchantId));
  }

  /** The statement that bumps the menu version; every menu write puts it in its batch. */
  bumpMenuVersion() {
    return this.updateMerchant({}, true);
  }

  /** The tenant's menu version as a batchable read. */
  menuVersion(): Query<{ v: number }[]> {
    return this.#db.select({ v: merchants.menuVersion }).from(merchants).where(eq(merchants.id, this.merchantId)) as unknown as Query<{ v: number }[]>;
  }

  /** Several reads of this scope in one D1 round trip; answers each one's rows, in order. */
  batchRead<T extends readonly [Query<unknown>, ...Query<unknown>[]]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
    return this.#db.batch(queries as never) as never;
  }

  /** Runs statements built from this scope in one atomic D1 batch. */
  batch(statements: BatchItem<"sqlite">[]) {
    return batch(this.#db, statements);
  }
}
