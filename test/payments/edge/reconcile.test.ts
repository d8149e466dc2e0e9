import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments } from "../../../src/db/ledger/schema";
import { reconcilePayments } from "../../../src/payments/reconcile";
import type { SandboxWallet } from "../../../src/payments/sandbox/wallet-object";
import { runScheduled } from "../../../src/scheduled";
import { Guest, setupRestaurant, type Restaurant } from "../../table/helpers";
import { ledgerScopeOf } from "../../ledger/support";
import { sandboxWallet, walletChoice } from "./support";

async function pendingAt(r: Restaurant, table: number) {
  const g = new Guest();
  await g.join(r.tables[table]!.code);
  await g.add(r.dish.steak);
  await g.req("POST", "/session/rounds", {});
  const res = await g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 2400, tip: 0 } });
  if (res.status !== 201) throw new Error(`payment: ${res.status} ${JSON.stringify(res.body)}`);
  return { g, id: res.body.payment.id as string, walletPage: res.body.redirectUrl as string, status: async () => (await g.req("GET", `/session/payments/${res.body.payment.id}`)).body.payment.status as string };
}

describe("scheduled reconciliation of payments pending past their expiry", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(3);
    // The wallet's notifications are lost on the way: only asking the provider can settle these payments.
    await runInDurableObject(sandboxWallet(), (wallet: SandboxWallet) => {
      wallet.transport = async () => new Response("unreachable", { status: 503 });
    });
  });

  it("asks the provider: paid → succeeded, declined → failed, still open → cancelled there and released; then nothing is left to ask", async () => {
    const open = await pendingAt(r, 0);
    const paid = await pendingAt(r, 1);
    const declined = await pendingAt(r, 2);
    await walletChoice(paid.walletPage, "approve");
    await walletChoice(declined.walletPage, "decline");
    for (const t of r.tables) await env.TABLE.getByName(t.id).drainOutbox();

    // Before expiry nothing is looked at.
    expect((await reconcilePayments(env, Date.now())).checked).toBe(0);
    expect(await paid.status()).toBe("pending");

    // The cron, eleven minutes later (the payments expire after ten, plus a minute's grace).
    await runScheduled(env, Date.now() + 11 * 60_000 + 1_000);
    expect(await paid.status()).toBe("succeeded");
    expect(await declined.status()).toBe("failed");
    expect(await open.status()).toBe("cancelled");
    // Cancelled at the provider too: approving now charges nothing.
    await walletChoice(open.walletPage, "approve");
    expect(await open.status()).toBe("cancelled");
    // The open payment's reservation is released: the bill can be paid again.
    const retry = await open.g.req("POST", "/session/payments", { request: { kind: "whole" }, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount: 2400, tip: 0 } });
    expect(retry.status).toBe(201);

    for (const t of r.tables) await env.TABLE.getByName(t.id).drainOutbox();
    const ledger = await ledgerScopeOf(r.merchantId);
    const states = await Promise.all([open, paid, declined].map(async (p) => (await ledger.first(payments, eq(payments.id, p.id)))?.state));
    expect(states).toEqual(["cancelled", "succeeded", "failed"]);
    const again = await reconcilePayments(env, Date.now() + 11 * 60_000 + 1_000);
    // Only the new payment (made after the first run) is due in this pretend future.
    expect(again.checked).toBe(1);
    expect(again.outcomes.cancelled).toBe(1);
  });
});
