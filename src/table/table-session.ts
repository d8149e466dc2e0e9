import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { CartOp } from "../domain/cart/ops";
import type { ShownCart } from "../domain/cart/shown";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import type { CallKind } from "../domain/table/calls";
import type { HandoverMode } from "../domain/table/handover";
import type { ActiveItemState } from "../domain/table/items";
import type { LifecycleEvent } from "../domain/table/lifecycle";
import { answerPings } from "../live/sockets";
import { TableCore, type Caller } from "./core";
import { connect, onClose, onMessage } from "./connections";
import { Handovers, type SessionPackage } from "./handover";
import type { BillView, PausedReason, PaymentView, TableView } from "./protocol";
import type { TableRef } from "./store";
import type { Reply } from "./commands/context";
import * as cart from "./commands/cart";
import * as calls from "./commands/calls";
import * as door from "./commands/door";
import * as joining from "./commands/join";
import * as kitchen from "./commands/kitchen";
import * as pay from "./commands/pay";
import * as rounds from "./commands/rounds";
import * as session from "./commands/session";
import { setRequests, type JoinAnswer, type RequestAnswer } from "./commands/join";

export type { Caller, JoinAnswer, Reply, RequestAnswer, SessionPackage };

const APPLIED_TTL_MS = 24 * 3600_000;
/** How long a target remembers an imported handover (a source retries far sooner than this). */
const IMPORTED_TTL_MS = 7 * 24 * 3600_000;
/** How long a payment's end is remembered after its session (the provider retries notifications for about a day). */
const PAST_PAYMENTS_TTL_MS = 30 * 24 * 3600_000;

/**
 * One per table (named by table id). It holds the table's current session — diners, the shared
 * cart, rounds, item states, service calls — in its SQLite storage, talks to the diners over
 * hibernatable WebSockets, and writes what the ledger needs to D1 through an outbox that its
 * alarm retries. When a session closes its rows are deleted and the next party starts empty.
 *
 * This class is the wiring: each RPC is one command (./commands/*, run through
 * ./commands/run.ts), the sockets are ./connections.ts, moves and merges ./handover.ts, and the
 * state and its effects ./core.ts.
 */
