// The demo table page /q/<code>: requests per second and p50/p99 latency with a warm cache (a
// repeat visit: Cache API hits, no D1) and a cold one (right after a menu edit: pointers and page
// rendered again from D1), beside a static asset of exactly the same bytes served by the same
// worker in the same run, with the ratios. Also the page budgets: gzipped HTML and JavaScript, and
// what a guest's phone downloads for the first screen with the demo's photos (a real Chromium at
// 360×740, 2x, no scrolling: HTML, script, cover, logo and the dish photos it fetches).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../support/dev-server.mjs";
import { launchBrowser, newPhoneContext } from "../support/browser.mjs";

const WARM = { requests: 2000, concurrency: 8, maxSeconds: 15, warmup: 50 };
const COLD_REQUESTS = 150;
const COLD_MAX_SECONDS = 30;
const STATIC_DIR = join(ROOT, "dist/web/bench-static");
const STATIC_PATH = "/bench-static/table-page.html";

async function login(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@demo.test", password: "tableside-demo" }),
  });
  if (!res.ok) throw new Error(`demo owner login answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { cookie, csrf: (await res.json()).csrfToken };
}

/** The JS a table page loads: /guest/table.js and the modules it imports, gzipped. */
async function scriptBytes(baseUrl, entry) {
  const seen = new Set();
  let gz = 0;
  const queue = [entry];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const text = await (await fetch(url)).text();
    gz += gzipSync(text).length;
    for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1], url).href);
  }
  return { files: seen.size, gz };
}

/** Bytes on the wire for every request a phone makes to show the page's first screen (the socket excluded). */
async function firstScreenBytes(pageUrl) {
  const browser = await launchBrowser();
  try {
    const context = await newPhoneContext(browser, { extraHTTPHeaders: { "accept-language": "en" } });
    const page = await context.newPage();
    const sizes = [];
    page.on("requestfinished", (req) => {
      sizes.push(req.sizes().then((s) => ({ url: req.url(), type: req.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })));
    });
    await page.goto(pageUrl, { waitUntil: "networkidle" });
    const done = await Promise.all(sizes);
    const by = (type) => done.filter((r) => r.type === type);
    const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
    const images = by("image").filter((r) => r.url.includes("/media/"));
    const lazyLeft = await page.evaluate(() => [...document.querySelectorAll("img")].filter((i) => !i.complete || i.naturalWidth === 0).length);
    return {
      requests: done.length,
      total: sum(done),
      html: sum(by("document")),
      js: sum(by("script")),
      images: sum(images),
      imageCount: images.length,
      largestImage: Math.max(0, ...images.map((r) => r.bytes)),
      notLoaded: lazyLeft,
    };
  } finally {
    await browser.close();
  }
}

export default async function tablePageBench({ server, measure, summarize, report, formatResult }) {
  const { baseUrl, seed } = server;
  const pageUrl = `${baseUrl}/q/${seed.tables[0].code}`;
  const headers = { "accept-language": "en" };

  const first = await fetch(pageUrl, { headers });
  const html = await first.text();
  if (first.status !== 200) throw new Error(`${pageUrl} answered ${first.status}`);
  const js = await scriptBytes(baseUrl, `${baseUrl}/guest/table.js`);
  const htmlGz = gzipSync(html).length;
  report(`HTML ${(html.length / 1024).toFixed(1)} KiB raw, ${(htmlGz / 1024).toFixed(1)} KiB gzipped (budget 30 KiB)`);
  report(`JS ${js.files} file(s), ${(js.gz / 1024).toFixed(1)} KiB gzipped (budget 20 KiB)`);
  const screen = await firstScreenBytes(pageUrl);
  const kib = (n) => (n / 1024).toFixed(1);
  report(
    `first screen with photos (360×740 @2x, no scroll): ${screen.requests} requests, ${kib(screen.total)} KiB on the wire — ` +
      `HTML ${kib(screen.html)}, JS ${kib(screen.js)}, ${screen.imageCount} images ${kib(screen.images)} KiB (largest ${kib(screen.largestImage)}); ${screen.notLoaded} lazy images not fetched`,
  );

  // A static file with the very same bytes, served by the same worker's assets layer.
  await mkdir(STATIC_DIR, { recursive: true });
  await writeFile(join(STATIC_DIR, "table-page.html"), html);
  try {
    const staticUrl = `${baseUrl}${STATIC_PATH}`;
    for (let i = 0; ; i++) {
      const res = await fetch(staticUrl);
      const body = await res.text();
      if (res.status === 200 && body.length === html.length) break;
      if (i > 40) throw new Error(`the static copy never appeared at ${staticUrl}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    const warm = await measure(pageUrl, { ...WARM, init: { headers } });
    const asset = await measure(staticUrl, WARM);
    const warmSeq = await measure(pageUrl, { ...WARM, requests: 300, concurrency: 1, init: { headers } });
    const assetSeq = await measure(staticUrl, { ...WARM, requests: 300, concurrency: 1 });

    // Cold: before each timed request, an untimed menu edit (a sold-out toggle bumps the menu
    // version and drops the cached pointers), so the page is read from D1 and rendered again.
    const owner = await login(baseUrl);
    const toggle = async (soldOut) => {
      const res = await fetch(`${baseUrl}/api/merchants/${seed.merchant.id}/menu/dishes/dsh_demo_water/sold-out`, {
        method: "PUT",
        headers: { "content-type": "application/json", cookie: owner.cookie, "x-csrf-token": owner.csrf },
        body: JSON.stringify({ storeId: seed.merchant.storeId, soldOut }),
      });
      if (!res.ok) throw new Error(`sold-out toggle answered ${res.status}`);
    };
    const latencies = [];
    const deadline = performance.now() + COLD_MAX_SECONDS * 1000;
    for (let i = 0; i < COLD_REQUESTS && performance.now() < deadline; i++) {
      await toggle(i % 2 === 0);
      const t0 = performance.now();
      const res = await fetch(pageUrl, { headers });
      await res.arrayBuffer();
      if (res.headers.get("x-tableside-cache") !== "miss") throw new Error("a cold request was served from the cache");
      latencies.push(performance.now() - t0);
    }
    if (latencies.length % 2 === 1) await toggle(false);
    const busy = latencies.reduce((a, b) => a + b, 0) / 1000;
    const cold = summarize(latencies, busy);

    report(formatResult("table page, warm cache (c=8)", warm));
    report(formatResult("same bytes as static asset (c=8)", asset));
    report(formatResult("table page, warm cache (c=1)", warmSeq));
    report(formatResult("same bytes as static asset (c=1)", assetSeq));
    report(formatResult("table page, cold cache (c=1)", cold));
    const ratios = {
      warmVsStaticRps: warm.rps / asset.rps,
      warmVsStaticP50: warm.p50 / asset.p50,
      warmVsStaticP99: warm.p99 / asset.p99,
      coldVsStaticP50: cold.p50 / assetSeq.p50,
      coldVsWarmP50: cold.p50 / warmSeq.p50,
    };
    report(
      `warm / static: ${ratios.warmVsStaticRps.toFixed(2)}x throughput, ${ratios.warmVsStaticP50.toFixed(2)}x p50, ${ratios.warmVsStaticP99.toFixed(2)}x p99`,
    );
    report(`cold / static: ${ratios.coldVsStaticP50.toFixed(2)}x p50 (sequential); cold / warm: ${ratios.coldVsWarmP50.toFixed(2)}x p50`);
    report("(cold rps = sequential requests per busy second: each one follows a menu edit)");
    return {
      htmlGzKiB: htmlGz / 1024,
      firstScreenKiB: screen.total / 1024,
      firstScreenImageKiB: screen.images / 1024,
      firstScreenImages: screen.imageCount,
      jsGzKiB: js.gz / 1024,
      warmRps: warm.rps,
      warmP50Ms: warm.p50,
      warmP99Ms: warm.p99,
      staticRps: asset.rps,
      staticP50Ms: asset.p50,
      staticP99Ms: asset.p99,
      coldRps: cold.rps,
      coldP50Ms: cold.p50,
      coldP99Ms: cold.p99,
      ...ratios,
    };
  } finally {
    await rm(STATIC_DIR, { recursive: true, force: true });
  }
}
