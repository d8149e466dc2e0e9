import { and, eq, gt, isNull } from "drizzle-orm";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { DbVariables } from "./db";
import type { Env } from "../../env";
import { authSessions, memberships, users } from "../../db/schema";
import type { Role } from "../../domain/accounts";
import { randomToken, sha256Hex } from "../../domain/ids";
import { ApiError, unauthorized } from "../errors";

export const SESSION_COOKIE = "ts_session";
export const SESSION_TTL_MS = 14 * 24 * 3600_000;

export interface MembershipRef {
  role: Role;
  isvId: string | null;
  merchantId: string | null;
  storeId: string | null;
}

export interface AuthContext {
  user: { id: string; email: string; name: string };
  session: { id: string; csrfToken: string };
  memberships: MembershipRef[];
}

/** What `session` puts in context. */
export type SessionVariables = {
  /** The signed-in user, when a valid login cookie came with the request. */
  auth: AuthContext | undefined;
};
type SessionEnv = { Bindings: Env; Variables: DbVariables & SessionVariables };

// Hono's Context is invariant in its environment, so the helpers below take any router's context
// (as Hono's own cookie helpers do) and read the variables this middleware guarantees.
const vars = (c: Context) => c.var as Readonly<DbVariables & SessionVariables>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Loads the signed-in user from the session cookie (if any) and enforces CSRF on writes. */
export const session = createMiddleware<SessionEnv>(async (c, next) => {
  c.set("auth", undefined);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const db = c.var.db;
    const id = await sha256Hex(token);
    const [row] = await db
      .select({ session: authSessions, user: users })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, Date.now())))
      .limit(1);
    if (row) {
      const roles = await db
        .select({ role: memberships.role, isvId: memberships.isvId, merchantId: memberships.merchantId, storeId: memberships.storeId })
        .from(memberships)
        .where(eq(memberships.userId, row.user.id));
      c.set("auth", {
        user: { id: row.user.id, email: row.user.email, name: row.user.name },
        session: { id, csrfToken: row.session.csrfToken },
        memberships: roles,
      });
      // Cookie-authenticated writes must echo the session's CSRF token in a header, which a
      // cross-site form or image cannot do. The guest API never acts on the login session (it
      // authenticates with a table token header), so a signed-in owner can still order at a table.
      const guestApi = c.req.path.startsWith("/api/guest/");
      if (!guestApi && !SAFE_METHODS.has(c.req.method) && c.req.header("x-csrf-token") !== row.session.csrfToken) {
        throw new ApiError(403, "csrf_failed", "Missing or wrong X-CSRF-Token header; reload the page and try again.");
      }
    }
  }
  await next();
});

export function requireAuth(c: Context): AuthContext {
  const auth = vars(c).auth;
  if (!auth) throw unauthorized();
  return auth;
}

/** Creates a server-side session and sets its cookie. Returns the CSRF token for the client. */
export async function startSession(c: Context, userId: string): Promise<{ csrfToken: string }> {
  const token = randomToken(40);
  const csrfToken = randomToken(32);
  const now = Date.now();
  await vars(c).db.insert(authSessions).values({
    id: await sha256Hex(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    ip: clientIp(c),
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 200),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
  return { csrfToken };
}

export async function endSession(c: Context): Promise<void> {
  const { auth, db } = vars(c);
  if (auth) await db.update(authSessions).set({ revokedAt: Date.now() }).where(eq(authSessions.id, auth.session.id));
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
}

export const clientIp = (c: Context) => c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
