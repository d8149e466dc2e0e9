/** Opening and ending the table's session: by the first scan, by staff, when it is closed or idle. */
import { fail } from "../../domain/cart/errors";
import { newId } from "../../domain/ids";
import type { MenuSnapshot } from "../../domain/menu/snapshot";
import { newJoinCode } from "../../domain/table/admission";
import { itemsTotal } from "../../domain/table/items";
import { closeQuietly } from "../../live/sockets";
import { send, type TableCore } from "../core";
import { currentBillId } from "../bill";
import { closedRecord } from "../ledger";
import { emptyParts } from "../parts";
import { CLOSE, type ServerMessage } from "../protocol";
import type { StoreSettings } from "../settings";
import type { SessionRecord, TableRef } from "../store";
import { err, refuseWhileMoving, type Reply } from "./context";

export function openSession(t: TableCore, by: "guest" | "staff", settings: StoreSettings, menuCurrency: string): SessionRecord {
  const now = Date.now();
  const session: SessionRecord = {
    id: newId("ses"),
    status: "open",
    openedAt: now,
    openedBy: by,
    lastActivityAt: now,
    nextRoundNo: 1,
    nextSeq: 1,
    currency: settings.currency ?? menuCurrency,
    requireAllConfirm: settings.requireAllConfirm,
    confirmed: [],
    joinCode: newJoinCode(),
    holdFirstRound: by === "guest" && settings.confirmFirstRound,
    awaitingStaff: null,
  };
  t.state.session = session;
  Object.assign(t.state, emptyParts());
  t.state.pay = null;
  t.store.setKv("pay", null);
  t.state.requests = [];
  t.store.setKv("requests", null);
  t.saveSession();
  t.bumpVersion();
  t.scheduleAlarm(now);
  t.pushFloor();
  return session;
}

/** Staff open a table (before guests scan, or to order for them). */
export async function open(t: TableCore, ref: TableRef): Promise<Reply<{ sessionId: string }>> {
  t.setRef(ref);
  const busy = () => err(fail("table_busy", "This table already has an open session."));
  if (t.state.session) return busy();
  const settings = await t.settings();
  const menu = await t.menu();
  if (t.state.session) return busy();
  const s = openSession(t, "staff", settings, menu?.menu.currency ?? "");
  return { ok: true, v: t.state.version, sessionId: s.id };
}

/**
 * Ends the session (`billPaid`: payments at the table covered the bill): the ledger gets its final record through the outbox, every diner's socket
 * is told and closed, and the session's rows are deleted so the next party starts empty.
 */
export function close(t: TableCore, reason: string, billPaid = false): Reply<{ sessionId: string }> {
  const s = t.state.session;
  if (!s) return err(fail("table_free", "This table has no open session."));
  const frozen = refuseWhileMoving(t, "guest");
  if (frozen) return frozen;
  enqueueClosed(t, s, reason, Date.now(), itemsTotal(t.state.items), t.menus.current?.menu);
  // Paid at the table: the diners' pages say so and link the receipt.
  const last: ServerMessage = billPaid ? { type: "ended", reason: "paid", billId: currentBillId(t.state) ?? undefined } : { type: "ended", reason: "closed" };
  endSession(t, s, last, CLOSE.sessionEnded, billPaid ? "bill paid" : "session closed");
  return { ok: true, v: t.state.version, sessionId: s.id };
}

/** Closes the session if it has been idle too long; false when it is due but cannot close now. */
export function closeIfIdle(t: TableCore, now: number): boolean {
  const due = t.idleDeadline();
  if (due === null || now < due) return true;
  if (t.moving) return false;
  close(t, t.state.rounds.length ? "idle_expired" : "idle_expired_empty");
  return true;
}

export function endSession(t: TableCore, s: SessionRecord, last: ServerMessage | null, code: number, reason: string): void {
  for (const ws of t.sockets(s.id)) {
    if (last) send(ws, last);
    closeQuietly(ws, code, reason);
  }
  t.store.deleteSession(s.id);
  // A page that comes back later (from the wallet, say) learns the session ended paid, and with which bill.
  t.store.setKv("ended_paid", last?.type === "ended" && last.reason === "paid" ? { sessionId: s.id, billId: last.billId ?? null } : null);
  t.state.session = null;
  Object.assign(t.state, emptyParts());
  t.state.pay = null;
  t.store.setKv("pay", null);
  // Devices still waiting learn that the session is over ("closed") and scan again.
  t.state.requests = [];
  t.store.setKv("requests", null);
  t.dropDoorCalls((c) => c.kind === "help", false);
  t.store.setKv("session", null);
  t.bumpVersion();
  t.pushFloor();
  t.scheduleAlarm(Date.now());
}

export function enqueueClosed(t: TableCore, s: SessionRecord, reason: string, now: number, total: number, menu: MenuSnapshot | undefined): void {
  t.store.enqueue("session_closed", `session:${s.id}`, closedRecord(t.state.ref!, t.state, s, reason, total, menu, now), now);
  t.scheduleAlarm(now);
}
