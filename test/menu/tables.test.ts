import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpMerchant, type SignedUp } from "../helpers/client";
import { addStaff } from "../helpers/staff";
import { ledgerD1Of } from "../ledger/support";

let owner: SignedUp;
let base: string;

beforeAll(async () => {
  owner = await signUpMerchant();
  base = `/api/merchants/${owner.merchantId}/stores/${owner.storeId}/tables`;
});

describe("tables", () => {
  it("creates tables with unguessable 12-character codes and a QR url", async () => {
    const res = await owner.client.post(base, { name: "Window 1", area: "Hall", seats: 2 });
    expect(res.status).toBe(201);
    expect(res.body.table).toMatchObject({ name: "Window 1", area: "Hall", seats: 2, storeId: owner.storeId });
    expect(res.body.table.code).toMatch(/^[0-9a-hjkmnp-tv-z]{12}$/);
    expect(res.body.table.url).toBe(`https://tableside.test/q/${res.body.table.code}`);
    const defaults = await owner.client.post(base, { name: "Bar" });
    expect(defaults.body.table).toMatchObject({ area: "", seats: 4 });
  });

  it("creates numbered tables in bulk and lists them in natural order", async () => {
    const res = await owner.client.post(`${base}/bulk`, { prefix: "T", start: 1, count: 12, area: "Terrace", seats: 4 });
    expect(res.status).toBe(201);
    expect(res.body.tables).toHaveLength(12);
    const list = (await owner.client.get(base)).body.tables.filter((t: any) => t.area === "Terrace");
    expect(list.map((t: any) => t.name)).toEqual(Array.from({ length: 12 }, (_, i) => `T${i + 1}`.replace("T", "T ")));
    expect(new Set(list.map((t: any) => t.code)).size).toBe(12);
  });

  it("creates the largest allowed batch (100 tables) in one request", async () => {
    const res = await owner.client.post(`${base}/bulk`, { prefix: "Banquet", start: 1, count: 100, area: "Banquet room" });
    expect(res.status).toBe(201);
    expect(res.body.tables).toHaveLength(100);
    const list = (await owner.client.get(base)).body.tables.filter((t: any) => t.area === "Banquet room");
    expect(list).toHaveLength(100);
  });

  it("D1 itself refuses a second table with the same name in a store (no race can make two)", async () => {
    const made = await owner.client.post(base, { name: "Race table" });
    expect(made.status).toBe(201);
    const dup = env.DB.prepare("INSERT INTO tables (id, merchant_id, store_id, name, area, seats, code, created_at) VALUES ('tbl_dup_race', ?, ?, 'Race table', '', 4, 'dupcode00000', 0)")
      .bind(owner.merchantId, owner.storeId)
      .run();
    await expect(dup).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it("refuses duplicate names and bad input", async () => {
    const dup = await owner.client.post(base, { name: "Bar" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("table_name_taken");
    expect((await owner.client.post(`${base}/bulk`, { prefix: "T", start: 12, count: 2 })).status).toBe(409);
    for (const body of [{ name: "" }, { name: "x".repeat(41) }, { name: "A", seats: 0 }, { name: "A", seats: 100 }, { name: "A", seats: 2.5 }]) {
      const res = await owner.client.post(base, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect((await owner.client.post(`${base}/bulk`, { count: 101 })).status).toBe(400);
  });

  it("renames a table and changes its seats", async () => {
    const t = (await owner.client.post(base, { name: "Corner" })).body.table;
    const res = await owner.client.patch(`${base}/${t.id}`, { name: "Corner booth", seats: 6 });
    expect(res.status).toBe(200);
    expect(res.body.table).toMatchObject({ id: t.id, name: "Corner booth", seats: 6, code: t.code });
    expect((await owner.client.patch(`${base}/${t.id}`, { name: "Bar" })).status).toBe(409);
  });

  it("rotates a code: the new one works, the old one is retired", async () => {
    const t = (await owner.client.post(base, { name: "Rotating" })).body.table;
    const res = await owner.client.post(`${base}/${t.id}/rotate-code`);
    expect(res.status).toBe(200);
    expect(res.body.retiredCode).toBe(t.code);
    expect(res.body.table.code).not.toBe(t.code);
    expect((await owner.client.raw("GET", `/q/${t.code}`)).status).toBe(410);
  });

  it("deletes an unused table (its code is retired) but keeps one with history", async () => {
    const t = (await owner.client.post(base, { name: "Temporary" })).body.table;
    expect((await owner.client.del(`${base}/${t.id}`)).status).toBe(200);
    expect((await owner.client.get(base)).body.tables.some((x: any) => x.id === t.id)).toBe(false);
    expect((await owner.client.raw("GET", `/q/${t.code}`)).status).toBe(410);

    const used = (await owner.client.post(base, { name: "Used" })).body.table;
    await (await ledgerD1Of(owner.merchantId)).prepare("INSERT INTO table_sessions (id, merchant_id, store_id, table_id, currency, opened_at) VALUES (?, ?, ?, ?, 'EUR', ?)")
      .bind("ses_test_1", owner.merchantId, owner.storeId, used.id, Date.now())
      .run();
    const res = await owner.client.del(`${base}/${used.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("table_has_history");
  });

  it("serves a table's QR code as SVG encoding its URL", async () => {
    const t = (await owner.client.post(base, { name: "QR" })).body.table;
    const res = await owner.client.raw("GET", `${base}/${t.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="QR code for QR"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain("<path");
  });

  it("renders the printable sheet for A4 and Letter with every table's QR code", async () => {
    const tables = (await owner.client.get(base)).body.tables;
    const a4 = await owner.client.raw("GET", `${base}/print`);
    expect(a4.status).toBe(200);
    expect(a4.headers.get("content-type")).toContain("text/html");
    const html = await a4.text();
    expect(html).toContain("size: A4 portrait");
    expect(html).toContain("@media print");
    expect(html.match(/<svg /g)).toHaveLength(tables.length);
    for (const t of tables) {
      expect(html).toContain(`>${t.name}<`);
      expect(html).toContain(`/q/${t.code}`);
    }
    expect(html).toContain("Main street");
    expect(html).toContain("Scan to see the menu and order");
    expect(html).toContain("Scannez pour voir la carte et commander");
    const letter = await (await owner.client.raw("GET", `${base}/print?paper=letter&tableIds=${tables[0].id},${tables[1].id}`)).text();
    expect(letter).toContain("size: letter portrait");
    expect(letter.match(/<svg /g)).toHaveLength(2);
    expect((await owner.client.raw("GET", `${base}/print?paper=a3`)).status).toBe(400);
  });
});

describe("table roles and isolation", () => {
  it("a waiter may list tables but not change them", async () => {
    const waiter = await addStaff(owner, "waiter");
    expect((await waiter.get(base)).status).toBe(200);
    const t = (await owner.client.get(base)).body.tables[0];
    expect((await waiter.post(base, { name: "Waiter's table" })).status).toBe(403);
    expect((await waiter.patch(`${base}/${t.id}`, { seats: 9 })).status).toBe(403);
    expect((await waiter.post(`${base}/${t.id}/rotate-code`)).status).toBe(403);
    expect((await waiter.del(`${base}/${t.id}`)).status).toBe(403);
    expect((await waiter.raw("GET", `${base}/print`)).status).toBe(403);
  });

  it("another tenant gets 404 for this store's tables, through either merchant id", async () => {
    const other = await signUpMerchant();
    const t = (await owner.client.get(base)).body.tables[0];
    expect((await other.client.get(base)).status).toBe(404);
    expect((await other.client.post(`${base}/${t.id}/rotate-code`)).status).toBe(404);
    const viaOwn = `/api/merchants/${other.merchantId}/stores/${owner.storeId}/tables`;
    expect((await other.client.get(viaOwn)).status).toBe(404);
    expect((await other.client.post(viaOwn, { name: "Intruder" })).status).toBe(404);
    expect((await other.client.raw("GET", `${viaOwn}/${t.id}/qr.svg`)).status).toBe(404);
    const ownStoreOtherTable = `/api/merchants/${other.merchantId}/stores/${other.storeId}/tables/${t.id}`;
    expect((await other.client.patch(ownStoreOtherTable, { name: "Mine now" })).status).toBe(404);
    expect((await other.client.post(`${ownStoreOtherTable}/rotate-code`)).status).toBe(404);
    const after = (await owner.client.get(base)).body.tables.find((x: any) => x.id === t.id);
    expect(after).toEqual(t);
  });
});
