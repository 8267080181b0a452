import type { Kysely } from 'kysely';
import { isRecordId } from '../../domain/params.js';
import type { Database } from '../db/schema.js';
import { reaches, type Actor } from '../auth/actor.js';
import { findChildByName, findOrgUnit, findOrgUnitByName } from './orgUnits.js';

/**
 * Turns the `town`/`village` query parameters (an id, or a name as officials type it) into ids.
 * A unit outside the actor's scope behaves like one that does not exist: the answer is empty.
 */
export async function resolveUnitFilter(
  db: Kysely<Database>,
  actor: Actor,
  town: string | undefined,
  village: string | undefined,
): Promise<{ townId?: number; villageId?: number } | 'none'> {
  const out: { townId?: number; villageId?: number } = {};
  for (const [key, value, kind] of [['townId', town, 'town'], ['villageId', village, 'village']] as const) {
    if (!value) continue;
    // An id no record can have (the query schemas refuse it; the CLI passes what was typed) finds nothing.
    if (/^\d+$/.test(value) && !isRecordId(Number(value))) return 'none';
    const unit = /^\d+$/.test(value)
      ? await findOrgUnit(db, Number(value))
      : kind === 'village' && out.townId !== undefined
        ? await findChildByName(db, out.townId, value)
        : (await findOrgUnitByName(db, value, kind))[0];
    if (!unit || unit.kind !== kind) return 'none';
    // Visibility is enforced by the list's scope condition too; this only saves a pointless query.
    if (!reaches(actor, unit.path)) return 'none';
    out[key] = unit.id;
  }
  return out;
}
