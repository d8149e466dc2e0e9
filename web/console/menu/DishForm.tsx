/** Create or edit one dish with its option groups, time windows, tags and allergens. */
import { useId, useState } from "preact/hooks";
import { api, ApiError, path, type ApiIssue } from "../../shared/api";
import { CheckboxField, Form, SelectField, TextField, useForm } from "../../shared/ui";
import { parsePrice, toDecimalString } from "../../../src/domain/menu/money";
import { ALLERGEN_LABELS, DAY_LABELS, label, menuPath, SPICE_LABELS, TAG_LABELS, type EditorMenu, type MenuDish, type Text, type TimeWindow } from "./model";
import { MoneyField, NumberField, TextsField } from "./fields";
import { ImagePicker } from "../images/ImagePicker";
import type { PreparedImage } from "../images/prepare";
import { dishImagePath, imageUrl, removeImage, uploadImage } from "../images/upload";

interface OptionDraft {
  id?: string;
  name: Text;
  priceDelta: string;
  isDefault: boolean;
}
interface GroupDraft {
  id?: string;
  name: Text;
  kind: "single" | "multiple";
  minSelect: number;
  maxSelect: number;
  options: OptionDraft[];
}
interface DishDraft {
  categoryId: string;
  name: Text;
  description: Text;
  price: string;
  tags: string[];
  spiceLevel: string;
  allergens: string[];
  staffOnly: boolean;
  hidden: boolean;
  windows: TimeWindow[];
  optionGroups: GroupDraft[];
}

const toDraft = (dish: MenuDish | undefined, categoryId: string, currency: string): DishDraft => ({
  categoryId: dish?.categoryId ?? categoryId,
  name: { ...dish?.name },
  description: { ...dish?.description },
  price: dish ? toDecimalString(dish.price, currency) : "",
  tags: dish?.tags ?? [],
  spiceLevel: String(dish?.spiceLevel ?? 0),
  allergens: dish?.allergens ?? [],
  staffOnly: dish?.staffOnly ?? false,
  hidden: dish?.hidden ?? false,
  windows: dish?.windows.map((w) => ({ ...w, days: [...w.days] })) ?? [],
  optionGroups:
    dish?.optionGroups.map((g) => ({
      id: g.id,
      name: { ...g.name },
      kind: g.kind,
      minSelect: g.minSelect,
      maxSelect: g.maxSelect,
      options: g.options.map((o) => ({ id: o.id, name: { ...o.name }, priceDelta: toDecimalString(o.priceDelta, currency), isDefault: o.isDefault })),
    })) ?? [],
});

/** Ready-made groups for the common cases, named in the menu's first language. */
function preset(kind: "size" | "spice" | "addons" | "blank", lang: string): GroupDraft {
  const t = (s: string): Text => ({ [lang]: s });
  if (kind === "size")
    return { name: t("Size"), kind: "single", minSelect: 1, maxSelect: 1, options: [{ name: t("Regular"), priceDelta: "0", isDefault: true }, { name: t("Large"), priceDelta: "2.00", isDefault: false }] };
  if (kind === "spice")
    return { name: t("Spice level"), kind: "single", minSelect: 1, maxSelect: 1, options: ["Mild", "Medium", "Hot"].map((n, i) => ({ name: t(n), priceDelta: "0", isDefault: i === 0 })) };
  if (kind === "addons")
    return { name: t("Add-ons"), kind: "multiple", minSelect: 0, maxSelect: 2, options: [{ name: t("Extra"), priceDelta: "1.00", isDefault: false }, { name: t("Another extra"), priceDelta: "1.50", isDefault: false }] };
  return { name: {}, kind: "single", minSelect: 0, maxSelect: 1, options: [{ name: {}, priceDelta: "0", isDefault: false }] };
}

function clientError(issues: ApiIssue[]): ApiError {
  return new ApiError(400, "invalid_menu", issues[0]!.message, { issues });
}

