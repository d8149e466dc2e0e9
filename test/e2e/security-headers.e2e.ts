import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import { collectPageErrors, launchBrowser, newDesktopContext, newPhoneContext, saveScreenshot, screenshotOnFailure } from "../support/browser.mjs";

// Issue 8 §3: every page carries a content security policy it actually satisfies. A real
// browser reports each refused script, style, image or connection as a `securitypolicyviolation`
// event (and a console error); the guest table page with its live island, the console, the staff
// board and the partner portal must work with none.
const baseUrl = inject("baseUrl");
const seed = inject("seed");
// A table the other journeys leave alone (they use the first and the last).
const table = seed.tables[Math.floor(seed.tables.length / 2)]!;
const password = seed.logins[0]!.password;

let browser: Browser;
const contexts: BrowserContext[] = [];
const watched: { page: Page; errors: string[] }[] = [];

/** A page whose CSP violations are recorded in window.__csp from the first script on. */
async function watchedPage(kind: "phone" | "desktop"): Promise<{ page: Page; errors: string[] }> {
  const context = kind === "phone" ? await newPhoneContext(browser, { baseURL: baseUrl }) : await newDesktopContext(browser, { baseURL: baseUrl });
  contexts.push(context);
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  const page = await context.newPage();
  const entry = { page, errors: collectPageErrors(page) };
  watched.push(entry);
  return entry;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
/** Console errors about the policy, and uncaught script errors. */
const policyErrors = (errors: string[]) => errors.filter((e) => e.startsWith("pageerror") || /content security policy|refused to/i.test(e));

function expectPolicy(res: Response | null, what: string) {
  expect(res, what).not.toBeNull();
  const h = res!.headers();
  expect(h["content-security-policy"], `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"], `${what}: CSP`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe("the pages satisfy their content security policy", () => {
  it("the guest table page: the inline script runs by its hash, the island connects live and adds to the cart", async () => {
    const { page, errors } = await watchedPage("phone");
    onTestFailed(screenshotOnFailure(() => [page], "csp-guest"));
    const res = await page.goto(`/q/${table.code}`);
    expectPolicy(res, "table page");
    expect(await page.evaluate(() => document.documentElement.className)).toContain("js");
    const live = page.locator("#table-live");
    await live.locator(".lv-live").waitFor({ timeout: 15_000 });
    const lines = live.locator(".lv-group .lv-lines li");
    const before = await lines.count();
    await page.locator("article.dish button[data-add]:not([data-options]):not([disabled])").first().click();
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(before + 1);
    await saveScreenshot(page, "csp-guest-table");
    expect(await violations(page)).toEqual([]);
    expect(policyErrors(errors)).toEqual([]);
  });

  it("the restaurant page and a 404 page", async () => {
    const { page, errors } = await watchedPage("phone");
    expectPolicy(await page.goto(seed.urls.restaurant), "restaurant page");
    expect(await page.evaluate(() => document.documentElement.className)).toContain("js");
    expect(await violations(page)).toEqual([]);
    const missing = await page.goto("/q/nosuchcode00");
    expect(missing!.status()).toBe(404);
    expectPolicy(missing, "404");
    expect(await violations(page)).toEqual([]);
    expect(policyErrors(errors)).toEqual([]);
  });

  it("the console: the static app (_headers) and a deep link served by the Worker", async () => {
    const { page, errors } = await watchedPage("desktop");
    onTestFailed(screenshotOnFailure(() => [page], "csp-console"));
    expectPolicy(await page.goto("/console/"), "/console/ (static asset)");
    await signIn(page, "owner@demo.test");
    await page.waitForURL(/\/console\/m\/[^/]+$/);
    await expect.poll(() => page.getByRole("link", { name: "Settings", exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Merchant settings" }).isVisible()).toBe(true);
    // A reload of a deep link goes through the Worker's single-page-app route.
    expectPolicy(await page.reload(), "console deep link");
    await expect.poll(() => page.getByRole("heading", { name: "Merchant settings" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await saveScreenshot(page, "csp-console-settings");
    expect(await violations(page)).toEqual([]);
    expect(policyErrors(errors)).toEqual([]);
  });

  it("the staff board: signs in and its WebSocket goes live", async () => {
    const { page, errors } = await watchedPage("desktop");
    onTestFailed(screenshotOnFailure(() => [page], "csp-staff"));
    expectPolicy(await page.goto("/staff/"), "/staff/");
    await signIn(page, "waiter@demo.test");
    await page.locator(".st-conn.st-live").waitFor({ timeout: 15_000 });
    await saveScreenshot(page, "csp-staff-board");
    expect(await violations(page)).toEqual([]);
    expect(policyErrors(errors)).toEqual([]);
  });

  it("the partner portal: signs in", async () => {
    const { page, errors } = await watchedPage("desktop");
    onTestFailed(screenshotOnFailure(() => [page], "csp-partner"));
    expectPolicy(await page.goto("/partner/"), "/partner/");
    await signIn(page, "isv@demo.test");
    await expect.poll(() => page.getByRole("heading", { name: "Merchants" }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText("Loading…").count(), { timeout: 15_000 }).toBe(0);
    await saveScreenshot(page, "csp-partner-portal");
    expect(await violations(page)).toEqual([]);
    expect(policyErrors(errors)).toEqual([]);
  });
});

describe("static files", () => {
  it("carry the policy from the generated _headers file, which itself is not served", async () => {
    for (const path of ["/console/", "/staff/", "/partner/", "/guest/table.js"]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      await res.body?.cancel();
    }
    const file = await fetch(`${baseUrl}/_headers`);
    expect(await file.text()).not.toContain("Content-Security-Policy");
  });
});

describe("no foreign page can frame the apps", () => {
  it("the console, the staff board and a guest page refuse to load inside another site's frame", async () => {
    const { page } = await watchedPage("desktop");
    const ours = [`${baseUrl}/console/`, `${baseUrl}/staff/board`, `${baseUrl}/q/${table.code}`];
    // Another site: its own page with a frame of its own (the control) and frames of ours.
    await page.route("https://attacker.test/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: route.request().url().endsWith("/inner")
          ? "<!doctype html><p id=inner>framed</p>"
          : `<!doctype html><iframe src="/inner"></iframe>${ours.map((u) => `<iframe src="${u}"></iframe>`).join("")}`,
      }),
    );
    await page.goto("https://attacker.test/");
    const frames = () => page.frames().slice(1);
    await expect.poll(() => frames().length).toBe(4);
    // The control frame loads: framing as such works in this browser.
    await expect.poll(() => frames()[0]!.locator("#inner").count()).toBe(1);
    // Ours are refused: the browser puts its error page in their place.
    for (const frame of frames().slice(1)) {
      await expect.poll(() => frame.url(), { timeout: 10_000 }).toMatch(/^chrome-error:/);
    }

    // And it is our headers that refuse them: the console with the two headers taken out loads framed.
    await page.route(`${baseUrl}/console/?unguarded`, async (route) => {
      const res = await route.fetch({ url: `${baseUrl}/console/` });
      const headers = { ...res.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response: res, headers });
    });
    await page.evaluate(`document.body.insertAdjacentHTML("beforeend", '<iframe src="${baseUrl}/console/?unguarded"></iframe>')`);
    await expect.poll(() => frames().length).toBe(5);
    await expect.poll(() => frames()[4]!.url(), { timeout: 10_000 }).toContain("/console/?unguarded");
    await expect.poll(() => frames()[4]!.locator("#app").count(), { timeout: 10_000 }).toBe(1);
  });
});
