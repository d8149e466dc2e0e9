import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { openStaffBoard, staffApi, tileOf } from "./staff";

// Issue 7's journey: a phone of the previous party sat here; staff freed the table. Phone A opens
// it, phone B asks and is let in with one tap, phone C joins with the code A sees, and the old
// party's phone is turned away.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
// A table the other journeys leave alone.
const table = seed.tables[seed.tables.length - 2]!;

let browser: Browser;
let old: Page;
let a: Page;
let b: Page;
let c: Page;
let fr: Page;
let zh: Page;
const errors: string[][] = [];

/** The waiter's API: the floor card of our table, and closing its session. */
async function waiterApi() {
  const { merchantId, headers } = await staffApi(baseUrl, "waiter@demo.test");
  const stores = (await (await fetch(`${baseUrl}/api/merchants/${merchantId}/stores`, { headers })).json()) as { stores: { id: string }[] };
  const card = async () => {
    const seen: unknown[] = [stores];
    for (const store of stores.stores ?? []) {
      const floor = (await (await fetch(`${baseUrl}/api/merchants/${merchantId}/stores/${store.id}/floor`, { headers })).json()) as {
        view: { tables: { tableId: string; tableName: string; status: string }[] };
      };
      seen.push(floor);
      const found = floor.view?.tables.find((t) => t.tableName === table.name);
      if (found) return { storeId: store.id, ...found };
    }
    throw new Error(`table ${table.name} not on any floor: ${JSON.stringify(seen).slice(0, 300)}`);
  };
  const close = async () => {
    const t = await card();
    if (t.status === "free") return;
    await fetch(`${baseUrl}/api/merchants/${merchantId}/stores/${t.storeId}/floor/tables/${t.tableId}/close`, { method: "POST", headers, body: "{}" });
  };
  /** Acknowledges the table's open calls (so later journeys' boards start clean). */
  const ackCalls = async () => {
    const t = (await card()) as Awaited<ReturnType<typeof card>> & { calls?: { id: string }[] };
    for (const call of t.calls ?? []) {
      await fetch(`${baseUrl}/api/merchants/${merchantId}/stores/${t.storeId}/floor/tables/${t.tableId}/calls/${call.id}/ack`, { method: "POST", headers, body: "{}" });
    }
  };
  return { card, close, ackCalls };
}

const live = (page: Page) => page.locator("#table-live");
const phone = async () => {
  const context = await newPhoneContext(browser, { baseURL: baseUrl });
  const page = await context.newPage();
  errors.push(collectPageErrors(page));
  return page;
};

beforeAll(async () => {
  await (await waiterApi()).close();
  browser = await launchBrowser();
  [old, a, b, c] = [await phone(), await phone(), await phone(), await phone()];
});

afterAll(async () => {
  await browser?.close();
});