export function DishForm(props: { merchantId: string; menu: EditorMenu; dish?: MenuDish; categoryId: string; onDone: (saved: boolean) => void }) {
  const { menu } = props;
  const languages = menu.languages;
  const currency = menu.stores[0]?.currency ?? "EUR";
  const form = useForm<DishDraft>(toDraft(props.dish, props.categoryId, currency));
  const v = form.values;
  const headingId = useId();
  // The photo is uploaded when the dish is saved (a new dish has no id before that).
  const [photo, setPhoto] = useState<{ pending: PreparedImage | null; removed: boolean }>({ pending: null, removed: false });
  const savedPhoto = props.dish?.image ? imageUrl(props.merchantId, props.dish.image, 128) : (props.dish?.imageUrl ?? null);
  const shownPhoto = photo.pending?.preview ?? (photo.removed ? null : savedPhoto);
  const setGroups = (update: (groups: GroupDraft[]) => GroupDraft[]) => form.setValues((d) => ({ ...d, optionGroups: update(d.optionGroups) }));
  const setGroup = (gi: number, patch: Partial<GroupDraft>) => setGroups((gs) => gs.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const setOption = (gi: number, oi: number, patch: Partial<OptionDraft>) =>
    setGroups((gs) => gs.map((g, i) => (i === gi ? { ...g, options: g.options.map((o, j) => (j === oi ? { ...o, ...patch } : o)) } : g)));
  const setWindow = (wi: number, patch: Partial<TimeWindow>) => form.setValues((d) => ({ ...d, windows: d.windows.map((w, i) => (i === wi ? { ...w, ...patch } : w)) }));

  function body() {
    const issues: ApiIssue[] = [];
    const price = parsePrice(v.price, currency);
    if (price === null || price < 0) issues.push({ path: "price", message: "Enter a price such as 12.50." });
    const groups = v.optionGroups.map((g, gi) => ({
      ...(g.id ? { id: g.id } : {}),
      name: clean(g.name),
      kind: g.kind,
      minSelect: g.minSelect,
      maxSelect: g.kind === "single" ? 1 : g.maxSelect,
      options: g.options.map((o, oi) => {
        const delta = parsePrice(o.priceDelta || "0", currency);
        if (delta === null) issues.push({ path: `optionGroups.${gi}.options.${oi}.priceDelta`, message: "Enter a price change such as 1.50 or -0.50." });
        return { ...(o.id ? { id: o.id } : {}), name: clean(o.name), priceDelta: delta ?? 0, isDefault: o.isDefault };
      }),
    }));
    if (issues.length) throw clientError(issues);
    return {
      categoryId: v.categoryId,
      name: clean(v.name),
      description: clean(v.description),
      price: price!,
      tags: v.tags,
      spiceLevel: Number(v.spiceLevel),
      allergens: v.allergens,
      staffOnly: v.staffOnly,
      hidden: v.hidden,
      windows: v.windows,
      optionGroups: groups,
    };
  }

  async function save() {
    const ok = await form.submit(async () => {
      const b = body();
      const saved = props.dish
        ? await api<{ dish: MenuDish }>("PATCH", menuPath(props.merchantId, path`/dishes/${props.dish.id}`), b)
        : await api<{ dish: MenuDish }>("POST", menuPath(props.merchantId, "/dishes"), b);
      if (photo.pending) await uploadImage(dishImagePath(props.merchantId, saved.dish.id), photo.pending.files);
      else if (photo.removed && savedPhoto) await removeImage(dishImagePath(props.merchantId, saved.dish.id));
    });
    if (ok) props.onDone(true);
  }

  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  return (
    <section class="card menu-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.dish ? `Edit “${label(props.dish.name, languages)}”` : "New dish"}</h2>
      <Form form={form} onSubmit={save} aria-labelledby={headingId}>
        <TextsField label="Name" path="name" value={v.name} languages={languages} onValue={form.set("name")} err={form.err} required />
        <TextsField label="Description" path="description" value={v.description} languages={languages} onValue={form.set("description")} err={form.err} multiline />
        <div class="grid-2">
          <MoneyField label="Price" value={v.price} currency={currency} onValue={form.set("price")} error={form.err("price")} />
          <SelectField
            label="Category"
            value={v.categoryId}
            onValue={form.set("categoryId")}
            error={form.err("categoryId")}
            options={menu.categories.map((c) => ({ value: c.id, label: label(c.name, languages) }))}
          />
          <SelectField label="Spice" value={v.spiceLevel} onValue={form.set("spiceLevel")} options={SPICE_LABELS.map((l, i) => ({ value: String(i), label: l }))} />
        </div>

        <ImagePicker
          kind="dish"
          label="Photo"
          hint="A photo from your phone or computer, cropped square. Guests see it beside the price."
          current={shownPhoto}
          error={form.err("image")}
          onPick={(pending) => setPhoto({ pending, removed: false })}
          onRemove={() => setPhoto({ pending: null, removed: true })}
        />

        <fieldset class="plain" aria-describedby={form.err("tags") ? "tags-error" : undefined}>
          <legend>Diet</legend>
          <div class="check-grid">
            {Object.entries(TAG_LABELS).map(([tag, text]) => (
              <label class="check" key={tag}>
                <input type="checkbox" checked={v.tags.includes(tag)} onChange={(e) => form.set("tags")(toggle(v.tags, tag, e.currentTarget.checked))} />
                <span>{text}</span>
              </label>
            ))}
          </div>
          {form.err("tags") ? (
            <p class="field-error" id="tags-error">
              {form.err("tags")}
            </p>
          ) : null}
        </fieldset>

        <fieldset class="plain">
          <legend>Allergens it contains (EU 14)</legend>
          <div class="check-grid">
            {Object.entries(ALLERGEN_LABELS).map(([a, text]) => (
              <label class="check" key={a}>
                <input type="checkbox" checked={v.allergens.includes(a)} onChange={(e) => form.set("allergens")(toggle(v.allergens, a, e.currentTarget.checked))} />
                <span>{text}</span>
              </label>
            ))}
          </div>
          {form.err("allergens") ? <p class="field-error">{form.err("allergens")}</p> : null}
        </fieldset>

        <fieldset class="plain">
          <legend>Option groups</legend>
          {v.optionGroups.length === 0 ? <p class="muted small">No options: guests add this dish in one tap.</p> : null}
          {v.optionGroups.map((g, gi) => {
            const p = `optionGroups.${gi}`;
            return (
              <fieldset class="group-card" key={gi}>
                <legend>Group {gi + 1}{label(g.name, languages) ? `: ${label(g.name, languages)}` : ""}</legend>
                <TextsField label="Group name" path={`${p}.name`} value={g.name} languages={languages} onValue={(name) => setGroup(gi, { name })} err={form.err} required />
                <div class="row group-rules">
                  <SelectField
                    label="Choice"
                    value={g.kind}
                    onValue={(kind) => setGroup(gi, { kind: kind as GroupDraft["kind"], maxSelect: kind === "single" ? 1 : Math.max(g.maxSelect, 1), minSelect: Math.min(g.minSelect, 1) })}
                    options={[
                      { value: "single", label: "One of them" },
                      { value: "multiple", label: "Several" },
                    ]}
                  />
                  {g.kind === "single" ? (
                    <CheckboxField label="Required" checked={g.minSelect > 0} onValue={(on) => setGroup(gi, { minSelect: on ? 1 : 0 })} error={form.err(`${p}.minSelect`)} />
                  ) : (
                    <>
                      <NumberField label="At least" value={g.minSelect} min={0} max={40} onValue={(n) => setGroup(gi, { minSelect: n })} error={form.err(`${p}.minSelect`)} />
                      <NumberField label="At most" value={g.maxSelect} min={1} max={40} onValue={(n) => setGroup(gi, { maxSelect: n })} error={form.err(`${p}.maxSelect`)} />
                    </>
                  )}
                </div>
                {g.kind === "single" && form.err(`${p}.maxSelect`) ? <p class="field-error">{form.err(`${p}.maxSelect`)}</p> : null}
                {form.errors[`${p}.options`] ? <p class="field-error">{form.errors[`${p}.options`]}</p> : null}
                <ol class="option-list">
                  {g.options.map((o, oi) => {
                    const op = `${p}.options.${oi}`;
                    return (
                      <li key={oi} class="option-row">
                        <TextsField label={`Option ${oi + 1}`} path={`${op}.name`} value={o.name} languages={languages} onValue={(name) => setOption(gi, oi, { name })} err={form.err} required />
                        <div class="row">
                          <MoneyField label="Price change" value={o.priceDelta} currency={currency} allowNegative onValue={(priceDelta) => setOption(gi, oi, { priceDelta })} error={form.err(`${op}.priceDelta`)} />
                          <CheckboxField label="Preselected" checked={o.isDefault} onValue={(isDefault) => setOption(gi, oi, { isDefault })} />
                          <button
                            type="button"
                            class="btn btn-small btn-danger"
                            aria-label={`Remove option ${oi + 1} of group ${gi + 1}`}
                            onClick={() => setGroup(gi, { options: g.options.filter((_, j) => j !== oi) })}
                          >
                            Remove option
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ol>
                <div class="row">
                  <button type="button" class="btn btn-small" onClick={() => setGroup(gi, { options: [...g.options, { name: {}, priceDelta: "0", isDefault: false }] })}>
                    Add an option
                  </button>
                  <button type="button" class="btn btn-small btn-danger" onClick={() => setGroups((gs) => gs.filter((_, i) => i !== gi))}>
                    Remove this group
                  </button>
                </div>
              </fieldset>
            );
          })}
          <div class="row">
            <span class="muted small">Add a group:</span>
            {(["size", "spice", "addons", "blank"] as const).map((k) => (
              <button type="button" class="btn btn-small" key={k} onClick={() => setGroups((gs) => [...gs, preset(k, languages[0] ?? "en")])}>
                {{ size: "Size", spice: "Spice level", addons: "Add-ons", blank: "Empty group" }[k]}
              </button>
            ))}
          </div>
        </fieldset>

        <fieldset class="plain">
          <legend>When it is available</legend>
          {v.windows.length === 0 ? <p class="muted small">Always, whenever the store is open.</p> : null}
          {v.windows.map((w, wi) => (
            <fieldset class="group-card" key={wi}>
              <legend>Time window {wi + 1}</legend>
              <div class="day-row" role="group" aria-label="Days">
                {DAY_LABELS.map((d, i) => (
                  <label class="check" key={d}>
                    <input type="checkbox" checked={w.days.includes(i + 1)} onChange={(e) => setWindow(wi, { days: e.currentTarget.checked ? [...w.days, i + 1].sort() : w.days.filter((x) => x !== i + 1) })} />
                    <span>{d}</span>
                  </label>
                ))}
              </div>
              {form.err(`windows.${wi}.days`) ? <p class="field-error">{form.err(`windows.${wi}.days`)}</p> : null}
              <div class="row">
                <TextField label="From" type="time" value={w.from} onValue={(from) => setWindow(wi, { from })} error={form.err(`windows.${wi}.from`)} />
                <TextField label="To" type="time" value={w.to} onValue={(to) => setWindow(wi, { to })} error={form.err(`windows.${wi}.to`)} />
                <button type="button" class="btn btn-small btn-danger" onClick={() => form.setValues((d) => ({ ...d, windows: d.windows.filter((_, i) => i !== wi) }))}>
                  Remove window
                </button>
              </div>
            </fieldset>
          ))}
          <button type="button" class="btn btn-small" onClick={() => form.setValues((d) => ({ ...d, windows: [...d.windows, { days: [1, 2, 3, 4, 5], from: "11:30", to: "14:30" }] }))}>
            Add a time window
          </button>
          <p class="hint">Times are the store's local time ({menu.stores[0]?.timeZone.replace(/_/g, " ") ?? "store time"}).</p>
        </fieldset>

        <div class="row">
          <CheckboxField label="Staff only (never shown to guests)" checked={v.staffOnly} onValue={form.set("staffOnly")} />
          <CheckboxField label="Hidden from the menu" checked={v.hidden} onValue={form.set("hidden")} />
        </div>

        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={form.busy}>
            {form.busy ? "Saving…" : props.dish ? "Save dish" : "Add dish"}
          </button>
          <button type="button" class="btn" onClick={() => props.onDone(false)}>
            Cancel
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Drops empty translations so the API's "required in the fallback language" rule can speak. */
function clean(text: Text): Text {
  const out: Text = {};
  for (const [k, val] of Object.entries(text)) if (val.trim()) out[k] = val.trim();
  return out;
}
