/** A tiny element builder, like the live cart's. */
export type Child = Node | string | null | false | undefined;

export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  for (const c of children) if (c) el.append(c);
  return el;
}

/** Replaces `el`'s children, keeping keyboard focus (and the caret of a text field) on the same `data-key`. */
export function rebuild(el: HTMLElement, children: Child[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = el.contains(active) ? active?.getAttribute("data-key") : null;
  const caret = active instanceof HTMLInputElement && active.type === "text" ? active.selectionStart : null;
  el.replaceChildren(...(children.filter(Boolean) as (Node | string)[]));
  if (!key) return;
  const next = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  next?.focus();
  if (next instanceof HTMLInputElement && caret !== null) next.setSelectionRange(caret, caret);
}
