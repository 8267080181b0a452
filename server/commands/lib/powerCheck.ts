// Loading a power account list or a flagged account for a staff member: 404 unless it is the campaign's and
// in their scope (the town's path).
import type { PowerFlag, PowerFlagState, PowerImportStatus } from '../../../domain/powerCheck.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, PowerAccountRow, PowerImportRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can, type PowerFlagSubject, type PowerImportSubject } from '../../policies/index.js';
import { findPowerAccount, findPowerImport } from '../../repositories/powerCheck.js';

export const POWER_IMPORT_NOT_FOUND = '用电户清单不存在或不在您的管辖范围内';
export const POWER_FLAG_NOT_FOUND = '该用电户不存在或不在您的管辖范围内';
export const POWER_FLAG_CHANGED = '该用电异常户已被他人处理，请刷新后重试';

export const powerImportSubject = (row: PowerImportRow): PowerImportSubject => ({ orgPath: row.org_path, status: row.status as PowerImportStatus });
export const powerFlagSubject = (row: PowerAccountRow): PowerFlagSubject => ({ orgPath: row.org_path, flag: row.flag as PowerFlag | null, state: row.state as PowerFlagState | null });

export async function readablePowerImport(db: Db, actor: Actor, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<PowerImportRow> {
  const row = await findPowerImport(db, campaignId, id, opts);
  if (!row || !can(actor, 'powerImport.read', powerImportSubject(row))) throw notFound(POWER_IMPORT_NOT_FOUND);
  return row;
}

export async function readablePowerAccount(db: Db, actor: Actor, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<PowerAccountRow> {
  const row = await findPowerAccount(db, campaignId, id, opts);
  if (!row || !can(actor, 'powerFlag.read', powerFlagSubject(row))) throw notFound(POWER_FLAG_NOT_FOUND);
  return row;
}
