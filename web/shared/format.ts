/** Labels and formatting shared by the console and the partner portal. */
import type { Role } from "./types";

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: "Platform admin",
  isv_admin: "Partner admin",
  owner: "Owner",
  manager: "Manager",
  waiter: "Waiter",
  kitchen: "Kitchen",
};

export const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
// dateStyle/timeStyle cannot be combined with timeZoneName, hence the separate fields.
const withZone = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

export const formatDateTime = (ms: number | null | undefined) => (ms ? dateTime.format(new Date(ms)) : "—");
export const formatDate = (ms: number | null | undefined) => (ms ? dateOnly.format(new Date(ms)) : "—");
/** With seconds and the zone named, for logs. */
export const formatLogTime = (ms: number) => withZone.format(new Date(ms));
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Public link of a merchant, as guests see it. */
export const publicLink = (slug: string) => `${location.origin}/m/${slug}`;

/** The server's own rule, so the link shown while typing is the link the server derives. */
export { slugify } from "../../src/domain/slug";

let zones: string[] | null = null;
/** Every IANA time zone this browser knows, including the local one. */
export function timeZones(): string[] {
  if (!zones) {
    const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const set = new Set(list);
    set.add(localTimeZone());
    set.add("UTC");
    zones = [...set].sort();
  }
  return zones;
}

let currencies: { value: string; label: string }[] | null = null;
export function currencyOptions(): { value: string; label: string }[] {
  if (!currencies) {
    const names = new Intl.DisplayNames(["en"], { type: "currency" });
    const codes = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : ["EUR", "USD", "GBP"];
    currencies = codes.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
  }
  return currencies;
}

const EURO_REGIONS = new Set(["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"]);
const REGION_CURRENCY: Record<string, string> = {
  US: "USD", GB: "GBP", CH: "CHF", JP: "JPY", CN: "CNY", HK: "HKD", TW: "TWD", SG: "SGD", MY: "MYR", TH: "THB",
  KR: "KRW", IN: "INR", AU: "AUD", NZ: "NZD", CA: "CAD", MX: "MXN", BR: "BRL", SE: "SEK", NO: "NOK", DK: "DKK",
  PL: "PLN", CZ: "CZK", HU: "HUF", TR: "TRY", AE: "AED", ZA: "ZAR", ID: "IDR", PH: "PHP", VN: "VND",
};

/** A sensible first guess from the browser's locale. */
export function guessCurrency(): string {
  const region = new Intl.Locale(navigator.language || "en-US").maximize().region ?? "";
  if (EURO_REGIONS.has(region)) return "EUR";
  return REGION_CURRENCY[region] ?? "EUR";
}

/** Languages offered as menu languages; others already chosen are kept and shown too. */
export const COMMON_LANGUAGES = [
  "en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "el", "tr", "ru", "uk",
  "ar", "he", "hi", "th", "vi", "id", "ms", "zh-CN", "zh-TW", "ja", "ko",
];

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The browser's language if we offer it, else English. */
export function guessLanguage(): string {
  const tag = navigator.language || "en";
  if (COMMON_LANGUAGES.includes(tag)) return tag;
  const primary = tag.split("-")[0] ?? "en";
  return COMMON_LANGUAGES.includes(primary) ? primary : "en";
}
