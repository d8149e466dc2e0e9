import type { SessionStatus } from "../domain/table/lifecycle";
import type { OutboxEntry, OutboxKind } from "../db/ledger/types";
import type { JoinRequest } from "../domain/table/admission";
import type { PausedReason } from "./protocol";
import type { PayState } from "../domain/payments/reservations";
import { emptyParts, PART_NAMES, PARTS, type PartName, type PartRow, type SessionParts } from "./parts";

export type { Diner, RoundRecord, SessionParts, TablePayment } from "./parts";

/** Which table an object is; given by the Worker, which looked the table up in D1. */
export interface TableRef {
  merchantId: string;
  storeId: string;
  tableId: string;
  tableName: string;
}

export interface SessionRecord {
  id: string;
  status: Exclude<SessionStatus, "closed">;
  openedAt: number;
  openedBy: "guest" | "staff";
  lastActivityAt: number;
  nextRoundNo: number;
  nextSeq: number;
  currency: string;
  requireAllConfirm: boolean;
  confirmed: string[];
  /** The short code a newcomer may type to join (sessions stored before admission existed get one on load). */
  joinCode: string;
  /** A guest opened the session and the store wants staff to confirm its first round. */
  holdFirstRound: boolean;
  /** The first round was asked for and waits for staff. */
  awaitingStaff: { by: string; at: number } | null;
}

/** A call from someone not seated: a waiting device asking for help, or the no-JS form at the table. */
export interface DoorCall {
  id: string;
  kind: "help" | "waiter";
  requestId: string | null;
  createdAt: number;
}

/** Everything the object holds about its current session, mirrored in memory. */
export interface LiveState extends SessionParts {
  ref: TableRef | null;
  version: number;
  session: SessionRecord | null;
  /** Devices asking to join the current session (pending, or answered a moment ago). */
  requests: JoinRequest[];
  doorCalls: DoorCall[];
  /** Ordering is paused for the whole store (suspended merchant, closed store). */
  paused: PausedReason | null;
  /** Who is paying which part of the open bill (see bill.ts); null before anyone started paying. */
  pay: PayRecord | null;
}

/** The open bill's reservations, and which items earlier bills of the session closed ("pay after each round"). */
export interface PayRecord {
  billNo: number;
  closedItems: string[];
  /** Reservations and the even split of the open bill (its lines are recomputed from the items). */
  state: PayState | null;
}

type Row = Record<string, SqlStorageValue>;

