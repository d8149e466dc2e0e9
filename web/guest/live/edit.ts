// Edits the options and note of one's own cart line in a dialog like the menu's dish dialog.
// The dish's option groups are already in the page: the server renders each dish's options form
// (article#d-<dishId> form.dish-form) with prices and rules; the dialog shows a copy of its
// groups with the line's current choice. The table object checks and prices the result.
import type { CartOp, LineView } from "../../../src/table/protocol";
import { CART_LIMITS } from "../../../src/domain/cart/limits";
import type { Strings } from "./strings";

export interface EditOptions {
  s: Strings;
  title: string;
  fmt: (minor: number) => string;
  /** Sends the change; resolves to a message for the guest when the table refused it. */
  save: (op: CartOp) => Promise<string | null>;
  onClose: () => void;
}

const all = <T extends Element>(sel: string, root: ParentNode) => [...root.querySelectorAll<T>(sel)];

export function openEdit(line: LineView, o: EditOptions): void {
  const source = document.querySelector<HTMLFormElement>(`#d-${CSS.escape(line.dishId)} form.dish-form`);
  const dlg = document.createElement("dialog");
  dlg.setAttribute("aria-labelledby", "lv-edit-title");
  // Not a `dish-form`: the menu script adds any such form it sees to the cart.
  dlg.innerHTML =
    '<form class="dlg lv-edit" novalidate><header><h2 id="lv-edit-title"></h2><button type="button" class="x">×</button></header>' +
    '<div class="line"><label><span></span><input type="text" name="note" autocomplete="off"></label></div>' +
    '<p class="err" role="alert" hidden></p><button type="submit" class="add"></button></form>';
  const form = dlg.firstElementChild as HTMLFormElement;
  const [title, close, err, submit, note] = ["h2", ".x", "p.err", "button.add", "input"].map((sel) => form.querySelector<HTMLElement>(sel)!) as [
    HTMLElement,
    HTMLButtonElement,
    HTMLElement,
    HTMLButtonElement,
    HTMLInputElement,
  ];
  title.textContent = o.title;
  close.setAttribute("aria-label", o.s.close);
  form.querySelector("label span")!.textContent = o.s.lineNote;
  note.maxLength = CART_LIMITS.maxNoteLength;
  note.value = line.note;

  const chosen = new Set(line.options.map((x) => x.id));
  const groups = source ? all<HTMLFieldSetElement>("fieldset.grp", source).map((g) => g.cloneNode(true) as HTMLFieldSetElement) : [];
  for (const g of groups) for (const b of all<HTMLInputElement>("input", g)) b.checked = chosen.has(b.value);
  form.querySelector("header")!.after(...groups);

  const picked = () => groups.flatMap((g) => all<HTMLInputElement>("input:checked", g).map((b) => b.value));
  function update() {
    let unit = Number(source?.dataset.price ?? line.unitPrice);
    for (const g of groups) {
      const boxes = all<HTMLInputElement>("input", g);
      const checked = boxes.filter((b) => b.checked);
      for (const b of checked) unit += Number(b.dataset.delta ?? 0);
      if (boxes[0]?.type === "checkbox") for (const b of boxes) b.disabled = !b.checked && checked.length >= Number(g.dataset.max ?? 1);
      if (checked.length >= Number(g.dataset.min ?? 0)) g.querySelector(".err")?.setAttribute("hidden", "");
    }
    submit.textContent = `${o.s.save} · ${o.fmt(Math.max(0, unit) * line.quantity)}`;
  }

  form.addEventListener("change", update);
  close.addEventListener("click", () => dlg.close());
  dlg.addEventListener("click", (e) => e.target === dlg && dlg.close());
  dlg.addEventListener("close", () => (dlg.remove(), o.onClose()));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const bad = groups.find((g) => all("input:checked", g).length < Number(g.dataset.min ?? 0));
    if (bad) {
      const msg = bad.querySelector<HTMLElement>(".err")!;
      msg.textContent = bad.querySelector(".rule")?.textContent ?? "";
      msg.hidden = false;
      return bad.querySelector("input")?.focus();
    }
    // Only what changed: a note can still be fixed on a line whose dish just sold out.
    const op: CartOp = { op: "update", lineId: line.id };
    const ids = picked();
    if (source && (ids.length !== chosen.size || ids.some((id) => !chosen.has(id)))) op.optionIds = ids;
    if (note.value.trim() !== line.note) op.note = note.value;
    if (!op.optionIds && op.note === undefined) return dlg.close();
    submit.disabled = true;
    err.hidden = true;
    const refused = await o.save(op);
    submit.disabled = false;
    if (!refused) return dlg.close();
    err.textContent = refused;
    err.hidden = false;
  });

  update();
  document.body.append(dlg);
  dlg.showModal();
}
