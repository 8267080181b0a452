// Records that cite evidence (incidents, cases) cite the workshop's own files, by id.
import type { Db } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { workshopAttachmentIds } from '../../repositories/incidents.js';

/** Refuses ids that are not the workshop's own files, naming them. */
export async function requireOwnEvidence(trx: Db, enterpriseId: number, ids: readonly number[]): Promise<void> {
  const owned = await workshopAttachmentIds(trx, enterpriseId, ids);
  const foreign = ids.filter((id) => !owned.has(id));
  if (foreign.length > 0) throw invalid(`这些影像文件不属于该企业：${foreign.join('、')}`, [{ path: 'evidenceIds', message: '只能关联该企业的影像文件' }]);
}
