/** The AMS endpoints (payments-protocol.md A1), as paths below the provider's base URL. */
export const ANTOM_PATHS = {
  pay: "/ams/api/v1/payments/pay",
  inquiryPayment: "/ams/api/v1/payments/inquiryPayment",
  cancel: "/ams/api/v1/payments/cancel",
  refund: "/ams/api/v1/payments/refund",
  inquiryRefund: "/ams/api/v1/payments/inquiryRefund",
} as const;

export type AntomEndpoint = keyof typeof ANTOM_PATHS;

/** Client ids of the provider's sandbox start with this; their requests go to `/ams/sandbox/api`. */
export const SANDBOX_CLIENT_PREFIX = "SANDBOX_";

/**
 * The path a request is sent to and signed over: the official SDKs rewrite `/ams/api` to
 * `/ams/sandbox/api` for SANDBOX_ client ids before signing.
 */
export function endpointPath(endpoint: AntomEndpoint, clientId: string): string {
  const path = ANTOM_PATHS[endpoint];
  return clientId.startsWith(SANDBOX_CLIENT_PREFIX) ? path.replace(/^\/ams\/api\//, "/ams/sandbox/api/") : path;
}

const ENDPOINT_PATH = /\/ams\/(?:sandbox\/)?api\/v1\/payments\/([A-Za-z]+)$/;

/**
 * Which endpoint a received request path names (either form, below any prefix the server is
 * mounted at), or null: the server side's routing (an unknown one answers NO_INTERFACE_DEF).
 */
export function endpointOf(pathname: string): AntomEndpoint | null {
  const name = ENDPOINT_PATH.exec(pathname)?.[1];
  return name !== undefined && Object.hasOwn(ANTOM_PATHS, name) ? (name as AntomEndpoint) : null;
}
