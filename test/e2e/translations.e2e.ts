import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { signUpOwner } from "./staff";

// Issue 8 §2: in Menu → Translations with "Only texts with a missing translation" ticked, the row
// vanished at the first keystroke, so typing "Plats" saved "P" and French guests saw "P".
const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);

let browser: Browser;
let context: BrowserContext;
let owner: Page;
let errors: string[];
let merchantId = "";
let csrf = "";

const api = (request: APIRequestContext, method: "post" | "get", path: string, data?: unknown) =>
  request[method](`/api/merchants/${merchantId}${path}`, { data, headers: { "x-csrf-token": csrf } });

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newDesktopContext(browser, { baseURL: baseUrl });
  owner = await context.newPage();
  errors = collectPageErrors(owner);
  ({ merchantId, csrfToken: csrf } = await signUpOwner(context, {
    business: `Bistro ${run}`,
    email: `owner-${run}@translations.test`,
    ownerName: "Fleur Owner",
    store: { name: "Quai", timeZone: "Europe/Paris", currency: "EUR", languages: ["en", "fr"] },
  }));
  // Two categories without French names, one already translated.
  for (const name of [{ en: "Mains" }, { en: "Desserts" }, { en: "Drinks", fr: "Boissons" }]) {
    expect((await api(context.request, "post", "/menu/categories", { name })).status()).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("translating only the missing texts", () => {
  it("keeps the row while the editor types, and saves the whole word", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "translations"));
    await owner.goto(`/console/m/${merchantId}/menu?tab=translations`);
    await owner.getByLabel("Only texts with a missing translation").check();
    const mains = owner.getByRole("textbox", { name: "Category, French" });
    await expect.poll(() => mains.count()).toBe(2);
    // Only the two untranslated categories are listed: Drinks has both names.
    expect(await owner.getByRole("textbox", { name: "Category, English" }).evaluateAll((els) => (els as HTMLInputElement[]).map((e) => e.value))).toEqual([
      "Mains",
      "Desserts",
    ]);

    // Key by key, like a person: the first keystroke makes the row "translated".
    await mains.first().click();
    await owner.keyboard.type("Plats", { delay: 40 });
    expect(await mains.first().inputValue()).toBe("Plats");
    expect(await owner.getByRole("textbox", { name: "Category, English" }).count()).toBe(2);
    await expect.poll(() => owner.getByRole("button", { name: "Save 1 change" }).isEnabled()).toBe(true);
    await saveScreenshot(owner, "translations-1-typing");

    await owner.getByRole("button", { name: "Save 1 change" }).click();
    await expect.poll(() => owner.getByText("1 text saved. Guests see them now.").isVisible()).toBe(true);
    const menu = await (await api(context.request, "get", "/menu")).json();
    const names = Object.fromEntries(menu.categories.map((c: { name: Record<string, string> }) => [c.name.en, c.name.fr ?? null]));
    expect(names).toEqual({ Mains: "Plats", Desserts: null, Drinks: "Boissons" });

    // Saved, the editor moves on: Mains is translated now and leaves the list; Desserts stays.
    await expect.poll(() => owner.getByRole("textbox", { name: "Category, English" }).evaluateAll((els) => (els as HTMLInputElement[]).map((e) => e.value))).toEqual([
      "Desserts",
    ]);
    await saveScreenshot(owner, "translations-2-saved");
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });
});
