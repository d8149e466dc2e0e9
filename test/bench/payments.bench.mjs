// Paying at the table, through the real Worker, table objects and the built-in sandbox wallet of a
// `wrangler dev` on loopback (ANTOM_BASE_URL = <origin>/sandbox-wallet):
//   1. a notification received → every diner at the table sees the payment succeeded (6 diners
//      connected; one payment of a diner's own items at a time; the last one closes the table).
//      Timed from sending a signed notifyPayment ourselves, as the wallet does, to the moment the
//      LAST diner's socket shows it (a `bill` event listing it succeeded, or `ended` "paid");
//      beside it, the same through the wallet page (approve → the wallet's own signed delivery);
//      baseline: an echo through the table object, and the notify endpoint's own answer time;
//   2. ten guests of one table paying their own items at the same moment: wall time until all
//      ten are answered, per request p50/p99 (baseline: one payment started alone), all 201, no
//      item in two payments, the reservations adding up to the bill;
//   3. the notify endpoint's throughput beside /healthz at the same concurrency: duplicates of
//      applied payments (answered SUCCESS, nothing changes) with the payments of part 2 as the
//      fresh share, each notification signed anew; every fresh one must reach its diners.
// It starts its own server with payment keys it generated, to sign as the sandbox wallet.
import { availableParallelism, loadavg } from "node:os";
import { generateKeyPair } from "../../scripts/dev-keys.mjs";
import { benchStore, notifier, orderRound, paymentSucceeded, Phone, providerIdOf } from "./payment-party.mjs";

const DINERS = 6;
const NOTIFY_TABLES = 20;
const WALLET_TABLES = 4;
const TEN = 10;
const TEN_TABLES = 6;
const CONCURRENCY = 8;
const THROUGHPUT_REQUESTS = 400;
const WARMUP = 50;

