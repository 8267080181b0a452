// Loading a public tip for a staff member: 404 unless it is a workshop tip of the campaign in their scope.
import type { TipStatus } from '../../../domain/tips.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, TipRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can, type TipSubject } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findTip } from '../../repositories/tips.js';

export const tipSubject = (row: TipRow, rootPath: string): TipSubject & { rootPath: string } => ({ orgPath: row.org_path ?? rootPath, status: row.status as TipStatus, rootPath });

export async function readableTip(db: Db, actor: Actor, campaign: CampaignRecord, id: number, opts: { forUpdate?: boolean } = {}): Promise<TipRow> {
  const row = await findTip(db, campaign.id, id, opts);
  if (!row || row.kind !== 'workshop' || !can(actor, 'tip.read', tipSubject(row, campaign.rootPath))) throw notFound();
  return row;
}

export const TIP_CHANGED = '该举报已被他人处理，请刷新后重试';
