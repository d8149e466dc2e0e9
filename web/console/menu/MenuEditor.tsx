/**
 * The console's menu editor: the menu's structure (categories, dishes, reorder, hide, delete),
 * quick sold-out switches, translations side by side, and JSON import/export.
 */
import { useState } from "preact/hooks";
import { api, path } from "../../shared/api";
import { ConfirmButton, errorMessage, LoadError, Loading, Notice, PageHead, useAsync } from "../../shared/ui";
import { formatPrice } from "../../../src/domain/menu/money";
import { CategoryForm } from "./CategoryForm";
import { DishForm } from "./DishForm";
import { ImportExportTab } from "./ImportExportTab";
import { SoldOutTab } from "./SoldOutTab";
import { TranslationsTab } from "./TranslationsTab";
import { DAY_LABELS, label, loadMenu, menuPath, moved, reorder, type EditorMenu, type MenuCategory, type MenuDish } from "./model";
import "./menu.css";

type Tab = "menu" | "soldout" | "translations" | "json";
type Editing = { kind: "dish"; dish?: MenuDish; categoryId: string } | { kind: "category"; category?: MenuCategory } | null;

const TABS: { id: Tab; label: string }[] = [
  { id: "menu", label: "Dishes" },
  { id: "soldout", label: "Sold out" },
  { id: "translations", label: "Translations" },
  { id: "json", label: "Import / export" },
];

export function MenuEditor(props: { merchantId: string }) {
  const { merchantId } = props;
  const menu = useAsync(() => loadMenu(merchantId), [merchantId]);
  const [tab, setTab] = useState<Tab>(() => (new URLSearchParams(location.search).get("tab") as Tab) || "menu");
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const select = (t: Tab) => {
    setTab(t);
    setEditing(null);
    const url = new URL(location.href);
    url.searchParams.set("tab", t);
    history.replaceState(history.state, "", url);
  };

  if (!menu.data) return menu.error ? <LoadError error={menu.error} retry={menu.reload} /> : <Loading />;
  const data = menu.data;

  const done = (saved: boolean, what: string) => {
    setEditing(null);
    if (saved) {
      setFlash(what);
      menu.reload();
    }
  };

  return (
    <section class="menu-editor">
      <PageHead
        title="Menu"
        lead={`Version ${data.version} · ${data.languages.length > 1 ? `written in ${data.languages.join(", ")}; ${data.languages[0]} is the fallback` : `written in ${data.languages[0]}`}. Every change shows on the guest pages at once.`}
      />
      <div class="tabs" role="tablist" aria-label="Menu sections">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls="menu-panel" class="tab" onClick={() => select(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div id="menu-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {flash ? (
          <Notice kind="ok" role="status">
            <p>{flash}</p>
          </Notice>
        ) : null}
        {tab === "menu" ? (
          editing?.kind === "dish" ? (
            <DishForm merchantId={merchantId} menu={data} dish={editing.dish} categoryId={editing.categoryId} onDone={(saved) => done(saved, "Dish saved.")} />
          ) : editing?.kind === "category" ? (
            <CategoryForm merchantId={merchantId} menu={data} category={editing.category} onDone={(saved) => done(saved, "Category saved.")} />
          ) : (
            <Structure
              merchantId={merchantId}
              menu={data}
              edit={(e) => {
                setFlash(null);
                setEditing(e);
              }}
              reload={menu.reload}
            />
          )
        ) : tab === "soldout" ? (
          <SoldOutTab
            merchantId={merchantId}
            menu={data}
            onChanged={(dishId, storeId, out) =>
              menu.setData({
                ...data,
                categories: data.categories.map((c) => ({
                  ...c,
                  dishes: c.dishes.map((d) =>
                    d.id !== dishId ? d : { ...d, soldOutStoreIds: out ? [...d.soldOutStoreIds, storeId] : d.soldOutStoreIds.filter((s) => s !== storeId) },
                  ),
                })),
              })
            }
          />
        ) : tab === "translations" ? (
          <TranslationsTab merchantId={merchantId} menu={data} onSaved={menu.reload} />
        ) : (
          <ImportExportTab merchantId={merchantId} onImported={menu.reload} />
        )}
      </div>
    </section>
  );
}

