import { runInDurableObject } from "cloudflare:test";
import { TableStore } from "../../src/table/store";
import type { TableSession } from "../../src/table/table-session";

/** The table object's own storage, read through its store (not through the object's fields). */
export const storeOf = (state: DurableObjectState) => new TableStore(state.storage.sql);

/** What the table still owes the ledger, as its storage holds it. */
export const outboxOf = (stub: DurableObjectStub<TableSession>, limit = 50) =>
  runInDurableObject(stub, (_o: TableSession, state) => storeOf(state).outbox(limit));
