export declare const DEV_CLIENT_ID: string;
export declare function generateKeyPair(): { privateKey: string; publicKey: string };
export declare function devKeyVars(origin: string): Record<
  | "PUBLIC_ORIGIN"
  | "ANTOM_BASE_URL"
  | "ANTOM_CLIENT_ID"
  | "ANTOM_MERCHANT_PRIVATE_KEY"
  | "ANTOM_PUBLIC_KEY"
  | "SANDBOX_MERCHANT_PUBLIC_KEY"
  | "SANDBOX_PRIVATE_KEY",
  string
>;
export declare function ensureDevKeys(file: string, origin: string): Promise<string[]>;
