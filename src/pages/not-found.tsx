import { renderToString } from "preact-render-to-string";

export function renderNotFoundPage(): string {
  return "<!doctype html>" + renderToString(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Page not found</title>
      </head>
      <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
        <h1>Page not found</h1>
        <p>There is nothing at this address. If you scanned a table code, ask the staff for a new one.</p>
      </body>
    </html>,
  );
}
