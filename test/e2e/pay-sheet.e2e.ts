import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, RESULTS_DIR, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { freeDemoTable, openStaffBoard, tileOf } from "./staff";

// Issue 10's guest experience before any money moves, on 360 px phones: the table's bill appears
// live once a round is sent, and the pay sheet says what every way to pay costs (whole bill, even
// split, my items, a custom amount, with a tip) before the guest commits, by keyboard, in the
// guest's language. The staff board shows the table's payment state.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
// A table the other journeys leave alone.
const table = seed.tables[7]!;

let browser: Browser;
let ana: Page;
let ben: Page;
const errors: string[][] = [];

/** What the screen shows (the sheet is a dialog over the page; saveScreenshot takes the whole page). */
const screen = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

const live = (page: Page) => page.locator("#table-live");
const sheet = (page: Page, name = "Pay the bill") => page.getByRole("dialog", { name });
const footer = (page: Page) => sheet(page).locator(".py-total");

/** "€12.50" → 1250 (the demo store's currency is EUR). */
const minor = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);
const eur = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(minor / 100);

async function joinTable(page: Page, name: string, letIn: Page | null, labels = { rename: "Change your name", name: "Your name", save: "Save" }) {
  await page.goto(`/q/${table.code}`);
  if (letIn) {
    await live(page).locator(".lv-ask").waitFor({ timeout: 15_000 });
    await live(letIn).getByRole("button", { name: "Let in" }).click({ timeout: 10_000 });
  }
  await live(page).locator(".lv-live").waitFor({ timeout: 15_000 });
  await live(page).getByRole("button", { name: labels.rename }).click();
  await live(page).getByLabel(labels.name).fill(name);
  await live(page).getByRole("button", { name: labels.save }).click();
  await expect.poll(() => live(page).locator(".lv-who").textContent()).toContain(name);
}

/** Every visible control in `root` smaller than 44 px high (a radio or checkbox counts by its label). */
function smallControls(root: Locator) {
  return root.evaluate((el) => {
    const small: string[] = [];
    for (const c of Array.from(el.querySelectorAll<HTMLElement>("button, input, select, textarea"))) {
      const target = (c.matches("input[type=radio], input[type=checkbox]") && c.closest("label")) || c;
      const box = target.getBoundingClientRect();
      if (box.width && box.height < 44) small.push(`${c.tagName}.${c.className} ${box.height}`);
    }
    return small;
  });
}

