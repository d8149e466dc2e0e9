import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { signUpOwner } from "./staff";

// Issue 3's journey: an owner builds a small menu with options and translations in the console,
// adds tables and prints their QR sheet; a guest on a 360 px phone opens /q/<code> in English and
// in Chinese, the owner sets a dish sold out from the console, and the guest sees it at once.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
const run = Date.now().toString(36);

let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
let ownerErrors: string[];
let merchantId = "";
let tableCode = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await newDesktopContext(browser, { baseURL: baseUrl });
  owner = await ownerContext.newPage();
  ownerErrors = collectPageErrors(owner);
  ({ merchantId } = await signUpOwner(ownerContext, {
    business: `Noodle Bar ${run}`,
    email: `owner-${run}@menu.test`,
    ownerName: "Mei Owner",
    store: { name: "Canal", timeZone: "Europe/Paris", currency: "EUR", languages: ["en", "zh-CN"] },
  }));
});

afterAll(async () => {
  await browser?.close();
});

const uncaught = (errors: string[]) => errors.filter((e) => e.startsWith("pageerror"));
const group = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

describe("menu, tables and the guest table page", () => {
  it("the owner builds a category and a dish with options and a translation, with errors shown next to fields", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "menu-1"));
    await owner.goto(`/console/m/${merchantId}/menu`);
    await owner.getByRole("button", { name: "Add a category" }).click();
    await group(owner, "Name").getByLabel("English").fill("Noodles");
    await group(owner, "Name").getByLabel("Chinese").fill("面条");
    await owner.getByRole("button", { name: "Add category", exact: true }).click();
    await expect.poll(() => owner.getByRole("heading", { name: "Noodles" }).isVisible()).toBe(true);

    await owner.getByRole("button", { name: "Add a dish to Noodles" }).click();
    // Saved without a price and without an English name: both errors appear next to their fields.
    await group(owner, "Name").getByLabel("Chinese").fill("牛肉面");
    await owner.getByRole("button", { name: "Add dish", exact: true }).click();
    await expect.poll(() => owner.getByText("Enter a price such as 12.50.").isVisible()).toBe(true);
    const priceInput = owner.getByLabel("Price", { exact: true });
    expect(await priceInput.getAttribute("aria-invalid")).toBe("true");
    await priceInput.fill("12.50");
    await owner.getByRole("button", { name: "Add dish", exact: true }).click();
    await expect.poll(() => group(owner, "Name").getByText("Required in en, the fallback language.").isVisible()).toBe(true);
    await group(owner, "Name").getByLabel("English").fill("Beef noodles");
    await group(owner, "Description").getByLabel("English").fill("Hand-pulled noodles, slow beef broth.");
    await owner.getByLabel("Gluten", { exact: true }).check();
    await owner.getByRole("button", { name: "Size", exact: true }).click();
    await group(owner, "Group name").getByLabel("Chinese").fill("份量");
    await group(owner, "Option 2").getByLabel("English").fill("Large");
    await saveScreenshot(owner, "menu-1-dish-form");
    await owner.getByRole("button", { name: "Add dish", exact: true }).click();
    await expect.poll(() => owner.getByText("Dish saved.").isVisible()).toBe(true);

    await owner.getByRole("button", { name: "Add a dish to Noodles" }).click();
    await group(owner, "Name").getByLabel("English").fill("Fried rice");
    await group(owner, "Name").getByLabel("Chinese").fill("炒饭");
    await owner.getByLabel("Price", { exact: true }).fill("9");
    await owner.getByRole("button", { name: "Add dish", exact: true }).click();
    await expect.poll(() => owner.getByText("Fried rice").isVisible()).toBe(true);
    await saveScreenshot(owner, "menu-1-structure");
  });

  it("the owner translates options side by side", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "menu-2"));
    await owner.getByRole("tab", { name: "Translations" }).click();
    await owner.getByLabel("Option (Beef noodles › Size), Chinese").first().fill("标准");
    await owner.getByLabel("Option (Beef noodles › Size), Chinese").nth(1).fill("大份");
    await owner.getByRole("button", { name: /^Save 2 changes$/ }).click();
    await expect.poll(() => owner.getByText("2 texts saved.", { exact: false }).isVisible()).toBe(true);
    await saveScreenshot(owner, "menu-2-translations");
  });

  it("the owner adds tables and opens the printable QR sheet", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "menu-3"));
    await owner.goto(`/console/m/${merchantId}/tables`);
    await expect.poll(() => owner.getByText("No tables yet", { exact: false }).isVisible()).toBe(true);
    const bulk = owner.getByRole("region", { name: "Add numbered tables" });
    await bulk.getByLabel("How many").fill("3");
    await bulk.getByRole("button", { name: /Add 3 tables/ }).click();
    await expect.poll(() => owner.getByText("3 tables added", { exact: false }).isVisible()).toBe(true);
    const link = owner.locator(".table-card a.code").first();
    tableCode = (await link.textContent())!.trim().replace("/q/", "");
    expect(tableCode).toMatch(/^[0-9a-z]{12}$/);

    const [sheet] = await Promise.all([ownerContext.waitForEvent("page"), owner.getByRole("link", { name: "Print QR sheet (A4)" }).click()]);
    await sheet.waitForLoadState();
    expect(await sheet.locator("section.card svg").count()).toBe(3);
    expect(await sheet.content()).toContain(`/q/${tableCode}`);
    await sheet.emulateMedia({ media: "print" });
    expect(await sheet.locator(".bar").isVisible()).toBe(false);
    await saveScreenshot(sheet, "menu-3-qr-sheet-print");
    const pdf = await sheet.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await sheet.close();
  });

  it("the demo's twelve QR cards print six to a page on A4 and on Letter, each inside its card", async () => {
    const context = await newDesktopContext(browser, { baseURL: baseUrl });
    const login = await context.request.post("/api/auth/login", { data: { email: "owner@demo.test", password: "tableside-demo" } });
    expect(login.status()).toBe(200);
    const sheet = await context.newPage();
    for (const paper of ["a4", "letter"]) {
      await sheet.emulateMedia({ media: "screen" });
      await sheet.goto(`/api/merchants/${seed.merchant.id}/stores/${seed.merchant.storeId}/tables/print?paper=${paper}`);
      await sheet.emulateMedia({ media: "print" });
      expect(await sheet.locator("section.card svg").count()).toBe(12);
      const overflow = await sheet.evaluate(() =>
        Array.from(document.querySelectorAll(".card"), (card) => {
          const bottom = Math.max(...Array.from(card.querySelectorAll("*"), (el) => el.getBoundingClientRect().bottom));
          return bottom - card.getBoundingClientRect().bottom;
        }),
      );
      expect(Math.max(...overflow), paper).toBeLessThanOrEqual(0);
      const pdf = Buffer.from(await sheet.pdf({ preferCSSPageSize: true })).toString("latin1");
      expect(pdf.match(/\/Type\s*\/Page[^s]/g), paper).toHaveLength(2);
    }
    await context.close();
  });

  it("a guest on a phone reads the menu in English and adds a dish with options", async () => {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, locale: "en-US" });
    const guest = await context.newPage();
    const errors = collectPageErrors(guest);
    onTestFailed(screenshotOnFailure(() => [guest], "menu-4"));
    await guest.goto(`/q/${tableCode}`);
    expect(await guest.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => guest.getByRole("heading", { name: "Beef noodles" }).isVisible()).toBe(true);
    expect(await guest.locator("#table-live").getAttribute("data-table-code")).toBe(tableCode);
    expect(await guest.getByText("€12.50").first().isVisible()).toBe(true);
    expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await guest.evaluate(() => {
      (window as unknown as { added: unknown[] }).added = [];
      document.addEventListener("tableside:add", (e) => (window as unknown as { added: unknown[] }).added.push((e as CustomEvent).detail));
    });
    await guest.getByRole("button", { name: "Add: Beef noodles" }).click();
    const dialog = guest.getByRole("dialog", { name: "Beef noodles" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel("Large").check();
    await dialog.getByRole("button", { name: "One more" }).click();
    await dialog.getByLabel("Note for the kitchen").fill("no coriander");
    // (12.50 + 2.00 for Large) × 2
    expect(await dialog.locator("[data-total]").textContent()).toBe("€29.00");
    await saveScreenshot(guest, "menu-4-guest-dialog");
    await dialog.getByRole("button", { name: /Add to order/ }).click();
    const added = (await guest.evaluate(() => (window as unknown as { added: unknown[] }).added)) as { dishId: string; optionIds: string[]; quantity: number; note: string }[];
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ quantity: 2, note: "no coriander" });
    expect(added[0]!.optionIds).toHaveLength(1);
    await guest.getByRole("button", { name: "Add: Fried rice" }).click();
    expect(await guest.evaluate(() => (window as unknown as { added: unknown[] }).added.length)).toBe(2);
    expect(uncaught(errors)).toEqual([]);
    await context.close();
  });

  it("the owner sets a dish sold out; a Chinese guest sees the change and the translations", async () => {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, locale: "zh-CN" });
    const guest = await context.newPage();
    onTestFailed(screenshotOnFailure(() => [guest, owner], "menu-5"));
    await guest.goto(`/q/${tableCode}`);
    expect(await guest.locator("html").getAttribute("lang")).toBe("zh-CN");
    await expect.poll(() => guest.getByRole("heading", { name: "牛肉面" }).isVisible()).toBe(true);
    expect(await guest.getByRole("button", { name: "添加: 炒饭" }).isVisible()).toBe(true);

    await owner.goto(`/console/m/${merchantId}/menu?tab=soldout`);
    await owner.getByRole("button", { name: "Fried rice sold out" }).click();
    await expect.poll(() => owner.getByRole("button", { name: "Fried rice sold out" }).getAttribute("aria-pressed")).toBe("true");

    await guest.reload();
    const rice = guest.locator("article.dish", { has: guest.getByRole("heading", { name: "炒饭" }) });
    await expect.poll(() => rice.getByText("已售罄").isVisible()).toBe(true);
    expect(await guest.getByRole("button", { name: "添加: 炒饭" }).count()).toBe(0);
    await guest.getByRole("button", { name: "添加: 牛肉面" }).click();
    const dialog = guest.getByRole("dialog", { name: "牛肉面" });
    await expect.poll(() => dialog.getByText("大份").isVisible()).toBe(true);
    expect(await dialog.getByText("份量").isVisible()).toBe(true);
    await saveScreenshot(guest, "menu-5-guest-zh");
    await context.close();

    const english = await newPhoneContext(browser, { baseURL: baseUrl, locale: "en-US" });
    const page = await english.newPage();
    await page.goto(`/q/${tableCode}`);
    await expect.poll(() => page.locator("article.dish", { hasText: "Fried rice" }).getByText("Sold out").isVisible()).toBe(true);
    await saveScreenshot(page, "menu-5-guest-en-sold-out");
    await english.close();
    expect(uncaught(ownerErrors)).toEqual([]);
  });
});

