import { env } from "cloudflare:workers";
import { Client, unique } from "./client";
import { tokenOf } from "./staff";

export const PLATFORM_ADMIN = { email: "root@platform.test", password: "platform admin pw" };

/** A signed-in platform admin (bootstrapped once per test file's isolated D1). */
export async function platformAdmin(): Promise<Client> {
  const admin = new Client();
  const { email, password } = PLATFORM_ADMIN;
  const boot = await admin.req("POST", "/api/platform/bootstrap", { email, password }, { authorization: `Bearer ${env.PLATFORM_BOOTSTRAP_SECRET}` });
  if (boot.status !== 201 && boot.status !== 409) throw new Error(`bootstrap: ${boot.status}`);
  const login = await admin.post("/api/auth/login", { email, password });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return admin;
}

/** Creates an ISV through the platform admin and returns its signed-in admin. */
export async function newIsv(admin?: Client): Promise<{ client: Client; isvId: string }> {
  const root = admin ?? (await platformAdmin());
  const res = await root.post("/api/platform/isvs", { name: unique("Reseller "), commissionBps: 1500, adminEmail: `${unique("isv")}@example.com` });
  if (res.status !== 201) throw new Error(`isv: ${res.status} ${JSON.stringify(res.body)}`);
  const client = new Client();
  const accepted = await client.post(`/api/auth/invitations/${tokenOf(res.body.inviteUrl)}/accept`, { password: "isv admin password" });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
  return { client, isvId: res.body.isv.id };
}

export const provisionBody = (overrides: Record<string, unknown> = {}) => ({
  businessName: unique("Resold "),
  ownerEmail: `${unique("owner")}@example.com`,
  ownerName: "Resold Owner",
  store: { name: "Downtown", timeZone: "America/New_York", currency: "USD", languages: ["en", "es"] },
  ...overrides,
});
