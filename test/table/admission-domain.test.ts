import { describe, expect, it } from "vitest";
import {
  ADMISSION_LIMITS,
  answerRequest,
  askToJoin,
  bump,
  countOf,
  decideJoin,
  joinCodeMatches,
  newJoinCode,
  pendingRequests,
  requestStatus,
  type JoinRequest,
} from "../../src/domain/table/admission";

const ask = (list: JoinRequest[], dinerId: string, ip: string, now: number) => askToJoin(list, { id: `jrq_${dinerId}`, sessionId: "ses_1", dinerId, name: "", ip }, now);

describe("admission rules", () => {
  it("seats on a free table, a known diner, an open-table store or a session without guests; otherwise asks", () => {
    const base = { admission: "party" as const, hasSession: true, alreadyDiner: false, guests: 2 };
    expect(decideJoin(base)).toBe("ask");
    expect(decideJoin({ ...base, hasSession: false })).toBe("seat");
    expect(decideJoin({ ...base, alreadyDiner: true })).toBe("seat");
    expect(decideJoin({ ...base, admission: "open" })).toBe("seat");
    expect(decideJoin({ ...base, guests: 0 })).toBe("seat");
  });

  it("join codes are six digits and compare ignoring spaces and dashes", () => {
    expect(newJoinCode()).toMatch(/^\d{6}$/);
    expect(newJoinCode(new Uint8Array([10, 255, 3, 47, 0, 99]))).toBe("053709");
    expect(joinCodeMatches("053 709", "053709")).toBe(true);
    expect(joinCodeMatches("05-3709", "053709")).toBe(true);
    expect(joinCodeMatches("053708", "053709")).toBe(false);
    expect(joinCodeMatches("0537091", "053709")).toBe(false);
  });

  it("a device asking again keeps one request; pending requests are bounded per address and per table, and expire", () => {
    let list: JoinRequest[] = [];
    const first = ask(list, "din_a", "1.1.1.1", 1000);
    if (!first.ok) throw new Error("refused");
    list = first.value.list;
    const again = ask(list, "din_a", "1.1.1.1", 2000);
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && again.value.list).toHaveLength(1);
    for (const d of ["din_b", "din_c"]) {
      const r = ask(list, d, "1.1.1.1", 3000);
      if (r.ok) list = r.value.list;
    }
    expect(ask(list, "din_d", "1.1.1.1", 3000)).toMatchObject({ ok: false, error: { code: "too_many_requests" } });
    for (let i = 0; list.length < ADMISSION_LIMITS.maxPendingPerTable; i++) {
      const r = ask(list, `din_x${i}`, `2.2.2.${i}`, 3000);
      if (r.ok) list = r.value.list;
    }
    expect(ask(list, "din_y", "3.3.3.3", 3000)).toMatchObject({ ok: false, error: { code: "too_many_requests" } });
    const later = 3000 + ADMISSION_LIMITS.requestTtlMs;
    expect(pendingRequests(list, later)).toHaveLength(0);
    expect(requestStatus(list[0]!, later)).toBe("expired");
    expect(ask(list, "din_y", "3.3.3.3", later).ok).toBe(true);
  });

  it("the first answer counts", () => {
    const r = ask([], "din_a", "1.1.1.1", 1000);
    if (!r.ok) throw new Error("refused");
    const no = answerRequest(r.value.list, r.value.request.id, false, "din_host", 2000);
    if (!no.ok) throw new Error("not answered");
    expect(no.value.fresh).toBe(true);
    const yes = answerRequest(no.value.list, r.value.request.id, true, "din_other", 3000);
    expect(yes.ok && yes.value.fresh).toBe(false);
    expect(yes.ok && requestStatus(yes.value.request, 3000)).toBe("declined");
    expect(answerRequest(no.value.list, "jrq_nope", true, "x", 3000)).toMatchObject({ ok: false, error: { code: "request_not_found" } });
  });

  it("counters count per window and keep the table's own counter when many addresses fill the map", () => {
    let c = bump({}, ["table", "ip:1"], 1000, 0);
    c = bump(c, ["table", "ip:1"], 1000, 500);
    expect(countOf(c, "table", 1000, 600)).toBe(2);
    expect(countOf(c, "table", 1000, 1000)).toBe(0);
    for (let i = 0; i < 50; i++) c = bump(c, [`ip:x${i}`], 1000, 700 + i, 10);
    expect(Object.keys(c)).toHaveLength(10);
    expect(countOf(c, "table", 1000, 800)).toBe(2);
  });
});
