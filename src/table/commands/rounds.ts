/**
 * Sending the cart to the kitchen as a round. With "every diner confirms", a diner's send is a
 * confirmation until everyone it concerns has confirmed (see domain/table/confirm); a session a
 * guest opened may wait for staff before its first round (store setting "confirm first round").
 */
import { fail, ok, type Result } from "../../domain/cart/errors";
import { checkShown, priceLines, type ShownCart } from "../../domain/cart/shown";
import { newId } from "../../domain/ids";
import { lineConfirmers, stillToConfirm } from "../../domain/table/confirm";
import { cartEditable } from "../../domain/table/lifecycle";
import { buildRound } from "../../domain/table/rounds";
import type { Caller, TableCore } from "../core";
import { roundRecord } from "../ledger";
import type { TableEvent } from "../protocol";
import { roundView } from "../view";
import { err, type Reply } from "./context";
import { commit, runCommand, type Change, type CommandInput, type RowChange } from "./run";

export type SubmitAnswer = { roundId: string | null; waitingFor: string[]; awaitingStaff?: boolean };

/** Sold-out dishes are checked against a fresh read of the menu and refuse the whole round. */
export function submit(t: TableCore, caller: Caller, requestId?: string, staffConfirmed = false, shown?: ShownCart): Promise<Reply<SubmitAnswer>> {
  return runCommand(t, caller, { pausable: true, menu: "fresh", requestId, replay: { roundId: null, waitingFor: [] } }, (input) =>
    decide(t, input, staffConfirmed, shown),
  );
}

function decide(t: TableCore, input: CommandInput, staffConfirmed: boolean, shown?: ShownCart): Result<Change<SubmitAnswer>> {
  const { session, actor, now } = input;
  const menu = input.menu!;
  const { lines, rounds, diners } = t.state;
  if (!cartEditable(session.status)) return fail("cart_locked", "The bill is being paid; no new round now.");
  // The send carries what the sender's page showed: a round never charges anything else.
  if (shown) {
    const seen = checkShown(priceLines(lines, menu, now), shown, session.currency);
    if (!seen.ok) return seen;
  }

  if (session.requireAllConfirm && !actor.staff && !staffConfirmed && lines.length > 0) {
    const confirmed = session.confirmed.includes(actor.dinerId) ? session.confirmed : [...session.confirmed, actor.dinerId];
    const present = diners.filter((d) => !d.staff && t.isOnline(d.id)).map((d) => d.id);
    const waitingFor = stillToConfirm(lineConfirmers(lines, (id) => diners.some((d) => d.id === id && d.staff)), present, confirmed);
    if (waitingFor.length > 0) {
      return ok({ reply: { roundId: null, waitingFor }, session: { confirmed, lastActivityAt: now }, events: [{ type: "confirmed", dinerIds: confirmed }] });
    }
  }

  if (session.holdFirstRound && !actor.staff && !staffConfirmed && rounds.length === 0 && lines.length > 0) {
    const reply = { roundId: null, waitingFor: [], awaitingStaff: true };
    if (session.awaitingStaff) return ok({ reply });
    return ok({ reply, session: { awaitingStaff: { by: actor.dinerId, at: now }, lastActivityAt: now }, access: true, floor: "now" });
  }

  const roundId = newId("rnd");
  const draft = buildRound(lines, menu, { roundId, newItemId: () => newId("itm"), dinerName: (id) => t.dinerName(id), now });
  if (!draft.ok) return draft;
  const { items, ledgerLines, subtotal } = draft.value;
  const round = { id: roundId, no: session.nextRoundNo, submittedAt: now, submittedBy: actor.dinerId, subtotal };
  const removedLineIds = lines.map((l) => l.id);
  const resumed = session.status === "bill_requested";
  const events: TableEvent[] = [{ type: "round", round: roundView(round, items, rounds.length + 1), removedLineIds }];
  if (resumed) events.push({ type: "status", status: "open" });
  const rows: RowChange[] = [
    ...removedLineIds.map((id): RowChange => ({ part: "lines", remove: id })),
    { part: "rounds", put: round },
    ...items.map((item): RowChange => ({ part: "items", put: item })),
  ];
  return ok({
    reply: { roundId, waitingFor: [] },
    rows,
    session: { nextRoundNo: session.nextRoundNo + 1, confirmed: [], lastActivityAt: now, awaitingStaff: null, ...(resumed ? { status: "open" as const } : {}) },
    ledger: [{ kind: "round", key: `round:${round.id}`, record: roundRecord(t.state.ref!, session, round, ledgerLines, items, menu.menu) }],
    events,
    access: session.awaitingStaff !== null,
    floor: "now",
  });
}

/** Staff confirm the first round a guest asked for: it goes out in the name of the guest who asked. */
export async function confirmFirstRound(t: TableCore): Promise<Reply<{ roundId: string | null }>> {
  const s = t.state.session;
  if (!s?.awaitingStaff) return err(fail("invalid_transition", "No round is waiting for a confirmation at this table."));
  const by = s.awaitingStaff.by;
  const dinerId = t.state.diners.some((d) => d.id === by) ? by : (t.state.diners.find((d) => !d.staff)?.id ?? by);
  const r = await submit(t, { kind: "guest", sessionId: s.id, dinerId }, undefined, true);
  if (!r.ok && r.error.code === "cart_empty" && t.state.session?.awaitingStaff) {
    commit(t, { reply: {}, session: { awaitingStaff: null }, access: true, floor: "now" });
  }
  return r.ok ? { ok: true, v: r.v, roundId: r.roundId } : r;
}