export default async function paymentsBench(ctx) {
  const merchant = generateKeyPair();
  const wallet = generateKeyPair();
  const server = await ctx.startDevServer({
    vars: {
      ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateKey,
      ANTOM_PUBLIC_KEY: wallet.publicKey,
      SANDBOX_MERCHANT_PUBLIC_KEY: merchant.publicKey,
      SANDBOX_PRIVATE_KEY: wallet.privateKey,
    },
  });
  const phones = [];
  try {
    const base = server.baseUrl;
    const notify = notifier(base, wallet.privateKey);
    const store = await benchStore(base, NOTIFY_TABLES + WALLET_TABLES + TEN_TABLES);
    const tables = [...store.tables];
    const seat = async (size) => {
      const party = await Phone.party(base, tables.shift().code, size);
      phones.push(...party);
      await orderRound(party, store.dishIds);
      return party;
    };

    // ---- 1: notification → every diner sees it paid ------------------------------------------
    const applied = []; // { payment, providerId } of every payment that succeeded
    const startLat = [];
    const seenLat = [];
    const ackLat = [];
    const viaWallet = [];
    const echoLat = [];
    for (let t = 0; t < NOTIFY_TABLES + WALLET_TABLES; t++) {
      const party = await seat(DINERS);
      // The baseline, a few per phone (the per-diner message limit stays as in production).
      for (const p of party) echoLat.push(...(await echoes(p, 5)));
      const throughWallet = t >= NOTIFY_TABLES;
      for (const payer of party) {
        const t0 = performance.now();
        const started = await payer.api("POST", "/session/payments", payer.ownItemsPayment());
        startLat.push(performance.now() - t0);
        if (started.status !== 201) throw new Error(`payment: ${started.status} ${JSON.stringify(started.body)}`);
        const { payment, redirectUrl } = started.body;
        const providerId = providerIdOf(redirectUrl);
        applied.push({ payment, providerId });
        let sent;
        if (throughWallet) {
          sent = performance.now();
          const res = await fetch(redirectUrl, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
            body: "choice=approve",
            redirect: "manual",
          });
          if (res.status !== 303) throw new Error(`wallet approve: ${res.status}`);
        } else {
          const init = notify.signed(paymentSucceeded(payment, providerId));
          sent = performance.now();
          await notify.send(init);
          ackLat.push(performance.now() - sent);
        }
        const seen = await Promise.all(party.map((p) => p.paid(payment.id)));
        (throughWallet ? viaWallet : seenLat).push(Math.max(...seen) - sent);
      }
      // Paid in full: every diner is told the session ended as paid.
      await Promise.all(party.map((p) => p.until(() => p.ended?.reason === "paid", "the session ended as paid")));
      for (const p of party) p.close();
    }
    const echo = ctx.summarize(echoLat, 1);
    const seenS = ctx.summarize(seenLat, 1);
    const ackS = ctx.summarize(ackLat, 1);
    const walletS = ctx.summarize(viaWallet, 1);
    const single = ctx.summarize(startLat, 1);
    ctx.report(
      `notification → all ${DINERS} diners see it paid: p50 ${ms(seenS.p50)}, p99 ${ms(seenS.p99)} (${seenS.requests} payments on ${NOTIFY_TABLES} tables); ` +
        `notify answered p50 ${ms(ackS.p50)}; echo through the table object p50 ${ms(echo.p50)} → ${(seenS.p50 / echo.p50).toFixed(1)}x`,
    );
    ctx.report(
      `through the wallet page (approve → its signed delivery → all ${DINERS} see it): p50 ${ms(walletS.p50)}, p99 ${ms(walletS.p99)} (${walletS.requests} payments) → ` +
        `${(walletS.p50 / seenS.p50).toFixed(1)}x the direct notification`,
    );

    // ---- 2: ten guests of one table pay their own items at the same moment --------------------
    const fresh = []; // the pending payments of part 2, with the party that watches them
    const walls = [];
    const eachLat = [];
    const firsts = [];
    for (let t = 0; t < TEN_TABLES; t++) {
      const party = await seat(TEN);
      const bodies = party.map((p) => p.ownItemsPayment());
      const t0 = performance.now();
      const answers = await Promise.all(
        party.map(async (p, i) => {
          const r = await p.api("POST", "/session/payments", bodies[i]);
          eachLat.push(performance.now() - t0);
          return r;
        }),
      );
      walls.push(performance.now() - t0);
      firsts.push(Math.min(...eachLat.slice(-TEN)));
      const refused = answers.filter((a) => a.status !== 201);
      if (refused.length) throw new Error(`ten at once: ${refused.length} not created: ${JSON.stringify(refused[0])}`);
      await checkNoOverlap(party, bodies, answers);
      for (const a of answers) fresh.push({ payment: a.body.payment, providerId: providerIdOf(a.body.redirectUrl), party });
    }
    const wall = ctx.summarize(walls, 1);
    const each = ctx.summarize(eachLat, 1);
    ctx.report(
      `${TEN} guests pay their own items at once: all answered p50 ${ms(wall.p50)}, max ${ms(wall.max)} (${TEN_TABLES} tables); ` +
        `first answered p50 ${ms(ctx.summarize(firsts, 1).p50)}; per request p50 ${ms(each.p50)}, p99 ${ms(each.p99)}; all ${TEN * TEN_TABLES} created (201), no item twice; ` +
        `one payment alone p50 ${ms(single.p50)} → ${(wall.p50 / single.p50).toFixed(1)}x for ten`,
    );

    // ---- 3: the notify endpoint beside /healthz ------------------------------------------------
    const options = { requests: THROUGHPUT_REQUESTS, concurrency: CONCURRENCY, maxSeconds: 120, warmup: WARMUP };
    const health = await ctx.measure(`${base}/healthz`, options);
    // Signed anew each (as the wallet's retries are), just before sending; fresh ones spread evenly.
    const queue = [];
    const every = Math.floor(THROUGHPUT_REQUESTS / fresh.length);
    for (let i = 0, f = 0, d = 0; i < WARMUP + THROUGHPUT_REQUESTS; i++) {
      const isFresh = i >= WARMUP && (i - WARMUP) % every === 0 && f < fresh.length;
      const p = isFresh ? fresh[f++] : applied[d++ % applied.length];
      queue.push({ fresh: isFresh, init: notify.signed(paymentSucceeded(p.payment, p.providerId)) });
    }
    if (queue.filter((q) => q.fresh).length !== fresh.length) throw new Error("not every fresh payment is in the run");
    let next = 0;
    const freshLat = [];
    const dupLat = [];
    const notifyR = await ctx.measure(
      async () => {
        const q = queue[next++];
        const t0 = performance.now();
        await notify.send(q.init);
        if (next > WARMUP) (q.fresh ? freshLat : dupLat).push(performance.now() - t0);
      },
      { ...options, warmup: WARMUP },
    );
    if (notifyR.errors) throw new Error(`${notifyR.errors} notifications not acknowledged`);
    if (next !== queue.length) throw new Error(`sent ${next} of ${queue.length} notifications (time limit?)`);
    // Each fresh payment applied: every diner of its table sees it, and each table closed as paid.
    await Promise.all(fresh.flatMap(({ payment, party }) => party.map((p) => p.paid(payment.id, 10_000))));
    const tens = [...new Set(fresh.map((f) => f.party))];
    await Promise.all(tens.flatMap((party) => party.map((p) => p.until(() => p.ended?.reason === "paid", "the session ended as paid"))));
    const freshS = ctx.summarize(freshLat, 1);
    const dupS = ctx.summarize(dupLat, 1);
    ctx.report(ctx.formatResult("GET /healthz", health));
    ctx.report(ctx.formatResult("POST notify (signed, valid)", notifyR));
    ctx.report(
      `notify / healthz at ${CONCURRENCY} in flight: ${(notifyR.rps / health.rps).toFixed(2)}x throughput, ${(notifyR.p50 / health.p50).toFixed(1)}x p50; ` +
        `${fresh.length} fresh (applied) p50 ${ms(freshS.p50)} p99 ${ms(freshS.p99)}, ${dupS.requests} duplicates p50 ${ms(dupS.p50)} p99 ${ms(dupS.p99)}; ` +
        `every fresh payment seen paid by its ${TEN} diners`,
    );
    ctx.report(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min) on ${availableParallelism()} cores`);

    return {
      seenByAllP50Ms: seenS.p50,
      seenByAllP99Ms: seenS.p99,
      notifyAckP50Ms: ackS.p50,
      tableEchoP50Ms: echo.p50,
      viaWalletP50Ms: walletS.p50,
      viaWalletP99Ms: walletS.p99,
      tenAtOnceWallP50Ms: wall.p50,
      tenAtOnceWallMaxMs: wall.max,
      tenAtOnceEachP50Ms: each.p50,
      tenAtOnceEachP99Ms: each.p99,
      onePaymentP50Ms: single.p50,
      notifyRps: notifyR.rps,
      healthzRps: health.rps,
      notifyVsHealthz: notifyR.rps / health.rps,
    };
  } finally {
    for (const p of phones) p.close();
    await server.stop();
  }
}

const ms = (v) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

/** Round trips of a bare echo through the table object, one in flight. */
async function echoes(phone, count) {
  const lat = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await phone.ok({ type: "echo", data: "x" });
    lat.push(performance.now() - t0);
  }
  return lat;
}

/**
 * The ten payments as the table holds them (the bill a phone reads once all ten are reserved):
 * each reserves exactly its payer's own items at the price shown, no item is in two, and
 * together they are the whole bill.
 */
async function checkNoOverlap(party, bodies, answers) {
  const ids = answers.map((a) => a.body.payment.id);
  const { status, body } = await party[0].api("GET", "/session/bill");
  if (status !== 200 || !body.bill) throw new Error(`bill: ${status}`);
  const { state } = body.bill;
  const seen = new Set();
  for (const [i, id] of ids.entries()) {
    const r = state.reservations.find((x) => x.id === id);
    if (!r) throw new Error(`payment ${id} holds no reservation`);
    const want = [...bodies[i].request.itemIds].sort();
    const got = [...r.cover.itemIds].sort();
    if (r.payerId !== party[i].you || JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`payment ${id} reserved ${got} for ${r.payerId}, asked ${want}`);
    if (r.amount !== bodies[i].shown.amount || answers[i].body.payment.amount !== r.amount) throw new Error(`payment ${id}: ${r.amount} reserved, ${bodies[i].shown.amount} shown`);
    for (const item of got) {
      if (seen.has(item)) throw new Error(`item ${item} is in two payments`);
      seen.add(item);
    }
  }
  const total = state.reservations.filter((r) => ids.includes(r.id)).reduce((s, r) => s + r.amount, 0);
  if (seen.size !== state.bill.lines.length || total !== state.bill.total) throw new Error(`the ten cover ${seen.size}/${state.bill.lines.length} items, ${total}/${state.bill.total}`);
}
