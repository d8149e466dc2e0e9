import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { orderRounds, tableSessions } from "../../src/db/ledger/schema";
import { ledgerDbOf } from "../ledger/support";
import { beginHandover, type Handover, type HandoverMode } from "../../src/domain/table/handover";
import { copyParts } from "../../src/table/parts";
import type { SessionPackage, TableSession } from "../../src/table/table-session";
import type { TableRef } from "../../src/table/store";
import { outboxOf, storeOf } from "./storage";
import { floorPath, Guest, setupRestaurant, staffClient, type Restaurant } from "./helpers";

const stubOf = (tableId: string) => env.TABLE.getByName(tableId);
const handoverOf = (tableId: string) => runInDurableObject(stubOf(tableId), (_o: TableSession, state) => storeOf(state).getKv<Handover>("handover"));

/**
 * Steps 1 and 2 of a handover as the source would take them (it records the handover, the target
 * imports the session), then the source dies before step 3: the object restarts from storage.
 */
async function crashAfterImport(r: Restaurant, from: number, to: number, mode: HandoverMode) {
  const source = stubOf(r.tables[from]!.id);
  const target = refOf(r, to);
  const { handover, pkg } = await runInDurableObject(source, (_o: TableSession, state) => {
    const store = storeOf(state);
    const live = store.load();
    const begun = beginHandover(null, { mode, target, sourceTableId: live.ref!.tableId, session: live.session }, "hnd_crashed", Date.now());
    if (!begun.ok) throw new Error(begun.error.message);
    store.setKv("handover", begun.value.handover);
    const pkg: SessionPackage = { session: live.session!, ...copyParts(live) };
    return { handover: begun.value.handover, pkg };
  });
  await evictDurableObject(source);
  await holdAlarm(source);
  expect(await stubOf(target.tableId).absorb(target, handover.id, pkg, mode)).toMatchObject({ ok: true });
  return { handover, pkg };
}

/** Puts the source's alarm out of the way so the test decides when the handover is retried. */
async function holdAlarm(stub: DurableObjectStub<TableSession>) {
  await runInDurableObject(stub, (_o: TableSession, state) => state.storage.setAlarm(Date.now() + 10 * 60_000));
}

const refOf = (r: Restaurant, i: number): TableRef => ({ merchantId: r.merchantId, storeId: r.storeId, tableId: r.tables[i]!.id, tableName: r.tables[i]!.name });

