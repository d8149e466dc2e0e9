// Setup for the payments journeys (test/e2e/payments.e2e.ts), through the API as the other
// journeys set up theirs: a merchant of its own (so the demo store's payment settings stay as
// they are), a small menu, two tables, payment settings with tax added and a service charge (so
// the receipt has those lines), and a waiter who signs in on the staff board later.
import type { BrowserContext } from "playwright-core";
import { expect } from "vitest";
import { signUpOwner } from "./staff";

export interface PayMerchant {
  merchantId: string;
  storeId: string;
  business: string;
  tables: { name: string; code: string }[];
  dishes: { name: string; price: number }[];
  waiter: { email: string; password: string };
  settings: { serviceBp: number; taxBp: number; tipPresetsBp: number[] };
}

const PASSWORD = "correct horse battery";

/** Signs the owner up in `owner` (its cookies stay there for the console) and builds the store. */
export async function payMerchant(owner: BrowserContext, baseUrl: string, run: string): Promise<PayMerchant> {
  const business = `Pay Bistro ${run}`;
  const { merchantId, headers } = await signUpOwner(owner, {
    business,
    email: `owner-${run}@payments.test`,
    password: PASSWORD,
    ownerName: "Odile Owner",
    store: { name: "Quai", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] },
  });
  const api = `/api/merchants/${merchantId}`;

  const stores = await (await owner.request.get(`${api}/stores`)).json();
  const storeId: string = stores.stores[0].id;

  const settings = { serviceBp: 500, taxBp: 1000, tipPresetsBp: [500, 1000, 1500] };
  const patched = await owner.request.patch(`${api}/stores/${storeId}/payment-settings`, {
    headers,
    data: { tax: { kind: "added", rateBp: settings.taxBp }, serviceBp: settings.serviceBp, tipPresetsBp: settings.tipPresetsBp },
  });
  expect(patched.status(), await patched.text()).toBe(200);

  const category = await (await owner.request.post(`${api}/menu/categories`, { headers, data: { name: { en: "Plates" } } })).json();
  const dishes = [
    { name: "Duck confit", price: 1850 },
    { name: "Green salad", price: 950 },
    { name: "Onion soup", price: 1100 },
  ];
  for (const d of dishes) {
    const res = await owner.request.post(`${api}/menu/dishes`, { headers, data: { categoryId: category.category.id, name: { en: d.name }, description: { en: "Today's." }, price: d.price } });
    expect(res.status()).toBe(201);
  }

  const tables: { name: string; code: string }[] = [];
  for (const name of ["P1", "P2"]) {
    const res = await owner.request.post(`${api}/stores/${storeId}/tables`, { headers, data: { name } });
    expect(res.status()).toBe(201);
    tables.push({ name, code: (await res.json()).table.code });
  }

  // The waiter: invited by the owner, accepted with a password (outside the browser; the waiter
  // signs in on the staff board through its form).
  const waiter = { email: `waiter-${run}@payments.test`, password: PASSWORD };
  const invite = await owner.request.post(`${api}/staff/invitations`, { headers, data: { email: waiter.email, name: "Wes Waiter", role: "waiter" } });
  expect(invite.status()).toBe(201);
  const token = new URL((await invite.json()).inviteUrl).pathname.split("/").pop()!;
  const accepted = await fetch(`${baseUrl}/api/auth/invitations/${token}/accept`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ password: waiter.password }),
  });
  expect(accepted.status, await accepted.clone().text()).toBe(200);

  return { merchantId, storeId, business, tables, dishes, waiter, settings };
}
