import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { choosePlacement, ledgerDatabase } from "../../src/db/ledger/placement";
import { TenantScope } from "../../src/db/scope";
import { DEMO_MERCHANT_ID } from "../../src/db/seed/demo";
import type { LedgerBindings } from "../../src/env";
import { Client, signUpMerchant } from "../helpers/client";
import { newIsv, platformAdmin, provisionBody } from "../helpers/platform";
import { placementOfMerchant } from "./support";

/** Merchants per open ledger (LEDGER_0, LEDGER_1), counted in the control plane. */
async function loads(): Promise<number[]> {
  const rows = (await env.DB.prepare("SELECT ledger, count(*) AS n FROM merchants GROUP BY ledger").all<{ ledger: number; n: number }>()).results;
  return [0, 1].map((p) => rows.find((r) => r.ledger === p)?.n ?? 0);
}
/** Where the next merchant should go: the ledger with the fewest merchants, the lower number on a tie. */
const leastLoaded = (l: number[]) => l.indexOf(Math.min(...l));

const seed = () => new Client().req("POST", "/api/dev/seed", {}, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });

describe("a merchant's ledger placement", () => {
  it("is chosen at sign-up as the least-loaded ledger, so new merchants even the ledgers out", async () => {
    const placed: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = await loads();
      const m = await signUpMerchant();
      const p = await placementOfMerchant(m.merchantId);
      expect(p, `sign-up ${i} with loads ${before}`).toBe(leastLoaded(before));
      placed.push(p);
    }
    const [l0, l1] = await loads();
    expect(Math.abs(l0! - l1!)).toBeLessThanOrEqual(1);
    expect(new Set(placed)).toEqual(new Set([0, 1]));
  });

  it("is chosen when an ISV provisions a merchant (portal and partner API), and no answer shows it", async () => {
    const { client: isv } = await newIsv();
    let before = await loads();
    const made = await isv.post("/api/isv/merchants", provisionBody());
    expect(made.status).toBe(201);
    expect(await placementOfMerchant(made.body.merchant.id)).toBe(leastLoaded(before));
    expect(made.body.merchant).not.toHaveProperty("ledger");
    expect((await isv.get(`/api/isv/merchants/${made.body.merchant.id}`)).body.merchant).not.toHaveProperty("ledger");

    const secret = (await isv.post("/api/isv/api-keys", { name: "POS" })).body.secret as string;
    before = await loads();
    const viaApi = await new Client().req("POST", "/api/partner/v1/merchants", provisionBody(), { authorization: `Bearer ${secret}` });
    expect(viaApi.status).toBe(201);
    expect(await placementOfMerchant(viaApi.body.merchant.id)).toBe(leastLoaded(before));
    expect(viaApi.body.merchant).not.toHaveProperty("ledger");

    const listed = (await (await platformAdmin()).get("/api/platform/merchants")).body.merchants as Record<string, unknown>[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    for (const m of listed) expect(m).not.toHaveProperty("ledger");
  });

  it("is chosen when the demo is seeded, and seeding again keeps it even when another ledger is emptier", async () => {
    const before = await loads();
    expect((await seed()).status).toBe(200);
    const placed = await placementOfMerchant(DEMO_MERCHANT_ID);
    expect(placed).toBe(leastLoaded(before));
    // Sign-ups fill the demo's ledger until the other one is the emptier: a fresh choice would now differ.
    for (let i = 0; i < 6 && leastLoaded(await loads()) === placed; i++) await signUpMerchant();
    expect(leastLoaded(await loads())).not.toBe(placed);
    expect((await seed()).status).toBe(200);
    expect(await placementOfMerchant(DEMO_MERCHANT_ID)).toBe(placed);
  });

  it("never changes afterwards: a merchant PATCH cannot carry it, and later sign-ups leave it", async () => {
    const owner = await signUpMerchant();
    const placed = await placementOfMerchant(owner.merchantId);
    const patched = await owner.client.patch(`/api/merchants/${owner.merchantId}`, { name: "Renamed Bistro", ledger: 1 - placed });
    expect(patched.status).toBeLessThan(500);
    expect(patched.body.merchant ?? {}).not.toHaveProperty("ledger");
    for (let i = 0; i < 3; i++) await signUpMerchant();
    expect(await placementOfMerchant(owner.merchantId)).toBe(placed);
    expect((await new TenantScope(createDb(env.DB), owner.merchantId).ledger()).placement).toBe(placed);
  });

  it("follows LEDGER_COUNT: only the first COUNT ledgers take new merchants, and a count beyond the bound databases is an error", async () => {
    const db = createDb(env.DB);
    const bindings = (count: string) => ({ LEDGER_0: env.LEDGER_0, LEDGER_1: ledgerDatabase(1, env), LEDGER_COUNT: count }) as LedgerBindings;
    // Make LEDGER_1 the emptier, so that a placement in LEDGER_0 comes from the count alone.
    for (let i = 0; i < 6 && leastLoaded(await loads()) !== 1; i++) await signUpMerchant();
    expect(await choosePlacement(db, bindings("2"))).toBe(1);
    expect(await choosePlacement(db, bindings("1"))).toBe(0);
    await expect(choosePlacement(db, bindings("3"))).rejects.toThrow(/LEDGER_COUNT/);
    expect(() => ledgerDatabase(2, env)).toThrow(/LEDGER_2 is not bound/);
    await expect(new TenantScope(db, "mer_nobody").ledger()).rejects.toThrow(/not found/);
  });
});
