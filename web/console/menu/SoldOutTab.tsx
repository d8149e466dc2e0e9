/** Quick sold-out switches, big enough for a thumb on a phone in the middle of service. */
import { useState } from "preact/hooks";
import { errorMessage, Notice } from "../../shared/ui";
import { label, setSoldOut, type EditorMenu } from "./model";

export function SoldOutTab(props: { merchantId: string; menu: EditorMenu; onChanged: (dishId: string, storeId: string, soldOut: boolean) => void }) {
  const { menu } = props;
  const [storeId, setStoreId] = useState(menu.stores[0]?.id ?? "");
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query.trim().toLowerCase();

  async function toggle(dishId: string, soldOut: boolean) {
    setBusy(dishId);
    setError(null);
    try {
      await setSoldOut(props.merchantId, dishId, storeId, soldOut);
      props.onChanged(dishId, storeId, soldOut);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  if (!storeId) return <Notice kind="warn">Add a store first: sold-out marks are per store.</Notice>;
  return (
    <div class="soldout">
      <div class="row">
        {menu.stores.length > 1 ? (
          <label class="field inline">
            <span>Store</span>
            <select value={storeId} onChange={(e) => setStoreId(e.currentTarget.value)}>
              {menu.stores.map((s) => (
                <option value={s.id} key={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label class="field inline grow">
          <span>Find a dish</span>
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </div>
      {error ? (
        <Notice kind="error" role="alert">
          {error}
        </Notice>
      ) : null}
      {menu.categories.map((c) => {
        const dishes = c.dishes.filter((d) => !d.hidden && (!q || menu.languages.some((l) => d.name[l]?.toLowerCase().includes(q))));
        if (!dishes.length) return null;
        return (
          <section key={c.id} class="soldout-cat">
            <h3>{label(c.name, menu.languages)}</h3>
            <ul>
              {dishes.map((d) => {
                const out = d.soldOutStoreIds.includes(storeId);
                const name = label(d.name, menu.languages);
                return (
                  <li key={d.id} class={out ? "is-out" : ""}>
                    <span class="name">{name}</span>
                    <button
                      type="button"
                      class={`switch ${out ? "off" : "on"}`}
                      aria-pressed={out}
                      aria-label={`${name} sold out`}
                      disabled={busy === d.id}
                      onClick={() => toggle(d.id, !out)}
                    >
                      {out ? "Sold out" : "Available"}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
