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

/**
 * The diners whose dishes are in the cart: each line's owner, and the guest who added a line
 * someone else took over. Taking over a line lets a diner change or remove it, not send it in
 * the adder's name: as long as the line is in the cart its adder confirms it, away or not (at a
 * real table nobody orders a friend's dish while the friend is out; whoever wants it anyway
 * removes it and adds it as their own, or asks the staff, who send without waiting).
 */
export function lineConfirmers(lines: Iterable<{ dinerId: string; addedBy: string }>, isStaff: (dinerId: string) => boolean): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    out.add(l.dinerId);
    if (l.addedBy !== l.dinerId && !isStaff(l.addedBy)) out.add(l.addedBy);
  }
  return [...out];
}
