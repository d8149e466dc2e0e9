/** A diner calls the staff (waiter, water, the bill…); asking for the bill also changes the session's status. */
import { ok } from "../../domain/cart/errors";
import { newId } from "../../domain/ids";
import { placeCall, type CallKind } from "../../domain/table/calls";
import type { Caller, TableCore } from "../core";
import type { TableEvent } from "../protocol";
import { callView } from "../view";
import type { Reply } from "./context";
import { answer, runCommand } from "./run";

export function call(t: TableCore, caller: Caller, kind: CallKind, note = "", requestId?: string): Promise<Reply<{ callId: string }>> {
  return runCommand(t, caller, { pausable: true, requestId }, ({ session, actor, now, seen }) => {
    const res = placeCall(t.state.calls, { kind, note }, actor.dinerId, newId("cal"), now);
    if (!res.ok) return res;
    const { call, created } = res.value;
    // A call of that kind still open, or this very request again: the same call.
    if (!created || seen) return ok({ ...answer({ callId: call.id }), applied: null });
    const billAsked = kind === "bill" && session.status === "open";
    const events: TableEvent[] = [{ type: "call", call: callView(call) }];
    if (billAsked) events.push({ type: "status", status: "bill_requested" });
    return ok({
      reply: { callId: call.id },
      rows: [{ part: "calls", put: call }],
      session: billAsked ? { lastActivityAt: now, status: "bill_requested" } : { lastActivityAt: now },
      events,
      floor: "now",
    });
  });
}
