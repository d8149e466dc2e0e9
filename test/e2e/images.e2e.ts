import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, PHONE, RESULTS_DIR, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { signUpOwner } from "./staff";
import { dishIllustration, drawPng, coverIllustration } from "../../src/db/seed/illustrations";

// Issue 11's journey: an owner uploads a dish photo from a file and a cover in the console (the
// browser crops and resizes them); a guest on a 360×740 phone sees both, the first dish is still
// on the first screen, the cover takes at most a quarter of it, and nothing shifts as they load.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
const run = Date.now().toString(36);

let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
let ownerErrors: string[];
let merchantId = "";
let slug = "";
let tableCode = "";
let photoFile = "";
let coverFile = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await newDesktopContext(browser, { baseURL: baseUrl });
  owner = await ownerContext.newPage();
  ownerErrors = collectPageErrors(owner);
  const owned = await signUpOwner(ownerContext, {
    business: `Photo Bistro ${run}`,
    email: `owner-${run}@images.test`,
    ownerName: "Pia Owner",
    store: { name: "Harbour", timeZone: "Europe/Paris", currency: "EUR", languages: ["en"] },
  });
  ({ merchantId, merchantSlug: slug } = owned);
  const headers = owned.headers;
  const api = `/api/merchants/${merchantId}`;
  const category = await (await ownerContext.request.post(`${api}/menu/categories`, { headers, data: { name: { en: "Plates" } } })).json();
  for (const [name, price] of [["Grilled sea bream", 1850], ["Herb salad", 950], ["Lemon tart", 750], ["Espresso", 280]] as const) {
    const dish = await ownerContext.request.post(`${api}/menu/dishes`, { headers, data: { categoryId: category.category.id, name: { en: name }, description: { en: "Made this morning." }, price } });
    expect(dish.status()).toBe(201);
  }
  const stores = await (await ownerContext.request.get(`${api}/stores`)).json();
  const table = await ownerContext.request.post(`${api}/stores/${stores.stores[0].id}/tables`, { headers, data: { name: "T1" } });
  expect(table.status()).toBe(201);
  tableCode = (await table.json()).table.code;

  // A landscape "photo" straight off a phone (4:3) and a wide one for the cover: both get cropped.
  await mkdir(RESULTS_DIR, { recursive: true });
  photoFile = join(RESULTS_DIR, `images-photo-${run}.png`);
  coverFile = join(RESULTS_DIR, `images-cover-${run}.png`);
  await writeFile(photoFile, await drawPng(dishIllustration("bream", { table: "#35506b", food: "#e8c07a", garnish: "#7fbf3f" }), 1200, 900));
  await writeFile(coverFile, await drawPng(coverIllustration(), 1600, 600));
});

afterAll(async () => {
  await browser?.close();
});

const uncaught = (errors: string[]) => errors.filter((e) => e.startsWith("pageerror"));

