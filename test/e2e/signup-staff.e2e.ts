import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import {
  collectPageErrors,
  launchBrowser,
  newDesktopContext,
  newPhoneContext,
  saveScreenshot,
  screenshotOnFailure,
} from "../support/browser.mjs";

// Issue 2's journey: a new merchant signs up in the console, invites a waiter, the waiter
// accepts in their own browser and sets a password, and cannot open the owner-only settings
// (the console refuses the screen and the API answers 403).
const baseUrl = inject("baseUrl");
const run = Date.now().toString(36);
const business = `Journey Bistro ${run}`;
const ownerEmail = `owner-${run}@journey.test`;
const waiterEmail = `waiter-${run}@journey.test`;
const password = "correct horse battery";

let browser: Browser;
let ownerContext: BrowserContext;
let waiterContext: BrowserContext;
let owner: Page;
let waiter: Page;
let ownerErrors: string[];
let waiterErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  ownerContext = await newDesktopContext(browser, { baseURL: baseUrl });
  waiterContext = await newPhoneContext(browser, { baseURL: baseUrl });
  owner = await ownerContext.newPage();
  waiter = await waiterContext.newPage();
  ownerErrors = collectPageErrors(owner);
  waiterErrors = collectPageErrors(waiter);
});

afterAll(async () => {
  await browser?.close();
});

/** Uncaught script errors; failed fetches the app handles (e.g. the 401 of /api/auth/me before sign-in) are fine. */
const uncaught = (errors: string[]) => errors.filter((e) => e.startsWith("pageerror"));

