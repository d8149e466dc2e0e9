/** /console/invite/<token>: set a password (or confirm an existing one), then land in the right app. */
import { ApiError, http, path } from "../../shared/api";
import { roleLabel } from "../../shared/format";
import { Link, navigate } from "../../shared/router";
import { remember } from "../../shared/session";
import type { InvitationInfo, Me } from "../../shared/types";
import { AuthScreen, Form, LoadError, Loading, Notice, SubmitButton, TextField, useAsync, useForm } from "../../shared/ui";
import { merchantPath } from "../roles";

/** Waiters and cooks work on the staff board; partner admins in the partner portal. */
function destination(info: InvitationInfo, me: Me): string {
  if (info.role === "waiter" || info.role === "kitchen") return "/staff/";
  if (info.role === "isv_admin") return "/partner/";
  if (info.role === "platform_admin") return "/console/";
  const joined = me.memberships.find((m) => m.role === info.role && m.merchantName === info.merchantName && m.merchantId);
  return joined ? merchantPath(joined.merchantId!) : "/console/";
}

export function AcceptInvite(props: { token: string; me: Me | null; onAccepted: (me: Me) => void }) {
  const invitation = useAsync(() => http.get<InvitationInfo>(path`/api/auth/invitations/${props.token}`), [props.token]);
  const info = invitation.data;

  if (invitation.loading && !info) return <Loading label="Opening your invitation…" />;
  if (!info) {
    const error = invitation.error;
    const gone = error instanceof ApiError && (error.status === 404 || error.status === 410 || error.status === 400);
    return (
      <AuthScreen title={gone ? "This invitation cannot be used" : "Could not open the invitation"} appName="Console" brandHref="/console/">
        {gone ? (
          <Notice kind="warn" role="alert">
            <p>
              {error instanceof ApiError && error.status === 410
                ? error.message
                : "The link is not valid any more: it may have been used already or revoked. Ask the person who invited you for a new link."}
            </p>
          </Notice>
        ) : (
          <LoadError error={error} retry={invitation.reload} />
        )}
        <p style={{ marginTop: "1rem" }}>
          Already joined? <Link href="/console/login">Sign in</Link>
        </p>
      </AuthScreen>
    );
  }

  const place = info.merchantName ?? info.isvName ?? "Tableside";
  return (
    <AuthScreen
      title={`Join ${place}`}
      appName="Console"
      brandHref="/console/"
      lead={
        <>
          You are invited as <strong>{roleLabel(info.role)}</strong> with the email <strong>{info.email}</strong>.
        </>
      }
    >
      {props.me && props.me.user.email !== info.email ? (
        <Notice kind="info">
          <p>
            You are signed in as {props.me.user.email}. Accepting signs you in as {info.email} instead.
          </p>
        </Notice>
      ) : null}
      <AcceptForm token={props.token} info={info} onAccepted={(me) => {
        props.onAccepted(me);
        navigate(destination(info, me), { replace: true });
      }} />
    </AuthScreen>
  );
}

function AcceptForm(props: { token: string; info: InvitationInfo; onAccepted: (me: Me) => void }) {
  const { info } = props;
  const form = useForm({ name: info.name, password: "" });
  const { values, set, err } = form;
  const submit = () =>
    form.submit(
      async () => {
        const body = info.hasAccount ? { password: values.password } : { password: values.password, name: values.name };
        props.onAccepted(remember(await http.post<Me>(path`/api/auth/invitations/${props.token}/accept`, body)));
      },
      { fields: ["name", "password"], codeFields: { invalid_credentials: "password", invalid_request: "password" } },
    );

  if (info.hasAccount)
    return (
      <Form form={form} onSubmit={submit} aria-label="Accept invitation">
        <p>You already have a Tableside account with this email. Enter its password to accept.</p>
        <TextField label="Password" type="password" required autoComplete="current-password" value={values.password} onValue={set("password")} error={err("password")} />
        <div class="form-actions">
          <SubmitButton busy={form.busy} busyText="Joining…">
            Accept invitation
          </SubmitButton>
        </div>
      </Form>
    );

  return (
    <Form form={form} onSubmit={submit} aria-label="Accept invitation">
      <TextField label="Your name" autoComplete="name" value={values.name} onValue={set("name")} error={err("name")} hint="Shown to your colleagues." />
      <TextField
        label="Choose a password"
        type="password"
        required
        autoComplete="new-password"
        minLength={10}
        value={values.password}
        onValue={set("password")}
        error={err("password")}
        hint="At least 10 characters. You sign in with your email and this password."
      />
      <div class="form-actions">
        <SubmitButton busy={form.busy} busyText="Joining…">
          Set password and join
        </SubmitButton>
      </div>
    </Form>
  );
}
