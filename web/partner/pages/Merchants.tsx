/** The ISV's merchants in one table. */
import { http } from "../../shared/api";
import { formatDate } from "../../shared/format";
import { Link } from "../../shared/router";
import type { IsvMerchant } from "../../shared/types";
import { LoadError, Loading, PageHead, useAsync } from "../../shared/ui";

export function MerchantStatus(props: { status: string }) {
  return props.status === "active" ? <span class="badge badge-ok">Active</span> : <span class="badge badge-danger">Suspended</span>;
}

export function Merchants() {
  const list = useAsync(() => http.get<{ merchants: IsvMerchant[] }>("/api/isv/merchants"), []);
  const merchants = [...(list.data?.merchants ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <section>
      <PageHead
        title="Merchants"
        appName="Tableside Partner"
        lead="The restaurants you resell. Open one to manage it in the console."
        actions={
          <Link class="btn btn-primary" href="/partner/merchants/new">
            Create merchant
          </Link>
        }
      />
      {!list.data ? (
        list.error ? (
          <LoadError error={list.error} retry={list.reload} />
        ) : (
          <Loading />
        )
      ) : merchants.length === 0 ? (
        <div class="empty">
          <p>You have no merchants yet.</p>
          <p>
            <Link class="btn btn-primary" href="/partner/merchants/new">
              Create your first merchant
            </Link>
          </p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="data stack-sm">
            <caption class="visually-hidden">Your merchants, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Public link</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Owner email</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {merchants.map((m) => (
                <tr key={m.id}>
                  <td data-label="Name">
                    <Link href={`/partner/merchants/${encodeURIComponent(m.id)}`}>
                      <strong>{m.name}</strong>
                    </Link>
                  </td>
                  <td data-label="Public link" class="wrap">
                    <a href={`/m/${m.slug}`}>/m/{m.slug}</a>
                  </td>
                  <td data-label="Status">
                    <MerchantStatus status={m.status} />
                  </td>
                  <td data-label="Created">{formatDate(m.createdAt)}</td>
                  <td data-label="Owner email" class="wrap">
                    {m.ownerEmail ?? <span class="muted">Invitation not accepted yet</span>}
                  </td>
                  <td class="actions">
                    <a class="btn btn-small" href={`/console/m/${encodeURIComponent(m.id)}`} aria-label={`Open ${m.name} in the console`}>
                      Open
                    </a>
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
