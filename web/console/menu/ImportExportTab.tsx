/** Download the whole menu as JSON, or replace it with a JSON document. */
import { useState } from "preact/hooks";
import { api, ApiError, type ApiIssue } from "../../shared/api";
import { ConfirmButton, errorMessage, Notice } from "../../shared/ui";
import { menuPath } from "./model";

export function ImportExportTab(props: { merchantId: string; onImported: () => void }) {
  const [text, setText] = useState("");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string; issues?: ApiIssue[] } | null>(null);

  async function download() {
    setStatus(null);
    try {
      const doc = await api<unknown>("GET", menuPath(props.merchantId, "/export"));
      const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `menu-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setStatus({ kind: "error", text: errorMessage(e) });
    }
  }

  async function readFile(file: File | undefined) {
    if (file) setText(await file.text());
  }

  async function importNow() {
    setStatus(null);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      setStatus({ kind: "error", text: "This is not valid JSON. Paste or choose a file exported from Tableside." });
      return;
    }
    try {
      const res = await api<{ categories: number; dishes: number }>("POST", menuPath(props.merchantId, "/import"), doc);
      setStatus({ kind: "ok", text: `Menu replaced: ${res.categories} categories, ${res.dishes} dishes.` });
      setText("");
      props.onImported();
    } catch (e) {
      const issues = e instanceof ApiError ? e.details?.issues : undefined;
      setStatus({ kind: "error", text: issues?.length ? "The document was not imported; nothing changed. Fix these places:" : errorMessage(e), issues });
    }
  }

  return (
    <div class="stack">
      <section class="card">
        <h2>Export</h2>
        <p>The whole menu (categories, dishes, options, translations, time windows) as one JSON file. Use it as a backup or to copy a menu to another restaurant.</p>
        <button type="button" class="btn" onClick={download}>
          Download menu.json
        </button>
      </section>
      <section class="card">
        <h2>Import</h2>
        <p>
          Importing <strong>replaces the whole menu</strong>. It is all or nothing: if one dish is wrong, nothing changes and the problem is listed below.
        </p>
        <div class="field">
          <label for="menu-file">Choose a JSON file</label>
          <input id="menu-file" type="file" accept="application/json,.json" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
        </div>
        <div class="field">
          <label for="menu-json">…or paste the JSON</label>
          <textarea id="menu-json" rows={8} class="mono" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <div class="form-actions">
          {text.trim() ? (
            <ConfirmButton label="Replace the menu" confirmLabel="Yes, replace it" question="Replace every category and dish?" onConfirm={importNow} small={false} />
          ) : (
            <button type="button" class="btn" disabled>
              Replace the menu
            </button>
          )}
        </div>
      </section>
      {status ? (
        <Notice kind={status.kind} role={status.kind === "error" ? "alert" : "status"}>
          <p>{status.text}</p>
          {status.issues?.length ? (
            <ul>
              {status.issues.slice(0, 20).map((i) => (
                <li key={i.path}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
