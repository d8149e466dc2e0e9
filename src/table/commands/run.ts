/**
 * The one way a command changes a table: guards first (rate, pause, menu, who acts, a retried
 * request), then the command reads the state and answers a `Change` — rows to put and remove,
 * fields of the session record, ledger entries, events, the floor — which `commit` applies in
 * one synchronous block (the runtime commits the storage writes of such a block together).
 */
import { fail, type Result } from "../../domain/cart/errors";
import type { Actor } from "../../domain/cart/ops";
import type { MenuIndex } from "../../domain/cart/pricing";
import type { OutboxKind } from "../../db/ledger/types";
import type { Caller, TableCore } from "../core";
import type { PartName, PartRow } from "../parts";
import type { TableEvent } from "../protocol";
import type { PayRecord, SessionRecord } from "../store";
import { err, type Reply } from "./context";

/** One row of a session part written (added or replaced by id) or removed. */
export type RowChange = { [K in PartName]: { part: K; put: PartRow<K> } | { part: K; remove: string } }[PartName];

export interface Change<T extends object = object> {
  /** What the caller is answered (besides `ok` and the version). */
  reply: T;
  rows?: RowChange[];
  /** Fields of the session record that change. */
  session?: Partial<SessionRecord>;
  /** The open bill's reservations (see ../bill.ts). */
  pay?: PayRecord | null;
  /** What the ledger is owed, written through the outbox (`key` makes a retried write a no-op). */
  ledger?: { kind: OutboxKind; key: string; record: unknown }[];
  /** Sent to the diners in order, each with the next version; `access` last when set. */
  events?: TableEvent[];
  access?: boolean;
  /** How soon the store's floor sees the table's card: at once, coalesced, or not at all. */
  floor?: "now" | "soon";
  /** The idempotency key of the request (see `runCommand`), remembered for a day. */
  applied?: string | null;
}

/** A change that only answers (nothing to write or tell). */
export const answer = <T extends object>(reply: T): Change<T> => ({ reply });

/**
 * Applies a change: memory and storage, then the outbox and alarm, then events and the floor.
 * A change to the items, the payments or the reservations also tells the diners the new bill.
 */
export function commit<T extends object>(t: TableCore, c: Change<T>): Reply<T> {
  const s = t.state.session;
  const now = Date.now();
  if (s) {
    for (const row of c.rows ?? []) applyRow(t, s.id, row);
    if (c.session) {
      Object.assign(s, c.session);
      t.saveSession();
    }
    if (c.pay !== undefined) {
      t.state.pay = c.pay;
      t.store.setKv("pay", c.pay);
    }
  }
  const billChanged = c.pay !== undefined || (c.rows ?? []).some((r) => r.part === "items" || r.part === "payments");
  if (c.applied) t.store.markApplied(c.applied, now);
  for (const e of c.ledger ?? []) t.store.enqueue(e.kind, e.key, e.record, now);
  if (c.ledger?.length) t.scheduleAlarm(now);
  for (const e of c.events ?? []) t.emit(e);
  if (billChanged && t.state.session) t.emit({ type: "bill", bill: t.bill() });
  if (c.access) t.emitAccess();
  if (c.floor === "now") t.pushFloor();
  else if (c.floor === "soon") t.pushFloorSoon();
  return { ok: true, v: t.state.version, ...c.reply };
}

function applyRow(t: TableCore, sessionId: string, row: RowChange): void {
  const list = t.state[row.part] as PartRow<PartName>[];
  if ("remove" in row) {
    const i = list.findIndex((r) => r.id === row.remove);
    if (i >= 0) list.splice(i, 1);
    t.store.remove(row.part, row.remove);
    return;
  }
  let pos = list.findIndex((r) => r.id === row.put.id);
  if (pos >= 0) list[pos] = row.put;
  else pos = list.push(row.put) - 1;
  t.store.put(row.part as never, sessionId, row.put as never, pos);
}

/** What a guarded command reads besides the state. */
export interface CommandInput {
  session: SessionRecord;
  actor: Actor;
  /** The menu (null for commands that do not price anything). */
  menu: MenuIndex | null;
  now: number;
  /** `<diner>:<requestId>` when the client named its request, and whether it was applied before. */
  key: string | null;
  seen: boolean;
}

export interface CommandSpec<T extends object> {
  /** Refused while the store is paused (guests only). */
  pausable?: boolean;
  /** The command prices something: the menu as cached, or read afresh. */
  menu?: "cached" | "fresh";
  requestId?: string;
  /** The answer to a request applied before (a retry after a lost answer). */
  replay?: T;
}

/** Runs a command for a caller: the guards, then the command, then its change committed. */
export async function runCommand<T extends object>(
  t: TableCore,
  caller: Caller,
  spec: CommandSpec<T>,
  command: (input: CommandInput) => Result<Change<T>>,
): Promise<Reply<T>> {
  const limited = t.rateLimit(caller) ?? (spec.pausable ? await t.pausedRefusal(caller) : null);
  if (limited) return limited;
  let menu: MenuIndex | null = null;
  if (spec.menu) {
    menu = await t.menu(spec.menu === "fresh");
    if (!menu) return err(fail("unavailable", "The menu cannot be read right now; try again shortly."));
  }
  const who = t.actor(caller);
  if (!who.ok) return err(who);
  const key = spec.requestId ? `${who.value.actor.dinerId}:${spec.requestId}` : null;
  const seen = key !== null && t.store.wasApplied(key);
  if (seen && spec.replay) return { ok: true, v: t.state.version, ...spec.replay };
  const res = command({ ...who.value, menu, now: Date.now(), key, seen });
  if (!res.ok) return err(res);
  return commit(t, { applied: key, ...res.value });
}
