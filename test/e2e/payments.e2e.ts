import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { renderSVG } from "uqr";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, RESULTS_DIR, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { openStaffBoard, tileOf } from "./staff";
import { payMerchant, type PayMerchant } from "./payments-setup";

// Issue 10's browser journeys, through the real UI against wrangler dev with the built-in sandbox
// wallet as the provider:
// 1. two guests on 360 px phones split the bill evenly, each pays a share with a tip through the
//    sandbox wallet's page, the table closes and shows free on the staff board; the owner refunds
//    one dish in the console and the receipt shows it;
// 2. a waiter shows the printed bill's QR code, a guest "scans" it (opens its target), approves in
//    the sandbox wallet, and the board and the diners' page see the table paid, then free.
const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);

let browser: Browser;
let ownerContext: BrowserContext;
let shop: PayMerchant;
const errors: string[][] = [];

/** "€12.50" → 1250 (the store's currency is EUR). */
const minor = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);
const eur = (n: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(n / 100);
/** The tip of a preset, rounded half up (basis points of the amount paid). */
const tipOf = (amount: number, bp: number) => Math.floor((amount * bp + 5_000) / 10_000);
/** What the screen shows (the sheet is a dialog over the page; saveScreenshot takes the whole page). */
const screen = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

const live = (page: Page) => page.locator("#table-live");
const sheet = (page: Page) => page.getByRole("dialog", { name: "Pay the bill" });
const billBox = (page: Page) => live(page).locator(".py-sum");

async function phone(): Promise<Page> {
  const context = await newPhoneContext(browser, { baseURL: baseUrl });
  // What each page showed over time (a state may last less than a poll): the return panel's
  // title, the bill's "paid" line, the connection state and any receipt link.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const look = () => {
      const parts = ["#py-back-title", ".py-done", ".lv-state", "a[href*='/receipt/']"].map((sel) => document.querySelector(sel)?.textContent?.trim() ?? "");
      const key = parts.join(" | ");
      if (seen.at(-1) !== key) seen.push(key);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await context.newPage();
  errors.push(collectPageErrors(page));
  return page;
}

const seenOn = (page: Page) => page.evaluate(() => (window as unknown as { __seen?: string[] }).__seen ?? []);

async function joinTable(page: Page, code: string, name: string, letIn: Page | null) {
  await page.goto(`/q/${code}`);
  if (letIn) {
    await live(page).locator(".lv-ask").waitFor({ timeout: 15_000 });
    await live(letIn).getByRole("button", { name: "Let in" }).click({ timeout: 10_000 });
  }
  await live(page).locator(".lv-live").waitFor({ timeout: 15_000 });
  await live(page).getByRole("button", { name: "Change your name" }).click();
  await live(page).getByLabel("Your name").fill(name);
  await live(page).getByRole("button", { name: "Save" }).click();
  await expect.poll(() => live(page).locator(".lv-who").textContent()).toContain(name);
}

/** Taps "Add" on a dish of the menu. */
async function addDish(page: Page, dish: string) {
  await page.locator("article.dish", { has: page.locator("h3", { hasText: dish }) }).locator("button[data-add]").click();
}

/** Bill figures as the table page shows them: { "Bill total": 3234, "Paid": …, "Left to pay": … }. */
async function figures(page: Page): Promise<Record<string, number>> {
  const box = billBox(page);
  const dts = await box.locator("dt").allTextContents();
  const dds = await box.locator("dd").allTextContents();
  return Object.fromEntries(dts.map((t, i) => [t, minor(dds[i] ?? "")]));
}

/** In the sandbox wallet: checks what it asks for, screenshots it, approves. */
async function approveInWallet(page: Page, amount: number, method: string, shot: string) {
  await page.waitForURL(/\/sandbox-wallet\/pay\//, { timeout: 15_000 });
  expect(await page.getByRole("heading", { name: "Sandbox wallet" }).isVisible()).toBe(true);
  expect(await page.locator(".sum").textContent()).toBe(eur(amount));
  expect(await page.locator(".payee").textContent()).toBe(`Pay ${shop.business}`);
  expect(await page.locator("dl.facts dd").first().textContent()).toBe(method);
  await saveScreenshot(page, shot);
  await page.getByRole("button", { name: `Approve ${eur(amount)}` }).click();
}

async function staffBoard(): Promise<Page> {
  const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
  const waiter = await desk.newPage();
  errors.push(collectPageErrors(waiter));
  await openStaffBoard(waiter, shop.waiter.email, shop.waiter.password);
  return waiter;
}

/** Records the tile's badge and payment pill each time they change (a "Paid" moment may be short). */
async function watchTile(waiter: Page, table: string) {
  await waiter.evaluate((name) => {
    const seen: string[] = [];
    (window as unknown as { __tile: string[] }).__tile = seen;
    const look = () => {
      const tile = Array.from(document.querySelectorAll(".st-tile")).find((t) => t.querySelector(".st-tile-name")?.textContent === name);
      const key = tile ? `${tile.querySelector(".st-badge")?.textContent ?? ""} | ${tile.querySelector("[class*=st-pay-]")?.textContent ?? ""}` : "(none)";
      if (seen.at(-1) !== key) seen.push(key);
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, table);
}
const tileSeen = (waiter: Page) => waiter.evaluate(() => (window as unknown as { __tile: string[] }).__tile);

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await newDesktopContext(browser, { baseURL: baseUrl });
  shop = await payMerchant(ownerContext, baseUrl, run);
});

afterAll(async () => {
  await browser?.close();
});

describe("two guests split the bill evenly, each pays a share with a tip through the sandbox wallet", () => {
  let ana: Page;
  let ben: Page;
  let waiter: Page;
  let total = 0;
  const shares: number[] = [];
  const tips: number[] = [];
  const wallets: string[] = [];
  const table = () => shop.tables[0]!;
  const [duck, salad] = [() => shop.dishes[0]!, () => shop.dishes[1]!];

  it("each orders a dish, the round is sent, the bill (with service and tax) appears on both phones", async () => {
    ana = await phone();
    ben = await phone();
    onTestFailed(screenshotOnFailure(() => [ana, ben], "payments-1-order"));
    waiter = await staffBoard();
    await joinTable(ana, table().code, "Ana", null);
    await joinTable(ben, table().code, "Ben", ana);
    await addDish(ana, duck().name);
    await addDish(ben, salad().name);
    await expect.poll(() => live(ana).locator(".lv-group .lv-lines li").count(), { timeout: 10_000 }).toBe(2);
    await live(ana).getByRole("button", { name: "Send order to the kitchen" }).click();

    for (const page of [ana, ben]) await billBox(page).waitFor({ timeout: 15_000 });
    const f = await figures(ana);
    total = f["Bill total"]!;
    // Listed prices plus 5 % service, with 10 % tax added on top: more than the dishes alone.
    const listed = duck().price + salad().price;
    expect(total).toBeGreaterThan(listed + Math.floor(listed * 0.05));
    expect(f).toEqual({ "Bill total": total, "Left to pay": total });
    expect(await figures(ben)).toEqual(f);
    await expect.poll(() => tileOf(waiter, table().name).locator(".st-badge").textContent()).not.toBe("Free");
  });

  it("Ana opens the pay sheet at 360 px, splits evenly in 2, adds a 10 % tip, picks a wallet and approves in the sandbox wallet: back on the table page it is paid", async () => {
    onTestFailed(screenshotOnFailure(() => [ana, ben, waiter], "payments-2-ana"));
    await live(ana).getByRole("button", { name: `Pay · ${eur(total)} left` }).click();
    const dlg = sheet(ana);
    await dlg.waitFor();
    await dlg.getByRole("radio", { name: /Split evenly/ }).check();
    // Two guests: two shares.
    expect(await dlg.getByRole("group", { name: "Split into" }).locator("output").textContent()).toBe("2");
    const rows = await dlg.locator(".py-shares li").allTextContents();
    expect(rows).toHaveLength(2);
    shares.push(...rows.map((r) => minor(r.replace(/^Share \d+ · \D*/, ""))));
    expect(rows[0]).toMatch(/^Share 1 · yours/);
    expect(rows[1]).toMatch(/^Share 2 · Open/);
    expect(shares[0]! + shares[1]!).toBe(total);
    expect(Math.abs(shares[0]! - shares[1]!)).toBeLessThanOrEqual(1);

    const tipGroup = dlg.getByRole("group", { name: "Tip" });
    await tipGroup.getByRole("radio", { name: /^10 %/ }).check();
    tips.push(tipOf(shares[0]!, 1000));
    expect(await dlg.locator(".py-total").textContent()).toBe(`You pay ${eur(shares[0]! + tips[0]!)}(bill ${eur(shares[0]!)} + tip ${eur(tips[0]!)})`);

    // Not the wallet chosen for her: the last one offered.
    const walletRadios = dlg.getByRole("group", { name: "Pay with" }).getByRole("radio");
    expect(await walletRadios.count()).toBeGreaterThan(1);
    await walletRadios.last().check();
    wallets.push((await walletRadios.last().getAttribute("value"))!);
    expect(await dlg.getByRole("group", { name: "Pay with" }).locator("input:checked").getAttribute("value")).toBe(wallets[0]);

    // Fits the phone.
    expect(await dlg.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screen(ana, "payments-1-pay-sheet-360");
    await dlg.getByRole("button", { name: `Pay ${eur(shares[0]! + tips[0]!)}` }).scrollIntoViewIfNeeded();
    await screen(ana, "payments-2-pay-sheet-360-bottom");
    await dlg.getByRole("button", { name: `Pay ${eur(shares[0]! + tips[0]!)}` }).click();

    await approveInWallet(ana, shares[0]! + tips[0]!, wallets[0]!, "payments-3-sandbox-wallet");

    await ana.waitForURL(new RegExp(`/q/${table().code}\\?payment=pay\\.`), { timeout: 15_000 });
    const paid = ana.getByRole("dialog", { name: "Paid" });
    await paid.waitFor({ timeout: 20_000 });
    expect(await paid.textContent()).toContain(`${eur(shares[0]! + tips[0]!)} paid.`);
    await screen(ana, "payments-4-ana-paid");
    // Pending (if it was seen at all) came before paid, never after.
    const titles = (await seenOn(ana)).map((s) => s.split(" | ")[0]).filter(Boolean);
    expect(titles.at(-1)).toBe("Paid");
    expect(titles.lastIndexOf("Waiting for the wallet")).toBeLessThan(titles.indexOf("Paid"));
    console.info(`Ana's return panel showed: ${[...new Set(titles)].join(" → ")}`);
    await paid.getByRole("button", { name: "OK" }).click();

    // Ben sees it live; the board shows the table partly paid.
    await expect.poll(() => figures(ben), { timeout: 10_000 }).toEqual({ "Bill total": total, Paid: shares[0], "Left to pay": total - shares[0]! });
    expect(await billBox(ben).locator(".py-who").textContent()).toBe(`Ana paid ${eur(shares[0]!)}`);
    await expect.poll(() => tileOf(waiter, table().name).locator(".st-pay-partly_paid").count(), { timeout: 10_000 }).toBe(1);
    await saveScreenshot(waiter, "payments-5-staff-partly-paid");
  });

  it("Ben pays the other share with a 5 % tip: the table closes, both phones say paid and link the receipt, the board shows the table paid then free", async () => {
    onTestFailed(screenshotOnFailure(() => [ben, ana, waiter], "payments-3-ben"));
    await watchTile(waiter, table().name);
    await live(ben).getByRole("button", { name: `Pay · ${eur(total - shares[0]!)} left` }).click();
    const dlg = sheet(ben);
    await dlg.waitFor();
    // The split is under way: the sheet starts on it, the first share paid, the second his.
    expect(await dlg.getByRole("radio", { name: /Split evenly/ }).isChecked()).toBe(true);
    expect(await dlg.locator(".py-shares li").allTextContents()).toEqual([`Share 1 · Paid${eur(shares[0]!)}`, `Share 2 · yours${eur(shares[1]!)}`]);
    await dlg.getByRole("group", { name: "Tip" }).getByRole("radio", { name: /^5 %/ }).check();
    tips.push(tipOf(shares[1]!, 500));
    wallets.push((await dlg.getByRole("group", { name: "Pay with" }).locator("input:checked").getAttribute("value"))!);
    const charged = shares[1]! + tips[1]!;
    expect(await dlg.locator(".py-total").textContent()).toBe(`You pay ${eur(charged)}(bill ${eur(shares[1]!)} + tip ${eur(tips[1]!)})`);
    await screen(ben, "payments-6-ben-sheet-360");
    await dlg.getByRole("button", { name: `Pay ${eur(charged)}` }).click();

    await approveInWallet(ben, charged, wallets[1]!, "payments-7-sandbox-wallet-ben");
    await ben.waitForURL(new RegExp(`/q/${table().code}\\?payment=pay\\.`), { timeout: 15_000 });
    const paid = ben.getByRole("dialog", { name: "Paid" });
    await paid.waitFor({ timeout: 20_000 });
    expect(await paid.textContent()).toContain(`${eur(charged)} paid.`);
    await screen(ben, "payments-8-ben-paid");

    // The board: the table paid, then free again.
    await expect.poll(() => tileOf(waiter, table().name).locator(".st-badge").textContent(), { timeout: 15_000 }).toBe("Free");
    const tile = await tileSeen(waiter);
    console.info(`Board tile ${table().name}: ${tile.join(" → ")}`);
    expect(tile.findIndex((t) => t.endsWith("| Paid"))).toBeGreaterThan(-1);
    expect(tile.findIndex((t) => t.endsWith("| Paid"))).toBeLessThan(tile.indexOf("Free | "));
    await saveScreenshot(waiter, "payments-9-staff-free");

    // Both phones say paid and link the bill's receipt: Ana's page (the session ended paid under
    // her eyes), Ben's return panel (he came back to a session already over).
    const receiptPath = new RegExp(`^/receipt/${shop.merchantId}/[^?]+\\?k=`);
    await expect.poll(() => live(ana).locator(".lv-state").textContent(), { timeout: 15_000 }).toBe("The bill is paid. Thank you!");
    const anaLink = live(ana).getByRole("link", { name: "Receipt" });
    await expect.poll(() => anaLink.count(), { timeout: 10_000 }).toBe(1);
    const benLink = ben.getByRole("dialog", { name: "Paid" }).getByRole("link", { name: "See the receipt" });
    await expect.poll(() => benLink.count(), { timeout: 10_000 }).toBe(1);
    // Ana's page links the bill's receipt; Ben's return panel his own payment's (the bill below it).
    const hrefs = [await anaLink.getAttribute("href"), await benLink.getAttribute("href")];
    for (const href of hrefs) expect(href).toMatch(receiptPath);
    expect(hrefs[1]!.split("?")[0]).toMatch(new RegExp(`^${hrefs[0]!.split("?")[0]!.replace(/\./g, "\\.")}/pay\\.[^/]+$`));
    console.info(`Ana's page showed: ${(await seenOn(ana)).join(" ⟶ ")}`);
    console.info(`Ben's page showed: ${(await seenOn(ben)).join(" ⟶ ")}`);
    for (const [who, page] of [["ana", ana], ["ben", ben]] as const) await saveScreenshot(page, `payments-10-${who}-after`);

    // Ana's link opens the bill's receipt (before any refund): both payments, the bill paid.
    const [receipt] = await Promise.all([ana.context().waitForEvent("page"), live(ana).getByRole("link", { name: "Receipt" }).click()]);
    await receipt.waitForLoadState();
    expect(await receipt.getByRole("heading", { level: 1 }).textContent()).toBe(shop.business);
    expect(await receipt.locator("tr", { hasText: "Total paid" }).locator("td.n").textContent()).toBe(eur(total + tips[0]! + tips[1]!));
    await saveScreenshot(receipt, "payments-10-ana-receipt");
    await receipt.close();

    // Ben's opens his payment's receipt: his share and his tip, then the whole bill.
    const [own] = await Promise.all([ben.context().waitForEvent("page"), benLink.click()]);
    await own.waitForLoadState();
    await own.setViewportSize({ width: 360, height: 740 });
    const mine = own.locator("section", { has: own.getByRole("heading", { name: "This payment" }) });
    const amountOf = async (label: string) => minor((await mine.locator("tr", { hasText: label }).locator("td.n").textContent())!);
    expect(await amountOf("Towards the bill")).toBe(shares[1]);
    expect(await amountOf("Tip")).toBe(tips[1]);
    expect(await amountOf("Charged")).toBe(shares[1]! + tips[1]!);
    expect(await own.locator("tr", { hasText: "Total paid" }).locator("td.n").textContent()).toBe(eur(total + tips[0]! + tips[1]!));
    // The provider's long reference wraps instead of widening the page.
    expect(await own.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot(own, "payments-10-ben-payment-receipt");
    await own.close();
  });

  it("the owner opens Payments for the store and the day in the console, opens the bill, refunds one dish; the receipt shows the refund, tips, service, tax and both payments", async () => {
    const owner = await ownerContext.newPage();
    errors.push(collectPageErrors(owner));
    onTestFailed(screenshotOnFailure(() => [owner], "payments-4-console"));
    await owner.goto(`/console/m/${shop.merchantId}/`);
    await owner.getByRole("link", { name: "Payments", exact: true }).first().click();
    await owner.getByRole("heading", { name: "Payments" }).waitFor();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    await expect.poll(() => owner.getByLabel("Day", { exact: true }).inputValue()).toBe(today);
    const rows = owner.locator("table.data tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const totals = owner.getByRole("list", { name: "Totals of the day" });
    expect(await totals.locator("li", { hasText: "Paid payments" }).locator("strong").textContent()).toBe("2");
    expect(minor((await totals.locator("li", { hasText: "Bills paid" }).locator("strong").textContent())!)).toBe(total);
    expect(minor((await totals.locator("li", { hasText: "Tips" }).locator("strong").textContent())!)).toBe(tips[0]! + tips[1]!);
    await saveScreenshot(owner, "payments-11-console-day");

    await owner.getByRole("link", { name: new RegExp(`^Open the bill of ${table().name} at`) }).first().click();
    await owner.getByRole("heading", { name: `Bill 1 · ${table().name}` }).waitFor({ timeout: 10_000 });
    const dishRow = owner.locator("tr", { has: owner.getByRole("button", { name: `Refund ${salad().name}` }) });
    // The dish's due with its share of service and tax: the row's last amount.
    const due = minor((await dishRow.locator("td.num").last().textContent())!);
    expect(due).toBeGreaterThan(salad().price);
    await owner.getByRole("button", { name: `Refund ${salad().name}` }).click();
    const form = owner.locator(".refund-form");
    expect(await form.getByRole("radio", { name: "One dish" }).isChecked()).toBe(true);
    expect(await form.getByLabel("Reason (shown on the receipt)").inputValue()).toBe(`1 × ${salad().name}`);
    await saveScreenshot(owner, "payments-12-console-refund-form");
    await form.getByRole("button", { name: `Refund ${eur(due)}` }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Refund" }).first().textContent(), { timeout: 15_000 }).toBe(`Refunded ${eur(due)}.`);
    const refunds = owner.locator("section.card", { has: owner.getByRole("heading", { name: "Refunds", exact: true }) }).locator("tbody tr");
    await expect.poll(() => refunds.count()).toBe(1);
    expect(await refunds.first().locator(".badge").textContent()).toBe("Refunded");
    // Each payment has its own receipt beside its refund action.
    expect(await owner.getByRole("link", { name: /^Receipt of the .+ payment of / }).count()).toBe(2);
    await saveScreenshot(owner, "payments-13-console-bill");

    const [receipt] = await Promise.all([ownerContext.waitForEvent("page"), owner.getByRole("link", { name: "Open receipt" }).click()]);
    await receipt.waitForLoadState();
    expect(receipt.url()).toMatch(new RegExp(`/receipt/${shop.merchantId}/`));
    await receipt.setViewportSize({ width: 360, height: 740 });
    const row = async (label: string | RegExp) => minor((await receipt.locator("tr", { has: receipt.locator("td", { hasText: label }) }).first().locator("td.n").textContent())!);
    const subtotal = await row("Subtotal");
    const service = await row("Service (5%)");
    const tax = await row("Tax (10%)");
    expect(subtotal).toBe(duck().price + salad().price);
    expect(service).toBeGreaterThan(0);
    expect(tax).toBeGreaterThan(0);
    expect(await row(/^Total$/)).toBe(total);
    expect(subtotal + service + tax).toBe(total);
    // Both payments, each with its tip.
    const payments = receipt.locator("h2", { hasText: "Payments" }).locator("xpath=following-sibling::table[1]").locator("tr");
    expect(await payments.count()).toBe(2);
    const charged = (await payments.locator("td.n").allTextContents()).map(minor).sort();
    expect(charged).toEqual([shares[0]! + tips[0]!, shares[1]! + tips[1]!].sort());
    const paymentText = (await payments.allTextContents()).join("\n");
    expect(paymentText).toContain(`tip ${eur(tips[0]!)}`);
    expect(paymentText).toContain(`tip ${eur(tips[1]!)}`);
    // The refund of the dish.
    const refund = receipt.locator("h2", { hasText: "Refunds" }).locator("xpath=following-sibling::table[1]");
    expect(await refund.textContent()).toContain(`1 × ${salad().name}`);
    expect(minor((await refund.locator("td.n").textContent())!)).toBe(due);
    expect(await row("Tips")).toBe(tips[0]! + tips[1]!);
    expect(await row("Total paid")).toBe(total + tips[0]! + tips[1]!);
    expect(await row("Total refunded")).toBe(due);
    expect(await row("Net paid")).toBe(total + tips[0]! + tips[1]! - due);
    await saveScreenshot(receipt, "payments-14-receipt-360");
  });
});

describe("a guest pays the printed bill's QR code", () => {
  let cleo: Page;
  let waiter: Page;
  let scanner: Page;
  const table = () => shop.tables[1]!;
  const soup = () => shop.dishes[2]!;

  it("a waiter opens the table with an order on the board and shows its Bill QR: the code is the sandbox wallet's page", async () => {
    cleo = await phone();
    onTestFailed(screenshotOnFailure(() => [cleo, waiter], "payments-5-bill-qr"));
    await joinTable(cleo, table().code, "Cleo", null);
    await addDish(cleo, soup().name);
    await expect.poll(() => live(cleo).locator(".lv-group .lv-lines li").count(), { timeout: 10_000 }).toBe(1);
    await live(cleo).getByRole("button", { name: "Send order to the kitchen" }).click();
    await billBox(cleo).waitFor({ timeout: 15_000 });
    const total = (await figures(cleo))["Bill total"]!;

    waiter = await staffBoard();
    await tileOf(waiter, table().name).click();
    const panel = waiter.locator(".st-panel");
    await panel.locator(".st-bill").waitFor({ timeout: 10_000 });
    const [answer] = await Promise.all([
      waiter.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/bill-code")),
      panel.getByRole("button", { name: "Bill QR" }).click(),
    ]);
    expect(answer.status()).toBe(201);
    const qr = panel.getByRole("group", { name: `Bill QR for ${table().name}` });
    await qr.waitFor({ timeout: 15_000 });
    expect(await qr.locator(".st-billqr-title").textContent()).toBe(`${table().name} · ${eur(total)}`);
    // What the QR on screen encodes: the code value the board received, module for module.
    const codeValue = ((await answer.json()) as { codeValue: string }).codeValue;
    expect(codeValue).toMatch(new RegExp(`^${baseUrl.replace(/[.]/g, "\\.")}/sandbox-wallet/pay/`));
    const src = (await qr.getByRole("img").getAttribute("src"))!;
    const shown = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""));
    const modules = (svg: string) => /<path[^>]* d="([^"]+)"/.exec(svg)?.[1];
    expect(modules(shown)).toBeTruthy();
    expect(modules(shown)).toBe(modules(renderSVG(codeValue, { ecc: "M", border: 2 })));
    expect(await qr.getByRole("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await saveScreenshot(waiter, "payments-15-staff-bill-qr");

    // Scanning: a guest who never opened the table page opens the code's target on their phone.
    await watchTile(waiter, table().name);
    scanner = await phone();
    onTestFailed(screenshotOnFailure(() => [scanner, cleo, waiter], "payments-5-scan"));
    await scanner.goto(codeValue);
    await approveInWallet(scanner, total, "CONNECT_WALLET", "payments-16-sandbox-wallet-bill-code");
    // No page to return to: the wallet page shows the outcome.
    await expect.poll(() => scanner.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^Paid\./);
    await saveScreenshot(scanner, "payments-17-wallet-paid");

    await expect.poll(() => tileOf(waiter, table().name).locator(".st-badge").textContent(), { timeout: 15_000 }).toBe("Free");
    const tile = await tileSeen(waiter);
    console.info(`Board tile ${table().name}: ${tile.join(" → ")}`);
    await saveScreenshot(waiter, "payments-18-staff-free");

    expect(tile.findIndex((t) => t.endsWith("| Paid"))).toBeGreaterThan(-1);
    expect(tile.findIndex((t) => t.endsWith("| Paid"))).toBeLessThan(tile.indexOf("Free | "));

    // The diners' page saw it live: the bill paid, the session over, the receipt linked.
    await expect.poll(() => live(cleo).locator(".lv-state").textContent(), { timeout: 15_000 }).toBe("The bill is paid. Thank you!");
    await expect.poll(() => live(cleo).getByRole("link", { name: "Receipt" }).count(), { timeout: 10_000 }).toBe(1);
    console.info(`Cleo's page showed: ${(await seenOn(cleo)).join(" ⟶ ")}`);
    await saveScreenshot(cleo, "payments-19-cleo-after");
    for (const list of errors) expect(list.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });
});

