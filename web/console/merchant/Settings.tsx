/** Owner-only merchant settings: name, public link, languages and branding. */
import { useId } from "preact/hooks";
import { http, path } from "../../shared/api";
import { SlugField } from "../../shared/SlugField";
import type { Merchant } from "../../shared/types";
import { Form, LanguagesField, PageHead, SubmitButton, TextField, useFlash, useForm } from "../../shared/ui";
import { useMerchant } from "./context";
import { BrandImages, shown } from "../images/BrandImages";

const DEFAULT_ACCENT = "#0f766e";
const FIELDS = ["name", "slug", "languages", "branding"];

export function MerchantSettings() {
  const { merchant, setMerchant } = useMerchant();
  const form = useForm({
    name: merchant.name,
    slug: merchant.slug,
    languages: merchant.languages,
    accentColor: merchant.branding.accentColor ?? "",
  });
  const { values, set, err, setValues } = form;
  const [flash, showFlash] = useFlash();

  async function save() {
    // The API merges branding key by key: an emptied field is sent as null to remove it. The logo
    // and cover are uploaded on their own (BrandImages), so they are not part of this change.
    const branding = { accentColor: values.accentColor.trim() || null };
    const ok = await form.submit(
      async () => {
        const { merchant: updated } = await http.patch<{ merchant: Merchant }>(path`/api/merchants/${merchant.id}`, {
          name: values.name,
          ...(values.slug.trim() !== merchant.slug ? { slug: values.slug.trim() } : {}),
          languages: values.languages,
          branding,
        });
        setMerchant(updated);
      },
      { fields: FIELDS, codeFields: { slug_taken: "slug" } },
    );
    if (ok) showFlash("Settings saved.");
  }

  return (
    <section>
      <PageHead title="Merchant settings" appName={merchant.name} lead="What guests see of your business on every store's pages." />
      <Form form={form} onSubmit={save} aria-label="Merchant settings">
        <fieldset>
          <legend>Business</legend>
          <TextField label="Business name" required autoComplete="organization" value={values.name} onValue={set("name")} error={err("name")} />
          <SlugField
            value={values.slug}
            current={merchant.slug}
            onValue={(slug) => setValues((v) => ({ ...v, slug }))}
            error={err("slug")}
          />
          {values.slug.trim() !== merchant.slug ? (
            <p class="hint">Links you shared to /m/{merchant.slug} stop working after the change. Table QR codes keep working.</p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Menu languages</legend>
          <LanguagesField value={values.languages} onValue={set("languages")} error={err("languages")} />
        </fieldset>
        <fieldset>
          <legend>Branding</legend>
          <ColorField value={values.accentColor} onValue={set("accentColor")} error={err("branding.accentColor")} />
          <BrandImages />
          <BrandPreview name={values.name} accent={values.accentColor || DEFAULT_ACCENT} logoUrl={shown(merchant, "logo")} coverUrl={shown(merchant, "cover")} />
        </fieldset>
        <div class="form-actions">
          <SubmitButton busy={form.busy}>Save settings</SubmitButton>
        </div>
        {flash}
      </Form>
    </section>
  );
}

function ColorField(props: { value: string; onValue: (value: string) => void; error?: string }) {
  const id = useId();
  const valid = /^#[0-9a-fA-F]{6}$/.test(props.value);
  return (
    <div class="field">
      <label for={id}>Accent colour</label>
      <div class="color-row">
        <input
          type="color"
          aria-label="Pick the accent colour"
          value={valid ? props.value : DEFAULT_ACCENT}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
        <input
          id={id}
          type="text"
          class="mono"
          placeholder={DEFAULT_ACCENT}
          value={props.value}
          maxLength={7}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
          onInput={(e) => props.onValue(e.currentTarget.value.trim())}
        />
        {props.value ? (
          <button type="button" class="btn btn-small" onClick={() => props.onValue("")}>
            Use the default
          </button>
        ) : null}
      </div>
      <p class="hint" id={`${id}-hint`}>
        Buttons and highlights on your guest pages. A hex colour like #1f6f5c; dark enough for white text.
      </p>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function BrandPreview(props: { name: string; accent: string; logoUrl: string; coverUrl: string }) {
  const safe = (url: string) => (/^(https?:\/\/|\/media\/)/.test(url.trim()) ? url.trim() : "");
  const cover = safe(props.coverUrl);
  const logo = safe(props.logoUrl);
  return (
    <div>
      <p class="label" style={{ fontWeight: 600, marginBottom: "0.3rem" }} id="brand-preview-label">
        Preview
      </p>
      <div class="brand-preview" aria-labelledby="brand-preview-label" role="img">
        <div class="cover" style={cover ? { backgroundImage: `url("${cover.replace(/"/g, "%22")}")` } : undefined} />
        <div class="body">
          {logo ? <img key={logo} class="logo" src={logo} alt="" onError={(e) => (e.currentTarget.style.visibility = "hidden")} /> : null}
          <strong>{props.name || "Your restaurant"}</strong>
          <span class="pill" style={{ background: /^#[0-9a-fA-F]{6}$/.test(props.accent) ? props.accent : DEFAULT_ACCENT }}>
            Add
          </span>
        </div>
      </div>
    </div>
  );
}
