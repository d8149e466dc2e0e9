// Development keys for the payment protocol, never committed: an RSA-2048 key pair for us (the
// merchant) and one for the built-in sandbox wallet, as the provider's docs describe them (base64
// DER: private PKCS#8, public X.509 SPKI). Each side gets its own private key and the other's
// public key, exactly as with the real provider.
//
//   node scripts/dev-keys.mjs [--origin http://localhost:8787] [--file .dev.vars]
//
// adds whatever is missing to .dev.vars and leaves what is there alone. `npm start` calls
// ensureDevKeys(); the e2e harness and vitest.config.ts call devKeyVars() for throwaway keys.
//
// The client id starts with SANDBOX_, as the provider's sandbox ids do: the client then sends
// and signs its requests on /ams/sandbox/api/… (payments-protocol.md A2), the sandbox wallet
// answers there as on /ams/api/…, so the local journey goes through that rewrite too.
import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";

export const DEV_CLIENT_ID = "SANDBOX_TABLESIDE_DEV";

/** An RSA-2048 pair as base64 DER: private PKCS#8, public SPKI. */
export function generateKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "der" },
    publicKeyEncoding: { type: "spki", format: "der" },
  });
  return { privateKey: privateKey.toString("base64"), publicKey: publicKey.toString("base64") };
}

/** Every variable the payment client and the sandbox wallet need, with fresh keys. */
export function devKeyVars(origin) {
  const merchant = generateKeyPair();
  const wallet = generateKeyPair();
  return {
    PUBLIC_ORIGIN: origin,
    ANTOM_BASE_URL: `${origin}/sandbox-wallet`,
    ANTOM_CLIENT_ID: DEV_CLIENT_ID,
    ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateKey,
    ANTOM_PUBLIC_KEY: wallet.publicKey,
    SANDBOX_MERCHANT_PUBLIC_KEY: merchant.publicKey,
    SANDBOX_PRIVATE_KEY: wallet.privateKey,
  };
}

const KEYS = ["ANTOM_MERCHANT_PRIVATE_KEY", "ANTOM_PUBLIC_KEY", "SANDBOX_MERCHANT_PUBLIC_KEY", "SANDBOX_PRIVATE_KEY"];

/**
 * Adds the missing payment variables to a .dev.vars file. The four keys go together (two
 * matching pairs): if any is missing, all four are written anew. Returns the names written.
 */
export async function ensureDevKeys(file, origin) {
  const text = await readFile(file, "utf8").catch(() => "");
  const present = new Set([...text.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\S/gm)].map((m) => m[1]));
  const fresh = devKeyVars(origin);
  const rekey = KEYS.some((k) => !present.has(k));
  const write = Object.keys(fresh).filter((k) => (KEYS.includes(k) ? rekey : !present.has(k)));
  if (write.length === 0) return [];
  const kept = text.split(/\r?\n/).filter((line) => !write.some((k) => new RegExp(`^\\s*${k}\\s*=`).test(line)));
  while (kept.length > 0 && kept.at(-1) === "") kept.pop();
  const lines = [...kept, ...(kept.length ? [""] : []), "# Payment protocol (scripts/dev-keys.mjs): development keys, never committed.", ...write.map((k) => `${k}=${fresh[k]}`), ""];
  await writeFile(file, lines.join("\n"));
  return write;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const file = resolve(arg("--file", resolve(import.meta.dirname, "../.dev.vars")));
  const written = await ensureDevKeys(file, arg("--origin", "http://localhost:8787"));
  console.log(written.length ? `${file}: wrote ${written.join(", ")}` : `${file}: payment keys already present`);
}
