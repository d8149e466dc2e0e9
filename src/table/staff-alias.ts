/**
 * A staff member's diner id at a table: the same for the same user every time (so their lines
 * stay theirs), but not their internal user id, which guests would otherwise read in every view
 * and event (lines, rounds, calls). Two 32-bit FNV-1a hashes of a 100-bit random id: stable,
 * and nothing to learn from. Guests see the staff member's name only.
 */
export function staffAlias(userId: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < userId.length; i++) {
    const c = userId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return `${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}
