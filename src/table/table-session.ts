import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { createDb } from "../db/client";
import { stores } from "../db/schema";
import { TenantScope } from "../db/scope";
import { eq } from "drizzle-orm";
import { writeOutboxEntry } from "../db/ledger/writes";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import { newId } from "../domain/ids";
import { fail, ok, type DomainError, type Failure, type Result } from "../domain/cart/errors";
import { applyCartChange, applyCartOp, normalizeDinerName, type Actor, type CartOp } from "../domain/cart/ops";
import { CART_LIMITS } from "../domain/cart/limits";
import type { MenuIndex } from "../domain/cart/pricing";
import { acknowledgeCall, placeCall, type CallKind } from "../domain/table/calls";
import { itemsTotal, moveItem, voidItem, type ActiveItemState } from "../domain/table/items";
import { cartEditable, transition, type LifecycleEvent } from "../domain/table/lifecycle";
import { buildRound } from "../domain/table/rounds";
import { stillToConfirm } from "../domain/table/confirm";
import { afterImport, beginHandover, mergeParts, type Handover, type HandoverMode, type ImportAnswer } from "../domain/table/handover";
import { CLOSE, WS_LIMITS, type ServerMessage, type TableEvent, type TableView } from "./protocol";
import { TableStore, type Diner, type LiveState, type SessionRecord, type TableRef } from "./store";
import { callView, dinerView, itemView, lineView, roundView, tableCard, tableView } from "./view";
import { parseClientMessage } from "./validate";
import { rateLimitOf, TokenBucket } from "./rate";
import { signTableToken } from "./token";
import { TableMenu } from "./menu-cache";
import { closedRecord, roundRecord } from "./ledger";
import { floorName } from "../floor/names";

/** Who is asking: a diner (with the session its token names) or a signed-in staff member. */
export type Caller =
  | { kind: "guest"; sessionId: string; dinerId: string }
  /** Staff come through routes that looked the table up, so they name it. */
  | { kind: "staff"; userId: string; name: string; ref: TableRef };

/** Every RPC answers a value, never throws for a refusal; `v` is the state version after it. */
export type Reply<T extends object = object> = ({ ok: true; v: number } & T) | { ok: false; error: DomainError };

/** A whole session handed from one table object to another (staff move or merge tables; see `moveTo`). */
export interface SessionPackage {
  session: SessionRecord;
  diners: Diner[];
  lines: LiveState["lines"];
  rounds: LiveState["rounds"];
  items: LiveState["items"];
  calls: LiveState["calls"];
}

interface SocketInfo {
  sessionId: string;
  dinerId: string;
}

/** A session nobody ordered in closes after this long without activity… */
export const EMPTY_IDLE_MS = 45 * 60_000;
/** …and one with rounds (an unpaid bill, presumably) after this long. */
export const IDLE_MS = 6 * 3600_000;
const OUTBOX_BACKOFF_MS = [1_000, 5_000, 15_000, 60_000, 300_000];
const FLOOR_RETRY_MS = 5_000;
const CART_FLOOR_DELAY_MS = 2_000;
const ALARM_RETRY_MS = 30_000;
const APPLIED_TTL_MS = 24 * 3600_000;
/** How long a target remembers an imported handover (a source retries far sooner than this). */
const IMPORTED_TTL_MS = 7 * 24 * 3600_000;

export const staffDinerId = (userId: string) => `stf_${userId}`;

/**
 * One per table (named by table id). It holds the table's current session — diners, the shared
 * cart, rounds, item states, service calls — in its SQLite storage, talks to the diners over
 * hibernatable WebSockets, and writes what the ledger needs to D1 through an outbox that its
 * alarm retries. When a session closes its rows are deleted and the next party starts empty.
 */
