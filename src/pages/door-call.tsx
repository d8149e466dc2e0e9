import { renderToString } from "preact-render-to-string";
import { Document } from "./menu-page";
import type { MerchantContext } from "./context";
import { doorCallStrings } from "./door-call-strings";
import { stringsFor } from "./strings";
import { themeOf } from "./theme";

/** The answer to the no-JavaScript "call a waiter" form: told, or called too often; a link back to the menu. */
export function renderDoorCall(told: boolean, lang: string, merchant: MerchantContext, code: string): string {
  const d = doorCallStrings(lang);
  const theme = themeOf(merchant.branding);
  const [title, body] = told ? [d.doneTitle, d.doneBody] : [d.busyTitle, d.busyBody];
  return (
    "<!doctype html>" +
    renderToString(
      <Document lang={lang} title={`${title} · ${merchant.name}`} accent={theme.accent} soft={theme.soft}>
        <main class="wrap notice">
          <p class="sub">{merchant.name}</p>
          <h1>{title}</h1>
          <p>{body}</p>
          <p>
            <a class="btn" href={`/q/${code}`}>
              {d.back}
            </a>
          </p>
        </main>
        <footer>{stringsFor(lang).poweredBy}</footer>
      </Document>,
    )
  );
}
