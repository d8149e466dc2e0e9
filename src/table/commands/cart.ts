/** The shared cart: one operation on a line, and a diner's name. */
import { fail, ok } from "../../domain/cart/errors";
import { applyCartOp, normalizeDinerName, type CartOp } from "../../domain/cart/ops";
import { newId } from "../../domain/ids";
import { cartEditable } from "../../domain/table/lifecycle";
import type { Caller, TableCore } from "../core";
import { dinerView, lineView } from "../view";
import type { Reply } from "./context";
import { answer, runCommand } from "./run";

/** One cart operation. `requestId` makes a retried request (after a lost answer) a no-op. */
export function apply(t: TableCore, caller: Caller, op: CartOp, requestId?: string): Promise<Reply<{ lineId: string | null }>> {
  return runCommand<{ lineId: string | null }>(t, caller, { pausable: true, menu: "cached", requestId, replay: { lineId: null } }, ({ session, actor, menu, now }) => {
    if (!cartEditable(session.status)) return fail("cart_locked", "The bill is being paid; the cart cannot change now.");
    const res = applyCartOp(t.state.lines, op, { actor, menu: menu!, now, newLineId: () => newId("lin"), nextSeq: session.nextSeq });
    if (!res.ok) return res;
    const change = res.value;
    const session_ = { lastActivityAt: now, confirmed: [] as string[] };
    if (change.kind === "remove") {
      return ok({
        reply: { lineId: change.lineId },
        rows: [{ part: "lines", remove: change.lineId }],
        session: session_,
        events: [{ type: "line_removed", lineId: change.lineId }],
        floor: "soon",
      });
    }
    const added = !t.state.lines.some((l) => l.id === change.line.id);
    return ok({
      reply: { lineId: change.line.id },
      rows: [{ part: "lines", put: change.line }],
      session: added ? { ...session_, nextSeq: session.nextSeq + 1 } : session_,
      events: [{ type: "line", line: lineView(change.line, menu, now) }],
      floor: "soon",
    });
  });
}

export function rename(t: TableCore, caller: Caller, name: string): Promise<Reply> {
  return runCommand(t, caller, {}, ({ actor }) => {
    const clean = normalizeDinerName(name);
    if (!clean.ok) return clean;
    const diner = t.state.diners.find((d) => d.id === actor.dinerId)!;
    if (diner.name === clean.value) return ok(answer({}));
    const renamed = { ...diner, name: clean.value };
    return ok({ reply: {}, rows: [{ part: "diners", put: renamed }], events: [{ type: "diner", diner: dinerView(renamed, t.isOnline(diner.id)) }], floor: "now" });
  });
}
