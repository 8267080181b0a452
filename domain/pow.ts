// The proof of work a public tip carries instead of a captcha: the browser finds a `nonce` such that
// SHA-256("<challenge>:<nonce>") begins with `difficulty` zero bits. One try costs the server one hash;
// a flood costs the sender 2^difficulty hashes per tip. Shared by the server (checks) and the portal (solves).

/** Whether a SHA-256 digest (lowercase hex) begins with at least `bits` zero bits. */
export function leadingZeroBits(hex: string, bits: number): boolean {
  let left = bits;
  for (let i = 0; left > 0; i++) {
    if (i >= hex.length) return false;
    const nibble = parseInt(hex[i], 16);
    if (Number.isNaN(nibble)) return false;
    if (left >= 4) {
      if (nibble !== 0) return false;
      left -= 4;
    } else return nibble >> (4 - left) === 0;
  }
  return true;
}

/** The text hashed for a challenge and a nonce. */
export const powInput = (challenge: string, nonce: string): string => `${challenge}:${nonce}`;
