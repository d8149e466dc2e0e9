import { renderToString } from "preact-render-to-string";
import type { BillView, PaymentRow, RefundRow } from "../api/payments-console";
import { formatPrice } from "../domain/menu/money";
import { WALLETS, isWalletType } from "../domain/payments/wallets";
import { PRINT_BUTTON_SCRIPT } from "./inline-scripts";
import { receiptStrings } from "./receipt-strings";

export interface ReceiptInput {
  lang: string;
  merchantName: string;
  store: { name: string; address: string; timeZone: string };
  bill: BillView;
  payments: PaymentRow[];
  refunds: RefundRow[];
  /** One guest's payment of the bill: its own receipt, above the whole bill. */
  paymentId?: string;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#111;background:#f3f4f6}
main{max-width:420px;margin:16px auto;background:#fff;padding:20px 18px;border:1px solid #d1d5db;border-radius:8px}
h1{font-size:1.3rem;margin:0 0 2px;text-align:center}
h2{font-size:1rem;margin:18px 0 6px;border-bottom:1px solid #111;padding-bottom:2px}
.c{text-align:center;margin:0;color:#374151}
.meta{margin:12px 0 0;display:grid;grid-template-columns:auto 1fr;gap:0 12px}
.meta dt{color:#4b5563}.meta dd{margin:0;text-align:right;min-width:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;margin-top:12px}
th,td{padding:3px 0;vertical-align:top}
th{font-weight:600;text-align:left;border-bottom:1px solid #111}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.q{width:3em}
tfoot tr:first-child td{border-top:1px dashed #9ca3af}
tr.sum td{font-weight:700;border-top:1px solid #111}
.muted{color:#4b5563;font-size:.9em}
.bar{max-width:420px;margin:16px auto 0;display:flex;justify-content:flex-end}
.bar button{font:inherit;min-height:44px;padding:0 18px;border-radius:8px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
.bar button:focus-visible{outline:3px solid #111;outline-offset:2px}
@media print{body{background:#fff}.bar{display:none}main{border:0;margin:0 auto;padding:0}}
`;

const percent = (bp: number, lang: string) => new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 2 }).format(bp / 10_000);
const walletName = (type: string) => (isWalletType(type) ? WALLETS[type].name : type);
const CAPTURED = new Set(["succeeded", "partly_refunded", "refunded"]);

/** Whether a payment took money, so has a receipt of its own. */
export const hasReceipt = (p: Pick<PaymentRow, "state">) => CAPTURED.has(p.state);

/**
 * The printable receipt of a bill (items, service, tax, tips, payments and refunds, times in the
 * store's zone) or of one payment of it: what that guest paid, tipped and got back, then the bill.
 */
export function renderReceipt(input: ReceiptInput): string {
  const { lang, bill, store } = input;
  const t = receiptStrings(lang);
  const money = (minor: number) => formatPrice(minor, bill.currency, lang);
  const time = (ms: number | null) => (ms ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: store.timeZone }).format(new Date(ms)) : "—");
  const paid = input.payments.filter((p) => CAPTURED.has(p.state));
  const refunds = input.refunds.filter((r) => r.state !== "failed");
  const totalPaid = paid.reduce((s, p) => s + p.charged, 0);
  const totalRefunded = refunds.filter((r) => r.state === "succeeded").reduce((s, r) => s + r.amount, 0);
  const due = Math.max(0, bill.total - bill.paid);
  const mine = input.paymentId === undefined ? null : (paid.find((p) => p.id === input.paymentId) ?? null);
  const myRefunds = mine ? refunds.filter((r) => r.paymentId === mine.id) : [];
  const myRefunded = myRefunds.filter((r) => r.state === "succeeded").reduce((s, r) => s + r.amount, 0);
  const row = (label: string, amount: string, cls = "") => (
    <tr class={cls}>
      <td colSpan={2}>{label}</td>
      <td class="n">{amount}</td>
    </tr>
  );

  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${mine ? t.paymentTitle : t.title} · ${input.merchantName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <div class="bar">
          <button type="button" id="print">
            {t.print}
          </button>
          <script dangerouslySetInnerHTML={{ __html: PRINT_BUTTON_SCRIPT }} />
        </div>
        <main>
          <h1>{input.merchantName}</h1>
          <p class="c">{store.name}</p>
          {store.address ? <p class="c muted">{store.address}</p> : null}
          {mine ? (
            <section aria-labelledby="this-payment">
              <h2 id="this-payment">{t.thisPayment}</h2>
              <dl class="meta">
                <dt>{t.paidWith}</dt>
                <dd>{walletName(mine.wallet)}</dd>
                <dt>{t.reference}</dt>
                <dd>{mine.providerPaymentId ?? mine.id}</dd>
                <dt>{t.paidAt}</dt>
                <dd>{time(mine.settledAt ?? mine.createdAt)}</dd>
              </dl>
              <table>
                <tbody>
                  {row(t.towardsBill, money(mine.amount))}
                  {mine.tip > 0 ? row(t.tipLine, money(mine.tip)) : null}
                  {row(t.charged, money(mine.charged), "sum")}
                  {myRefunds.map((r) => row(`${t.refund}${r.state === "succeeded" ? "" : ` (${t.processing})`}${r.reason ? ` · ${r.reason}` : ""}`, `−${money(r.amount)}`))}
                  {myRefunded > 0 ? row(t.net, money(mine.charged - myRefunded), "sum") : null}
                </tbody>
              </table>
              <h2>{t.wholeBill}</h2>
            </section>
          ) : null}
          <dl class="meta">
            <dt>{mine ? t.bill : t.title}</dt>
            <dd>
              {t.bill} {bill.billNo}
            </dd>
            {bill.tableName ? (
              <>
                <dt>{t.table}</dt>
                <dd>{bill.tableName}</dd>
              </>
            ) : null}
            <dt>{t.opened}</dt>
            <dd>{time(bill.openedAt)}</dd>
            {bill.closedAt ? (
              <>
                <dt>{t.closed}</dt>
                <dd>{time(bill.closedAt)}</dd>
              </>
            ) : null}
          </dl>
          <table>
            <thead>
              <tr>
                <th class="q">{t.qty}</th>
                <th>{t.item}</th>
                <th class="n">{t.amount}</th>
              </tr>
            </thead>
            <tbody>
              {bill.lines.map((l) => (
                <tr>
                  <td class="q">{l.quantity}</td>
                  <td>{l.name}</td>
                  <td class="n">{money(l.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {row(t.subtotal, money(bill.subtotal))}
              {bill.service > 0 ? row(t.service(percent(bill.serviceBp, lang)), money(bill.service)) : null}
              {bill.taxMode === "added" ? row(t.taxAdded(percent(bill.taxRateBp, lang)), money(bill.tax)) : null}
              {row(t.total, money(bill.total), "sum")}
              {bill.taxMode === "inclusive" && bill.taxRateBp > 0 ? row(t.taxIncluded(percent(bill.taxRateBp, lang)), money(bill.tax), "muted") : null}
            </tfoot>
          </table>

          <h2>{t.payments}</h2>
          {paid.length === 0 ? (
            <p class="muted">{t.noPayments}</p>
          ) : (
            <table>
              <tbody>
                {paid.map((p) => (
                  <tr>
                    <td>
                      {t.paidWith} {walletName(p.wallet)}
                      {p.id === mine?.id ? <strong>{` (${t.yours})`}</strong> : null}
                      <div class="muted">
                        {time(p.settledAt ?? p.createdAt)}
                        {p.tip > 0 ? ` · ${t.tip} ${money(p.tip)}` : ""}
                      </div>
                    </td>
                    <td class="n">{money(p.charged)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          {refunds.length > 0 ? (
            <>
              <h2>{t.refunds}</h2>
              <table>
                <tbody>
                  {refunds.map((r) => (
                    <tr>
                      <td>
                        {t.refund}
                        {r.state === "succeeded" ? "" : ` (${t.processing})`}
                        <div class="muted">
                          {time(r.settledAt ?? r.createdAt)}
                          {r.reason ? ` · ${r.reason}` : ""}
                        </div>
                      </td>
                      <td class="n">−{money(r.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}

          <table>
            <tbody>
              {bill.tips > 0 ? row(t.tips, money(bill.tips)) : null}
              {row(t.totalPaid, money(totalPaid))}
              {totalRefunded > 0 ? row(t.totalRefunded, `−${money(totalRefunded)}`) : null}
              {totalRefunded > 0 ? row(t.net, money(totalPaid - totalRefunded), "sum") : null}
              {due > 0 && bill.status !== "paid" ? row(t.due, money(due), "sum") : null}
            </tbody>
          </table>
          <p class="c" style="margin-top:16px">{t.thanks}</p>
          <p class="c muted">{t.times(store.timeZone)}</p>
        </main>
      </body>
    </html>
  );
  return "<!doctype html>" + renderToString(page);
}

/** The same page's answer to a link that does not verify or names no bill. */
export function renderReceiptNotFound(lang: string): string {
  const t = receiptStrings(lang);
  return (
    "<!doctype html>" +
    renderToString(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{t.notFoundTitle}</title>
          <style dangerouslySetInnerHTML={{ __html: CSS }} />
        </head>
        <body>
          <main>
            <h1>{t.notFoundTitle}</h1>
            <p class="c">{t.notFoundBody}</p>
          </main>
        </body>
      </html>,
    )
  );
}
