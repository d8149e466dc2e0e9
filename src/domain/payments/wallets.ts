/**
 * The wallets a store can accept, as the provider names them (`paymentMethod.paymentMethodType`
 * in `pay`, see /work/shared/payments-protocol.md A5), and which one to preselect for a guest
 * whose browser is a wallet's own in-app browser.
 *
 * CONNECT_WALLET (Alipay+: the provider's page lets the guest pick any Alipay+ wallet),
 * ALIPAY_CN and ALIPAY_HK are the types the protocol notes name. The others are Alipay+ wallets
 * the provider's documentation lists by name; their type codes follow the provider's naming
 * and are not confirmed on a primary page, so they are not accepted by default.
 */

export const WALLETS = {
  CONNECT_WALLET: { name: "Alipay+", region: null },
  ALIPAY_CN: { name: "Alipay", region: "CN" },
  ALIPAY_HK: { name: "AlipayHK", region: "HK" },
  GCASH: { name: "GCash", region: "PH" },
  DANA: { name: "DANA", region: "ID" },
  KAKAOPAY: { name: "Kakao Pay", region: "KR" },
  TRUEMONEY: { name: "TrueMoney", region: "TH" },
  TNG: { name: "Touch 'n Go eWallet", region: "MY" },
} as const satisfies Record<string, { name: string; region: string | null }>;

export type WalletType = keyof typeof WALLETS;

export const WALLET_TYPES = Object.keys(WALLETS) as WalletType[];

/** What a new store accepts: the wallets of the protocol notes. */
export const DEFAULT_WALLETS: readonly WalletType[] = ["CONNECT_WALLET", "ALIPAY_CN", "ALIPAY_HK"];

export const isWalletType = (value: unknown): value is WalletType => typeof value === "string" && Object.hasOwn(WALLETS, value);

/**
 * User-agent tokens of wallets' in-app browsers, most specific first (AlipayHK's browser may
 * also carry Alipay's token). Matched case-sensitively as whole tokens:
 * - `AlipayHK`, `AlipayClientHK` → ALIPAY_HK (the AlipayHK app);
 * - `AlipayClient` (e.g. `AlipayClient/10.1.82.9020`, beside `AliApp(AP/…)`) → ALIPAY_CN.
 * Other wallets' browsers carry no token we can rely on: the guest picks by hand.
 */
const UA_TOKENS: readonly (readonly [RegExp, WalletType])[] = [
  [/\bAlipay(?:Client)?HK\b/, "ALIPAY_HK"],
  [/\bAlipayClient\b/, "ALIPAY_CN"],
];

/** The wallet whose app this user agent is, if any. */
export function walletFromUserAgent(userAgent: string | null | undefined): WalletType | null {
  if (!userAgent) return null;
  for (const [token, wallet] of UA_TOKENS) if (token.test(userAgent)) return wallet;
  return null;
}

/**
 * The wallet to preselect on the pay sheet: the guest's wallet app when the store accepts it;
 * otherwise Alipay+ when accepted and the guest is in some Alipay app (it can route there);
 * otherwise none (the guest chooses).
 */
export function preselectWallet(userAgent: string | null | undefined, accepted: readonly WalletType[]): WalletType | null {
  const own = walletFromUserAgent(userAgent);
  if (!own) return null;
  if (accepted.includes(own)) return own;
  return accepted.includes("CONNECT_WALLET") ? "CONNECT_WALLET" : null;
}
