/** The signed-in frame shared by the console and the partner portal: skip link, header, main. */
import type { ComponentChildren } from "preact";
import { Link, navigate } from "./router";
import { signOut, useSession } from "./session";

export function AppFrame(props: {
  /** Where the brand links to, e.g. "/console/". */
  home: string;
  /** Shown after "Tableside", e.g. "Console". */
  product: string;
  /** Where signing out lands, e.g. "/console/login". */
  loginPath: string;
  /** Beside the brand (e.g. the restaurant switcher). */
  start?: ComponentChildren;
  /** Buttons before the user's email. */
  actions?: ComponentChildren;
  /** Buttons between the email and "Sign out". */
  userActions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { me, setMe } = useSession();

  async function onSignOut() {
    try {
      await signOut();
    } finally {
      navigate(props.loginPath);
      setMe(null);
    }
  }

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <Link class="brand" href={props.home}>
            Tableside <small>{props.product}</small>
          </Link>
          {props.start}
          <span class="header-spacer" />
          <div class="header-actions">
            {props.actions}
            <span class="header-user">{me.user.email}</span>
            {props.userActions}
            <button type="button" class="btn btn-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main class="app-main" id="main">
        {props.children}
      </main>
    </>
  );
}
