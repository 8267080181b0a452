// Telling whether a new workshop may be one already on the register: same phone, a name that is
// the same once trimmed of spaces and of generic suffixes such as 厂/加工点/作坊, or a site within
// a short distance.
import { toHalfWidth } from './phone.js';

const SUFFIXES = ['有限责任公司', '有限公司', '加工厂', '加工点', '加工作坊', '作坊', '厂', '点'];

/** The name with spaces, punctuation and generic suffixes removed, for comparison only. */
export function workshopNameKey(name: string): string {
  let key = toHalfWidth(name)
    .toLowerCase()
    .replace(/[\s·.,，。、()（）【】\[\]"'“”‘’\-_]/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES)
      if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
  }
  return key;
}

export type DuplicateReason = { kind: 'phone' } | { kind: 'name' } | { kind: 'distance'; metres: number };

export const DEFAULT_DUPLICATE_DISTANCE_M = 100;
