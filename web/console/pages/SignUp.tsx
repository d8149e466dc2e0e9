/** Merchant sign-up: the business, its public link, the owner's account and the first store. */
import { http } from "../../shared/api";
import { slugify } from "../../shared/format";
import { Link, navigate } from "../../shared/router";
import { remember } from "../../shared/session";
import { SlugField } from "../../shared/SlugField";
import { defaultStore, StoreFields, storeBody, type StoreValues } from "../../shared/StoreFields";
import type { Me } from "../../shared/types";
import { AuthScreen, Form, Notice, SubmitButton, TextField, useForm } from "../../shared/ui";
import { landingPath } from "../roles";

const FIELDS = ["businessName", "slug", "ownerName", "email", "password", "store"];

export function SignUp(props: { me: Me | null; onSignedUp: (me: Me) => void }) {
  const form = useForm({
    businessName: "",
    slug: "",
    slugEdited: false,
    storeNameEdited: false,
    ownerName: "",
    email: "",
    password: "",
    store: defaultStore(),
  });
  const { values, set, err, setValues } = form;

  const setBusinessName = (businessName: string) =>
    setValues((v) => ({
      ...v,
      businessName,
      slug: v.slugEdited ? v.slug : slugify(businessName),
      store: v.storeNameEdited ? v.store : { ...v.store, name: businessName },
    }));
  const setStore = (patch: Partial<StoreValues>) =>
    setValues((v) => ({ ...v, store: { ...v.store, ...patch }, storeNameEdited: v.storeNameEdited || patch.name !== undefined }));

  const submit = () =>
    form.submit(
      async () => {
        const me = remember(
          await http.post<Me>("/api/auth/signup", {
            businessName: values.businessName,
            ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
            ownerName: values.ownerName,
            email: values.email,
            password: values.password,
            store: storeBody(values.store),
          }),
        );
        props.onSignedUp(me);
        navigate(landingPath(me), { replace: true });
      },
      { fields: FIELDS, codeFields: { slug_taken: "slug", email_taken: "email" } },
    );

  return (
    <AuthScreen
      wide
      title="Create your restaurant's account"
      appName="Console"
      brandHref="/console/"
      lead="Set up your business and its first store. You can add menus, tables and staff right after."
      foot={
        <p>
          Already have an account? <Link href="/console/login">Sign in</Link>
        </p>
      }
    >
      {props.me ? (
        <Notice kind="info">
          <p>
            You are signed in as {props.me.user.email}. Creating an account with another email signs you in as that new owner.
          </p>
        </Notice>
      ) : null}
      <Form form={form} onSubmit={submit} aria-label="Sign up">
        <fieldset>
          <legend>Your business</legend>
          <TextField
            label="Business name"
            required
            autoComplete="organization"
            value={values.businessName}
            onValue={setBusinessName}
            error={err("businessName")}
          />
          <SlugField
            value={values.slug}
            autoAdopt={!values.slugEdited}
            onValue={(slug, byUser) => setValues((v) => ({ ...v, slug, slugEdited: v.slugEdited || byUser }))}
            error={err("slug")}
          />
        </fieldset>
        <fieldset>
          <legend>Your account</legend>
          <TextField label="Your name" autoComplete="name" value={values.ownerName} onValue={set("ownerName")} error={err("ownerName")} hint="Optional." />
          <TextField label="Email" type="email" required autoComplete="email" value={values.email} onValue={set("email")} error={err("email")} />
          <TextField
            label="Password"
            type="password"
            required
            autoComplete="new-password"
            minLength={10}
            value={values.password}
            onValue={set("password")}
            error={err("password")}
            hint="At least 10 characters."
          />
        </fieldset>
        <fieldset>
          <legend>Your first store</legend>
          <StoreFields values={values.store} onChange={setStore} err={err} prefix="store." nameHint="For example the street or neighbourhood. You can add more stores later." />
        </fieldset>
        <div class="form-actions">
          <SubmitButton busy={form.busy} busyText="Creating your account…">
            Create account
          </SubmitButton>
        </div>
      </Form>
    </AuthScreen>
  );
}
