/**
 * Party admission: who sits at the table (see domain/table/admission). A free table opens for the
 * first device; a session with guests seats only its own diners, a device with the join code, or
 * one a diner or staff let in; anyone else waits with a request and sees nothing of the session.
 */
import { fail, type Failure } from "../../domain/cart/errors";
import { normalizeDinerName } from "../../domain/cart/ops";
import { CART_LIMITS } from "../../domain/cart/limits";
import { newId } from "../../domain/ids";
import {
  ADMISSION_LIMITS,
  answerRequest,
  askToJoin,
  bump,
  countOf,
  decideJoin,
  joinCodeMatches,
  pruneRequests,
  requestStatus,
  type Counters,
  type JoinRequestStatus,
} from "../../domain/table/admission";
import { staffDinerId, type Caller, type TableCore } from "../core";
import type { TableView } from "../protocol";
import type { Diner, LiveState, TableRef } from "../store";
import { dinerView } from "../view";
import { err, refuseWhileMoving, type Reply } from "./context";
import { tooManyJoins } from "./door";
import { commit } from "./run";
import { closeIfIdle, openSession } from "./session";

/** What a scan gets: a seat (and the view), or a request the party answers (and nothing else). */
export type JoinAnswer =
  | { seated: true; sessionId: string; view: TableView }
  | { seated: false; sessionId: string; requestId: string; expiresAt: number; tableName: string };

/** What the waiting device learns; the view only once it is let in. */
export type RequestAnswer =
  | { status: "admitted"; sessionId: string; view: TableView }
  | { status: Exclude<JoinRequestStatus, "admitted"> | "closed"; expiresAt: number };

export async function join(t: TableCore, ref: TableRef, dinerId: string, opts: { name?: string; ip?: string; joinCode?: string } = {}): Promise<Reply<JoinAnswer>> {
  t.setRef(ref);
  const menu = await t.menu();
  const frozen = refuseWhileMoving(t, "guest");
  if (frozen) return frozen;
  // The alarm closes idle sessions; should it be late, the next party still never joins one.
  closeIfIdle(t, Date.now());
  const settings = await t.settings();
  if (!t.state.session) {
    if (!t.joinBucket.take()) return err(tooManyJoins());
    if (!t.state.session) openSession(t, "guest", settings, menu?.menu.currency ?? "");
    return seat(t, dinerId, opts.name);
  }
  const session = t.state.session;
  const alreadyDiner = t.state.diners.some((d) => d.id === dinerId);
  if (!alreadyDiner && opts.joinCode) return enterCode(t, dinerId, opts.ip ?? "", opts.joinCode, opts.name);
  const guests = t.state.diners.filter((d) => !d.staff).length;
  if (decideJoin({ admission: settings.admission, hasSession: true, alreadyDiner, guests }) === "seat") {
    if (!alreadyDiner && !t.joinBucket.take()) return err(tooManyJoins());
    return seat(t, dinerId, opts.name);
  }
  const now = Date.now();
  const wanted = opts.name ? normalizeDinerName(opts.name) : null;
  const asked = askToJoin(t.state.requests, { id: newId("jrq"), sessionId: session.id, dinerId, name: wanted?.ok ? wanted.value : "", ip: opts.ip ?? "" }, now);
  if (!asked.ok) return err(asked);
  if (asked.value.created && !t.joinBucket.take()) return err(tooManyJoins());
  setRequests(t, asked.value.list);
  const r = asked.value.request;
  t.scheduleAlarm(now); // the request's expiry takes it off the prompts and the board
  return { ok: true, v: t.state.version, seated: false, sessionId: session.id, requestId: r.id, expiresAt: r.expiresAt, tableName: t.state.ref?.tableName ?? "" };
}

/** The waiting device asks what became of its request; once admitted it gets the view. */
export async function requestState(t: TableCore, dinerId: string, requestId: string, sessionId: string): Promise<Reply<RequestAnswer>> {
  const now = Date.now();
  const s = t.state.session;
  if (s && s.id === sessionId && t.state.diners.some((d) => d.id === dinerId)) {
    const r = await t.viewReply();
    return r.ok ? { ...r, status: "admitted", sessionId: s.id } : r;
  }
  const r = t.state.requests.find((x) => x.id === requestId && x.dinerId === dinerId);
  // The session was closed (staff reset the table): scanning again opens the table anew.
  if (!s || s.id !== sessionId) return { ok: true, v: t.state.version, status: "closed", expiresAt: now };
  if (!r) return { ok: true, v: t.state.version, status: "expired", expiresAt: now };
  const status = requestStatus(r, now);
  return { ok: true, v: t.state.version, status: status === "admitted" ? "expired" : status, expiresAt: r.expiresAt };
}

/**
 * A newcomer types the session's join code. Wrong codes are counted per device, per address
 * and per table; past a limit code entry is locked for a while (the party can still let the
 * device in with a tap, and staff can too).
 */
