// The org tree (组织机构): towns and villages, and a town adding its own villages.
import { entityId, idText, text } from './params.js';
import { ORG_UNIT_KINDS } from './status.js';
import { z } from './zod.js';


/** GET /api/org-units */
export const orgUnitListQuerySchema = z.strictObject({
  kind: z.enum(ORG_UNIT_KINDS, { error: '类型应为 town 或 village 等' }).optional(),
  parent: idText('上级单位').optional(),
});

/** POST /api/org-units: a town adds a village (村居). */
export const villageCreateSchema = z.strictObject({
  townId: entityId,
  name: text(40)
    .min(2, { error: '请填写村居名称' })
    .regex(/^[\p{Script=Han}A-Za-z0-9（）()·]+$/u, { error: '村居名称只能包含汉字、字母和数字' }),
});
