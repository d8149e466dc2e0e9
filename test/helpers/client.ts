import { exports } from "cloudflare:workers";

const ORIGIN = "https://tableside.test";

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A browser-like API client for tests: keeps the session cookie and sends the CSRF token on
 * writes, calling the real Worker (exports.default) with the real D1 and Durable Objects.
 */
export class Client {
  cookies = new Map<string, string>();
  csrfToken = "";
  ip: string;

  constructor(ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
    this.ip = ip;
  }

  async raw(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { "cf-connecting-ip": this.ip, ...init.headers };
    if (init.body !== undefined) headers["content-type"] ??= "application/json";
    if (method !== "GET" && this.csrfToken) headers["x-csrf-token"] ??= this.csrfToken;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await exports.default.fetch(`${ORIGIN}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async req<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>> {
    const res = await this.raw(method, path, { body, headers });
    const text = await res.text();
    let parsed: any = text;
    if (res.headers.get("content-type")?.includes("json")) parsed = text ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed === "object" && typeof parsed.csrfToken === "string") this.csrfToken = parsed.csrfToken;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.req<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.req<T>("POST", path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.req<T>("PATCH", path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.req<T>("PUT", path, body ?? {});
  del = <T = any>(path: string) => this.req<T>("DELETE", path);
}

let counter = 0;
export const unique = (prefix = "x") => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface SignedUp {
  client: Client;
  merchantId: string;
  storeId: string;
  slug: string;
  email: string;
  password: string;
}

/** Signs a new restaurant up through the public API and returns its signed-in owner. */
export async function signUpMerchant(overrides: Record<string, unknown> = {}): Promise<SignedUp> {
  const client = new Client();
  const name = unique("Bistro ");
  const email = `${unique("owner")}@example.com`;
  const password = "correct horse battery";
  const res = await client.post("/api/auth/signup", {
    businessName: name,
    email,
    password,
    ownerName: "Olivia Owner",
    store: { name: "Main street", timeZone: "Europe/Paris", currency: "EUR", languages: ["en", "fr"] },
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const merchant = res.body.memberships[0];
  const stores = await client.get(`/api/merchants/${merchant.merchantId}/stores`);
  return { client, merchantId: merchant.merchantId, storeId: stores.body?.stores?.[0]?.id, slug: merchant.merchantSlug, email, password };
}
