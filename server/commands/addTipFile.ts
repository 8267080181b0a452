// 举报照片: the tipster adds a photo or video to their tip from the public page, with the receipt code as
// the only key — within two hours of sending it and while nobody has acted on it yet, at most six
// files, and limited per address. The file goes through the one evidence pipeline (what it really is,
// its size, SHA-256, EXIF time and place, a thumbnail, write-once storage), filed by the portal's own
// user. A workshop tip's files are the tip's (read by whoever reads the tip); a fee complaint's go to
// its disciplinary clue. Nothing of them is ever shown on the public page.
import type { UploadMetadata } from '../../domain/attachment.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError, conflict, notFound } from '../errors.js';
import { clueEvidenceSubject } from '../policies/index.js';
import { countRecordAttachments } from '../repositories/attachments.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findClue } from '../repositories/clues.js';
import { findTipByReceipt, portalUserId } from '../repositories/tips.js';
import { recordEvidenceFile } from './lib/evidenceFile.js';
import type { EvidenceTarget } from './lib/evidenceTarget.js';
import { enforceLimits } from './lib/rateLimit.js';
import { receiptSha256 } from './submitTip.js';

/** Files per tip, and how long after sending it the tipster may still add one. */
export const TIP_MAX_FILES = 6;
const TIP_FILE_WINDOW_MS = 2 * 3_600_000;

export async function addTipFile(ctx: AppContext, from: { address: string }, input: { receipt: string; path: string; filename: string; device: { lat: number; lng: number } | null }): Promise<{ attachmentId: number; duplicate: boolean }> {
  const now = nowIso();
  await enforceLimits(ctx.db, [{ limit: { name: 'tipfile:ip', per: 'hour', max: ctx.config.tipLimits.addressHour * 8 }, value: from.address }], now, '上传过于频繁');
  const campaign = await currentCampaign(ctx.db);
  const tip = await findTipByReceipt(ctx.db, receiptSha256(input.receipt));
  if (!tip || tip.campaign_id !== campaign.id) throw notFound('没有这个回执码，请核对后重新输入');
  if (Date.parse(now) - Date.parse(tip.submitted_at) > TIP_FILE_WINDOW_MS || (tip.kind === 'workshop' && tip.status !== 'received'))
    throw new AppError('invalid_transition', '举报已在办理中（或提交已超过两小时），不能再补充照片；如有新情况请重新举报');

  let target: EvidenceTarget;
  if (tip.kind === 'fee' && tip.clue_id !== null) {
    const clue = await findClue(ctx.db, campaign.id, tip.clue_id);
    if (!clue) throw notFound('没有这个回执码，请核对后重新输入');
    target = { record: { recordType: 'clue', recordId: String(clue.id), itemCode: null }, subject: clueEvidenceSubject(clue), orgPath: clue.org_path, enterprise: null, auditEntity: { entityType: 'clue', entityId: clue.id, scopePath: clue.org_path } };
  } else {
    const orgPath = tip.org_path ?? campaign.rootPath;
    target = { record: { recordType: 'tip', recordId: String(tip.id), itemCode: null }, subject: { recordType: 'tip', orgPath }, orgPath, enterprise: null, auditEntity: { entityType: 'tip', entityId: tip.id, scopePath: orgPath } };
  }
  if ((await countRecordAttachments(ctx.db, target.record)) >= TIP_MAX_FILES) throw conflict(`每条举报最多附 ${TIP_MAX_FILES} 个照片或视频`);

  const portal: Actor = { id: await portalUserId(ctx.db, now), username: '_public_portal', displayName: '群众举报平台', grants: [] };
  const meta: UploadMetadata = {
    recordType: target.record.recordType,
    recordId: target.record.recordId,
    filename: input.filename.slice(0, 255) || 'photo',
    caption: '',
    phase: '',
    ...(input.device ? { deviceLat: input.device.lat, deviceLng: input.device.lng } : {}),
  };
  const added = await recordEvidenceFile(ctx, portal, campaign, { path: input.path, meta }, async () => target);
  return { attachmentId: added.id, duplicate: added.duplicate };
}
