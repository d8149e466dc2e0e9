// Keeps the server-rendered dish cards true after the menu changed while the page was open: the
// table pushes each dish's price, option prices and availability (src/domain/cart/menu-state.ts).
// A sold-out dish is dimmed and marked and its Add is disabled; a dish back in stock gets Add
// back; a hidden dish leaves the page; prices in the card and in its options dialog follow.
import type { GuestMenuState } from "../../../src/table/protocol";
import type { Strings } from "./strings";

type Dish = GuestMenuState["dishes"][string];

/** Applies the menu state to every dish card; answers how many dishes the page does not show yet. */
export function applyMenu(menu: GuestMenuState, s: Strings, fmt: (minor: number) => string): number {
  const onPage = new Set<string>();
  for (const card of document.querySelectorAll<HTMLElement>("article.dish[data-dish]")) {
    const id = card.dataset.dish!;
    onPage.add(id);
    const dish = menu.dishes[id];
    card.classList.toggle("gone", !dish);
    if (dish) updateCard(card, id, dish, s, fmt);
  }
  return Object.keys(menu.dishes).filter((id) => !onPage.has(id)).length;
}

/** Whether the table last said this dish can be added now (unknown: let the table decide). */
export function canAdd(menu: GuestMenuState | null, dishId: string): boolean {
  const dish = menu?.dishes[dishId];
  return !menu || (dish !== undefined && dish.state === "available");
}

function updateCard(card: HTMLElement, id: string, dish: Dish, s: Strings, fmt: (minor: number) => string) {
  const price = card.querySelector(".side .price");
  if (price) price.textContent = fmt(dish.price);
  // The options form may sit in the dialog right now, outside the card.
  const form = document.querySelector<HTMLFormElement>(`form.dish-form[data-dish="${CSS.escape(id)}"]`);
  if (form) {
    form.dataset.price = String(dish.price);
    for (const input of form.querySelectorAll<HTMLInputElement>("input[data-delta]")) {
      const delta = dish.options[input.value];
      if (delta === undefined) continue;
      input.dataset.delta = String(delta);
      const label = input.closest("label")?.querySelector(".d");
      if (label) label.textContent = delta === 0 ? "" : `${delta > 0 ? "+" : "−"}${fmt(Math.abs(delta))}`;
    }
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (submit) submit.disabled = dish.state !== "available";
    // The page's own script recomputes the dialog's total on a change.
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
  if (card.dataset.state === dish.state) return;
  card.dataset.state = dish.state;
  const available = dish.state === "available";
  card.classList.toggle("off", !available);
  const side = card.querySelector(".side");
  if (!side) return;
  let mark = side.querySelector<HTMLElement>(".state");
  let add = side.querySelector<HTMLButtonElement>("button[data-add]");
  if (available) {
    mark?.remove();
    if (!add) {
      add = document.createElement("button");
      add.type = "button";
      add.className = "add js-only";
      add.dataset.add = id;
      if (card.querySelector("form.dish-form fieldset, details.more")) add.dataset.options = "1";
      add.setAttribute("aria-label", `${s.add}: ${card.querySelector("h3")?.textContent ?? ""}`);
      add.textContent = s.add;
      side.append(add);
    }
    add.disabled = false;
    add.hidden = false;
    return;
  }
  if (!mark) {
    mark = document.createElement("span");
    mark.className = "state";
    side.insertBefore(mark, add);
  }
  mark.textContent = dish.state === "sold_out" ? s.dishSoldOut : s.dishNotNow;
  if (add) {
    add.disabled = true;
    add.hidden = true;
  }
}
