import { Hono, type Context } from "hono";
import { renderToString } from "preact-render-to-string";
import type { AppEnv } from "../http/app-env";
import { loadMenuSnapshot, MenuNotFoundError } from "../db/menu/snapshot";
import { TABLE_CODE_PATTERN } from "../db/menu/table-lookup";
import { guestView, msUntilAvailabilityChange } from "../domain/menu/availability";
import { forgetMerchant, pageKey } from "./cache";
import { codePointer, merchantContext, merchantIdForSlug, type MerchantContext, type StoreContext } from "./context";
import { chooseLanguage, rememberCookie } from "./language";
import { MenuPage, TABLE_CODE_TOKEN, TABLE_NAME_TOKEN, tableLabel } from "./menu-page";
import { renderNotice, type NoticeKind } from "./notice-page";
import { renderStoreList } from "./store-list";
import { UI_LANGUAGES } from "./strings";
import { getCookie } from "hono/cookie";
import { eq } from "drizzle-orm";
import { findTableByCode } from "../db/menu/table-lookup";
import { tables } from "../db/schema";
import { bumpCount } from "../db/rate-limit";
import { clientIp } from "../http/middleware/session";
import { DINER_COOKIE } from "../http/routes/guest-api";
import { verifyDinerCookie } from "../table/token";
import { renderDoorCall } from "./door-call";

/** Server-rendered guest pages: /q/<tableCode> (table) and /m/<merchantSlug>[/<storeSlug>]. */
export const guestPages = new Hono<AppEnv>();

