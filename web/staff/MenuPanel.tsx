/** Sold-out toggles for the store (through the menu API), reachable in one tap from the board. */
import { api, http, path } from "../shared/api";
import { LoadError, Loading, useAsync, type Async } from "../shared/ui";
import type { MenuSnapshot } from "../../src/domain/menu/snapshot";
import { money, tr } from "./text";

export function useMenu(merchantId: string, storeId: string): Async<MenuSnapshot> {
  return useAsync(() => http.get<{ menu: MenuSnapshot }>(path`/api/merchants/${merchantId}/stores/${storeId}/floor/menu`).then((r) => r.menu), [merchantId, storeId]);
}

export function MenuPanel(props: { merchantId: string; storeId: string; menu: Async<MenuSnapshot>; run: (fn: () => Promise<unknown>) => Promise<void> }) {
  const { data: menu, error, reload } = props.menu;
  if (error && !menu) return <LoadError error={error} retry={reload} />;
  if (!menu) return <Loading label="Loading the menu…" />;

  const toggle = (dishId: string, soldOut: boolean) =>
    props.run(async () => {
      await api("PUT", path`/api/merchants/${props.merchantId}/menu/dishes/${dishId}/sold-out`, { storeId: props.storeId, soldOut });
      props.menu.setData({
        ...menu,
        categories: menu.categories.map((c) => ({ ...c, dishes: c.dishes.map((d) => (d.id === dishId ? { ...d, soldOut } : d)) })),
      });
    });

  return (
    <div class="st-menu">
      <p class="muted">Tap a dish to mark it sold out at this store, or back on. Guests see it at once; orders with it are refused.</p>
      {menu.categories.map((c) => (
        <section>
          <h2>{tr(c.name, menu.languages)}</h2>
          <ul class="st-dishes">
            {c.dishes.map((d) => (
              <li>
                <button type="button" class={`st-dish${d.soldOut ? " out" : ""}`} aria-pressed={d.soldOut} onClick={() => toggle(d.id, !d.soldOut)}>
                  <span>
                    {tr(d.name, menu.languages)} <span class="muted">{money(d.price, menu.currency)}</span>
                  </span>
                  <span class={`st-pill ${d.soldOut ? "st-i-call" : "st-i-ok"}`}>{d.soldOut ? "Sold out" : "Available"}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
