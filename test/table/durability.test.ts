import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { orderItems, orderRounds, tableSessions } from "../../src/db/ledger/schema";
import { writeOutboxEntry } from "../../src/db/ledger/writes";
import { ledgerD1Of, ledgerDbOf, ledgerScopeOf } from "../ledger/support";
import type { TableSession } from "../../src/table/table-session";
import { EMPTY_IDLE_MS } from "../../src/domain/table/idle";
import type { SessionRecord } from "../../src/table/store";
import { outboxOf, patchKv, rewriteStorage, storeOf } from "./storage";
import { Guest, setupRestaurant, staffClient, floorPath } from "./helpers";

/** The session's last activity, set back beyond the empty-session limit. */
const idleSince = patchKv<SessionRecord>("session", (s) => ({ ...s, lastActivityAt: Date.now() - EMPTY_IDLE_MS - 1000 }));

/** Runs the table's alarm until its outbox is empty (the first run may already have happened). */
/**
 * Runs the alarm until the outbox is empty. The runtime may be running the same alarm on its own
 * (a drain already in flight makes a second one return at once), so it also gives that a moment.
 */
async function drain(stub: DurableObjectStub<TableSession>) {
  for (let i = 0; i < 50; i++) {
    const left = (await outboxOf(stub)).length;
    if (left === 0) return;
    await runDurableObjectAlarm(stub);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("durability of a table session", () => {
  it("an object restarted mid-session keeps diners, cart, rounds, item states, calls and its live sockets", async () => {
    const r = await setupRestaurant(1);
    const kitchen = await staffClient(r, "kitchen");
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    await a.add(r.dish.burger, { optionIds: [r.option.large] });
    await b.add(r.dish.steak, { note: "rare" });
    await a.req("POST", "/session/rounds", {});
    await b.add(r.dish.cola, { quantity: 3 });
    await b.req("POST", "/session/calls", { kind: "water" });
    const before = (await a.view()).body;
    const itemId = before.view.rounds[0].items[0].id;
    await kitchen.post(`${floorPath(r)}/tables/${r.tables[0]!.id}/items/${itemId}/state`, { state: "preparing" });
    const socket = await b.connect();
    await socket.until(() => socket.view !== null);
    const beforeRestart = (await a.view()).body;

    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await evictDurableObject(stub);
    const after = (await a.view()).body;
    expect(after.view).toEqual(beforeRestart.view);
    expect(after.v).toBe(beforeRestart.v);
    expect(after.view.rounds[0].items[0].state).toBe("preparing");
    expect(after.view.lines.map((l: { quantity: number }) => l.quantity)).toEqual([3]);

    // The hibernated socket still receives the next change, with the next version.
    await a.add(r.dish.cola, { note: "after restart" });
    await socket.until(() => socket.view!.lines.some((l) => l.note === "after restart"), 5000, "event after restart");
    expect(socket.gaps).toBe(0);

    // And the version keeps counting up across restarts.
    await evictDurableObject(stub, { webSockets: "close" });
    expect((await b.view()).body.v).toBeGreaterThan(after.v);
  });

  it("a D1 failure while writing a round is retried by the alarm and the round lands exactly once", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger, { quantity: 2 });
    await g.add(r.dish.cola);
    const stub = env.TABLE.getByName(r.tables[0]!.id);

    // Break the ledger for real: the round table disappears from the merchant's ledger database.
    const ledgerD1 = await ledgerD1Of(r.merchantId);
    const db = await ledgerDbOf(r.merchantId);
    await ledgerD1.exec("ALTER TABLE order_rounds RENAME TO order_rounds_away");
    const sent = await g.req("POST", "/session/rounds", {});
    expect(sent.status).toBe(200); // the guest's order is accepted: it is safe in the object
    const roundId = sent.body.roundId as string;
    await runDurableObjectAlarm(stub);
    // The runtime may be running the same alarm itself: wait until its failed attempt is recorded.
    await expect.poll(async () => (await outboxOf(stub))[0]?.attempts ?? 0, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    const pending = await outboxOf(stub);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.key).toBe(`round:${roundId}`);
    expect(pending[0]!.attempts).toBeGreaterThanOrEqual(1);
    expect(pending[0]!.lastError).toMatch(/order_rounds/);
    // The batch is all or nothing: no items or session row slipped in either.
    expect(await db.select().from(orderItems).where(eq(orderItems.roundId, roundId))).toHaveLength(0);

    await ledgerD1.exec("ALTER TABLE order_rounds_away RENAME TO order_rounds");
    await drain(stub);
    await runDurableObjectAlarm(stub); // an extra run changes nothing
    const rounds = await db.select().from(orderRounds).where(eq(orderRounds.id, roundId));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ merchantId: r.merchantId, roundNo: 1, subtotal: 2 * 1250 + 350, currency: "EUR" });
    expect(rounds[0]!.lines.map((l) => [l.name, l.quantity, l.lineTotal])).toEqual([["Burger", 2, 2500], ["Cola", 1, 350]]);
    expect(await db.select().from(orderItems).where(eq(orderItems.roundId, roundId))).toHaveLength(2);
    expect(await outboxOf(stub)).toEqual([]);
  });

  it("writing the same outbox entry twice (an answer lost after success) keeps one copy", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.steak);
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    // Capture the entry before the alarm drains it.
    const entry = await runInDurableObject(stub, async (o: TableSession, state) => {
      await o.submit({ kind: "guest", sessionId: g.sessionId, dinerId: g.dinerId });
      return storeOf(state).outbox()[0];
    });
    await drain(stub);
    const ledger = await ledgerScopeOf(r.merchantId);
    const db = await ledgerDbOf(r.merchantId);
    await writeOutboxEntry(ledger, entry as Parameters<typeof writeOutboxEntry>[1]);
    await writeOutboxEntry(ledger, entry as Parameters<typeof writeOutboxEntry>[1]);
    expect(await db.select().from(orderRounds).where(eq(orderRounds.sessionId, g.sessionId))).toHaveLength(1);
    expect(await db.select().from(orderItems).where(eq(orderItems.sessionId, g.sessionId))).toHaveLength(1);
  });

  it("a closed session is written to D1 once, with final item states, and the table is free", async () => {
    const r = await setupRestaurant(1);
    const waiter = await staffClient(r, "waiter");
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    await g.add(r.dish.burger);
    await g.add(r.dish.cola, { quantity: 2 });
    await g.req("POST", "/session/rounds", {});
    const items = (await g.view()).body.view.rounds[0].items;
    const t = `${floorPath(r)}/tables/${r.tables[0]!.id}`;
    await waiter.post(`${t}/items/${items[1].id}/void`, { reason: "spilled" });
    await waiter.post(`${t}/items/${items[0].id}/state`, { state: "served" });
    expect((await waiter.post(`${t}/close`, { reason: "paid" })).status).toBe(200);
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await drain(stub);
    const db = await ledgerDbOf(r.merchantId);
    const [row] = await db.select().from(tableSessions).where(eq(tableSessions.id, g.sessionId));
    expect(row).toMatchObject({ closeReason: "paid", total: 1250, guestCount: 1, tableId: r.tables[0]!.id });
    expect(row!.closedAt).toBeGreaterThan(row!.openedAt);
    const states = await db.select().from(orderItems).where(eq(orderItems.sessionId, g.sessionId));
    expect(states.map((i) => [i.name, i.status, i.voidReason]).sort()).toEqual([
      ["Burger", "served", null],
      ["Cola", "voided", "spilled"],
    ]);
    expect((await waiter.get(t)).body.view.status).toBe("free");
    expect((await waiter.post(`${t}/close`, {})).body.error.code).toBe("table_free");
  });

  it("an idle session expires by alarm", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await rewriteStorage(stub, idleSince);
    await runDurableObjectAlarm(stub);
    expect((await g.view()).status).toBe(410);
    await drain(stub);
    const db = await ledgerDbOf(r.merchantId);
    const [row] = await db.select().from(tableSessions).where(eq(tableSessions.id, g.sessionId));
    expect(row?.closeReason).toBe("idle_expired_empty");
  });

  it("a lost alarm is set again as soon as anything wakes the object", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await runInDurableObject(stub, (_o: TableSession, state) => state.storage.deleteAlarm());
    await evictDurableObject(stub);
    expect((await g.view()).status).toBe(200);
    const at = await runInDurableObject(stub, (_o: TableSession, state) => state.storage.getAlarm());
    expect(at).toBeGreaterThan(Date.now() + EMPTY_IDLE_MS - 60_000);
  });

  it("a new party never lands in an expired session, even when its alarm did not run", async () => {
    const r = await setupRestaurant(1);
    const first = new Guest();
    await first.join(r.tables[0]!.code);
    await first.add(r.dish.cola, { note: "left behind" });
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await rewriteStorage(stub, idleSince, { keepAlarm: false });
    const next = new Guest();
    const joined = await next.join(r.tables[0]!.code);
    expect(joined.sessionId).not.toBe(first.sessionId);
    expect(joined.view.lines).toEqual([]);
    expect((await first.view()).status).toBe(410);
    await drain(stub);
    const db = await ledgerDbOf(r.merchantId);
    const [row] = await db.select().from(tableSessions).where(eq(tableSessions.id, first.sessionId));
    expect(row?.closeReason).toBe("idle_expired_empty");
  });

  it("an alarm run that fails still sets the next alarm (the runtime would drop a throwing one)", async () => {
    const r = await setupRestaurant(1);
    const g = new Guest();
    await g.join(r.tables[0]!.code);
    const stub = env.TABLE.getByName(r.tables[0]!.id);
    await runInDurableObject(stub, async (o: TableSession, state) => {
      o.drainOutbox = () => Promise.reject(new Error("storage hiccup"));
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const at = await runInDurableObject(stub, (_o: TableSession, state) => state.storage.getAlarm());
    expect(at).toBeGreaterThan(Date.now() + 10_000);
    await evictDurableObject(stub);
  });
});
