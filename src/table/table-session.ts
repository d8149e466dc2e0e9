import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { MenuSnapshot } from "../domain/menu/snapshot";
import { newId } from "../domain/ids";
import { fail, ok, type Failure, type Result } from "../domain/cart/errors";
import { applyCartChange, applyCartOp, normalizeDinerName, type Actor, type CartOp } from "../domain/cart/ops";
import { CART_LIMITS } from "../domain/cart/limits";
import type { MenuIndex } from "../domain/cart/pricing";
import { placeCall, type CallKind } from "../domain/table/calls";
import { itemsTotal, type ActiveItemState } from "../domain/table/items";
import { cartEditable, type LifecycleEvent } from "../domain/table/lifecycle";
import { buildRound } from "../domain/table/rounds";
import { lineConfirmers, stillToConfirm } from "../domain/table/confirm";
import { checkShown, priceLines, pricesDiffer, type ShownCart } from "../domain/cart/shown";
import { guestMenuState } from "../domain/cart/menu-state";
import {
  ADMISSION_LIMITS,
  answerRequest,
  askToJoin,
  bump,
  countOf,
  decideJoin,
  joinCodeMatches,
  newJoinCode,
  pendingRequests,
  pruneRequests,
  requestStatus,
  type Counters,
  type JoinRequestStatus,
} from "../domain/table/admission";
import { afterImport, beginHandover, mergeParts, type Handover, type HandoverMode, type ImportAnswer } from "../domain/table/handover";
import { CLOSE, WS_LIMITS, type PausedReason, type ServerMessage, type TableEvent, type TableView } from "./protocol";
import { TableStore, type Diner, type DoorCall, type LiveState, type SessionParts, type SessionRecord, type TableRef } from "./store";
import { copyParts, emptyParts } from "./parts";
import { accessView, callView, dinerView, lineView, roundView, tableCard, tableView } from "./view";
import { parseClientMessage } from "./validate";
import { TokenBucket } from "../live/rate";
import { accept, answerPings, attachmentOf, broadcast, closeQuietly, send as sendAny, SocketGate, tooManyConnections, upgradeRequired } from "../live/sockets";
import { signTableToken } from "./token";
import { TableMenu } from "./menu-cache";
import { staffAlias } from "./staff-alias";
import { bumpVersion, refuseWhileMoving, type Reply, type TableContext } from "./commands/context";
import * as door from "./commands/door";
import * as kitchen from "./commands/kitchen";
import { SettingsCache, type StoreSettings } from "./settings";
import { Outbox } from "./outbox";
import { FloorPush } from "./floor-push";
import { Deadlines, type DueTimes } from "./deadlines";
import { closedRecord, roundRecord } from "./ledger";

/** Who is asking: a diner (with the session its token names) or a signed-in staff member. */
export type Caller =
  | { kind: "guest"; sessionId: string; dinerId: string }
  /** Staff come through routes that looked the table up, so they name it. */
  | { kind: "staff"; userId: string; name: string; ref: TableRef };

export type { Reply };

/** A whole session handed from one table object to another (staff move or merge tables; see `moveTo`). */
export interface SessionPackage extends SessionParts {
  session: SessionRecord;
}

interface SocketInfo {
  sessionId: string;
  dinerId: string;
  /** When the socket was accepted: the oldest of a diner's sockets is closed first. */
  at?: number;
}

/** What a scan gets: a seat (and the view), or a request the party answers (and nothing else). */
export type JoinAnswer =
  | { seated: true; sessionId: string; view: TableView }
  | { seated: false; sessionId: string; requestId: string; expiresAt: number; tableName: string };

/** What the waiting device learns; the view only once it is let in. */
export type RequestAnswer =
  | { status: "admitted"; sessionId: string; view: TableView }
  | { status: Exclude<JoinRequestStatus, "admitted"> | "closed"; expiresAt: number };

