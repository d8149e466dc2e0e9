import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** Any table that belongs to a tenant: it has a `merchant_id` column. */
export type TenantTable = SQLiteTable & { merchantId: SQLiteColumn };

/**
 * The one way to touch tenant data. Built from the authenticated context (see
 * http/middleware/tenant.ts), it adds `merchant_id = <tenant>` to every read, update and delete
 * and stamps it on every insert, so a handler cannot forget the filter or write into another
 * tenant. Rows of other tenants are simply not found (the API answers 404).
 *
 * The tenant's own `merchants` row is keyed by the tenant id itself (it has no merchant_id), so
 * it is read and updated with `eq(merchants.id, scope.merchantId)`; audit entries name their
 * merchant explicitly because they are written for ISVs and the platform too.
 */
export class TenantScope {
  constructor(
    readonly db: Db,
    readonly merchantId: string,
  ) {}

  /** The tenant condition, AND-ed with an optional extra one. */
  where(table: TenantTable, condition?: SQL): SQL {
    const own = eq(table.merchantId, this.merchantId);
    return condition ? (and(own, condition) as SQL) : own;
  }

  select<T extends TenantTable>(table: T, condition?: SQL) {
    return this.db.select().from(table as SQLiteTable).where(this.where(table, condition)) as unknown as Promise<
      T["$inferSelect"][]
    > & { limit(n: number): Promise<T["$inferSelect"][]> };
  }

  async first<T extends TenantTable>(table: T, condition?: SQL): Promise<T["$inferSelect"] | undefined> {
    const rows = await this.select(table, condition).limit(1);
    return rows[0];
  }

  insert<T extends TenantTable>(table: T, values: Omit<T["$inferInsert"], "merchantId">) {
    return this.db.insert(table).values({ ...values, merchantId: this.merchantId } as T["$inferInsert"]);
  }

  insertMany<T extends TenantTable>(table: T, values: Omit<T["$inferInsert"], "merchantId">[]) {
    return this.db
      .insert(table)
      .values(values.map((v) => ({ ...v, merchantId: this.merchantId }) as T["$inferInsert"]));
  }

  update<T extends TenantTable>(table: T, set: Partial<Omit<T["$inferInsert"], "merchantId" | "id">>, condition?: SQL) {
    return this.db.update(table).set(set as never).where(this.where(table, condition));
  }

  delete<T extends TenantTable>(table: T, condition?: SQL) {
    return this.db.delete(table).where(this.where(table, condition));
  }
}
