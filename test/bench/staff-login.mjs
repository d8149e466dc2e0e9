// A staff login of the demo (password "tableside-demo") for the benches: JSON calls with its
// session cookie and CSRF token.
export async function login(base, email) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "tableside-demo" }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const me = await res.json();
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const merchantId = me.memberships.find((m) => m.merchantId).merchantId;
  return {
    cookie,
    merchantId,
    async json(method, path, body) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const data = await r.json();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data).slice(0, 300)}`);
      return data;
    },
  };
}
