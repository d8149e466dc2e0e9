/** Every guest-visible text in a table, one column per language, saved in one go. */
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, ApiError } from "../../shared/api";
import { languageName } from "../../shared/format";
import { errorMessage, Notice } from "../../shared/ui";
import { label, menuPath, type EditorMenu, type Text } from "./model";

type Kind = "category" | "dish" | "option_group" | "option";
interface Row {
  key: string;
  kind: Kind;
  id: string;
  field: "name" | "description";
  text: Text;
  /** Where it belongs, e.g. "Noodles › Beef noodles › Size". */
  where: string;
  what: string;
}

function rowsOf(menu: EditorMenu): Row[] {
  const L = (t: Text) => label(t, menu.languages);
  const rows: Row[] = [];
  const push = (kind: Kind, id: string, field: "name" | "description", text: Text, where: string, what: string) =>
    rows.push({ key: `${kind}:${id}:${field}`, kind, id, field, text, where, what });
  for (const c of menu.categories) {
    push("category", c.id, "name", c.name, "", "Category");
    push("category", c.id, "description", c.description, L(c.name), "Category description");
    for (const d of c.dishes) {
      push("dish", d.id, "name", d.name, L(c.name), "Dish");
      push("dish", d.id, "description", d.description, `${L(c.name)} › ${L(d.name)}`, "Description");
      for (const g of d.optionGroups) {
        push("option_group", g.id, "name", g.name, `${L(d.name)}`, "Option group");
        for (const o of g.options) push("option", o.id, "name", o.name, `${L(d.name)} › ${L(g.name)}`, "Option");
      }
    }
  }
  return rows;
}

export function TranslationsTab(props: { merchantId: string; menu: EditorMenu; onSaved: () => void }) {
  const { menu } = props;
  const rows = useMemo(() => rowsOf(menu), [menu]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const value = (row: Row, lang: string) => edits[`${row.key}:${lang}`] ?? row.text[lang] ?? "";
  // Which rows show is decided by the saved texts, never by what is being typed: a row that
  // stopped "missing" at the first keystroke used to vanish mid-word (typing "Plats" saved "P").
  // Rows with unsaved typing stay until they are saved.
  const saved = (row: Row, lang: string) => (row.text[lang] ?? "").trim();
  const missing = (row: Row) => menu.languages.some((l) => saved(row, l)) && menu.languages.some((l) => !saved(row, l));
  const typedIn = new Set(Object.keys(edits).map((k) => k.slice(0, k.lastIndexOf(":"))));
  const shown = rows.filter((r) => typedIn.has(r.key) || (onlyMissing ? missing(r) : r.field === "name" || menu.languages.some((l) => saved(r, l))));
  // Typed texts are dropped once the (re)loaded menu has them: after a save, not before, so no
  // cell blinks empty while the menu reloads and nothing typed meanwhile is lost.
  useEffect(() => {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    setEdits((current) => {
      const left = Object.entries(current).filter(([cell, text]) => {
        const row = byKey.get(cell.slice(0, cell.lastIndexOf(":")));
        return row && (row.text[cell.slice(cell.lastIndexOf(":") + 1)] ?? "") !== text.trim();
      });
      return left.length === Object.keys(current).length ? current : Object.fromEntries(left);
    });
  }, [rows]);
  const changed = Object.entries(edits).filter(([k, text]) => {
    const [kind, id, field, lang] = k.split(":") as [Kind, string, string, string];
    const row = rows.find((r) => r.key === `${kind}:${id}:${field}`);
    return row && (row.text[lang] ?? "") !== text.trim();
  });

  async function save() {
    const updates = changed.map(([k, text]) => {
      const [kind, id, field, lang] = k.split(":");
      return { kind, id, field, lang, text, key: k };
    });
    setBusy(true);
    setErrors({});
    setStatus(null);
    try {
      await api("PUT", menuPath(props.merchantId, "/translations"), { updates: updates.map(({ key: _k, ...u }) => u) });
      setStatus({ kind: "ok", text: `${updates.length} text${updates.length === 1 ? "" : "s"} saved. Guests see them now.` });
      props.onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.details?.issues) {
        const byCell: Record<string, string> = {};
        for (const issue of e.details.issues) {
          const i = Number(/^updates\.(\d+)/.exec(issue.path)?.[1]);
          if (updates[i]) byCell[updates[i].key] = issue.message;
        }
        setErrors(byCell);
        setStatus({ kind: "error", text: "Some texts were not saved: see the messages in the table." });
      } else setStatus({ kind: "error", text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="translations">
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />
          <span>Only texts with a missing translation</span>
        </label>
        <button type="button" class="btn btn-primary" disabled={busy || changed.length === 0} onClick={save}>
          {busy ? "Saving…" : `Save ${changed.length || ""} change${changed.length === 1 ? "" : "s"}`.replace("  ", " ")}
        </button>
      </div>
      {status ? (
        <Notice kind={status.kind} role={status.kind === "error" ? "alert" : "status"}>
          {status.text}
        </Notice>
      ) : null}
      {shown.length === 0 ? (
        <p class="empty">{onlyMissing ? "Every text is translated." : "The menu has no texts yet."}</p>
      ) : (
        <div class="table-wrap">
          <table class="data tr-table">
            <caption class="visually-hidden">Menu texts by language</caption>
            <thead>
              <tr>
                <th scope="col">Text</th>
                {menu.languages.map((l, i) => (
                  <th scope="col" key={l}>
                    {languageName(l)}
                    {i === 0 ? " (fallback)" : ""}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <span class="badge">{row.what}</span>
                    {row.where ? <div class="muted small">{row.where}</div> : null}
                  </th>
                  {menu.languages.map((l) => {
                    const cell = `${row.key}:${l}`;
                    const err = errors[cell];
                    const Tag = row.field === "description" ? "textarea" : "input";
                    return (
                      <td key={l}>
                        <Tag
                          lang={l}
                          rows={row.field === "description" ? 2 : undefined}
                          aria-label={`${row.what}${row.where ? ` (${row.where})` : ""}, ${languageName(l)}`}
                          aria-invalid={err ? "true" : undefined}
                          value={value(row, l)}
                          class={value(row, l).trim() ? "" : "is-missing"}
                          onInput={(e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setEdits((x) => ({ ...x, [cell]: e.currentTarget.value }))}
                        />
                        {err ? <p class="field-error">{err}</p> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
