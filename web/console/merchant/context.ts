import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Merchant, MerchantAccess } from "../../shared/types";

export interface MerchantContextValue {
  merchant: Merchant;
  access: MerchantAccess;
  setMerchant: (merchant: Merchant) => void;
}

export const MerchantContext = createContext<MerchantContextValue | null>(null);

export function useMerchant(): MerchantContextValue {
  const value = useContext(MerchantContext);
  if (!value) throw new Error("useMerchant outside a merchant page");
  return value;
}
