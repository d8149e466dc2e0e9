/** A waiter orders for a table: pick a dish, then its options, how many and a note for the kitchen. */
import { useState } from "preact/hooks";
import { CART_LIMITS } from "../../src/domain/cart/limits";
import type { MenuDish, MenuOptionGroup, MenuSnapshot } from "../../src/domain/menu/snapshot";
import { money, tr } from "./text";

export interface NewLine {
  dishId: string;
  optionIds: string[];
  quantity: number;
  note: string;
}

interface Props {
  menu: MenuSnapshot;
  /** Resolves true once the table has the line (the pad then goes back to the dishes). */
  onAdd: (line: NewLine) => Promise<boolean>;
}

export function OrderPad(props: Props) {
  const { menu } = props;
  const [category, setCategory] = useState("");
  const [dish, setDish] = useState<MenuDish | null>(null);
  const cat = menu.categories.find((c) => c.id === category) ?? menu.categories[0];
  if (dish) return <Composer key={dish.id} menu={menu} dish={dish} onAdd={props.onAdd} onDone={() => setDish(null)} />;
  return (
    <>
      <div class="st-toolbar">
        {menu.categories.map((c) => (
          <button type="button" class={`st-chip${cat?.id === c.id ? " on" : ""}`} aria-pressed={cat?.id === c.id} onClick={() => setCategory(c.id)}>
            {tr(c.name, menu.languages)}
          </button>
        ))}
      </div>
      <div class="st-picks">
        {cat?.dishes.map((d) => (
          <button type="button" class="st-pick" disabled={d.soldOut} onClick={() => setDish(d)}>
            <span>{tr(d.name, menu.languages)}</span>
            <span class="muted">
              {d.soldOut ? "Sold out" : money(d.price, menu.currency)}
              {d.optionGroups.length && !d.soldOut ? " · options" : ""}
            </span>
          </button>
        ))}
      </div>
    </>
  );
}

type Choice = Record<string, string[]>;

const defaults = (dish: MenuDish): Choice =>
  Object.fromEntries(dish.optionGroups.map((g) => [g.id, g.options.filter((o) => o.isDefault).map((o) => o.id)]));

const maxOf = (g: MenuOptionGroup) => (g.kind === "single" ? 1 : g.maxSelect);

function rule(g: MenuOptionGroup): string {
  if (g.kind === "single") return g.minSelect > 0 ? "choose 1" : "optional";
  return g.minSelect > 0 ? `choose ${g.minSelect} to ${g.maxSelect}` : `up to ${g.maxSelect}`;
}

function Composer(props: { menu: MenuSnapshot; dish: MenuDish; onAdd: Props["onAdd"]; onDone: () => void }) {
  const { menu, dish } = props;
  const [choice, setChoice] = useState<Choice>(() => defaults(dish));
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  const toggle = (g: MenuOptionGroup, id: string) => {
    const cur = choice[g.id] ?? [];
    let next: string[];
    if (cur.includes(id)) next = g.kind === "single" && g.minSelect > 0 ? cur : cur.filter((x) => x !== id);
    else if (g.kind === "single") next = [id];
    else next = cur.length >= maxOf(g) ? cur : [...cur, id];
    setChoice({ ...choice, [g.id]: next });
  };
  const missing = dish.optionGroups.filter((g) => (choice[g.id]?.length ?? 0) < g.minSelect);
  const unit = Math.max(
    0,
    dish.price + dish.optionGroups.reduce((sum, g) => sum + g.options.filter((o) => choice[g.id]?.includes(o.id)).reduce((s, o) => s + o.priceDelta, 0), 0),
  );

  const add = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (missing.length || busy) return;
    setBusy(true);
    const ok = await props.onAdd({ dishId: dish.id, optionIds: dish.optionGroups.flatMap((g) => choice[g.id] ?? []), quantity, note: note.trim() });
    setBusy(false);
    if (ok) props.onDone();
  };

  return (
    <form class="st-compose" onSubmit={add} aria-label={`Order ${tr(dish.name, menu.languages)}`}>
      <div class="st-compose-head">
        <strong>{tr(dish.name, menu.languages)}</strong>
        <button type="button" class="btn" onClick={props.onDone}>
          Back to dishes
        </button>
      </div>
      {dish.optionGroups.map((g) => {
        const picked = choice[g.id] ?? [];
        const short = tried && picked.length < g.minSelect;
        return (
          <fieldset class={`st-group${short ? " st-short" : ""}`}>
            <legend>
              {tr(g.name, menu.languages)} <span class="muted">({rule(g)})</span>
            </legend>
            {g.options.map((o) => {
              const on = picked.includes(o.id);
              return (
                <label class="st-opt">
                  <input
                    type={g.kind === "single" ? "radio" : "checkbox"}
                    name={g.id}
                    checked={on}
                    disabled={!on && g.kind === "multiple" && picked.length >= maxOf(g)}
                    // The browser's own toggle agrees with `toggle` except where a choice is
                    // refused or a lone optional radio is tapped again; the re-render settles it.
                    onClick={() => toggle(g, o.id)}
                  />
                  <span>{tr(o.name, menu.languages)}</span>
                  {o.priceDelta ? <span class="muted">{`${o.priceDelta > 0 ? "+" : "−"}${money(Math.abs(o.priceDelta), menu.currency)}`}</span> : null}
                </label>
              );
            })}
            {short ? <p class="st-error">Choose {g.minSelect === 1 ? "one" : `at least ${g.minSelect}`}.</p> : null}
          </fieldset>
        );
      })}
      <div class="st-compose-row">
        <span class="st-qty" role="group" aria-label="Quantity">
          <button type="button" class="btn" aria-label="One less" disabled={quantity <= 1} onClick={() => setQuantity(quantity - 1)}>
            −
          </button>
          <output aria-live="polite">{quantity}</output>
          <button type="button" class="btn" aria-label="One more" disabled={quantity >= CART_LIMITS.maxQuantity} onClick={() => setQuantity(quantity + 1)}>
            +
          </button>
        </span>
        <label class="st-note">
          <span>Note for the kitchen</span>
          <input value={note} maxLength={CART_LIMITS.maxNoteLength} placeholder="e.g. no onions, medium rare" onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        Add {quantity} to the cart · {money(unit * quantity, menu.currency)}
      </button>
    </form>
  );
}
