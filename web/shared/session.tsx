/** The signed-in user, shared by the apps: loading it, signing in and out. */
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { ApiError, http, setCsrfToken, setUnauthorizedHandler } from "./api";
import type { Me } from "./types";

/** The session of the signed-in user, or null when signed out. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return remember(await http.get<Me>("/api/auth/me"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Every response that is a Me carries the CSRF token for later writes. */
export function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

export async function signIn(email: string, password: string): Promise<Me> {
  return remember(await http.post<Me>("/api/auth/login", { email, password }));
}

export async function signOut(): Promise<void> {
  try {
    await http.post("/api/auth/logout");
  } finally {
    setCsrfToken("");
  }
}

export interface SessionValue {
  me: Me;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside a signed-in app");
  return value;
}

/**
 * Loads the session once for an app: `me` is undefined while loading, null when signed out.
 * A request that finds the session gone later sends the user back to sign in.
 */
export function useMe() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    fetchMe().then(setMe, setError);
  };
  useEffect(() => {
    load();
    setUnauthorizedHandler(() => setMe(null));
    return () => setUnauthorizedHandler(null);
  }, []);
  return { me, setMe, error, reload: load };
}