function Structure(props: { merchantId: string; menu: EditorMenu; edit: (e: Editing) => void; reload: () => void }) {
  const { merchantId, menu, edit, reload } = props;
  const [error, setError] = useState<string | null>(null);
  const currency = menu.stores[0]?.currency ?? "EUR";
  const L = (t: Record<string, string>) => label(t, menu.languages) || "(no name)";

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const move = (kind: "categories" | "dishes", ids: string[] | null, parentId?: string) => ids && run(() => reorder(merchantId, kind, ids, parentId));

  return (
    <div class="stack">
      <div class="row">
        <button type="button" class="btn btn-primary" onClick={() => edit({ kind: "category" })}>
          Add a category
        </button>
      </div>
      {error ? (
        <Notice kind="error" role="alert">
          {error}
        </Notice>
      ) : null}
      {menu.categories.length === 0 ? (
        <div class="empty">
          <p>No categories yet. Start with one, such as “Starters”, then add its dishes.</p>
        </div>
      ) : null}
      {menu.categories.map((c, ci) => (
        <section class={`card cat-card${c.hidden ? " is-hidden" : ""}`} key={c.id} aria-labelledby={`cat-${c.id}`}>
          <div class="cat-head">
            <h2 id={`cat-${c.id}`}>
              {L(c.name)} {c.hidden ? <span class="badge badge-off">Hidden</span> : null}
            </h2>
            <div class="row">
              <button type="button" class="btn btn-small" aria-label={`Move ${L(c.name)} up`} disabled={ci === 0} onClick={() => move("categories", moved(menu.categories, ci, -1))}>
                ↑
              </button>
              <button type="button" class="btn btn-small" aria-label={`Move ${L(c.name)} down`} disabled={ci === menu.categories.length - 1} onClick={() => move("categories", moved(menu.categories, ci, 1))}>
                ↓
              </button>
              <button type="button" class="btn btn-small" aria-label={`Edit category ${L(c.name)}`} onClick={() => edit({ kind: "category", category: c })}>
                Edit
              </button>
              <button
                type="button"
                class="btn btn-small"
                aria-label={`${c.hidden ? "Show" : "Hide"} category ${L(c.name)}`}
                onClick={() => run(() => api("PATCH", menuPath(merchantId, path`/categories/${c.id}`), { hidden: !c.hidden }))}
              >
                {c.hidden ? "Show" : "Hide"}
              </button>
              {c.dishes.length === 0 ? (
                <ConfirmButton label="Delete" confirmLabel="Delete" name={`Delete category ${L(c.name)}`} onConfirm={() => run(() => api("DELETE", menuPath(merchantId, path`/categories/${c.id}`)))} />
              ) : null}
            </div>
          </div>
          {c.dishes.length === 0 ? <p class="muted">No dishes in this category yet.</p> : null}
          <ul class="dish-list">
            {c.dishes.map((d, di) => (
              <li key={d.id} class={d.hidden ? "is-hidden" : ""}>
                <div class="dish-main">
                  <strong>{L(d.name)}</strong>
                  <span class="price">{formatPrice(d.price, currency, "en")}</span>
                  <span class="badges">
                    {d.hidden ? <span class="badge badge-off">Hidden</span> : null}
                    {d.staffOnly ? <span class="badge">Staff only</span> : null}
                    {d.soldOutStoreIds.length ? <span class="badge badge-danger">Sold out{menu.stores.length > 1 ? ` (${d.soldOutStoreIds.length})` : ""}</span> : null}
                    {d.optionGroups.length ? <span class="badge">{d.optionGroups.length} option group{d.optionGroups.length > 1 ? "s" : ""}</span> : null}
                    {d.windows.map((w, i) => (
                      <span class="badge badge-accent" key={i}>
                        {w.days.length === 7 ? "Daily" : w.days.map((x) => DAY_LABELS[x - 1]).join(" ")} {w.from}–{w.to}
                      </span>
                    ))}
                    {menu.languages.slice(1).some((l) => !d.name[l]) ? <span class="badge badge-off">Needs translation</span> : null}
                  </span>
                </div>
                <div class="row">
                  <button type="button" class="btn btn-small" aria-label={`Move ${L(d.name)} up`} disabled={di === 0} onClick={() => move("dishes", moved(c.dishes, di, -1), c.id)}>
                    ↑
                  </button>
                  <button type="button" class="btn btn-small" aria-label={`Move ${L(d.name)} down`} disabled={di === c.dishes.length - 1} onClick={() => move("dishes", moved(c.dishes, di, 1), c.id)}>
                    ↓
                  </button>
                  <button type="button" class="btn btn-small" aria-label={`Edit ${L(d.name)}`} onClick={() => edit({ kind: "dish", dish: d, categoryId: c.id })}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={`${d.hidden ? "Show" : "Hide"} ${L(d.name)}`}
                    onClick={() => run(() => api("PATCH", menuPath(merchantId, path`/dishes/${d.id}`), { hidden: !d.hidden }))}
                  >
                    {d.hidden ? "Show" : "Hide"}
                  </button>
                  <ConfirmButton label="Delete" confirmLabel="Delete" name={`Delete ${L(d.name)}`} onConfirm={() => run(() => api("DELETE", menuPath(merchantId, path`/dishes/${d.id}`)))} />
                </div>
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn-small" onClick={() => edit({ kind: "dish", categoryId: c.id })}>
            Add a dish to {L(c.name)}
          </button>
        </section>
      ))}
    </div>
  );
}
