/**
 * The only inline scripts the server-rendered pages may carry. The content security policy
 * allows each by its SHA-256 hash (see src/http/middleware/security-headers.ts), not by a nonce:
 * the guest pages are shared from the Cache API and revalidated with ETag/304, and a 304 would
 * hand the browser a fresh nonce for the old body it keeps. Change one of these and its hash
 * follows on its own; a new inline script must be added here or the browser refuses to run it.
 */

/** Marks the document as scripted before first paint, so `.js-only` parts never flash. */
export const JS_FLAG_SCRIPT = 'document.documentElement.className="js"';

/** The print sheet's Print button. */
export const PRINT_BUTTON_SCRIPT = 'document.getElementById("print").onclick=function(){print()}';

export const INLINE_SCRIPTS = [JS_FLAG_SCRIPT, PRINT_BUTTON_SCRIPT] as const;
