import { renderToString } from "preact-render-to-string";
import { formatPrice } from "../../domain/menu/money";
import { Document } from "../../pages/menu-page";
import type { WalletView } from "./wallet-object";

const ACCENT = "#5b21b6";
const SOFT = "#f3effc";

/**
 * Deliberately unlike any real wallet: a violet card under a striped "SANDBOX" band that says
 * no money moves. 360 px first, 48 px buttons, plain forms (no script), visible focus.
 */
const WALLET_CSS = `
body{background:${SOFT}}
.band{background:repeating-linear-gradient(-45deg,#facc15 0 14px,#1a1a1a 14px 28px);padding:6px 0;text-align:center}
.band span{display:inline-block;background:#1a1a1a;color:#facc15;font-weight:800;letter-spacing:.12em;padding:2px 10px;border-radius:4px}
.wallet{max-width:440px;margin:16px auto;padding:0 16px}
.card{background:#fff;border:2px dashed ${ACCENT};border-radius:16px;padding:20px 16px}
.card h1{font-size:1.25rem;color:${ACCENT};margin-bottom:4px}
.payee{margin:12px 0 0;color:#3a3a3a}
.sum{font-size:2rem;font-weight:800;margin:4px 0 0;overflow-wrap:anywhere}
.what{margin:4px 0 0;color:#4a4a4a;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:16px 0 0;color:#3a3a3a}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.choices{display:flex;flex-direction:column;gap:10px;margin:20px 0 0}
.choices button{min-height:48px;border-radius:12px;font:inherit;font-weight:700;cursor:pointer;width:100%}
.approve{background:${ACCENT};color:#fff;border:2px solid ${ACCENT}}
.decline{background:#fff;color:#8a1414;border:2px solid #8a1414}
.status{margin:16px 0 0;padding:12px;border-radius:12px;font-weight:600}
.status.ok{background:#e7f6ec;color:#14532d}.status.no{background:#fde8e8;color:#8a1414}
.note{margin:16px 0 0;color:#4a4a4a;font-size:.95rem}
`.replace(/\n/g, "");

const STATUS_TEXT: Record<WalletView["status"], string> = {
  PROCESSING: "Waiting for your choice.",
  SUCCESS: "Paid. The merchant is being told.",
  FAIL: "Not paid.",
  CANCELLED: "Cancelled by the merchant.",
};

function deliveryText(view: WalletView): string | null {
  const n = view.notifications.at(-1);
  if (!n) return null;
  if (n.delivered_at !== null) return `Notification delivered to the merchant (attempt ${n.attempts}).`;
  if (n.next_at === null) return `The merchant never acknowledged the notification (${n.attempts} attempts).`;
  return `Notifying the merchant… (${n.attempts} attempt${n.attempts === 1 ? "" : "s"} so far${n.last_error ? `; last: ${n.last_error.slice(0, 80)}` : ""})`;
}

/** The wallet page at normalUrl (and the printed order code): approve or decline, or the outcome. */
export function renderWalletPage(view: WalletView, now = Date.now()): string {
  const amount = formatPrice(view.amount.value, view.amount.currency, "en");
  const open = view.status === "PROCESSING";
  const delivery = deliveryText(view);
  const minutesLeft = Math.max(0, Math.ceil((view.expiresAt - now) / 60_000));
  return (
    "<!doctype html>" +
    renderToString(
      <Document lang="en" title={`Sandbox wallet · Pay ${amount} to ${view.merchantName}`} accent={ACCENT} soft={SOFT}>
        <style dangerouslySetInnerHTML={{ __html: WALLET_CSS }} />
        <div class="band" role="note">
          <span>SANDBOX</span>
        </div>
        <main class="wallet">
          <section class="card" aria-labelledby="wallet-title">
            <h1 id="wallet-title">Sandbox wallet</h1>
            <p class="payee">
              Pay <strong>{view.merchantName}</strong>
            </p>
            <p class="sum">{amount}</p>
            <p class="what">{view.description}</p>
            <dl class="facts">
              <dt>Method</dt>
              <dd>{view.methodType}</dd>
              <dt>Payment</dt>
              <dd>{view.paymentId}</dd>
              {open ? (
                <>
                  <dt>Expires</dt>
                  <dd>in {minutesLeft} min</dd>
                </>
              ) : null}
            </dl>
            {open ? (
              <form method="post" class="choices">
                <button class="approve" type="submit" name="choice" value="approve">
                  Approve {amount}
                </button>
                <button class="decline" type="submit" name="choice" value="decline">
                  Decline
                </button>
              </form>
            ) : (
              <p class={`status ${view.status === "SUCCESS" ? "ok" : "no"}`} role="status">
                {STATUS_TEXT[view.status]}
                {view.status === "FAIL" && view.resultMessage ? ` ${view.resultMessage}` : ""}
              </p>
            )}
            {delivery ? <p class="note">{delivery}</p> : null}
            {!open && view.redirectUrl && /^https?:/.test(view.redirectUrl) ? (
              <p class="note">
                <a href={view.redirectUrl}>Back to the merchant</a>
              </p>
            ) : null}
          </section>
          <p class="note">
            A development wallet built into Tableside. It speaks the provider's protocol, and no money moves. It does not exist in
            production.
          </p>
        </main>
      </Document>,
    )
  );
}
