import { DurableObject } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
import type { Env } from "../env";
import { createDb } from "../db/client";
import { tables } from "../db/schema";
import { TenantScope } from "../db/scope";
import { loadMenuSnapshot } from "../db/menu";
import { CLOSE } from "../live/close-codes";
import { accept, answerPings, broadcast, closeQuietly, send, SocketGate, tooManyConnections, upgradeRequired } from "../live/sockets";
import { FLOOR_WS_LIMITS, type FloorMessage, type FloorView, type TableCard } from "./protocol";

interface TableMeta {
  id: string;
  name: string;
  area: string;
  seats: number;
}

const TABLES_TTL_MS = 30_000;

/**
 * One per store (named `merchantId:storeId`): the live floor for staff boards. Table objects
 * push a whole card on every change that matters to staff; older cards (lower table version)
 * never replace newer ones, so pushes may arrive late or twice. Staff boards connect over a
 * hibernatable WebSocket, get a snapshot with a version, then one message per change.
 */
export class StoreFloor extends DurableObject<Env> {
  private cards = new Map<string, TableCard>();
  private version = 0;
  private ref: { merchantId: string; storeId: string } | null = null;
  private tableList: { at: number; list: TableMeta[] } | null = null;
  private readonly gate: SocketGate;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.gate = new SocketGate(env.TABLE_RATE_LIMIT, FLOOR_WS_LIMITS);
    void ctx.blockConcurrencyWhile(async () => {
      const sql = ctx.storage.sql;
      sql.exec("CREATE TABLE IF NOT EXISTS cards (table_id TEXT PRIMARY KEY, tv INTEGER NOT NULL, data TEXT NOT NULL)");
      sql.exec("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      for (const row of sql.exec<{ data: string }>("SELECT data FROM cards").toArray()) {
        const card = JSON.parse(row.data) as TableCard;
        this.cards.set(card.tableId, card);
      }
      for (const row of sql.exec<{ k: string; v: string }>("SELECT k, v FROM kv").toArray()) {
        if (row.k === "version") this.version = JSON.parse(row.v);
        if (row.k === "ref") this.ref = JSON.parse(row.v);
      }
    });
    answerPings(ctx);
  }

  /** A table object reports its current card. Idempotent; stale cards are ignored. */
  async update(merchantId: string, storeId: string, card: TableCard): Promise<{ v: number; accepted: boolean }> {
    this.setRef(merchantId, storeId);
    // The table object does not know its area and seats: they come from the store's table list,
    // else from the card already held (the list is memory only and gone after hibernation).
    let meta = this.metaOf(card.tableId);
    if (!meta) meta = (await this.tables()).find((t) => t.id === card.tableId);
    const existing = this.cards.get(card.tableId);
    if (existing && existing.tv >= card.tv) return { v: this.version, accepted: false };
    const full = meta ? { ...card, tableName: meta.name, area: meta.area, seats: meta.seats } : card;
    this.cards.set(card.tableId, full);
    this.version++;
    const sql = this.ctx.storage.sql;
    sql.exec("INSERT OR REPLACE INTO cards (table_id, tv, data) VALUES (?, ?, ?)", card.tableId, card.tv, JSON.stringify(full));
    sql.exec("INSERT OR REPLACE INTO kv (k, v) VALUES ('version', ?)", JSON.stringify(this.version));
    broadcast(this.ctx.getWebSockets(), { type: "table", v: this.version, card: full } satisfies FloorMessage);
    return { v: this.version, accepted: true };
  }

  /** Every table of the store (free ones too), with its live card. */
  async view(merchantId: string, storeId: string): Promise<{ v: number; view: FloorView }> {
    this.setRef(merchantId, storeId);
    const list = await this.tables();
    const v = this.version;
    const cards = list.map((t) => {
      const card = this.cards.get(t.id);
      return card ? { ...card, tableName: t.name, area: t.area, seats: t.seats } : freeCard(t);
    });
    return { v, view: { storeId, tables: cards } };
  }

  // ---------------------------------------------------------------- menu changes

  private menuRun: Promise<{ tables: number; failed: number }> | null = null;
  private menuNext: Promise<{ tables: number; failed: number }> | null = null;
  /** Menu reads made for pushes since the object started: one per change (or burst of changes). */
  menuReads = 0;

  /**
   * The store's menu changed (src/db/menu/live.ts): read it once and hand it to every table with
   * an open session, so their pages show it at once without each table reading D1. Changes
   * announced while a push runs share one more run after it (never more), so a burst of edits
   * costs at most two reads and the last run always starts after the last write.
   */
  async menuChanged(merchantId: string, storeId: string): Promise<{ tables: number; failed: number }> {
    this.setRef(merchantId, storeId);
    if (!this.menuRun) return this.startMenuRun();
    this.menuNext ??= this.menuRun
      .catch(() => undefined)
      .then(() => {
        this.menuNext = null;
        return this.startMenuRun();
      });
    return this.menuNext;
  }

  /** Tables whose card shows an open session (the floor learns of each session as it opens). */
  openTableIds(): string[] {
    return [...this.cards.values()].filter((c) => c.sessionId !== null && c.status !== "free").map((c) => c.tableId);
  }

  private startMenuRun(): Promise<{ tables: number; failed: number }> {
    const run = this.pushMenu().finally(() => {
      if (this.menuRun === run) this.menuRun = null;
    });
    this.menuRun = run;
    return run;
  }

  private async pushMenu(): Promise<{ tables: number; failed: number }> {
    const ref = this.ref!;
    // No open table, nothing to tell: the menu is read only when a page can show the change.
    if (this.openTableIds().length === 0) return { tables: 0, failed: 0 };
    const menu = await loadMenuSnapshot(createDb(this.env.DB), ref.merchantId, ref.storeId);
    this.menuReads++;
    const ids = this.openTableIds();
    const results = await Promise.allSettled(ids.map((id) => this.env.TABLE.getByName(id).menuUpdated(menu)));
    const failed = results.filter((r) => r.status === "rejected").length;
    if (failed) console.warn(`menu push failed for ${failed} of ${ids.length} tables; they read it again before sending`);
    return { tables: ids.length, failed };
  }

  // ---------------------------------------------------------------- store changes

  /**
   * The store changed in a way open tables must act on at once (the merchant was suspended or
   * reactivated, the store closed or reopened, admission settings edited): each open table
   * re-reads the store from D1 (TableSession.storeChanged). Failures are counted, not thrown:
   * a table that misses this re-reads the store within its settings TTL anyway.
   */
  async storeChanged(merchantId: string, storeId: string): Promise<{ tables: number; failed: number }> {
    this.setRef(merchantId, storeId);
    const ids = this.openTableIds();
    const results = await Promise.allSettled(ids.map((id) => this.env.TABLE.getByName(id).storeChanged()));
    const failed = results.filter((r) => r.status === "rejected").length;
    if (failed) console.warn(`store change not told to ${failed} of ${ids.length} tables; they re-read it shortly`);
    return { tables: ids.length, failed };
  }

  override async fetch(request: Request): Promise<Response> {
    const notUpgrade = upgradeRequired(request);
    if (notUpgrade) return notUpgrade;
    const merchantId = request.headers.get("x-tableside-merchant") ?? "";
    const storeId = request.headers.get("x-tableside-store") ?? "";
    if (this.ctx.getWebSockets().length >= FLOOR_WS_LIMITS.maxSockets) {
      return tooManyConnections("Too many staff boards are connected.");
    }
    const snapshot = await this.view(merchantId, storeId);
    return accept(this.ctx, ["staff"], null, (server) => send(server, { type: "snapshot", v: snapshot.v, view: snapshot.view, now: Date.now() } satisfies FloorMessage));
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const message = this.gate.admit(ws, raw);
    if (message === null) return;
    let msg: { type?: unknown; id?: unknown; data?: unknown };
    try {
      msg = JSON.parse(message);
    } catch {
      return ws.close(CLOSE.invalid, "invalid message: not JSON");
    }
    if (msg?.type === "sync" && this.ref) {
      const { v, view } = await this.view(this.ref.merchantId, this.ref.storeId);
      return send(ws, { type: "snapshot", v, view, now: Date.now() } satisfies FloorMessage);
    }
    if (msg?.type === "echo" && typeof msg.id === "string" && typeof msg.data === "string" && msg.data.length <= 512) {
      return send(ws, { type: "echo", id: msg.id, data: msg.data, at: Date.now() } satisfies FloorMessage);
    }
    ws.close(CLOSE.invalid, "invalid message: expected sync or echo");
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
  }

  private metaOf(tableId: string): TableMeta | undefined {
    const listed = this.tableList?.list.find((t) => t.id === tableId);
    if (listed) return listed;
    const held = this.cards.get(tableId);
    return held?.area || held?.seats ? { id: tableId, name: held.tableName, area: held.area, seats: held.seats } : undefined;
  }

  private setRef(merchantId: string, storeId: string): void {
    if (this.ref?.merchantId === merchantId && this.ref.storeId === storeId) return;
    this.ref = { merchantId, storeId };
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO kv (k, v) VALUES ('ref', ?)", JSON.stringify(this.ref));
  }

  private async tables(): Promise<TableMeta[]> {
    if (this.tableList && Date.now() - this.tableList.at < TABLES_TTL_MS) return this.tableList.list;
    const ref = this.ref!;
    try {
      const scope = new TenantScope(createDb(this.env.DB), ref.merchantId);
      const rows = await scope.pick({ id: tables.id, name: tables.name, area: tables.area, seats: tables.seats }, tables, eq(tables.storeId, ref.storeId), {
        orderBy: [asc(tables.area), asc(tables.name)],
      });
      rows.sort((a, b) => a.area.localeCompare(b.area) || a.name.localeCompare(b.name, undefined, { numeric: true }));
      this.tableList = { at: Date.now(), list: rows };
    } catch (e) {
      console.warn("floor could not read tables", String(e));
      if (!this.tableList) {
        return [...this.cards.values()].map((c) => ({ id: c.tableId, name: c.tableName, area: c.area, seats: c.seats }));
      }
    }
    return this.tableList!.list;
  }
}

function freeCard(t: TableMeta): TableCard {
  return {
    tableId: t.id,
    tableName: t.name,
    area: t.area,
    seats: t.seats,
    tv: 0,
    status: "free",
    sessionId: null,
    openedAt: null,
    guests: 0,
    rounds: [],
    items: [],
    calls: [],
    joinCode: null,
    requests: [],
    awaitingStaff: false,
    paused: null,
    cartItems: 0,
    orderedTotal: 0,
    payment: "none",
    paid: 0,
    billTotal: 0,
    currency: "",
    updatedAt: 0,
  };
}
