// Helpers for payments.bench.mjs: the owner's and waiter's logins, guests' phones joined to a table
// (HTTP with the table token, live over the table's WebSocket, each from its own address), and the
// sandbox wallet's side of notifyPayment: a body signed with the wallet's private key exactly as
// src/payments/sandbox/notifier.ts signs it (payments-protocol.md A3, A10).
import { createPrivateKey, sign } from "node:crypto";
import { DEV_CLIENT_ID } from "../../scripts/dev-keys.mjs";
import { GuestPhone } from "./guest-phone.mjs";
import { login } from "./staff-login.mjs";

export const NOTIFY_PATH = "/api/payments/antom/notify";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A store of the bench's own with `count` tables, and the demo menu's dishes a guest can add
 * without choosing options and that cost something.
 */
export async function benchStore(base, count) {
  const owner = await login(base, "owner@demo.test");
  const waiter = await login(base, "waiter@demo.test");
  const m = owner.merchantId;
  const { store } = await owner.json("POST", `/api/merchants/${m}/stores`, {
    name: `Pay bench ${Date.now().toString(36)}`,
    timeZone: "Europe/Paris",
    currency: "EUR",
    languages: ["en"],
  });
  const tables = [];
  for (let start = 1; start <= count; start += 10) {
    const body = { prefix: "P", start, count: Math.min(10, count + 1 - start) };
    tables.push(...(await owner.json("POST", `/api/merchants/${m}/stores/${store.id}/tables/bulk`, body)).tables);
  }
  const { menu } = await waiter.json("GET", `/api/merchants/${m}/stores/${store.id}/floor/menu`);
  const dishes = menu.categories
    .flatMap((c) => c.dishes)
    .filter((d) => d.price > 0 && !d.staffOnly && !d.soldOut && d.windows.length === 0 && d.optionGroups.every((g) => g.minSelect === 0 || g.options.some((o) => o.isDefault)));
  if (dishes.length < 3) throw new Error("the demo menu has too few plain dishes");
  return { merchantId: m, storeId: store.id, tables, dishIds: dishes.map((d) => d.id) };
}

/** A guest's phone at a table that watches the bill: when it saw each payment succeed, or the session end. */
export class Phone extends GuestPhone {
  /** A party of `size` phones at one table. */
  static async party(base, code, size) {
    const first = await Phone.join(base, code);
    const party = [first];
    while (party.length < size) party.push(await Phone.join(base, code, first.view.access.joinCode));
    return party;
  }

  ended = null;
  /** paymentId → when this phone first saw it succeeded (performance.now()). */
  paidSeen = new Map();
  watchers = new Set();

  onMessage(m, at) {
    if (m.type === "snapshot") this.sawBill(m.view.bill, at);
    else if (m.type === "event" && this.view && m.event.type === "bill") {
      this.view.bill = m.event.bill;
      this.sawBill(m.event.bill, at);
    } else if (m.type === "ended") this.ended = { reason: m.reason, at };
    for (const w of this.watchers) if (w.test()) (this.watchers.delete(w), w.done(at));
  }

  /** A socket dropped under a waiting bench (e.g. wrangler reloading on a file change) fails it at once. */
  onClosed() {
    for (const w of this.watchers) (this.watchers.delete(w), w.fail(new Error(`phone ${this.you}: socket ${this.closed} while waiting for ${w.what}`)));
  }

  sawBill(bill, at) {
    for (const p of bill?.payments ?? []) if (p.status === "succeeded" && !this.paidSeen.has(p.id)) this.paidSeen.set(p.id, at);
  }

  /** Resolves with the time `test()` first held (now if it holds already). */
  until(test, what, ms = 15_000) {
    if (test()) return Promise.resolve(performance.now());
    if (this.closed) return Promise.reject(new Error(`phone ${this.you}: socket ${this.closed} before ${what}`));
    return new Promise((resolve, reject) => {
      const w = { test, what, done: (at) => (clearTimeout(t), resolve(at)), fail: (e) => (clearTimeout(t), reject(e)) };
      const t = setTimeout(() => (this.watchers.delete(w), reject(new Error(`phone ${this.you}: ${what} not seen within ${ms} ms`))), ms);
      this.watchers.add(w);
    });
  }