export class TableSession extends DurableObject<Env> {
  private readonly t: TableCore;
  private readonly handovers: Handovers;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.t = new TableCore(ctx, env);
    this.handovers = new Handovers(this.t);
    void ctx.blockConcurrencyWhile(() => this.t.load());
    answerPings(ctx);
  }

  // ---------------------------------------------------------------- guests at the door

  /** A device scans the table: a seat, or a request the party answers (see commands/join.ts). */
  async join(ref: TableRef, dinerId: string, opts: { name?: string; ip?: string; joinCode?: string } = {}): Promise<Reply<JoinAnswer>> {
    return joining.join(this.t, ref, dinerId, opts);
  }

  /** The waiting device asks what became of its request; once admitted it gets the view. */
  async requestState(dinerId: string, requestId: string, sessionId: string): Promise<Reply<RequestAnswer>> {
    return joining.requestState(this.t, dinerId, requestId, sessionId);
  }

  /** A newcomer types the session's join code. */
  async enterCode(dinerId: string, ip: string, code: string, name?: string): Promise<Reply<JoinAnswer>> {
    return joining.enterCode(this.t, dinerId, ip, code, name);
  }

  /** A seated diner (or staff) lets a waiting device in, or not. */
  async answerJoin(caller: Caller, requestId: string, admit: boolean): Promise<Reply> {
    return joining.answerJoin(this.t, caller, requestId, admit);
  }

  /** The waiting device asks the staff for help (e.g. the session was opened by someone not at the table). */
  async askHelp(dinerId: string, requestId: string): Promise<Reply> {
    return door.askHelp(this.t, dinerId, requestId);
  }

  /** Someone without JavaScript presses "Call a waiter" on the table page: shown on the board. */
  async doorCall(ref: TableRef, ip: string): Promise<Reply> {
    this.t.setRef(ref);
    return door.doorCall(this.t, ip);
  }

  /** Whether this device is seated in the table's current session (a rotated code lets it back in). */
  async isSeated(dinerId: string): Promise<boolean> {
    return this.t.state.session !== null && this.t.state.diners.some((d) => d.id === dinerId && !d.staff);
  }

  // ---------------------------------------------------------------- diners at the table

  async getView(caller: Caller): Promise<Reply<{ view: TableView }>> {
    if (caller.kind === "guest") {
      const check = this.t.checkGuest(caller);
      if (!check.ok) return { ok: false, error: check.error };
    }
    return this.t.viewReply();
  }

  /** One cart operation. `requestId` makes a retried request (after a lost answer) a no-op. */
  async apply(caller: Caller, op: CartOp, requestId?: string): Promise<Reply<{ lineId: string | null }>> {
    return cart.apply(this.t, caller, op, requestId);
  }

  /** Sends the cart to the kitchen as a round (see commands/rounds.ts). */
  async submit(caller: Caller, requestId?: string, staffConfirmed = false, shown?: ShownCart): Promise<Reply<rounds.SubmitAnswer>> {
    return rounds.submit(this.t, caller, requestId, staffConfirmed, shown);
  }

  async call(caller: Caller, kind: CallKind, note = "", requestId?: string): Promise<Reply<{ callId: string }>> {
    return calls.call(this.t, caller, kind, note, requestId);
  }

  async rename(caller: Caller, name: string): Promise<Reply> {
    return cart.rename(this.t, caller, name);
  }

  // ---------------------------------------------------------------- paying (see commands/pay.ts; the Worker talks to the provider)

  async billView(caller: Caller): Promise<Reply<{ bill: BillView | null }>> {
    if (caller.kind === "guest") {
      const check = this.t.checkGuest(caller);
      if (!check.ok) return { ok: false, error: check.error };
    }
    await this.t.settings();
    await this.t.menu();
    return { ok: true, v: this.t.state.version, bill: this.t.bill() };
  }

  async startPayment(caller: Caller, input: pay.StartInput): Promise<Reply<{ order: pay.PaymentOrder }>> {
    return pay.startPayment(this.t, caller, input);
  }

  async startBillCode(ref: TableRef): Promise<Reply<{ order: pay.PaymentOrder }>> {
    return pay.startBillCode(this.t, ref);
  }

  async paymentCreated(id: string, outcome: pay.ProviderOutcome): Promise<Reply<{ payment: PaymentView }>> {
    return pay.paymentCreated(this.t, id, outcome);
  }

  async paymentResult(id: string, result: pay.PaymentResult): Promise<pay.ResultAnswer> {
    return pay.paymentResult(this.t, id, result);
  }

  async paymentOf(id: string): Promise<ReturnType<typeof pay.paymentOf>> {
    return pay.paymentOf(this.t, id);
  }

  async pendingPayments(): Promise<ReturnType<typeof pay.pendingPayments>> {
    return pay.pendingPayments(this.t);
  }

  // ---------------------------------------------------------------- the store, pushed by its floor object

  /** The store changed (suspended, closed, reopened, settings or menu edited): re-read it now. */
  async storeChanged(): Promise<{ paused: PausedReason | null }> {
    if (this.t.state.ref) {
      await this.t.settings(true);
      await this.t.menu(true);
    }
    return { paused: this.t.state.paused };
  }

  /** Each menu change, as it is written (see StoreFloor.menuChanged). */
  async menuUpdated(menu: MenuSnapshot): Promise<{ changed: boolean }> {
    return { changed: this.t.menus.push(menu) };
  }

  /** D1 menu reads this object made since it started (the push path makes none). */
  get menuReads(): number {
    return this.t.menus.reads;
  }

  // ---------------------------------------------------------------- staff

  /** The full view for staff, also of a free table. */
  async staffView(ref: TableRef): Promise<Reply<{ view: TableView }>> {
    this.t.setRef(ref);
    return this.t.viewReply();
  }

  /** Staff open a table (before guests scan, or to order for them). */
  async open(ref: TableRef): Promise<Reply<{ sessionId: string }>> {
    return session.open(this.t, ref);
  }

  /** Staff confirm the first round a guest asked for (store setting "confirm first round"). */
  async confirmFirstRound(ref: TableRef): Promise<Reply<{ roundId: string | null }>> {
    this.t.setRef(ref);
    return rounds.confirmFirstRound(this.t);
  }

  async setItemState(itemId: string, to: ActiveItemState): Promise<Reply<{ state: string }>> {
    return kitchen.setItemState(this.t, itemId, to);
  }

  async voidItem(itemId: string, reason: string, by: string): Promise<Reply<{ state: string }>> {
    return kitchen.voidItem(this.t, itemId, reason, by);
  }

  async ackCall(callId: string, by: string): Promise<Reply> {
    return kitchen.ackCall(this.t, callId, by);
  }

  /** Lifecycle steps driven by payments (and the bill request): see domain/table/lifecycle. */
  async lifecycle(event: Extract<LifecycleEvent, "request_bill" | "resume" | "start_paying" | "payment_failed">): Promise<Reply<{ status: string }>> {
    return kitchen.lifecycle(this.t, event);
  }

  /** Ends the session (the ledger gets its final record; every diner is told). */
  async close(reason: string): Promise<Reply<{ sessionId: string }>> {
    return session.close(this.t, reason);
  }

  /** Staff move this table's session to another table or merge it into the target's (see handover.ts). */
  async moveTo(target: TableRef, mode: HandoverMode): Promise<Reply<{ sessionId: string }>> {
    return this.handovers.moveTo(target, mode);
  }

  /** The receiving side of a handover; idempotent by handover id. */
  async absorb(ref: TableRef, handoverId: string, pkg: SessionPackage, mode: HandoverMode): Promise<Reply<{ sessionId: string }>> {
    return this.handovers.absorb(ref, handoverId, pkg, mode);
  }

  // ---------------------------------------------------------------- WebSockets

  override async fetch(request: Request): Promise<Response> {
    return connect(this.t, request);
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    return onMessage(this.t, ws, raw);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    onClose(this.t, ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    onClose(this.t, ws, 1011, "error");
  }

  // ---------------------------------------------------------------- alarm

  /** Runs the outbox, finishes a pending handover, closes an idle session, retries the floor push (see deadlines.ts). */
  override async alarm(): Promise<void> {
    const t = this.t;
    await t.runAlarm(async () => {
      await this.drainOutbox();
      // An unfinished move or merge: importing again is harmless (the target keys it by id).
      if (t.handover) await this.handovers.drive();
      const closed = session.closeIfIdle(t, Date.now()); // false: busy moving, soon again
      if (t.floorDirty) t.pushFloor();
      // Requests nobody answered in time leave the diners' prompts and the board.
      setRequests(t, t.state.requests);
      t.store.pruneApplied(Date.now() - APPLIED_TTL_MS);
      t.store.pruneImported(Date.now() - IMPORTED_TTL_MS);
      t.store.prunePastPayments(Date.now() - PAST_PAYMENTS_TTL_MS);
      return closed ? "done" : "later";
    });
  }

  /** Writes what the ledger is owed (see outbox.ts); public so the tests can break it for a run. */
  async drainOutbox(): Promise<{ written: number; failed: number }> {
    return this.t.outbox.drain();
  }
}
