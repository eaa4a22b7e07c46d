/**
 * The search box of the console's lists, as one SQL condition on households `h` (and, for cases, the
 * case number column): a case number or its last digits, a household id, a full ID number, a phone's
 * last digits (household or member), or a name (head or member; a prefix of the head's name).
 * Appends its parameters to `args` and returns "" when there is nothing to search.
 */
export function searchClause(q: string | undefined, args: unknown[], cols: { caseNumber?: string } = {}): string {
  const text = q?.trim();
  if (!text) return '';
  const p = (v: unknown) => `$${args.push(v)}`;
  const member = (cond: string) => `EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND ${cond})`;
  if (/^SW\d{10}$/i.test(text) && cols.caseNumber) return ` AND ${cols.caseNumber} = ${p(text.toUpperCase())}`;
  if (/^H\d+$/i.test(text)) return ` AND h.id = ${p(text.toUpperCase())}`;
  if (/^\d{17}[\dXx]$/.test(text)) return ` AND ${member(`m.id_number = ${p(text.toUpperCase())}`)}`;
  if (/^\d{3,11}$/.test(text)) {
    const tail = p(`%${text}`);
    const byNumber = cols.caseNumber ? `${cols.caseNumber} LIKE ${tail} OR ` : '';
    return ` AND (${byNumber}h.phone LIKE ${tail} OR ${member(`m.phone LIKE ${tail}`)})`;
  }
  const name = p(text);
  return ` AND (h.head_name = ${name} OR h.head_name LIKE ${p(`${text.replace(/[%_\\]/g, '\\$&')}%`)} OR ${member(`m.name = ${name}`)})`;
}