  /** When this phone saw the payment succeeded: a bill event listing it so, or the session ended as paid. */
  paid(paymentId, ms) {
    return this.until(() => this.paidSeen.has(paymentId) || this.ended?.reason === "paid", `payment ${paymentId} succeeded`, ms).then(
      () => this.paidSeen.get(paymentId) ?? this.ended.at,
    );
  }

  /** A guest API call with this phone's table token, cookie and address. */
  async api(method, path, body) {
    const res = await fetch(`${this.base}/api/guest${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, cookie: this.cookie, "cf-connecting-ip": this.ip, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  /** The bill lines of this diner's own items, as the bill this phone holds shows them. */
  ownLines() {
    return (this.view.bill?.state.bill.lines ?? []).filter((l) => l.dinerId === this.you);
  }

  /** The pay sheet's request for this diner's own items, no tip, with the price the sheet shows. */
  ownItemsPayment() {
    const lines = this.ownLines();
    if (lines.length === 0) throw new Error(`phone ${this.you} has no items on the bill`);
    return {
      request: { kind: "items", itemIds: lines.map((l) => l.itemId) },
      tip: { kind: "none" },
      wallet: this.view.bill.wallets[0],
      shown: { amount: lines.reduce((s, l) => s + l.due, 0), tip: 0 },
    };
  }
}

/**
 * Every phone adds one dish (its own line), the first sends the round, and each phone waits until
 * its bill lists everyone's items.
 */
export async function orderRound(party, dishIds) {
  for (const [i, p] of party.entries()) await p.ok({ type: "op", op: { op: "add", dishId: dishIds[i % dishIds.length], optionIds: [], quantity: 1, note: "" } });
  await party[0].ok({ type: "submit" });
  await Promise.all(party.map((p) => p.until(() => party.every((q) => (p.view.bill?.state.bill.lines ?? []).some((l) => l.dinerId === q.you)), "the bill")));
}

/** The provider's payment id, from the wallet page's address (…/sandbox-wallet/pay/<paymentId>). */
export const providerIdOf = (redirectUrl) => {
  const id = new URL(redirectUrl).pathname.split("/").pop();
  if (!id?.startsWith("sbx_")) throw new Error(`not a sandbox wallet page: ${redirectUrl}`);
  return id;
};

/** notifyPayment for a successful payment, as the sandbox wallet writes it (src/payments/sandbox/answers.ts). */
export function paymentSucceeded(payment, providerPaymentId, now = Date.now()) {
  const amount = { currency: payment.currency, value: String(payment.amount + payment.tip) };
  return JSON.stringify({
    notifyType: "PAYMENT_RESULT",
    result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
    paymentRequestId: payment.id,
    paymentId: providerPaymentId,
    paymentAmount: amount,
    paymentCreateTime: new Date(payment.createdAt).toISOString(),
    paymentTime: new Date(now).toISOString(),
    actualPaymentAmount: amount,
    paymentMethodType: payment.wallet,
  });
}

/** Signs notifications with the wallet's private key (base64 PKCS#8 DER) as the wallet does. */
export function notifier(base, walletPrivateKey, clientId = DEV_CLIENT_ID) {
  const key = createPrivateKey({ key: Buffer.from(walletPrivateKey, "base64"), format: "der", type: "pkcs8" });
  return {
    /** The POST's init, ready to send: Request-Time now, RSA-SHA256 over `POST <path>\n<client>.<time>.<body>`. */
    signed(body, now = Date.now()) {
      const time = new Date(now).toISOString();
      const signature = sign("sha256", Buffer.from(`POST ${NOTIFY_PATH}\n${clientId}.${time}.${body}`, "utf8"), key).toString("base64");
      return {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=UTF-8",
          "client-id": clientId,
          "request-time": time,
          signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
        },
        body,
      };
    },
    /** Sends one; throws unless it was acknowledged (HTTP 200, result S). */
    async send(init) {
      const res = await fetch(`${base}${NOTIFY_PATH}`, init);
      const text = await res.text();
      if (res.status !== 200 || JSON.parse(text)?.result?.resultStatus !== "S") throw new Error(`notify answered ${res.status}: ${text.slice(0, 200)}`);
    },
  };
}

export { sleep };
