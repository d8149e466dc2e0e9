import { renderToString } from "preact-render-to-string";
import { Document } from "./menu-page";
import type { MerchantContext } from "./context";
import { stringsFor } from "./strings";
import { themeOf } from "./theme";
import { Cover, Logo } from "./images";
import { languageName } from "../domain/menu/i18n";

/** /m/<slug> of a merchant with several stores: pick a store. */
export function renderStoreList(merchant: MerchantContext, lang: string): string {
  const s = stringsFor(lang);
  const theme = themeOf(merchant.branding);
  return (
    "<!doctype html>" +
    renderToString(
      <Document lang={lang} title={`${merchant.name} · ${s.stores}`} accent={theme.accent} soft={theme.soft}>
        <header class="top">
          <Cover merchantId={merchant.id} branding={merchant.branding} />
          <div class="wrap">
            <div class="brand">
              <Logo merchantId={merchant.id} branding={merchant.branding} />
              <h1>{merchant.name}</h1>
            </div>
            {merchant.languages.length > 1 ? (
              <nav aria-label={s.language}>
                <ul class="langs">
                  {merchant.languages.map((l) => (
                    <li>
                      <a href={`?lang=${encodeURIComponent(l)}`} hreflang={l} lang={l} aria-current={l === lang ? "true" : undefined}>
                        {languageName(l)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <main class="wrap">
          <h2 style="margin-top:16px">{s.stores}</h2>
          <ul class="stores">
            {merchant.stores.map((st) => (
              <li>
                <a href={`/m/${merchant.slug}/${st.slug}`}>
                  <strong>{st.name}</strong>
                  {st.address ? <span>{st.address}</span> : null}
                  {st.status === "closed" ? <span class="state">{s.closedTitle}</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </main>
        <footer>{s.poweredBy}</footer>
      </Document>,
    )
  );
}