type Ctx = Context<AppEnv>;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** FNV-1a, base 36: a short fingerprint of the settings a page shows besides the menu. */
function fingerprint(input: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const cache = () => (caches as unknown as { default: Cache }).default;

function notice(c: Ctx, kind: NoticeKind, status: 404 | 410 | 503, merchant?: MerchantContext | null, storeName?: string) {
  const { lang } = chooseLanguage(c, merchant?.languages.length ? merchant.languages : UI_LANGUAGES);
  const headers: Record<string, string> = { "cache-control": "no-store", "content-language": lang };
  if (status === 503) headers["retry-after"] = "3600";
  return c.html(renderNotice(kind, lang, merchant, storeName), status, headers);
}

/**
 * Serves one store's menu page from the Cache API, rendering it on a miss. The key carries the
 * menu version and the language (an edit bumps the version, so it shows at once); the entry lives
 * until the next time-window boundary of any dish, when "not available now" changes. The cached
 * HTML is the same for every table and every diner; the table's code and name are filled in here.
 */
async function serveMenu(c: Ctx, merchant: MerchantContext, store: StoreContext, table?: { code: string; name: string }) {
  const kind = table ? "table" : "restaurant";
  const { lang, remember } = chooseLanguage(c, merchant.languages);
  const settings = fingerprint(JSON.stringify([merchant.name, merchant.slug, merchant.branding, merchant.languages, merchant.stores.length, store]));
  const keyFor = (version: number) => `${pageKey({ merchantId: merchant.id, storeId: store.id, version, lang, kind })}/${settings}`;

  let html: string;
  let renderedAt: string;
  let state: "hit" | "miss";
  const hit = await cache().match(keyFor(merchant.version));
  if (hit) {
    html = await hit.text();
    renderedAt = hit.headers.get("x-rendered-at") ?? "0";
    state = "hit";
  } else {
    let snapshot;
    try {
      snapshot = guestView(await loadMenuSnapshot(c.var.db, merchant.id, store.id));
    } catch (err) {
      if (err instanceof MenuNotFoundError) return notice(c, "unknown", 404);
      throw err;
    }
    // Our pointer was older than D1: let the next request read it afresh.
    if (snapshot.version !== merchant.version) await forgetMerchant(merchant.id);
    const now = Date.now();
    html = "<!doctype html>" + renderToString(<MenuPage kind={kind} merchant={merchant} store={store} snapshot={snapshot} lang={lang} now={now} />);
    renderedAt = String(now);
    state = "miss";
    const ttl = Math.max(1, Math.floor(msUntilAvailabilityChange(snapshot, now) / 1000));
    await cache().put(
      keyFor(snapshot.version),
      new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": `max-age=${ttl}`, "x-rendered-at": renderedAt } }),
    );
  }
  if (table) html = html.replaceAll(TABLE_CODE_TOKEN, table.code).replaceAll(TABLE_NAME_TOKEN, escapeHtml(tableLabel(table.name, lang)));

  const etag = `W/"${merchant.version}-${lang}-${settings}-${renderedAt}${table ? `-${fingerprint(table.code + table.name)}` : ""}"`;
  const headers: Record<string, string> = {
    "content-type": "text/html; charset=utf-8",
    // The browser always asks again (the menu may change any minute) but usually gets a 304.
    "cache-control": "private, no-cache",
    vary: "Accept-Language, Cookie",
    "content-language": lang,
    etag,
    "x-tableside-cache": state,
  };
  if (remember) headers["set-cookie"] = rememberCookie(lang);
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  return c.body(html, 200, headers);
}

guestPages.get("/q/:code", async (c) => {
  const code = c.req.param("code").toLowerCase();
  if (!TABLE_CODE_PATTERN.test(code)) return notice(c, "unknown", 404);
  const pointer = await codePointer(c.var.db, code);
  if (!pointer) return notice(c, "unknown", 404);
  const merchant = await merchantContext(c.var.db, pointer.merchantId);
  if (pointer.kind === "retired") {
    // Staff replaced this table's code: a device seated in the table's live session goes on
    // to the current code (and back into its session); any other scan is told to ask staff.
    const current = await seatedDevicesCode(c, code);
    if (current) return c.redirect(`/q/${current}`, 302);
    return notice(c, "retired", 410, merchant);
  }
  const store = merchant?.stores.find((s) => s.id === pointer.storeId);
  if (!merchant || !store) return notice(c, "unknown", 404);
  if (merchant.status !== "active") return notice(c, "suspended", 503, merchant, store.name);
  if (store.status !== "open") return notice(c, "closed", 503, merchant, store.name);
  return serveMenu(c, merchant, store, { code, name: pointer.tableName });
});

/** The current code of a retired code's table, when this device is seated in that table's session. */
async function seatedDevicesCode(c: Ctx, oldCode: string): Promise<string | null> {
  const dinerId = await verifyDinerCookie(c.env, getCookie(c, DINER_COOKIE));
  if (!dinerId) return null;
  const found = await findTableByCode(c.var.db, oldCode);
  if (found?.kind !== "retired") return null;
  if (!(await c.env.TABLE.getByName(found.tableId).isSeated(dinerId))) return null;
  const [row] = await c.var.db.select({ code: tables.code }).from(tables).where(eq(tables.id, found.tableId)).limit(1);
  return row?.code ?? null;
}

/** Calls from the no-JS form per client address and window (the table object limits per table too). */
const DOOR_CALLS_PER_ADDRESS = { count: 10, windowMs: 10 * 60_000 } as const;

/**
 * The table page's "call a waiter" form, for a guest without JavaScript: shows on the staff
 * board like a help request. Limited per address here and per table in the table object.
 */
guestPages.post("/q/:code/call", async (c) => {
  const code = c.req.param("code").toLowerCase();
  if (!TABLE_CODE_PATTERN.test(code)) return notice(c, "unknown", 404);
  const pointer = await codePointer(c.var.db, code);
  if (!pointer) return notice(c, "unknown", 404);
  const merchant = await merchantContext(c.var.db, pointer.merchantId);
  if (pointer.kind === "retired") return notice(c, "retired", 410, merchant);
  const store = merchant?.stores.find((s) => s.id === pointer.storeId);
  if (!merchant || !store) return notice(c, "unknown", 404);
  if (merchant.status !== "active") return notice(c, "suspended", 503, merchant, store.name);
  if (store.status !== "open") return notice(c, "closed", 503, merchant, store.name);
  const { lang } = chooseLanguage(c, merchant.languages);
  const headers = { "cache-control": "no-store", "content-language": lang };
  const ip = clientIp(c);
  let told = (await bumpCount(c.var.db, `door:${ip}`, DOOR_CALLS_PER_ADDRESS.windowMs)) <= DOOR_CALLS_PER_ADDRESS.count;
  if (told) {
    const ref = { merchantId: merchant.id, storeId: store.id, tableId: pointer.tableId, tableName: pointer.tableName };
    const reply = await c.env.TABLE.getByName(pointer.tableId).doorCall(ref, ip);
    told = reply.ok;
  }
  return c.html(renderDoorCall(told, lang, merchant, code), told ? 200 : 429, headers);
});

async function restaurant(c: Ctx, slug: string, storeSlug?: string) {
  const merchantId = await merchantIdForSlug(c.var.db, slug.toLowerCase());
  const merchant = merchantId ? await merchantContext(c.var.db, merchantId) : null;
  if (!merchant) return notice(c, "unknown", 404);
  if (merchant.status !== "active") return notice(c, "suspended", 503, merchant);
  if (!storeSlug && merchant.stores.length > 1) {
    const { lang, remember } = chooseLanguage(c, merchant.languages);
    const headers: Record<string, string> = { "cache-control": "private, no-cache", vary: "Accept-Language, Cookie", "content-language": lang };
    if (remember) headers["set-cookie"] = rememberCookie(lang);
    return c.html(renderStoreList(merchant, lang), 200, headers);
  }
  const store = storeSlug ? merchant.stores.find((s) => s.slug === storeSlug.toLowerCase()) : merchant.stores[0];
  if (!store) return notice(c, "unknown", 404, merchant);
  if (store.status !== "open") return notice(c, "closed", 503, merchant, store.name);
  return serveMenu(c, merchant, store);
}

guestPages.get("/m/:slug", (c) => restaurant(c, c.req.param("slug")));
guestPages.get("/m/:slug/:storeSlug", (c) => restaurant(c, c.req.param("slug"), c.req.param("storeSlug")));
