import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Client, signUpMerchant, unique, type SignedUp } from "../helpers/client";
import { MAX_FAILURES_PER_ADDRESS } from "../../src/http/routes/auth";

const login = (client: Client, email: string, password: string) => client.post("/api/auth/login", { email, password });

/** Audit entries of sign-in locks for the merchant. */
async function locks(owner: SignedUp) {
  const audit = await owner.client.get(`/api/merchants/${owner.merchantId}/audit`);
  expect(audit.status).toBe(200);
  return audit.body.entries.filter((e: { action: string }) => e.action === "auth.login_locked") as { target: string; data: { reason: string; failures: number } }[];
}

/** A kitchen account that joins through an invitation on the restaurant's tablet, at `ip`. */
async function kitchenTablet(owner: SignedUp, ip: string) {
  const email = `${unique("kitchen")}@example.com`;
  const password = "kitchen password 1";
  const inv = await owner.client.post(`/api/merchants/${owner.merchantId}/staff/invitations`, { email, role: "kitchen", name: "Kitchen" });
  expect(inv.status).toBe(201);
  const tablet = new Client(ip);
  const accepted = await tablet.post(`/api/auth/invitations/${new URL(inv.body.inviteUrl).pathname.split("/").pop()}/accept`, { password });
  expect(accepted.status).toBe(200);
  return { tablet, email, password };
}

const knownDeviceCookies = (client: Client) => [...client.cookies.keys()].filter((k) => k.startsWith("ts_known_"));

