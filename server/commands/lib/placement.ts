import type { Actor } from '../../auth/actor.js';
import { covers, reaches } from '../../auth/actor.js';
import type { Db, OrgUnitRow } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { findOrgUnit } from '../../repositories/orgUnits.js';

export interface Placement {
  town: OrgUnitRow;
  village: OrgUnitRow | null;
  /** The path the workshop takes: its village's, else its town's. */
  path: string;
}

/** Checks that the town (and village, if any) exist, belong together and are within the actor's sight. */
export async function resolvePlacement(db: Db, actor: Actor, rootPath: string, townId: number, villageId: number | null): Promise<Placement> {
  const town = await findOrgUnit(db, townId);
  if (!town || town.kind !== 'town' || !town.path.startsWith(rootPath) || !reaches(actor, town.path))
    throw invalid('所属镇街不存在或不在您的管辖范围内', [{ path: 'townId', message: '镇街不存在或不在您的管辖范围内' }]);
  let village: OrgUnitRow | null = null;
  if (villageId !== null) {
    village = (await findOrgUnit(db, villageId)) ?? null;
    if (!village || village.kind !== 'village' || village.parent_id !== town.id || !covers(actor, village.path))
      throw invalid('所属村居不存在或不属于所选镇街', [{ path: 'villageId', message: '村居不存在或不属于所选镇街' }]);
  }
  // A village head sees the town but may only place workshops in the village.
  if (!village && !covers(actor, town.path)) throw invalid('请选择所属村居', [{ path: 'villageId', message: '请选择所属村居' }]);
  return { town, village, path: village?.path ?? town.path };
}
