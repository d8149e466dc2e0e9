// The guest's connection to the table: joins with the QR code, keeps a live WebSocket to the
// table object, and falls back to plain HTTP (then to a queue) when the socket is down.
import {
  applyEvent,
  WS_LIMITS,
  type CallKind,
  type CartOp,
  type ClientMessage,
  type GuestMenuState,
  type ServerMessage,
  type ShownCart,
  type TableView,
} from "../../../src/table/protocol";

/** "waiting": the table's party must let this device in (admission.ts); "replaced": too many sockets, this one was closed. */
export type LinkState = "connecting" | "live" | "reconnecting" | "offline" | "ended" | "waiting" | "replaced";

export type Action =
  | { type: "op"; op: CartOp }
  /** `shown`: the cart as the page showed it when Send was pressed (prices are checked against it). */
  | { type: "submit"; shown?: ShownCart }
  | { type: "call"; kind: CallKind; note?: string }
  | { type: "rename"; name: string }
  | { type: "admit"; requestId: string }
  | { type: "decline"; requestId: string };

export interface Pending {
  id: string;
  action: Action;
  resolve: (error: Refusal | null) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface Refusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

type Json = Record<string, unknown> & { error?: Refusal; token?: string };

const PING_MS = 15_000;
const ACK_TIMEOUT_MS = 6_000;

export class TableLink {
  state: LinkState = "connecting";
  view: TableView | null = null;
  you = "";
  /** Actions not yet confirmed by the table (listed as "waiting to send"). */
  queue: Pending[] = [];
  /** Dish prices and availability as the table last said (the page's cards follow it). */
  menu: GuestMenuState | null = null;
  private token = "";
  private v = -1;
  private ws: WebSocket | null = null;
  private retry = 0;
  private failedOpens = 0;
  private pingTimer?: ReturnType<typeof setInterval>;
  private lastPong = 0;
  /** Told when /join answers 202: this device asks the party to be let in (see admission.ts). */
  onWaiting: ((body: Record<string, unknown>) => void) | null = null;

