import type { TimeWindow } from "../db/schema";

/** ISO weekday (1 = Monday) to a short localized name, e.g. "Mon", "周一", "lun.". */
function dayName(day: number, lang: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, day)));
}

/** Days as compact ranges: [1,2,3,4,5] -> "Mon–Fri", [6,7] -> "Sat–Sun", [1,3] -> "Mon, Wed". */
export function formatDays(days: number[], lang: string, everyDay: string, sep = ", "): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return everyDay;
  const runs: [number, number][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs
    .map(([a, b]) => (a === b ? dayName(a, lang) : b === a + 1 ? `${dayName(a, lang)}${sep}${dayName(b, lang)}` : `${dayName(a, lang)}–${dayName(b, lang)}`))
    .join(sep);
}

export function formatWindows(windows: TimeWindow[], lang: string, everyDay: string, sep = ", "): string {
  return windows.map((w) => `${formatDays(w.days, lang, everyDay, sep)} ${w.from}–${w.to}`).join(sep === "、" ? "；" : "; ");
}
