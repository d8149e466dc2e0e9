/**
 * "Every diner confirms" (a store setting): the cart goes to the kitchen once each diner who
 * owns a line in it, and each guest at the table right now (connected), has confirmed it as it
 * is. A guest still choosing holds the round back even with nothing in the cart yet; one who has
 * left (page closed) does not, unless their own dishes are in it. Staff send without waiting.
 * No imports: the guest island uses this too.
 */
export function stillToConfirm(owners: Iterable<string>, present: Iterable<string>, confirmed: readonly string[]): string[] {
  const done = new Set(confirmed);
  return [...new Set([...owners, ...present])].filter((d) => !done.has(d));
}
