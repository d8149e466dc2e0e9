/** Staff: invite with a role (and optionally one store), hand over the link, manage members
 * (owners change roles and remove people) and pending invitations. */
import { useEffect, useRef, useState } from "preact/hooks";
import { http, path } from "../../shared/api";
import { formatDate, roleLabel } from "../../shared/format";
import { useSession } from "../../shared/session";
import type { Invitation, MerchantRole, StaffMember, Store } from "../../shared/types";
import {
  ConfirmButton,
  CopyField,
  errorMessage,
  Form,
  LoadError,
  Loading,
  Notice,
  PageHead,
  SelectField,
  SubmitButton,
  TextField,
  useAsync,
  useForm,
} from "../../shared/ui";
import { useMerchant } from "./context";

interface StaffData {
  members: StaffMember[];
  invitations: Invitation[];
  stores: Store[];
}

const ROLE_HELP: Record<string, string> = {
  manager: "Manager: everything but merchant settings and staff roles.",
  waiter: "Waiter: the staff board, tables and service calls.",
  kitchen: "Kitchen: the staff board's orders and item states.",
};

export function Staff() {
  const { merchant, access } = useMerchant();
  const data = useAsync<StaffData>(async () => {
    const [staff, stores] = await Promise.all([
      http.get<{ members: StaffMember[]; invitations: Invitation[] }>(path`/api/merchants/${merchant.id}/staff`),
      http.get<{ stores: Store[] }>(path`/api/merchants/${merchant.id}/stores`),
    ]);
    return { ...staff, stores: stores.stores };
  }, [merchant.id]);
  const [actionError, setActionError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      data.reload();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  return (
    <section>
      <PageHead title="Staff" appName={merchant.name} lead="Invite people with a role; they set their own password from the link you give them." />
      <InviteForm canInviteManagers={access.role === "owner"} stores={data.data?.stores ?? []} onInvited={data.reload} />
      {actionError ? (
        <div class="section">
          <Notice kind="error" role="alert">
            <p>{actionError}</p>
          </Notice>
        </div>
      ) : null}
      {!data.data ? (
        data.error ? (
          <LoadError error={data.error} retry={data.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <Members data={data.data} canManage={access.role === "owner"} run={run} />
          <Invitations data={data.data} run={run} />
        </>
      )}
    </section>
  );
}

function storeName(stores: Store[], id: string | null) {
  if (!id) return "All stores";
  return stores.find((s) => s.id === id)?.name ?? "A removed store";
}

function InviteForm(props: { canInviteManagers: boolean; stores: Store[]; onInvited: () => void }) {
  const { merchant } = useMerchant();
  const form = useForm({ email: "", name: "", role: "waiter" as MerchantRole, storeId: "" });
  const { values, set, err } = form;
  const [result, setResult] = useState<{ email: string; url: string; expiresAt: number } | null>(null);
  const roles = (props.canInviteManagers ? ["manager", "waiter", "kitchen"] : ["waiter", "kitchen"]).map((r) => ({ value: r, label: roleLabel(r) }));

  async function invite() {
    let created: { invitation: Invitation; inviteUrl: string } | undefined;
    const ok = await form.submit(
      async () => {
        created = await http.post(path`/api/merchants/${merchant.id}/staff/invitations`, {
          email: values.email,
          ...(values.name.trim() ? { name: values.name.trim() } : {}),
          role: values.role,
          ...(values.storeId ? { storeId: values.storeId } : {}),
        });
      },
      { fields: ["email", "name", "role", "storeId"], codeFields: { already_member: "email", invalid_request: "storeId", forbidden: "role" } },
    );
    if (ok && created) {
      setResult({ email: created.invitation.email, url: created.inviteUrl, expiresAt: created.invitation.expiresAt });
      form.reset({ email: "", name: "", role: values.role, storeId: values.storeId });
      props.onInvited();
    }
  }

  return (
    <div class="card section">
      <h2 id="invite-heading">Invite someone</h2>
      <Form form={form} onSubmit={invite} aria-labelledby="invite-heading">
        <div class="grid-2">
          <TextField label="Email" type="email" required autoComplete="off" value={values.email} onValue={set("email")} error={err("email")} />
          <TextField label="Name" autoComplete="off" value={values.name} onValue={set("name")} error={err("name")} hint="Optional." />
          <SelectField label="Role" value={values.role} onValue={(r) => set("role")(r as MerchantRole)} options={roles} error={err("role")} hint={ROLE_HELP[values.role]} />
          <SelectField
            label="Store"
            value={values.storeId}
            onValue={set("storeId")}
            options={[{ value: "", label: "All stores" }, ...props.stores.map((s) => ({ value: s.id, label: s.name }))]}
            error={err("storeId")}
            hint="Limit the person to one store, or let them work in all."
          />
        </div>
        <div class="form-actions">
          <SubmitButton busy={form.busy} busyText="Creating…">
            Create invitation
          </SubmitButton>
        </div>
      </Form>
      {result ? (
        <div class="notice notice-ok" role="status" style={{ marginTop: "1rem" }}>
          <p>
            <strong>Invitation for {result.email} created.</strong> Send them this link (by message or email); it works once, until{" "}
            {formatDate(result.expiresAt)}.
          </p>
          <CopyField label="Invitation link" value={result.url} buttonText="Copy link" />
        </div>
      ) : null}
    </div>
  );
}

function Members(props: { data: StaffData; canManage: boolean; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const { merchant } = useMerchant();
  const { me } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const { members, stores } = props.data;
  return (
    <div class="section">
      <h2>Team ({members.length})</h2>
      <div class="table-wrap">
        <table class="data stack-sm">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Store</th>
              {props.canManage ? (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const self = m.userId === me.user.id;
              return [
                <tr key={m.membershipId}>
                  <td data-label="Name">
                    {m.name || "—"}
                    {self ? <span class="muted"> (you)</span> : null}
                  </td>
                  <td data-label="Email" class="wrap">
                    {m.email}
                  </td>
                  <td data-label="Role">{roleLabel(m.role)}</td>
                  <td data-label="Store">{storeName(stores, m.storeId)}</td>
                  {props.canManage ? (
                    <td class="actions">
                      {self || editing === m.membershipId ? null : (
                        <span class="row">
                          <button type="button" class="btn btn-small" onClick={() => setEditing(m.membershipId)} aria-label={`Change role of ${m.email}`}>
                            Change role
                          </button>
                          <ConfirmButton
                            label="Remove"
                            name={`Remove ${m.email}`}
                            confirmLabel="Yes, remove"
                            question="Remove from the team?"
                            onConfirm={() => props.run(() => http.del(path`/api/merchants/${merchant.id}/staff/${m.membershipId}`))}
                          />
                        </span>
                      )}
                    </td>
                  ) : null}
                </tr>,
                editing === m.membershipId ? (
                  <tr key={`${m.membershipId}-edit`} class="edit-row">
                    <td colSpan={5}>
                      <RoleEditor
                        member={m}
                        stores={stores}
                        onCancel={() => setEditing(null)}
                        onSave={(role, storeId) =>
                          props.run(async () => {
                            await http.patch(path`/api/merchants/${merchant.id}/staff/${m.membershipId}`, { role, storeId });
                            setEditing(null);
                          })
                        }
                      />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RoleEditor(props: { member: StaffMember; stores: Store[]; onSave: (role: MerchantRole, storeId: string | null) => void; onCancel: () => void }) {
  const [role, setRole] = useState<MerchantRole>(props.member.role);
  const [storeId, setStoreId] = useState(props.member.storeId ?? "");
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const id = props.member.membershipId;
  return (
    <form
      class="role-editor"
      aria-label={`Role of ${props.member.email}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(role, storeId || null);
      }}
    >
      <div class="field">
        <label for={`role-${id}`}>New role for {props.member.email}</label>
        <select ref={ref} id={`role-${id}`} value={role} onChange={(e) => setRole(e.currentTarget.value as MerchantRole)}>
          {(["owner", "manager", "waiter", "kitchen"] as const).map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`store-${id}`}>Store of {props.member.email}</label>
        <select id={`store-${id}`} value={storeId} onChange={(e) => setStoreId(e.currentTarget.value)}>
          <option value="">All stores</option>
          {props.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <button type="submit" class="btn btn-primary">
          Save role
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Invitations(props: { data: StaffData; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const { merchant } = useMerchant();
  const { invitations, stores } = props.data;
  return (
    <div class="section">
      <h2>Pending invitations ({invitations.length})</h2>
      {invitations.length === 0 ? (
        <p class="muted">No pending invitations. Accepted invitations move to the team above.</p>
      ) : (
        <div class="table-wrap">
          <table class="data stack-sm">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Store</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td data-label="Email" class="wrap">
                    {i.email}
                    {i.name ? <div class="muted small">{i.name}</div> : null}
                  </td>
                  <td data-label="Role">{roleLabel(i.role)}</td>
                  <td data-label="Store">{storeName(stores, i.storeId)}</td>
                  <td data-label="Expires">{formatDate(i.expiresAt)}</td>
                  <td class="actions">
                    <ConfirmButton
                      label="Revoke"
                      name={`Revoke the invitation for ${i.email}`}
                      confirmLabel="Yes, revoke"
                      question="Revoke? The link stops working."
                      onConfirm={() => props.run(() => http.del(path`/api/merchants/${merchant.id}/staff/invitations/${i.id}`))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
