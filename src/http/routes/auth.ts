import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { createRouter } from "../router";
import { errors, jsonBody, jsonOk, Email, Password } from "../schemas";
import { ApiError, badRequest, unauthorized } from "../errors";
import { clientIp, endSession, requireAuth, startSession } from "../middleware/session";
import { knownDevice, rememberDevice } from "../middleware/known-device";
import { isvs, memberships, merchants, users, authSessions } from "../../db/schema";
import { controlAudit } from "../../services/audit";
import { systemActor, type Actor } from "../../services/actor";
import { acceptInvitation, invitationInfo, pendingInvitation } from "../../services/invitations";
import { actorOf } from "../actor";
import { freeSlug, slugRegistry } from "../../services/slugs";
import { signUp } from "../../services/provision";
import { bumpCount, dropCount, resetCount } from "../../db/rate-limit";
import { hashPassword, verifyPassword } from "../../domain/passwords";
import { slugify } from "../../domain/slug";
import { plainText } from "../../api/text";
import { InvitationInfoSchema, MeSchema } from "../../api/accounts";
import { Slug, StoreInput } from "../account-shapes";

export const LOGIN_WINDOW_MS = 60_000;
/** Wrong passwords allowed per account per minute from browsers it does not know; the next attempt is refused with 429. */
export const MAX_FAILURES_PER_ACCOUNT = 9;
/** Wrong passwords allowed per minute to a known device of the account, on its own bucket. */
export const MAX_FAILURES_PER_DEVICE = 9;
/**
 * Wrong passwords allowed per client address per minute, over all accounts: a ceiling against
 * spraying one password over many accounts, far above what a restaurant's staff sharing one
 * network get wrong. One account's failures lock that account, not its neighbours.
 */
export const MAX_FAILURES_PER_ADDRESS = 100;

const SignupSchema = z
  .object({
    businessName: plainText(80, 2),
    slug: Slug.optional().openapi({ description: "Public link /m/<slug>; derived from the business name when left out." }),
    ownerName: plainText(80).default(""),
    email: Email,
    password: Password,
    store: StoreInput,
  })
  .openapi("Signup");

const LoginSchema = z.object({ email: Email, password: z.string().min(1).max(200) }).openapi("Login");

async function loadMe(c: Context<AppEnv>, userId: string, csrfToken: string) {
  const db = c.var.db;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw unauthorized();
  const rows = await db
    .select({
      role: memberships.role,
      merchantId: memberships.merchantId,
      merchantName: merchants.name,
      merchantSlug: merchants.slug,
      isvId: memberships.isvId,
      isvName: isvs.name,
      storeId: memberships.storeId,
    })
    .from(memberships)
    .leftJoin(merchants, eq(merchants.id, memberships.merchantId))
    .leftJoin(isvs, eq(isvs.id, memberships.isvId))
    .where(eq(memberships.userId, userId));
  return { user: { id: user.id, email: user.email, name: user.name }, csrfToken, memberships: rows };
}

interface Bucket {
  key: string;
  limit: number;
  reason: "account" | "address" | "device";
}

const LOCKED_MESSAGES: Record<Bucket["reason"], string> = {
  account: "Too many wrong passwords for this account. Wait a minute, or sign in on a device that has signed in to it before.",
  address: "Too many wrong passwords from this network. Wait a minute, then try again.",
  device: "Too many wrong passwords. Wait a minute, then try again.",
};

/**
 * Checks a password under the sign-in limits: every path that verifies a password (sign-in,
 * joining through an invitation, changing it) goes through here. A browser that signed in to the
 * account before (a known-device cookie) counts on its own bucket, so an attack on the account
 * cannot lock it out; any other browser counts against the account (from every address) and
 * against its address (over all accounts, a much higher ceiling). The attempt is counted before
 * the check: each concurrent request gets its own number from one atomic upsert, so a burst of
 * parallel guesses cannot slip past the limit. A lock answers 429 and is written to the audit log
 * once, when it starts. A correct password makes this browser a known device of the account.
 */