describe("the running demo's table page", () => {
  it("stays within its budgets: ≤ 30 KiB gzipped HTML and ≤ 20 KiB gzipped JavaScript", async () => {
    const url = seed.tables[0]!.url;
    for (const lang of ["en", "zh-CN", "fr"]) {
      const html = await (await fetch(url, { headers: { "accept-language": lang } })).text();
      expect(gzipSync(html).length, lang).toBeLessThanOrEqual(30 * 1024);
    }
    // The island and every module it imports.
    const seen = new Set<string>();
    const queue = [`${baseUrl}/guest/table.js`];
    let js = 0;
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const res = await fetch(next);
      expect(res.status, next).toBe(200);
      const text = await res.text();
      js += gzipSync(text).length;
      for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1]!, next).href);
    }
    expect(js).toBeLessThanOrEqual(20 * 1024);
  });

  it("answers in the browser's language from Accept-Language", async () => {
    const url = seed.tables[0]!.url;
    for (const [header, lang] of [["zh-CN,zh;q=0.9", "zh-CN"], ["fr-FR,fr;q=0.9,en;q=0.8", "fr"], ["de-DE", "en"], ["zh-TW", "zh-CN"]]) {
      const res = await fetch(url, { headers: { "accept-language": header! } });
      expect(res.headers.get("content-language"), header).toBe(lang);
      expect(await res.text()).toContain(`<html lang="${lang}">`);
    }
  });
});
