/**
 * What every command of the table object works on: the session's state in memory and in its
 * storage, the caches it reads D1 through, and the effects a change has (events to the diners'
 * sockets, the card on the store's floor, the alarm). The commands (./commands) and the handover
 * (./handover.ts) are functions of this; TableSession wires it to the runtime.
 */
import type { Env } from "../env";
import { fail, ok, type Failure, type Result } from "../domain/cart/errors";
import type { Actor } from "../domain/cart/ops";
import type { MenuIndex } from "../domain/cart/pricing";
import { guestMenuState } from "../domain/cart/menu-state";
import { pricesDiffer } from "../domain/cart/shown";
import { ADMISSION_LIMITS, newJoinCode, pendingRequests } from "../domain/table/admission";
import type { Handover } from "../domain/table/handover";
import { idleDeadline } from "../domain/table/idle";
import { TokenBucket } from "../live/rate";
import { attachmentOf, broadcast, send as sendAny, SocketGate } from "../live/sockets";
import { err, refuseWhileMoving, type Reply } from "./commands/context";
import { Deadlines, type DueTimes } from "./deadlines";
import { FloorPush } from "./floor-push";
import { TableMenu } from "./menu-cache";
import { Outbox } from "./outbox";
import { WS_LIMITS, type BillView, type PausedReason, type ServerMessage, type TableEvent, type TableView } from "./protocol";
import { SettingsCache, type StoreSettings } from "./settings";
import { staffAlias } from "./staff-alias";
import { TableStore, type Diner, type DoorCall, type LiveState, type SessionRecord, type TableRef } from "./store";
import { accessView, dinerView, tableCard, tableView } from "./view";
import { billView, paymentCard, type PaymentSettings } from "./bill";

/** Who is asking: a diner (with the session its token names) or a signed-in staff member. */
export type Caller =
  | { kind: "guest"; sessionId: string; dinerId: string }
  /** Staff come through routes that looked the table up, so they name it. */
  | { kind: "staff"; userId: string; name: string; ref: TableRef };

/** What a socket remembers across hibernation. */
export interface SocketInfo {
  sessionId: string;
  dinerId: string;
  /** When the socket was accepted: the oldest of a diner's sockets is closed first. */
  at?: number;
}

/** Guests see diner ids: a staff member's is an alias, never their user id (see staff-alias.ts). */
export const staffDinerId = (userId: string) => `stf_${staffAlias(userId)}`;

export const socketInfo = (ws: WebSocket) => attachmentOf<SocketInfo>(ws);
export const send = (ws: WebSocket, message: ServerMessage) => sendAny(ws, message);

