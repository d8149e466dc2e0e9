// Guest island for the server-rendered menu pages (/q/<code>, /m/<slug>). The HTML is complete
// without it; this adds filters, the dish dialog and "Add", then starts the live cart.
// Plain DOM on purpose: the page stays within its JavaScript budget and nothing re-renders.
import { startLive } from "./live/index";

export interface AddDetail {
  dishId: string;
  optionIds: string[];
  quantity: number;
  note: string;
}

const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => [...root.querySelectorAll<T>(sel)];

const menu = $("#menu");
const lang = menu?.dataset.lang ?? document.documentElement.lang;
const currency = menu?.dataset.currency ?? "EUR";
const money = new Intl.NumberFormat(lang, { style: "currency", currency });
const minorDigits = money.resolvedOptions().maximumFractionDigits ?? 2;
const formatMinor = (minor: number) => money.format(minor / 10 ** minorDigits);

// ---------------------------------------------------------------------------------------------
// Toast

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string) {
  const el = $("#toast");
  if (!el) return;
  el.textContent = text;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.textContent = ""), 2500);
}

function add(detail: AddDetail) {
  document.dispatchEvent(new CustomEvent<AddDetail>("tableside:add", { detail }));
  // The live cart answers in its sticky bar once the table has (added, refused or waiting).
  if (!document.getElementById("table-live")) toast(menu?.dataset.tAdded ?? "Added");
}

// ---------------------------------------------------------------------------------------------
// Filters: hide dishes that do not match; dishes stay in the HTML for screen readers when shown.

const FILTER_KEY = "ts_filters";

function applyFilters(form: HTMLFormElement) {
  const data = new FormData(form);
  const tags = data.getAll("tag") as string[];
  const free = data.getAll("free") as string[];
  let shown = 0;
  for (const dish of $$("article.dish")) {
    const dishTags = (dish.dataset.tags ?? "").split(" ");
    const allergens = (dish.dataset.allergens ?? "").split(" ");
    const ok =
      tags.every((t) => (t === "mild" ? dish.dataset.spice === "0" : dishTags.includes(t))) && !free.some((a) => allergens.includes(a));
    dish.hidden = !ok;
    if (ok) shown++;
  }
  for (const cat of $$("section.cat")) cat.hidden = !$$("article.dish", cat).some((d) => !d.hidden);
  const active = tags.length + free.length;
  const count = $("[data-count]", form.closest("details") ?? document);
  if (count) count.textContent = active ? `(${active})` : "";
  const none = $("#nomatch");
  if (none) none.hidden = shown > 0;
  try {
    sessionStorage.setItem(FILTER_KEY, JSON.stringify({ tags, free }));
  } catch {
    // Private mode: filters are simply not remembered.
  }
}

function initFilters() {
  const form = $<HTMLFormElement>("#filter");
  if (!form) return;
  try {
    const saved = JSON.parse(sessionStorage.getItem(FILTER_KEY) ?? "null") as { tags: string[]; free: string[] } | null;
    if (saved) {
      for (const input of $$<HTMLInputElement>("input", form)) {
        input.checked = (input.name === "tag" ? saved.tags : saved.free).includes(input.value);
      }
      if (saved.tags.length + saved.free.length) applyFilters(form);
    }
  } catch {
    // Nothing remembered.
  }
  form.addEventListener("change", () => applyFilters(form));
  form.addEventListener("reset", () => setTimeout(() => applyFilters(form)));
  form.addEventListener("submit", (e) => e.preventDefault());
}

// ---------------------------------------------------------------------------------------------
// Dish dialog: the dish's server-rendered options form is moved into a modal dialog.

let dialog: HTMLDialogElement | null = null;
let home: { form: HTMLFormElement; parent: Element; next: Node | null } | null = null;
let returnFocus: HTMLElement | null = null;

function ensureDialog(): HTMLDialogElement {
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.setAttribute("aria-labelledby", "dlg-title");
  dialog.innerHTML =
    '<div class="dlg"><header><div><h2 id="dlg-title"></h2><p class="desc" id="dlg-desc"></p><p class="alg" id="dlg-meta"></p></div>' +
    '<button type="button" class="x" id="dlg-close">×</button></header><div id="dlg-body"></div></div>';
  document.body.append(dialog);
  const close = $("#dlg-close", dialog)!;
  close.setAttribute("aria-label", menu?.dataset.tClose ?? "Close");
  close.addEventListener("click", () => dialog!.close());
  dialog.addEventListener("close", restoreForm);
  // A tap on the backdrop closes the dialog.
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog!.close();
  });
  return dialog;
}