describe("dish photo and cover, from the console to a guest's phone", () => {
  it("the owner picks a dish photo from a file: it is previewed cropped square, and saved with the dish", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "images-1"));
    await owner.goto(`/console/m/${merchantId}/menu`);
    await owner.getByRole("button", { name: "Edit Grilled sea bream" }).click();
    // No address field any more: a picture is picked.
    expect(await owner.getByText("Photo address").count()).toBe(0);
    await owner.getByTestId("dish-file").setInputFiles(photoFile);
    const preview = owner.getByRole("img", { name: "Photo: current picture" });
    await expect.poll(async () => (await preview.getAttribute("src"))?.slice(0, 15)).toMatch(/^data:image\/(webp|jpeg)/);
    const shape = await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(shape[0]).toBe(shape[1]);
    await saveScreenshot(owner, "images-1-dish-form");
    await owner.getByRole("button", { name: "Save dish", exact: true }).click();
    await expect.poll(() => owner.getByText("Dish saved.").isVisible()).toBe(true);
    const menu = await (await ownerContext.request.get(`/api/merchants/${merchantId}/menu`)).json();
    const image = menu.categories[0].dishes[0].image;
    expect(image).toMatchObject({ kind: "dish", widths: [128, 256, 512], width: 512, height: 512 });
    expect(["webp", "jpeg"]).toContain(image.type);
    expect(uncaught(ownerErrors)).toEqual([]);
  });

  it("the owner uploads a cover in the settings: it is stored at once and shown in the preview", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "images-2"));
    await owner.goto(`/console/m/${merchantId}/settings`);
    expect(await owner.getByText("Cover image URL").count()).toBe(0);
    await owner.getByTestId("cover-file").setInputFiles(coverFile);
    const preview = owner.getByRole("img", { name: "Cover photo: current picture" });
    await expect.poll(async () => (await preview.getAttribute("src")) ?? "").toMatch(new RegExp(`^/media/${merchantId}/[0-9a-f]{64}-(480|960|1440)\\.(webp|jpg)$`));
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await saveScreenshot(owner, "images-2-settings");
    const merchant = (await (await ownerContext.request.get(`/api/merchants/${merchantId}`)).json()).merchant;
    expect(merchant.branding.cover).toMatchObject({ kind: "cover", widths: [480, 960, 1440], width: 1440, height: 480 });
    expect(uncaught(ownerErrors)).toEqual([]);
  });

  it("a guest on a 360×740 phone sees both; the first dish stays on the first screen and nothing shifts as they load", async () => {
    const guestContext = await newPhoneContext(browser, { baseURL: baseUrl });
    const guest = await guestContext.newPage();
    onTestFailed(screenshotOnFailure(() => [guest], "images-3"));
    const errors = collectPageErrors(guest);
    await guest.addInitScript(() => {
      (window as unknown as { shifts: number[] }).shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { shifts: number[] }).shifts.push((e as unknown as { value: number }).value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await guest.goto(`/q/${tableCode}`);
    const cover = guest.locator("img.cover");
    const photo = guest.locator("article.dish img.pic").first();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The phone picked a small file: the 256 px one for an 88 px photo on a 2x screen, never the 512.
    const chosen = await photo.evaluate((img: HTMLImageElement) => img.currentSrc);
    expect(chosen).toMatch(new RegExp(`/media/${merchantId}/[0-9a-f]{64}-(128|256)\\.(webp|jpg)$`));
    const coverBox = (await cover.boundingBox())!;
    expect(coverBox.height).toBeLessThanOrEqual(PHONE.height / 4);
    const firstDish = (await guest.locator("article.dish").first().boundingBox())!;
    expect(firstDish.y + firstDish.height).toBeLessThanOrEqual(PHONE.height);
    const photoBox = (await photo.boundingBox())!;
    expect([Math.round(photoBox.width), Math.round(photoBox.height)]).toEqual([88, 88]);
    // Let late images and the live island settle, then read every layout shift since navigation.
    await guest.waitForLoadState("networkidle");
    const shifts = await guest.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
    await guest.screenshot({ path: join(RESULTS_DIR, "images-3-guest-first-screen.png") });
    expect(uncaught(errors)).toEqual([]);
    await guestContext.close();
  });

  it("a newcomer's demo restaurant has pictures: the seed's dish photos, logo and cover show on its table page", async () => {
    const guestContext = await newPhoneContext(browser, { baseURL: baseUrl });
    const guest = await guestContext.newPage();
    onTestFailed(screenshotOnFailure(() => [guest], "images-4"));
    await guest.goto(`/q/${seed.tables[3]!.code}`, { waitUntil: "networkidle" });
    const loaded = (selector: string) => guest.locator(selector).evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length);
    expect(await loaded("img.cover")).toBe(1);
    expect(await loaded("img.logo")).toBe(1);
    expect(await guest.locator("article.dish img.pic").count()).toBeGreaterThanOrEqual(8);
    expect(await loaded("article.dish img.pic")).toBeGreaterThanOrEqual(2);
    const firstDish = (await guest.locator("article.dish").first().boundingBox())!;
    expect(firstDish.y + firstDish.height).toBeLessThanOrEqual(PHONE.height);
    await guest.screenshot({ path: join(RESULTS_DIR, "images-4-demo-first-screen.png") });
    await guestContext.close();
  });
});