export class TableSession extends DurableObject<Env> {
  private readonly store: TableStore;
  private state!: LiveState;
  private menus!: TableMenu;
  private alarmAt: number | null = null;
  /** A move or merge this table started and has not finished (kept in storage; freezes the session). */
  private handover: Handover | null = null;
  /** A call to the target is under way (the alarm and a staff request must not both drive it). */
  private handing = false;
  private get moving(): boolean {
    return this.handover !== null;
  }
  private draining = false;
  private floorBusy = false;
  private floorQueued = false;
  private floorTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly socketBuckets = new WeakMap<WebSocket, TokenBucket>();
  private readonly dinerBuckets = new Map<string, TokenBucket>();
  private readonly limit: { burst: number; perSecond: number };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new TableStore(ctx.storage.sql);
    this.limit = rateLimitOf(env.TABLE_RATE_LIMIT, WS_LIMITS);
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.state = this.store.load();
      this.handover = this.store.getKv<Handover>("handover");
      this.menus = new TableMenu(env.DB, this.store, () => {
        if (!this.state.session) return;
        this.state.version++;
        this.store.setKv("version", this.state.version);
        this.broadcastSnapshots();
      });
      this.alarmAt = await ctx.storage.getAlarm();
      // Whatever wakes the object re-arms a missing alarm while there is a session or an outbox.
      if (this.alarmAt === null) this.scheduleAlarm(Date.now());
    });
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  // ---------------------------------------------------------------- guest RPC

  /** A diner scans the table: opens a session if the table is free, adds the diner, returns the view. */
  async join(ref: TableRef, dinerId: string, name?: string): Promise<Reply<{ sessionId: string; view: TableView }>> {
    this.setRef(ref);
    const menu = await this.menu();
    if (this.moving) return err(fail("cart_locked", "Staff are moving this table; try again in a moment."));
    // The alarm closes idle sessions; should it be late, the next party still never joins one.
    await this.closeIfIdle(Date.now());
    if (!this.state.session) {
      const settings = await this.storeSettings();
      if (!this.state.session) this.openSession("guest", settings.requireAllConfirm, settings.currency ?? menu?.menu.currency ?? "");
    }
    const session = this.state.session!;
    let diner = this.state.diners.find((d) => d.id === dinerId);
    if (!diner && this.state.diners.length >= CART_LIMITS.maxDiners) {
      return err(fail("table_full", "Too many devices have joined this table; ask the staff for help."));
    }
    if (!diner) {
      const wanted = name ? normalizeDinerName(name) : null;
      const guests = this.state.diners.filter((d) => !d.staff).length;
      diner = { id: dinerId, name: wanted?.ok ? wanted.value : `Guest ${guests + 1}`, staff: false, joinedAt: Date.now() };
      this.state.diners.push(diner);
      this.store.putDiner(session.id, diner);
      session.lastActivityAt = diner.joinedAt;
      this.saveSession();
      this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(diner.id)) });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version, sessionId: session.id, view: this.view() };
  }

  async getView(caller: Caller): Promise<Reply<{ view: TableView }>> {
    if (caller.kind === "guest") {
      const check = this.checkGuest(caller);
      if (!check.ok) return err(check);
    }
    await this.menu();
    return { ok: true, v: this.state.version, view: this.view() };
  }

  /** One cart operation. `requestId` makes a retried request (after a lost answer) a no-op. */
  async apply(caller: Caller, op: CartOp, requestId?: string): Promise<Reply<{ lineId: string | null }>> {
    const limited = this.rateLimit(caller);
    if (limited) return limited;
    const menu = await this.menu();
    if (!menu) return err(fail("unavailable", "The menu cannot be read right now; try again shortly."));
    const who = this.actor(caller);
    if (!who.ok) return err(who);
    const { session, actor } = who.value;
    if (!cartEditable(session.status)) return err(fail("cart_locked", "The bill is being paid; the cart cannot change now."));
    const key = requestId ? `${actor.dinerId}:${requestId}` : null;
    if (key && this.store.wasApplied(key)) return { ok: true, v: this.state.version, lineId: null };
    const now = Date.now();
    const res = applyCartOp(this.state.lines, op, { actor, menu, now, newLineId: () => newId("lin"), nextSeq: session.nextSeq });
    if (!res.ok) return err(res);
    const change = res.value;
    if (key) this.store.markApplied(key, now);
    session.lastActivityAt = now;
    session.confirmed = [];
    const added = change.kind === "upsert" && !this.state.lines.some((l) => l.id === change.line.id);
    if (added) session.nextSeq++;
    this.state.lines = applyCartChange(this.state.lines, change);
    if (change.kind === "remove") this.store.deleteLine(change.lineId);
    else this.store.putLine(session.id, change.line);
    this.saveSession();
    this.emit(change.kind === "remove" ? { type: "line_removed", lineId: change.lineId } : { type: "line", line: lineView(change.line, menu, now) });
    this.pushFloorSoon();
    return { ok: true, v: this.state.version, lineId: change.kind === "remove" ? change.lineId : change.line.id };
  }

  /**
   * Sends the cart to the kitchen as a round. With "every diner confirms", a diner's submit is a
   * confirmation until everyone it concerns has confirmed (see domain/table/confirm). Sold-out
   * dishes are checked against a fresh read of the menu and refuse the whole round.
   */
  async submit(caller: Caller, requestId?: string): Promise<Reply<{ roundId: string | null; waitingFor: string[] }>> {
    const limited = this.rateLimit(caller);
    if (limited) return limited;
    const menu = await this.menu(true);
    if (!menu) return err(fail("unavailable", "The menu cannot be read right now; try again shortly."));
    const who = this.actor(caller);
    if (!who.ok) return err(who);
    const { session, actor } = who.value;
    if (!cartEditable(session.status)) return err(fail("cart_locked", "The bill is being paid; no new round now."));
    const key = requestId ? `${actor.dinerId}:${requestId}` : null;
    if (key && this.store.wasApplied(key)) return { ok: true, v: this.state.version, roundId: null, waitingFor: [] };
    const now = Date.now();

    if (session.requireAllConfirm && !actor.staff && this.state.lines.length > 0) {
      const confirmed = session.confirmed.includes(actor.dinerId) ? session.confirmed : [...session.confirmed, actor.dinerId];
      const present = this.state.diners.filter((d) => !d.staff && this.isOnline(d.id)).map((d) => d.id);
      const waitingFor = stillToConfirm(this.state.lines.map((l) => l.dinerId), present, confirmed);
      if (waitingFor.length > 0) {
        session.confirmed = confirmed;
        session.lastActivityAt = now;
        if (key) this.store.markApplied(key, now);
        this.saveSession();
        this.emit({ type: "confirmed", dinerIds: confirmed });
        return { ok: true, v: this.state.version, roundId: null, waitingFor };
      }
    }

    const roundId = newId("rnd");
    const draft = buildRound(this.state.lines, menu, {
      roundId,
      newItemId: () => newId("itm"),
      dinerName: (id) => this.dinerName(id),
      now,
    });
    if (!draft.ok) return err(draft);
    const { items, ledgerLines, subtotal } = draft.value;
    const round = { id: roundId, no: session.nextRoundNo, submittedAt: now, submittedBy: actor.dinerId, subtotal };
    const removedLineIds = this.state.lines.map((l) => l.id);

    // One synchronous block: the runtime commits these writes together.
    for (const id of removedLineIds) this.store.deleteLine(id);
    this.state.lines = [];
    this.state.rounds.push(round);
    this.store.putRound(session.id, round);
    for (const item of items) {
      this.store.putItem(session.id, item, this.state.items.length);
      this.state.items.push(item);
    }
    session.nextRoundNo++;
    session.confirmed = [];
    session.lastActivityAt = now;
    const resumed = session.status === "bill_requested";
    if (resumed) session.status = "open";
    if (key) this.store.markApplied(key, now);
    this.saveSession();
    this.store.enqueue("round", `round:${round.id}`, roundRecord(this.state.ref!, session, round, ledgerLines, items, menu.menu), now);
    this.scheduleAlarm(now);

    this.emit({ type: "round", round: roundView(round, this.state.items, this.state.rounds.length), removedLineIds });
    if (resumed) this.emit({ type: "status", status: "open" });
    this.pushFloor();
    return { ok: true, v: this.state.version, roundId: round.id, waitingFor: [] };
  }

  async call(caller: Caller, kind: CallKind, note = "", requestId?: string): Promise<Reply<{ callId: string }>> {
    const limited = this.rateLimit(caller);
    if (limited) return limited;
    const who = this.actor(caller);
    if (!who.ok) return err(who);
    const { session, actor } = who.value;
    const key = requestId ? `${actor.dinerId}:${requestId}` : null;
    const now = Date.now();
    const res = placeCall(this.state.calls, { kind, note }, actor.dinerId, newId("cal"), now);
    if (!res.ok) return err(res);
    const { call, created } = res.value;
    if (!created || (key && this.store.wasApplied(key))) return { ok: true, v: this.state.version, callId: call.id };
    if (key) this.store.markApplied(key, now);
    this.state.calls.push(call);
    this.store.putCall(session.id, call);
    session.lastActivityAt = now;
    this.saveSession();
    this.emit({ type: "call", call: callView(call) });
    if (kind === "bill" && session.status === "open") {
      session.status = "bill_requested";
      this.saveSession();
      this.emit({ type: "status", status: session.status });
    }
    this.pushFloor();
    return { ok: true, v: this.state.version, callId: call.id };
  }

  async rename(caller: Caller, name: string): Promise<Reply> {
    const limited = this.rateLimit(caller);
    if (limited) return limited;
    const who = this.actor(caller);
    if (!who.ok) return err(who);
    const clean = normalizeDinerName(name);
    if (!clean.ok) return err(clean);
    const diner = this.state.diners.find((d) => d.id === who.value.actor.dinerId)!;
    if (diner.name !== clean.value) {
      diner.name = clean.value;
      this.store.putDiner(who.value.session.id, diner);
      this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(diner.id)) });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version };
  }

  // ---------------------------------------------------------------- staff RPC

  /** The full view for staff, also of a free table. */
  async staffView(ref: TableRef): Promise<Reply<{ view: TableView }>> {
    this.setRef(ref);
    await this.menu();
    return { ok: true, v: this.state.version, view: this.view() };
  }

  /** Staff open a table (before guests scan, or to order for them). */
  async open(ref: TableRef): Promise<Reply<{ sessionId: string }>> {
    this.setRef(ref);
    if (this.state.session) return err(fail("table_busy", "This table already has an open session."));
    const settings = await this.storeSettings();
    const menu = await this.menu();
    if (this.state.session) return err(fail("table_busy", "This table already has an open session."));
    this.openSession("staff", settings.requireAllConfirm, settings.currency ?? menu?.menu.currency ?? "");
    return { ok: true, v: this.state.version, sessionId: this.state.session!.id };
  }

  async setItemState(itemId: string, to: ActiveItemState): Promise<Reply<{ state: string }>> {
    if (this.moving) return err(fail("cart_locked", "This table is being moved; try again in a moment."));
    const item = this.state.items.find((i) => i.id === itemId);
    if (!item || !this.state.session) return err(fail("item_not_found", "No such item at this table."));
    const res = moveItem(item.status, to);
    if (!res.ok) return err(res);
    if (res.value.state === item.status.state) return { ok: true, v: this.state.version, state: item.status.state };
    return this.updateItem(item, res.value);
  }

  async voidItem(itemId: string, reason: string, by: string): Promise<Reply<{ state: string }>> {
    if (this.moving) return err(fail("cart_locked", "This table is being moved; try again in a moment."));
    const item = this.state.items.find((i) => i.id === itemId);
    if (!item || !this.state.session) return err(fail("item_not_found", "No such item at this table."));
    const res = voidItem(item.status, reason, by);
    if (!res.ok) return err(res);
    return this.updateItem(item, res.value);
  }

  async ackCall(callId: string, by: string): Promise<Reply> {
    if (this.moving) return err(fail("cart_locked", "This table is being moved; try again in a moment."));
    const i = this.state.calls.findIndex((c) => c.id === callId);
    const s = this.state.session;
    if (i < 0 || !s) return err(fail("call_not_found", "No such call at this table."));
    const call = acknowledgeCall(this.state.calls[i]!, by, Date.now());
    if (call !== this.state.calls[i]) {
      this.state.calls[i] = call;
      this.store.putCall(s.id, call);
      this.emit({ type: "call", call: callView(call) });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version };
  }

  /** Lifecycle steps driven by payments (and the bill request): see domain/table/lifecycle. */
  async lifecycle(event: Extract<LifecycleEvent, "request_bill" | "resume" | "start_paying" | "payment_failed">): Promise<Reply<{ status: string }>> {
    const s = this.state.session;
    if (!s) return err(fail("table_free", "This table has no open session."));
    if (this.moving) return err(fail("cart_locked", "This table is being moved; try again in a moment."));
    const to = transition(s.status, event);
    if (!to.ok) return err(to);
    if (to.value !== s.status) {
      s.status = to.value as SessionRecord["status"];
      this.saveSession();
      this.emit({ type: "status", status: s.status });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version, status: s.status };
  }

  /**
   * Ends the session: the ledger gets its final record through the outbox, every diner's socket
   * is told and closed, and the session's rows are deleted so the next party starts empty.
   */
  async close(reason: string): Promise<Reply<{ sessionId: string }>> {
    const s = this.state.session;
    if (!s) return err(fail("table_free", "This table has no open session."));
    if (this.moving) return err(fail("cart_locked", "Staff are moving this table; try again in a moment."));
    const now = Date.now();
    const menu = this.menus.current?.menu;
    this.enqueueClosed(s, reason, now, itemsTotal(this.state.items), menu);
    this.endSession(s, { type: "ended", reason: "closed" }, CLOSE.sessionEnded, "session closed");
    return { ok: true, v: this.state.version, sessionId: s.id };
  }

  /**
   * Staff move this table's session to another table (`move`, the target must be free) or fold
   * it into the target's session (`merge`), as a handover (see domain/table/handover): the
   * session is frozen here until the target has it, then diners connected here get a new token
   * for the target and this table is freed. Asking again for a pending move resumes it.
   */
  async moveTo(target: TableRef, mode: HandoverMode): Promise<Reply<{ sessionId: string }>> {
    if (this.handing) return err(fail("cart_locked", "This table is already being moved."));
    const now = Date.now();
    const begun = beginHandover(this.handover, { mode, target, sourceTableId: this.state.ref?.tableId ?? null, session: this.state.session }, newId("hnd"), now);
    if (!begun.ok) return err(begun);
    if (!begun.value.resumed) {
      // Step 1. The output gate holds the call to the target until this write is durable, so a
      // target never holds a session its source could forget it handed over.
      this.handover = begun.value.handover;
      this.store.setKv("handover", this.handover);
    }
    return this.driveHandover();
  }

  /** Step 2 and 3 of the handover: has the target import the session, then completes or rolls back. */
  private async driveHandover(): Promise<Reply<{ sessionId: string }>> {
    const h = this.handover;
    if (!h || this.handing) return err(fail("cart_locked", "This table is already being moved."));
    if (this.state.session?.id !== h.sessionId) {
      this.handover = null; // nothing left to hand over
      this.store.setKv("handover", null);
      return err(fail("table_free", "This table has no open session."));
    }
    this.handing = true;
    try {
      let answer: ImportAnswer;
      try {
        const res = (await this.env.TABLE.getByName(h.target.tableId).absorb(h.target, h.id, this.sessionPackage(), h.mode)) as Reply<{ sessionId: string }>;
        answer = res.ok ? { kind: "imported", sessionId: res.sessionId } : { kind: "refused", error: res.error };
      } catch (e) {
        answer = { kind: "unanswered", reason: String(e) };
      }
      const step = afterImport(h, answer, Date.now());
      if (step.step === "complete") {
        try {
          await this.completeHandover(h, step.sessionId);
          return { ok: true, v: this.state.version, sessionId: step.sessionId };
        } catch (e) {
          console.error("handover completion failed; the alarm finishes it", String(e));
          this.retryHandover(afterImport(h, { kind: "unanswered", reason: String(e) }, Date.now()));
          return err(fail("unavailable", "The table was moved but not yet released; this finishes by itself shortly."));
        }
      }
      if (step.step === "rollback") {
        this.handover = null;
        this.store.setKv("handover", null);
        return err({ ok: false, error: step.error });
      }
      this.retryHandover(step);
      const reason = answer.kind === "unanswered" ? answer.reason.slice(0, 80) : "";
      return err(fail("unavailable", `The other table did not answer; the move is retried automatically. (${reason})`));
    } finally {
      this.handing = false;
    }
  }

  private retryHandover(step: ReturnType<typeof afterImport>): void {
    if (step.step !== "retry") return;
    this.handover = step.handover;
    this.store.setKv("handover", this.handover);
    this.scheduleAlarm(Date.now(), this.handover.nextAt);
  }

  /** Step 3: the target has the session; this table records where it went and frees itself. */
  private async completeHandover(h: Handover, toSessionId: string): Promise<void> {
    const s = this.state.session;
    const sockets = s?.id === h.sessionId ? this.ctx.getWebSockets(`s:${s.id}`) : [];
    const tokens = await Promise.all(
      sockets.map((ws) => signTableToken(this.env, { t: h.target.tableId, s: toSessionId, d: socketInfo(ws)?.dinerId ?? "" })),
    );
    if (this.handover?.id !== h.id) return; // finished meanwhile
    // One synchronous block: the runtime commits these writes together.
    this.handover = null;
    this.store.setKv("handover", null);
    if (!s || s.id !== h.sessionId) return;
    const now = Date.now();
    this.store.recordMove(s.id, h.target.tableId, toSessionId, now);
    if (h.mode === "merge") this.enqueueClosed(s, `merged:${toSessionId}`, now, 0, this.menus.current?.menu);
    sockets.forEach((ws, i) => send(ws, { type: "ended", reason: "moved", token: tokens[i], tableId: h.target.tableId }));
    this.endSession(s, null, CLOSE.sessionMoved, "session moved");
  }

  private sessionPackage(): SessionPackage {
    const { session, diners, lines, rounds, items, calls } = this.state;
    return { session: session!, diners, lines, rounds, items, calls };
  }

  /**
   * The receiving side of a handover (step 2). Idempotent by handover id: a repeated import
   * changes nothing and answers the session the first one went into.
   */
  async absorb(ref: TableRef, handoverId: string, pkg: SessionPackage, mode: HandoverMode): Promise<Reply<{ sessionId: string }>> {
    const done = this.store.importedAs(handoverId);
    if (done) return { ok: true, v: this.state.version, sessionId: done };
    this.setRef(ref);
    if (this.moving) return err(fail("table_busy", "This table is being moved itself."));
    const now = Date.now();
    // No await from here on: the import and its record are committed together.
    if (mode === "move") {
      if (this.state.session) return err(fail("table_busy", `${ref.tableName} is taken; merge the tables instead.`));
      this.state.session = { ...pkg.session, lastActivityAt: now };
      this.state.diners = [...pkg.diners];
      this.state.lines = [...pkg.lines];
      this.state.rounds = [...pkg.rounds];
      this.state.items = [...pkg.items];
      this.state.calls = [...pkg.calls];
    } else {
      const s = this.state.session;
      if (!s) return err(fail("table_free", `${ref.tableName} has no open session; move the table instead.`));
      if (s.status === "paying") return err(fail("cart_locked", `${ref.tableName} is paying; wait until it has finished.`));
      const merged = mergeParts(this.state, pkg, s.nextSeq);
      Object.assign(this.state, merged.parts);
      s.nextSeq = merged.nextSeq;
      s.confirmed = [];
      s.lastActivityAt = now;
    }
    this.persistAll();
    this.store.recordImport(handoverId, this.state.session!.id, now);
    this.state.version++;
    this.store.setKv("version", this.state.version);
    this.broadcastSnapshots();
    this.pushFloor();
    this.scheduleAlarm(now);
    return { ok: true, v: this.state.version, sessionId: this.state.session!.id };
  }

  // ---------------------------------------------------------------- WebSockets

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({ error: { code: "upgrade_required", message: "Connect with a WebSocket." } }, { status: 426 });
    }
    const caller: Caller = {
      kind: "guest",
      sessionId: request.headers.get("x-tableside-session") ?? "",
      dinerId: request.headers.get("x-tableside-diner") ?? "",
    };
    await this.menu();
    const check = this.checkGuest(caller);
    if (!check.ok) return Response.json({ error: check.error }, { status: 410 });
    if (this.ctx.getWebSockets().length >= WS_LIMITS.maxSocketsPerTable) {
      return Response.json({ error: { code: "too_many_connections", message: "Too many devices are connected to this table." } }, { status: 429 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    const wasOnline = this.isOnline(caller.dinerId);
    this.ctx.acceptWebSocket(server, [`s:${caller.sessionId}`, `d:${caller.dinerId}`]);
    server.serializeAttachment({ sessionId: caller.sessionId, dinerId: caller.dinerId } satisfies SocketInfo);
    send(server, { type: "snapshot", v: this.state.version, you: caller.dinerId, view: this.view() });
    if (!wasOnline) this.emitDiner(caller.dinerId);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== "string") return ws.close(CLOSE.unsupported, "binary messages are not supported");
    if (message.length > WS_LIMITS.maxMessageBytes) return ws.close(CLOSE.tooBig, `message too big (limit ${WS_LIMITS.maxMessageBytes} bytes)`);
    let bucket = this.socketBuckets.get(ws);
    if (!bucket) this.socketBuckets.set(ws, (bucket = new TokenBucket(this.limit.burst, this.limit.perSecond)));
    if (!bucket.take()) return ws.close(CLOSE.policy, "too many messages; slow down");
    const parsed = parseClientMessage(message);
    if (!parsed.ok) {
      send(ws, { type: "error", id: null, code: "invalid_message", message: parsed.reason });
      return ws.close(CLOSE.invalid, parsed.reason);
    }
    const info = socketInfo(ws);
    if (!info) return ws.close(CLOSE.sessionEnded, "session closed");
    const caller: Caller = { kind: "guest", sessionId: info.sessionId, dinerId: info.dinerId };
    const m = parsed.message;
    switch (m.type) {
      case "sync":
        await this.menu();
        return send(ws, { type: "snapshot", v: this.state.version, you: info.dinerId, view: this.view() });
      case "echo":
        return send(ws, { type: "echo", id: m.id, data: m.data, at: Date.now() });
      case "op":
        return this.answer(ws, m.id, await this.apply(caller, m.op, m.id));
      case "submit":
        return this.answer(ws, m.id, await this.submit(caller, m.id));
      case "call":
        return this.answer(ws, m.id, await this.call(caller, m.kind, m.note ?? "", m.id));
      case "rename":
        return this.answer(ws, m.id, await this.rename(caller, m.name));
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    const info = socketInfo(ws);
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
    if (info && this.state.session?.id === info.sessionId && !this.isOnline(info.dinerId, ws)) this.emitDiner(info.dinerId, ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, 1011, "error");
  }

  // ---------------------------------------------------------------- alarm

  /**
   * Runs the outbox, finishes a pending handover, closes an idle session, retries the floor push.
   * Safe to run twice, and it never throws: a throwing alarm is retried only a few times by the
   * runtime and then dropped, which would strand the session and its outbox. Instead every run
   * sets the next alarm.
   */
  override async alarm(): Promise<void> {
    this.alarmAt = null;
    let notBefore = Date.now();
    try {
      await this.drainOutbox();
      // An unfinished move or merge: importing again is harmless (the target keys it by id).
      if (this.handover) await this.driveHandover();
      if (!(await this.closeIfIdle(Date.now()))) notBefore += ALARM_RETRY_MS; // busy moving: soon again
      if (this.store.getKv<boolean>("floor_dirty")) this.pushFloor();
      this.store.pruneApplied(Date.now() - APPLIED_TTL_MS);
      this.store.pruneImported(Date.now() - IMPORTED_TTL_MS);
    } catch (e) {
      console.error("table alarm failed; will run again", String(e));
      notBefore = Date.now() + ALARM_RETRY_MS;
    }
    this.scheduleAlarm(notBefore);
  }

  /** Closes the session if it has been idle too long; false when it is due but cannot close now. */
  private async closeIfIdle(now: number): Promise<boolean> {
    const due = this.idleDeadline();
    if (due === null || now < due) return true;
    if (this.moving) return false;
    await this.close(this.state.rounds.length ? "idle_expired" : "idle_expired_empty");
    return true;
  }

  /** When the session expires unless something happens: long with an unpaid order, short without. */
  private idleDeadline(): number | null {
    const s = this.state.session;
    return s ? s.lastActivityAt + (this.state.rounds.length ? IDLE_MS : EMPTY_IDLE_MS) : null;
  }

  /**
   * Writes the outbox entries to D1, oldest first; a failed one is retried later with back-off
   * (the alarm is set for the earliest retry, and then every entry is tried again).
   */
  async drainOutbox(): Promise<{ written: number; failed: number }> {
    if (this.draining) return { written: 0, failed: 0 };
    this.draining = true;
    let written = 0;
    let failed = 0;
    try {
      const db = createDb(this.env.DB);
      for (const entry of this.store.outbox(50)) {
        try {
          await writeOutboxEntry(db, entry);
          this.store.outboxDone(entry.seq);
          written++;
        } catch (e) {
          const delay = OUTBOX_BACKOFF_MS[Math.min(entry.attempts, OUTBOX_BACKOFF_MS.length - 1)]!;
          this.store.outboxFailed(entry.seq, String(e), Date.now() + delay);
          failed++;
          console.warn("outbox write failed; will retry", entry.key, String(e));
        }
      }
    } finally {
      this.draining = false;
    }
    return { written, failed };
  }

  // ---------------------------------------------------------------- internals

  private view(): TableView {
    return tableView(this.state, this.menus.current, (id) => this.isOnline(id), Date.now());
  }

  private setRef(ref: TableRef): void {
    const cur = this.state.ref;
    if (cur && cur.tableId === ref.tableId && cur.tableName === ref.tableName && cur.storeId === ref.storeId && cur.merchantId === ref.merchantId) return;
    this.state.ref = { merchantId: ref.merchantId, storeId: ref.storeId, tableId: ref.tableId, tableName: ref.tableName };
    this.store.setKv("ref", this.state.ref);
  }

  private openSession(by: "guest" | "staff", requireAllConfirm: boolean, currency: string): void {
    const now = Date.now();
    const session: SessionRecord = {
      id: newId("ses"),
      status: "open",
      openedAt: now,
      openedBy: by,
      lastActivityAt: now,
      nextRoundNo: 1,
      nextSeq: 1,
      currency,
      requireAllConfirm,
      confirmed: [],
    };
    this.state.session = session;
    this.state.diners = [];
    this.state.lines = [];
    this.state.rounds = [];
    this.state.items = [];
    this.state.calls = [];
    this.saveSession();
    this.state.version++;
    this.store.setKv("version", this.state.version);
    this.scheduleAlarm(now);
    this.pushFloor();
  }

  private endSession(s: SessionRecord, last: ServerMessage | null, code: number, reason: string): void {
    for (const ws of this.ctx.getWebSockets(`s:${s.id}`)) {
      if (last) send(ws, last);
      try {
        ws.close(code, reason);
      } catch {
        // already closed
      }
    }
    this.store.deleteSession(s.id);
    this.state.session = null;
    this.state.diners = [];
    this.state.lines = [];
    this.state.rounds = [];
    this.state.items = [];
    this.state.calls = [];
    this.store.setKv("session", null);
    this.state.version++;
    this.store.setKv("version", this.state.version);
    this.pushFloor();
    this.scheduleAlarm(Date.now());
  }

  private enqueueClosed(s: SessionRecord, reason: string, now: number, total: number, menu: MenuSnapshot | undefined): void {
    this.store.enqueue("session_closed", `session:${s.id}`, closedRecord(this.state.ref!, this.state, s, reason, total, menu, now), now);
    this.scheduleAlarm(now);
  }

  private persistAll(): void {
    const s = this.state.session!;
    this.saveSession();
    for (const d of this.state.diners) this.store.putDiner(s.id, d);
    for (const l of this.state.lines) this.store.putLine(s.id, l);
    for (const r of this.state.rounds) this.store.putRound(s.id, r);
    this.state.items.forEach((item, pos) => this.store.putItem(s.id, item, pos));
    for (const c of this.state.calls) this.store.putCall(s.id, c);
  }

  private saveSession(): void {
    this.store.setKv("session", this.state.session);
  }

  private updateItem(item: LiveState["items"][number], status: LiveState["items"][number]["status"]): Reply<{ state: string }> {
    const s = this.state.session!;
    const pos = this.state.items.indexOf(item);
    const next = { ...item, status, updatedAt: Date.now() };
    this.state.items[pos] = next;
    this.store.putItem(s.id, next, pos);
    this.emit({ type: "item", item: itemView(next) });
    this.pushFloor();
    return { ok: true, v: this.state.version, state: status.state };
  }

  /** A guest's token must name the current session and a diner of it. */
  private checkGuest(caller: Extract<Caller, { kind: "guest" }>): Result<SessionRecord> {
    const s = this.state.session;
    if (!s || s.id !== caller.sessionId || !this.state.diners.some((d) => d.id === caller.dinerId)) {
      const moved = this.store.movedTo(caller.sessionId);
      return fail("session_ended", moved ? "This table's order moved to another table." : "This table's session has ended; scan the code again.", moved ? { movedTo: moved } : undefined);
    }
    return ok(s);
  }

  private actor(caller: Caller): Result<{ session: SessionRecord; actor: Actor }> {
    if (this.moving) return fail("cart_locked", "Staff are moving this table; try again in a moment.");
    if (caller.kind === "guest") {
      const s = this.checkGuest(caller);
      if (!s.ok) return s;
      return ok({ session: s.value, actor: { dinerId: caller.dinerId, staff: false } });
    }
    const s = this.state.session;
    if (!s) return fail("table_free", "This table has no open session; open it first.");
    const dinerId = staffDinerId(caller.userId);
    if (!this.state.diners.some((d) => d.id === dinerId)) {
      const diner: Diner = { id: dinerId, name: caller.name || "Staff", staff: true, joinedAt: Date.now() };
      this.state.diners.push(diner);
      this.store.putDiner(s.id, diner);
      this.emit({ type: "diner", diner: dinerView(diner, false) });
    }
    return ok({ session: s, actor: { dinerId, staff: true } });
  }

  private rateLimit(caller: Caller): Reply<never> | null {
    if (caller.kind === "staff") this.setRef(caller.ref);
    const key = caller.kind === "guest" ? caller.dinerId : caller.userId;
    let bucket = this.dinerBuckets.get(key);
    if (!bucket) {
      if (this.dinerBuckets.size > 500) this.dinerBuckets.clear();
      this.dinerBuckets.set(key, (bucket = new TokenBucket(this.limit.burst, this.limit.perSecond)));
    }
    return bucket.take() ? null : err(fail("rate_limited", "Too many changes at once; wait a moment."));
  }

  private dinerName(id: string): string {
    return this.state.diners.find((d) => d.id === id)?.name ?? "";
  }

  private isOnline(dinerId: string, except?: WebSocket): boolean {
    return this.ctx.getWebSockets(`d:${dinerId}`).some((ws) => ws !== except && ws.readyState === WebSocket.OPEN);
  }

  private emitDiner(dinerId: string, except?: WebSocket): void {
    const diner = this.state.diners.find((d) => d.id === dinerId);
    if (diner) this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(dinerId, except)) });
  }

  /** Bumps the version, stores it, and sends the event to every socket of the current session. */
  private emit(event: TableEvent): void {
    this.state.version++;
    this.store.setKv("version", this.state.version);
    const s = this.state.session;
    if (!s) return;
    const text = JSON.stringify({ type: "event", v: this.state.version, event } satisfies ServerMessage);
    for (const ws of this.ctx.getWebSockets(`s:${s.id}`)) {
      try {
        ws.send(text);
      } catch {
        // closing socket
      }
    }
  }

  private broadcastSnapshots(): void {
    const s = this.state.session;
    if (!s) return;
    const view = this.view();
    for (const ws of this.ctx.getWebSockets(`s:${s.id}`)) {
      send(ws, { type: "snapshot", v: this.state.version, you: socketInfo(ws)?.dinerId ?? "", view });
    }
  }

  private answer(ws: WebSocket, id: string, reply: Reply<object>): void {
    if (reply.ok) send(ws, { type: "ack", id, v: reply.v });
    else send(ws, { type: "error", id, code: reply.error.code, message: reply.error.message, details: reply.error.details });
  }

  /** Store settings needed when a session opens; a D1 failure falls back to defaults. */
  private async storeSettings(): Promise<{ requireAllConfirm: boolean; currency: string | null }> {
    const ref = this.state.ref!;
    try {
      const scope = new TenantScope(createDb(this.env.DB), ref.merchantId);
      const row = await scope.first(stores, eq(stores.id, ref.storeId));
      return { requireAllConfirm: row?.requireAllConfirm ?? false, currency: row?.currency ?? null };
    } catch {
      return { requireAllConfirm: false, currency: null };
    }
  }

  private menu(fresh = false): Promise<MenuIndex | null> {
    return this.menus.get(this.state.ref, fresh);
  }

  /**
   * Cart edits matter less to staff than rounds and calls, and come in bursts: their card goes
   * out at most once per CART_FLOOR_DELAY_MS (a lost timer only delays it to the next change).
   */
  private pushFloorSoon(): void {
    this.floorTimer ??= setTimeout(() => {
      this.floorTimer = null;
      this.pushFloor();
    }, CART_FLOOR_DELAY_MS);
  }

  /** Tells the store's floor object about this table; coalesces bursts, retries by alarm. */
  private pushFloor(): void {
    if (!this.state.ref) return;
    this.floorQueued = true;
    if (!this.floorBusy) void this.drainFloor();
  }

  private async drainFloor(): Promise<void> {
    this.floorBusy = true;
    try {
      while (this.floorQueued) {
        this.floorQueued = false;
        const ref = this.state.ref!;
        try {
          await this.env.FLOOR.getByName(floorName(ref.merchantId, ref.storeId)).update(ref.merchantId, ref.storeId, tableCard(this.state, Date.now()));
          if (this.store.getKv("floor_dirty")) this.store.setKv("floor_dirty", null);
        } catch (e) {
          console.warn("floor update failed; will retry", String(e));
          this.store.setKv("floor_dirty", true);
          this.scheduleAlarm(Date.now(), Date.now() + FLOOR_RETRY_MS);
          return;
        }
      }
    } finally {
      this.floorBusy = false;
    }
  }

  /** One alarm covers the outbox, the idle deadline and floor retries: the earliest wins. */
  private scheduleAlarm(notBefore: number, extra?: number): void {
    const candidates: number[] = [];
    const next = this.store.nextOutboxAt();
    if (next !== null) candidates.push(next);
    const idle = this.idleDeadline();
    if (idle !== null) candidates.push(idle);
    if (extra !== undefined) candidates.push(extra);
    if (this.handover) candidates.push(this.handover.nextAt);
    if (candidates.length === 0) return;
    const at = Math.max(Math.min(...candidates), notBefore);
    // An earlier alarm is already set; when it runs it schedules the next one.
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }
}

function socketInfo(ws: WebSocket): SocketInfo | null {
  return (ws.deserializeAttachment() as SocketInfo | null) ?? null;
}

function send(ws: WebSocket, message: ServerMessage): void {
  try {
    ws.send(JSON.stringify(message));
  } catch {
    // the socket is closing; the client resyncs when it reconnects
  }
}

const err = (r: Failure): Failure => ({ ok: false, error: r.error });
