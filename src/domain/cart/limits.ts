/** Bounds on what a diner can put in a cart; checked on the server for every operation. */
export const CART_LIMITS = {
  minQuantity: 1,
  maxQuantity: 99,
  maxNoteLength: 200,
  /** Lines in one table's cart at a time. */
  maxLines: 150,
  maxOptionsPerLine: 24,
  maxDinerNameLength: 40,
  /** Devices in one table session (a scan loop or a script cannot grow it without bound). */
  maxDiners: 40,
} as const;
