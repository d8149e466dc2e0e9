import { beforeAll, describe, expect, it } from "vitest";
import { Guest, setupRestaurant, type Restaurant } from "../../table/helpers";
import { deliverNotifications, walletChoice } from "./support";

/** Four diners at one table; one round with a burger (12.50), a steak (24.00) and two colas (3.50): 43.50. */
async function party(r: Restaurant, table: number) {
  const guests = [new Guest(), new Guest(), new Guest(), new Guest()];
  for (const g of guests) await g.join(r.tables[table]!.code);
  const dishes = [r.dish.burger, r.dish.steak, r.dish.cola, r.dish.cola];
  for (const [i, g] of guests.entries()) await g.add(dishes[i]!);
  const sent = await guests[0]!.req("POST", "/session/rounds", {});
  if (sent.status !== 200) throw new Error(`round: ${JSON.stringify(sent.body)}`);
  const bill = (await guests[0]!.req("GET", "/session/bill")).body.bill;
  const lines = bill.state.bill.lines as { itemId: string; dinerId: string; due: number }[];
  const itemOf = (g: Guest) => lines.find((l) => l.dinerId === g.dinerId)!;
  return { guests, total: bill.state.bill.total as number, itemOf };
}

const pay = (g: Guest, request: object, amount: number) => g.req("POST", "/session/payments", { request, tip: { kind: "none" }, wallet: "CONNECT_WALLET", shown: { amount, tip: 0 } });

describe("reservations under concurrent payers, through the API", () => {
  let r: Restaurant;
  beforeAll(async () => {
    r = await setupRestaurant(3);
  });

  it("four diners press 'pay everything' at once: one payment, three refused", async () => {
    const { guests, total } = await party(r, 0);
    expect(total).toBe(4350);
    const answers = await Promise.all(guests.map((g) => pay(g, { kind: "whole" }, total)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(3);
    for (const a of refused) expect(a.status).toBe(409);
    const bill = (await guests[0]!.req("GET", "/session/bill")).body.bill;
    expect(bill.progress).toMatchObject({ pending: 4350, paid: 0 });
  });

  it("each pays their own dish while one also grabs a neighbour's: every item is paid once, the bill exactly, and the table closes", async () => {
    const { guests, total, itemOf } = await party(r, 1);
    const claims = [
      ...guests.map((g) => ({ g, item: itemOf(g) })),
      { g: guests[0]!, item: itemOf(guests[1]!) }, // the steak, twice
    ];
    const answers = await Promise.all(claims.map(({ g, item }) => pay(g, { kind: "items", itemIds: [item.itemId] }, item.due)));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(4);
    const steakClaims = answers.filter((_, i) => claims[i]!.item.itemId === itemOf(guests[1]!).itemId);
    expect(steakClaims.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(steakClaims.find((a) => a.status === 409)!.body.error.code).toBe("item_taken");
    expect(created.reduce((s, a) => s + a.body.payment.amount, 0)).toBe(total);

    // Everyone approves in the wallet at the same moment; the notifications arrive; the bill is paid.
    await Promise.all(created.map((a) => walletChoice(a.body.redirectUrl, "approve")));
    for (const a of created) await deliverNotifications(a.body.redirectUrl.split("/").pop()!);
    const statuses = await Promise.all(created.map((a) => guests[0]!.req("GET", `/session/payments/${a.body.payment.id}`)));
    expect(statuses.map((s) => s.body.payment.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect((await guests[0]!.req("GET", "/session")).body.error.code).toBe("session_ended");
  });

  it("an even split into three: four diners claim a share at once, three get one, the last is refused; Σ shares = the bill", async () => {
    const { guests, total } = await party(r, 2);
    const answers = await Promise.all(guests.map((g) => pay(g, { kind: "shares", parts: 3, count: 1 }, total / 3)));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(3);
    expect(created.reduce((s, a) => s + a.body.payment.amount, 0)).toBe(total);
    const late = answers.find((a) => a.status !== 201)!;
    expect(late.status).toBe(409);
    // Nor can anyone pay a custom amount beside the split's shares.
    expect((await pay(guests[3]!, { kind: "amount", amount: 100 }, 100)).status).toBe(409);
  });
});
