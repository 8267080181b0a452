// 证据文件详情: a stored file with the record it is on, for showing it with what the actor may do
// to it; a reading like any other (readAttachment: 404 out of sight, a clue's file audited).
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { ownerOfAttachment, type AttachmentView } from './lib/evidenceTarget.js';
import { readAttachment, type AttachmentReading } from './readAttachment.js';

export type { AttachmentView } from './lib/evidenceTarget.js';

export async function viewAttachment(ctx: AppContext, actor: Actor, input: { id: number; reading: AttachmentReading | null }): Promise<AttachmentView> {
  const row = await readAttachment(ctx, actor, input);
  const owner = await ownerOfAttachment(ctx.db, await currentCampaign(ctx.db), row);
  if (!owner) throw notFound();
  return { row, owner };
}
