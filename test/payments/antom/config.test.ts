import { describe, expect, it } from "vitest";
import { AntomConfigError, antomConfig, type AntomEnv } from "../../../src/payments/antom/config";

const full: AntomEnv = {
  ANTOM_BASE_URL: "https://open-sea-global.alipay.com/",
  ANTOM_CLIENT_ID: "SANDBOX_5Y0566SG25J004124",
  ANTOM_MERCHANT_PRIVATE_KEY: " MIIEv...private ",
  ANTOM_PUBLIC_KEY: "MIIBI...public",
  PUBLIC_ORIGIN: "https://tableside.example/",
};

describe("antomConfig", () => {
  it("reads the five variables, trimmed, without trailing slashes", () => {
    expect(antomConfig(full)).toEqual({
      baseUrl: "https://open-sea-global.alipay.com",
      clientId: "SANDBOX_5Y0566SG25J004124",
      privateKey: "MIIEv...private",
      providerPublicKey: "MIIBI...public",
      publicOrigin: "https://tableside.example",
    });
  });

  it("names every missing or blank variable", () => {
    const error = (() => {
      try {
        antomConfig({ ...full, ANTOM_PUBLIC_KEY: undefined, PUBLIC_ORIGIN: "  " });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AntomConfigError);
    expect((error as Error).message).toMatch(/ANTOM_PUBLIC_KEY, PUBLIC_ORIGIN/);
    expect(() => antomConfig({})).toThrow(/ANTOM_BASE_URL, ANTOM_CLIENT_ID, ANTOM_MERCHANT_PRIVATE_KEY, ANTOM_PUBLIC_KEY, PUBLIC_ORIGIN/);
  });

  it("refuses a base URL or origin that is not http(s)", () => {
    expect(() => antomConfig({ ...full, ANTOM_BASE_URL: "open-sea-global.alipay.com" })).toThrow(/ANTOM_BASE_URL is not a URL/);
    expect(() => antomConfig({ ...full, PUBLIC_ORIGIN: "ftp://tableside.example" })).toThrow(/PUBLIC_ORIGIN must be an http\(s\) URL/);
  });
});