async function checkPassword(c: Context<AppEnv>, email: string, user: typeof users.$inferSelect | undefined, password: string): Promise<boolean> {
  const db = c.var.db;
  const ip = clientIp(c);
  const device = user ? await knownDevice(c, user.id) : null;
  const buckets: Bucket[] = device
    ? [{ key: `login:dev:${device}`, limit: MAX_FAILURES_PER_DEVICE, reason: "device" }]
    : [
        { key: `login:acct:${email}`, limit: MAX_FAILURES_PER_ACCOUNT, reason: "account" },
        { key: `login:ip:${ip}`, limit: MAX_FAILURES_PER_ADDRESS, reason: "address" },
      ];
  const counts = await Promise.all(buckets.map((b) => bumpCount(db, b.key, LOGIN_WINDOW_MS)));
  const over = buckets.findIndex((b, i) => counts[i]! > b.limit);
  if (over >= 0) {
    const starting = buckets.findIndex((b, i) => counts[i] === b.limit + 1);
    if (starting >= 0) {
      const merchantIds = user
        ? (await db.select({ m: memberships.merchantId }).from(memberships).where(eq(memberships.userId, user.id))).map((r) => r.m)
        : [];
      const actor: Actor = user ? { kind: "user", userId: user.id, name: user.name, role: null, storeId: null, ip } : systemActor("sign-in", ip);
      await controlAudit(db, actor, {
        action: "auth.login_locked",
        merchantId: merchantIds.find(Boolean) ?? null,
        target: email,
        data: { reason: buckets[starting]!.reason, failures: counts[starting]! - 1 },
      });
    }
    c.header("Retry-After", String(LOGIN_WINDOW_MS / 1000));
    throw new ApiError(429, "too_many_attempts", LOCKED_MESSAGES[buckets[over]!.reason]);
  }
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
  if (ok && user) {
    // Only wrong passwords count: clear the account's (or device's) and take this attempt back from the address.
    await Promise.all(device ? [resetCount(db, buckets[0]!.key)] : [resetCount(db, buckets[0]!.key), dropCount(db, buckets[1]!.key)]);
    await rememberDevice(c, user.id, device);
  }
  return ok;
}