export class TableCore {
  readonly store: TableStore;
  state!: LiveState;
  menus!: TableMenu;
  /** A move or merge this table started and has not finished (kept in storage; freezes the session). */
  handover: Handover | null = null;
  readonly outbox: Outbox;
  readonly gate: SocketGate;
  /** New join requests (and, in open mode, new seats) at this table. */
  readonly joinBucket = new TokenBucket(ADMISSION_LIMITS.joinBurst, ADMISSION_LIMITS.joinPerSecond);
  private readonly deadlines: Deadlines;
  private readonly floor: FloorPush;
  private readonly settingsCache: SettingsCache;
  private readonly dinerBuckets = new Map<string, TokenBucket>();

  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Env,
  ) {
    this.store = new TableStore(ctx.storage.sql);
    this.settingsCache = new SettingsCache(env.DB, (paused) => this.setPaused(paused));
    this.outbox = new Outbox(env, this.store);
    this.floor = new FloorPush(env, this.store, () => ({ ref: this.state.ref, card: () => tableCard(this.state, Date.now(), paymentCard(this.state, this.paymentSettings)) }), (at) =>
      this.scheduleAlarm(Date.now(), { floorRetry: at }),
    );
    this.deadlines = new Deadlines(ctx.storage, () => ({
      outbox: this.store.nextOutboxAt(),
      idle: this.idleDeadline(),
      handover: this.handover?.nextAt ?? null,
      joinRequests: pendingRequests(this.state.requests, Date.now()).map((r) => r.expiresAt),
    }));
    this.gate = new SocketGate(env.TABLE_RATE_LIMIT, WS_LIMITS, (max) => `message too big (limit ${max} bytes)`);
  }

  /** Loads the state from storage (in the constructor, under blockConcurrencyWhile). */
  async load(): Promise<void> {
    this.store.migrate();
    this.state = this.store.load();
    this.handover = this.store.getKv<Handover>("handover");
    if (this.state.session && !this.state.session.joinCode) {
      this.state.session.joinCode = newJoinCode();
      this.saveSession();
    }
    this.menus = new TableMenu(this.env.DB, this.store, (before, after) => this.onMenuChange(before, after));
    // Whatever wakes the object re-arms a missing alarm while there is a session or an outbox.
    await this.deadlines.load(Date.now());
  }

  get moving(): boolean {
    return this.handover !== null;
  }

  setHandover(h: Handover | null): void {
    this.handover = h;
    this.store.setKv("handover", h);
  }

  // ------------------------------------------------------------ reading

  view(): TableView {
    return tableView(this.state, this.menus.current, (id) => this.isOnline(id), Date.now(), this.bill());
  }

  /** The open bill as the diners see it (null before anything was sent to the kitchen). */
  bill(): BillView | null {
    return billView(this.state, this.paymentSettings, this.menus.current?.menu);
  }

  /** The store's payment settings as last read (call `settings()` first where they must be fresh). */
  get paymentSettings(): PaymentSettings {
    return this.settingsCache.payment;
  }

  menu(fresh = false): Promise<MenuIndex | null> {
    return this.menus.get(this.state.ref, fresh);
  }

  /** The store's settings (see settings.ts); a change of the pause is told to the diners and the board at once. */
  settings(fresh = false): Promise<StoreSettings> {
    return this.settingsCache.get(this.state.ref, this.state.paused, fresh);
  }

  idleDeadline(): number | null {
    const s = this.state.session;
    return s ? idleDeadline(s.lastActivityAt, this.state.rounds.length > 0) : null;
  }

  dinerName(id: string): string {
    return this.state.diners.find((d) => d.id === id)?.name ?? "";
  }

  isOnline(dinerId: string, except?: WebSocket): boolean {
    return this.ctx.getWebSockets(`d:${dinerId}`).some((ws) => ws !== except && ws.readyState === WebSocket.OPEN);
  }

  /** The sockets of the current session (or of `sessionId`). */
  sockets(sessionId = this.state.session?.id): WebSocket[] {
    return sessionId ? this.ctx.getWebSockets(`s:${sessionId}`) : [];
  }

  // ------------------------------------------------------------ writing

  setRef(ref: TableRef): void {
    const cur = this.state.ref;
    if (cur && cur.tableId === ref.tableId && cur.tableName === ref.tableName && cur.storeId === ref.storeId && cur.merchantId === ref.merchantId) return;
    this.state.ref = { merchantId: ref.merchantId, storeId: ref.storeId, tableId: ref.tableId, tableName: ref.tableName };
    this.store.setKv("ref", this.state.ref);
  }

  saveSession(): void {
    this.store.setKv("session", this.state.session);
  }

  /** A change the board must see without an event to the diners: the version still counts up. */
  bumpVersion(): void {
    this.state.version++;
    this.store.setKv("version", this.state.version);
  }

  dropDoorCalls(which: (c: DoorCall) => boolean, push = true): void {
    const kept = this.state.doorCalls.filter((c) => !which(c));
    if (kept.length === this.state.doorCalls.length) return;
    this.state.doorCalls = kept;
    this.store.setKv("door_calls", kept.length ? kept : null);
    // The board keeps the card with the highest version: a change it must see bumps it.
    this.bumpVersion();
    if (push) this.pushFloor();
  }

  // ------------------------------------------------------------ effects

  /** Bumps the version, stores it, and sends the event to every socket of the current session. */
  emit(event: TableEvent): void {
    this.bumpVersion();
    const sockets = this.sockets();
    if (sockets.length) broadcast(sockets, { type: "event", v: this.state.version, event } satisfies ServerMessage);
  }

  /** Tells the diners who may join and whether the table may order (an `access` event). */
  emitAccess(): void {
    this.emit({ type: "access", access: accessView(this.state, Date.now()) });
  }

  emitDiner(dinerId: string, except?: WebSocket): void {
    const diner = this.state.diners.find((d) => d.id === dinerId);
    if (diner) this.emit({ type: "diner", diner: dinerView(diner, this.isOnline(dinerId, except)) });
  }

  broadcastSnapshots(): void {
    const sockets = this.sockets();
    if (!sockets.length) return;
    const view = this.view();
    for (const ws of sockets) send(ws, { type: "snapshot", v: this.state.version, you: socketInfo(ws)?.dinerId ?? "", view });
  }

  /** Dish prices and availability for the page's dish cards (no staff-only dishes). */
  sendMenu(ws: WebSocket, menu: MenuIndex | null = this.menus.current): void {
    if (menu) send(ws, { type: "menu", menu: guestMenuState(menu.menu, Date.now()) });
  }

  pushFloor(): void {
    this.floor.push();
  }

  /** Cart edits reach the board a little later, coalesced (see floor-push.ts). */
  pushFloorSoon(): void {
    this.floor.pushSoon();
  }

  get floorDirty(): boolean {
    return this.floor.dirty;
  }

  scheduleAlarm(notBefore: number, also?: DueTimes): void {
    this.deadlines.schedule(notBefore, also);
  }

  runAlarm(work: () => Promise<"done" | "later">): Promise<void> {
    return this.deadlines.run(work);
  }

  // ------------------------------------------------------------ guards

  /** A guest's token must name the current session and a diner of it. */
  checkGuest(caller: Extract<Caller, { kind: "guest" }>): Result<SessionRecord> {
    const s = this.state.session;
    if (!s || s.id !== caller.sessionId || !this.state.diners.some((d) => d.id === caller.dinerId)) {
      const moved = this.store.movedTo(caller.sessionId);
      if (moved) return fail("session_ended", "This table's order moved to another table.", { movedTo: moved });
      const paid = this.store.getKv<{ sessionId: string; billId: string | null }>("ended_paid");
      if (paid?.sessionId === caller.sessionId) return fail("session_ended", "The bill is paid. Thank you!", { paidBill: paid.billId });
      return fail("session_ended", "This table's session has ended; scan the code again.");
    }
    return ok(s);
  }

  /** The session and who acts in it; staff get a diner of their own the first time they act. */
  actor(caller: Caller): Result<{ session: SessionRecord; actor: Actor }> {
    const frozen = refuseWhileMoving(this, "guest");
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

  rateLimit(caller: Caller): Failure | null {
    if (caller.kind === "staff") this.setRef(caller.ref);
    const key = caller.kind === "guest" ? caller.dinerId : caller.userId;
    let bucket = this.dinerBuckets.get(key);
    if (!bucket) {
      if (this.dinerBuckets.size > 500) this.dinerBuckets.clear();
      this.dinerBuckets.set(key, (bucket = new TokenBucket(this.gate.limit.burst, this.gate.limit.perSecond)));
    }
    return bucket.take() ? null : err(fail("rate_limited", "Too many changes at once; wait a moment."));
  }

  /** Guests may not add, send or call while the merchant is suspended or the store closed; staff may. */
  async pausedRefusal(caller: Caller): Promise<Failure | null> {
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

  /** Answers a request with the current view (after making sure the menu was read). */
  async viewReply(): Promise<Reply<{ view: TableView }>> {
    await this.menu();
    return { ok: true, v: this.state.version, view: this.view() };
  }

  // ------------------------------------------------------------ pushes from the store

  private setPaused(paused: PausedReason | null): void {
    if (this.state.paused === paused) return;
    this.state.paused = paused;
    this.store.setKv("paused", paused);
    this.emitAccess();
    this.pushFloor();
  }

  /**
   * The menu changed: open pages get the new dish prices and availability, and a fresh view (cart
   * lines re-priced and marked, sold-out lines flagged). Confirmations given at the old prices
   * no longer count.
   */
  private onMenuChange(before: MenuIndex | null, after: MenuIndex): void {
    const s = this.state.session;
    if (!s) return;
    if (s.confirmed.length && before && pricesDiffer(this.state.lines, before, after, Date.now())) {
      s.confirmed = [];
      this.saveSession();
    }
    this.bumpVersion();
    for (const ws of this.sockets()) this.sendMenu(ws, after);
    this.broadcastSnapshots();
  }
}
