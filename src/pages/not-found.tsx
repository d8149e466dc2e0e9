import { renderToString } from "preact-render-to-string";
import { Document } from "./menu-page";
import { DEFAULT_ACCENT, softTint } from "./theme";

/** The HTML 404 for any unknown page. */
export function renderNotFoundPage(): string {
  return (
    "<!doctype html>" +
    renderToString(
      <Document lang="en" title="Page not found" accent={DEFAULT_ACCENT} soft={softTint(DEFAULT_ACCENT)}>
        <main class="wrap notice">
          <h1>Page not found</h1>
          <p>There is nothing at this address. If you scanned a table code, ask the staff for a new one.</p>
        </main>
      </Document>,
    )
  );
}