describe("login throttling", () => {
  it("refuses the tenth wrong password in a minute with 429 and records the lock in the audit log", async () => {
    const owner = await signUpMerchant();
    const { email, password } = owner;
    const attacker = new Client("203.0.113.7");
    for (let i = 1; i <= 9; i++) {
      const res = await login(attacker, email, `wrong-${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const tenth = await login(attacker, email, "wrong-10");
    expect(tenth.status).toBe(429);
    expect(tenth.body.error.code).toBe("too_many_attempts");
    expect(tenth.headers.get("retry-after")).toBe("60");
    // Locked for the account: even the right password from a browser it does not know waits.
    expect((await login(new Client("198.51.100.3"), email, password)).status).toBe(429);

    const entries = await locks(owner);
    // One entry for the lock, however many attempts it then refuses.
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target: email, data: { reason: "account", failures: 9 } });

    // After the window the account can sign in again.
    await env.DB.prepare("UPDATE rate_limits SET window_start = window_start - 61000").run();
    expect((await login(new Client(), email, password)).status).toBe(200);
  });

  it("a burst of simultaneous guesses gets no more than nine tries", async () => {
    const { email, password } = await signUpMerchant();
    const guesses = await Promise.all(Array.from({ length: 16 }, (_, i) => login(new Client(`198.18.0.${i + 1}`), email, `burst-${i}`)));
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect((await login(new Client(), email, password)).status).toBe(429);
  });

  it("successful sign-ins do not count against the client address", async () => {
    const { email, password } = await signUpMerchant();
    const office = new Client("192.0.2.150");
    for (let i = 0; i < 35; i++) expect((await login(office, email, password)).status, `sign-in ${i + 1}`).toBe(200);
  });

  it("the same limit guards joining through an invitation and changing the password", async () => {
    // An owner who invites someone else's account must not get a way to guess its password.
    const victim = await signUpMerchant();
    const inviter = await signUpMerchant();
    const inv = await inviter.client.post(`/api/merchants/${inviter.merchantId}/staff/invitations`, { email: victim.email, role: "waiter" });
    const token = new URL(inv.body.inviteUrl).pathname.split("/").pop();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Client(`198.18.1.${i + 1}`).post(`/api/auth/invitations/${token}/accept`, { password: `guess-${i}` })),
    );
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(9);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(3);
    expect((await login(new Client(), victim.email, victim.password)).status).toBe(429);

    // A stolen session cannot guess the current password either.
    const other = await signUpMerchant();
    const thief = new Client();
    thief.cookies.set("ts_session", other.client.cookies.get("ts_session")!);
    thief.csrfToken = other.client.csrfToken;
    for (let i = 0; i < 9; i++) {
      expect((await thief.post("/api/auth/password", { currentPassword: `guess-${i}`, newPassword: "a new long password" })).status).toBe(400);
    }
    const locked = await thief.post("/api/auth/password", { currentPassword: other.password, newPassword: "a new long password" });
    expect(locked.status).toBe(429);
  });
});

describe("throttling cannot be turned against the staff", () => {
  it("a device that signed in before keeps signing in while an attacker on the same Wi-Fi is locked out", async () => {
    const owner = await signUpMerchant();
    const wifi = "192.0.2.77";
    const { tablet, email, password } = await kitchenTablet(owner, wifi);
    // The invitation made the tablet a known device of the kitchen account: a signed, HttpOnly
    // cookie sent only to the sign-in routes.
    expect(knownDeviceCookies(tablet)).toHaveLength(1);
    await tablet.post("/api/auth/logout");

    // A guest on the restaurant's Wi-Fi tries 30 passwords on the kitchen account.
    const attacker = new Client(wifi);
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(attacker, email, `guess-${i}`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(9);
    expect(statuses.slice(9).every((s) => s === 429)).toBe(true);

    // The tablet, same address, right password: signed in.
    const signedIn = await login(tablet, email, password);
    expect(signedIn.status).toBe(200);
    expect((await tablet.get("/api/auth/me")).body.user.email).toBe(email);

    // The attacker stays refused, even with the right password, and so does any browser the
    // account does not know, from this address or another.
    expect((await login(attacker, email, password)).status).toBe(429);
    expect((await login(new Client(wifi), email, password)).status).toBe(429);
    expect((await login(new Client("198.51.100.77"), email, password)).status).toBe(429);

    // The lock is audited as before: once, for the account.
    const entries = (await locks(owner)).filter((e) => e.target === email);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toEqual({ reason: "account", failures: 9 });
  });

  it("a known device's own wrong passwords are throttled on its own bucket, and it alone is locked", async () => {
    const owner = await signUpMerchant();
    const { tablet, email, password } = await kitchenTablet(owner, "192.0.2.78");
    const till = new Client("192.0.2.78");
    expect((await login(till, email, password)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(tablet, email, `typo-${i}`)).status).toBe(401);
    const locked = await login(tablet, email, password);
    expect(locked.status).toBe(429);
    // The till, another known device of the account, and the account itself are not affected.
    expect((await login(till, email, password)).status).toBe(200);
    expect((await login(new Client("198.51.100.78"), email, password)).status).toBe(200);
    expect((await locks(owner)).filter((e) => e.target === email).map((e) => e.data)).toEqual([{ reason: "device", failures: 9 }]);
  });

  it("one account's failures do not lock out another account at the same address", async () => {
    const wifi = "192.0.2.79";
    const victim = await signUpMerchant();
    const colleague = await signUpMerchant();
    const attacker = new Client(wifi);
    for (let i = 0; i < 30; i++) await login(attacker, victim.email, `guess-${i}`);
    expect((await login(attacker, victim.email, victim.password)).status).toBe(429);
    // A browser on the same network that has never signed in anywhere.
    expect((await login(new Client(wifi), colleague.email, colleague.password)).status).toBe(200);
  });

  it("spraying many accounts from one address meets a per-address ceiling; known devices there still sign in", async () => {
    const ip = "192.0.2.99";
    const owner = await signUpMerchant();
    const { tablet, email: kitchen, password: kitchenPassword } = await kitchenTablet(owner, ip);
    const attacker = new Client(ip);
    // 30 wrong passwords over 30 accounts: the real account at that address still signs in.
    for (let i = 0; i < 30; i++) expect((await login(attacker, `nobody${i}-${ip}@example.com`, "guess")).status).toBe(401);
    expect((await login(new Client(ip), owner.email, owner.password)).status).toBe(200);

    for (let i = 30; i < MAX_FAILURES_PER_ADDRESS; i++) await login(attacker, `nobody${i}-${ip}@example.com`, "guess");
    const over = await login(attacker, `nobody-last-${ip}@example.com`, "guess");
    expect(over.status).toBe(429);
    expect(over.body.error.message).toMatch(/from this network/);
    // Above the ceiling, browsers unknown to the account wait; the kitchen tablet does not.
    expect((await login(new Client(ip), owner.email, owner.password)).status).toBe(429);
    expect((await login(tablet, kitchen, kitchenPassword)).status).toBe(200);
    // Other addresses are not affected.
    expect((await login(new Client("192.0.2.100"), owner.email, owner.password)).status).toBe(200);
  });

  it("a known-device cookie is bound to its account: copied to another account's name it counts for nothing", async () => {
    const wifi = "192.0.2.80";
    const a = await signUpMerchant();
    const b = await signUpMerchant();
    const [nameA] = knownDeviceCookies(a.client);
    const setCookie = (await login(a.client, a.email, a.password)).headers.getSetCookie().find((c) => c.startsWith(`${nameA}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/auth/i);

    // Lock b for unknown browsers.
    const attacker = new Client(wifi);
    for (let i = 0; i < 10; i++) await login(attacker, b.email, `guess-${i}`);
    // b's own device (from sign-up) gets in; a forged one built from a's cookie does not.
    expect((await login(b.client, b.email, b.password)).status).toBe(200);
    const [nameB] = knownDeviceCookies(b.client);
    const forger = new Client(wifi);
    forger.cookies.set(nameB!, a.client.cookies.get(nameA!)!);
    expect((await login(forger, b.email, b.password)).status).toBe(429);
    forger.cookies.set(nameB!, `${"a".repeat(24)}.${"0".repeat(64)}`);
    expect((await login(forger, b.email, b.password)).status).toBe(429);
  });
});
