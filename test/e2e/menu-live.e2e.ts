import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { join } from "node:path";
import { collectPageErrors, launchBrowser, newPhoneContext, RESULTS_DIR, screenshotOnFailure } from "../support/browser.mjs";

// Issue 8 §1: what guests see is what they pay. A phone has the table page open with dishes in
// the cart; the owner changes a price and the kitchen marks a dish sold out; the open page shows
// both at once (dish card and cart line), and a send at prices the page did not show is refused.
// The demo menu is shared with other journeys: every change here is undone in afterAll.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
const table = seed.tables[1]!;

interface Staff {
  headers: Record<string, string>;
  merchantId: string;
  storeId: string;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
let owner: Staff;
const dish = { edamame: "", cucumber: "" };

async function login(email: string): Promise<Staff> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "tableside-demo" }),
  });
  const me = (await res.json()) as { csrfToken: string; memberships: { merchantId: string | null }[] };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const merchantId = me.memberships.find((m) => m.merchantId)!.merchantId!;
  const headers = { cookie, "x-csrf-token": me.csrfToken, "content-type": "application/json" };
  const stores = (await (await fetch(`${baseUrl}/api/merchants/${merchantId}/stores`, { headers })).json()) as { stores: { id: string }[] };
  return { headers, merchantId, storeId: stores.stores[0]!.id };
}

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api/merchants/${owner.merchantId}${path}`, { method, headers: owner.headers, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json() as Promise<any>;
}

const setPrice = (id: string, price: number) => api("PATCH", `/menu/dishes/${id}`, { price });
const setSoldOut = (id: string, soldOut: boolean) => api("PUT", `/menu/dishes/${id}/sold-out`, { storeId: owner.storeId, soldOut });

interface Card {
  tableId: string;
  tableName: string;
  status: string;
  calls: { id: string }[];
}
const floorCards = async () => ((await api("GET", `/stores/${owner.storeId}/floor`)) as { view: { tables: Card[] } }).view.tables;
/** Where the party was moved to (freed again after the journey). */
let movedTo = "";

/** Frees the table (and the one the party moved to), in case an earlier run left a session on it. */
async function freeTable() {
  for (const card of await floorCards()) {
    if ((card.tableName === table.name || card.tableName === movedTo) && card.status !== "free") {
      await api("POST", `/stores/${owner.storeId}/floor/tables/${card.tableId}/close`, {});
    }
  }
}

/** What the phone's screen shows (360 px wide), not the whole page. */
const shot = (name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

/** Scrolls to the first element matching `selector` (and `text`); in one step, as the cart is rebuilt on every change. */
const scrollTo = (selector: string, text = "") =>
  page.evaluate(
    ([sel, t]) => Array.from(document.querySelectorAll(sel!)).find((el) => el.textContent?.includes(t!))?.scrollIntoView({ block: "center" }),
    [selector, text],
  );

const live = () => page.locator("#table-live");
const bar = () => page.locator(".lv-bar");
const card = (id: string) => page.locator(`#d-${id}`);
const line = (name: string) => live().locator(".lv-group .lv-lines li", { hasText: name });

beforeAll(async () => {
  owner = await login("owner@demo.test");
  const menu = (await api("GET", "/menu")) as { categories: { dishes: { id: string; name: Record<string, string> }[] }[] };
  const find = (en: string) => menu.categories.flatMap((c) => c.dishes).find((d) => d.name.en === en)!.id;
  dish.edamame = find("Salted edamame");
  dish.cucumber = find("Smashed cucumber salad");
  await freeTable();
  browser = await launchBrowser();
  context = await newPhoneContext(browser, { baseURL: baseUrl });
  page = await context.newPage();
  errors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  if (!owner) return;
  await setPrice(dish.edamame, 550).catch(() => undefined);
  await setSoldOut(dish.cucumber, false).catch(() => undefined);
  await freeTable().catch(() => undefined);
});