/** A session nobody ordered in closes after this long without activity… */
export const EMPTY_IDLE_MS = 45 * 60_000;
/** …and one with rounds (an unpaid bill, presumably) after this long. */
export const IDLE_MS = 6 * 3600_000;
const APPLIED_TTL_MS = 24 * 3600_000;
/** How long a target remembers an imported handover (a source retries far sooner than this). */
const IMPORTED_TTL_MS = 7 * 24 * 3600_000;

/** Guests see diner ids: a staff member's is an alias, never their user id (see staff-alias.ts). */
export const staffDinerId = (userId: string) => `stf_${staffAlias(userId)}`;

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
  private readonly deadlines: Deadlines;
  /** What the command modules (./commands) use of this object. */
  private readonly t: TableContext;
  /** A move or merge this table started and has not finished (kept in storage; freezes the session). */
  private handover: Handover | null = null;
  /** A call to the target is under way (the alarm and a staff request must not both drive it). */
  private handing = false;
  private get moving(): boolean {
    return this.handover !== null;
  }
  private readonly gate: SocketGate;
  private readonly dinerBuckets = new Map<string, TokenBucket>();
  private readonly settingsCache: SettingsCache;
  private readonly outbox: Outbox;
  private readonly floor: FloorPush;
  /** New join requests (and, in open mode, new seats) at this table. */
  private readonly joinBucket = new TokenBucket(ADMISSION_LIMITS.joinBurst, ADMISSION_LIMITS.joinPerSecond);

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new TableStore(ctx.storage.sql);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.t = {
      get state() {
        return self.state;
      },
      store: this.store,
      get moving() {
        return self.moving;
      },
      emit: (event) => this.emit(event),
      pushFloor: () => this.pushFloor(),
      saveSession: () => this.saveSession(),
      dropDoorCalls: (which) => this.dropDoorCalls(which),
      emitAccess: () => this.emitAccess(),
    };
    this.settingsCache = new SettingsCache(env.DB, (paused) => this.setPaused(paused));
    this.outbox = new Outbox(env, this.store);
    this.floor = new FloorPush(env, this.store, () => ({ ref: this.state.ref, card: () => tableCard(this.state, Date.now()) }), (at) =>
      this.scheduleAlarm(Date.now(), { floorRetry: at }),
    );
    this.deadlines = new Deadlines(ctx.storage, () => ({
      outbox: this.store.nextOutboxAt(),
      idle: this.idleDeadline(),
      handover: this.handover?.nextAt ?? null,
      joinRequests: pendingRequests(this.state.requests, Date.now()).map((r) => r.expiresAt),
    }));
    this.gate = new SocketGate(env.TABLE_RATE_LIMIT, WS_LIMITS, (max) => `message too big (limit ${max} bytes)`);
    void ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      this.state = this.store.load();
      this.handover = this.store.getKv<Handover>("handover");
      if (this.state.session && !this.state.session.joinCode) {
        this.state.session.joinCode = newJoinCode();
        this.saveSession();
      }
      this.menus = new TableMenu(env.DB, this.store, (before, after) => this.onMenuChange(before, after));
      // Whatever wakes the object re-arms a missing alarm while there is a session or an outbox.
      await this.deadlines.load(Date.now());
    });
    answerPings(ctx);
  }

  // ---------------------------------------------------------------- guest RPC

  /**
   * A device scans the table. A free table: it opens the session and is seated. A session with
   * guests (party admission): the device is seated only if it is one of them or brings the join
   * code; otherwise it gets a pending request and nothing of the session but the table's name.
   */
  async join(ref: TableRef, dinerId: string, opts: { name?: string; ip?: string; joinCode?: string } = {}): Promise<Reply<JoinAnswer>> {
    this.setRef(ref);
    const menu = await this.menu();
    const frozen = refuseWhileMoving(this.t, "guest");
    if (frozen) return frozen;
    // The alarm closes idle sessions; should it be late, the next party still never joins one.
    await this.closeIfIdle(Date.now());
    const settings = await this.settings();
    if (!this.state.session) {
      if (!this.joinBucket.take()) return err(tooManyJoins());
      if (!this.state.session) this.openSession("guest", settings, menu?.menu.currency ?? "");
      return this.seat(dinerId, opts.name);
    }
    const session = this.state.session;
    const alreadyDiner = this.state.diners.some((d) => d.id === dinerId);
    if (!alreadyDiner && opts.joinCode) return this.enterCode(dinerId, opts.ip ?? "", opts.joinCode, opts.name);
    const guests = this.state.diners.filter((d) => !d.staff).length;
    if (decideJoin({ admission: settings.admission, hasSession: true, alreadyDiner, guests }) === "seat") {
      if (!alreadyDiner && !this.joinBucket.take()) return err(tooManyJoins());
      return this.seat(dinerId, opts.name);
    }
    const now = Date.now();
    const wanted = opts.name ? normalizeDinerName(opts.name) : null;
    const asked = askToJoin(this.state.requests, { id: newId("jrq"), sessionId: session.id, dinerId, name: wanted?.ok ? wanted.value : "", ip: opts.ip ?? "" }, now);
    if (!asked.ok) return err(asked);
    if (asked.value.created && !this.joinBucket.take()) return err(tooManyJoins());
    this.setRequests(asked.value.list);
    const r = asked.value.request;
    this.scheduleAlarm(now); // the request's expiry takes it off the prompts and the board
    return { ok: true, v: this.state.version, seated: false, sessionId: session.id, requestId: r.id, expiresAt: r.expiresAt, tableName: this.state.ref?.tableName ?? "" };
  }

  /** The waiting device asks what became of its request; once admitted it gets the view. */
  async requestState(dinerId: string, requestId: string, sessionId: string): Promise<Reply<RequestAnswer>> {
    const now = Date.now();
    const s = this.state.session;
    if (s && s.id === sessionId && this.state.diners.some((d) => d.id === dinerId)) {
      await this.menu();
      return { ok: true, v: this.state.version, status: "admitted", sessionId: s.id, view: this.view() };
    }
    const r = this.state.requests.find((x) => x.id === requestId && x.dinerId === dinerId);
    // The session was closed (staff reset the table): scanning again opens the table anew.
    if (!s || s.id !== sessionId) return { ok: true, v: this.state.version, status: "closed", expiresAt: now };
    if (!r) return { ok: true, v: this.state.version, status: "expired", expiresAt: now };
    const status = requestStatus(r, now);
    return { ok: true, v: this.state.version, status: status === "admitted" ? "expired" : status, expiresAt: r.expiresAt };
  }

  /**
   * A newcomer types the session's join code. Wrong codes are counted per device, per address
   * and per table; past a limit code entry is locked for a while (the party can still let the
   * device in with a tap, and staff can too).
   */
  async enterCode(dinerId: string, ip: string, code: string, name?: string): Promise<Reply<JoinAnswer>> {
    const s = this.state.session;
    if (!s) return err(fail("session_ended", "This table's session has ended; scan the code again."));
    if (this.state.diners.some((d) => d.id === dinerId)) return this.seat(dinerId);
    const now = Date.now();
    const L = ADMISSION_LIMITS;
    const counters = this.store.getKv<Counters>("code_attempts") ?? {};
    const keys = [`dev:${dinerId}`, `ip:${ip}`, "table"];
    const limits = [L.wrongCodesPerDevice, L.wrongCodesPerAddress, L.wrongCodesPerTable];
    if (keys.some((k, i) => countOf(counters, k, L.wrongCodeWindowMs, now) >= limits[i]!)) {
      return err(fail("join_locked", "Too many wrong codes. Ask someone at the table to tap “Let in”, or ask the staff."));
    }
    if (!joinCodeMatches(code, s.joinCode)) {
      this.store.setKv("code_attempts", bump(counters, keys, L.wrongCodeWindowMs, now));
      const left = L.wrongCodesPerDevice - countOf(counters, keys[0]!, L.wrongCodeWindowMs, now) - 1;
      return err(fail("wrong_join_code", "That is not this table's code. Check the code on a phone at the table.", { attemptsLeft: Math.max(0, left) }));
    }
    const seated = this.seat(dinerId, name);
    if (seated.ok) this.settleRequestsOf(dinerId, true, "code");
    return seated;
  }

  /** A seated diner (or staff) lets a waiting device in, or not. */
  async answerJoin(caller: Caller, requestId: string, admit: boolean): Promise<Reply> {
    let by: string;
    if (caller.kind === "guest") {
      const check = this.checkGuest(caller);
      if (!check.ok) return err(check);
      by = caller.dinerId;
    } else {
      this.setRef(caller.ref);
      if (!this.state.session) return err(fail("table_free", "This table has no open session."));
      by = staffDinerId(caller.userId);
    }
    const now = Date.now();
    const answered = answerRequest(this.state.requests, requestId, admit, by, now);
    if (!answered.ok) return err(answered);
    const r = answered.value.request;
    if (!answered.value.fresh) return { ok: true, v: this.state.version }; // answered already
    if (admit) {
      const seated = this.seat(r.dinerId, r.name || undefined);
      if (!seated.ok) return err(seated);
    }
    this.setRequests(answered.value.list);
    this.dropDoorCalls((c) => c.requestId === requestId);
    return { ok: true, v: this.state.version };
  }

  /** The waiting device asks the staff for help (e.g. the session was opened by someone not at the table). */
  async askHelp(dinerId: string, requestId: string): Promise<Reply> {
    return door.askHelp(this.t, dinerId, requestId);
  }

  /** Someone without JavaScript presses "Call a waiter" on the table page: shown on the board. */
  async doorCall(ref: TableRef, ip: string): Promise<Reply> {
    this.setRef(ref);
    return door.doorCall(this.t, ip);
  }

  /**
   * The store changed (suspended, closed, reopened, settings or menu edited): re-read it now.
   * Called by the store's floor object, which the control plane tells (see /work/notes/fanout.md).
   */
  async storeChanged(): Promise<{ paused: PausedReason | null }> {
    if (!this.state.ref) return { paused: this.state.paused };
    await this.settings(true);
    await this.menu(true);
    return { paused: this.state.paused };
  }

  /** Whether this device is seated in the table's current session (a rotated code lets it back in). */
  async isSeated(dinerId: string): Promise<boolean> {
    return this.state.session !== null && this.state.diners.some((d) => d.id === dinerId && !d.staff);
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
    const limited = this.rateLimit(caller) ?? (await this.pausedRefusal(caller));
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
    if (change.kind === "remove") this.store.remove("lines", change.lineId);
    else this.store.put("lines", session.id, change.line);
    this.saveSession();
    this.emit(change.kind === "remove" ? { type: "line_removed", lineId: change.lineId } : { type: "line", line: lineView(change.line, menu, now) });
    this.floor.pushSoon();
    return { ok: true, v: this.state.version, lineId: change.kind === "remove" ? change.lineId : change.line.id };
  }

  /**
   * Sends the cart to the kitchen as a round. With "every diner confirms", a diner's submit is a
   * confirmation until everyone it concerns has confirmed (see domain/table/confirm). Sold-out
   * dishes are checked against a fresh read of the menu and refuse the whole round.
   */
  async submit(caller: Caller, requestId?: string, staffConfirmed = false, shown?: ShownCart): Promise<Reply<{ roundId: string | null; waitingFor: string[]; awaitingStaff?: boolean }>> {
    const limited = this.rateLimit(caller) ?? (await this.pausedRefusal(caller));
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
    // The send carries what the sender's page showed: a round never charges anything else.
    if (shown) {
      const seen = checkShown(priceLines(this.state.lines, menu, now), shown, session.currency);
      if (!seen.ok) return err(seen);
    }

    if (session.requireAllConfirm && !actor.staff && !staffConfirmed && this.state.lines.length > 0) {
      const confirmed = session.confirmed.includes(actor.dinerId) ? session.confirmed : [...session.confirmed, actor.dinerId];
      const present = this.state.diners.filter((d) => !d.staff && this.isOnline(d.id)).map((d) => d.id);
      const waitingFor = stillToConfirm(lineConfirmers(this.state.lines, (id) => this.state.diners.some((d) => d.id === id && d.staff)), present, confirmed);
      if (waitingFor.length > 0) {
        session.confirmed = confirmed;
        session.lastActivityAt = now;
        if (key) this.store.markApplied(key, now);
        this.saveSession();
        this.emit({ type: "confirmed", dinerIds: confirmed });
        return { ok: true, v: this.state.version, roundId: null, waitingFor };
      }
    }

    // A session a guest opened may have to wait for staff before its first round goes out.
    if (session.holdFirstRound && !actor.staff && !staffConfirmed && this.state.rounds.length === 0 && this.state.lines.length > 0) {
      if (!session.awaitingStaff) {
        session.awaitingStaff = { by: actor.dinerId, at: now };
        session.lastActivityAt = now;
        this.saveSession();
        this.emitAccess();
        this.pushFloor();
      }
      if (key) this.store.markApplied(key, now);
      return { ok: true, v: this.state.version, roundId: null, waitingFor: [], awaitingStaff: true };
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
    for (const id of removedLineIds) this.store.remove("lines", id);
    this.state.lines = [];
    this.state.rounds.push(round);
    this.store.put("rounds", session.id, round);
    for (const item of items) {
      this.store.put("items", session.id, item, this.state.items.length);
      this.state.items.push(item);
    }
    session.nextRoundNo++;
    session.confirmed = [];
    session.lastActivityAt = now;
    const released = session.awaitingStaff !== null;
    session.awaitingStaff = null;
    const resumed = session.status === "bill_requested";
    if (resumed) session.status = "open";
    if (key) this.store.markApplied(key, now);
    this.saveSession();
    this.store.enqueue("round", `round:${round.id}`, roundRecord(this.state.ref!, session, round, ledgerLines, items, menu.menu), now);
    this.scheduleAlarm(now);

    this.emit({ type: "round", round: roundView(round, this.state.items, this.state.rounds.length), removedLineIds });
    if (resumed) this.emit({ type: "status", status: "open" });
    if (released) this.emitAccess();
    this.pushFloor();
    return { ok: true, v: this.state.version, roundId: round.id, waitingFor: [] };
  }

  async call(caller: Caller, kind: CallKind, note = "", requestId?: string): Promise<Reply<{ callId: string }>> {
    const limited = this.rateLimit(caller) ?? (await this.pausedRefusal(caller));
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
    this.store.put("calls", session.id, call);
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
      this.store.put("diners", who.value.session.id, diner);
      this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(diner.id)) });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version };
  }

  // ---------------------------------------------------------------- menu changes

  /** The store's floor object pushes each menu change as it is written (see StoreFloor.menuChanged). */
  async menuUpdated(menu: MenuSnapshot): Promise<{ changed: boolean }> {
    return { changed: this.menus.push(menu) };
  }

  /**
   * The menu changed: open pages get the new dish prices and availability, and a fresh view (cart
   * lines re-priced and marked, sold-out lines flagged). Confirmations given at the old prices
   * no longer count.
   */
  private onMenuChange(before: MenuIndex | null, after: MenuIndex): void {
    const s = this.state.session;
    if (!s) return;
    const now = Date.now();
    if (s.confirmed.length && before && pricesDiffer(this.state.lines, before, after, now)) {
      s.confirmed = [];
      this.saveSession();
    }
    this.state.version++;
    this.store.setKv("version", this.state.version);
    for (const ws of this.ctx.getWebSockets(`s:${s.id}`)) this.sendMenu(ws, after);
    this.broadcastSnapshots();
  }

  /** Dish prices and availability for the page's dish cards (no staff-only dishes). */
  private sendMenu(ws: WebSocket, menu: MenuIndex | null = this.menus.current): void {
    if (menu) send(ws, { type: "menu", menu: guestMenuState(menu.menu, Date.now()) });
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
    const settings = await this.settings();
    const menu = await this.menu();
    if (this.state.session) return err(fail("table_busy", "This table already has an open session."));
    this.openSession("staff", settings, menu?.menu.currency ?? "");
    return { ok: true, v: this.state.version, sessionId: this.state.session!.id };
  }

  /** Staff confirm the first round a guest asked for (store setting "confirm first round"). */
  async confirmFirstRound(ref: TableRef): Promise<Reply<{ roundId: string | null }>> {
    this.setRef(ref);
    const s = this.state.session;
    if (!s?.awaitingStaff) return err(fail("invalid_transition", "No round is waiting for a confirmation at this table."));
    const by = s.awaitingStaff.by;
    const dinerId = this.state.diners.some((d) => d.id === by) ? by : (this.state.diners.find((d) => !d.staff)?.id ?? by);
    const r = await this.submit({ kind: "guest", sessionId: s.id, dinerId }, undefined, true);
    if (!r.ok && r.error.code === "cart_empty" && s.awaitingStaff) {
      s.awaitingStaff = null;
      this.saveSession();
      this.emitAccess();
      this.pushFloor();
    }
    return r.ok ? { ok: true, v: r.v, roundId: r.roundId } : r;
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

  /**
   * Ends the session: the ledger gets its final record through the outbox, every diner's socket
   * is told and closed, and the session's rows are deleted so the next party starts empty.
   */
  async close(reason: string): Promise<Reply<{ sessionId: string }>> {
    const s = this.state.session;
    if (!s) return err(fail("table_free", "This table has no open session."));
    const frozen = refuseWhileMoving(this.t, "guest");
    if (frozen) return frozen;
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
    this.scheduleAlarm(Date.now(), { handover: this.handover.nextAt });
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
    return { session: this.state.session!, ...copyParts(this.state) };
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
      Object.assign(this.state, copyParts(pkg));
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
    const notUpgrade = upgradeRequired(request);
    if (notUpgrade) return notUpgrade;
    const caller: Caller = {
      kind: "guest",
      sessionId: request.headers.get("x-tableside-session") ?? "",
      dinerId: request.headers.get("x-tableside-diner") ?? "",
    };
    await this.menu();
    const check = this.checkGuest(caller);
    if (!check.ok) return Response.json({ error: check.error }, { status: 410 });
    if (this.ctx.getWebSockets().length >= WS_LIMITS.maxSocketsPerTable) {
      return tooManyConnections("Too many devices are connected to this table.");
    }
    // A few sockets per diner (a phone, a tab or two); one more closes the oldest, so one
    // token cannot take the table's socket budget from the other diners.
    const mine = this.ctx
      .getWebSockets(`d:${caller.dinerId}`)
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .sort((a, b) => (socketInfo(a)?.at ?? 0) - (socketInfo(b)?.at ?? 0));
    for (const old of mine.slice(0, Math.max(0, mine.length - WS_LIMITS.maxSocketsPerDiner + 1))) {
      closeQuietly(old, CLOSE.replaced, "opened on another screen; this one was closed");
    }
    const wasOnline = this.isOnline(caller.dinerId);
    const info: SocketInfo = { sessionId: caller.sessionId, dinerId: caller.dinerId, at: Date.now() };
    return accept(this.ctx, [`s:${caller.sessionId}`, `d:${caller.dinerId}`], info, (server) => {
      send(server, { type: "snapshot", v: this.state.version, you: caller.dinerId, view: this.view() });
      this.sendMenu(server);
      if (!wasOnline) this.emitDiner(caller.dinerId);
    });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const message = this.gate.admit(ws, raw);
    if (message === null) return;
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
      case "sync": {
        // A snapshot is the biggest thing a table sends: asking for one counts like any action.
        const limited = this.rateLimit(caller);
        if (limited && !limited.ok) return send(ws, { type: "error", id: null, code: limited.error.code, message: limited.error.message });
        await this.menu();
        return send(ws, { type: "snapshot", v: this.state.version, you: info.dinerId, view: this.view() });
      }
      case "echo":
        return send(ws, { type: "echo", id: m.id, data: m.data, at: Date.now() });
      case "op":
        return this.answer(ws, m.id, await this.apply(caller, m.op, m.id));
      case "submit":
        return this.answer(ws, m.id, await this.submit(caller, m.id, false, m.shown));
      case "call":
        return this.answer(ws, m.id, await this.call(caller, m.kind, m.note ?? "", m.id));
      case "rename":
        return this.answer(ws, m.id, await this.rename(caller, m.name));
      case "admit":
      case "decline":
        return this.answer(ws, m.id, await this.answerJoin(caller, m.requestId, m.type === "admit"));
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    const info = socketInfo(ws);
    closeQuietly(ws, code, reason);
    if (info && this.state.session?.id === info.sessionId && !this.isOnline(info.dinerId, ws)) this.emitDiner(info.dinerId, ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, 1011, "error");
  }

  // ---------------------------------------------------------------- alarm

  /** Runs the outbox, finishes a pending handover, closes an idle session, retries the floor push (see deadlines.ts). */
  override async alarm(): Promise<void> {
    await this.deadlines.run(async () => {
      await this.drainOutbox();
      // An unfinished move or merge: importing again is harmless (the target keys it by id).
      if (this.handover) await this.driveHandover();
      const closed = await this.closeIfIdle(Date.now()); // false: busy moving, soon again
      if (this.floor.dirty) this.pushFloor();
      // Requests nobody answered in time leave the diners' prompts and the board.
      this.setRequests(this.state.requests);
      this.store.pruneApplied(Date.now() - APPLIED_TTL_MS);
      this.store.pruneImported(Date.now() - IMPORTED_TTL_MS);
      return closed ? "done" : "later";
    });
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

  /** Writes what the ledger is owed (see outbox.ts); public so the tests can break it for a run. */
  async drainOutbox(): Promise<{ written: number; failed: number }> {
    return this.outbox.drain();
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

  private openSession(by: "guest" | "staff", settings: StoreSettings, menuCurrency: string): void {
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
    this.state.session = session;
    Object.assign(this.state, emptyParts());
    this.state.requests = [];
    this.store.setKv("requests", null);
    this.saveSession();
    this.state.version++;
    this.store.setKv("version", this.state.version);
    this.scheduleAlarm(now);
    this.pushFloor();
  }

  private endSession(s: SessionRecord, last: ServerMessage | null, code: number, reason: string): void {
    for (const ws of this.ctx.getWebSockets(`s:${s.id}`)) {
      if (last) send(ws, last);
      closeQuietly(ws, code, reason);
    }
    this.store.deleteSession(s.id);
    this.state.session = null;
    Object.assign(this.state, emptyParts());
    // Devices still waiting learn that the session is over ("closed") and scan again.
    this.state.requests = [];
    this.store.setKv("requests", null);
    this.dropDoorCalls((c) => c.kind === "help", false);
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
    this.store.putAll(s.id, this.state);
  }

  private saveSession(): void {
    this.store.setKv("session", this.state.session);
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
    const frozen = refuseWhileMoving(this.t, "guest");
    if (frozen) return frozen;
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
      this.store.put("diners", s.id, diner);
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
      this.dinerBuckets.set(key, (bucket = new TokenBucket(this.gate.limit.burst, this.gate.limit.perSecond)));
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
    broadcast(this.ctx.getWebSockets(`s:${s.id}`), { type: "event", v: this.state.version, event } satisfies ServerMessage);
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

  /** The store's settings (see settings.ts); a change of the pause is told to the diners and the board at once. */
  private settings(fresh = false): Promise<StoreSettings> {
    return this.settingsCache.get(this.state.ref, this.state.paused, fresh);
  }

  private setPaused(paused: PausedReason | null): void {
    if (this.state.paused === paused) return;
    this.state.paused = paused;
    this.store.setKv("paused", paused);
    this.emitAccess();
    this.pushFloor();
  }

  /** Guests may not add, send or call while the merchant is suspended or the store closed; staff may. */
  private async pausedRefusal(caller: Caller): Promise<Failure | null> {
    if (caller.kind !== "guest") return null;
    const { paused } = await this.settings();
    if (!paused) return null;
    return err(
      fail(
        paused,
        paused === "merchant_suspended"
          ? "This restaurant is not taking orders right now. Your table and order are kept; ask the staff."
          : "The restaurant is closed for orders right now. Your table and order are kept; ask the staff.",
      ),
    );
  }

  /** Seats a device in the current session (or finds it seated) and answers the view. */
  private seat(dinerId: string, name?: string): Reply<JoinAnswer> {
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
      this.store.put("diners", session.id, diner);
      session.lastActivityAt = diner.joinedAt;
      this.saveSession();
      this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(diner.id)) });
      this.pushFloor();
    }
    return { ok: true, v: this.state.version, seated: true, sessionId: session.id, view: this.view() };
  }

  private setRequests(list: LiveState["requests"]): void {
    // Compared on the stored list (not filtered by time) so that an expiry, too, is told.
    const unanswered = (l: LiveState["requests"]) => JSON.stringify(l.filter((r) => !r.answer).map((r) => [r.id, r.expiresAt]));
    const before = unanswered(this.state.requests);
    this.state.requests = pruneRequests(list, this.state.session?.id ?? null, Date.now());
    this.store.setKv("requests", this.state.requests.length ? this.state.requests : null);
    if (unanswered(this.state.requests) !== before) {
      this.emitAccess();
      this.pushFloor();
    }
  }

  /** A device got in another way (the code): its pending request is answered too. */
  private settleRequestsOf(dinerId: string, admitted: boolean, by: string): void {
    const now = Date.now();
    const mine = this.state.requests.filter((r) => r.dinerId === dinerId && !r.answer);
    if (!mine.length) return;
    this.setRequests(this.state.requests.map((r) => (mine.includes(r) ? { ...r, answer: { admitted, by, at: now } } : r)));
    this.dropDoorCalls((c) => mine.some((r) => r.id === c.requestId));
  }

  private dropDoorCalls(which: (c: DoorCall) => boolean, push = true): void {
    door.dropDoorCalls(this.t, which, push);
  }

  private bumpVersion(): void {
    bumpVersion(this.t);
  }

  private emitAccess(): void {
    this.emit({ type: "access", access: accessView(this.state, Date.now()) });
  }

  private menu(fresh = false): Promise<MenuIndex | null> {
    return this.menus.get(this.state.ref, fresh);
  }

  private pushFloor(): void {
    this.floor.push();
  }

  private scheduleAlarm(notBefore: number, also?: DueTimes): void {
    this.deadlines.schedule(notBefore, also);
  }
}

const socketInfo = (ws: WebSocket) => attachmentOf<SocketInfo>(ws);
const send = (ws: WebSocket, message: ServerMessage) => sendAny(ws, message);

const err = (r: Failure): Failure => ({ ok: false, error: r.error });

const { tooManyJoins } = door;
