/** Partner API keys: create (the secret is shown once), list, revoke. */
import { useState } from "preact/hooks";
import { http, path } from "../../shared/api";
import { formatDateTime } from "../../shared/format";
import type { ApiKey } from "../../shared/types";
import { ConfirmButton, CopyField, errorMessage, Form, LoadError, Loading, Notice, PageHead, SubmitButton, TextField, useAsync, useForm } from "../../shared/ui";

export function ApiKeys() {
  const keys = useAsync(() => http.get<{ keys: ApiKey[] }>("/api/isv/api-keys"), []);
  const form = useForm({ name: "" });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function create() {
    let created: { key: ApiKey; secret: string } | undefined;
    const ok = await form.submit(
      async () => {
        created = await http.post("/api/isv/api-keys", { name: form.values.name });
      },
      { fields: ["name"] },
    );
    if (ok && created) {
      setSecret({ name: created.key.name, secret: created.secret });
      form.reset({ name: "" });
      keys.reload();
    }
  }

  async function revoke(id: string) {
    setActionError(null);
    try {
      await http.del(path`/api/isv/api-keys/${id}`);
      keys.reload();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  }

  const list = [...(keys.data?.keys ?? [])].sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt - a.createdAt);

  return (
    <section>
      <PageHead
        title="API keys"
        appName="Tableside Partner"
        lead={
          <>
            Keys for the partner API (<code>/api/partner/v1</code>): send one as <code>Authorization: Bearer &lt;secret&gt;</code>.
          </>
        }
      />
      <div class="card section">
        <h2 id="new-key">Create a key</h2>
        <Form form={form} onSubmit={create} aria-labelledby="new-key">
          <TextField
            label="Key name"
            required
            autoComplete="off"
            value={form.values.name}
            onValue={form.set("name")}
            error={form.err("name")}
            hint="Where it is used, e.g. “billing system”."
          />
          <div class="form-actions">
            <SubmitButton busy={form.busy} busyText="Creating…">
              Create key
            </SubmitButton>
          </div>
        </Form>
        {secret ? (
          <div class="secret-box" role="status" style={{ marginTop: "1rem" }}>
            <p>
              <strong>Copy the secret of “{secret.name}” now: it is shown only this once.</strong> Store it where your system keeps secrets.
            </p>
            <CopyField label="Secret key" value={secret.secret} buttonText="Copy secret" />
            <button type="button" class="btn btn-small" onClick={() => setSecret(null)}>
              I have copied it
            </button>
          </div>
        ) : null}
      </div>
      {actionError ? (
        <div class="section">
          <Notice kind="error" role="alert">
            <p>{actionError}</p>
          </Notice>
        </div>
      ) : null}
      <h2>Your keys</h2>
      {!keys.data ? (
        keys.error ? (
          <LoadError error={keys.error} retry={keys.reload} />
        ) : (
          <Loading />
        )
      ) : list.length === 0 ? (
        <div class="empty">
          <p>No keys yet.</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="data stack-sm">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((k) => (
                <tr key={k.id}>
                  <td data-label="Name">{k.name}</td>
                  <td data-label="Starts with">
                    <span class="mono">tsk_{k.prefix}_…</span>
                  </td>
                  <td data-label="Created">{formatDateTime(k.createdAt)}</td>
                  <td data-label="Last used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}</td>
                  <td data-label="Status">
                    {k.revokedAt ? <span class="badge badge-danger">Revoked {formatDateTime(k.revokedAt)}</span> : <span class="badge badge-ok">Active</span>}
                  </td>
                  <td class="actions">
                    {k.revokedAt ? null : (
                      <ConfirmButton
                        label="Revoke"
                        name={`Revoke ${k.name}`}
                        confirmLabel="Yes, revoke"
                        question="Revoke? Calls with it stop working."
                        onConfirm={() => revoke(k.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