describe("only the party joins the table", () => {
  it("a phone of the previous party sat here; staff freed the table; phone A opens it", async () => {
    onTestFailed(screenshotOnFailure(() => [old, a], "admission-open"));
    await old.goto(`/q/${table.code}`);
    await live(old).locator(".lv-live").waitFor({ timeout: 15_000 });
    await (await waiterApi()).close();
    await live(old).getByRole("button", { name: "Start a new order" }).waitFor({ timeout: 10_000 });

    await a.goto(`/q/${table.code}`);
    await live(a).locator(".lv-live").waitFor({ timeout: 15_000 });
    await expect.poll(() => live(a).locator("[data-join-code]").count()).toBe(1);
  });

  it("phone B asks to join and is let in with one tap on phone A", async () => {
    onTestFailed(screenshotOnFailure(() => [a, b], "admission-let-in"));
    await b.goto(`/q/${table.code}`);
    await live(b).locator(".lv-ask").waitFor({ timeout: 15_000 });
    expect(await live(b).textContent()).toContain("Asking to join table");
    // Nothing of the session shows while waiting.
    expect(await live(b).locator(".lv-who, .lv-group, .lv-round").count()).toBe(0);
    await saveScreenshot(b, "admission-waiting");
    const prompt = live(a).locator(".lv-letin");
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).toContain("A new guest wants to join");
    await saveScreenshot(a, "admission-let-in-prompt");
    await prompt.getByRole("button", { name: "Let in" }).click();
    await live(b).locator(".lv-live").waitFor({ timeout: 15_000 });
    await expect.poll(() => live(b).locator(".lv-who .lv-d").count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => live(a).locator(".lv-letin").count()).toBe(0);
  });

  it("phone C joins by typing the code shown on phone A", async () => {
    onTestFailed(screenshotOnFailure(() => [a, c], "admission-code"));
    const code = (await live(a).locator("[data-join-code]").getAttribute("data-join-code"))!;
    await c.goto(`/q/${table.code}`);
    await live(c).locator(".lv-ask").waitFor({ timeout: 15_000 });
    const wrong = code === "000000" ? "111111" : "000000";
    await live(c).getByLabel("Join code").fill(wrong);
    await live(c).getByRole("button", { name: "Join", exact: true }).click();
    await expect.poll(() => live(c).locator(".lv-bad-note").textContent()).toContain("not this table's code");
    await live(c).getByLabel("Join code").fill(code);
    await live(c).getByRole("button", { name: "Join", exact: true }).click();
    await live(c).locator(".lv-live").waitFor({ timeout: 15_000 });
    await expect.poll(() => live(a).locator(".lv-who .lv-d").count(), { timeout: 10_000 }).toBe(3);
    // Phone A dismisses the request C left behind only by its own answer: none is pending now.
    expect(await live(a).locator(".lv-letin").count()).toBe(0);
  });

  it("the previous party's phone asks again and is refused", async () => {
    onTestFailed(screenshotOnFailure(() => [a, old], "admission-refused"));
    await live(old).getByRole("button", { name: "Start a new order" }).click();
    await live(old).locator(".lv-ask").waitFor({ timeout: 15_000 });
    await live(a).locator(".lv-letin").getByRole("button", { name: "Not now" }).click({ timeout: 10_000 });
    await expect.poll(() => live(old).textContent(), { timeout: 10_000 }).toContain("You were not let in");
    expect(await live(old).locator(".lv-who, .lv-group, .lv-round").count()).toBe(0);
    await saveScreenshot(old, "admission-refused");
    expect((await (await waiterApi()).card()).status).toBe("open");
    // Page errors: none, but phone C's wrong code, refused with 403 as it should be.
    const [oldErrors, aErrors, bErrors, cErrors] = errors;
    for (const list of [oldErrors, aErrors, bErrors]) expect(list).toEqual([]);
    expect(cErrors).toEqual(["console: Failed to load resource: the server responded with a status of 403 (Forbidden)"]);
  });

  it("speaks the guest's language: asking in French, let in, then a Chinese phone's request shown in French", async () => {
    onTestFailed(screenshotOnFailure(() => [a, fr, zh], "admission-languages"));
    const panel = (page: Page, name: string) => live(page).screenshot({ path: `test-results/${name}.png` });
    fr = await phone();
    zh = await phone();
    await fr.goto(`/q/${table.code}?lang=fr`);
    await live(fr).locator(".lv-ask").waitFor({ timeout: 15_000 });
    expect(await live(fr).textContent()).toContain("Demande pour rejoindre la table");
    await panel(fr, "admission-fr-waiting");
    await live(a).locator(".lv-letin").getByRole("button", { name: "Let in" }).click({ timeout: 10_000 });
    await live(fr).locator(".lv-live").waitFor({ timeout: 15_000 });

    await zh.goto(`/q/${table.code}?lang=zh-CN`);
    await live(zh).locator(".lv-ask").waitFor({ timeout: 15_000 });
    expect(await live(zh).textContent()).toContain("正在申请加入");
    await panel(zh, "admission-zh-waiting");
    const prompt = live(fr).locator(".lv-letin");
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).toContain("Un nouveau convive veut rejoindre la table");
    expect(await live(fr).locator(".lv-code").textContent()).toContain("Code pour vos amis");
    await panel(fr, "admission-fr-let-in");
    await panel(a, "admission-en-let-in");
    await prompt.getByRole("button", { name: "Pas maintenant" }).click();
    await expect.poll(() => live(zh).textContent(), { timeout: 10_000 }).toContain("未获准加入");
    await panel(zh, "admission-zh-refused");
  });

  it("a waiter sees a phone asking to join on the board and lets it in", async () => {
    const g = await phone();
    const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
    const waiter = await desk.newPage();
    onTestFailed(screenshotOnFailure(() => [waiter, g], "admission-staff"));
    await g.goto(`/q/${table.code}`);
    await live(g).locator(".lv-ask").waitFor({ timeout: 15_000 });
    await live(g).getByRole("button", { name: "Ask the staff for help" }).click();
    await expect.poll(() => live(g).textContent()).toContain("The staff have been told");

    await openStaffBoard(waiter, "waiter@demo.test");
    const tile = tileOf(waiter, table.name);
    await expect.poll(() => tile.textContent(), { timeout: 10_000 }).toContain("1 asking to join");
    expect(await waiter.locator(".st-calls").textContent()).toContain("A guest waiting to join asks for help");
    await tile.click();
    const panel = waiter.locator(".st-admission");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("asks for help");
    await saveScreenshot(waiter, "admission-staff-board");
    await panel.getByRole("button", { name: "Let in" }).click();
    await live(g).locator(".lv-live").waitFor({ timeout: 15_000 });
    await expect.poll(() => tile.textContent(), { timeout: 10_000 }).not.toContain("asking to join");
  });

  it("closing the store pauses the seated table at once, in the guest's language; reopening resumes it", async () => {
    onTestFailed(screenshotOnFailure(() => [fr], "admission-paused"));
    const { headers } = await staffApi(baseUrl, "owner@demo.test");
    const { storeId } = await (await waiterApi()).card();
    const setStatus = (status: string) =>
      fetch(`${baseUrl}/api/merchants/${seed.merchant.id}/stores/${storeId}`, { method: "PATCH", headers, body: JSON.stringify({ status }) });
    try {
      expect((await setStatus("closed")).status).toBe(200);
      await expect.poll(() => live(fr).locator(".lv-paused").textContent(), { timeout: 10_000 }).toContain("Le restaurant ne prend plus de commandes");
      await live(fr).screenshot({ path: "test-results/admission-fr-paused.png" });
    } finally {
      await setStatus("open");
    }
    await expect.poll(() => live(fr).locator(".lv-paused").count(), { timeout: 10_000 }).toBe(0);
  });

  it("a phone without JavaScript calls a waiter with the plain form at the top of the page", async () => {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    onTestFailed(screenshotOnFailure(() => [page], "admission-nojs"));
    await page.goto(`/q/${table.code}`);
    const button = page.locator("#nojs").getByRole("button", { name: "Call a waiter" });
    expect(await button.isVisible()).toBe(true);
    await page.locator("#nojs").screenshot({ path: "test-results/admission-nojs-form.png" });
    await button.click();
    await page.getByRole("heading", { name: "A waiter is on the way" }).waitFor();
    await page.screenshot({ path: "test-results/admission-nojs-told.png" });
    expect(page.url()).toContain(`/q/${table.code}/call`);
    await page.getByRole("link", { name: "Back to the menu" }).click();
    await page.locator("#nojs").waitFor();
    const api = await waiterApi();
    await expect.poll(async () => ((await api.card()) as { calls?: { kind: string }[] }).calls?.map((c) => c.kind)).toContain("waiter");
    await api.ackCalls();
  });
});
