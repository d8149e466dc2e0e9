/** The staff board: sign in, choose the restaurant and store, then the live board. */
import { useEffect, useState } from "preact/hooks";
import { http, path, setUnauthorizedHandler } from "../shared/api";
import { LoginForm } from "../shared/LoginForm";
import { fetchMe, signOut } from "../shared/session";
import type { Me, MerchantRole, Store } from "../shared/types";
import { AuthScreen, LoadError, Loading } from "../shared/ui";
import { Board } from "./Board";

const STAFF_ROLES = ["owner", "manager", "waiter", "kitchen"];
const CHOICE_KEY = "ts_staff_store";

interface Place {
  merchantId: string;
  merchantName: string;
  storeId: string;
  storeName: string;
  currency: string;
  role: MerchantRole;
}

export function App() {
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
  if (error) return <main class="auth-wrap"><LoadError error={error} retry={load} /></main>;
  if (me === undefined) return <Loading />;
  if (!me) {
    return (
      <AuthScreen title="Sign in to the staff board" appName="Staff" brandHref="/staff/">
        <LoginForm onSignedIn={setMe} />
      </AuthScreen>
    );
  }
  return <Places me={me} onSignOut={() => signOut().finally(() => setMe(null))} />;
}

function Places(props: { me: Me; onSignOut: () => void }) {
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(CHOICE_KEY));

  useEffect(() => {
    const merchants = props.me.memberships.filter((m) => m.merchantId && STAFF_ROLES.includes(m.role));
    Promise.all(
      merchants.map(async (m) => {
        const { stores } = await http.get<{ stores: Store[] }>(path`/api/merchants/${m.merchantId!}/stores`);
        return stores
          .filter((s) => !m.storeId || s.id === m.storeId)
          .map((s) => ({
            merchantId: m.merchantId!,
            merchantName: m.merchantName ?? "",
            storeId: s.id,
            storeName: s.name,
            currency: s.currency,
            role: m.role as MerchantRole,
          }));
      }),
    ).then((lists) => setPlaces(lists.flat()), setError);
  }, [props.me]);

  if (error) return <main class="auth-wrap"><LoadError error={error} /></main>;
  if (!places) return <Loading label="Loading your restaurants…" />;
  const place = places.find((p) => `${p.merchantId}/${p.storeId}` === chosen) ?? (places.length === 1 ? places[0] : undefined);
  if (place) {
    return (
      <Board
        key={`${place.merchantId}/${place.storeId}`}
        {...place}
        userName={props.me.user.name || props.me.user.email}
        onSwitch={places.length > 1 ? () => (localStorage.removeItem(CHOICE_KEY), setChosen(null)) : undefined}
        onSignOut={props.onSignOut}
      />
    );
  }
  return (
    <AuthScreen title="Choose a store" appName="Staff" brandHref="/staff/">
      {places.length === 0 ? <p>Your account has no staff role in any restaurant.</p> : null}
      <ul class="st-places">
        {places.map((p) => (
          <li>
            <button
              type="button"
              class="btn btn-block"
              onClick={() => {
                const key = `${p.merchantId}/${p.storeId}`;
                localStorage.setItem(CHOICE_KEY, key);
                setChosen(key);
              }}
            >
              {p.merchantName} · {p.storeName}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-link" onClick={props.onSignOut}>
        Sign out
      </button>
    </AuthScreen>
  );
}
