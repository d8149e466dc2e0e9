import { eq } from "drizzle-orm";
import type { TenantScope } from "../db/scope";
import { tables } from "../db/schema";
import { createTables, deleteTable, getTable, hasHistory, listTables, merchantHeader, nameTaken, requireStore, rotateCode, type TableRow } from "../db/menu/tables";
import { forgetTableCode } from "../pages/cache";
import type { TenantCall } from "./actor";
import { conflict, notFound } from "./errors";

/**
 * A store's tables and their QR codes. Names are unique per store; a table that has had sessions
 * keeps its history (it can be renamed or get a new code, not deleted); every change forgets the
 * cached answer for the table's code, so its QR page shows the change at once.
 */

export async function storeOf(scope: TenantScope, storeId: string) {
  const store = await requireStore(scope, storeId);
  if (!store) throw notFound("Store");
  return store;
}

export async function tableOf(scope: TenantScope, storeId: string, tableId: string): Promise<TableRow> {
  await storeOf(scope, storeId);
  const table = await getTable(scope, storeId, tableId);
  if (!table) throw notFound("Table");
  return table;
}

const taken = (name: string) => conflict("table_name_taken", `This store already has a table called “${name}”.`);

export async function storeTables(scope: TenantScope, storeId: string): Promise<TableRow[]> {
  await storeOf(scope, storeId);
  return listTables(scope, storeId);
}

export interface TableFields {
  name: string;
  area: string;
  seats: number;
}

export async function addTable(call: TenantCall, storeId: string, input: TableFields): Promise<TableRow> {
  await storeOf(call.scope, storeId);
  if (await nameTaken(call.scope, storeId, input.name)) throw taken(input.name);
  const [table] = await createTables(call.scope, storeId, [input]);
  return table!;
}

/** Numbered tables in one go, e.g. Table 1 … Table 12 in the Terrace; refused whole if one name is taken. */
export async function addNumberedTables(call: TenantCall, storeId: string, input: { prefix: string; start: number; count: number; area: string; seats: number }) {
  await storeOf(call.scope, storeId);
  const names = Array.from({ length: input.count }, (_, i) => `${input.prefix} ${input.start + i}`);
  const existing = new Set((await listTables(call.scope, storeId)).map((t) => t.name));
  const clash = names.find((n) => existing.has(n));
  if (clash) throw taken(clash);
  return createTables(call.scope, storeId, names.map((name) => ({ name, area: input.area, seats: input.seats })));
}

export async function updateTable(call: TenantCall, storeId: string, tableId: string, patch: Partial<TableFields>): Promise<TableRow> {
  const table = await tableOf(call.scope, storeId, tableId);
  if (patch.name && (await nameTaken(call.scope, storeId, patch.name, tableId))) throw taken(patch.name);
  await call.scope.update(tables, patch, eq(tables.id, tableId));
  await forgetTableCode(table.code);
  return { ...table, ...patch };
}

/** Deletes a table that has never been used; its QR code then says it is no longer in use. */
export async function removeTable(call: TenantCall, storeId: string, tableId: string): Promise<void> {
  const table = await tableOf(call.scope, storeId, tableId);
  if (await hasHistory(call.scope, tableId)) {
    throw conflict("table_has_history", "This table has past sessions and bills, so it is kept; rename it or rotate its code instead.");
  }
  await deleteTable(call.scope, table);
  await forgetTableCode(table.code);
}

/** A new QR code for a table; the old code answers “no longer in use”. */
export async function rotateTableCode(call: TenantCall, storeId: string, tableId: string) {
  const table = await tableOf(call.scope, storeId, tableId);
  const rotated = await rotateCode(call.scope, table);
  await forgetTableCode(table.code);
  return { table: rotated, retiredCode: table.code };
}

/** What the printable sheet shows: the merchant's header, the store, and the chosen tables (all when `tableIds` is null). */
export async function printSheetData(scope: TenantScope, storeId: string, tableIds: Set<string> | null) {
  const store = await storeOf(scope, storeId);
  const merchant = await merchantHeader(scope);
  const list = (await listTables(scope, storeId)).filter((t) => !tableIds || tableIds.has(t.id));
  return { store, merchant, tables: list };
}
