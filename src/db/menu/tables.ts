import { and, eq } from "drizzle-orm";
import type { TenantScope } from "../scope";
import { insertChunks } from "./editor";
import { retiredTableCodes, stores, tables } from "../schema";
import { tableSessions } from "../ledger/schema";
import { newId, newTableCode } from "../../domain/ids";

export type TableRow = Omit<typeof tables.$inferSelect, "merchantId">;

const strip = ({ merchantId: _m, ...rest }: typeof tables.$inferSelect): TableRow => rest;

/** "Table 2" before "Table 10": areas, then names, in natural order. */
export const byAreaAndName = (a: { area: string; name: string }, b: { area: string; name: string }) =>
  a.area.localeCompare(b.area, undefined, { numeric: true }) || a.name.localeCompare(b.name, undefined, { numeric: true });

export async function requireStore(scope: TenantScope, storeId: string) {
  return scope.first(stores, eq(stores.id, storeId));
}

export async function listTables(scope: TenantScope, storeId: string): Promise<TableRow[]> {
  return (await scope.select(tables, eq(tables.storeId, storeId))).map(strip).sort(byAreaAndName);
}

export async function getTable(scope: TenantScope, storeId: string, tableId: string): Promise<TableRow | undefined> {
  const row = await scope.first(tables, and(eq(tables.storeId, storeId), eq(tables.id, tableId)));
  return row && strip(row);
}

export async function nameTaken(scope: TenantScope, storeId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await scope.select(tables, and(eq(tables.storeId, storeId), eq(tables.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

export interface NewTable {
  name: string;
  area: string;
  seats: number;
}

/** Inserts tables with fresh unguessable codes. */
export async function createTables(scope: TenantScope, storeId: string, input: NewTable[]): Promise<TableRow[]> {
  const now = Date.now();
  const rows = input.map((t) => ({ id: newId("tbl"), storeId, code: newTableCode(), createdAt: now, ...t }));
  const statements = insertChunks(scope, tables, rows);
  if (statements.length) await scope.batch(statements);
  return rows.sort(byAreaAndName);
}

/** Gives a table a new code; the old one is kept as retired so its QR says "no longer in use". */
export async function rotateCode(scope: TenantScope, table: TableRow): Promise<TableRow> {
  const code = newTableCode();
  await scope.batch([
    scope.insert(retiredTableCodes, { code: table.code, tableId: table.id, retiredAt: Date.now() }).onConflictDoNothing(),
    scope.update(tables, { code }, eq(tables.id, table.id)),
  ]);
  return { ...table, code };
}

/** Has this table ever had a session? Such tables keep their history and cannot be deleted. */
export async function hasHistory(scope: TenantScope, tableId: string): Promise<boolean> {
  const ledger = await scope.ledger();
  return !!(await ledger.first(tableSessions, eq(tableSessions.tableId, tableId)));
}

export async function deleteTable(scope: TenantScope, table: TableRow): Promise<void> {
  await scope.batch([
    scope.insert(retiredTableCodes, { code: table.code, tableId: table.id, retiredAt: Date.now() }).onConflictDoNothing(),
    scope.delete(tables, eq(tables.id, table.id)),
  ]);
}

export async function merchantHeader(scope: TenantScope) {
  const { name, slug, languages, branding } = (await scope.merchantRow())!;
  return { name, slug, languages, branding };
}
