/** Close codes the live objects use (1000–1011 standard, 4000+ ours). The guest island reads them via src/table/protocol.ts. */
export const CLOSE = {
  normal: 1000,
  unsupported: 1003, // binary frames
  invalid: 1007, // not JSON or not a known message
  policy: 1008, // flooding
  tooBig: 1009,
  sessionEnded: 4000, // the party left; the table is free for the next one
  sessionMoved: 4001, // staff moved or merged the table; reconnect with the token just sent
  replaced: 4002, // the same diner opened more sockets than allowed; this, the oldest, was closed
} as const;
