import { LoginForm } from "../../shared/LoginForm";
import { Link, navigate } from "../../shared/router";
import type { Me } from "../../shared/types";
import { AuthScreen } from "../../shared/ui";
import { landingPath } from "../roles";

export function Login(props: { onSignedIn: (me: Me) => void; next?: string }) {
  return (
    <AuthScreen
      title="Sign in to the console"
      appName="Console"
      brandHref="/console/"
      foot={
        <p>
          New to Tableside? <Link href="/console/signup">Create an account for your restaurant</Link>
        </p>
      }
    >
      <LoginForm
        onSignedIn={(me) => {
          props.onSignedIn(me);
          navigate(props.next ?? landingPath(me), { replace: true });
        }}
      />
    </AuthScreen>
  );
}