  constructor(
    private readonly code: string,
    private readonly onChange: () => void,
    private readonly onMenu: (menu: GuestMenuState) => void = () => undefined,
  ) {
    // A socket may look open after the network went away: start over on either change.
    addEventListener("online", () => (this.drop(), this.reconnect(0)));
    addEventListener("offline", () => (this.drop(), this.set("offline")));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && !this.ws && !this.parked()) this.reconnect(0);
    });
  }

  /** `returning`: back from a wallet; a session that is over (the bill is paid) is not joined again. */
  async start(returning = false): Promise<void> {
    try {
      this.token = localStorage.getItem(this.key()) ?? "";
    } catch {
      this.token = "";
    }
    // A token from an earlier visit may belong to a session that is over: scanning again joins
    // the table's current session.
    const ok = this.token ? await this.refresh(!returning) : false;
    if (!ok && this.ended()) return;
    if (!ok && !(await this.join())) return this.reconnect();
    this.connect();
  }

  /** Sends an action: over the socket when live, else over HTTP, else queued until back. */
  do(action: Action): Promise<Refusal | null> {
    return new Promise((resolve) => {
      const p: Pending = { id: Math.random().toString(36).slice(2, 12), action, resolve };
      this.queue.push(p);
      this.onChange();
      this.dispatch(p);
    });
  }

  async rejoin(): Promise<void> {
    this.set("connecting");
    if (await this.join()) this.connect();
  }

  /** Let in (or joined with the code): the answer carries the table token and the view. */
  admitted(body: Record<string, unknown>): void {
    this.saveToken(body.token as string);
    this.you = body.dinerId as string;
    this.view = body.view as TableView;
    this.v = body.v as number;
    this.state = "connecting";
    this.onChange();
    this.connect();
  }

  /** An authenticated call to the guest API beside the table's own actions (the pay sheet's routes). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json } | null> {
    return this.http(method, path, body);
  }

  /** "Use it here" after this tab's socket was replaced by another one of the same diner. */
  resume(): void {
    this.state = "reconnecting";
    this.reconnect(0);
  }

  // ------------------------------------------------------------------------------------------

  /** Re-read after awaits: the state may have changed meanwhile. */
  /** The bill the session ended paid with (its receipt is offered), if it ended so. */
  paidBill: string | null = null;

  private ended(): boolean {
    return this.state === "ended";
  }

  /** States that wait for the guest (or the party), not for the network. */
  private parked(): boolean {
    return this.state === "ended" || this.state === "waiting" || this.state === "replaced";
  }

  private key() {
    return `ts_table_${this.code}`;
  }

  private set(state: LinkState) {
    if (this.state === "ended" && state !== "connecting") return;
    this.state = state;
    this.onChange();
  }

  private saveToken(token: string | undefined) {
    if (!token) return;
    this.token = token;
    try {
      localStorage.setItem(this.key(), token);
    } catch {
      // private mode: the token lives in memory only
    }
  }

  private async http(method: string, path: string, body?: unknown, auth = true): Promise<{ status: number; json: Json } | null> {
    try {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (auth) headers.authorization = `Bearer ${this.token}`;
      const res = await fetch(`/api/guest${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
      const json = ((await res.json().catch(() => ({}))) ?? {}) as Json;
      this.saveToken(json.token);
      return { status: res.status, json };
    } catch {
      return null;
    }
  }

  private async join(): Promise<boolean> {
    const res = await this.http("POST", "/join", { code: this.code }, false);
    // Waiting to be let in, or too many waiting already (then the join code still works).
    if (res?.status === 202 || (res?.status === 429 && res.json.error?.code === "too_many_requests")) {
      this.view = null;
      this.state = "waiting";
      this.onWaiting?.(res.json);
      this.onChange();
      return false;
    }
    if (!res || res.status !== 200) return false;
    this.saveToken(res.json.token as string);
    this.you = res.json.dinerId as string;
    this.view = res.json.view as TableView;
    this.v = res.json.v as number;
    this.state = "connecting";
    this.onChange();
    return true;
  }

  /** Reloads the view over HTTP; false when the token is no good any more. */
  private async refresh(quiet = false): Promise<boolean> {
    const res = await this.http("GET", "/session");
    if (!res) return false;
    if (res.status === 410 && !quiet) {
      // A session that ended paid says which bill (the page offers its receipt).
      const paid = (res.json.error as { details?: { paidBill?: unknown } } | undefined)?.details?.paidBill;
      if (typeof paid === "string") this.paidBill = paid;
      this.view = null;
      this.set("ended");
      return false;
    }
    if (res.status !== 200) return false;
    this.you = res.json.you as string;
    this.view = res.json.view as TableView;
    this.v = res.json.v as number;
    this.onChange();
    return true;
  }

  private connect() {
    if (this.ws || this.state === "ended") return;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/guest/session/ws?token=${encodeURIComponent(this.token)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.retry = 0;
      this.failedOpens = 0;
      this.lastPong = Date.now();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.ping(), PING_MS);
    };
    ws.onmessage = (e) => this.receive(JSON.parse(e.data as string) as ServerMessage);
    ws.onclose = (e) => {
      clearInterval(this.pingTimer);
      if (this.ws === ws) this.ws = null;
      if (e.code === 4000) {
        this.view = null;
        return this.set("ended");
      }
      if (e.code === 4002) return this.set("replaced");
      if (!opened) this.failedOpens++;
      this.reconnect(e.code === 4001 ? 0 : undefined);
    };
  }

  /** Forgets the current socket without waiting for it to close. */
  private drop() {
    const ws = this.ws;
    this.ws = null;
    clearInterval(this.pingTimer);
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      try {
        ws.close();
      } catch {
        // already closed
      }
    }
  }

  private ping() {
    if (!this.ws) return;
    if (Date.now() - this.lastPong > PING_MS * 2) return this.ws.close();
    this.ws.send('{"type":"ping"}');
  }

  private reconnect(delay?: number) {
    if (this.parked()) return;
    this.set(navigator.onLine === false ? "offline" : "reconnecting");
    const wait = delay ?? Math.min(10_000, 500 * 2 ** this.retry++);
    setTimeout(async () => {
      if (this.ws || this.parked()) return;
      // Sockets keep failing to open: ask over HTTP why (session over, moved, token stale).
      if (this.failedOpens >= 2 || !this.view) {
        const ok = (await this.refresh()) || (!this.ended() && (await this.join()));
        if (!ok) return this.ended() ? undefined : this.reconnect();
        this.failedOpens = 0;
      }
      this.connect();
    }, wait);
  }

  private receive(msg: ServerMessage) {
    this.lastPong = Date.now();
    switch (msg.type) {
      case "snapshot":
        this.view = msg.view;
        this.you = msg.you;
        this.v = msg.v;
        this.set("live");
        for (const p of this.queue) if (!p.timer) this.dispatch(p);
        return;
      case "event":
        if (!this.view || msg.v !== this.v + 1) {
          // Missed a version: ask for the whole state again.
          if (msg.v > this.v) this.send({ type: "sync" });
          return;
        }
        this.view = applyEvent(this.view, msg.event);
        this.v = msg.v;
        return this.onChange();
      case "menu":
        this.menu = msg.menu;
        return this.onMenu(msg.menu);
      case "ack":
      case "error":
        return this.settle(
          msg.id,
          msg.type === "error" ? { code: msg.code, message: msg.message, details: (msg.details ?? undefined) as Refusal["details"] } : null,
        );
      case "ended":
        this.saveToken(msg.token);
        if (msg.reason === "closed" || msg.reason === "paid") {
          if (msg.reason === "paid") this.paidBill = msg.billId ?? null;
          this.view = null;
          this.set("ended");
        }
        return;
    }
  }

  private send(msg: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN || this.state !== "live") return false;
    const text = JSON.stringify(msg);
    // A big cart's send (with every line's price) may not fit a socket message: HTTP takes it.
    if (text.length > WS_LIMITS.maxMessageBytes) return false;
    this.ws.send(text);
    return true;
  }

  private settle(id: string | null, error: Refusal | null) {
    const i = this.queue.findIndex((p) => p.id === id);
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1);
    clearTimeout(p!.timer);
    p!.resolve(error);
    this.onChange();
  }

  private dispatch(p: Pending) {
    const a = p.action;
    const msg: ClientMessage =
      a.type === "op" ? { type: "op", id: p.id, op: a.op } : a.type === "call" ? { type: "call", id: p.id, kind: a.kind, note: a.note } : { ...a, id: p.id };
    if (this.send(msg)) {
      // No answer in time: the socket may be dead; HTTP with the same id is applied once.
      p.timer = setTimeout(() => {
        p.timer = undefined;
        void this.viaHttp(p);
      }, ACK_TIMEOUT_MS);
      return;
    }
    void this.viaHttp(p);
  }

  private async viaHttp(p: Pending, retried = false): Promise<void> {
    // Still joining: the action waits in the queue and goes out with the first snapshot.
    if (!this.token) return;
    const a = p.action;
    const line = a.type === "op" && a.op.op !== "add" ? `/session/lines/${encodeURIComponent(a.op.lineId)}` : "";
    const [method, path, body] =
      a.type === "op"
        ? a.op.op === "add"
          ? ["POST", "/session/lines", { dishId: a.op.dishId, optionIds: a.op.optionIds, quantity: a.op.quantity, note: a.op.note, requestId: p.id }]
          : a.op.op === "update"
            ? ["PATCH", line, { quantity: a.op.quantity, optionIds: a.op.optionIds, note: a.op.note }]
            : a.op.op === "remove"
              ? ["DELETE", line, undefined]
              : ["POST", `${line}/take-over`, undefined]
        : a.type === "submit"
          ? ["POST", "/session/rounds", { requestId: p.id, shown: a.shown }]
          : a.type === "call"
            ? ["POST", "/session/calls", { kind: a.kind, note: a.note ?? "", requestId: p.id }]
            : a.type === "admit" || a.type === "decline"
              ? ["POST", `/session/requests/${encodeURIComponent(a.requestId)}/${a.type}`, undefined]
              : ["PATCH", "/session/me", { name: a.name }];
    const res = await this.http(method, path, body);
    if (!this.queue.includes(p)) return; // answered over the socket meanwhile
    if (!res) {
      // Truly offline: keep it queued; it is sent again when the socket is back.
      this.drop();
      this.set("offline");
      this.reconnect();
      return;
    }
    if (res.status === 401 && !retried && (await this.join())) {
      // The token went stale (e.g. it expired): joined again, try once more.
      this.drop();
      this.connect();
      return this.viaHttp(p, true);
    }
    if (res.status === 410) {
      this.view = null;
      this.set("ended");
    }
    // A removal sent again after its answer was lost finds the line already gone: that is done.
    const done = res.status < 300 || (a.type === "op" && a.op.op === "remove" && res.json.error?.code === "line_not_found");
    if (done && this.state !== "live") await this.refresh();
    this.settle(p.id, done ? null : (res.json.error ?? { code: "unavailable", message: "Error" }));
  }
}
