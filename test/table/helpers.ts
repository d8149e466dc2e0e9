import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { createDb } from "../../src/db/client";
import { categories, dishes, memberships, merchants, optionGroups, options, soldOut, tables, users } from "../../src/db/schema";
import { hashPassword } from "../../src/domain/passwords";
import { newId, newTableCode } from "../../src/domain/ids";
import type { ClientMessage, ServerMessage, TableView } from "../../src/table/protocol";
import { applyEvent } from "../../src/table/protocol";
import { Client, signUpMerchant, unique, type SignedUp } from "../helpers/client";

export const db = () => createDb(env.DB);

export interface Restaurant extends SignedUp {
  tables: { id: string; code: string; name: string }[];
  dish: { burger: string; steak: string; cola: string; staffMeal: string };
  option: { regular: string; large: string; cheese: string; bacon: string };
}

let cachedHash: string | null = null;
const STAFF_PASSWORD = "staff password 123";

/** A merchant signed up through the API, with a small menu and tables written straight to D1. */
export async function setupRestaurant(tableCount = 3): Promise<Restaurant> {
  const owner = await signUpMerchant();
  const d = db();
  const m = owner.merchantId;
  const now = Date.now();
  const cat = newId("cat");
  const drinks = newId("cat");
  const dish = { burger: newId("dsh"), steak: newId("dsh"), cola: newId("dsh"), staffMeal: newId("dsh") };
  const size = newId("grp");
  const extras = newId("grp");
  const option = { regular: newId("opt"), large: newId("opt"), cheese: newId("opt"), bacon: newId("opt") };
  const base = { merchantId: m, description: {}, tags: [], allergens: [], windows: [], createdAt: now };
  const tableRows = Array.from({ length: tableCount }, (_, i) => ({
    id: newId("tbl"),
    merchantId: m,
    storeId: owner.storeId,
    name: `T${i + 1}`,
    area: i % 2 ? "Terrace" : "Hall",
    seats: 4,
    code: newTableCode(),
    createdAt: now,
  }));
  await d.batch([
    d.insert(categories).values([
      { id: cat, merchantId: m, position: 1, name: { en: "Mains", fr: "Plats" }, description: {}, station: "grill", createdAt: now },
      { id: drinks, merchantId: m, position: 2, name: { en: "Drinks" }, description: {}, station: "bar", createdAt: now },
    ]),
    d.insert(dishes).values([
      { ...base, id: dish.burger, categoryId: cat, position: 1, name: { en: "Burger", fr: "Hamburger" }, price: 1250 },
      { ...base, id: dish.steak, categoryId: cat, position: 2, name: { en: "Steak" }, price: 2400 },
      { ...base, id: dish.cola, categoryId: drinks, position: 1, name: { en: "Cola" }, price: 350 },
      { ...base, id: dish.staffMeal, categoryId: drinks, position: 2, name: { en: "Staff meal" }, price: 0, staffOnly: true },
    ]),
    d.insert(optionGroups).values([
      { id: size, merchantId: m, dishId: dish.burger, position: 1, name: { en: "Size" }, kind: "single", minSelect: 1, maxSelect: 1 },
      { id: extras, merchantId: m, dishId: dish.burger, position: 2, name: { en: "Extras" }, kind: "multiple", minSelect: 0, maxSelect: 2 },
    ]),
    d.insert(options).values([
      { id: option.regular, merchantId: m, groupId: size, position: 1, name: { en: "Regular" }, priceDelta: 0, isDefault: true },
      { id: option.large, merchantId: m, groupId: size, position: 2, name: { en: "Large" }, priceDelta: 300 },
      { id: option.cheese, merchantId: m, groupId: extras, position: 1, name: { en: "Cheese" }, priceDelta: 100 },
      { id: option.bacon, merchantId: m, groupId: extras, position: 2, name: { en: "Bacon" }, priceDelta: 150 },
    ]),
    d.insert(tables).values(tableRows),
  ]);
  return { ...owner, tables: tableRows.map((t) => ({ id: t.id, code: t.code, name: t.name })), dish, option };
}

