/** Create a store, or edit one: its details, open/closed, and whether every diner confirms. */
import { http, path } from "../../shared/api";
import { slugify } from "../../shared/format";
import { Link, navigate } from "../../shared/router";
import { defaultStore, StoreFields, storeBody, type StoreValues } from "../../shared/StoreFields";
import type { Store } from "../../shared/types";
import { CheckboxField, Form, LoadError, Loading, PageHead, RadioGroup, SubmitButton, TextField, useAsync, useFlash, useForm } from "../../shared/ui";
import { merchantPath } from "../roles";
import { useMerchant } from "./context";

interface Values {
  store: StoreValues;
  slug: string;
  slugEdited: boolean;
  status: "open" | "closed";
  requireAllConfirm: boolean;
  admission: "party" | "open";
  confirmFirstRound: boolean;
}

const FIELDS = ["name", "slug", "timeZone", "currency", "languages", "address", "status", "requireAllConfirm", "admission", "confirmFirstRound"];

export function StoreEditor(props: { storeId?: string }) {
  const { merchant } = useMerchant();
  const { storeId } = props;
  // New stores start from the first store's zone and currency and the merchant's languages.
  const loaded = useAsync(
    () =>
      storeId
        ? http.get<{ store: Store }>(path`/api/merchants/${merchant.id}/stores/${storeId}`).then((r) => r.store)
        : http.get<{ stores: Store[] }>(path`/api/merchants/${merchant.id}/stores`).then((r) => r.stores[0] ?? null),
    [merchant.id, storeId],
  );
  const title = storeId ? (loaded.data ? `Store: ${loaded.data.name}` : "Store") : "Add a store";

  if (loaded.data === undefined)
    return (
      <section>
        <PageHead title={title} appName={merchant.name} />
        {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : <Loading />}
      </section>
    );

  const base = loaded.data;
  const initial: Values = storeId && base
    ? {
        store: defaultStore(base),
        slug: base.slug,
        slugEdited: true,
        status: base.status,
        requireAllConfirm: base.requireAllConfirm,
        admission: base.admission,
        confirmFirstRound: base.confirmFirstRound,
      }
    : {
        store: defaultStore({ timeZone: base?.timeZone, currency: base?.currency, languages: merchant.languages }),
        slug: "",
        slugEdited: false,
        status: "open",
        requireAllConfirm: false,
        admission: "party",
        confirmFirstRound: false,
      };
  return <StoreForm key={storeId ?? "new"} title={title} storeId={storeId} initial={initial} onSaved={(s) => loaded.setData(s)} />;
}

function StoreForm(props: { title: string; storeId?: string; initial: Values; onSaved: (store: Store) => void }) {
  const { merchant } = useMerchant();
  const form = useForm<Values>(props.initial);
  const { values, setValues, err } = form;
  const [flash, showFlash] = useFlash();
  const editing = !!props.storeId;

  const setStore = (patch: Partial<StoreValues>) =>
    setValues((v) => ({
      ...v,
      store: { ...v.store, ...patch },
      slug: !v.slugEdited && patch.name !== undefined ? slugify(patch.name) : v.slug,
    }));

  async function save() {
    const extras = { status: values.status, requireAllConfirm: values.requireAllConfirm, admission: values.admission, confirmFirstRound: values.confirmFirstRound };
    const slug = values.slug.trim();
    let store: Store | undefined;
    const ok = await form.submit(
      async () => {
        if (editing) {
          store = (
            await http.patch<{ store: Store }>(path`/api/merchants/${merchant.id}/stores/${props.storeId!}`, {
              ...storeBody(values.store),
              address: values.store.address,
              ...(slug ? { slug } : {}),
              ...extras,
            })
          ).store;
        } else {
          store = (await http.post<{ store: Store }>(path`/api/merchants/${merchant.id}/stores`, { ...storeBody(values.store), ...(slug ? { slug } : {}) })).store;
          // Opening state and confirmation are settings of an existing store.
          if (values.status !== "open" || values.requireAllConfirm || values.admission !== "party" || values.confirmFirstRound)
            store = (await http.patch<{ store: Store }>(path`/api/merchants/${merchant.id}/stores/${store.id}`, extras)).store;
        }
      },
      { fields: FIELDS, codeFields: { slug_taken: "slug" } },
    );
    if (!ok || !store) return;
    if (editing) {
      props.onSaved(store);
      showFlash("Saved.");
    } else {
      navigate(`${merchantPath(merchant.id, "stores")}?created=${encodeURIComponent(store.name)}`);
    }
  }

  return (
    <section>
      <PageHead
        title={props.title}
        appName={merchant.name}
        actions={
          <>
            {editing ? (
              <Link class="btn" href={merchantPath(merchant.id, `stores/${props.storeId}/payments`)}>
                Payment settings
              </Link>
            ) : null}
            <Link class="btn" href={merchantPath(merchant.id, "stores")}>
              All stores
            </Link>
          </>
        }
      />
      <div class="card">
        <Form form={form} onSubmit={save} aria-label={editing ? "Store settings" : "New store"}>
          <StoreFields values={values.store} onChange={setStore} err={err} prefix="" showAddress />
          <TextField
            label="Store link"
            value={values.slug}
            onValue={(slug) => setValues((v) => ({ ...v, slug: slug.toLowerCase().replace(/\s+/g, "-"), slugEdited: true }))}
            error={err("slug")}
            hint={
              values.slug.trim()
                ? `The store's page: ${location.origin}/m/${merchant.slug}/${values.slug.trim()}`
                : "The store's page under your public link; made from the store name when left empty."
            }
            autoCapitalize="none"
            spellcheck={false}
          />
          <RadioGroup
            label="Status"
            value={values.status}
            onValue={(status) => setValues((v) => ({ ...v, status: status as Values["status"] }))}
            options={[
              { value: "open", label: "Open" },
              { value: "closed", label: "Closed" },
            ]}
            hint="A closed store shows its menu but takes no orders."
            error={err("status")}
          />
          <CheckboxField
            label="Require every diner to confirm"
            checked={values.requireAllConfirm}
            onValue={(requireAllConfirm) => setValues((v) => ({ ...v, requireAllConfirm }))}
            hint="When on, a table's order goes to the kitchen only after everyone at the table has confirmed it."
            error={err("requireAllConfirm")}
          />
          <RadioGroup
            label="Who can join a table"
            value={values.admission}
            onValue={(admission) => setValues((v) => ({ ...v, admission: admission as Values["admission"] }))}
            options={[
              { value: "party", label: "The party decides (recommended)" },
              { value: "open", label: "Anyone who scans (counters, food courts)" },
            ]}
            hint="With “the party decides”, the first phone opens the table; later phones are let in by someone already seated, with the table's join code, or by staff. A QR code photographed by someone else cannot join."
            error={err("admission")}
          />
          <CheckboxField
            label="Staff confirm the first round of a table a guest opened"
            checked={values.confirmFirstRound}
            onValue={(confirmFirstRound) => setValues((v) => ({ ...v, confirmFirstRound }))}
            hint="When on, the first order of a table opened by scanning waits on the staff board until a staff member confirms it."
            error={err("confirmFirstRound")}
          />
          <div class="form-actions">
            <SubmitButton busy={form.busy}>{editing ? "Save changes" : "Create store"}</SubmitButton>
            <Link href={merchantPath(merchant.id, "stores")}>Cancel</Link>
          </div>
          {flash}
        </Form>
      </div>
    </section>
  );
}
