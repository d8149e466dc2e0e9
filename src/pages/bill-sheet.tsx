import { renderToString } from "preact-render-to-string";
import type { Bill } from "../domain/payments/bill";
import { formatPrice } from "../domain/menu/money";
import { PRINT_BUTTON_SCRIPT } from "./inline-scripts";
import { tableQrSvg } from "./qr";

export interface BillSheetInput {
  merchantName: string;
  storeName: string;
  tableName: string;
  locale: string;
  bill: Bill;
  /** Already paid towards the bill (by other payments). */
  paid: number;
  /** What the code charges. */
  amount: number;
  codeValue: string;
  expiresAt: number;
  timeZone: string;
}

const css = `
@page { size: 80mm auto; margin: 4mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 90mm; padding: 1rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif; color: #111; }
h1 { font-size: 1.1rem; margin: 0; }
.sub { color: #374151; font-size: .9rem; margin: .2rem 0 1rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
td { padding: .2rem 0; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; padding-left: .5rem; }
tr.sum td { border-top: 1px solid #9ca3af; }
tr.total td { font-weight: 700; font-size: 1.05rem; border-top: 2px solid #111; }
.qr { text-align: center; margin: 1rem 0 .25rem; }
.qr svg { width: 55mm; height: 55mm; }
.cta { text-align: center; font-size: .9rem; }
.exp { text-align: center; font-size: .8rem; color: #4b5563; }
button { font: inherit; padding: .5rem 1rem; min-height: 44px; border-radius: .4rem; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; margin-bottom: 1rem; }
@media print { button { display: none; } }
`;

/** The printed bill for a table: its lines, the totals and the payment QR code (the provider's order code). */
export function renderBillSheet(input: BillSheetInput): string {
  const money = (minor: number) => formatPrice(minor, input.bill.currency, input.locale);
  const b = input.bill;
  const expires = new Intl.DateTimeFormat(input.locale, { timeZone: input.timeZone, hour: "2-digit", minute: "2-digit" }).format(input.expiresAt);
  const page = (
    <html lang={input.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Bill — ${input.tableName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <button type="button" id="print">
          Print
        </button>
        <script dangerouslySetInnerHTML={{ __html: PRINT_BUTTON_SCRIPT }} />
        <h1>{input.merchantName}</h1>
        <p class="sub">
          {input.storeName} · {input.tableName}
        </p>
        <table>
          <tbody>
            {b.lines.map((l) => (
              <tr>
                <td>
                  {l.quantity} × {l.name}
                </td>
                <td class="n">{money(l.amount)}</td>
              </tr>
            ))}
            <tr class="sum">
              <td>Subtotal</td>
              <td class="n">{money(b.subtotal)}</td>
            </tr>
            {b.service > 0 ? (
              <tr>
                <td>Service</td>
                <td class="n">{money(b.service)}</td>
              </tr>
            ) : null}
            {b.tax > 0 ? (
              <tr>
                <td>{b.taxMode.kind === "inclusive" ? `Tax included (${b.taxMode.rateBp / 100} %)` : `Tax (${b.taxMode.rateBp / 100} %)`}</td>
                <td class="n">{money(b.tax)}</td>
              </tr>
            ) : null}
            <tr class="total">
              <td>Total</td>
              <td class="n">{money(b.total)}</td>
            </tr>
            {input.paid > 0 ? (
              <tr>
                <td>Already paid</td>
                <td class="n">−{money(input.paid)}</td>
              </tr>
            ) : null}
            <tr class="total">
              <td>To pay</td>
              <td class="n">{money(input.amount)}</td>
            </tr>
          </tbody>
        </table>
        <div class="qr" dangerouslySetInnerHTML={{ __html: tableQrSvg(input.codeValue, `Payment code for ${money(input.amount)}`) }} />
        <p class="cta">Scan with your wallet app to pay · 用钱包扫码付款 · Scannez pour payer</p>
        <p class="exp">Valid until {expires}</p>
      </body>
    </html>
  );
  return "<!doctype html>" + renderToString(page);
}
