import { describe, expect, it } from "vitest";
import type { CartLine } from "../../src/domain/cart/ops";
import type { ServiceCall } from "../../src/domain/table/calls";
import { afterImport, beginHandover, HANDOVER_BACKOFF_MS, mergeParts, type Handover } from "../../src/domain/table/handover";

const target = { merchantId: "mer_1", storeId: "sto_1", tableId: "tbl_2", tableName: "T2" };
const session = { id: "ses_1", status: "open" };
const req = (extra: Partial<Parameters<typeof beginHandover>[1]> = {}) => ({ mode: "move" as const, target, sourceTableId: "tbl_1", session, ...extra });

describe("handover between two tables (pure steps)", () => {
  it("starts only for an open session going to another table", () => {
    expect(beginHandover(null, req({ session: null }), "hnd_1", 10)).toMatchObject({ ok: false, error: { code: "table_free" } });
    expect(beginHandover(null, req({ sourceTableId: "tbl_2" }), "hnd_1", 10)).toMatchObject({ ok: false, error: { code: "invalid_transition" } });
    expect(beginHandover(null, req({ session: { id: "ses_1", status: "paying" } }), "hnd_1", 10)).toMatchObject({ ok: false, error: { code: "cart_locked" } });
    const begun = beginHandover(null, req(), "hnd_1", 10);
    expect(begun).toEqual({
      ok: true,
      value: { resumed: false, handover: { id: "hnd_1", mode: "move", sessionId: "ses_1", target, startedAt: 10, attempts: 0, nextAt: 10 } },
    });
  });

  it("resumes the pending handover when asked for the same move, refuses any other", () => {
    const pending: Handover = { id: "hnd_1", mode: "merge", sessionId: "ses_1", target, startedAt: 1, attempts: 2, nextAt: 50 };
    expect(beginHandover(pending, req({ mode: "merge" }), "hnd_new", 10)).toEqual({ ok: true, value: { handover: pending, resumed: true } });
    expect(beginHandover(pending, req({ mode: "move" }), "hnd_new", 10)).toMatchObject({ ok: false, error: { code: "cart_locked" } });
    expect(beginHandover(pending, req({ mode: "merge", target: { ...target, tableId: "tbl_3" } }), "hnd_new", 10)).toMatchObject({ ok: false });
  });

  it("completes when imported, rolls back only on a refusal, and retries with back-off when unanswered", () => {
    const h: Handover = { id: "hnd_1", mode: "move", sessionId: "ses_1", target, startedAt: 0, attempts: 0, nextAt: 0 };
    expect(afterImport(h, { kind: "imported", sessionId: "ses_1" }, 100)).toEqual({ step: "complete", sessionId: "ses_1" });
    const error = { code: "table_busy" as const, message: "taken" };
    expect(afterImport(h, { kind: "refused", error }, 100)).toEqual({ step: "rollback", error });
    let cur = h;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const step = afterImport(cur, { kind: "unanswered", reason: "network" }, 1000);
      if (step.step !== "retry") throw new Error("expected a retry");
      delays.push(step.handover.nextAt - 1000);
      cur = step.handover;
    }
    expect(delays).toEqual([...HANDOVER_BACKOFF_MS, HANDOVER_BACKOFF_MS.at(-1), HANDOVER_BACKOFF_MS.at(-1)]);
    expect(cur.attempts).toBe(6);
    expect(cur.id).toBe("hnd_1");
  });

  it("merges diners once each, renumbers incoming lines after the target's, and keeps rounds and calls in time order", () => {
    const line = (id: string, seq: number) => ({ id, seq, dinerId: "d" }) as unknown as CartLine;
    const call = (id: string, createdAt: number) => ({ id, createdAt }) as unknown as ServiceCall;
    const into = {
      diners: [{ id: "din_a" }, { id: "din_s" }],
      lines: [line("lin_1", 1), line("lin_2", 2)],
      rounds: [{ id: "rnd_1", submittedAt: 10 }, { id: "rnd_3", submittedAt: 30 }],
      items: [],
      calls: [call("cal_2", 20)],
      payments: [{ id: "pay_failed_a" }],
    };
    const incoming = {
      diners: [{ id: "din_b" }, { id: "din_s" }],
      lines: [line("lin_9", 1)],
      rounds: [{ id: "rnd_2", submittedAt: 20 }],
      items: [],
      calls: [call("cal_1", 5)],
      payments: [{ id: "pay_failed_b" }],
    };
    const { parts, nextSeq } = mergeParts(into, incoming, 3);
    expect(parts.diners.map((d) => d.id)).toEqual(["din_a", "din_s", "din_b"]);
    expect(parts.lines.map((l) => [l.id, l.seq])).toEqual([["lin_1", 1], ["lin_2", 2], ["lin_9", 3]]);
    expect(nextSeq).toBe(4);
    expect(parts.rounds.map((r) => r.id)).toEqual(["rnd_1", "rnd_2", "rnd_3"]);
    expect(parts.calls.map((c) => c.id)).toEqual(["cal_1", "cal_2"]);
    expect(parts.payments.map((p) => p.id)).toEqual(["pay_failed_a", "pay_failed_b"]);
    expect(incoming.lines[0]!.seq).toBe(1); // the package itself is not changed
  });
});
