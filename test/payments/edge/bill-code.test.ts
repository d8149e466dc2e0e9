import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { payments } from "../../../src/db/ledger/schema";
import { stores } from "../../../src/db/schema";
import { signUpMerchant } from "../../helpers/client";
import { db, floorPath, Guest, setupRestaurant, staffClient, type Restaurant } from "../../table/helpers";
import { ledgerScopeOf } from "../../ledger/support";
import { deliverNotifications, notificationsAbout, ORIGIN, walletChoice } from "./support";

describe("the printed bill's payment code (in-store order code)", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(2);
  });

  it("staff get a code for what is owed, print the bill with its QR, the wallet opens from it, paying it settles the bill and frees the table live", async () => {
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger);
    await g.add(r.dish.cola);
    await g.req("POST", "/session/rounds", {});
    const live = await g.connect();
    await live.until(() => live.view !== null, 5000, "snapshot");

    const waiter = await staffClient(r, "waiter");
    const path = `${floorPath(r)}/tables/${r.tables[0]!.id}/bill-code`;
    await db().update(stores).set({ timeZone: "Asia/Shanghai" }).where(eq(stores.id, r.storeId));
    const res = await waiter.post(path);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { order, codeValue, qrSvg, printUrl } = res.body;
    expect(order).toMatchObject({ amount: 1600, tip: 0, currency: "EUR", productCode: "IN_STORE_PAYMENT", wallet: "CONNECT_WALLET", tableId: r.tables[0]!.id });
    expect(codeValue).toMatch(new RegExp(`^${ORIGIN}/sandbox-wallet/pay/sbx_`));
    expect(qrSvg).toMatch(/^<svg role="img"/);
    // The board shows the code's expiry in the store's zone, not the device's.
    expect(res.body.timeZone).toBe("Asia/Shanghai");

    const sheet = await waiter.get(printUrl);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("content-type")).toContain("text/html");
    expect(sheet.body).toContain("Burger");
    expect(sheet.body).toContain("Cola");
    expect(sheet.body).toContain("€16.00");
    expect(sheet.body).toContain("<svg");

    // The guest scans the code: the wallet's page, for the bill's amount.
    const page = await (await exports.default.fetch(codeValue)).text();
    expect(page).toContain("€16.00");
    const approved = await walletChoice(codeValue, "approve");
    expect(approved.status).toBe(303);
    await deliverNotifications(codeValue.split("/").pop()!);

    expect((await notificationsAbout(r.merchantId, order.id)).map((n) => n.verdict)).toEqual(["accepted"]);
    // Everyone at the table sees it: the session ends as paid.
    await live.until(() => live.closed !== null || live.view?.bill?.progress.status === "paid", 5000, "paid at the table");
    const floor = await waiter.get(floorPath(r));
    expect(floor.body.view.tables.find((t: { tableId: string }) => t.tableId === r.tables[0]!.id).status).toBe("free");
    await env.TABLE.getByName(r.tables[0]!.id).drainOutbox();
    const [row] = await (await ledgerScopeOf(r.merchantId)).select(payments, eq(payments.id, order.id));
    expect(row).toMatchObject({ state: "succeeded", productCode: "IN_STORE_PAYMENT", payerId: null, charged: 1600 });
    live.close();
  });

  it("needs a floor role of this merchant, and a table with something to pay", async () => {
    const path = `${floorPath(r)}/tables/${r.tables[1]!.id}/bill-code`;
    const kitchen = await staffClient(r, "kitchen");
    expect((await kitchen.post(path)).status).toBe(403);
    const stranger = await signUpMerchant();
    expect((await stranger.client.post(path)).status).toBe(404);
    const waiter = await staffClient(r, "waiter");
    const free = await waiter.post(path);
    expect(free.status).toBe(409);
    expect((await waiter.post(`${floorPath(r)}/tables/tbl_nope/bill-code`)).status).toBe(404);
    expect((await waiter.get(`${path}/pay.${r.tables[0]!.id}.nope`)).status).toBe(404);
  });
});
