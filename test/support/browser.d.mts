/** Types for browser.mjs (playwright-core + a system or the bundled Chromium). */
import type { Browser, BrowserContext, BrowserContextOptions, LaunchOptions, Page } from "playwright-core";

/** Debian's chromium package path. */
export const DEBIAN_CHROMIUM: string;
/** The system Chromium tried first: CHROMIUM_PATH, else Debian's (it may not be installed). */
export const CHROMIUM: string;
/** The Chromium launchBrowser drives: CHROMIUM_PATH, Debian's, else the bundled one (unpacked once). */
export function findChromium(): Promise<{ path: string; source: "CHROMIUM_PATH" | "debian" | "bundled" }>;
export const CHROMIUM_ARGS: string[];
export const RESULTS_DIR: string;
export const PHONE: { width: number; height: number };
export const DESKTOP: { width: number; height: number };
export function launchBrowser(options?: LaunchOptions): Promise<Browser>;
export function newPhoneContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext>;
export function newDesktopContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext>;
export function saveScreenshot(page: Page, name: string): Promise<string>;
export function screenshotOnFailure(pages: () => Array<Page | undefined>, name: string): () => Promise<void>;
export function withScreenshotOnFailure<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T>;
export function collectPageErrors(page: Page): string[];
