/** The bill of a table in the staff panel: what is paid and by whom, and the printed bill's payment QR. */
import { useState } from "preact/hooks";
import { http } from "../shared/api";
import type { BillView, PaymentView } from "../../src/table/protocol";
import { WALLETS } from "../../src/domain/payments/wallets";
import { money, since } from "./text";

interface BillCode {
  order: { id: string; amount: number; tip: number; currency: string; tableName: string; expiresAt: number };
  codeValue: string | null;
  qrSvg: string;
  /** The printable bill (lines, totals and this QR), served by the Worker. */
  printUrl?: string;
  /** The store's time zone: the code's expiry is shown in it, whatever the device's own. */
  timeZone: string;
}

const PAYMENT_LABEL: Record<PaymentView["status"], string> = {
  created: "Starting",
  pending: "Paying",
  succeeded: "Paid",
  failed: "Declined",
  cancelled: "Cancelled",
  partly_refunded: "Partly refunded",
  refunded: "Refunded",
};

const PAYMENT_PILL: Record<PaymentView["status"], string> = {
  created: "st-i-preparing",
  pending: "st-i-preparing",
  succeeded: "st-i-ok",
  failed: "st-i-call",
  cancelled: "st-i-served",
  partly_refunded: "st-i-served",
  refunded: "st-i-served",
};

export function BillSection(props: { bill: BillView; tableUrl: string; tableName: string; now: number; canRunTables: boolean; run: (fn: () => Promise<unknown>) => Promise<void> }) {
  const b = props.bill;
  const p = b.progress;
  const cur = b.state.bill.currency;
  const [code, setCode] = useState<BillCode | null>(null);
  const [busy, setBusy] = useState(false);
  const makeCode = () =>
    props.run(async () => {
      setBusy(true);
      try {
        setCode(await http.post<BillCode>(`${props.tableUrl}/bill-code`, {}));
      } finally {
        setBusy(false);
      }
    });

  return (
    <section class="st-bill" aria-labelledby="bill-h">
      <h3 id="bill-h">Bill</h3>
      <p class="st-bill-figs">
        <span>
          Total <strong>{money(p.total, cur)}</strong>
        </span>
        <span>
          Paid <strong>{money(p.paid, cur)}</strong>
        </span>
        {p.pending ? (
          <span>
            Being paid <strong>{money(p.pending, cur)}</strong>
          </span>
        ) : null}
        <span>
          Left <strong>{money(p.remaining, cur)}</strong>
        </span>
      </p>
      {b.payments.length ? (
        <ul class="st-rows">
          {b.payments.map((pv) => (
            <li>
              <span>
                {pv.payerId === "staff" ? "Printed bill" : pv.payerName} · {money(pv.amount, cur)}
                {pv.tip ? <span class="muted"> + {money(pv.tip, cur)} tip</span> : null}
                {pv.wallet ? <span class="muted"> · {WALLETS[pv.wallet]?.name ?? pv.wallet}</span> : null}
                <span class="muted"> · {since(pv.settledAt ?? pv.createdAt, props.now)} ago</span>
              </span>
              <span class={`st-pill ${PAYMENT_PILL[pv.status]}`}>{PAYMENT_LABEL[pv.status]}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.canRunTables && p.remaining > 0 ? (
        <button type="button" class="btn" disabled={busy} onClick={makeCode}>
          {busy ? "Making the bill QR…" : "Bill QR"}
        </button>
      ) : null}
      {code ? (
        <div class="st-billqr" role="group" aria-label={`Bill QR for ${props.tableName}`}>
          <p class="st-billqr-title">
            <strong>{code.order.tableName || props.tableName}</strong> · {money(code.order.amount, code.order.currency)}
          </p>
          <img class="st-billqr-img" alt={`Payment QR code for ${money(code.order.amount, code.order.currency)}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`} width={240} height={240} />
          <p class="muted st-billqr-note">Scan with a wallet app to pay. Valid until {new Date(code.order.expiresAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone: code.timeZone })}.</p>
          <span class="st-inline st-noprint">
            {code.printUrl ? (
              <a class="btn btn-primary" href={code.printUrl} target="_blank" rel="noopener">
                Printable bill
              </a>
            ) : null}
            <button type="button" class={`btn${code.printUrl ? "" : " btn-primary"}`} onClick={() => print()}>
              Print the QR
            </button>
            <button type="button" class="btn" onClick={() => setCode(null)}>
              Hide
            </button>
          </span>
        </div>
      ) : null}
    </section>
  );
}
