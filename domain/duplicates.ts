// Telling whether a new workshop may be one already on the register: same phone, a name that is
// the same once trimmed of spaces and of generic suffixes such as 厂/加工点/作坊, or a site within
// a short distance.
import { toHalfWidth } from './phone.js';
import { z } from './zod.js';

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

export const duplicateReasonDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phone') }),
  z.object({ kind: z.literal('name') }),
  z.object({ kind: z.literal('similarName') }),
  z.object({ kind: z.literal('distance'), metres: z.number() }),
]);
export type DuplicateReason = z.infer<typeof duplicateReasonDto>;

export const duplicateMatchDto = z
  .object({
    id: z.number().int(),
    name: z.string(),
    townId: z.number().int(),
    townName: z.string(),
    villageName: z.string().nullable(),
    address: z.string(),
    phone: z.string(),
    status: z.string(),
    reasons: z.array(duplicateReasonDto).meta({ description: '为何疑似重复：phone 电话相同、name 名称相同（忽略后缀）、similarName 一方名称包含另一方、distance 相距（米）' }),
  })
  .meta({ id: 'DuplicateMatch', description: '台账中疑似同一场所的已登记企业' });
export type DuplicateMatchDto = z.infer<typeof duplicateMatchDto>;

export const duplicateCheckResultDto = z
  .object({ items: z.array(duplicateMatchDto).meta({ description: '最多 20 家' }), radiusMetres: z.number().meta({ description: '“相距很近”的距离（米）' }) })
  .meta({ description: '疑似重复的已登记企业' });

export const DEFAULT_DUPLICATE_DISTANCE_M = 100;

/** Longer name keys are not cut into pieces (containedKeys). */
export const SIMILAR_NAME_MAX = 30;

/** Names this short (as keys) are too common to call one containing the other a likeness. */
export const SIMILAR_NAME_MIN = 3;

/**
 * The keys a registered workshop's name key may have to be contained in `key`: every distinct
 * piece of at least SIMILAR_NAME_MIN characters, other than `key` itself (that is a same name).
 */
export function containedKeys(key: string): string[] {
  const chars = Array.from(key);
  // A long name would give hundreds of pieces; such a name is compared whole and by containment only.
  if (chars.length > SIMILAR_NAME_MAX) return [];
  const out = new Set<string>();
  for (let len = SIMILAR_NAME_MIN; len < chars.length; len++) for (let i = 0; i + len <= chars.length; i++) out.add(chars.slice(i, i + len).join(''));
  return [...out];
}
