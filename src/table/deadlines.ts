/**
 * Named deadlines behind a Durable Object's one alarm. Each deadline says when it is next due
 * (read from the object's state when the alarm is set); the earliest wins, and a run of the
 * alarm sets the next one. The rule that an alarm never throws lives here: a throwing alarm is
 * retried only a few times by the runtime and then dropped, which would strand the session and
 * its outbox, so a failed run is logged and tried again ALARM_RETRY_MS later.
 */
export const ALARM_RETRY_MS = 30_000;

/** What the table object waits for. */
export type DeadlineName = "outbox" | "idle" | "joinRequests" | "floorRetry" | "handover";

/** When each deadline is due: a time, several, or nothing pending. */
export type DueTimes = Partial<Record<DeadlineName, number | readonly number[] | null>>;

export class Deadlines {
  private alarmAt: number | null = null;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly due: () => DueTimes,
  ) {}

  /** Reads the alarm the runtime holds; re-arms a missing one from the deadlines. */
  async load(now: number): Promise<void> {
    this.alarmAt = await this.storage.getAlarm();
    if (this.alarmAt === null) this.schedule(now);
  }

  /** Sets the alarm for the earliest deadline (never before `notBefore`); `also` are one-off deadlines. */
  schedule(notBefore: number, also: DueTimes = {}): void {
    const candidates: number[] = [];
    for (const times of [this.due(), also]) {
      for (const at of Object.values(times)) {
        if (at === null || at === undefined) continue;
        if (typeof at === "number") candidates.push(at);
        else candidates.push(...at);
      }
    }
    if (candidates.length === 0) return;
    const at = Math.max(Math.min(...candidates), notBefore);
    // An earlier alarm is already set; when it runs it schedules the next one.
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.storage.setAlarm(at);
  }

  /**
   * One alarm run: `work` does what is due and answers "later" when something due could not be
   * done now (it is tried again ALARM_RETRY_MS later). Never throws; always sets the next alarm.
   */
  async run(work: () => Promise<"done" | "later">): Promise<void> {
    this.alarmAt = null;
    let notBefore = Date.now();
    try {
      if ((await work()) === "later") notBefore += ALARM_RETRY_MS;
    } catch (e) {
      console.error("table alarm failed; will run again", String(e));
      notBefore = Date.now() + ALARM_RETRY_MS;
    }
    this.schedule(notBefore);
  }
}