export const authRoutes = createRouter();

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/signup",
    tags: ["auth"],
    summary: "Sign a restaurant up: merchant, owner and first store; signs the owner in",
    request: { body: jsonBody(SignupSchema) },
    responses: { 201: jsonOk(MeSchema, "Signed up and signed in"), 400: errors[400], 409: errors[409] },
  }),
  async (c) => {
    const { userId } = await signUp(c.var.db, c.req.valid("json"), clientIp(c));
    await rememberDevice(c, userId);
    const { csrfToken } = await startSession(c, userId);
    return c.json(await loadMe(c, userId, csrfToken), 201);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/slug-check",
    tags: ["auth"],
    summary: "Is a public link name free? Suggests one when it is not",
    request: { query: z.object({ slug: z.string().max(80) }) },
    responses: { 200: jsonOk(z.object({ slug: z.string(), available: z.boolean(), valid: z.boolean(), suggestion: z.string() })) },
  }),
  async (c) => {
    const wanted = slugify(c.req.valid("query").slug);
    const valid = Slug.safeParse(wanted).success;
    const slugs = slugRegistry(c.var.db);
    const available = valid && (await slugs.available(wanted));
    return c.json({ slug: wanted, valid, available, suggestion: available ? wanted : await freeSlug(slugs, wanted) }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/login",
    tags: ["auth"],
    summary: "Sign in with email and password",
    request: { body: jsonBody(LoginSchema) },
    responses: { 200: jsonOk(MeSchema), 400: errors[400], 401: errors[401], 429: errors[429] },
  }),
  async (c) => {
    const { email, password } = c.req.valid("json");
    const db = c.var.db;
    const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    // Unknown emails are counted too, so probing for accounts hits the same limits.
    const ok = await checkPassword(c, email, user, password);
    if (!user || !ok) throw new ApiError(401, "invalid_credentials", "Wrong email or password.");
    const { csrfToken } = await startSession(c, user.id);
    return c.json(await loadMe(c, user.id, csrfToken), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/logout",
    tags: ["auth"],
    summary: "Sign out: revokes this session",
    security: [{ session: [] }],
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })) },
  }),
  async (c) => {
    await endSession(c);
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/me",
    tags: ["auth"],
    summary: "The signed-in user, their memberships and CSRF token",
    security: [{ session: [] }],
    responses: { 200: jsonOk(MeSchema), 401: errors[401] },
  }),
  async (c) => {
    const auth = requireAuth(c);
    return c.json(await loadMe(c, auth.user.id, auth.session.csrfToken), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/password",
    tags: ["auth"],
    summary: "Change password; signs out every other session",
    security: [{ session: [] }],
    request: { body: jsonBody(z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password })) },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) })), 400: errors[400], 401: errors[401], 429: errors[429] },
  }),
  async (c) => {
    const auth = requireAuth(c);
    const { currentPassword, newPassword } = c.req.valid("json");
    const db = c.var.db;
    const [user] = await db.select().from(users).where(eq(users.id, auth.user.id));
    if (!user?.passwordHash || !(await checkPassword(c, user.email, user, currentPassword))) {
      throw badRequest("wrong_password", "The current password is wrong.");
    }
    const now = Date.now();
    await db.batch([
      db.update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, user.id)),
      db
        .update(authSessions)
        .set({ revokedAt: now })
        .where(and(eq(authSessions.userId, user.id), ne(authSessions.id, auth.session.id), isNull(authSessions.revokedAt))),
      controlAudit(db, actorOf(c), { action: "auth.password_changed", target: user.id }),
    ]);
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/invitations/{token}",
    tags: ["auth"],
    summary: "What an invitation link is for",
    request: { params: z.object({ token: z.string().min(10).max(100) }) },
    responses: { 200: jsonOk(InvitationInfoSchema), 404: errors[404] },
  }),
  async (c) => {
    const inv = await pendingInvitation(c.var.db, c.req.valid("param").token);
    return c.json(await invitationInfo(c.var.db, inv), 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/invitations/{token}/accept",
    tags: ["auth"],
    summary: "Accept an invitation: set a password (new accounts) and sign in",
    request: {
      params: z.object({ token: z.string().min(10).max(100) }),
      body: jsonBody(z.object({ password: z.string().min(1).max(200), name: plainText(80).optional() })),
    },
    responses: { 200: jsonOk(MeSchema), 400: errors[400], 401: errors[401], 404: errors[404], 409: errors[409], 429: errors[429] },
  }),
  async (c) => {
    const inv = await pendingInvitation(c.var.db, c.req.valid("param").token);
    const { password, name } = c.req.valid("json");
    const [user] = await c.var.db.select().from(users).where(eq(users.email, inv.email));
    let newPasswordHash: string | undefined;
    if (user?.passwordHash) {
      // An existing account joins with its own password (checked under the sign-in limits).
      if (!(await checkPassword(c, inv.email, user, password))) throw new ApiError(401, "invalid_credentials", "Wrong password for this account.");
    } else {
      const parsed = Password.safeParse(password);
      if (!parsed.success) throw badRequest("invalid_request", `password: ${parsed.error.issues[0]?.message}`);
      newPasswordHash = await hashPassword(password);
    }
    const userId = await acceptInvitation(c.var.db, inv, user, { newPasswordHash, name }, clientIp(c));
    // A new password was just set here (an existing account's check already remembered the device).
    if (!user?.passwordHash) await rememberDevice(c, userId);
    const { csrfToken } = await startSession(c, userId);
    return c.json(await loadMe(c, userId, csrfToken), 200);
  },
);

