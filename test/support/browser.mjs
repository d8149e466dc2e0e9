// Browser helpers for the journeys: Debian's chromium driven by playwright-core.
//
//   const browser = await launchBrowser();
//   const phone = await newPhoneContext(browser, { baseURL });   // 360x740, touch
//   const desk = await newDesktopContext(browser, { baseURL });  // 1280x800
//   await saveScreenshot(page, "signup-1-form");                 // test-results/signup-1-form.png
//   onTestFailed(screenshotOnFailure(() => [page], "signup"));   // in a Vitest test
//
// Each launch gets a fresh temporary profile (playwright-core creates its own user-data dir and
// removes it on close), so no cookie or cache leaks between runs. Contexts within one browser
// are isolated from each other too: use one context per person in a journey.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const RESULTS_DIR = resolve(import.meta.dirname, "../../test-results");

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** @param {import("playwright-core").LaunchOptions} [options] */
export function launchBrowser(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000, ...options });
}

/** A phone-sized context (360x740, touch, mobile viewport). */
export function newPhoneContext(browser, options = {}) {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
    ...options,
  });
}

/** A desktop-sized context (1280x800). */
export function newDesktopContext(browser, options = {}) {
  return browser.newContext({ viewport: DESKTOP, locale: "en-US", ...options });
}

function fileName(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-") + ".png";
}

/** Saves a full-page PNG into test-results/ and returns its path. */
export async function saveScreenshot(page, name) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, fileName(name));
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Returns a callback that screenshots every still-open page into test-results/<name>-failure-N.png;
 * pass it to Vitest's onTestFailed, or call it from a catch block.
 * @param {() => Array<import("playwright-core").Page | undefined>} pages
 */
export function screenshotOnFailure(pages, name) {
  return async () => {
    let i = 0;
    for (const page of pages()) {
      i += 1;
      if (!page || page.isClosed()) continue;
      try {
        const path = await saveScreenshot(page, `${name}-failure-${i}`);
        console.error(`failure screenshot: ${path} (${page.url()})`);
      } catch (err) {
        console.error(`could not screenshot ${page.url()}: ${err}`);
      }
    }
  };
}

/** Runs fn; if it throws, screenshots the page into test-results/<name>-failure-1.png and rethrows. */
export async function withScreenshotOnFailure(page, name, fn) {
  try {
    return await fn();
  } catch (err) {
    await screenshotOnFailure(() => [page], name)();
    throw err;
  }
}

/** Collects uncaught page errors and console errors, to assert a journey ran clean. */
export function collectPageErrors(page) {
  const errors = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  return errors;
}
