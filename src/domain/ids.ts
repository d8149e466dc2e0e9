const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** Random base32 string; 5 bits of entropy per character. */
export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** Prefixed ids (`mer_…`, `sto_…`) read well in logs and cannot be mixed up between kinds. */
export const newId = (prefix: string) => `${prefix}_${randomToken(20)}`;

/** Table QR codes: 12 characters, 60 bits, unguessable yet short enough to type. */
export const newTableCode = () => randomToken(12);

export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
