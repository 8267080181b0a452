// A power account number (户号) as people type it — full-width digits on a phone's Chinese keyboard,
// spaces and dashes between groups — stored one way and compared one way, so that the register,
// the power supply office's list and the same-site search find each other.
import { toHalfWidth } from './phone.js';

/** As stored on a workshop: half-width, blanks collapsed to one space, trimmed. */
export function normalizePowerAccount(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, ' ').trim();
}

/**
 * As compared: the stored form without spaces or dashes. For a stored account this is exactly what the
 * register's expression index holds (`replace(replace(power_account, ' ', ''), '-', '')`, migration 034).
 */
export function powerAccountKey(raw: string): string {
  return normalizePowerAccount(raw).replace(/[ -]/g, '');
}
