// Phone numbers as people type them: full-width digits, spaces, dashes. Mobiles are 1[3-9] + 9
// digits; landlines carry an area code (0 + 2–3 digits) and a 7–8 digit number, e.g. 0632-1234567.

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The canonical form of a phone number, or null when it is not one. */
export function normalizePhone(input: string): string | null {
  const s = toHalfWidth(input).trim().replace(/[\s()（）]/g, '');
  const digits = s.replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (landline) return `${landline[1]}-${landline[2]}`;
  return null;
}
