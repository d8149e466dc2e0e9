// The joint table under load, through the real Worker and table/floor Durable Objects of a
// `wrangler dev` on loopback:
//   1. a bare echo through one table object (its `echo` message: no state touched), the floor;
//   2. cart operations per second through one table object, beside echoes at the same window;
//   3. p50/p99 time until 10 other connected diners see a change;
//   4. submit-to-staff-board latency (guest sends a round → the staff board's socket has it);
//   5. a store with 50 busy tables (3 diners each, ordering, sending rounds, a staff board open).
// It starts its own server so the table objects' per-diner rate limit (40 burst, 20/s) can be
// lifted: that limit protects a table from one flooding phone, and would otherwise be what this
// measures (the same setting lifts the staff sockets' limit). Everything else is the production
// code path.

const FAST = { TABLE_RATE_LIMIT: "1000000,1000000" };

import { GuestPhone } from "./guest-phone.mjs";
import { login } from "./staff-login.mjs";

export default async function tableSessionBench(ctx) {
  const server = await ctx.startDevServer({ vars: FAST });
  const sockets = [];
  try {
    const base = server.baseUrl;
    const owner = await login(base, "owner@demo.test");
    const waiter = await login(base, "waiter@demo.test");
    // A store of its own, so the demo store's tables stay untouched.
    const store = await owner.json("POST", `/api/merchants/${owner.merchantId}/stores`, {
      name: `Bench ${Date.now().toString(36)}`,
      timeZone: "Europe/Paris",
      currency: "EUR",
      languages: ["en"],
    });
    const storeId = store.store.id;
    const tables = [];
    for (let start = 1; start <= 52; start += 10) {
      const body = { prefix: "B", start, count: Math.min(10, 53 - start) };
      tables.push(...(await owner.json("POST", `/api/merchants/${owner.merchantId}/stores/${storeId}/tables/bulk`, body)).tables);
    }
    const { menu } = await waiter.json("GET", `/api/merchants/${owner.merchantId}/stores/${storeId}/floor/menu`);
    const dishes = menu.categories.flatMap((c) => c.dishes).filter((d) => !d.staffOnly && !d.soldOut && d.windows.length === 0 && d.optionGroups.every((g) => g.minSelect === 0 || g.options.some((o) => o.isDefault)));
    if (dishes.length < 3) throw new Error("the demo menu has too few plain dishes");
    const dish = (i) => dishes[i % dishes.length].id;

    // ---- 1 + 2 + 3: one table, 11 diners -------------------------------------------------------
    const solo = tables[0];
    const diners = [];
    for (let i = 0; i < 11; i++) diners.push(await Diner.join(base, solo.code, sockets, diners[0]?.view.access.joinCode));
    const [writer, ...others] = diners;
    await writer.request({ type: "op", op: { op: "add", dishId: dish(0), optionIds: [], quantity: 1, note: "bench" } });
    const line = writer.view.lines.find((l) => l.dinerId === writer.you) ?? (await writer.sync()).lines.find((l) => l.dinerId === writer.you);

    const echoRtt = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await writer.request({ type: "echo", data: "x" });
      echoRtt.push(performance.now() - t0);
    }
    const echo = ctx.summarize(echoRtt, 1);
    ctx.report(`echo through the table object, 1 in flight: p50 ${echo.p50.toFixed(2)} ms, p99 ${echo.p99.toFixed(2)} ms`);

    const floorSock = await openFloor(base, waiter, owner.merchantId, storeId, sockets);
    const floorRtt = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await floorSock.echo();
      floorRtt.push(performance.now() - t0);
    }
    const floorEcho = ctx.summarize(floorRtt, 1);
    ctx.report(`echo through the floor object,  1 in flight: p50 ${floorEcho.p50.toFixed(2)} ms, p99 ${floorEcho.p99.toFixed(2)} ms`);

    const WINDOW = 16;
    const echoThroughput = await windowed(3000, WINDOW, () => writer.request({ type: "echo", data: "x" }));
    let q = 1;
    const opsThroughput = await windowed(3000, WINDOW, () =>
      writer.request({ type: "op", op: { op: "update", lineId: line.id, quantity: (q = (q % 9) + 1) } }),
    );
    ctx.report(
      `cart ops through one table (11 diners connected, ${WINDOW} in flight): ${opsThroughput.rps.toFixed(0)} ops/s ` +
        `(ack p50 ${opsThroughput.p50.toFixed(2)} ms, p99 ${opsThroughput.p99.toFixed(2)} ms); ` +
        `bare echo at the same window: ${echoThroughput.rps.toFixed(0)} msg/s → ${(opsThroughput.rps / echoThroughput.rps).toFixed(2)}x`,
    );

    // Fan-out: one change at a time, timed until each of the 10 others has it.
    await settle(others, writer.v);
    const fan = [];
    const acks = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      const ack = await writer.request({ type: "op", op: { op: "update", lineId: line.id, quantity: (q = (q % 9) + 1) } });
      acks.push(performance.now() - t0);
      for (const o of others) fan.push((await o.seen(ack.v)) - t0);
    }
    const fanout = ctx.summarize(fan, 1);
    const ackS = ctx.summarize(acks, 1);
    ctx.report(
      `change seen by 10 other diners: p50 ${fanout.p50.toFixed(2)} ms, p99 ${fanout.p99.toFixed(2)} ms ` +
        `(writer's ack p50 ${ackS.p50.toFixed(2)} ms; bare echo p50 ${echo.p50.toFixed(2)} ms)`,
    );

    // ---- 4: submit to staff board ---------------------------------------------------------------
    const guest = await Diner.join(base, tables[1].code, sockets);
    const board = [];
    for (let i = 0; i < 30; i++) {
      await guest.request({ type: "op", op: { op: "add", dishId: dish(i), optionIds: [], quantity: 1, note: "" } });
      const t0 = performance.now();
      const seen = floorSock.waitFor((card) => card.tableId === tables[1].id && card.rounds.length === i + 1);
      await guest.request({ type: "submit" });
      board.push((await seen) - t0);
    }
    const submit = ctx.summarize(board, 1);
    ctx.report(`round submitted → on the staff board: p50 ${submit.p50.toFixed(2)} ms, p99 ${submit.p99.toFixed(2)} ms (30 rounds)`);

    // ---- 5: a store with 50 busy tables -------------------------------------------------------
    const busy = tables.slice(2, 52);
    const parties = [];
    for (const t of busy) {
      const party = [];
      for (let i = 0; i < 3; i++) party.push(await Diner.join(base, t.code, sockets, party[0]?.view.access.joinCode));
      parties.push({ table: t, party });
    }
    const light = await busyStore(ctx, parties, floorSock, dish, 1);
    const heavy = await busyStore(ctx, parties, floorSock, dish, 3);

    return {
      echoP50Ms: echo.p50,
      echoP99Ms: echo.p99,
      floorEchoP50Ms: floorEcho.p50,
      echoMsgPerS: echoThroughput.rps,
      cartOpsPerS: opsThroughput.rps,
      cartOpsVsEcho: opsThroughput.rps / echoThroughput.rps,
      fanout10P50Ms: fanout.p50,
      fanout10P99Ms: fanout.p99,
      submitToBoardP50Ms: submit.p50,
      submitToBoardP99Ms: submit.p99,
      busy50LightOpsPerS: light.opsPerS,
      busy50LightSeenP99Ms: light.seenP99,
      busy50LightBoardP99Ms: light.boardP99,
      busy50HeavyOpsPerS: heavy.opsPerS,
      busy50HeavyAckP99Ms: heavy.ackP99,
      busy50HeavySeenP99Ms: heavy.seenP99,
      busy50HeavyBoardP99Ms: heavy.boardP99,
      busy50Errors: light.errors + heavy.errors,
    };
  } finally {
    for (const s of sockets) {
      try {
        s.close();
      } catch {
        // closed
      }
    }
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * 50 tables of 3 diners for 8 s: each diner adds or changes a line `rate` times a second, the
 * first diner of each table sends a round every sixth action; the staff board watches it all.
 * A line sent to the kitchen by a table-mate meanwhile answers `line_not_found`: expected here.
 */
async function busyStore(ctx, parties, floorSock, dish, rate) {
  const SECONDS = 8;
  const opLat = [];
  const fanLat = [];
  const boardLat = [];
  let errors = 0;
  let expected = 0;
  const why = new Map();
  const count = (code) => (errors++, why.set(code, (why.get(code) ?? 0) + 1));
  const stopAt = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    parties.flatMap(({ table, party }) =>
      party.map(async (d, k) => {
        let n = 0;
        let myLine = null;
        // Spread the diners over the first second.
        await sleep(Math.random() * 1000);
        while (performance.now() < stopAt) {
          const t0 = performance.now();
          try {
            if (k === 0 && n % 6 === 5) {
              const before = d.view.roundsSeen ?? 0;
              const seen = floorSock.waitFor((card) => card.tableId === table.id && card.rounds.length > before, 15_000);
              seen.catch(() => {});
              const ack = await d.request({ type: "submit" });
              if (!ack.error) {
                d.view.roundsSeen = before + 1;
                boardLat.push((await seen) - t0);
              } else if (ack.code !== "cart_empty") count(ack.code === "closed" ? ack.message : ack.code);
              myLine = null;
            } else {
              const ack = await d.request(
                myLine && n % 2
                  ? { type: "op", op: { op: "update", lineId: myLine, quantity: (n % 5) + 1 } }
                  : { type: "op", op: { op: "add", dishId: dish(n + k), optionIds: [], quantity: 1, note: `${k}` } },
              );
              if (ack.error) {
                if (ack.code === "line_not_found") expected++;
                else count(ack.code === "closed" ? ack.message : ack.code);
                myLine = null;
              } else {
                opLat.push(performance.now() - t0);
                myLine = d.view.lines.find((l) => l.dinerId === d.you)?.id ?? myLine;
                for (const other of party) if (other !== d) other.seen(ack.v, 5_000).then((at) => fanLat.push(at - t0), () => count("not_seen"));
              }
            }
          } catch (e) {
            count(String(e).slice(0, 40));
          }
          n++;
          const wait = 1000 / rate - (performance.now() - t0);
          if (wait > 0) await sleep(wait);
        }
      }),
    ),
  );
  await sleep(500);
  const seconds = (performance.now() - start) / 1000;
  const o = ctx.summarize(opLat, seconds);
  const f = ctx.summarize(fanLat, seconds);
  const b = ctx.summarize(boardLat, seconds);
  ctx.report(
    `50 busy tables, 150 diners at ${rate} action/s each, staff board open: ${o.rps.toFixed(0)} cart ops/s, ` +
      `ack p50 ${o.p50.toFixed(1)} ms p99 ${o.p99.toFixed(1)} ms; seen by table-mates p50 ${f.p50.toFixed(1)} ms p99 ${f.p99.toFixed(1)} ms; ` +
      `${boardLat.length} rounds on the board p50 ${b.p50.toFixed(1)} ms p99 ${b.p99.toFixed(1)} ms; ` +
      `${errors} errors${errors ? ` (${[...why].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}, ${expected} lines already sent`,
  );
  return { opsPerS: o.rps, ackP99: o.p99, seenP99: f.p99, boardP99: b.p99, errors };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `count` calls of `fn` with `window` in flight; returns throughput and latencies. */
async function windowed(count, window, fn) {
  const lat = [];
  let issued = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (issued < count) {
        issued++;
        const t0 = performance.now();
        const r = await fn();
        if (r?.error) throw new Error(`${r.code}: ${r.message}`);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)];
  return { rps: lat.length / seconds, p50: pct(50), p99: pct(99) };
}

async function settle(diners, v) {
  await Promise.all(diners.map((d) => d.seen(v)));
}

/** A diner's phone that follows the table's versions: when it saw each one. */
class Diner extends GuestPhone {
  /** Joins like any phone; its socket is listed in `sockets` for the bench's clean-up. */
  static async join(base, code, sockets, joinCode) {
    const d = await super.join(base, code, joinCode);
    sockets.push(d.ws);
    return d;
  }

  v = -1;
  arrivals = new Map();
  waiters = new Map();

  onMessage(m, at) {
    if (m.type === "snapshot") {
      this.v = m.v;
      this.arrive(m.v, at);
    } else if (m.type === "event") {
      this.v = m.v;
      applyLocal(this.view, m.event);
      this.arrive(m.v, at);
    }
  }

  arrive(v, at) {
    this.arrivals.set(v, at);
    if (this.arrivals.size > 5000) this.arrivals.delete(this.arrivals.keys().next().value);
    const w = this.waiters.get(v);
    if (w) {
      this.waiters.delete(v);
      for (const f of w) f(at);
    }
  }

  /** When this diner saw version `v` (waits for it). */
  seen(v, ms = 10_000) {
    const at = this.arrivals.get(v) ?? ([...this.arrivals.keys()].some((k) => k > v) ? performance.now() : undefined);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`version ${v} not seen`)), ms);
      const list = this.waiters.get(v) ?? [];
      list.push((x) => (clearTimeout(t), resolve(x)));
      this.waiters.set(v, list);
    });
  }

  async sync() {
    const v = this.v;
    this.ws.send('{"type":"sync"}');
    while (this.v === v) await sleep(5);
    return this.view;
  }
}

/** Enough of the protocol's applyEvent for the bench to know its own lines. */
function applyLocal(view, e) {
  if (!view) return;
  if (e.type === "line") {
    const i = view.lines.findIndex((l) => l.id === e.line.id);
    if (i < 0) view.lines.push(e.line);
    else view.lines[i] = e.line;
  } else if (e.type === "line_removed") view.lines = view.lines.filter((l) => l.id !== e.lineId);
  else if (e.type === "round") view.lines = view.lines.filter((l) => !e.removedLineIds.includes(l.id));
}

/** The staff board's socket, recording when each table card arrives. */
async function openFloor(base, staff, merchantId, storeId, sockets) {
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/merchants/${merchantId}/stores/${storeId}/floor/ws`, { headers: { cookie: staff.cookie } });
  sockets.push(ws);
  const watchers = new Set();
  const echoes = new Map();
  let n = 0;
  let closed = null;
  ws.onclose = (e) => (closed = `closed ${e.code} ${e.reason}`);
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("no floor snapshot")), 15_000);
    ws.onerror = () => (clearTimeout(t), reject(new Error("floor socket error")));
    ws.onmessage = (e) => {
      const now = performance.now();
      const m = JSON.parse(e.data);
      if (m.type === "snapshot") (clearTimeout(t), resolve());
      if (m.type === "table") {
        for (const w of watchers) {
          if (w.match(m.card)) {
            watchers.delete(w);
            w.resolve(now);
          }
        }
      }
      if (m.type === "echo") echoes.get(m.id)?.();
    };
  });
  return {
    waitFor(match, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const w = { match, resolve: (at) => (clearTimeout(t), resolve(at)) };
        const t = setTimeout(() => (watchers.delete(w), reject(new Error("not on the board"))), ms);
        watchers.add(w);
      });
    },
    echo() {
      const id = `e${n++}`;
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`floor echo unanswered (${closed ?? "socket open"})`)), 10_000);
        echoes.set(id, () => (clearTimeout(t), echoes.delete(id), resolve()));
        ws.send(JSON.stringify({ type: "echo", id, data: "x" }));
      });
    },
  };
}
