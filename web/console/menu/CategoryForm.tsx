/** Create or edit a category: names, description, kitchen station, hidden. */
import { useId } from "preact/hooks";
import { api, path } from "../../shared/api";
import { CheckboxField, Form, TextField, useForm } from "../../shared/ui";
import { TextsField } from "./fields";
import { label, menuPath, type EditorMenu, type MenuCategory, type Text } from "./model";

interface Draft {
  name: Text;
  description: Text;
  station: string;
  hidden: boolean;
}

export function CategoryForm(props: { merchantId: string; menu: EditorMenu; category?: MenuCategory; onDone: (saved: boolean) => void }) {
  const { category, menu } = props;
  const headingId = useId();
  const form = useForm<Draft>({
    name: { ...category?.name },
    description: { ...category?.description },
    station: category?.station ?? "kitchen",
    hidden: category?.hidden ?? false,
  });
  const v = form.values;
  const clean = (t: Text) => Object.fromEntries(Object.entries(t).filter(([, s]) => s.trim()).map(([k, s]) => [k, s.trim()]));
  async function save() {
    const body = { name: clean(v.name), description: clean(v.description), station: v.station.trim(), hidden: v.hidden };
    const ok = await form.submit(async () => {
      if (category) await api("PATCH", menuPath(props.merchantId, path`/categories/${category.id}`), body);
      else await api("POST", menuPath(props.merchantId, "/categories"), body);
    });
    if (ok) props.onDone(true);
  }
  return (
    <section class="card menu-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{category ? `Edit “${label(category.name, menu.languages)}”` : "New category"}</h2>
      <Form form={form} onSubmit={save} aria-labelledby={headingId}>
        <TextsField label="Name" path="name" value={v.name} languages={menu.languages} onValue={form.set("name")} err={form.err} required />
        <TextsField label="Description" path="description" value={v.description} languages={menu.languages} onValue={form.set("description")} err={form.err} multiline />
        <div class="grid-2">
          <TextField label="Kitchen station" value={v.station} onValue={form.set("station")} error={form.err("station")} hint="Where its dishes are prepared, e.g. kitchen, wok, bar." />
        </div>
        <CheckboxField label="Hidden from the menu" checked={v.hidden} onValue={form.set("hidden")} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={form.busy}>
            {form.busy ? "Saving…" : category ? "Save category" : "Add category"}
          </button>
          <button type="button" class="btn" onClick={() => props.onDone(false)}>
            Cancel
          </button>
        </div>
      </Form>
    </section>
  );
}
