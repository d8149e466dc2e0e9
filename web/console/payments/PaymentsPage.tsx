/** A store's payments on one of its days (in the store's time zone), with a state filter; each opens its bill. */
import { useEffect, useState } from "preact/hooks";
import { http, path } from "../../shared/api";
import { Link, navigate, useLocation } from "../../shared/router";
import type { Store } from "../../shared/types";
import { LoadError, Loading, Notice, PageHead, SelectField, TextField, useAsync } from "../../shared/ui";
import { merchantPath } from "../roles";
import { useMerchant } from "../merchant/context";
import { money, paymentsApi, stateLabel, storeTime, walletName, type PaymentList } from "./model";
import "./payments.css";

const STATES = ["", "succeeded", "partly_refunded", "refunded", "pending", "failed", "cancelled", "created"];

export function PaymentsPage() {
  const { merchant } = useMerchant();
  const { search } = useLocation();
  const stores = useAsync(() => http.get<{ stores: Store[] }>(path`/api/merchants/${merchant.id}/stores`), [merchant.id]);
  const storeId = search.get("store") ?? stores.data?.stores[0]?.id ?? "";
  const day = search.get("day") ?? "";
  const state = search.get("state") ?? "";
  /** Filters live in the address, so a day's list can be linked and Back returns to it. */
  const go = (change: Record<string, string>) => {
    const next = new URLSearchParams({ store: storeId, day, state, ...change });
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    navigate(`${merchantPath(merchant.id, "payments")}?${next}`, { replace: true });
  };

  if (!stores.data) return stores.error ? <LoadError error={stores.error} retry={stores.reload} /> : <Loading />;
  if (!stores.data.stores.length) return <Notice kind="warn">Add a store first.</Notice>;
  return (
    <section class="payments-page">
      <PageHead
        title="Payments"
        appName={merchant.name}
        lead="What guests paid, day by day, in the store's time zone. Open a payment to see its bill, refund it or share the receipt."
        actions={
          storeId ? (
            <Link class="btn" href={merchantPath(merchant.id, `stores/${storeId}/payments`)}>
              Payment settings
            </Link>
          ) : null
        }
      />
      <div class="filters">
        {stores.data.stores.length > 1 ? (
          <SelectField label="Store" value={storeId} onValue={(v) => go({ store: v })} options={stores.data.stores.map((s) => ({ value: s.id, label: s.name }))} />
        ) : null}
        <DayField value={day} onValue={(v) => go({ day: v })} />
        <SelectField label="State" value={state} onValue={(v) => go({ state: v })} options={STATES.map((s) => ({ value: s, label: s ? stateLabel(s).label : "Any state" }))} />
      </div>
      {storeId ? <DayList key={`${storeId}/${day}/${state}`} storeId={storeId} day={day} state={state} onDay={(d) => !day && go({ day: d })} /> : null}
    </section>
  );
}

/** A date input that reports only complete dates. */
function DayField(props: { value: string; onValue: (day: string) => void }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  return (
    <TextField
      label="Day"
      type="date"
      value={text}
      onValue={(v) => {
        setText(v);
        if (/^\d{4}-\d{2}-\d{2}$/.test(v)) props.onValue(v);
      }}
    />
  );
}

function DayList(props: { storeId: string; day: string; state: string; onDay: (day: string) => void }) {
  const { merchant } = useMerchant();
  const query = new URLSearchParams();
  if (props.day) query.set("day", props.day);
  if (props.state) query.set("state", props.state);
  const list = useAsync(() => http.get<PaymentList>(`${paymentsApi.list(merchant.id, props.storeId)}?${query}`), [merchant.id, props.storeId, props.day, props.state]);
  useEffect(() => {
    if (list.data) props.onDay(list.data.day);
  }, [list.data]);

  if (!list.data) return list.error ? <LoadError error={list.error} retry={list.reload} /> : <Loading />;
  const { payments, totals, timeZone } = list.data;
  const c = totals.currency;
  return (
    <>
      <ul class="totals" aria-label="Totals of the day">
        <li>
          <span class="muted small">Paid payments</span>
          <strong>{totals.count}</strong>
        </li>
        <li>
          <span class="muted small">Bills paid</span>
          <strong>{money(totals.paid, c)}</strong>
        </li>
        <li>
          <span class="muted small">Tips</span>
          <strong>{money(totals.tips, c)}</strong>
        </li>
        <li>
          <span class="muted small">Refunded</span>
          <strong>{money(totals.refunded, c)}</strong>
        </li>
        <li>
          <span class="muted small">Times in</span>
          <strong>{timeZone.replace(/_/g, " ")}</strong>
        </li>
      </ul>
      {payments.length === 0 ? (
        <div class="empty">
          <p>No payments {props.state ? `in the state “${stateLabel(props.state).label.toLowerCase()}” ` : ""}on {list.data.day}.</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="data stack-sm">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Table</th>
                <th scope="col">Wallet</th>
                <th scope="col" class="num">Bill part</th>
                <th scope="col" class="num">Tip</th>
                <th scope="col" class="num">Refunded</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="visually-hidden">Bill</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => {
                const s = stateLabel(p.state);
                return (
                  <tr key={p.id}>
                    <td data-label="Time" class="time">{storeTime(p.createdAt, timeZone)}</td>
                    <td data-label="Table">{p.tableName ?? "—"}</td>
                    <td data-label="Wallet">
                      {walletName(p.wallet)}
                      {p.productCode === "IN_STORE_PAYMENT" ? <div class="muted small">Printed bill's code</div> : null}
                    </td>
                    <td data-label="Bill part" class="num">
                      {money(p.amount, p.currency)}
                    </td>
                    <td data-label="Tip" class="num">
                      {money(p.tip, p.currency)}
                    </td>
                    <td data-label="Refunded" class="num">
                      {p.refunded ? money(p.refunded, p.currency) : "—"}
                    </td>
                    <td data-label="State">
                      <span class={`badge ${s.badge}`}>{s.label}</span>
                      {p.failureCode ? <div class="muted small mono">{p.failureCode}</div> : null}
                    </td>
                    <td class="actions">
                      <Link class="btn btn-small" href={merchantPath(merchant.id, `payments/bills/${encodeURIComponent(p.billId)}`)} aria-label={`Open the bill of ${p.tableName ?? "this table"} at ${storeTime(p.createdAt, timeZone)}`}>
                        Bill
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
