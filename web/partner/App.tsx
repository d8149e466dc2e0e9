/** The partner (ISV) portal: sign-in, the ISV's merchants, creating one, API keys. */
import type { ComponentChildren } from "preact";
import { AppFrame } from "../shared/AppFrame";
import { LoginForm } from "../shared/LoginForm";
import { Link, match, navigate, NavLink, Redirect, setBase, useCurrentLinkInView, useLocation } from "../shared/router";
import { fetchMe, SessionContext, useMe } from "../shared/session";
import type { Me } from "../shared/types";
import { AuthScreen, LoadError, Loading, Notice, PageHead } from "../shared/ui";
import { ApiKeys } from "./pages/ApiKeys";
import { CreateMerchant } from "./pages/CreateMerchant";
import { MerchantDetail } from "./pages/MerchantDetail";
import { Merchants } from "./pages/Merchants";

setBase("/partner/");

export function App() {
  const { me, setMe, error, reload: load } = useMe();
  const { path, search } = useLocation();

  if (error)
    return (
      <main class="auth-wrap" id="main">
        <LoadError error={error} retry={load} />
      </main>
    );
  if (me === undefined) return <Loading />;

  if (path === "/partner/login") {
    const next = search.get("next");
    if (me) return <Redirect to={next?.startsWith("/partner/") ? next : "/partner/"} />;
    return (
      <AuthScreen title="Partner portal sign in" appName="Partner" brandHref="/partner/" lead="For resellers who set up and manage restaurants on Tableside.">
        <LoginForm
          onSignedIn={(signedIn) => {
            setMe(signedIn);
            navigate(next?.startsWith("/partner/") ? next : "/partner/", { replace: true });
          }}
        />
      </AuthScreen>
    );
  }
  if (!me) return <Redirect to={path === "/partner" ? "/partner/login" : `/partner/login?next=${encodeURIComponent(path)}`} />;

  const isv = me.memberships.find((m) => m.role === "isv_admin");
  const session = { me, setMe, refresh: async () => setMe(await fetchMe()) };

  let page: ComponentChildren;
  let params: Record<string, string> | null;
  if (!isv) page = <NotPartner me={me} />;
  else if (path === "/partner") page = <Merchants />;
  else if (path === "/partner/merchants/new") page = <CreateMerchant />;
  else if ((params = match("/partner/merchants/:merchantId", path))) page = <MerchantDetail key={params.merchantId} merchantId={params.merchantId!} />;
  else if (path === "/partner/keys") page = <ApiKeys />;
  else
    page = (
      <section>
        <PageHead title="Page not found" appName="Tableside Partner" />
        <p>
          There is no partner portal page at this address. <Link href="/partner/">Go to your merchants</Link>
        </p>
      </section>
    );

  return (
    <SessionContext.Provider value={session}>
      <PartnerFrame isvName={isv?.isvName ?? null}>{page}</PartnerFrame>
    </SessionContext.Provider>
  );
}

function PartnerFrame(props: { isvName: string | null; children: ComponentChildren }) {
  const nav = useCurrentLinkInView<HTMLElement>();
  return (
    <AppFrame home="/partner/" product={`Partner${props.isvName ? ` · ${props.isvName}` : ""}`} loginPath="/partner/login">
      {props.isvName !== null ? (
        <div class="with-nav">
          <nav class="side-nav" aria-label="Partner portal" ref={nav}>
            <p class="nav-title">{props.isvName}</p>
            <ul>
              <li>
                <NavLink href="/partner/" exact>
                  Merchants
                </NavLink>
              </li>
              <li>
                <NavLink href="/partner/merchants/new">Create merchant</NavLink>
              </li>
              <li>
                <NavLink href="/partner/keys">API keys</NavLink>
              </li>
            </ul>
          </nav>
          <div>{props.children}</div>
        </div>
      ) : (
        props.children
      )}
    </AppFrame>
  );
}

function NotPartner(props: { me: Me }) {
  return (
    <section>
      <PageHead title="Not a partner account" appName="Tableside Partner" />
      <Notice kind="warn" role="alert">
        <p>
          {props.me.user.email} is not an admin of a partner (ISV), so the partner portal has nothing to show. Sign out and sign in with your partner
          account, or open the console.
        </p>
      </Notice>
      <p style={{ marginTop: "1rem" }}>
        <a class="btn" href="/console/">
          Open the console
        </a>
      </p>
    </section>
  );
}
