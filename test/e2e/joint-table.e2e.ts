import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { freeDemoTable, openStaffBoard, tileOf } from "./staff";

// Issue 4's journey: three phones at one table see each other's items live, one sends the round,
// a kitchen tablet sees it at once and moves it to served, and every phone sees that.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
// A table the other journeys leave alone: the last one of the demo seed.
const table = seed.tables[seed.tables.length - 1]!;
const NAMES = ["Ana", "Ben", "Chen"];

let browser: Browser;
let phones: Page[] = [];
let kitchen: Page;
let errors: string[][] = [];


const live = (page: Page) => page.locator("#table-live");
const cartLines = (page: Page) => live(page).locator(".lv-group .lv-lines li");
const roundItems = (page: Page) => live(page).locator(".lv-round .lv-lines li");

beforeAll(async () => {
  await freeDemoTable(baseUrl, table.name);
  browser = await launchBrowser();
  for (let i = 0; i < 3; i++) {
    const context = await newPhoneContext(browser, { baseURL: baseUrl });
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    phones.push(page);
  }
  const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
  kitchen = await desk.newPage();
  errors.push(collectPageErrors(kitchen));
});

afterAll(async () => {
  await browser?.close();
});

describe("a joint table", () => {
  it("three phones join the table, name themselves and see each other live", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones, kitchen], "joint-table-join"));
    for (const [i, page] of phones.entries()) {
      await page.goto(`/q/${table.code}`);
      if (i > 0) {
        // The table's party lets each later phone in (issue 7): Ana taps "Let in".
        await live(page).locator(".lv-ask").waitFor({ timeout: 15_000 });
        await live(phones[0]!).getByRole("button", { name: "Let in" }).click({ timeout: 10_000 });
      }
      await live(page).locator(".lv-live").waitFor({ timeout: 15_000 });
      await live(page).getByRole("button", { name: "Change your name" }).click();
      await live(page).getByLabel("Your name").fill(NAMES[i]!);
      await live(page).getByRole("button", { name: "Save" }).click();
      await expect.poll(() => live(page).locator(".lv-who").textContent()).toContain(`${NAMES[i]} (you)`);
    }
    // Everyone sees all three diners, each marked online.
    for (const page of phones) {
      await expect.poll(() => live(page).locator(".lv-d.on").count(), { timeout: 10_000 }).toBe(3);
      expect(await live(page).locator(".lv-who").textContent()).toMatch(/Ana.*Ben.*Chen/);
    }
  });

  it("each adds a dish; everyone sees every line with who added it, and edits show at once", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones], "joint-table-cart"));
    const dishes: string[] = [];
    for (const [i, page] of phones.entries()) {
      // Dishes without options are added with one tap.
      const add = page.locator("article.dish button[data-add]:not([data-options]):not([disabled])").nth(i);
      dishes.push((await add.locator("xpath=ancestor::article[1]").locator("h3").textContent())!.trim());
      await add.click();
    }
    for (const page of phones) {
      await expect.poll(() => cartLines(page).count(), { timeout: 10_000 }).toBe(3);
      const text = (await live(page).locator(".lv-group").allTextContents()).join(" | ");
      for (const [i, dish] of dishes.entries()) {
        expect(text).toContain(NAMES[i]);
        expect(text).toContain(dish);
      }
    }
    // Ben raises his own line; Ana and Chen see 2 × at once. Nobody else can: they get "Take over".
    const ben = phones[1]!;
    const benGroup = live(ben).locator(".lv-group", { hasText: "Ben (you)" });
    await benGroup.getByRole("button", { name: /^One more/ }).click();
    for (const page of [phones[0]!, phones[2]!]) {
      const group = live(page).locator(".lv-group", { hasText: "Ben" });
      await expect.poll(() => group.locator(".lv-name").first().textContent(), { timeout: 10_000 }).toMatch(/^2 × /);
      expect(await group.getByRole("button", { name: "Take over" }).count()).toBe(1);
    }
    await saveScreenshot(phones[0]!, "joint-table-phone-cart");
  });

  it("one phone sends the round; every phone sees it received", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones], "joint-table-send"));
    await live(phones[2]!).getByRole("button", { name: "Send order to the kitchen" }).click();
    for (const page of phones) {
      await expect.poll(() => roundItems(page).count(), { timeout: 10_000 }).toBe(3);
      await expect.poll(() => cartLines(page).count()).toBe(0);
      expect(await roundItems(page).locator(".lv-st").allTextContents()).toEqual(["Received", "Received", "Received"]);
    }
  });

  it("the kitchen sees the round at once and moves every item to served; the guests see it", async () => {
    onTestFailed(screenshotOnFailure(() => [kitchen, ...phones], "joint-table-kitchen"));
    await openStaffBoard(kitchen, "kitchen@demo.test");
    // Kitchen staff land on the kitchen view.
    const tickets: Locator = kitchen.locator("li.st-ticket").filter({ has: kitchen.locator(".st-ticket-top strong", { hasText: new RegExp(`^${table.name}$`) }) });
    await expect.poll(() => tickets.count(), { timeout: 10_000 }).toBe(3);
    await saveScreenshot(kitchen, "joint-table-kitchen");

    // One tap per step: Start → Ready → Served, for each ticket; served items leave the list.
    for (let taps = 0; taps < 9; taps++) {
      const before = await tickets.count();
      if (before === 0) break;
      const first = tickets.first();
      const label = await first.locator("button.st-step").textContent();
      await first.locator("button.st-step").click();
      if (label === "Served") await expect.poll(() => tickets.count(), { timeout: 10_000 }).toBe(before - 1);
      else await expect.poll(() => first.locator("button.st-step").textContent(), { timeout: 10_000 }).not.toBe(label);
    }
    expect(await tickets.count()).toBe(0);

    for (const page of phones) {
      await expect.poll(() => roundItems(page).locator(".lv-st").allTextContents(), { timeout: 10_000 }).toEqual(["Served", "Served", "Served"]);
    }
    await saveScreenshot(phones[1]!, "joint-table-phone-served");
    for (const list of errors) expect(list.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });
});

