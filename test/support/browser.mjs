// Browser helpers for the journeys: a Chromium driven by playwright-core.
//
//   const browser = await launchBrowser();
//   const phone = await newPhoneContext(browser, { baseURL });   // 360x740, touch
//   const desk = await newDesktopContext(browser, { baseURL });  // 1280x800
//   await saveScreenshot(page, "signup-1-form");                 // test-results/signup-1-form.png
//   onTestFailed(screenshotOnFailure(() => [page], "signup"));   // in a Vitest test
//
// Which Chromium (findChromium): CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if
// installed, else the one the devDependency @sparticuz/chromium ships inside its npm package
// (unpacked once into node_modules/.cache, ~7 s), so `npm install && npm test` needs no system
// browser. TABLESIDE_BROWSER=bundled skips the first two; TABLESIDE_BROWSER=system refuses the
// bundled one.
//
// Each launch gets a fresh temporary profile (playwright-core creates its own user-data dir and
// removes it on close), so no cookie or cache leaks between runs. Contexts within one browser
// are isolated from each other too: use one context per person in a journey.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

/** Debian's chromium package. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
/** The system Chromium tried first: CHROMIUM_PATH, else Debian's (it may not be installed). */
export const CHROMIUM = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
// Flags known to work with both Debian's and the bundled build here (@sparticuz/chromium's own
// `args` are meant for AWS Lambda: --single-process and friends; they are not used).
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
const ROOT = resolve(import.meta.dirname, "../..");

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** @type {Promise<{ path: string, source: "CHROMIUM_PATH" | "debian" | "bundled" }> | undefined} */
let found;

/** The Chromium to drive, chosen once per process (see the top of this file). */
export function findChromium() {
  found ??= choose();
  return found;
}

async function choose() {
  const mode = process.env.TABLESIDE_BROWSER || "auto";
  if (!["auto", "system", "bundled"].includes(mode)) {
    throw new Error(`TABLESIDE_BROWSER must be auto, system or bundled (got "${mode}")`);
  }
  if (mode !== "bundled") {
    const fromEnv = process.env.CHROMIUM_PATH;
    if (fromEnv) {
      if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
      return { path: fromEnv, source: "CHROMIUM_PATH" };
    }
    if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: "debian" };
    if (mode === "system") {
      throw new Error(`TABLESIDE_BROWSER=system but neither CHROMIUM_PATH nor ${DEBIAN_CHROMIUM} is there`);
    }
  }
  return { path: await bundledChromium(), source: "bundled" };
}

/**
 * Unpacks @sparticuz/chromium's brotli-packed browser into node_modules/.cache/tableside/ once
 * and returns its path. The package unpacks into os.tmpdir() and trusts whatever it finds there,
 * so it unpacks into a fresh staging directory that is then renamed into place: an interrupted or
 * concurrent first run never leaves a half-written browser behind.
 */
async function bundledChromium() {
  const pkg = JSON.parse(await readFile(join(ROOT, "node_modules/@sparticuz/chromium/package.json"), "utf8"));
  const cacheRoot = join(ROOT, "node_modules/.cache/tableside");
  const dir = join(cacheRoot, `chromium-${pkg.version}`);
  const exe = join(dir, "chromium");
  if (existsSync(exe)) return exe;

  await mkdir(cacheRoot, { recursive: true });
  await removeAbandonedStaging(cacheRoot);
  const staging = await mkdtemp(join(cacheRoot, "unpacking-"));
  try {
    const { default: Chromium } = await import("@sparticuz/chromium");
    Chromium.setGraphicsMode = false; // --disable-gpu: no need to unpack SwiftShader
    // executablePath() reads os.tmpdir() (TMPDIR) synchronously before its first await.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    let unpacked;
    try {
      unpacked = Chromium.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    await unpacked;
    await rename(staging, dir).catch((err) => {
      if (!existsSync(exe)) throw err; // else another process finished first: use its copy
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return exe;
}

/** Removes staging directories left by a run killed while unpacking (older than 10 minutes). */
async function removeAbandonedStaging(cacheRoot) {
  for (const name of await readdir(cacheRoot)) {
    if (!name.startsWith("unpacking-")) continue;
    const path = join(cacheRoot, name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 10 * 60_000) await rm(path, { recursive: true, force: true });
  }
}

/** @param {import("playwright-core").LaunchOptions} [options] */
export async function launchBrowser(options = {}) {
  const { path } = await findChromium();
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS, timeout: 30_000, ...options });
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