function restoreForm() {
  if (home) {
    home.parent.insertBefore(home.form, home.next);
    home = null;
  }
  returnFocus?.focus();
  returnFocus = null;
}

function openDish(article: HTMLElement, trigger: HTMLElement) {
  const form = $<HTMLFormElement>("form.dish-form", article);
  if (!form) return;
  const dlg = ensureDialog();
  $("#dlg-title", dlg)!.textContent = $("h3", article)?.textContent ?? "";
  $("#dlg-desc", dlg)!.textContent = $(".desc", article)?.textContent ?? "";
  $("#dlg-meta", dlg)!.textContent = [$(".alg", article)?.textContent, $(".when", article)?.textContent].filter(Boolean).join(" · ");
  home = { form, parent: form.parentElement!, next: form.nextSibling };
  $("#dlg-body", dlg)!.append(form);
  const submit = $<HTMLButtonElement>('button[type="submit"]', form);
  if (submit) submit.disabled = article.dataset.state !== "available";
  returnFocus = trigger;
  updateForm(form);
  dlg.showModal();
}

function quantityOf(form: HTMLFormElement): number {
  return Number($("output[name=qty]", form)?.textContent ?? "1") || 1;
}

/** Enforces each group's maximum, and shows the line total for the current choice. */
function updateForm(form: HTMLFormElement) {
  let unit = Number(form.dataset.price ?? 0);
  for (const group of $$<HTMLFieldSetElement>("fieldset.grp", form)) {
    const max = Number(group.dataset.max ?? 1);
    const boxes = $$<HTMLInputElement>("input", group);
    const checked = boxes.filter((b) => b.checked);
    for (const b of checked) unit += Number(b.dataset.delta ?? 0);
    if (boxes[0]?.type === "checkbox") for (const b of boxes) b.disabled = !b.checked && checked.length >= max;
    if (checked.length >= Number(group.dataset.min ?? 0)) $(".err", group)?.setAttribute("hidden", "");
  }
  const total = $("[data-total]", form);
  if (total) total.textContent = formatMinor(Math.max(0, unit) * quantityOf(form));
}

function submitForm(form: HTMLFormElement) {
  let firstBad: HTMLElement | null = null;
  const optionIds: string[] = [];
  for (const group of $$<HTMLFieldSetElement>("fieldset.grp", form)) {
    const checked = $$<HTMLInputElement>("input:checked", group);
    optionIds.push(...checked.map((b) => b.value));
    const err = $(".err", group)!;
    if (checked.length < Number(group.dataset.min ?? 0)) {
      err.textContent = $(".rule", group)?.textContent ?? "";
      err.hidden = false;
      firstBad ??= group;
    }
  }
  if (firstBad) {
    $("input", firstBad)?.focus();
    return;
  }
  const note = ($<HTMLInputElement>("input[name=note]", form)?.value ?? "").trim().slice(0, 140);
  add({ dishId: form.dataset.dish!, optionIds, quantity: quantityOf(form), note });
  dialog?.close();
}

function initDishes() {
  document.addEventListener("click", (e) => {
    const target = e.target as HTMLElement;
    const addButton = target.closest<HTMLButtonElement>("button[data-add]");
    if (addButton) {
      const article = addButton.closest<HTMLElement>("article.dish")!;
      if (addButton.dataset.options) openDish(article, addButton);
      else add({ dishId: addButton.dataset.add!, optionIds: [], quantity: 1, note: "" });
      return;
    }
    const summary = target.closest("details.more > summary");
    if (summary) {
      e.preventDefault();
      openDish(summary.closest<HTMLElement>("article.dish")!, summary as HTMLElement);
      return;
    }
    const step = target.closest<HTMLButtonElement>("button[data-step]");
    if (step) {
      const form = step.closest<HTMLFormElement>("form.dish-form")!;
      const out = $("output[name=qty]", form)!;
      out.textContent = String(Math.min(99, Math.max(1, quantityOf(form) + Number(step.dataset.step))));
      updateForm(form);
    }
  });
  document.addEventListener("change", (e) => {
    const form = (e.target as HTMLElement).closest<HTMLFormElement>("form.dish-form");
    if (form) updateForm(form);
  });
  document.addEventListener("submit", (e) => {
    const form = (e.target as HTMLElement).closest<HTMLFormElement>("form.dish-form");
    if (!form) return;
    e.preventDefault();
    submitForm(form);
  });
}

initFilters();
initDishes();
const live = document.getElementById("table-live");
if (live) startLive(live);
