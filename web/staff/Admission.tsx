/** A table's admission on the staff board: its join code, devices asking to join, a first round waiting for staff. */
import { http } from "../shared/api";
import type { TableCard } from "../../src/floor/protocol";

interface Props {
  card: TableCard;
  /** The table's API path. */
  base: string;
  canRunTables: boolean;
  act: (fn: () => Promise<unknown>) => Promise<void>;
}

export function Admission(props: Props) {
  const { card, base, canRunTables, act } = props;
  if (!card.joinCode && !card.requests.length && !card.awaitingStaff) return null;
  const help = card.requests.some((r) => r.help) || card.calls.some((c) => c.kind === "help");
  return (
    <section class="st-admission" aria-label="Joining this table">
      {card.joinCode ? (
        <p>
          Join code <strong class="st-joincode">{`${card.joinCode.slice(0, 3)} ${card.joinCode.slice(3)}`}</strong>
          <span class="muted"> · a guest who scans the table's QR code can type it to join</span>
        </p>
      ) : null}
      {card.awaitingStaff ? (
        <p class="st-inline">
          <strong>The first round waits for your confirmation.</strong>
          {canRunTables ? (
            <button type="button" class="btn btn-primary" onClick={() => act(() => http.post(`${base}/confirm-round`))}>
              Confirm and send to the kitchen
            </button>
          ) : null}
        </p>
      ) : null}
      {card.requests.length ? (
        <>
          <h3>Asking to join</h3>
          <ul class="st-requests">
            {card.requests.map((r) => (
              <li>
                <span>
                  {r.name || "A guest"}
                  {r.help ? <strong> · asks for help</strong> : null}
                </span>
                {canRunTables ? (
                  <span class="st-inline">
                    <button type="button" class="btn btn-primary" onClick={() => act(() => http.post(`${base}/requests/${encodeURIComponent(r.id)}/admit`))}>
                      Let in
                    </button>
                    <button type="button" class="btn" onClick={() => act(() => http.post(`${base}/requests/${encodeURIComponent(r.id)}/decline`))}>
                      Turn away
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {help ? (
        <p class="muted">
          If the people seated here are not this guest's party (someone opened the table from elsewhere), close the table: the real party then starts its own
          order by scanning.
        </p>
      ) : null}
    </section>
  );
}
