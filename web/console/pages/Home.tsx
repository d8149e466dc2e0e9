/** /console/: straight into the only restaurant, or a choice between several. */
import { roleLabel } from "../../shared/format";
import { Link, Redirect } from "../../shared/router";
import { useSession } from "../../shared/session";
import { PageHead } from "../../shared/ui";
import { landingPath, merchantMemberships, merchantPath } from "../roles";

export function Home() {
  const { me } = useSession();
  const merchants = merchantMemberships(me);
  const landing = landingPath(me);
  if (landing !== "/console/" && landing.startsWith("/console/")) return <Redirect to={landing} />;
  const isv = me.memberships.find((m) => m.role === "isv_admin");
  const platform = me.memberships.some((m) => m.role === "platform_admin");

  return (
    <section>
      <PageHead title="Choose a restaurant" appName="Tableside Console" lead={`Signed in as ${me.user.email}.`} />
      {merchants.length > 0 ? (
        <ul class="card-grid" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Your restaurants">
          {merchants.map((m) => (
            <li class="card" key={m.merchantId}>
              <h2>
                <Link href={merchantPath(m.merchantId!)}>{m.merchantName}</Link>
              </h2>
              <p class="muted">
                Your role: {roleLabel(m.role)} · /m/{m.merchantSlug}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <div class="empty">
          <p>This account does not belong to a restaurant yet.</p>
          <p>
            Ask an owner for an invitation, or <Link href="/console/signup">create an account for your own restaurant</Link>.
          </p>
        </div>
      )}
      {isv ? (
        <div class="card" style={{ marginTop: "1.5rem" }}>
          <h2>Partner portal</h2>
          <p>You are an admin of the partner {isv.isvName}. Create and manage your merchants there.</p>
          <a class="btn" href="/partner/">
            Open the partner portal
          </a>
        </div>
      ) : null}
      {platform ? (
        <p class="muted" style={{ marginTop: "1.5rem" }}>
          As platform admin you can open any merchant by its console address, /console/m/&lt;merchant id&gt;.
        </p>
      ) : null}
    </section>
  );
}
