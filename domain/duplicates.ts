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
    reasons: z.array(duplicateReasonDto).meta({ description: '为何疑似重复：phone 电话相同、name 名称相同（忽略后缀）、similarName 同一镇街内一方名称是另一方加上前缀（如村名）、distance 相距（米）' }),
  })
  .meta({ id: 'DuplicateMatch', description: '台账中疑似同一场所的已登记企业' });
export type DuplicateMatchDto = z.infer<typeof duplicateMatchDto>;

export const duplicateCheckResultDto = z
  .object({ items: z.array(duplicateMatchDto).meta({ description: '最多 20 家' }), radiusMetres: z.number().meta({ description: '“相距很近”的距离（米）' }) })
  .meta({ description: '疑似重复的已登记企业' });

export const DEFAULT_DUPLICATE_DISTANCE_M = 100;

/** Names this short (as keys) are too common to call one a prefixed form of the other. */
export const SIMILAR_NAME_MIN = 3;

/** More look-alikes than this by name alone in one town: the name is generic and says nothing. */
export const SIMILAR_NAME_MAX_MATCHES = 5;

/**
 * Whether two name keys are one name with and without a prefix (a village's or a town's name, 李庄
 * 宏达塑料颗粒 and 宏达塑料颗粒): the longer ends with the shorter, which has at least
 * SIMILAR_NAME_MIN characters. Equal keys are the same name, not a similar one.
 */
export function prefixedForm(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return Array.from(short).length >= SIMILAR_NAME_MIN && long.endsWith(short);
}

/** The endings of `key` that a registered key may be (prefixedForm): its tails of SIMILAR_NAME_MIN characters or more, shorter than it. */
export function keyEndings(key: string): string[] {
  const chars = Array.from(key);
  const out: string[] = [];
  for (let i = 1; chars.length - i >= SIMILAR_NAME_MIN; i++) out.push(chars.slice(i).join(''));
  return out;
}