/** Runs the alarm until the outbox is empty, giving a drain the runtime started itself a moment. */
async function drainOutbox(tableId: string) {
  for (let i = 0; i < 50; i++) {
    if ((await outboxOf(stubOf(tableId))).length === 0) return;
    await runDurableObjectAlarm(stubOf(tableId));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sorted = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

describe("moving and merging tables as a two-step handover", () => {
  it("a move whose source restarts after the target imported ends on exactly one table once the alarm runs", async () => {
    const r = await setupRestaurant(2);
    const waiter = await staffClient(r, "waiter");
    const [T1, T2] = [r.tables[0]!.id, r.tables[1]!.id];
    const t = (id: string) => `${floorPath(r)}/tables/${id}`;
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await b.join(r.tables[0]!.code, "Ben");
    await a.add(r.dish.burger, { optionIds: [r.option.large] });
    await b.add(r.dish.steak, { note: "rare" });
    expect((await a.req("POST", "/session/rounds", {})).status).toBe(200);
    await a.add(r.dish.cola, { quantity: 2, note: "cart a" });
    await b.add(r.dish.burger, { note: "cart b" });
    const before = (await a.view()).body.view;
    const phone = await b.connect();
    await phone.until(() => phone.view !== null);

    const { handover, pkg } = await crashAfterImport(r, 0, 1, "move");
    expect(await handoverOf(T1)).toMatchObject({ mode: "move", sessionId: a.sessionId, target: { tableId: T2 } });

    // Half way: the target has imported; the source is frozen (nothing can change on both tables).
    expect((await waiter.get(t(T2))).body.view.sessionId).toBe(a.sessionId);
    expect((await a.add(r.dish.cola)).body.error.code).toBe("cart_locked");
    expect((await a.req("POST", "/session/rounds", {})).body.error.code).toBe("cart_locked");
    expect((await waiter.post(`${t(T1)}/close`, {})).body.error.code).toBe("cart_locked");
    expect((await waiter.post(`${t(T1)}/merge`, { toTableId: T2 })).body.error.code).toBe("cart_locked");

    // The restarted source's alarm imports again (a no-op) and completes.
    await runDurableObjectAlarm(stubOf(T1));
    expect(await handoverOf(T1)).toBeNull();
    expect((await waiter.get(t(T1))).body.view.status).toBe("free");
    const target = (await waiter.get(t(T2))).body.view;
    expect(target.sessionId).toBe(a.sessionId);
    expect(sorted(target.lines, (l: { id: string }) => l.id)).toEqual(sorted(before.lines, (l: { id: string }) => l.id));
    expect(target.rounds).toEqual(before.rounds);
    expect(target.diners.map((d: { name: string }) => d.name).sort()).toEqual(["Ana", "Ben"]);

    // A connected diner was handed a token for the target; one who was not follows over HTTP.
    await phone.until(() => phone.closed !== null, 5000, "socket moved");
    expect(phone.closed?.code).toBe(4001);
    expect(phone.messages.find((m) => m.type === "ended")).toMatchObject({ reason: "moved", tableId: T2 });
    const followed = await a.view();
    expect(followed.status).toBe(200);
    expect(followed.body.view.tableId).toBe(T2);
    a.token = followed.body.token;
    expect((await a.add(r.dish.cola, { note: "after move" })).status).toBe(200);

    // The same handover imported once more changes nothing, though the target is busy now.
    const v = (await waiter.get(t(T2))).body.v;
    const again = await stubOf(T2).absorb(refOf(r, 1), handover!.id, pkg, "move");
    expect(again).toMatchObject({ ok: true, sessionId: a.sessionId, v });
    const after = (await waiter.get(t(T2))).body.view;
    expect(after.lines).toHaveLength(before.lines.length + 1);
    expect(after.rounds).toEqual(before.rounds);
    // A different handover of the same package is a new move, and the busy target refuses it.
    expect(await stubOf(T2).absorb(refOf(r, 1), "hnd_other", pkg, "move")).toMatchObject({ ok: false, error: { code: "table_busy" } });

    // The round reached the ledger once.
    await drainOutbox(T1);
    await drainOutbox(T2);
    expect(await (await ledgerDbOf(r.merchantId)).select().from(orderRounds).where(eq(orderRounds.sessionId, a.sessionId))).toHaveLength(1);
  });

  it("a merge keeps both parties' lines and rounds exactly once, even when the import is repeated", async () => {
    const r = await setupRestaurant(2);
    const waiter = await staffClient(r, "waiter");
    const [T1, T2] = [r.tables[0]!.id, r.tables[1]!.id];
    const t = (id: string) => `${floorPath(r)}/tables/${id}`;
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code, "Ana");
    await a.add(r.dish.steak);
    await a.req("POST", "/session/rounds", {});
    await a.add(r.dish.cola, { note: "ana cart" });
    await b.join(r.tables[1]!.code, "Ben");
    await b.add(r.dish.burger);
    await b.req("POST", "/session/rounds", {});
    await b.add(r.dish.cola, { note: "ben cart" });
    const [va, vb] = [(await a.view()).body.view, (await b.view()).body.view];

    await crashAfterImport(r, 0, 1, "merge");
    // Staff asking again resumes the same handover (and the import is repeated) instead of refusing.
    const merged = await waiter.post(`${t(T1)}/merge`, { toTableId: T2 });
    expect(merged.status).toBe(200);
    expect(merged.body.sessionId).toBe(b.sessionId);
    await runDurableObjectAlarm(stubOf(T1)); // a late alarm run changes nothing either

    expect((await waiter.get(t(T1))).body.view.status).toBe("free");
    const view = (await b.view()).body.view;
    const lineIds = view.lines.map((l: { id: string }) => l.id);
    expect(lineIds.sort()).toEqual([...va.lines, ...vb.lines].map((l: { id: string }) => l.id).sort());
    expect(view.lines.map((l: { note: string }) => l.note).sort()).toEqual(["ana cart", "ben cart"]);
    const roundIds = view.rounds.map((x: { id: string }) => x.id);
    expect(roundIds.sort()).toEqual([...va.rounds, ...vb.rounds].map((x: { id: string }) => x.id).sort());
    expect(view.rounds.flatMap((x: { items: unknown[] }) => x.items)).toHaveLength(2);
    expect(view.diners.map((d: { name: string }) => d.name).sort()).toEqual(["Ana", "Ben"]);
    const ana = await a.view();
    expect(ana.body.view.sessionId).toBe(b.sessionId);

    // The merged-away session is closed in the ledger once, pointing at where it went.
    await drainOutbox(T1);
    const rows = await (await ledgerDbOf(r.merchantId)).select().from(tableSessions).where(eq(tableSessions.id, a.sessionId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.closeReason).toBe(`merged:${b.sessionId}`);
  });

  it("a refused handover rolls back: the source is usable again and nothing moved", async () => {
    const r = await setupRestaurant(2);
    const waiter = await staffClient(r, "waiter");
    const [T1, T2] = [r.tables[0]!.id, r.tables[1]!.id];
    const [a, b] = [new Guest(), new Guest()];
    await a.join(r.tables[0]!.code);
    await a.add(r.dish.cola);
    await b.join(r.tables[1]!.code);
    const res = await waiter.post(`${floorPath(r)}/tables/${T1}/move`, { toTableId: T2 });
    expect(res.body.error.code).toBe("table_busy");
    expect(await handoverOf(T1)).toBeNull();
    expect((await a.add(r.dish.steak)).status).toBe(200);
    expect((await b.view()).body.view.lines).toEqual([]);
    expect((await a.view()).body.view.lines).toHaveLength(2);
  });
});
