/** One bill: its dishes and totals, payments with their states, refunds, the notifications received, the receipt and the refund action. */
import { useState } from "preact/hooks";
import { http } from "../../shared/api";
import { Link } from "../../shared/router";
import { errorMessage, LoadError, Loading, Notice, PageHead, useAsync } from "../../shared/ui";
import { merchantPath } from "../roles";
import { useMerchant } from "../merchant/context";
import { money, paymentsApi, stateLabel, storeTime, walletName, type BillDetail, type RefundRow } from "./model";
import { RefundForm, type RefundPreset } from "./RefundForm";
import "./payments.css";

export function BillPage(props: { billId: string }) {
  const { merchant } = useMerchant();
  const detail = useAsync(() => http.get<BillDetail>(paymentsApi.bill(merchant.id, props.billId)), [merchant.id, props.billId]);
  const [preset, setPreset] = useState<RefundPreset | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error" | "warn"; text: string } | null>(null);
  const back = (
    <Link class="btn" href={merchantPath(merchant.id, "payments")}>
      All payments
    </Link>
  );

  if (!detail.data)
    return (
      <section>
        <PageHead title="Bill" appName={merchant.name} actions={back} />
        {detail.error ? <LoadError error={detail.error} retry={detail.reload} /> : <Loading />}
      </section>
    );
  const { bill, payments, refunds, notifications, timeZone, receiptUrl, paymentReceipts } = detail.data;
  const c = bill.currency;
  const refundable = payments.filter((p) => p.refundable > 0);
  const openRefund = (p: RefundPreset) => {
    setMessage(null);
    setPreset(p);
  };

  async function inquire(r: RefundRow) {
    try {
      const res = await http.post<{ refund: RefundRow }>(paymentsApi.inquiry(merchant.id, r.refundRequestId));
      setMessage({ kind: "ok", text: `The provider says: ${stateLabel(res.refund.state).label.toLowerCase()}.` });
      detail.reload();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e) });
    }
  }

  return (
    <section class="payments-page">
      <PageHead
        title={`Bill ${bill.billNo} · ${bill.tableName ?? "table"}`}
        appName={merchant.name}
        lead={`Opened ${storeTime(bill.openedAt, timeZone, true)}${bill.closedAt ? `, closed ${storeTime(bill.closedAt, timeZone, true)}` : ""} (${timeZone.replace(/_/g, " ")}).`}
        actions={
          <>
            <a class="btn" href={receiptUrl} target="_blank" rel="noopener">
              Open receipt
            </a>
            {back}
          </>
        }
      />
      {message ? (
        <Notice kind={message.kind} role={message.kind === "error" ? "alert" : "status"}>
          <p>{message.text}</p>
        </Notice>
      ) : null}

      <section class="card" aria-labelledby="bill-items">
        <h2 id="bill-items">
          Dishes <span class={`badge ${bill.status === "paid" ? "badge-ok" : "badge-off"}`}>{bill.status === "paid" ? "Paid" : bill.status === "partly_paid" ? "Partly paid" : "Open"}</span>
        </h2>
        <div class="table-wrap">
          <table class="data stack-sm">
            <thead>
              <tr>
                <th scope="col">Dish</th>
                <th scope="col" class="num">Qty</th>
                <th scope="col" class="num">Listed</th>
                <th scope="col" class="num">With service and tax</th>
                <th scope="col">
                  <span class="visually-hidden">Refund</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bill.lines.map((l) => (
                <tr key={l.itemId}>
                  <td data-label="Dish">{l.name}</td>
                  <td data-label="Qty" class="num">
                    {l.quantity}
                  </td>
                  <td data-label="Listed" class="num">
                    {money(l.amount, c)}
                  </td>
                  <td data-label="With service, tax" class="num">
                    {money(l.due, c)}
                  </td>
                  <td class="actions">
                    {refundable.length ? (
                      <button type="button" class="btn btn-small" onClick={() => openRefund({ paymentId: refundable[0]!.id, amount: l.due, reason: `${l.quantity} × ${l.name}` })} aria-label={`Refund ${l.name}`}>
                        Refund dish
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="bill-sums" style={{ marginTop: "0.75rem" }}>
          <div>
            <span>Subtotal</span>
            <span>{money(bill.subtotal, c)}</span>
          </div>
          {bill.service ? (
            <div>
              <span>Service ({bill.serviceBp / 100} %)</span>
              <span>{money(bill.service, c)}</span>
            </div>
          ) : null}
          <div class={bill.taxMode === "inclusive" ? "muted" : ""}>
            <span>{bill.taxMode === "inclusive" ? `Tax included (${bill.taxRateBp / 100} %)` : `Tax (${bill.taxRateBp / 100} %)`}</span>
            <span>{money(bill.tax, c)}</span>
          </div>
          <div class="total">
            <span>Total</span>
            <span>{money(bill.total, c)}</span>
          </div>
          <div>
            <span>Paid</span>
            <span>{money(bill.paid, c)}</span>
          </div>
          <div>
            <span>Tips</span>
            <span>{money(bill.tips, c)}</span>
          </div>
          <div>
            <span>Refunded</span>
            <span>{money(bill.refunded, c)}</span>
          </div>
        </div>
      </section>

      <section class="card" aria-labelledby="bill-payments">
        <h2 id="bill-payments">Payments</h2>
        {payments.length === 0 ? (
          <p class="muted">No payment yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="data stack-sm">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Wallet</th>
                  <th scope="col" class="num">Bill part</th>
                  <th scope="col" class="num">Tip</th>
                  <th scope="col" class="num">Refunded</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Receipt and refund</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr key={p.id}>
                    <td data-label="Time" class="time">{storeTime(p.settledAt ?? p.createdAt, timeZone)}</td>
                    <td data-label="Wallet">
                      {walletName(p.wallet)}
                      <div class="muted mono id">{p.id}</div>
                    </td>
                    <td data-label="Bill part" class="num">
                      {money(p.amount, p.currency)}
                    </td>
                    <td data-label="Tip" class="num">
                      {money(p.tip, p.currency)}
                    </td>
                    <td data-label="Refunded" class="num">
                      {money(p.refunded, p.currency)}
                    </td>
                    <td data-label="State">
                      <span class={`badge ${stateLabel(p.state).badge}`}>{stateLabel(p.state).label}</span>
                      {p.failureCode ? <div class="muted small mono">{p.failureCode}</div> : null}
                    </td>
                    <td class="actions">
                      <div class="row">
                        {paymentReceipts[p.id] ? (
                          <a class="btn btn-small" href={paymentReceipts[p.id]} target="_blank" rel="noopener" aria-label={`Receipt of the ${walletName(p.wallet)} payment of ${money(p.charged, p.currency)}`}>
                            Receipt
                          </a>
                        ) : null}
                        {p.refundable > 0 ? (
                          <button type="button" class="btn btn-small" onClick={() => openRefund({ paymentId: p.id, amount: p.refundable, reason: "" })}>
                            Refund…
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {preset ? (
          <RefundForm
            key={`${preset.paymentId}/${preset.amount}/${preset.reason}`}
            payments={refundable}
            lines={bill.lines}
            preset={preset}
            onCancel={() => setPreset(null)}
            onDone={(r) => {
              setPreset(null);
              setMessage(
                r.state === "succeeded"
                  ? { kind: "ok", text: `Refunded ${money(r.amount, r.currency)}.` }
                  : r.state === "failed"
                    ? { kind: "error", text: `The provider refused the refund (${r.failureCode ?? "failed"}). Nothing was refunded.` }
                    : { kind: "warn", text: `The refund of ${money(r.amount, r.currency)} is being processed by the provider. Check its status below in a moment.` },
              );
              detail.reload();
            }}
          />
        ) : null}
      </section>

      <section class="card" aria-labelledby="bill-refunds">
        <h2 id="bill-refunds">Refunds</h2>
        {refunds.length === 0 ? (
          <p class="muted">No refund.</p>
        ) : (
          <div class="table-wrap">
            <table class="data stack-sm">
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col" class="num">Amount</th>
                  <th scope="col">Reason</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Status</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {refunds.map((r) => (
                  <tr key={r.refundRequestId}>
                    <td data-label="Asked">{storeTime(r.createdAt, timeZone, true)}</td>
                    <td data-label="Amount" class="num">
                      {money(r.amount, r.currency)}
                    </td>
                    <td data-label="Reason">{r.reason || "—"}</td>
                    <td data-label="State">
                      <span class={`badge ${stateLabel(r.state).badge}`}>{r.state === "succeeded" ? "Refunded" : r.state === "failed" ? "Failed" : "Processing"}</span>
                      {r.failureCode ? <div class="muted small mono">{r.failureCode}</div> : null}
                    </td>
                    <td class="actions">
                      {r.state === "pending" || r.state === "requested" ? (
                        <button type="button" class="btn btn-small" onClick={() => inquire(r)}>
                          Check status
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="bill-notifications">
        <h2 id="bill-notifications">Notifications received</h2>
        {notifications.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ul class="stack" style={{ listStyle: "none", padding: 0 }}>
            {notifications.map((n) => (
              <li key={n.id}>
                <details>
                  <summary>
                    {storeTime(n.receivedAt, timeZone, true)} · {n.notifyType ?? "unknown"} ·{" "}
                    <span class={`badge ${n.verdict === "accepted" ? "badge-ok" : n.verdict === "rejected" ? "badge-danger" : ""}`}>{n.verdict}</span>
                    {n.rejectReason ? <span class="muted small"> {n.rejectReason}</span> : null}
                  </summary>
                  <pre class="raw">{n.rawBody}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
