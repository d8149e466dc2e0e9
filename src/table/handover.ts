/**
 * Moving a session to another table (`move`, the target must be free) or folding it into the
 * target's session (`merge`), as a handover in three steps (see domain/table/handover):
 * 1. the source records the handover (the session is frozen from then on);
 * 2. the target imports the session, idempotently by handover id (`absorb`);
 * 3. the source gives its diners a token for the target and frees itself.
 * A step that fails is driven again by the source's alarm; asking again resumes it.
 */
import { fail } from "../domain/cart/errors";
import { newId } from "../domain/ids";
import { afterImport, beginHandover, mergeParts, type Handover, type HandoverMode, type ImportAnswer } from "../domain/table/handover";
import { send, socketInfo, type TableCore } from "./core";
import { copyParts, type SessionParts } from "./parts";
import { CLOSE } from "./protocol";
import type { SessionRecord, TableRef } from "./store";
import { signTableToken } from "./token";
import { err, type Reply } from "./commands/context";
import { endSession, enqueueClosed } from "./commands/session";

/** Payments under way or made: the bill cannot move until they are settled (or released). */
const paying = (t: TableCore) => (t.state.pay?.state?.reservations.length ?? 0) > 0;

/** A whole session handed from one table object to another. */
export interface SessionPackage extends SessionParts {
  session: SessionRecord;
}

export class Handovers {
  /** A call to the target is under way (the alarm and a staff request must not both drive it). */
  private handing = false;

  constructor(private readonly t: TableCore) {}

  /** Step 1 (or a resumed handover): records it, then drives it. */
  async moveTo(target: TableRef, mode: HandoverMode): Promise<Reply<{ sessionId: string }>> {
    const t = this.t;
    if (this.handing) return err(fail("cart_locked", "This table is already being moved."));
    if (!t.handover && paying(t)) return err(fail("cart_locked", "Wait until the payment has finished."));
    const begun = beginHandover(t.handover, { mode, target, sourceTableId: t.state.ref?.tableId ?? null, session: t.state.session }, newId("hnd"), Date.now());
    if (!begun.ok) return err(begun);
    // The output gate holds the call to the target until this write is durable, so a target
    // never holds a session its source could forget it handed over.
    if (!begun.value.resumed) t.setHandover(begun.value.handover);
    return this.drive();
  }

  /** Steps 2 and 3: has the target import the session, then completes or rolls back. */
  async drive(): Promise<Reply<{ sessionId: string }>> {
    const t = this.t;
    const h = t.handover;
    if (!h || this.handing) return err(fail("cart_locked", "This table is already being moved."));
    if (t.state.session?.id !== h.sessionId) {
      t.setHandover(null); // nothing left to hand over
      return err(fail("table_free", "This table has no open session."));
    }
    this.handing = true;
    try {
      let answer: ImportAnswer;
      try {
        const res = (await t.env.TABLE.getByName(h.target.tableId).absorb(h.target, h.id, this.package(), h.mode)) as Reply<{ sessionId: string }>;
        answer = res.ok ? { kind: "imported", sessionId: res.sessionId } : { kind: "refused", error: res.error };
      } catch (e) {
        answer = { kind: "unanswered", reason: String(e) };
      }
      const step = afterImport(h, answer, Date.now());
      if (step.step === "complete") {
        try {
          await this.complete(h, step.sessionId);
          return { ok: true, v: t.state.version, sessionId: step.sessionId };
        } catch (e) {
          console.error("handover completion failed; the alarm finishes it", String(e));
          this.retry(afterImport(h, { kind: "unanswered", reason: String(e) }, Date.now()));
          return err(fail("unavailable", "The table was moved but not yet released; this finishes by itself shortly."));
        }
      }
      if (step.step === "rollback") {
        t.setHandover(null);
        return err({ ok: false, error: step.error });
      }
      this.retry(step);
      const reason = answer.kind === "unanswered" ? answer.reason.slice(0, 80) : "";
      return err(fail("unavailable", `The other table did not answer; the move is retried automatically. (${reason})`));
    } finally {
      this.handing = false;
    }
  }

  private retry(step: ReturnType<typeof afterImport>): void {
    if (step.step !== "retry") return;
    this.t.setHandover(step.handover);
    this.t.scheduleAlarm(Date.now(), { handover: step.handover.nextAt });
  }

  /** Step 3: the target has the session; this table records where it went and frees itself. */
  private async complete(h: Handover, toSessionId: string): Promise<void> {
    const t = this.t;
    const s = t.state.session;
    const sockets = s?.id === h.sessionId ? t.sockets(s.id) : [];
    const tokens = await Promise.all(sockets.map((ws) => signTableToken(t.env, { t: h.target.tableId, s: toSessionId, d: socketInfo(ws)?.dinerId ?? "" })));
    if (t.handover?.id !== h.id) return; // finished meanwhile
    // One synchronous block: the runtime commits these writes together.
    t.setHandover(null);
    if (!s || s.id !== h.sessionId) return;
    const now = Date.now();
    t.store.recordMove(s.id, h.target.tableId, toSessionId, now);
    if (h.mode === "merge") enqueueClosed(t, s, `merged:${toSessionId}`, now, 0, t.menus.current?.menu);
    sockets.forEach((ws, i) => send(ws, { type: "ended", reason: "moved", token: tokens[i], tableId: h.target.tableId }));
    endSession(t, s, null, CLOSE.sessionMoved, "session moved");
  }

  private package(): SessionPackage {
    return { session: this.t.state.session!, ...copyParts(this.t.state) };
  }

  /**
   * The receiving side (step 2). Idempotent by handover id: a repeated import changes nothing and
   * answers the session the first one went into.
   */
  absorb(ref: TableRef, handoverId: string, pkg: SessionPackage, mode: HandoverMode): Reply<{ sessionId: string }> {
    const t = this.t;
    const done = t.store.importedAs(handoverId);
    if (done) return { ok: true, v: t.state.version, sessionId: done };
    t.setRef(ref);
    if (t.moving) return err(fail("table_busy", "This table is being moved itself."));
    const now = Date.now();
    // No await from here on: the import and its record are committed together.
    if (mode === "move") {
      if (t.state.session) return err(fail("table_busy", `${ref.tableName} is taken; merge the tables instead.`));
      t.state.session = { ...pkg.session, lastActivityAt: now };
      Object.assign(t.state, copyParts(pkg));
      t.state.pay = null; // a session is handed over only with no payment under way or made
      t.store.setKv("pay", null);
    } else {
      const s = t.state.session;
      if (!s) return err(fail("table_free", `${ref.tableName} has no open session; move the table instead.`));
      if (s.status === "paying" || paying(t)) return err(fail("cart_locked", `${ref.tableName} is paying; wait until it has finished.`));
      const merged = mergeParts(t.state, pkg, s.nextSeq);
      Object.assign(t.state, merged.parts);
      s.nextSeq = merged.nextSeq;
      s.confirmed = [];
      s.lastActivityAt = now;
    }
    const session = t.state.session!;
    t.saveSession();
    t.store.putAll(session.id, t.state);
    t.store.recordImport(handoverId, session.id, now);
    t.bumpVersion();
    t.broadcastSnapshots();
    t.pushFloor();
    t.scheduleAlarm(now);
    return { ok: true, v: t.state.version, sessionId: session.id };
  }
}
