/** Digits after the decimal point in a currency's minor unit (EUR 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "€12.50" / "12,50 €" / "¥1,200": minor units formatted for the guest's locale. */
export function formatPrice(minor: number, currency: string, locale: string): string {
  const value = minor / 10 ** minorDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(value);
  }
}

/** A signed price change for an option: "+€1.50", "−€0.50"; empty for zero. */
export function formatDelta(minor: number, currency: string, locale: string): string {
  if (minor === 0) return "";
  return (minor > 0 ? "+" : "−") + formatPrice(Math.abs(minor), currency, locale);
}

/** Parses what an owner typed ("12.5", "12,50") into minor units; null when it is not a price. */
export function parsePrice(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const cleaned = input.trim().replace(/\s/g, "").replace(",", ".");
  const pattern = digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 10 ** digits);
}

/** Minor units as a plain decimal string for an input field: 1250 EUR -> "12.50". */
export function toDecimalString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return sign + String(abs);
  const s = String(abs).padStart(digits + 1, "0");
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
