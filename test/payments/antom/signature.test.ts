import { describe, expect, it } from "vitest";
import {
  importPrivateKey,
  importPublicKey,
  parseSignatureHeader,
  sign,
  signContent,
  signatureHeader,
  verify,
} from "../../../src/payments/antom/signature";
import {
  OPENSSL_SIGNED,
  TEST_MERCHANT_PRIVATE_KEY,
  TEST_MERCHANT_PUBLIC_KEY,
  TEST_PROVIDER_PUBLIC_KEY,
} from "../fixtures/antom-openssl";

const PATH = "/ams/api/v1/payments/pay";
const CLIENT = "TEST_CLIENT_0001";
const TIME = "1685599933871";
const BODY = '{"paymentRequestId":"pay_0001","paymentAmount":{"currency":"EUR","value":"1250"}}';

const merchantPrivate = () => importPrivateKey(TEST_MERCHANT_PRIVATE_KEY);
const merchantPublic = () => importPublicKey(TEST_MERCHANT_PUBLIC_KEY);

describe("sign content", () => {
  it("is `<METHOD> <path>\\n<client id>.<time>.<raw body>`", () => {
    expect(signContent("POST", PATH, CLIENT, TIME, BODY)).toBe(`POST ${PATH}\n${CLIENT}.${TIME}.${BODY}`);
    expect(signContent("POST", "/notify", "C", "2019-07-12T12:08:56+05:30", "")).toBe("POST /notify\nC.2019-07-12T12:08:56+05:30.");
  });
});

describe("sign and verify (WebCrypto)", () => {
  it("round-trips, and the signature is URL-encoded base64 of a 2048-bit RSA signature", async () => {
    const content = signContent("POST", PATH, CLIENT, TIME, BODY);
    const encoded = await sign(await merchantPrivate(), content);
    expect(encoded).not.toMatch(/[+/=]/);
    expect(atob(decodeURIComponent(encoded))).toHaveLength(256);
    expect(await verify(await merchantPublic(), content, encoded)).toBe(true);
  });

  it("refuses any change to the path, client id, time or body", async () => {
    const encoded = await sign(await merchantPrivate(), signContent("POST", PATH, CLIENT, TIME, BODY));
    const key = await merchantPublic();
    const altered = [
      signContent("POST", "/ams/api/v1/payments/refund", CLIENT, TIME, BODY),
      signContent("POST", "/ams/sandbox/api/v1/payments/pay", CLIENT, TIME, BODY),
      signContent("POST", PATH, "TEST_CLIENT_0002", TIME, BODY),
      signContent("POST", PATH, CLIENT, "1685599933872", BODY),
      signContent("POST", PATH, CLIENT, TIME, BODY.replace('"1250"', '"1"')),
      signContent("POST", PATH, CLIENT, TIME, BODY + " "),
      signContent("GET", PATH, CLIENT, TIME, BODY),
    ];
    for (const content of altered) expect(await verify(key, content, encoded)).toBe(false);
    expect(await verify(key, signContent("POST", PATH, CLIENT, TIME, BODY), encoded)).toBe(true);
  });

  it("refuses a signature made with another key", async () => {
    const content = signContent("POST", PATH, CLIENT, TIME, BODY);
    const encoded = await sign(await merchantPrivate(), content);
    expect(await verify(await importPublicKey(TEST_PROVIDER_PUBLIC_KEY), content, encoded)).toBe(false);
  });

  it("answers false, never throws, on garbage signatures", async () => {
    const key = await merchantPublic();
    const content = signContent("POST", PATH, CLIENT, TIME, BODY);
    for (const garbage of ["", "   ", "%", "%E0%A4%A", "not base64!", "AAAA", "%2F%2F%2F%2F", btoa("x".repeat(256))]) {
      expect(await verify(key, content, garbage)).toBe(false);
    }
  });

  it("rejects a key that is not a base64 DER key", async () => {
    await expect(importPublicKey("bm90IGEga2V5")).rejects.toThrow(/invalid RSA key/);
    await expect(importPrivateKey("%%%")).rejects.toThrow(/invalid RSA key/);
    // The public key is not a private key, nor the other way round.
    await expect(importPrivateKey(TEST_MERCHANT_PUBLIC_KEY)).rejects.toThrow(/invalid RSA key/);
    await expect(importPublicKey(TEST_MERCHANT_PRIVATE_KEY)).rejects.toThrow(/invalid RSA key/);
  });
});

describe("against openssl (signatures made outside our code)", () => {
  it("verifies openssl's signatures, URL-encoded upper- or lower-case", async () => {
    expect(OPENSSL_SIGNED.length).toBeGreaterThanOrEqual(4);
    const key = await merchantPublic();
    for (const { name, content, signature } of OPENSSL_SIGNED) {
      const upper = encodeURIComponent(signature);
      const lower = upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
      expect({ name, upper: await verify(key, content, upper), lower: await verify(key, content, lower), raw: await verify(key, content, signature) }).toEqual({
        name,
        upper: true,
        lower: true,
        raw: true,
      });
    }
  });

  it("the docs' lower-case escapes (%2f, %3d) decode", async () => {
    const withEscapes = OPENSSL_SIGNED.find((s) => /[/=]/.test(s.signature));
    expect(withEscapes, "a fixture signature with / or =").toBeDefined();
    const lower = withEscapes!.signature.replaceAll("/", "%2f").replaceAll("=", "%3d").replaceAll("+", "%2b");
    expect(lower).toMatch(/%2f|%3d/);
    expect(await verify(await merchantPublic(), withEscapes!.content, lower)).toBe(true);
  });

  it("refuses openssl's signatures over altered content", async () => {
    const key = await merchantPublic();
    for (const { content, signature } of OPENSSL_SIGNED) {
      expect(await verify(key, content.replace("TEST_CLIENT_0001", "TEST_CLIENT_0009"), encodeURIComponent(signature))).toBe(false);
    }
  });

  it("signs byte for byte as openssl does (PKCS#1 v1.5 is deterministic), UTF-8 included", async () => {
    const key = await merchantPrivate();
    for (const { name, content, signature } of OPENSSL_SIGNED) {
      expect({ name, signature: decodeURIComponent(await sign(key, content)) }).toEqual({ name, signature });
    }
  });
});

describe("Signature header", () => {
  it("is built as the SDKs build it", () => {
    expect(signatureHeader("abc%2F")).toBe("algorithm=RSA256,keyVersion=1,signature=abc%2F");
    expect(signatureHeader("abc", 2)).toBe("algorithm=RSA256,keyVersion=2,signature=abc");
  });

  it("parses with or without spaces, in any order, and returns null when there is no signature", () => {
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1,signature=abc%2Fd%3D%3D")).toBe("abc%2Fd%3D%3D");
    expect(parseSignatureHeader("algorithm=RSA256, keyVersion=1, signature=jTOHqknjk%2fnDjEn8%3d%3d")).toBe("jTOHqknjk%2fnDjEn8%3d%3d");
    expect(parseSignatureHeader("  signature = xyz , algorithm=RSA256")).toBe("xyz");
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1,signature=")).toBeNull();
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1")).toBeNull();
    expect(parseSignatureHeader("")).toBeNull();
    expect(parseSignatureHeader(null)).toBeNull();
    expect(parseSignatureHeader(undefined)).toBeNull();
  });

  it("a built header parses back to the signature, which verifies", async () => {
    const content = signContent("POST", PATH, CLIENT, TIME, BODY);
    const header = signatureHeader(await sign(await merchantPrivate(), content));
    expect(await verify(await merchantPublic(), content, parseSignatureHeader(header)!)).toBe(true);
  });
});
