/** Staff commands on what was ordered: item states, voids, acknowledged calls, the lifecycle steps. */
import { fail } from "../../domain/cart/errors";
import { acknowledgeCall } from "../../domain/table/calls";
import { moveItem, voidItem as voidState, type ActiveItemState, type OrderItem } from "../../domain/table/items";
import { transition, type LifecycleEvent } from "../../domain/table/lifecycle";
import type { SessionRecord } from "../store";
import { callView, itemView } from "../view";
import type { TableCore } from "../core";
import { err, refuseWhileMoving, type Reply } from "./context";
import { commit } from "./run";

export function setItemState(t: TableCore, itemId: string, to: ActiveItemState): Reply<{ state: string }> {
  const refused = refuseWhileMoving(t, "staff");
  if (refused) return refused;
  const item = t.state.items.find((i) => i.id === itemId);
  if (!item || !t.state.session) return err(fail("item_not_found", "No such item at this table."));
  const res = moveItem(item.status, to);
  if (!res.ok) return err(res);
  if (res.value.state === item.status.state) return { ok: true, v: t.state.version, state: item.status.state };
  return updateItem(t, item, res.value);
}

export function voidItem(t: TableCore, itemId: string, reason: string, by: string): Reply<{ state: string }> {
  const refused = refuseWhileMoving(t, "staff");
  if (refused) return refused;
  const item = t.state.items.find((i) => i.id === itemId);
  if (!item || !t.state.session) return err(fail("item_not_found", "No such item at this table."));
  const res = voidState(item.status, reason, by);
  if (!res.ok) return err(res);
  return updateItem(t, item, res.value);
}

export function ackCall(t: TableCore, callId: string, by: string): Reply {
  const refused = refuseWhileMoving(t, "staff");
  if (refused) return refused;
  if (t.state.doorCalls.some((c) => c.id === callId)) {
    t.dropDoorCalls((c) => c.id === callId);
    return { ok: true, v: t.state.version };
  }
  const i = t.state.calls.findIndex((c) => c.id === callId);
  const s = t.state.session;
  if (i < 0 || !s) return err(fail("call_not_found", "No such call at this table."));
  const call = acknowledgeCall(t.state.calls[i]!, by, Date.now());
  if (call === t.state.calls[i]) return { ok: true, v: t.state.version };
  return commit(t, { reply: {}, rows: [{ part: "calls", put: call }], events: [{ type: "call", call: callView(call) }], floor: "now" });
}

/** Lifecycle steps driven by payments (and the bill request): see domain/table/lifecycle. */
export function lifecycle(t: TableCore, event: Extract<LifecycleEvent, "request_bill" | "resume" | "start_paying" | "payment_failed">): Reply<{ status: string }> {
  const s = t.state.session;
  if (!s) return err(fail("table_free", "This table has no open session."));
  const refused = refuseWhileMoving(t, "staff");
  if (refused) return refused;
  const to = transition(s.status, event);
  if (!to.ok) return err(to);
  if (to.value === s.status) return { ok: true, v: t.state.version, status: s.status };
  const status = to.value as SessionRecord["status"];
  return commit(t, { reply: { status }, session: { status }, events: [{ type: "status", status }], floor: "now" });
}

function updateItem(t: TableCore, item: OrderItem, status: OrderItem["status"]): Reply<{ state: string }> {
  const next = { ...item, status, updatedAt: Date.now() };
  return commit(t, { reply: { state: status.state }, rows: [{ part: "items", put: next }], events: [{ type: "item", item: itemView(next) }], floor: "now" });
}
