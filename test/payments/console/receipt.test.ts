import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { receiptKey, receiptUrl } from "../../../src/pages/receipt-link";
import { PRINT_BUTTON_SCRIPT } from "../../../src/pages/inline-scripts";
import { newShop, paidInSandbox, writeBill, type Shop } from "./support";

let shop: Shop;
let billId: string;
let receipt: string;
let total: number;
let paymentId: string;
let paymentReceipt: string;
const OPENED = Date.parse("2026-03-14T11:05:00Z"); // 19:05 in Shanghai

const get = (path: string, headers: Record<string, string> = {}) => exports.default.fetch(`https://t.test${path}`, { headers });

beforeAll(async () => {
  shop = await newShop("Asia/Shanghai");
  const { bill } = await writeBill(shop, []);
  total = bill.total;
  const providerPaymentId = await paidInSandbox(total + 600);
  const written = await writeBill(shop, [{ amount: total, tip: 600, providerPaymentId, at: OPENED + 3_000_000, wallet: "ALIPAY_HK" }], OPENED);
  billId = written.billId;
  const duck = bill.lines.find((l) => l.name === "Roast duck")!;
  const refund = await shop.client.post(`/api/merchants/${shop.merchantId}/payments/${written.payments[0]!.id}/refunds`, { amount: duck.due, reason: "Duck was cold" });
  expect(refund.body.refund.state).toBe("succeeded");
  paymentId = written.payments[0]!.id;
  const detail = (await shop.client.get(`/api/merchants/${shop.merchantId}/bills/${billId}`)).body;
  receipt = detail.receiptUrl;
  paymentReceipt = detail.paymentReceipts[paymentId];
});

describe("the receipt page", () => {
  it("is itemised, with service, tax, tip, payments and refunds, times in the store's zone", async () => {
    const res = await get(receipt, { "accept-language": "en-GB,en;q=0.8" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-language")).toBe("en");
    const html = await res.text();
    for (const text of ["Receipt", "Wonton soup", "Roast duck", "Jasmine tea", "Service (10%)", "Tax (8%)", "Total", "AlipayHK", "Refund", "Duck was cold", "Tips", "Net paid", "T7", "Times in Asia/Shanghai."]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain(new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(total / 100));
    expect(html).toContain(new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(6));
    // Opened at 19:05 Shanghai time (11:05 UTC): shown in the store's zone, not UTC.
    expect(html).toContain(new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(OPENED)));
    expect(html).toMatch(/7:05\s?PM/);
    // The print button's inline script is one the policy allows by hash.
    expect(html).toContain(PRINT_BUTTON_SCRIPT);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(PRINT_BUTTON_SCRIPT)));
    expect(res.headers.get("content-security-policy")).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
  });

  it("speaks the guest's language: Accept-Language or ?lang", async () => {
    const zh = await (await get(receipt, { "accept-language": "zh-CN,zh;q=0.9" })).text();
    expect(zh).toContain('lang="zh-CN"');
    for (const text of ["收据", "小计", "服务费", "退款", "实付"]) expect(zh, text).toContain(text);
    const fr = await get(`${receipt}&lang=fr`, { "accept-language": "zh-CN" });
    expect(fr.headers.get("content-language")).toBe("fr");
    const html = await fr.text();
    const rate = new Intl.NumberFormat("fr", { style: "percent" }).format(0.08); // "8 %" with a narrow no-break space
    for (const text of ["Reçu", "Sous-total", "Remboursement", "Payé net", `TVA (${rate})`]) expect(html, text).toContain(text);
  });

  it("opens only with the right key for that merchant and bill", async () => {
    const key = new URL(receipt, "https://t.test").searchParams.get("k")!;
    const base = `/receipt/${shop.merchantId}/${billId}`;
    const other = await writeBill(shop, [{ amount: 1000 }]);
    const flipped = (key[0] === "A" ? "B" : "A") + key.slice(1);
    const stranger = await newShop();
    for (const path of [
      base,
      `${base}?k=`,
      `${base}?k=${flipped}`,
      `${base}?k=${key.slice(0, -2)}`,
      `/receipt/${shop.merchantId}/${other.billId}?k=${key}`, // another bill with this bill's key
      `/receipt/${stranger.merchantId}/${billId}?k=${await receiptKey(env, stranger.merchantId, billId)}`, // signed, but not that merchant's bill
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain("Receipt not found");
      expect(html).not.toContain("Roast duck");
    }
    expect((await get(`/receipt/${shop.merchantId}/${other.billId}?k=${await receiptKey(env, shop.merchantId, other.billId)}`)).status).toBe(200);
  });

  it("each payment that took money has its own receipt: what that guest paid, tipped and got back, then the whole bill", async () => {
    expect(paymentReceipt).toBe(`/receipt/${shop.merchantId}/${billId}/${paymentId}?k=${await receiptKey(env, shop.merchantId, billId, paymentId)}`);
    const res = await get(paymentReceipt, { "accept-language": "en" });
    expect(res.status).toBe(200);
    const html = await res.text();
    const eur = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(minor / 100);
    for (const text of ["Payment receipt", "This payment", "Towards the bill", "Charged", "The whole bill", "(this payment)", "Duck was cold", "Roast duck", "AlipayHK", eur(total + 600), eur(600)]) {
      expect(html, text).toContain(text);
    }
    // Paid at 19:55 Shanghai time: the store's zone.
    expect(html).toContain(new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(OPENED + 3_000_000)));
    expect((await (await get(paymentReceipt, { "accept-language": "fr" })).text())).toContain("Reçu de paiement");
  });

  it("a payment's receipt opens only with that payment's key, and only once it took money", async () => {
    const billKey = new URL(receipt, "https://t.test").searchParams.get("k")!;
    const { billId: otherBill, payments: [pending, paid] } = await writeBill(shop, [{ amount: 500, state: "pending" }, { amount: 700 }]);
    const signed = async (bill: string, payment: string) => `/receipt/${shop.merchantId}/${bill}/${payment}?k=${await receiptKey(env, shop.merchantId, bill, payment)}`;
    for (const path of [
      `/receipt/${shop.merchantId}/${billId}/${paymentId}?k=${billKey}`, // the bill's key is not the payment's
      `/receipt/${shop.merchantId}/${billId}/${paid!.id}?k=${await receiptKey(env, shop.merchantId, billId, paid!.id)}`, // a payment of another bill
      await signed(otherBill, pending!.id), // signed, but it took no money
      `/receipt/${shop.merchantId}/${otherBill}/${paid!.id}?k=${new URL(paymentReceipt, "https://t.test").searchParams.get("k")}`, // another payment's key
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("Receipt not found");
    }
    expect((await get(await signed(otherBill, paid!.id))).status).toBe(200);
    // The console's bill lists receipts only for payments that took money.
    const detail = (await shop.client.get(`/api/merchants/${shop.merchantId}/bills/${otherBill}`)).body;
    expect(Object.keys(detail.paymentReceipts)).toEqual([paid!.id]);
  });

  it("receiptUrl gives the full link on the public origin", async () => {
    const url = await receiptUrl(env, shop.merchantId, billId);
    expect(url).toBe(`${new URL(env.PUBLIC_ORIGIN!).origin}${receipt}`);
  });
});
