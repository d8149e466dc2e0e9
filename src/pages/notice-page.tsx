import { renderToString } from "preact-render-to-string";
import { Document } from "./menu-page";
import type { MerchantContext } from "./context";
import { stringsFor } from "./strings";
import { themeOf } from "./theme";

export type NoticeKind = "unknown" | "retired" | "suspended" | "closed";

/** A clear page, in the guest's language and the restaurant's colours when known, for what cannot be shown. */
export function renderNotice(kind: NoticeKind, lang: string, merchant?: MerchantContext | null, storeName?: string): string {
  const s = stringsFor(lang);
  const theme = themeOf(merchant?.branding ?? {});
  const texts: Record<NoticeKind, [string, string]> = {
    unknown: [s.unknownTitle, s.unknownBody],
    retired: [s.retiredTitle, s.retiredBody],
    suspended: [s.suspendedTitle, s.suspendedBody],
    closed: [s.closedTitle, s.closedBody],
  };
  const [title, body] = texts[kind];
  const where = merchant ? [merchant.name, storeName && storeName !== merchant.name ? storeName : ""].filter(Boolean).join(" · ") : "";
  return (
    "<!doctype html>" +
    renderToString(
      <Document lang={lang} title={where ? `${title} · ${where}` : title} accent={theme.accent} soft={theme.soft}>
        <main class="wrap notice">
          {where ? <p class="sub">{where}</p> : null}
          <h1>{title}</h1>
          <p>{body}</p>
        </main>
        <footer>{s.poweredBy}</footer>
      </Document>,
    )
  );
}
