/** An ISV creates a merchant with its first store; the owner's invitation link is shown to hand over. */
import { useState } from "preact/hooks";
import { http } from "../../shared/api";
import { slugify } from "../../shared/format";
import { Link } from "../../shared/router";
import { SlugField } from "../../shared/SlugField";
import { defaultStore, StoreFields, storeBody, type StoreValues } from "../../shared/StoreFields";
import type { Merchant } from "../../shared/types";
import { CopyField, Form, PageHead, SubmitButton, TextField, useForm } from "../../shared/ui";

const FIELDS = ["businessName", "slug", "ownerEmail", "ownerName", "store"];

function blank() {
  return { businessName: "", slug: "", slugEdited: false, storeNameEdited: false, ownerEmail: "", ownerName: "", store: defaultStore() };
}

export function CreateMerchant() {
  const form = useForm(blank());
  const { values, set, err, setValues } = form;
  const [created, setCreated] = useState<{ merchant: Merchant; inviteUrl: string; ownerEmail: string } | null>(null);

  const setBusinessName = (businessName: string) =>
    setValues((v) => ({
      ...v,
      businessName,
      slug: v.slugEdited ? v.slug : slugify(businessName),
      store: v.storeNameEdited ? v.store : { ...v.store, name: businessName },
    }));
  const setStore = (patch: Partial<StoreValues>) =>
    setValues((v) => ({ ...v, store: { ...v.store, ...patch }, storeNameEdited: v.storeNameEdited || patch.name !== undefined }));

  async function submit() {
    let result: { merchant: Merchant; inviteUrl: string } | undefined;
    const ok = await form.submit(
      async () => {
        result = await http.post("/api/isv/merchants", {
          businessName: values.businessName,
          ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
          ownerEmail: values.ownerEmail,
          ...(values.ownerName.trim() ? { ownerName: values.ownerName.trim() } : {}),
          store: storeBody(values.store),
        });
      },
      { fields: FIELDS, codeFields: { slug_taken: "slug" } },
    );
    if (ok && result) {
      setCreated({ ...result, ownerEmail: values.ownerEmail.trim().toLowerCase() });
      window.scrollTo(0, 0);
    }
  }

  if (created)
    return (
      <section>
        <PageHead title={`${created.merchant.name} is ready`} appName="Tableside Partner" />
        <div class="card stack">
          <p>
            The merchant and its first store exist. Give the owner, <strong>{created.ownerEmail}</strong>, this invitation link: they set their own
            password with it and land in the console. The link works once, for 7 days.
          </p>
          <CopyField label="Owner's invitation link" value={created.inviteUrl} buttonText="Copy link" />
          <div class="row">
            <a class="btn btn-primary" href={`/console/m/${encodeURIComponent(created.merchant.id)}`}>
              Open in the console
            </a>
            <Link class="btn" href="/partner/">
              Back to merchants
            </Link>
            <button
              type="button"
              class="btn"
              onClick={() => {
                form.reset(blank());
                setCreated(null);
              }}
            >
              Create another merchant
            </button>
          </div>
        </div>
      </section>
    );

  return (
    <section>
      <PageHead title="Create merchant" appName="Tableside Partner" lead="Set up a restaurant and its first store. Its owner gets an invitation link from you." />
      <Form form={form} onSubmit={submit} aria-label="Create merchant">
        <fieldset>
          <legend>Business</legend>
          <TextField label="Business name" required autoComplete="off" value={values.businessName} onValue={setBusinessName} error={err("businessName")} />
          <SlugField
            value={values.slug}
            autoAdopt={!values.slugEdited}
            onValue={(slug, byUser) => setValues((v) => ({ ...v, slug, slugEdited: v.slugEdited || byUser }))}
            error={err("slug")}
          />
        </fieldset>
        <fieldset>
          <legend>Owner</legend>
          <div class="grid-2">
            <TextField label="Owner email" type="email" required autoComplete="off" value={values.ownerEmail} onValue={set("ownerEmail")} error={err("ownerEmail")} />
            <TextField label="Owner name" autoComplete="off" value={values.ownerName} onValue={set("ownerName")} error={err("ownerName")} hint="Optional." />
          </div>
        </fieldset>
        <fieldset>
          <legend>First store</legend>
          <StoreFields values={values.store} onChange={setStore} err={err} prefix="store." showAddress />
        </fieldset>
        <div class="form-actions">
          <SubmitButton busy={form.busy} busyText="Creating…">
            Create merchant
          </SubmitButton>
          <Link href="/partner/">Cancel</Link>
        </div>
      </Form>
    </section>
  );
}
