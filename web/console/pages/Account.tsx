/** The signed-in user's account: who they are, where they belong, password change. */
import { http } from "../../shared/api";
import { roleLabel } from "../../shared/format";
import { Link } from "../../shared/router";
import { useSession } from "../../shared/session";
import { Form, PageHead, SubmitButton, TextField, useFlash, useForm } from "../../shared/ui";
import { merchantPath } from "../roles";

export function Account() {
  const { me } = useSession();
  const form = useForm({ currentPassword: "", newPassword: "" });
  const { values, set, err } = form;
  const [flash, showFlash] = useFlash();

  return (
    <section>
      <PageHead title="Your account" appName="Tableside Console" />
      <div class="card section">
        <dl class="kv">
          <dt>Name</dt>
          <dd>{me.user.name || "—"}</dd>
          <dt>Email</dt>
          <dd>{me.user.email}</dd>
          <dt>Roles</dt>
          <dd>
            {me.memberships.length === 0 ? "—" : null}
            <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
              {me.memberships.map((m, i) => (
                <li key={i}>
                  {roleLabel(m.role)}
                  {m.merchantId ? (
                    <>
                      {" "}
                      at <Link href={merchantPath(m.merchantId)}>{m.merchantName}</Link>
                    </>
                  ) : m.isvName ? (
                    ` of ${m.isvName}`
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
      <div class="card section">
        <h2 id="pw-heading">Change password</h2>
        <Form
          form={form}
          aria-labelledby="pw-heading"
          onSubmit={async () => {
            const ok = await form.submit(
              async () => {
                await http.post("/api/auth/password", values);
              },
              { fields: ["currentPassword", "newPassword"], codeFields: { wrong_password: "currentPassword" } },
            );
            if (ok) {
              form.reset({ currentPassword: "", newPassword: "" });
              showFlash("Password changed. Your other devices were signed out.");
            }
          }}
        >
          <TextField
            label="Current password"
            type="password"
            required
            autoComplete="current-password"
            value={values.currentPassword}
            onValue={set("currentPassword")}
            error={err("currentPassword")}
          />
          <TextField
            label="New password"
            type="password"
            required
            autoComplete="new-password"
            minLength={10}
            value={values.newPassword}
            onValue={set("newPassword")}
            error={err("newPassword")}
            hint="At least 10 characters. Changing it signs you out on your other devices."
          />
          <div class="form-actions">
            <SubmitButton busy={form.busy}>Change password</SubmitButton>
          </div>
          {flash}
        </Form>
      </div>
    </section>
  );
}