/**
 * Schema versions of the object's own SQLite database, applied in order at start-up (the
 * runtime has no PRAGMA user_version, so the applied version is kept in a table).
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL);
   CREATE TABLE diners (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE lines (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE TABLE rounds (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, submitted_at INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE TABLE items (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, pos INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE TABLE calls (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT, created_at INTEGER NOT NULL);
   CREATE TABLE applied_ops (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
   CREATE TABLE moved (session_id TEXT PRIMARY KEY, to_table_id TEXT NOT NULL, to_session_id TEXT NOT NULL, at INTEGER NOT NULL);`,
  // Handovers this table imported (the target side of a move or merge), by handover id.
  `CREATE TABLE imported (handover_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, at INTEGER NOT NULL);`,
  // Payments (a session part), and the final state of each payment kept after its session ended,
  // so a late or repeated notification is recognised.
  `CREATE TABLE payments (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE TABLE payments_done (id TEXT PRIMARY KEY, data TEXT NOT NULL, at INTEGER NOT NULL);`,
];

export class TableStore {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS _schema (version INTEGER NOT NULL)");
    const row = this.sql.exec<{ version: number }>("SELECT version FROM _schema").toArray()[0];
    let version = row?.version ?? 0;
    if (!row) this.sql.exec("INSERT INTO _schema (version) VALUES (0)");
    while (version < MIGRATIONS.length) {
      this.sql.exec(MIGRATIONS[version]!);
      version++;
      this.sql.exec("UPDATE _schema SET version = ?", version);
    }
  }

  load(): LiveState {
    const ref = this.getKv<TableRef>("ref");
    const session = this.getKv<SessionRecord>("session");
    const version = this.getKv<number>("version") ?? 0;
    const state: LiveState = {
      ref,
      version,
      // Sessions stored before admission existed lack these fields.
      session: session && { ...session, joinCode: session.joinCode ?? "", holdFirstRound: session.holdFirstRound ?? false, awaitingStaff: session.awaitingStaff ?? null },
      ...emptyParts(),
      requests: this.getKv<JoinRequest[]>("requests") ?? [],
      doorCalls: this.getKv<DoorCall[]>("door_calls") ?? [],
      paused: this.getKv<PausedReason>("paused"),
      pay: session ? this.getKv<PayRecord>("pay") : null,
    };
    if (!session) return state;
    for (const name of PART_NAMES) {
      const { table, order } = PARTS[name];
      (state[name] as unknown[]) = this.sql
        .exec<Row>(`SELECT data FROM ${table} WHERE session_id = ? ORDER BY ${order}`, session.id)
        .toArray()
        .map((r) => JSON.parse(r.data as string));
    }
    return state;
  }

  getKv<T>(key: string): T | null {
    const row = this.sql.exec<{ v: string }>("SELECT v FROM kv WHERE k = ?", key).toArray()[0];
    return row ? (JSON.parse(row.v) as T) : null;
  }

  setKv(key: string, value: unknown): void {
    if (value === null) this.sql.exec("DELETE FROM kv WHERE k = ?", key);
    else this.sql.exec("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", key, JSON.stringify(value));
  }

  /** Stores one row of a part (`pos`: its position in the list, which the items part keeps). */
  put<K extends PartName>(part: K, sessionId: string, row: PartRow<K>, pos = 0): void {
    const { table, column, valueOf } = PARTS[part];
    const data = JSON.stringify(row);
    if (column === null) this.sql.exec(`INSERT OR REPLACE INTO ${table} (id, session_id, data) VALUES (?, ?, ?)`, row.id, sessionId, data);
    else this.sql.exec(`INSERT OR REPLACE INTO ${table} (id, session_id, ${column}, data) VALUES (?, ?, ?, ?)`, row.id, sessionId, valueOf(row, pos), data);
  }

  /** Stores every row of every part (a session imported whole). */
  putAll(sessionId: string, parts: SessionParts): void {
    for (const name of PART_NAMES) (parts[name] as PartRow<PartName>[]).forEach((row, pos) => this.put(name as never, sessionId, row as never, pos));
  }

  remove(part: PartName, id: string): void {
    this.sql.exec(`DELETE FROM ${PARTS[part].table} WHERE id = ?`, id);
  }

  /** Forgets a finished session's rows: the next party starts from nothing. */
  deleteSession(sessionId: string): void {
    for (const name of PART_NAMES) this.sql.exec(`DELETE FROM ${PARTS[name].table} WHERE session_id = ?`, sessionId);
  }

  // Idempotency of client requests retried after a timeout: remembered for a while.
  wasApplied(key: string): boolean {
    return this.sql.exec("SELECT 1 FROM applied_ops WHERE key = ?", key).toArray().length > 0;
  }

  markApplied(key: string, now: number): void {
    this.sql.exec("INSERT OR IGNORE INTO applied_ops (key, at) VALUES (?, ?)", key, now);
  }

  pruneApplied(before: number): void {
    this.sql.exec("DELETE FROM applied_ops WHERE at < ?", before);
  }

  // Outbox: what D1 must receive, kept until it has it.
  enqueue(kind: OutboxKind, key: string, payload: unknown, now: number): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO outbox (kind, key, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?)",
      kind,
      key,
      JSON.stringify(payload),
      now,
      now,
    );
  }

  outbox(limit = 20): OutboxEntry[] {
    return this.sql
      .exec<Row>("SELECT seq, kind, key, payload, attempts, next_at, last_error FROM outbox ORDER BY seq LIMIT ?", limit)
      .toArray()
      .map((r) => ({
        seq: r.seq as number,
        kind: r.kind as OutboxKind,
        key: r.key as string,
        payload: JSON.parse(r.payload as string),
        attempts: r.attempts as number,
        nextAt: r.next_at as number,
        lastError: (r.last_error as string | null) ?? null,
      }));
  }

  outboxDone(seq: number): void {
    this.sql.exec("DELETE FROM outbox WHERE seq = ?", seq);
  }

  outboxFailed(seq: number, error: string, nextAt: number): void {
    this.sql.exec("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE seq = ?", error.slice(0, 500), nextAt, seq);
  }

  nextOutboxAt(): number | null {
    const row = this.sql.exec<{ at: number | null }>("SELECT MIN(next_at) AS at FROM outbox").toArray()[0];
    return row?.at ?? null;
  }

  recordMove(sessionId: string, toTableId: string, toSessionId: string, now: number): void {
    this.sql.exec("INSERT OR REPLACE INTO moved (session_id, to_table_id, to_session_id, at) VALUES (?, ?, ?, ?)", sessionId, toTableId, toSessionId, now);
  }

  /** The session a handover was imported into, if this table imported it already. */
  importedAs(handoverId: string): string | null {
    const row = this.sql.exec<Row>("SELECT session_id FROM imported WHERE handover_id = ?", handoverId).toArray()[0];
    return row ? (row.session_id as string) : null;
  }

  recordImport(handoverId: string, sessionId: string, now: number): void {
    this.sql.exec("INSERT OR IGNORE INTO imported (handover_id, session_id, at) VALUES (?, ?, ?)", handoverId, sessionId, now);
  }

  pruneImported(before: number): void {
    this.sql.exec("DELETE FROM imported WHERE at < ?", before);
  }

  /** Keeps a payment's final state beyond its session (see paymentResult). */
  rememberPayment(payment: { id: string }, now: number): void {
    this.sql.exec("INSERT OR REPLACE INTO payments_done (id, data, at) VALUES (?, ?, ?)", payment.id, JSON.stringify(payment), now);
  }

  pastPayment<T>(id: string): T | null {
    const row = this.sql.exec<Row>("SELECT data FROM payments_done WHERE id = ?", id).toArray()[0];
    return row ? (JSON.parse(row.data as string) as T) : null;
  }

  prunePastPayments(before: number): void {
    this.sql.exec("DELETE FROM payments_done WHERE at < ?", before);
  }

  movedTo(sessionId: string): { tableId: string; sessionId: string } | null {
    const row = this.sql.exec<Row>("SELECT to_table_id, to_session_id FROM moved WHERE session_id = ?", sessionId).toArray()[0];
    return row ? { tableId: row.to_table_id as string, sessionId: row.to_session_id as string } : null;
  }
}
