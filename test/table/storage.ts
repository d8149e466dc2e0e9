import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { TableStore } from "../../src/table/store";
import type { TableSession } from "../../src/table/table-session";

/** The table object's own storage, read through its store (not through the object's fields). */
export const storeOf = (state: DurableObjectState) => new TableStore(state.storage.sql);

/** What the table still owes the ledger, as its storage holds it. */
export const outboxOf = (stub: DurableObjectStub<TableSession>, limit = 50) =>
  runInDurableObject(stub, (_o: TableSession, state) => storeOf(state).outbox(limit));

/**
 * Changes what the table object has stored (e.g. sets a time back, as if it had passed) and
 * restarts the object, which reads its state from storage again. `keepAlarm: false` also removes
 * the alarm the restarted object arms, as if it had been lost.
 */
export async function rewriteStorage(stub: DurableObjectStub<TableSession>, edit: (store: TableStore) => void, opts: { keepAlarm?: boolean } = {}) {
  await runInDurableObject(stub, (_o: TableSession, state) => edit(storeOf(state)));
  await evictDurableObject(stub);
  if (opts.keepAlarm === false) await runInDurableObject(stub, (_o: TableSession, state) => state.storage.deleteAlarm());
}

/** Sets a stored value back in time: `patch` gets the stored value of `key` and answers the new one. */
export const patchKv = <T>(key: string, patch: (value: T) => T) => (store: TableStore) => store.setKv(key, patch(store.getKv<T>(key)!));
