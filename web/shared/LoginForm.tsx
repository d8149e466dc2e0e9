import { signIn } from "./session";
import type { Me } from "./types";
import { Form, SubmitButton, TextField, useForm } from "./ui";

/** Email + password sign-in, used by the console and the partner portal. */
export function LoginForm(props: { onSignedIn: (me: Me) => void; initialEmail?: string }) {
  const form = useForm({ email: props.initialEmail ?? "", password: "" });
  const { values, set, err } = form;
  return (
    <Form
      form={form}
      aria-label="Sign in"
      onSubmit={() =>
        form.submit(
          async () => {
            props.onSignedIn(await signIn(values.email, values.password));
          },
          { fields: ["email", "password"] },
        )
      }
    >
      <TextField label="Email" type="email" autoComplete="username" required value={values.email} onValue={set("email")} error={err("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={values.password}
        onValue={set("password")}
        error={err("password")}
      />
      <div class="form-actions">
        <SubmitButton busy={form.busy} busyText="Signing in…" class="btn btn-primary btn-block">
          Sign in
        </SubmitButton>
      </div>
    </Form>
  );
}
