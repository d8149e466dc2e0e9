// A guest's phone for the benches: joined to a table over HTTP (each phone from its own address,
// as real phones on mobile data are, so the per-address join limits see many phones, not one
// script), then live over the table's WebSocket, where requests are answered by id (ack, error
// or echo). The benches extend it to read the other messages they measure.

let phones = 0;

export class GuestPhone {
  /**
   * Joins the table `code` (the first phone opens a free table; the others type the join code it
   * shows) and opens the phone's socket; resolves once the snapshot has arrived.
   */
  static async join(base, code, joinCode) {
    const n = phones++;
    // 198.18.0.0/15 is the benchmarking range.
    const ip = `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    const res = await fetch(`${base}/api/guest/join`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": ip },
      body: JSON.stringify(joinCode ? { code, joinCode } : { code }),
    });
    if (res.status !== 200) throw new Error(`join ${code}: ${res.status} ${await res.text()}`);
    const body = await res.json();
    const phone = new this();
    Object.assign(phone, { base, ip, token: body.token, you: body.dinerId, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
    await phone.open();
    return phone;
  }

  view = null;
  closed = null;
  pending = new Map();
  next = 0;

  open() {
    const url = `${this.base.replace(/^http/, "ws")}/api/guest/session/ws?token=${encodeURIComponent(this.token)}`;
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(url, { headers: { cookie: this.cookie } });
      this.ws.onerror = () => reject(new Error("socket error"));
      this.ws.onclose = (e) => {
        this.closed = `closed ${e.code} ${e.reason}`;
        for (const [id, p] of this.pending) (this.pending.delete(id), p({ error: true, code: "closed", message: this.closed }));
        this.onClosed();
      };
      this.ws.onmessage = (e) => {
        const at = performance.now();
        const m = JSON.parse(e.data);
        if (m.type === "ack" || m.type === "error" || m.type === "echo") {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.(m.type === "error" ? { error: true, code: m.code, message: m.message } : m);
        } else if (m.type === "snapshot") {
          this.view = m.view;
        }
        this.onMessage(m, at);
        if (m.type === "snapshot") resolve();
      };
    });
  }

  /** Every message as it arrives (the snapshot already in `view`), with its arrival time. */
  onMessage(_message, _at) {}

  /** The socket closed (requests still waiting have been answered `closed`). */
  onClosed() {}

  /** Sends a command; resolves with its ack or echo, or `{ error, code, message }` (never rejects). */
  request(msg, ms = 10_000) {
    const id = `r${this.next++}`;
    if (this.closed) return Promise.resolve({ error: true, code: "closed", message: this.closed });
    return new Promise((resolve) => {
      const t = setTimeout(() => (this.pending.delete(id), resolve({ error: true, code: "timeout", message: `no answer to ${msg.type}` })), ms);
      this.pending.set(id, (m) => (clearTimeout(t), resolve(m)));
      this.ws.send(JSON.stringify({ ...msg, id }));
    });
  }

  /** A command that must succeed. */
  async ok(msg) {
    const r = await this.request(msg);
    if (r.error) throw new Error(`${msg.type}: ${r.code} ${r.message}`);
    return r;
  }

  close() {
    try {
      this.ws.close();
    } catch {
      // already closed
    }
  }
}