/** A signed-in staff member of the restaurant with the given role. */
export async function staffClient(r: Restaurant, role: "manager" | "waiter" | "kitchen", storeId: string | null = null): Promise<Client> {
  cachedHash ??= await hashPassword(STAFF_PASSWORD, 1000);
  const userId = newId("usr");
  const email = `${unique(role)}@example.com`;
  const d = db();
  await d.batch([
    d.insert(users).values({ id: userId, email, name: `${role} person`, passwordHash: cachedHash, createdAt: Date.now() }),
    d.insert(memberships).values({ id: newId("mem"), userId, role, merchantId: r.merchantId, storeId, createdAt: Date.now() }),
  ]);
  const client = new Client();
  const res = await client.post("/api/auth/login", { email, password: STAFF_PASSWORD });
  if (res.status !== 200) throw new Error(`login failed ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

export async function setSoldOut(r: Restaurant, dishId: string) {
  const d = db();
  await d.batch([
    d.insert(soldOut).values({ merchantId: r.merchantId, storeId: r.storeId, dishId, createdAt: Date.now() }),
    d.update(merchants).set({ menuVersion: 99 }).where(eq(merchants.id, r.merchantId)),
  ]);
}

/**
 * The guest who opened each table's current session (by table code): with party admission it
 * lets the later guests of a test in, as a phone at the table would with one tap.
 */
const hosts = new Map<string, Guest>();

type Joined = { token: string; dinerId: string; sessionId: string; v: number; view: TableView };

/** A guest's phone: its own cookie jar (diner cookie) and the table token. */
export class Guest {
  client = new Client();
  token = "";
  dinerId = "";
  sessionId = "";
  tableId = "";
  /** While waiting to be let in: the request token and id from the 202 answer. */
  requestToken = "";
  requestId = "";

  /**
   * Joins the table. When the table's party must let this device in (202), the guest who opened
   * the session (or `via`) taps "let in"; `via: null` leaves it waiting and fails.
   */
  async join(code: string, name?: string, via?: Guest | null): Promise<Joined> {
    const res = await this.ask(code, name);
    if (res.status === 202) {
      const host = via === undefined ? hosts.get(code) : via;
      if (!host) throw new Error(`waiting to be let in at ${code}, and nobody to let it in`);
      const admitted = await host.req("POST", `/session/requests/${res.body.requestId}/admit`);
      if (admitted.status !== 200) throw new Error(`admit failed ${admitted.status} ${JSON.stringify(admitted.body)}`);
      const state = await this.requestState();
      if (state.body.status !== "admitted") throw new Error(`not admitted: ${JSON.stringify(state.body)}`);
      return this.seated(state.body);
    }
    if (res.status !== 200) throw new Error(`join failed ${res.status} ${JSON.stringify(res.body)}`);
    const joined = this.seated(res.body);
    if (joined.view.diners.filter((d) => !d.staff).length === 1 && joined.view.diners.some((d) => d.id === joined.dinerId)) hosts.set(code, this);
    return joined;
  }

  /** Scans the code: the raw answer (200 seated, 202 waiting); keeps a request token if waiting. */
  async ask(code: string, name?: string, extra: Record<string, unknown> = {}) {
    const res = await this.client.post("/api/guest/join", { code, ...(name ? { name } : {}), ...extra });
    if (res.status === 202) Object.assign(this, { requestToken: res.body.requestToken, requestId: res.body.requestId });
    if (res.status === 200) this.seated(res.body);
    return res;
  }

  /** Calls the waiting device's request routes with its request token. */
  request(method: string, path: string, body?: unknown) {
    return this.client.req(method, `/api/guest/join/request${path}`, body, { authorization: `Bearer ${this.requestToken}` });
  }

  async requestState() {
    const res = await this.request("GET", "");
    if (res.body?.status === "admitted") this.seated(res.body);
    return res;
  }

  private seated(body: Joined & { tableId?: string }): Joined {
    Object.assign(this, { token: body.token, dinerId: body.dinerId, sessionId: body.sessionId, tableId: body.tableId });
    return body;
  }

  req(method: string, path: string, body?: unknown) {
    return this.client.req(method, `/api/guest${path}`, body, { authorization: `Bearer ${this.token}` });
  }

  add(dishId: string, extra: Record<string, unknown> = {}) {
    return this.req("POST", "/session/lines", { dishId, ...extra });
  }

  view() {
    return this.req("GET", "/session");
  }

  async connect(): Promise<LiveSocket> {
    const cookie = [...this.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await exports.default.fetch(`https://tableside.test/api/guest/session/ws?token=${encodeURIComponent(this.token)}`, {
      headers: { Upgrade: "websocket", cookie },
    });
    if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    return new LiveSocket(res.webSocket);
  }
}

/** A client socket that keeps every message and folds events into a local view, like the island. */
export class LiveSocket {
  messages: ServerMessage[] = [];
  view: TableView | null = null;
  v = -1;
  gaps = 0;
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      const msg = JSON.parse(e.data as string) as ServerMessage;
      this.messages.push(msg);
      if (msg.type === "snapshot") {
        this.view = msg.view;
        this.v = msg.v;
      } else if (msg.type === "event" && this.view) {
        if (msg.v !== this.v + 1) this.gaps++;
        this.view = applyEvent(this.view, msg.event);
        this.v = msg.v;
      }
      this.wake();
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    });
  }

  send(msg: ClientMessage | string) {
    this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `check` holds (re-checked on each message), or fails after `ms`. */
  async until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close() {
    try {
      this.ws.close(1000, "bye");
    } catch {
      // already closed
    }
  }
}

export const floorPath = (r: Restaurant) => `/api/merchants/${r.merchantId}/stores/${r.storeId}/floor`;