describe("a phone that loses its connection", () => {
  it("keeps its actions, shows that it is offline, and sends them when it is back", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones], "joint-table-offline"));
    const [ana, ben] = [phones[0]!, phones[1]!];
    const context = ana.context();
    await context.setOffline(true);
    // The socket notices (ping timeout or close) or the next action fails over to HTTP and queues.
    const add = ana.locator("article.dish button[data-add]:not([data-options]):not([disabled])").nth(4);
    await add.click();
    await expect.poll(() => live(ana).locator(".lv-state").textContent(), { timeout: 15_000 }).toMatch(/Offline|Reconnecting/);
    expect(await ana.locator(".lv-bar").textContent()).toContain("waiting to send");
    expect(await cartLines(ben).count()).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => live(ana).locator(".lv-state").textContent(), { timeout: 20_000 }).toBe("Live");
    await expect.poll(() => cartLines(ben).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => cartLines(ana).count()).toBe(1);
    expect(await ana.locator(".lv-bar").textContent()).not.toContain("waiting to send");
  });
});

describe("a waiter ordering for the table", () => {
  it("chooses options, a quantity and a note on the staff board; every phone sees the line and then the round", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones], "joint-table-waiter"));
    const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
    const waiter = await desk.newPage();
    errors.push(collectPageErrors(waiter));
    await openStaffBoard(waiter, "waiter@demo.test");
    await tileOf(waiter, table.name).click();

    const panel = waiter.locator(".st-panel");
    await panel.locator(".st-chip", { hasText: "Noodles and rice" }).click();
    await panel.locator(".st-pick", { hasText: "Braised beef noodle soup" }).click();
    const pad = panel.locator(".st-compose");
    await pad.getByLabel("Large").check();
    await pad.getByLabel("Hot").check();
    await pad.getByLabel("Soft-boiled egg").check();
    await pad.getByRole("button", { name: "One more" }).click();
    await pad.getByLabel("Note for the kitchen").fill("one without coriander");
    await saveScreenshot(waiter, "joint-table-waiter-order-pad");
    // (14.50 + 3.00 large + 1.50 egg) × 2, priced again by the table on the server.
    await pad.getByRole("button", { name: "Add 2 to the cart · €38.00" }).click();
    await panel.locator(".st-picks").waitFor();

    for (const page of phones) {
      const line = cartLines(page).filter({ hasText: "Braised beef noodle soup" });
      await expect.poll(() => line.count(), { timeout: 10_000 }).toBe(1);
      const text = await line.textContent();
      expect(text).toMatch(/^2 × Braised beef noodle soup/);
      expect(text).toContain("Large, Hot, Soft-boiled egg");
      expect(text).toContain("“one without coriander”");
      expect(text).toContain("€38.00");
      expect(await live(page).locator(".lv-group", { hasText: "Wes Waiter" }).count()).toBe(1);
    }

    await panel.getByRole("button", { name: "Send to kitchen" }).click();
    for (const page of phones) {
      await expect.poll(() => roundItems(page).filter({ hasText: "one without coriander" }).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => cartLines(page).count()).toBe(0);
    }
    for (const list of errors) expect(list.filter((e) => e.startsWith("pageerror"))).toEqual([]);
    await desk.close();
  });
});

