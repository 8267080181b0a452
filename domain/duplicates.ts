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
    reasons: z.array(duplicateReasonDto).meta({ description: '为何疑似重复：phone 电话相同、name 名称相似、distance 相距（米）' }),
  })
  .meta({ id: 'DuplicateMatch', description: '台账中疑似同一场所的已登记企业' });
export type DuplicateMatchDto = z.infer<typeof duplicateMatchDto>;

export const duplicateCheckResultDto = z
  .object({ items: z.array(duplicateMatchDto).meta({ description: '最多 20 家' }), radiusMetres: z.number().meta({ description: '“相距很近”的距离（米）' }) })
  .meta({ description: '疑似重复的已登记企业' });

export const DEFAULT_DUPLICATE_DISTANCE_M = 100;
