import type { TimeWindow } from "./types";
import type { MenuDish, MenuSnapshot } from "./snapshot";

/** Whether a guest can order a dish right now, and if not, why. */
export type Availability = "available" | "sold_out" | "outside_hours";

/** Wall-clock time in a time zone: ISO weekday (1 = Monday … 7 = Sunday) and minutes after midnight. */
export interface LocalTime {
  day: number;
  minutes: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const MINUTES_PER_WEEK = 7 * 1440;

export function localTime(now: number, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: WEEKDAYS[get("weekday")] ?? 1, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

/** "11:30" -> 690. */
export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Is `t` inside the window? A window whose end is before its start runs past midnight
 * (22:00–02:00 on Friday covers Friday 22:00 to Saturday 02:00); equal ends mean all day.
 */
export function inWindow(w: TimeWindow, t: LocalTime): boolean {
  const from = toMinutes(w.from);
  const to = toMinutes(w.to);
  if (from === to) return w.days.includes(t.day);
  if (from < to) return w.days.includes(t.day) && t.minutes >= from && t.minutes < to;
  const previous = t.day === 1 ? 7 : t.day - 1;
  return (w.days.includes(t.day) && t.minutes >= from) || (w.days.includes(previous) && t.minutes < to);
}

/** No windows = always orderable; otherwise inside at least one. */
export function inAnyWindow(windows: readonly TimeWindow[], t: LocalTime): boolean {
  return windows.length === 0 || windows.some((w) => inWindow(w, t));
}

/** A dish's state at `now` in the store's time zone. Sold out wins over time windows. */
export function availabilityAt(dish: Pick<MenuDish, "soldOut" | "windows">, timeZone: string, now: number): Availability {
  if (dish.soldOut) return "sold_out";
  if (dish.windows.length && !inAnyWindow(dish.windows, localTime(now, timeZone))) return "outside_hours";
  return "available";
}

/**
 * Milliseconds until any dish of the snapshot enters or leaves one of its time windows (at most
 * `cap`). A page rendered now stays right exactly that long, so it is cached for that long.
 * Counted in wall-clock minutes, so across a DST change it may be an hour off; the cap bounds it.
 */
export function msUntilAvailabilityChange(snapshot: MenuSnapshot, now: number, cap = 3600_000): number {
  const t = localTime(now, snapshot.timeZone);
  const nowMinute = (t.day - 1) * 1440 + t.minutes;
  let best = Infinity;
  for (const category of snapshot.categories) {
    for (const dish of category.dishes) {
      for (const w of dish.windows) {
        const from = toMinutes(w.from);
        const to = toMinutes(w.to);
        const length = from === to ? 1440 : (to - from + 1440) % 1440;
        for (const day of w.days) {
          const start = (day - 1) * 1440 + from;
          for (const boundary of [start, start + length]) {
            const delta = (((boundary - nowMinute) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK || MINUTES_PER_WEEK;
            best = Math.min(best, delta);
          }
        }
      }
    }
  }
  if (best === Infinity) return cap;
  const intoMinute = now % 60_000;
  return Math.max(1000, Math.min(cap, best * 60_000 - intoMinute));
}

/** The menu as guests may see it: staff-only dishes removed, then empty categories removed. */
export function guestView(snapshot: MenuSnapshot): MenuSnapshot {
  return {
    ...snapshot,
    categories: snapshot.categories
      .map((c) => ({ ...c, dishes: c.dishes.filter((d) => !d.staffOnly) }))
      .filter((c) => c.dishes.length > 0),
  };
}

/** Finds a dish of the snapshot by id. */
export function findDish(snapshot: MenuSnapshot, dishId: string): MenuDish | undefined {
  for (const c of snapshot.categories) for (const d of c.dishes) if (d.id === dishId) return d;
  return undefined;
}