describe("a guest changing their own line", () => {
  it("edits the options and note in a dialog; another phone sees the new price and note, and who is away", async () => {
    onTestFailed(screenshotOnFailure(() => [...phones], "joint-table-edit-line"));
    const [ana, ben] = [phones[0]!, phones[1]!];
    // The waiter's tablet closed in the journey before: every phone shows the waiter as away.
    await expect.poll(() => live(ben).locator(".lv-d.away").textContent(), { timeout: 10_000 }).toContain("Wes Waiter");
    expect(await live(ben).locator(".lv-d.away").textContent()).toContain("away");

    // Ana adds the soup with its default choice (Regular, Medium) through the menu's dish dialog.
    const soup = ana.locator("article.dish", { has: ana.locator("h3", { hasText: "Braised beef noodle soup" }) });
    await soup.locator("button[data-add]").click();
    await ana.locator("dialog[open] form.dish-form button[type=submit]").click();
    const anaLine = cartLines(ana).filter({ hasText: "Braised beef noodle soup" });
    await expect.poll(() => anaLine.textContent(), { timeout: 10_000 }).toContain("€14.50");

    await anaLine.getByRole("button", { name: /^Edit/ }).click();
    const dialog = ana.getByRole("dialog", { name: "Braised beef noodle soup" });
    await dialog.waitFor();
    // The dialog starts from the line as it is.
    expect(await dialog.getByLabel("Regular").isChecked()).toBe(true);
    expect(await dialog.getByLabel("Medium").isChecked()).toBe(true);
    await dialog.getByLabel("Large").check();
    await dialog.getByLabel("Hot").check();
    await dialog.getByLabel("Extra beef").check();
    await dialog.getByLabel("Note for the kitchen").fill("no coriander please");
    // (14.50 + 3.00 large + 4.00 beef) × 1
    await saveScreenshot(ana, "joint-table-edit-line-dialog");
    await dialog.getByRole("button", { name: "Save · €21.50" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10_000 });

    for (const page of [ben, ana]) {
      const line = cartLines(page).filter({ hasText: "Braised beef noodle soup" });
      await expect.poll(() => line.textContent(), { timeout: 10_000 }).toContain("€21.50");
      const text = await line.textContent();
      expect(text).toContain("Large, Hot, Extra beef");
      expect(text).toContain("“no coriander please”");
    }
    // Ben may not edit Ana's line: he only gets "Take over".
    const anaGroupOnBen = live(ben).locator(".lv-group", { hasText: "Ana" });
    expect(await anaGroupOnBen.getByRole("button", { name: /^Edit/ }).count()).toBe(0);
    for (const list of errors) expect(list.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });
});
