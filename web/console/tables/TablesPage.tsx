/**
 * Tables and QR codes of a store: add (one or numbered in bulk), rename, rotate a code, delete,
 * see each QR code, and open the printable sheet (A4 or Letter).
 */
import { useEffect, useId, useState } from "preact/hooks";
import { api, http, path } from "../../shared/api";
import type { Store, Table } from "../../shared/types";
import { ConfirmButton, errorMessage, Form, LoadError, Loading, Notice, PageHead, TextField, useAsync, useForm } from "../../shared/ui";
import "./tables.css";

const tablesPath = (merchantId: string, storeId: string, rest = "") => path`/api/merchants/${merchantId}/stores/${storeId}/tables` + rest;

export function TablesPage(props: { merchantId: string }) {
  const { merchantId } = props;
  const stores = useAsync(() => http.get<{ stores: Store[] }>(path`/api/merchants/${merchantId}/stores`), [merchantId]);
  const [storeId, setStoreId] = useState("");
  useEffect(() => {
    if (!storeId && stores.data?.stores[0]) setStoreId(stores.data.stores[0].id);
  }, [stores.data]);

  if (!stores.data) return stores.error ? <LoadError error={stores.error} retry={stores.reload} /> : <Loading />;
  const store = stores.data.stores.find((s) => s.id === storeId);
  return (
    <section class="tables-page">
      <PageHead title="Tables & QR codes" lead="Each table has its own QR code. Guests scan it to read the menu and order together." />
      {stores.data.stores.length > 1 ? (
        <div class="field store-pick">
          <label for="tables-store">Store</label>
          <select id="tables-store" value={storeId} onChange={(e) => setStoreId(e.currentTarget.value)}>
            {stores.data.stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {store ? <StoreTables key={store.id} merchantId={merchantId} store={store} /> : <Notice kind="warn">Add a store first.</Notice>}
    </section>
  );
}

function StoreTables(props: { merchantId: string; store: Store }) {
  const { merchantId, store } = props;
  const tables = useAsync(() => http.get<{ tables: Table[] }>(tablesPath(merchantId, store.id)), [merchantId, store.id]);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const printUrl = (paper: "a4" | "letter") => tablesPath(merchantId, store.id, `/print?paper=${paper}`);

  async function run(action: () => Promise<unknown>, ok: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "ok", text: ok });
      tables.reload();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e) });
    }
  }

  const list = tables.data?.tables ?? [];
  const areas = [...new Set(list.map((t) => t.area))];
  return (
    <div class="stack">
      <div class="row print-row">
        <a class="btn btn-primary" href={printUrl("a4")} target="_blank" rel="noopener">
          Print QR sheet (A4)
        </a>
        <a class="btn" href={printUrl("letter")} target="_blank" rel="noopener">
          Print QR sheet (Letter)
        </a>
        <span class="muted small">Opens a printable page with every table's code, six per sheet.</span>
      </div>
      {message ? (
        <Notice kind={message.kind} role={message.kind === "error" ? "alert" : "status"}>
          {message.text}
        </Notice>
      ) : null}
      {/* One stable wrapper: the list changes shape while the add forms below keep their state. */}
      <div class="tables-list">
      {!tables.data ? (
        tables.error ? <LoadError error={tables.error} retry={tables.reload} /> : <Loading />
      ) : list.length === 0 ? (
        <div class="empty">
          <p>No tables yet. Add them one by one or numbered in one go below.</p>
        </div>
      ) : (
        areas.map((area) => (
          <section key={area} class="card">
            <h2>{area || "No area"}</h2>
            <ul class="table-grid">
              {list
                .filter((t) => t.area === area)
                .map((t) => (
                  <li key={t.id} class="table-card">
                    <img src={tablesPath(merchantId, store.id, path`/${t.id}/qr.svg`) + `?c=${t.code}`} alt={`QR code for ${t.name}`} width={112} height={112} loading="lazy" />
                    <div class="table-info">
                      <strong class="table-name">{t.name}</strong>
                      <span class="muted small">{t.seats} seats</span>
                      <a class="mono small code" href={t.url} target="_blank" rel="noopener">
                        /q/{t.code}
                      </a>
                    </div>
                    <div class="table-actions">
                      {editing === t.id ? (
                          <EditTable
                            table={t}
                            merchantId={merchantId}
                            storeId={store.id}
                            onDone={(saved) => {
                              setEditing(null);
                              if (saved) {
                                setMessage({ kind: "ok", text: "Table saved." });
                                tables.reload();
                              }
                            }}
                          />
                        ) : (
                          <div class="row">
                            <button type="button" class="btn btn-small" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t.id)}>
                              Edit
                            </button>
                            <ConfirmButton
                              label="New code"
                              confirmLabel="Replace the code"
                              question="The printed QR stops working."
                              name={`New code for ${t.name}`}
                              onConfirm={() => run(() => api("POST", tablesPath(merchantId, store.id, path`/${t.id}/rotate-code`)), `${t.name} has a new code. Print its QR again; the old one now says it is no longer in use.`)}
                            />
                            <ConfirmButton
                              label="Delete"
                              confirmLabel="Delete"
                              name={`Delete ${t.name}`}
                              onConfirm={() => run(() => api("DELETE", tablesPath(merchantId, store.id, path`/${t.id}`)), `${t.name} deleted.`)}
                            />
                          </div>
                        )}
                    </div>
                  </li>
                ))}
            </ul>
          </section>
        ))
      )}
      </div>
      <div class="grid-2">
        <AddTable merchantId={merchantId} storeId={store.id} areas={areas} onAdded={(text) => { setMessage({ kind: "ok", text }); tables.reload(); }} />
        <AddTables merchantId={merchantId} storeId={store.id} onAdded={(text) => { setMessage({ kind: "ok", text }); tables.reload(); }} />
      </div>
    </div>
  );
}

