// An import is checked against the town's register as the preview read it; confirming checks that
// the register has not changed under it since.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { AppError, conflict } from '../../errors.js';
import { INPUT_DEFAULTS } from '../../imports/stagedInput.js';
import { RowChecker } from '../../imports/validate.js';
import type { ImportMatch } from '../../../domain/imports.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { readTownRegister, stagedRowsToCheck, type TownRegister } from '../../repositories/imports.js';

/** Staged rows read back per query when checking and when writing audit records. */
export const READ_CHUNK = 5000;

export interface ImportTown {
  id: number;
  name: string;
  path: string;
}

/**
 * A fingerprint of the town's register as read: SHA-256 over the id and version of each of its
 * workshops and the id of each of its villages, in id order. Any workshop added, moved in or out,
 * or edited (every edit raises its version; workshops are never deleted), or any village added or
 * removed, changes it.
 */
export function registerMark(register: TownRegister): string {
  const hash = createHash('sha256');
  for (const w of register.workshops) hash.update(`w${w.id}:${w.version}\n`);
  for (const v of register.villages) hash.update(`v${v.id}\n`);
  return hash.digest('hex');
}

/** The registered workshops a staged row's matches (import_rows.matches) name. */
export function matchIds(matches: string): number[] {
  return (JSON.parse(matches) as ImportMatch[]).map((m) => m.id);
}

/**
 * Checks, before writing, that the register has not changed under the preview: every row's
 * village still exists and no workshop registered since looks like a row (rows judged different
 * from their known matches are fine). Throws a Chinese conflict naming the first such row. When
 * the town's workshops and villages are as the preview found them (`previewMark`), the preview's
 * checks still hold and the rows are not read again.
 */
export async function checkStillValid(trx: Db, campaign: CampaignRecord, town: ImportTown, importId: number, previewMark: string | null): Promise<void> {
  const register = await readTownRegister(trx, campaign.id, town.id);
  if (previewMark !== null && previewMark === registerMark(register)) return;
  const villages = new Set(register.villages.map((v) => v.id));
  const existing = register.workshops;
  const checker = existing.length ? new RowChecker({ town, villages: [], kinds: campaign.definition.workshopKinds, existing }) : null;
  let last = 0;
  for (;;) {
    const rows = await stagedRowsToCheck(trx, importId, INPUT_DEFAULTS, last, READ_CHUNK);
    if (rows.length === 0) return;
    for (const r of rows) {
      last = r.row_no;
      if (r.village_id !== null && !villages.has(Number(r.village_id))) throw new AppError('conflict', `第 ${r.row_no} 行的村居已被删除，请重新上传`);
      if (!checker) continue;
      const known = new Set(r.matches ? matchIds(r.matches) : []);
      const fresh = checker.matchesFor(r.name, r.phone ?? '').filter((m) => !known.has(m.id));
      if (fresh.length > 0) throw conflict(`第 ${r.row_no} 行的企业“${r.name}”与预览之后登记到台账的“${fresh[0].name}”疑似重复：请重新上传文件`);
    }
  }
}
