import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, PHONE, RESULTS_DIR, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";
import { openStaffBoard, tileOf } from "./staff";

// Issue 8 §4, as a guest and an owner see it on a 360×740 phone: a merchant's cover never pushes
// the menu off the first screen, no guest text is under 16 px (allergens are safety information),
// the no-JavaScript notice comes first, every console control is a 44 px target, and a waiter's
// call banner goes once the call is acknowledged.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
// A table the other journeys leave alone.
const table = seed.tables[2]!;
const COVER = "https://cover.test/tableside-cover.svg";
const COVER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400" viewBox="0 0 1200 400">' +
  '<rect width="1200" height="400" fill="#b5542f"/><circle cx="600" cy="200" r="150" fill="#f2d0a0"/></svg>';

let browser: Browser;
let owner: BrowserContext;
let ownerCsrf = "";
let originalCover: string | null = null;
let guestContext: BrowserContext;
let guest: Page;
let guestErrors: string[];

/** What the first screen shows (saveScreenshot takes the whole page). */
async function screenShot(page: Page, name: string) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

async function signIn(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { email, password: "tableside-demo" } });
  expect(res.status(), email).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function setCover(coverUrl: string | null) {
  const res = await owner.request.patch(`/api/merchants/${seed.merchant.id}`, {
    headers: { "x-csrf-token": ownerCsrf },
    data: { branding: { coverUrl } },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Every visible text on the page with a computed font size under 16 px, and how many were checked. */
function smallText(page: Page) {
  return page.evaluate(() => {
    const small: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || !el.checkVisibility({ visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      checked += 1;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) small.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px "${text.slice(0, 40)}"`);
    }
    return { checked, small };
  });
}

/**
 * Visible interactive elements smaller than 44×44 px. A checkbox or radio counts by its label
 * (the label is the tap target). Two kinds are not counted, on purpose: an element parked off
 * the screen or clipped to 1 px for screen readers (the skip link before it has focus), and a
 * link inside a sentence (text flows right before or after it), which WCAG 2.5.5 exempts.
 */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const selector =
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], [role=link], [role=checkbox], [role=switch]";
    const small: string[] = [];
    let checked = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      let box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.bottom + scrollY <= 0 || box.right + scrollX <= 0) continue;
      if (el.matches("input[type=checkbox], input[type=radio]")) {
        const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
        const flows = (dir: "previousSibling" | "nextSibling") => {
          let n = el[dir];
          while (n && n.nodeType === Node.TEXT_NODE && !n.textContent?.trim()) n = n[dir];
          if (!n) return false;
          if (n.nodeType === Node.TEXT_NODE) return true;
          return n instanceof HTMLElement && getComputedStyle(n).display === "inline" && !!n.textContent?.trim();
        };
        if (flows("previousSibling") || flows("nextSibling")) continue;
      }
      checked += 1;
      if (box.height < 43.5 || box.width < 43.5) {
        const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("type") || "").trim().slice(0, 40);
        small.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, ".")} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return { checked, small };
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newDesktopContext(browser, { baseURL: baseUrl });
  ownerCsrf = await signIn(owner.request, "owner@demo.test");
  const current = (await (await owner.request.get(`/api/merchants/${seed.merchant.id}`)).json()) as { merchant: { branding: { coverUrl?: string } } };
  originalCover = current.merchant.branding.coverUrl ?? null;
  await setCover(COVER);
  guestContext = await newPhoneContext(browser, { baseURL: baseUrl });
  guest = await guestContext.newPage();
  guestErrors = collectPageErrors(guest);
});

afterAll(async () => {
  // The demo merchant is shared with the other journeys: give it back its own cover (none).
  if (owner) await setCover(originalCover);
  await browser?.close();
});

const uncaught = (errors: string[]) => errors.filter((e) => e.startsWith("pageerror"));

describe("the guest table page on a 360×740 phone", () => {
  it("with a cover image set, the cover takes at most a quarter of the screen and the first dish sits fully above the bottom bar", async () => {
    onTestFailed(screenshotOnFailure(() => [guest], "guest-page-cover"));
    // Hold the image back first: the cover's box must already have its final size (no layout shift).
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    await guestContext.route(COVER, async (route) => {
      await loaded;
      await route.fulfill({ status: 200, contentType: "image/svg+xml", body: COVER_SVG });
    });
    await guest.goto(`/q/${table.code}`, { waitUntil: "domcontentloaded" });
    const cover = guest.locator("img.cover");
    const before = await cover.boundingBox();
    release();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    await guest.locator(".lv-bar .lv-bar-cart").waitFor({ timeout: 15_000 });

    const after = (await cover.boundingBox())!;
    expect(before?.height).toBe(after.height);
    // The width and height attributes stay (the browser reserves the box), but CSS decides the size.
    // (The demo's cover is an uploaded image now, whose attributes are its own width's: any size will do.)
    expect(Number(await cover.getAttribute("width"))).toBeGreaterThan(0);
    expect(Number(await cover.getAttribute("height"))).toBeGreaterThan(0);
    expect(after.width).toBe(PHONE.width);
    expect(after.height).toBeLessThanOrEqual(PHONE.height / 4);

    const dish = (await guest.locator("main article.dish").first().boundingBox())!;
    const bar = (await guest.locator(".lv-bar").boundingBox())!;
    expect(dish.y).toBeGreaterThan(after.y + after.height);
    expect(dish.y + dish.height).toBeLessThanOrEqual(bar.y);
    await screenShot(guest, "guest-page-cover-360");
    expect(uncaught(guestErrors)).toEqual([]);
  });

  it("the first dish fits above the bar in French too, where its name and description run longest", async () => {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, locale: "fr-FR" });
    await context.route(COVER, (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: COVER_SVG }));
    const page = await context.newPage();
    onTestFailed(screenshotOnFailure(() => [page], "guest-page-cover-fr"));
    await page.goto(`/q/${seed.tables[3]!.code}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.locator(".lv-bar .lv-bar-cart").waitFor({ timeout: 15_000 });
    const dish = (await page.locator("main article.dish").first().boundingBox())!;
    const bar = (await page.locator(".lv-bar").boundingBox())!;
    expect(dish.y + dish.height).toBeLessThanOrEqual(bar.y);
    await screenShot(page, "guest-page-cover-360-fr");
    await context.close();
  });

  it("a call to the waiter shows a banner on the staff board, and the banner goes once the call is acknowledged", async () => {
    const desk = await newDesktopContext(browser, { baseURL: baseUrl, viewport: { width: 1024, height: 768 } });
    const board = await desk.newPage();
    onTestFailed(screenshotOnFailure(() => [board, guest], "guest-page-ack"));
    await openStaffBoard(board, "waiter@demo.test");

    await guest.locator(".lv-bar").getByRole("button", { name: "Call waiter" }).click();
    const banner = board.locator(".st-cues .st-cue", { hasText: table.name });
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
    const call = board.locator(".st-calls li", { hasText: table.name });
    await call.getByRole("button", { name: "Acknowledge" }).click();
    await expect.poll(() => call.count(), { timeout: 10_000 }).toBe(0);
    expect(await banner.count()).toBe(0);

    // The waiter orders for the table from the board, then leaves: the guest sees a round and an away diner.
    await tileOf(board, table.name).click();
    const panel = board.locator(".st-panel");
    await panel.locator(".st-chip", { hasText: "Starters" }).click();
    await panel.locator(".st-pick", { hasText: "Salted edamame" }).click();
    await panel.locator(".st-compose").getByRole("button", { name: /^Add 1 to the cart/ }).click();
    await panel.getByRole("button", { name: "Send to kitchen" }).click();
    await expect.poll(() => guest.locator("#table-live .lv-round").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await desk.close();
    await expect.poll(() => guest.locator("#table-live .lv-d.away").count(), { timeout: 10_000 }).toBe(1);
  });

  it("shows every text at 16 px or more: the menu, allergens and diet tags, the dish dialog and the live panel", async () => {
    onTestFailed(screenshotOnFailure(() => [guest], "guest-page-text"));
    const live = guest.locator("#table-live");
    // An empty cart shows its hint; the footer and the allergen notice are at the end of the page.
    await expect.poll(() => live.locator(".lv-muted").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const empty = await smallText(guest);
    expect(empty.small).toEqual([]);

    await guest.locator("#filters summary").click();
    const soup = guest.locator("article.dish", { has: guest.locator("h3", { hasText: "Braised beef noodle soup" }) });
    await soup.locator("button[data-add]").click();
    const dialog = guest.locator("dialog[open]");
    await dialog.getByLabel("Note for the kitchen").fill("no coriander");
    const open = await smallText(guest);
    expect(open.small).toEqual([]);
    await dialog.locator("form.dish-form button[type=submit]").click();
    await expect.poll(() => live.locator(".lv-group .lv-lines li", { hasText: "Braised beef noodle soup" }).count(), { timeout: 10_000 }).toBe(1);

    // Cart lines with options and a note, a round with item states, a call, an away diner.
    const full = await smallText(guest);
    expect(full.small).toEqual([]);
    expect(full.checked).toBeGreaterThan(200);
    expect(await live.locator(".lv-name small").count()).toBeGreaterThan(0);
    expect(await guest.locator("main .alg").first().evaluate((el) => getComputedStyle(el).fontSize)).toBe("16px");
    await live.scrollIntoViewIfNeeded();
    await screenShot(guest, "guest-page-text-live");
    expect(uncaught(guestErrors)).toEqual([]);
  });

  it("without JavaScript, the notice (and what a guest can still do) comes first, before the menu", async () => {
    const context = await newPhoneContext(browser, { baseURL: baseUrl, javaScriptEnabled: false });
    await context.route(COVER, (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: COVER_SVG }));
    const page = await context.newPage();
    onTestFailed(screenshotOnFailure(() => [page], "guest-page-nojs"));
    await page.goto(`/q/${table.code}`);
    const notice = page.locator("#nojs");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("turn on JavaScript");

    // The first visible text after the restaurant's header is the notice.
    const first = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent?.trim() || !el?.checkVisibility({ visibilityProperty: true })) continue;
        if (el.closest(".skip, header.top")) continue;
        return el.closest("#nojs") ? "notice" : `${el.tagName.toLowerCase()}.${el.className}: ${node.textContent.trim().slice(0, 40)}`;
      }
      return "nothing";
    });
    expect(first).toBe("notice");
    const box = (await notice.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(box.y).toBeLessThan((await page.locator("main#menu").boundingBox())!.y);
    // The live panel needs the script: without it there is no empty box at the end.
    expect(await page.locator("#table-live").isVisible()).toBe(false);
    await screenShot(page, "guest-page-nojs");
    await context.close();
  });
});

describe("the console and the partner portal at 360 px", () => {
  async function sweep(context: BrowserContext, paths: string[], shots: Record<string, string> = {}) {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const found: string[] = [];
    let checked = 0;
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await page.locator("h1").first().waitFor();
      const r = await smallTargets(page);
      checked += r.checked;
      found.push(...r.small.map((s) => `${path}: ${s}`));
      if (shots[path]) await saveScreenshot(page, shots[path]);
    }
    expect(uncaught(errors)).toEqual([]);
    return { page, found, checked };
  }

  it("has no visible control under 44 px, signed out, as an owner and as a partner", async () => {
    const m = `/console/m/${seed.merchant.id}`;
    const anonymous = await newPhoneContext(browser, { baseURL: baseUrl });
    const out = await sweep(anonymous, ["/console/login", "/console/signup", "/partner/login"]);

    const ownerPhone = await newPhoneContext(browser, { baseURL: baseUrl });
    await signIn(ownerPhone.request, "owner@demo.test");
    const pages = [
      m,
      "/console/account",
      `${m}/stores`,
      `${m}/stores/${seed.merchant.storeId}`,
      `${m}/menu`,
      `${m}/menu?tab=soldout`,
      `${m}/menu?tab=translations`,
      `${m}/menu?tab=json`,
      `${m}/tables`,
      `${m}/staff`,
      `${m}/settings`,
      `${m}/audit`,
    ];
    const inside = await sweep(ownerPhone, pages, { [m]: "console-360-overview", [`${m}/menu`]: "console-360-menu" });
    // Open forms too: a new dish with its option rows, and a delete that asks to confirm.
    const page = inside.page;
    onTestFailed(screenshotOnFailure(() => [page], "console-360"));
    await page.goto(`${m}/menu`);
    await page.getByRole("button", { name: "Add a dish to Starters" }).click();
    await page.getByRole("button", { name: "Size", exact: true }).click();
    const form = await smallTargets(page);
    await page.goto(`${m}/tables`);
    await page.getByRole("button", { name: /^Delete/ }).first().click();
    const confirm = await smallTargets(page);

    const isv = await newPhoneContext(browser, { baseURL: baseUrl });
    await signIn(isv.request, "isv@demo.test");
    const partner = await sweep(isv, ["/partner/", "/partner/merchants/new", `/partner/merchants/${seed.merchant.id}`, "/partner/keys"]);

    const small = [...out.found, ...inside.found, ...form.small, ...confirm.small, ...partner.found];
    expect(small).toEqual([]);
    expect(out.checked + inside.checked + form.checked + confirm.checked + partner.checked).toBeGreaterThan(500);
    await Promise.all([anonymous.close(), ownerPhone.close(), isv.close()]);
  });

  it("keeps the laptop layout compact: small buttons stay small with a mouse on a wide screen", async () => {
    const laptop = await newDesktopContext(browser, { baseURL: baseUrl });
    await signIn(laptop.request, "owner@demo.test");
    const page = await laptop.newPage();
    await page.goto(`/console/m/${seed.merchant.id}/menu`);
    const edit = page.locator(".btn-small").first();
    await edit.waitFor();
    expect((await edit.boundingBox())!.height).toBeLessThan(44);
    await saveScreenshot(page, "console-1280-menu");
    await laptop.close();
  });
});
