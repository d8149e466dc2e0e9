/** The console: public screens (sign-up, sign-in, invitation) and the signed-in app. */
import { match, Redirect, setBase, useLocation } from "../shared/router";
import { fetchMe, SessionContext, useMe } from "../shared/session";
import { LoadError, Loading } from "../shared/ui";
import { ConsoleFrame } from "./Frame";
import { MerchantShell } from "./merchant/Shell";
import { AcceptInvite } from "./pages/AcceptInvite";
import { Account } from "./pages/Account";
import { Home } from "./pages/Home";
import { Login } from "./pages/Login";
import { NotFound } from "./pages/NotFound";
import { SignUp } from "./pages/SignUp";

setBase("/console/");

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

  let params: Record<string, string> | null;
  if (path === "/console/signup") return <SignUp me={me} onSignedUp={setMe} />;
  if (path === "/console/login") return me ? <Redirect to={safeNext(search.get("next")) ?? "/console/"} /> : <Login onSignedIn={setMe} next={safeNext(search.get("next"))} />;
  if ((params = match("/console/invite/:token", path))) return <AcceptInvite token={params.token!} me={me} onAccepted={setMe} />;
  if (!me) {
    const next = path === "/console" ? "" : `?next=${encodeURIComponent(path + (search.size ? `?${search}` : ""))}`;
    return <Redirect to={`/console/login${next}`} />;
  }

  const session = {
    me,
    setMe,
    refresh: async () => setMe(await fetchMe()),
  };
  let page;
  if (path === "/console") page = <Home />;
  else if (path === "/console/account") page = <Account />;
  else if ((params = match("/console/m/:merchantId/*", path))) page = <MerchantShell key={params.merchantId} merchantId={params.merchantId!} rest={params.rest!} />;
  else page = <NotFound />;

  return (
    <SessionContext.Provider value={session}>
      <ConsoleFrame>{page}</ConsoleFrame>
    </SessionContext.Provider>
  );
}

/** Only paths inside the console are followed after sign-in. */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith("/console/") && !next.startsWith("//") ? next : undefined;
}