describe("sign-up, staff invitation and role refusal", () => {
  let merchantId = "";
  let inviteUrl = "";

  it("a new merchant signs up in the console", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "signup-staff-1"));
    await owner.goto("/console/signup");
    await expect.poll(() => owner.getByRole("heading", { name: "Create your restaurant's account" }).isVisible()).toBe(true);

    await owner.getByLabel("Business name").fill(business);
    await owner.getByLabel("Your name").fill("Olga Owner");
    await owner.getByLabel("Email").fill(ownerEmail);
    await owner.getByLabel("Password").fill(password);
    // The store name follows the business name until edited.
    await expect.poll(() => owner.getByLabel("Store name").inputValue()).toBe(business);
    await expect.poll(() => owner.getByLabel("Public link").inputValue()).toBe(`journey-bistro-${run}`);
    await saveScreenshot(owner, "signup-staff-1-signup-form");

    await owner.getByRole("button", { name: "Create account" }).click();
    await owner.waitForURL(/\/console\/m\/[^/]+$/);
    merchantId = decodeURIComponent(new URL(owner.url()).pathname.split("/")[3]!);
    expect(merchantId).not.toBe("");
    await expect.poll(() => owner.getByRole("navigation", { name: `${business} sections` }).isVisible()).toBe(true);
    await saveScreenshot(owner, "signup-staff-2-owner-overview");
  });

  it("the owner can open the owner-only settings", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "signup-staff-3"));
    await owner.getByRole("link", { name: "Settings", exact: true }).click();
    await expect.poll(() => owner.getByRole("heading", { name: "Merchant settings" }).isVisible()).toBe(true);
    expect(await owner.getByLabel("Business name").inputValue()).toBe(business);
    await saveScreenshot(owner, "signup-staff-3-owner-settings");
  });

  it("the owner invites a waiter and gets an invitation link", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "signup-staff-4"));
    await owner.getByRole("link", { name: "Staff", exact: true }).click();
    await expect.poll(() => owner.getByRole("heading", { name: "Invite someone" }).isVisible()).toBe(true);

    const form = owner.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Email").fill(waiterEmail);
    await form.getByLabel("Name", { exact: true }).fill("Walter Waiter");
    await form.getByLabel("Role").selectOption("waiter");
    await form.getByRole("button", { name: "Create invitation" }).click();

    await expect.poll(() => owner.getByText(`Invitation for ${waiterEmail} created.`).isVisible()).toBe(true);
    inviteUrl = await owner.getByLabel("Invitation link").inputValue();
    expect(inviteUrl).toMatch(/\/console\/invite\/[A-Za-z0-9_-]+$/);
    const pending = owner.getByRole("table").filter({ hasText: waiterEmail });
    await expect.poll(() => pending.isVisible()).toBe(true);
    await saveScreenshot(owner, "signup-staff-4-invitation-link");
  });

  it("the waiter accepts the invitation in another browser and sets a password", async () => {
    onTestFailed(screenshotOnFailure(() => [waiter], "signup-staff-5"));
    await waiter.goto(inviteUrl);
    await expect.poll(() => waiter.getByRole("heading", { name: `Join ${business}` }).isVisible()).toBe(true);
    await expect.poll(() => waiter.getByText(waiterEmail).first().isVisible()).toBe(true);
    expect(await waiter.getByLabel("Your name").inputValue()).toBe("Walter Waiter");
    await waiter.getByLabel("Choose a password").fill(password);
    await saveScreenshot(waiter, "signup-staff-5-accept-invitation");

    await waiter.getByRole("button", { name: "Set password and join" }).click();
    await waiter.waitForURL((url) => !url.pathname.startsWith("/console/invite/"));
    const me = await (await waiter.request.get("/api/auth/me")).json();
    expect(me.user.email).toBe(waiterEmail);
    expect(me.memberships).toEqual([expect.objectContaining({ role: "waiter", merchantId })]);
    await saveScreenshot(waiter, "signup-staff-6-waiter-landing");
  });

  it("the waiter cannot open the owner-only settings: the console refuses", async () => {
    onTestFailed(screenshotOnFailure(() => [waiter], "signup-staff-7"));
    await waiter.goto(`/console/m/${encodeURIComponent(merchantId)}/settings`);
    await expect.poll(() => waiter.getByRole("heading", { name: "Not available for your role" }).isVisible()).toBe(true);
    const alert = waiter.getByRole("alert");
    expect(await alert.innerText()).toContain("Your role (waiter) cannot open the merchant settings.");
    // The owner-only form is not on the page, and the section is not offered in the navigation.
    expect(await waiter.getByRole("form", { name: "Merchant settings" }).count()).toBe(0);
    const nav = waiter.getByRole("navigation", { name: `${business} sections` });
    expect(await nav.getByRole("link", { name: "Settings", exact: true }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Overview", exact: true }).count()).toBe(1);
    await saveScreenshot(waiter, "signup-staff-7-waiter-refused");
  });

  it("the waiter cannot change settings through the API either (403)", async () => {
    const me = await (await waiter.request.get("/api/auth/me")).json();
    const api = `/api/merchants/${encodeURIComponent(merchantId)}`;

    const patch = await waiter.request.patch(api, {
      data: { name: "Taken over" },
      headers: { "x-csrf-token": me.csrfToken },
    });
    expect(patch.status()).toBe(403);
    expect((await patch.json()).error.code).toBe("forbidden");

    const staff = await waiter.request.get(`${api}/staff`);
    expect(staff.status()).toBe(403);

    // Reading the merchant is allowed to all staff, and the name is unchanged.
    const read = await waiter.request.get(api);
    expect(read.status()).toBe(200);
    expect((await read.json()).merchant.name).toBe(business);
  });

  it("the owner sees the waiter in the team", async () => {
    onTestFailed(screenshotOnFailure(() => [owner], "signup-staff-8"));
    await owner.reload();
    const team = owner.getByRole("table").filter({ hasText: waiterEmail });
    await expect.poll(() => team.isVisible()).toBe(true);
    expect(await team.getByRole("row").filter({ hasText: waiterEmail }).innerText()).toContain("Waiter");
    await expect.poll(() => owner.getByRole("heading", { name: "Pending invitations (0)" }).isVisible()).toBe(true);
    await saveScreenshot(owner, "signup-staff-8-owner-team");
    expect(uncaught(ownerErrors)).toEqual([]);
    expect(uncaught(waiterErrors)).toEqual([]);
  });
});