export function enterCode(t: TableCore, dinerId: string, ip: string, code: string, name?: string): Reply<JoinAnswer> {
  const s = t.state.session;
  if (!s) return err(fail("session_ended", "This table's session has ended; scan the code again."));
  if (t.state.diners.some((d) => d.id === dinerId)) return seat(t, dinerId);
  const now = Date.now();
  const L = ADMISSION_LIMITS;
  const counters = t.store.getKv<Counters>("code_attempts") ?? {};
  const keys = [`dev:${dinerId}`, `ip:${ip}`, "table"];
  const limits = [L.wrongCodesPerDevice, L.wrongCodesPerAddress, L.wrongCodesPerTable];
  if (keys.some((k, i) => countOf(counters, k, L.wrongCodeWindowMs, now) >= limits[i]!)) {
    return err(fail("join_locked", "Too many wrong codes. Ask someone at the table to tap “Let in”, or ask the staff."));
  }
  if (!joinCodeMatches(code, s.joinCode)) {
    t.store.setKv("code_attempts", bump(counters, keys, L.wrongCodeWindowMs, now));
    const left = L.wrongCodesPerDevice - countOf(counters, keys[0]!, L.wrongCodeWindowMs, now) - 1;
    return err(fail("wrong_join_code", "That is not this table's code. Check the code on a phone at the table.", { attemptsLeft: Math.max(0, left) }));
  }
  const seated = seat(t, dinerId, name);
  if (seated.ok) settleRequestsOf(t, dinerId, true, "code");
  return seated;
}

/** A seated diner (or staff) lets a waiting device in, or not. */
export function answerJoin(t: TableCore, caller: Caller, requestId: string, admit: boolean): Reply {
  let by: string;
  if (caller.kind === "guest") {
    const check = t.checkGuest(caller);
    if (!check.ok) return err(check);
    by = caller.dinerId;
  } else {
    t.setRef(caller.ref);
    if (!t.state.session) return err(fail("table_free", "This table has no open session."));
    by = staffDinerId(caller.userId);
  }
  const answered = answerRequest(t.state.requests, requestId, admit, by, Date.now());
  if (!answered.ok) return err(answered);
  const r = answered.value.request;
  if (!answered.value.fresh) return { ok: true, v: t.state.version }; // answered already
  if (admit) {
    const seated = seat(t, r.dinerId, r.name || undefined);
    if (!seated.ok) return err(seated as Failure);
  }
  setRequests(t, answered.value.list);
  t.dropDoorCalls((c) => c.requestId === requestId);
  return { ok: true, v: t.state.version };
}

/** Seats a device in the current session (or finds it seated) and answers the view. */
function seat(t: TableCore, dinerId: string, name?: string): Reply<JoinAnswer> {
  const session = t.state.session!;
  if (!t.state.diners.some((d) => d.id === dinerId)) {
    if (t.state.diners.length >= CART_LIMITS.maxDiners) return err(fail("table_full", "Too many devices have joined this table; ask the staff for help."));
    const wanted = name ? normalizeDinerName(name) : null;
    const guests = t.state.diners.filter((d) => !d.staff).length;
    const diner: Diner = { id: dinerId, name: wanted?.ok ? wanted.value : `Guest ${guests + 1}`, staff: false, joinedAt: Date.now() };
    const event = { type: "diner", diner: dinerView(diner, t.isOnline(diner.id)) } as const;
    commit(t, { reply: {}, rows: [{ part: "diners", put: diner }], session: { lastActivityAt: diner.joinedAt }, events: [event], floor: "now" });
  }
  return { ok: true, v: t.state.version, seated: true, sessionId: session.id, view: t.view() };
}

/** Stores the requests; the diners' prompts and the board hear of any change among the unanswered. */
export function setRequests(t: TableCore, list: LiveState["requests"]): void {
  // Compared on the stored list (not filtered by time) so that an expiry, too, is told.
  const unanswered = (l: LiveState["requests"]) => JSON.stringify(l.filter((r) => !r.answer).map((r) => [r.id, r.expiresAt]));
  const before = unanswered(t.state.requests);
  t.state.requests = pruneRequests(list, t.state.session?.id ?? null, Date.now());
  t.store.setKv("requests", t.state.requests.length ? t.state.requests : null);
  if (unanswered(t.state.requests) !== before) commit(t, { reply: {}, access: true, floor: "now" });
}

/** A device got in another way (the code): its pending request is answered too. */
function settleRequestsOf(t: TableCore, dinerId: string, admitted: boolean, by: string): void {
  const now = Date.now();
  const mine = t.state.requests.filter((r) => r.dinerId === dinerId && !r.answer);
  if (!mine.length) return;
  setRequests(t, t.state.requests.map((r) => (mine.includes(r) ? { ...r, answer: { admitted, by, at: now } } : r)));
  t.dropDoorCalls((c) => mine.some((r) => r.id === c.requestId));
}
