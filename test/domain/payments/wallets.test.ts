import { describe, expect, it } from "vitest";
import { DEFAULT_WALLETS, isWalletType, preselectWallet, walletFromUserAgent, WALLET_TYPES } from "../../../src/domain/payments/wallets";

const ALIPAY_CN_UA =
  "Mozilla/5.0 (Linux; U; Android 9; zh-CN; HLK-AL00 Build/HONORHLK-AL00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.21.0.73 Mobile Safari/537.36 UCBS/3.21.0.73_191212221923 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:360|0|3.0) AliApp(AP/10.1.82.9020) AlipayClient/10.1.82.9020 Language/zh-Hans useStatusBar/true isConcaveScreen/false Region/CN";
const ALIPAY_HK_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.2.0 AlipayHK/15.3.0 Language/zh-Hant";
const SAFARI_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

describe("wallets", () => {
  it("the catalogue has Alipay+, Alipay and AlipayHK, accepted by default", () => {
    expect(DEFAULT_WALLETS).toEqual(["CONNECT_WALLET", "ALIPAY_CN", "ALIPAY_HK"]);
    for (const w of DEFAULT_WALLETS) expect(WALLET_TYPES).toContain(w);
    expect(isWalletType("ALIPAY_HK")).toBe(true);
    expect(isWalletType("toString")).toBe(false);
    expect(isWalletType("CARD")).toBe(false);
  });

  it("recognises wallet apps by their user-agent token, the most specific first", () => {
    expect(walletFromUserAgent(ALIPAY_CN_UA)).toBe("ALIPAY_CN");
    expect(walletFromUserAgent(ALIPAY_HK_UA)).toBe("ALIPAY_HK");
    expect(walletFromUserAgent("Foo AlipayClientHK/1.0")).toBe("ALIPAY_HK");
    expect(walletFromUserAgent(SAFARI_UA)).toBeNull();
    expect(walletFromUserAgent("NotAlipayClientX")).toBeNull();
    expect(walletFromUserAgent(undefined)).toBeNull();
  });

  it("preselects the guest's wallet when accepted, else Alipay+ when accepted, else nothing", () => {
    expect(preselectWallet(ALIPAY_HK_UA, DEFAULT_WALLETS)).toBe("ALIPAY_HK");
    expect(preselectWallet(ALIPAY_HK_UA, ["CONNECT_WALLET", "ALIPAY_CN"])).toBe("CONNECT_WALLET");
    expect(preselectWallet(ALIPAY_CN_UA, ["ALIPAY_HK"])).toBeNull();
    expect(preselectWallet(SAFARI_UA, DEFAULT_WALLETS)).toBeNull();
  });
});