/** The element with keyboard focus, as "radio:whole" or the button's text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return "";
    return el.tagName === "INPUT" ? `${el.type}:${el.value}` : (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
  });

let dishes: { name: string; price: number }[] = [];
let total = 0;

beforeAll(async () => {
  await freeDemoTable(baseUrl, table.name);
  browser = await launchBrowser();
  for (const locale of ["en-GB", "en-GB"]) {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, locale });
    const page = await context.newPage();
    errors.push(collectPageErrors(page));
    if (!ana) ana = page;
    else ben = page;
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("the bill on the table page", () => {
  it("appears live on every phone once a round is sent: total, what is left, a Pay button", async () => {
    onTestFailed(screenshotOnFailure(() => [ana, ben], "pay-sheet-bill"));
    await joinTable(ana, "Ana", null);
    await joinTable(ben, "Ben", ana);
    for (const [i, page] of [ana, ben].entries()) {
      const add = page.locator("article.dish button[data-add]:not([data-options]):not([disabled])").nth(i);
      const article = add.locator("xpath=ancestor::article[1]");
      dishes.push({ name: (await article.locator("h3").textContent())!.trim(), price: minor((await article.locator(".price").first().textContent())!) });
      await add.click();
    }
    await expect.poll(() => live(ana).locator(".lv-group .lv-lines li").count(), { timeout: 10_000 }).toBe(2);
    // Nothing sent yet: no bill.
    expect(await live(ana).locator(".py-sum").count()).toBe(0);
    await live(ana).getByRole("button", { name: "Send order to the kitchen" }).click();

    total = dishes[0]!.price + dishes[1]!.price;
    for (const page of [ana, ben]) {
      const bill = live(page).locator(".py-sum");
      await bill.waitFor({ timeout: 15_000 });
      expect(await bill.getByRole("heading").textContent()).toBe("The bill");
      expect(await bill.locator("dt").allTextContents()).toEqual(["Bill total", "Left to pay"]);
      expect(await bill.locator("dd").allTextContents()).toEqual([eur(total), eur(total)]);
      expect(await bill.getByRole("button", { name: `Pay · ${eur(total)} left` }).isVisible()).toBe(true);
    }
    await live(ana).locator(".py-sum").scrollIntoViewIfNeeded();
    await saveScreenshot(ana, "pay-sheet-1-bill");
  });
});

describe("the pay sheet at 360 px, by keyboard", () => {
  it("opens from the Pay button with Enter and starts on the whole bill, priced", async () => {
    onTestFailed(screenshotOnFailure(() => [ana], "pay-sheet-open"));
    await live(ana).getByRole("button", { name: /^Pay · / }).focus();
    await ana.keyboard.press("Enter");
    const dlg = sheet(ana);
    await dlg.waitFor();
    expect(await dlg.locator(".py-sub").textContent()).toBe(`${eur(total)} left to pay of ${eur(total)}`);
    const whole = dlg.getByRole("radio", { name: /The whole bill/ });
    expect(await whole.isChecked()).toBe(true);
    expect(await dlg.locator(".py-opt", { has: ana.getByRole("radio", { name: /The whole bill/ }) }).locator(".py-amt").textContent()).toBe(eur(total));
    expect(await footer(ana).textContent()).toBe(`You pay ${eur(total)}(bill ${eur(total)} + tip ${eur(0)})`);
    expect(await dlg.getByRole("button", { name: `Pay ${eur(total)}` }).isEnabled()).toBe(true);
    // Wallets: the store's accepted ones, one chosen.
    const wallets = dlg.getByRole("group", { name: "Pay with" }).getByRole("radio");
    expect(await wallets.count()).toBeGreaterThan(0);
    expect(await dlg.getByRole("group", { name: "Pay with" }).locator("input:checked").count()).toBe(1);
    // Fits the phone: nothing wider than the screen, every control a 44 px target.
    expect(await dlg.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await smallControls(dlg)).toEqual([]);
    await screen(ana, "pay-sheet-2-whole");
  });

  it("splits evenly: arrow keys choose the way, each share's amount shows, the share count changes the price", async () => {
    onTestFailed(screenshotOnFailure(() => [ana], "pay-sheet-split"));
    const dlg = sheet(ana);
    await dlg.getByRole("radio", { name: /The whole bill/ }).focus();
    await ana.keyboard.press("ArrowDown");
    expect(await focused(ana)).toBe("radio:shares");
    expect(await dlg.getByRole("radio", { name: /Split evenly/ }).isChecked()).toBe(true);
    // Two guests: two shares by default, the guest pays the first.
    const half = Math.floor(total / 2);
    const shares = dlg.locator(".py-shares li");
    expect(await shares.allTextContents()).toEqual([`Share 1 · yours${eur(half)}`, `Share 2 · Open${eur(total - half)}`]);
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(half)}`);
    // Three shares, by keyboard: the focus stays on the button after the sheet updates.
    await dlg.getByRole("button", { name: "Split into: One more" }).focus();
    await ana.keyboard.press("Enter");
    expect(await focused(ana)).toBe("Split into: One more");
    const third = Math.floor(total / 3);
    expect(await shares.count()).toBe(3);
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(third)}`);
    await dlg.getByRole("button", { name: "Shares I pay: One more" }).press("Enter");
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(third * 2)}`);
    expect(await dlg.locator(".py-opt", { hasText: "Split evenly" }).locator(".py-amt").textContent()).toBe(eur(third * 2));
    await screen(ana, "pay-sheet-3-split");
  });

  it("my items: the guest's own dish is ticked, another's can be added, the price follows", async () => {
    onTestFailed(screenshotOnFailure(() => [ana], "pay-sheet-items"));
    const dlg = sheet(ana);
    await dlg.getByRole("radio", { name: /Split evenly/ }).focus();
    await ana.keyboard.press("ArrowDown");
    expect(await dlg.getByRole("radio", { name: /My items/ }).isChecked()).toBe(true);
    const mine = dlg.getByRole("checkbox", { name: new RegExp(dishes[0]!.name) });
    const bens = dlg.getByRole("checkbox", { name: new RegExp(dishes[1]!.name) });
    expect(await mine.isChecked()).toBe(true);
    expect(await bens.isChecked()).toBe(false);
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(dishes[0]!.price)}`);
    await bens.focus();
    await ana.keyboard.press("Space");
    expect(await bens.isChecked()).toBe(true);
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(total)}`);
    await screen(ana, "pay-sheet-4-items");
    await ana.keyboard.press("Space");
  });

  it("a custom amount: typed in the guest's way, refused above what is left", async () => {
    onTestFailed(screenshotOnFailure(() => [ana], "pay-sheet-amount"));
    const dlg = sheet(ana);
    await dlg.getByRole("radio", { name: /My items/ }).focus();
    await ana.keyboard.press("ArrowDown");
    const field = dlg.getByLabel(`Amount (at most ${eur(total)})`);
    await field.focus();
    await ana.keyboard.type("5,5");
    expect(await field.inputValue()).toBe("5,5");
    expect(await footer(ana).textContent()).toContain(`You pay ${eur(550)}`);
    await field.fill(String(total));
    await ana.keyboard.type("9");
    expect(await dlg.locator(".py-err").textContent()).toBe(`Enter an amount up to ${eur(total)}.`);
    expect(await dlg.getByRole("button", { name: "Pay", exact: true }).isDisabled()).toBe(true);
    await screen(ana, "pay-sheet-5-amount-refused");
    await field.fill("10");
  });

  it("a tip: the presets show what they add, the total says bill + tip, and Escape closes back to Pay", async () => {
    onTestFailed(screenshotOnFailure(() => [ana], "pay-sheet-tip"));
    const dlg = sheet(ana);
    const tips = dlg.getByRole("group", { name: "Tip" });
    expect(await tips.getByRole("radio", { name: "No tip" }).isChecked()).toBe(true);
    const ten = tips.getByRole("radio", { name: /^10 %/ });
    const tenOption = tips.locator(".py-opt", { has: ana.getByRole("radio", { name: /^10 %/ }) });
    expect(await tenOption.locator(".py-amt").textContent()).toBe(eur(100));
    await ten.focus();
    await ana.keyboard.press("Space");
    expect(await footer(ana).textContent()).toBe(`You pay ${eur(1100)}(bill ${eur(1000)} + tip ${eur(100)})`);
    expect(await dlg.getByRole("button", { name: `Pay ${eur(1100)}` }).isEnabled()).toBe(true);
    // Visible focus: the focused choice is outlined.
    expect(await tenOption.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    await screen(ana, "pay-sheet-6-tip");
    await ana.keyboard.press("Escape");
    await expect.poll(() => dlg.count()).toBe(0);
    expect(await focused(ana)).toMatch(/^Pay · /);
  });
});

describe("the pay sheet in the guest's language", () => {
  for (const [locale, title, how, whole, tip] of [
    ["fr-FR", "Payer l’addition", "Comment payez-vous ?", "Toute l’addition", "Pourboire"],
    ["zh-CN", "支付账单", "怎么付？", "全部账单", "小费"],
  ] as const) {
    it(`${locale}: the sheet and the bill speak it`, async () => {
      const context = await newPhoneContext(browser, { baseURL: baseUrl, locale });
      const page = await context.newPage();
      errors.push(collectPageErrors(page));
      onTestFailed(screenshotOnFailure(() => [page], `pay-sheet-${locale}`));
      await page.goto(`/q/${table.code}`);
      await live(page).locator(".lv-ask").waitFor({ timeout: 15_000 });
      await live(ana).getByRole("button", { name: "Let in" }).click({ timeout: 10_000 });
      await live(page).locator(".py-sum").waitFor({ timeout: 15_000 });
      await live(page).locator(".py-pay").click();
      const dlg = sheet(page, title);
      await dlg.waitFor();
      expect(await dlg.getByRole("group", { name: how }).getByRole("radio", { name: new RegExp(whole) }).isChecked()).toBe(true);
      expect(await dlg.getByRole("group", { name: tip }).count()).toBe(1);
      expect(await dlg.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await screen(page, `pay-sheet-7-${locale}`);
      await context.close();
    });
  }
});

describe("the staff board and paying through the sandbox wallet", () => {
  let waiter: Page;
  let tile: Locator;

  it("shows the table's payment state on its tile once the bill is asked for", async () => {
    const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
    waiter = await desk.newPage();
    errors.push(collectPageErrors(waiter));
    onTestFailed(screenshotOnFailure(() => [waiter, ana], "pay-sheet-staff"));
    await openStaffBoard(waiter, "waiter@demo.test");
    tile = tileOf(waiter, table.name);
    expect(await tile.locator("[class*=st-pay-]").count()).toBe(0);

    await live(ana).getByRole("button", { name: "Ask for the bill" }).click();
    await expect.poll(() => tile.locator(".st-pay-requested").textContent(), { timeout: 10_000 }).toBe("Payment requested");
    await saveScreenshot(waiter, "pay-sheet-8-staff-requested");
  });

  it("a declined payment says so on the way back and offers another wallet; the next one is paid, live for the table and the board", async () => {
    onTestFailed(screenshotOnFailure(() => [ben, ana, waiter], "pay-sheet-wallet"));
    const bensDish = dishes[1]!;
    await live(ben).getByRole("button", { name: /^Pay · / }).click();
    let dlg = sheet(ben);
    await dlg.getByRole("radio", { name: /My items/ }).check();
    expect(await dlg.getByRole("checkbox", { name: new RegExp(bensDish.name) }).isChecked()).toBe(true);
    expect(await dlg.getByRole("checkbox", { name: new RegExp(dishes[0]!.name) }).isChecked()).toBe(false);
    const first = await dlg.getByRole("group", { name: "Pay with" }).locator("input:checked").getAttribute("value");
    await dlg.getByRole("button", { name: `Pay ${eur(bensDish.price)}` }).click();
    await ben.waitForURL(/\/sandbox-wallet\//, { timeout: 15_000 });
    await ben.getByRole("button", { name: "Decline" }).click();

    await ben.waitForURL(new RegExp(`/q/${table.code}\\?payment=pay\\.`), { timeout: 15_000 });
    const back = ben.getByRole("dialog", { name: "The payment did not go through" });
    await back.waitFor({ timeout: 15_000 });
    expect(await back.textContent()).toContain("Nothing was charged.");
    for (const name of ["Try again", "Choose another wallet", "Ask the staff"]) expect(await back.getByRole("button", { name }).isVisible()).toBe(true);
    await screen(ben, "pay-sheet-9-declined");

    await back.getByRole("button", { name: "Choose another wallet" }).click();
    dlg = sheet(ben);
    await dlg.waitFor();
    const other = await dlg.getByRole("group", { name: "Pay with" }).locator("input:checked").getAttribute("value");
    expect(other).not.toBe(first);
    expect(await focused(ben)).toBe(`radio:${other}`);
    await dlg.getByRole("radio", { name: /My items/ }).check();
    await dlg.getByRole("button", { name: `Pay ${eur(bensDish.price)}` }).click();
    await ben.waitForURL(/\/sandbox-wallet\//, { timeout: 15_000 });
    await ben.getByRole("button", { name: /^Approve/ }).click();

    await ben.waitForURL(/\?payment=pay\./, { timeout: 15_000 });
    const paid = ben.getByRole("dialog", { name: "Paid" });
    await paid.waitFor({ timeout: 20_000 });
    expect(await paid.textContent()).toContain(`${eur(bensDish.price)} paid.`);
    await screen(ben, "pay-sheet-10-paid");
    await paid.getByRole("button", { name: "OK" }).click();
    expect(new URL(ben.url()).search).toBe("");

    // Ana sees it live: what is paid and left, who paid, and the dish marked paid.
    const bill = live(ana).locator(".py-sum");
    await expect.poll(() => bill.locator("dd").allTextContents(), { timeout: 10_000 }).toEqual([eur(total), eur(bensDish.price), eur(total - bensDish.price)]);
    expect(await bill.locator(".py-who").textContent()).toBe(`Ben paid ${eur(bensDish.price)}`);
    const item = live(ana).locator("li[data-item]", { hasText: bensDish.name });
    expect(await item.locator(".py-mark").textContent()).toBe("Paid");
    await bill.scrollIntoViewIfNeeded();
    await screen(ana, "pay-sheet-11-ana-sees-paid");

    await expect.poll(() => tile.locator(".st-pay-partly_paid").textContent(), { timeout: 10_000 }).toBe(`Paid ${eur(bensDish.price)} of ${eur(total)}`);
  });

  it("the staff's Bill QR shows a payment code for what is left", async () => {
    onTestFailed(screenshotOnFailure(() => [waiter], "pay-sheet-bill-qr"));
    await tile.click();
    const panel = waiter.locator(".st-panel");
    // The panel loads the table's full view (reloaded on each of its versions): slow on a loaded machine.
    await panel.locator(".st-bill").waitFor({ timeout: 30_000 });
    expect(await panel.locator(".st-bill .st-rows li").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Declined$/), expect.stringMatching(/Paid$/)]));
    await panel.getByRole("button", { name: "Bill QR" }).click();
    const qr = panel.getByRole("group", { name: `Bill QR for ${table.name}` });
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.locator(".st-billqr-title").textContent()).toBe(`${table.name} · ${eur(total - dishes[1]!.price)}`);
    expect(await qr.getByRole("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screen(waiter, "pay-sheet-12-bill-qr");
    for (const list of errors) expect(list.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });
});