function EditTable(props: { table: Table; merchantId: string; storeId: string; onDone: (saved: boolean) => void }) {
  const form = useForm({ name: props.table.name, area: props.table.area, seats: String(props.table.seats) });
  const v = form.values;
  async function save() {
    const ok = await form.submit(() => api("PATCH", tablesPath(props.merchantId, props.storeId, path`/${props.table.id}`), { name: v.name, area: v.area, seats: Number(v.seats) }), { codeFields: { table_name_taken: "name" } });
    if (ok) props.onDone(true);
  }
  return (
    <Form form={form} onSubmit={save} aria-label={`Edit ${props.table.name}`} class="form compact">
      <TextField label="Name" value={v.name} onValue={form.set("name")} error={form.err("name")} />
      <TextField label="Area" value={v.area} onValue={form.set("area")} error={form.err("area")} />
      <TextField label="Seats" type="number" min={1} max={99} value={v.seats} onValue={form.set("seats")} error={form.err("seats")} />
      <div class="row">
        <button type="submit" class="btn btn-primary btn-small" disabled={form.busy}>
          Save
        </button>
        <button type="button" class="btn btn-small" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

function AddTable(props: { merchantId: string; storeId: string; areas: string[]; onAdded: (text: string) => void }) {
  const headingId = useId();
  const form = useForm({ name: "", area: props.areas[0] ?? "", seats: "4" });
  const v = form.values;
  async function save() {
    const ok = await form.submit(() => api("POST", tablesPath(props.merchantId, props.storeId), { name: v.name, area: v.area, seats: Number(v.seats) }), { codeFields: { table_name_taken: "name" } });
    if (ok) {
      props.onAdded(`Table ${v.name} added.`);
      form.reset({ ...v, name: "" });
    }
  }
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Add a table</h2>
      <Form form={form} onSubmit={save} aria-labelledby={headingId}>
        <TextField label="Name" value={v.name} onValue={form.set("name")} error={form.err("name")} hint="What staff call it, e.g. 12 or Window 3." />
        <TextField label="Area" value={v.area} onValue={form.set("area")} error={form.err("area")} hint="Optional, e.g. Terrace." />
        <TextField label="Seats" type="number" min={1} max={99} value={v.seats} onValue={form.set("seats")} error={form.err("seats")} />
        <button type="submit" class="btn btn-primary" disabled={form.busy}>
          Add table
        </button>
      </Form>
    </section>
  );
}

function AddTables(props: { merchantId: string; storeId: string; onAdded: (text: string) => void }) {
  const headingId = useId();
  const form = useForm({ prefix: "Table", start: "1", count: "10", area: "", seats: "4" });
  const v = form.values;
  async function save() {
    const ok = await form.submit(
      () => api("POST", tablesPath(props.merchantId, props.storeId, "/bulk"), { prefix: v.prefix, start: Number(v.start), count: Number(v.count), area: v.area, seats: Number(v.seats) }),
      { codeFields: { table_name_taken: "start" } },
    );
    if (ok) props.onAdded(`${v.count} tables added: ${v.prefix} ${v.start} to ${v.prefix} ${Number(v.start) + Number(v.count) - 1}.`);
  }
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Add numbered tables</h2>
      <Form form={form} onSubmit={save} aria-labelledby={headingId}>
        <TextField label="Name before the number" value={v.prefix} onValue={form.set("prefix")} error={form.err("prefix")} />
        <div class="row">
          <TextField label="First number" type="number" min={0} value={v.start} onValue={form.set("start")} error={form.err("start")} />
          <TextField label="How many" type="number" min={1} max={100} value={v.count} onValue={form.set("count")} error={form.err("count")} />
        </div>
        <TextField label="Area" value={v.area} onValue={form.set("area")} error={form.err("area")} />
        <TextField label="Seats each" type="number" min={1} max={99} value={v.seats} onValue={form.set("seats")} error={form.err("seats")} />
        <button type="submit" class="btn" disabled={form.busy}>
          Add {v.count || ""} tables
        </button>
      </Form>
    </section>
  );
}
