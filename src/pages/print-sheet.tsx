import { renderToString } from "preact-render-to-string";
import { stringsFor } from "./strings";
import { tableQrSvg, tableUrl } from "./qr";
import { PRINT_BUTTON_SCRIPT } from "./inline-scripts";

export type Paper = "a4" | "letter";

export interface PrintSheetInput {
  merchantName: string;
  storeName: string;
  languages: string[];
  origin: string;
  paper: Paper;
  tables: { id: string; name: string; area: string; seats: number; code: string }[];
  /** Path of this sheet without the query, for the paper switch links. */
  selfPath: string;
}

/**
 * Six cards per page (2 × 3), each about 9 cm wide with a 4.4–5 cm QR code: scannable from a seat.
 * Three cards and two gaps fit the printable height (A4 273 mm, Letter 10 in), so pages break
 * between rows by themselves (a forced break on a grid item made Chrome add blank pages).
 */
const css = (paper: Paper) => `
@page { size: ${paper === "a4" ? "A4" : "letter"} portrait; margin: ${paper === "a4" ? "12mm" : "0.5in"}; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; background: #f3f4f6; }
.bar { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid #d1d5db; position: sticky; top: 0; }
.bar h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
.bar a, .bar button { display: inline-flex; align-items: center; font: inherit; padding: .5rem .9rem; border-radius: .4rem; border: 1px solid #1f2937; background: #fff; color: #111; text-decoration: none; min-height: 44px; cursor: pointer; }
.bar a[aria-current="true"] { background: #1f2937; color: #fff; }
.bar button { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.sheet { width: ${paper === "a4" ? "186mm" : "7.5in"}; margin: 1rem auto; display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.card { background: #fff; border: 1px dashed #9ca3af; border-radius: 3mm; padding: 5mm; height: ${paper === "a4" ? "86mm" : "3.15in"}; display: flex; flex-direction: column; align-items: center; justify-content: space-between; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.card .store { font-size: 10pt; color: #374151; }
.card .table { font-size: 18pt; font-weight: 700; line-height: 1.1; }
.card .area { font-size: 9pt; color: #4b5563; }
.card svg { width: ${paper === "a4" ? "50mm" : "44mm"}; height: ${paper === "a4" ? "50mm" : "44mm"}; }
.card .cta { font-size: 8.5pt; line-height: 1.25; }
.card .url { font: 7pt ui-monospace, monospace; color: #4b5563; word-break: break-all; }
.empty { text-align: center; padding: 3rem 1rem; }
@media print {
  body { background: #fff; }
  .bar { display: none; }
  .sheet { margin: 0; width: auto; }
}
`;

/** The printable QR sheet of a store's tables (server-rendered; opens from the console). */
export function renderPrintSheet(input: PrintSheetInput): string {
  const ctas = [...new Set(input.languages.map((l) => stringsFor(l).scanToOrder))];
  const body = (
    <html lang={input.languages[0] ?? "en"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`QR codes — ${input.storeName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css(input.paper) }} />
      </head>
      <body>
        <div class="bar">
          <h1>
            {input.merchantName} · {input.storeName}: {input.tables.length} tables
          </h1>
          <span id="paper-label">Paper:</span>
          {(["a4", "letter"] as const).map((p) => (
            <a href={`${input.selfPath}?paper=${p}`} aria-current={p === input.paper ? "true" : undefined} aria-describedby="paper-label">
              {p === "a4" ? "A4" : "Letter"}
            </a>
          ))}
          <button type="button" id="print">
            Print
          </button>
          <script dangerouslySetInnerHTML={{ __html: PRINT_BUTTON_SCRIPT }} />
        </div>
        {input.tables.length === 0 ? (
          <p class="empty">This store has no tables yet. Add tables in the console first.</p>
        ) : (
          <main class="sheet">
            {input.tables.map((t) => {
              const url = tableUrl(input.origin, t.code);
              return (
                <section class="card" aria-label={t.name}>
                  <div>
                    <div class="store">
                      {input.merchantName} · {input.storeName}
                    </div>
                    <div class="table">{t.name}</div>
                    {t.area ? <div class="area">{t.area}</div> : null}
                  </div>
                  <div dangerouslySetInnerHTML={{ __html: tableQrSvg(url, `QR code for ${t.name}`) }} />
                  <div>
                    <div class="cta">
                      {ctas.map((line) => (
                        <div>{line}</div>
                      ))}
                    </div>
                    <div class="url">{url}</div>
                  </div>
                </section>
              );
            })}
          </main>
        )}
      </body>
    </html>
  );
  return "<!doctype html>" + renderToString(body);
}

