/** The merchant's home: its public link, stores and the next set-up steps for its role. */
import { http, path } from "../../shared/api";
import { languageName, publicLink, roleLabel } from "../../shared/format";
import { Link } from "../../shared/router";
import type { Invitation, StaffMember, Store } from "../../shared/types";
import { LoadError, Loading, PageHead, useAsync } from "../../shared/ui";
import { MANAGERS, merchantPath } from "../roles";
import { useMerchant } from "./context";

export function StoreStatus(props: { status: string }) {
  return props.status === "open" ? <span class="badge badge-ok">Open</span> : <span class="badge badge-off">Closed</span>;
}

export function Overview() {
  const { merchant, access } = useMerchant();
  const manager = MANAGERS.includes(access.role);
  const stores = useAsync(() => http.get<{ stores: Store[] }>(path`/api/merchants/${merchant.id}/stores`), [merchant.id]);
  const staff = useAsync(
    () => (manager ? http.get<{ members: StaffMember[]; invitations: Invitation[] }>(path`/api/merchants/${merchant.id}/staff`) : Promise.resolve(null)),
    [merchant.id, manager],
  );
  const link = publicLink(merchant.slug);
  const viaNote =
    access.via === "isv" ? "You are managing this restaurant as its partner." : access.via === "platform" ? "You are viewing this restaurant as platform admin." : null;

  return (
    <section>
      <PageHead
        title={merchant.name}
        appName="Tableside Console"
        lead={
          <>
            Your role: {roleLabel(access.role)}
            {viaNote ? ` · ${viaNote}` : ""}
            {merchant.status !== "active" ? (
              <>
                {" "}
                · <span class="badge badge-danger">Suspended</span>
              </>
            ) : null}
          </>
        }
      />

      {access.role === "waiter" || access.role === "kitchen" ? (
        <div class="card section">
          <h2>Today's service</h2>
          <p>New orders, calls and table states are on the staff board.</p>
          <a class="btn btn-primary" href="/staff/">
            Open the staff board
          </a>
        </div>
      ) : null}

      <div class="card-grid section">
        <div class="card">
          <h2>Public link</h2>
          <p class="muted small">Your restaurant page: guests read the menu before they come. They order from the QR code on their table.</p>
          <p style={{ overflowWrap: "anywhere" }}>
            <a href={`/m/${merchant.slug}`}>{link}</a>
          </p>
        </div>
        <div class="card">
          <h2>Menu languages</h2>
          <p>{merchant.languages.map(languageName).join(", ")}</p>
          {access.role === "owner" ? <Link href={merchantPath(merchant.id, "settings")}>Change in settings</Link> : null}
        </div>
        {manager ? (
          <div class="card">
            <h2>Team</h2>
            {staff.data ? (
              <>
                <p class="stat">{staff.data.members.length}</p>
                <p class="muted small">
                  {staff.data.members.length === 1 ? "member" : "members"}, {staff.data.invitations.length} pending{" "}
                  {staff.data.invitations.length === 1 ? "invitation" : "invitations"}
                </p>
              </>
            ) : staff.error ? (
              <LoadError error={staff.error} retry={staff.reload} />
            ) : (
              <Loading />
            )}
            <Link href={merchantPath(merchant.id, "staff")}>Invite staff</Link>
          </div>
        ) : null}
      </div>

      <div class="section">
        <div class="page-head" style={{ marginBottom: "0.75rem" }}>
          <h2 style={{ margin: 0 }}>Stores</h2>
          {manager ? (
            <Link class="btn btn-small" href={merchantPath(merchant.id, "stores/new")}>
              Add a store
            </Link>
          ) : null}
        </div>
        {stores.data ? (
          <ul class="card-grid" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {stores.data.stores.map((s) => (
              <li class="card" key={s.id}>
                <h3 class="row" style={{ justifyContent: "space-between" }}>
                  {manager ? <Link class="tap" href={merchantPath(merchant.id, `stores/${s.id}`)}>{s.name}</Link> : s.name}
                  <StoreStatus status={s.status} />
                </h3>
                <p class="muted small">
                  {s.timeZone.replace(/_/g, " ")} · {s.currency} · {s.languages.join(", ")}
                </p>
                {s.requireAllConfirm ? <p class="small">Every diner confirms before an order is sent.</p> : null}
              </li>
            ))}
          </ul>
        ) : stores.error ? (
          <LoadError error={stores.error} retry={stores.reload} />
        ) : (
          <Loading />
        )}
      </div>

      {manager ? (
        <div class="section">
          <h2>Set up</h2>
          <div class="card-grid">
            <NextStep href={merchantPath(merchant.id, "menu")} title="Menu" text="Categories, dishes, options and translations." />
            <NextStep href={merchantPath(merchant.id, "tables")} title="Tables & QR codes" text="Add tables and print their QR codes." />
            <NextStep href={merchantPath(merchant.id, "staff")} title="Staff" text="Invite managers, waiters and the kitchen." />
          </div>
        </div>
      ) : null}
    </section>
  );
}

function NextStep(props: { href: string; title: string; text: string }) {
  return (
    <div class="card">
      <h3>
        <Link href={props.href}>{props.title}</Link>
      </h3>
      <p class="muted small">{props.text}</p>
    </div>
  );
}
