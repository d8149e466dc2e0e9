// Staff and owners for the browser journeys: a new owner signed up through the API, the demo's
// staff signed in (through the API, or on the staff board's own form), and the demo's tables
// freed before a journey takes one.
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** The demo seed's staff password (owner@, manager@, waiter@, kitchen@demo.test). */
export const DEMO_PASSWORD = "tableside-demo";

export interface NewOwner {
  business: string;
  email: string;
  ownerName: string;
  store: { name: string; timeZone: string; currency: string; languages: string[] };
  password?: string;
}

/** Signs an owner up in `context` (its cookies stay there for the console). */
export async function signUpOwner(context: BrowserContext, owner: NewOwner) {
  const res = await context.request.post("/api/auth/signup", {
    data: { businessName: owner.business, email: owner.email, password: owner.password ?? "correct horse battery", ownerName: owner.ownerName, store: owner.store },
  });
  expect(res.status(), await res.text()).toBe(201);
  const me = (await res.json()) as { csrfToken: string; memberships: { merchantId: string; merchantSlug: string }[] };
  const { merchantId, merchantSlug } = me.memberships[0]!;
  return { merchantId, merchantSlug, csrfToken: me.csrfToken, headers: { "x-csrf-token": me.csrfToken } };
}

/** A demo staff member's API session outside the browser: their merchant and the headers to send. */
export async function staffApi(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status, email).toBe(200);
  const me = (await login.json()) as { csrfToken: string; memberships: { merchantId: string | null }[] };
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const merchantId = me.memberships.find((m) => m.merchantId)!.merchantId!;
  return { merchantId, headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": "application/json" } };
}

/** Closes any session on the demo table `tableName`, in case an earlier run left one there. */
export async function freeDemoTable(baseUrl: string, tableName: string) {
  const { merchantId, headers } = await staffApi(baseUrl, "waiter@demo.test");
  const stores = (await (await fetch(`${baseUrl}/api/merchants/${merchantId}/stores`, { headers })).json()) as { stores: { id: string }[] };
  for (const store of stores.stores) {
    const floor = (await (await fetch(`${baseUrl}/api/merchants/${merchantId}/stores/${store.id}/floor`, { headers })).json()) as {
      view: { tables: { tableId: string; tableName: string; status: string }[] };
    };
    const card = floor.view.tables.find((t) => t.tableName === tableName && t.status !== "free");
    if (card) await fetch(`${baseUrl}/api/merchants/${merchantId}/stores/${store.id}/floor/tables/${card.tableId}/close`, { method: "POST", headers, body: "{}" });
  }
}

/** Signs in on the staff board's own form and waits until the board is live. */
export async function openStaffBoard(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/staff/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".st-conn.st-live").waitFor({ timeout: 15_000 });
}

/** A table's tile on the staff board. */
export const tileOf = (page: Page, tableName: string) =>
  page.locator(".st-tile", { has: page.locator(".st-tile-name", { hasText: new RegExp(`^${tableName}$`) }) });