describe("menu changes reach an open table page live", () => {
  it("the sticky bar says the page is live, and an Add says it went to the table's cart", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-add"));
    await page.goto(`/q/${table.code}`);
    await bar().locator(".lv-conn-live").waitFor({ timeout: 15_000 });
    expect(await bar().textContent()).toContain("Live");
    await card(dish.edamame).locator("button[data-add]").click();
    await expect.poll(() => bar().textContent()).toContain("Added to the table's cart: Salted edamame");
    // Nothing floats over the page: the old toast stays empty.
    expect(await page.locator("#toast").textContent()).toBe("");
    await card(dish.cucumber).locator("button[data-add]").click();
    await line("Smashed cucumber salad").waitFor();
    expect(await line("Salted edamame").locator(".lv-price").textContent()).toMatch(/5[.,]50/);
    await shot("menu-live-1-added");
  });

  it("a dish marked sold out is dimmed and marked at once, Add disabled, and its cart line flagged", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-sold-out"));
    const started = Date.now();
    await setSoldOut(dish.cucumber, true);
    await card(dish.cucumber).locator(".state", { hasText: "Sold out" }).waitFor({ timeout: 2000 });
    await line("Smashed cucumber salad").locator(".lv-warn", { hasText: "Sold out" }).waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await card(dish.cucumber).getAttribute("class")).toContain("off");
    expect(await card(dish.cucumber).locator("button[data-add]:not([disabled]):visible").count()).toBe(0);
    expect(await live().locator("button.lv-send").isDisabled()).toBe(true);
    await scrollTo("#table-live .lv-lines li", "Smashed cucumber salad");
    await shot("menu-live-2-sold-out");
    await scrollTo(`#d-${dish.cucumber}`);
    await shot("menu-live-2b-sold-out-card");

    await setSoldOut(dish.cucumber, false);
    await card(dish.cucumber).locator("button[data-add]:not([disabled])").waitFor({ timeout: 2000 });
    await expect.poll(() => line("Smashed cucumber salad").locator(".lv-warn").count(), { timeout: 2000 }).toBe(0);
    expect(await card(dish.cucumber).locator(".state").count()).toBe(0);
  });

  it("a price change shows on the dish card and the cart line, marked as changed", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-price"));
    await setPrice(dish.edamame, 620);
    await expect.poll(() => card(dish.edamame).locator(".price").textContent(), { timeout: 2000 }).toMatch(/6[.,]20/);
    await expect.poll(() => line("Salted edamame").locator(".lv-price").textContent(), { timeout: 2000 }).toMatch(/6[.,]20/);
    expect(await line("Salted edamame").locator(".lv-was").textContent()).toMatch(/Price changed: .*5[.,]50.*6[.,]20/);
    await scrollTo("#table-live .lv-lines li", "Salted edamame");
    await shot("menu-live-3-price-changed");
  });

  it("a send made at prices the page no longer shows is refused with the new total; the next one goes", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-refused"));
    await context.setOffline(true);
    await expect.poll(() => bar().textContent(), { timeout: 10_000 }).toContain("Offline");
    await live().locator("button.lv-send").click();
    // What waits to be sent is listed, and the bar says so while scrolling the menu.
    await expect.poll(() => live().locator(".lv-queue").textContent()).toContain("Send the order");
    expect(await bar().textContent()).toContain("1 waiting to send");
    await scrollTo("#table-live .lv-queue");
    await shot("menu-live-4-offline-queue");

    // Meanwhile the owner raises the price again; the page only learns of it when back online.
    await setPrice(dish.edamame, 700);
    await context.setOffline(false);
    await expect.poll(() => live().locator(".lv-note").textContent(), { timeout: 20_000 }).toContain("Prices changed. Please check the cart and send again.");
    const note = (await live().locator(".lv-note").textContent()) ?? "";
    expect(note).toMatch(/13[.,]50/);
    await expect.poll(() => line("Salted edamame").locator(".lv-price").textContent()).toMatch(/7[.,]00/);
    await scrollTo("#table-live .lv-total");
    await shot("menu-live-5-prices-changed");

    await live().locator("button.lv-send").click();
    await expect.poll(() => live().locator(".lv-round").count(), { timeout: 10_000 }).toBe(1);
    expect(await live().locator(".lv-round").textContent()).toContain("Salted edamame");
    expect(await live().locator(".lv-total", { hasText: "Ordered so far" }).textContent()).toMatch(/13[.,]50/);
    // Only what going offline on purpose caused.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")));
    expect(errors).toEqual([]);
  });

  it("'The staff have been told' gives way to 'Seen by staff' once they have", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-call"));
    await live().getByRole("button", { name: "Call waiter" }).click();
    await expect.poll(() => live().locator(".lv-note").textContent()).toBe("The staff have been told");
    const card = (await floorCards()).find((c) => c.tableName === table.name)!;
    await api("POST", `/stores/${owner.storeId}/floor/tables/${card.tableId}/calls/${card.calls[0]!.id}/ack`, {});
    await expect.poll(() => live().textContent(), { timeout: 5000 }).toContain("Seen by staff");
    expect(await live().locator(".lv-note").textContent()).toBe("");
    expect(await live().textContent()).not.toContain("The staff have been told");
  });

  it("after staff move the party, the page header and the cart panel name the same new table", async () => {
    onTestFailed(screenshotOnFailure(() => [page], "menu-live-move"));
    const busy = new Set([seed.tables[0]!.name, seed.tables[2]!.name, seed.tables[Math.floor(seed.tables.length / 2)]!.name, seed.tables.at(-1)!.name]);
    const cards = await floorCards();
    const from = cards.find((c) => c.tableName === table.name)!;
    const to = cards.find((c) => c.status === "free" && !busy.has(c.tableName) && c.tableName !== table.name)!;
    movedTo = to.tableName;
    await api("POST", `/stores/${owner.storeId}/floor/tables/${from.tableId}/move`, { toTableId: to.tableId });
    await expect.poll(() => live().locator(".lv-top strong").textContent(), { timeout: 10_000 }).toContain(to.tableName);
    expect(await page.locator(".top .tbl").textContent()).toBe(await live().locator(".lv-top strong").textContent());
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("menu-live-6-moved-header");
    expect(errors).toEqual([]);
  });
});
