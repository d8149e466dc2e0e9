import { fail, ok, type Result } from "../cart/errors";

/**
 * Who may sit at a table's session. A printed QR code is public (anyone may have photographed
 * it), so with "party" admission the code alone opens a FREE table only; a device that scans a
 * table whose session has guests asks them, and any of them (or staff, or the session's join
 * code that the seated guests see) lets it in. "open" admission is for counters and food courts:
 * anyone who scans joins.
 */
export type Admission = "party" | "open";

export const ADMISSION_LIMITS = {
  /** A request nobody answered is forgotten after this. */
  requestTtlMs: 5 * 60_000,
  /** An answered request is kept this long so the waiting device learns the answer. */
  answeredTtlMs: 2 * 60_000,
  /** Pending requests per table, and per client address at one table: they never take seats. */
  maxPendingPerTable: 12,
  maxPendingPerAddress: 3,
  /** Wrong join codes per device, per address and per table within the window. */
  wrongCodesPerDevice: 5,
  wrongCodesPerAddress: 8,
  wrongCodesPerTable: 20,
  wrongCodeWindowMs: 15 * 60_000,
  /** New join requests (or, in open mode, new seats) per table: a burst, then a slow rate. */
  joinBurst: 20,
  joinPerSecond: 1 / 15,
  /** Calls from the door (no-JS "call a waiter", "ask staff for help") per table and per address. */
  doorCallsPerTable: 6,
  doorCallsPerAddress: 3,
  doorCallWindowMs: 10 * 60_000,
  joinCodeDigits: 6,
} as const;

export interface JoinRequest {
  id: string;
  sessionId: string;
  dinerId: string;
  name: string;
  ip: string;
  createdAt: number;
  expiresAt: number;
  /** The waiting guest asked staff for help (shown on the board). */
  help: boolean;
  answer: null | { admitted: boolean; by: string; at: number };
}

export type JoinRequestStatus = "waiting" | "admitted" | "declined" | "expired";

/** What a scan leads to: a seat at once, or a request the party (or staff) answers. */
export function decideJoin(input: {
  admission: Admission;
  hasSession: boolean;
  alreadyDiner: boolean;
  /** Guests (not staff) seated in the session. */
  guests: number;
}): "seat" | "ask" {
  if (input.alreadyDiner || !input.hasSession || input.admission === "open") return "seat";
  // A session staff opened (or whose only "diner" is a waiter who ordered): the first guest is the party.
  return input.guests === 0 ? "seat" : "ask";
}

/** A new session's short join code: digits, easy to read out and type. */
export function newJoinCode(random: Uint8Array = crypto.getRandomValues(new Uint8Array(ADMISSION_LIMITS.joinCodeDigits))): string {
  return [...random.slice(0, ADMISSION_LIMITS.joinCodeDigits)].map((b) => String(b % 10)).join("");
}

/** Compares a typed code with the session's, ignoring spaces and dashes. */
export function joinCodeMatches(given: string, code: string): boolean {
  const clean = given.replace(/[\s-]/g, "");
  if (clean.length !== code.length) return false;
  let diff = 0;
  for (let i = 0; i < code.length; i++) diff |= clean.charCodeAt(i) ^ code.charCodeAt(i);
  return diff === 0;
}

export function requestStatus(r: JoinRequest, now: number): JoinRequestStatus {
  if (r.answer) return r.answer.admitted ? "admitted" : "declined";
  return now >= r.expiresAt ? "expired" : "waiting";
}

/** Requests still worth keeping: pending ones until they expire, answered ones a little longer. */
export function pruneRequests(list: readonly JoinRequest[], sessionId: string | null, now: number): JoinRequest[] {
  return list.filter((r) => r.sessionId === sessionId && (r.answer ? r.answer.at + ADMISSION_LIMITS.answeredTtlMs > now : r.expiresAt > now));
}

export const pendingRequests = (list: readonly JoinRequest[], now: number) => list.filter((r) => requestStatus(r, now) === "waiting");

/**
 * A device asks to join: the same device asking again keeps its request (with a fresh expiry);
 * otherwise the table and the address must have room for one more pending request.
 */
export function askToJoin(
  list: readonly JoinRequest[],
  input: { id: string; sessionId: string; dinerId: string; name: string; ip: string },
  now: number,
): Result<{ list: JoinRequest[]; request: JoinRequest; created: boolean }> {
  const live = pruneRequests(list, input.sessionId, now);
  const mine = live.find((r) => r.dinerId === input.dinerId && !r.answer);
  if (mine) {
    const request = { ...mine, expiresAt: now + ADMISSION_LIMITS.requestTtlMs, name: input.name || mine.name };
    return ok({ list: live.map((r) => (r === mine ? request : r)), request, created: false });
  }
  const pending = pendingRequests(live, now);
  if (pending.filter((r) => r.ip === input.ip).length >= ADMISSION_LIMITS.maxPendingPerAddress || pending.length >= ADMISSION_LIMITS.maxPendingPerTable) {
    return fail("too_many_requests", "Too many devices are waiting to join this table. Ask someone at the table for the join code, or ask the staff.");
  }
  const request: JoinRequest = { ...input, createdAt: now, expiresAt: now + ADMISSION_LIMITS.requestTtlMs, help: false, answer: null };
  // An earlier answered request of this device is replaced by the new one.
  return ok({ list: [...live.filter((r) => r.dinerId !== input.dinerId), request], request, created: true });
}

/** The first answer counts; answering again changes nothing (`fresh` is false). */
export function answerRequest(
  list: readonly JoinRequest[],
  requestId: string,
  admitted: boolean,
  by: string,
  now: number,
): Result<{ list: JoinRequest[]; request: JoinRequest; fresh: boolean }> {
  const found = list.find((r) => r.id === requestId);
  if (!found || requestStatus(found, now) === "expired") return fail("request_not_found", "This request to join has expired or was withdrawn.");
  if (found.answer) return ok({ list: [...list], request: found, fresh: false });
  const request = { ...found, answer: { admitted, by, at: now } };
  return ok({ list: list.map((r) => (r === found ? request : r)), request, fresh: true });
}

/** Fixed-window counters keyed by what is counted (a device, an address, the table). */
export type Counters = Record<string, { start: number; count: number }>;

/** The count in the current window for `key`, without changing anything. */
export function countOf(counters: Counters, key: string, windowMs: number, now: number): number {
  const c = counters[key];
  return c && c.start + windowMs > now ? c.count : 0;
}

/**
 * Adds one for each key; old windows are dropped, and the map stays bounded (keys starting with
 * "table" are always kept: many addresses must not push the table's own counter out).
 */
export function bump(counters: Counters, keys: string[], windowMs: number, now: number, maxKeys = 300): Counters {
  const next: Counters = {};
  for (const [k, v] of Object.entries(counters)) if (v.start + windowMs > now) next[k] = v;
  for (const key of keys) {
    const c = next[key];
    next[key] = c ? { start: c.start, count: c.count + 1 } : { start: now, count: 1 };
  }
  const entries = Object.entries(next);
  if (entries.length <= maxKeys) return next;
  const rank = (k: string) => (k.startsWith("table") ? 1 : 0);
  entries.sort((a, b) => rank(b[0]) - rank(a[0]) || b[1].start - a[1].start);
  return Object.fromEntries(entries.slice(0, maxKeys));
}
