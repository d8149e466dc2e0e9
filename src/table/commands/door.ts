/** Calls from the door: a device waiting to join asks for staff, or the no-JS "Call a waiter" form. */
import { fail } from "../../domain/cart/errors";
import { newId } from "../../domain/ids";
import { ADMISSION_LIMITS, bump, countOf, requestStatus, type Counters } from "../../domain/table/admission";
import type { DoorCall } from "../store";
import type { TableCore } from "../core";
import { err, type Reply } from "./context";

export const tooManyJoins = () => fail("too_many_requests", "Too many requests to join this table right now. Wait a few minutes, or ask the staff.");

/** The waiting device asks the staff for help (e.g. the session was opened by someone not at the table). */
export function askHelp(t: TableCore, dinerId: string, requestId: string): Reply {
  const now = Date.now();
  const r = t.state.requests.find((x) => x.id === requestId && x.dinerId === dinerId);
  if (!r || requestStatus(r, now) !== "waiting") return err(fail("request_not_found", "This request to join has expired; scan the code again."));
  if (!r.help) {
    if (!countDoorCall(t, `dev:${dinerId}`)) return err(tooManyJoins());
    t.state.requests = t.state.requests.map((x) => (x === r ? { ...x, help: true } : x));
    t.store.setKv("requests", t.state.requests);
    addDoorCall(t, { id: newId("cal"), kind: "help", requestId, createdAt: now });
    t.emitAccess();
  }
  return { ok: true, v: t.state.version };
}

/** Someone without JavaScript presses "Call a waiter" on the table page: shown on the board. */
export function doorCall(t: TableCore, ip: string): Reply {
  if (t.state.doorCalls.some((c) => c.kind === "waiter")) return { ok: true, v: t.state.version };
  if (!countDoorCall(t, `ip:${ip}`)) return err(tooManyJoins());
  addDoorCall(t, { id: newId("cal"), kind: "waiter", requestId: null, createdAt: Date.now() });
  return { ok: true, v: t.state.version };
}

function addDoorCall(t: TableCore, call: DoorCall): void {
  t.state.doorCalls = [...t.state.doorCalls, call].slice(-10);
  t.store.setKv("door_calls", t.state.doorCalls);
  t.bumpVersion();
  t.pushFloor();
}

/** Counts a call from the door against the table's and the caller's limits; false when over. */
function countDoorCall(t: TableCore, who: string): boolean {
  const L = ADMISSION_LIMITS;
  const now = Date.now();
  const counters = t.store.getKv<Counters>("door_counts") ?? {};
  if (countOf(counters, "table", L.doorCallWindowMs, now) >= L.doorCallsPerTable || countOf(counters, who, L.doorCallWindowMs, now) >= L.doorCallsPerAddress) return false;
  t.store.setKv("door_counts", bump(counters, ["table", who], L.doorCallWindowMs, now));
  return true;
}
