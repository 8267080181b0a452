// 修改通报批评草稿: every field of the 公文, at the version read; an issued notice is never changed.
import type { NoticeEdit } from '../../domain/criticism.js';
import { CRITICISM_WORKFLOW, type CriticismStatus } from '../../domain/workflows/criticismNotice.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { updateNoticeAtVersion } from '../repositories/criticismNotices.js';
import { noticeSubject, readableNotice } from './lib/criticism.js';
import { requireTransition, staleVersion } from './lib/transition.js';

const COLUMNS = {
  issuerMark: 'issuer_mark',
  numberPrefix: 'number_prefix',
  title: 'title',
  addressees: 'addressees',
  body: 'body',
  signature: 'signature',
  datedOn: 'dated_on',
  copyTo: 'copy_to',
  printedBy: 'printed_by',
  printedOn: 'printed_on',
} as const;

export async function editCriticismNotice(ctx: AppContext, actor: Actor, input: { id: number } & NoticeEdit): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { notice, towns } = await readableNotice(trx, actor, campaign, input.id);
    requireTransition(CRITICISM_WORKFLOW, notice.status as CriticismStatus, 'edit');
    authorize(actor, 'notice.edit', noticeSubject(notice, towns));
    const stale = () => staleVersion('该通报刚被他人修改，请刷新后重试');
    if (input.version !== notice.version) throw stale();
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    const changes: Record<string, string> = {};
    for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]][]) {
      if (notice[column] === input[field]) continue;
      before[field] = notice[column];
      after[field] = input[field];
      changes[column] = input[field];
    }
    if (Object.keys(changes).length === 0) return;
    if (!(await updateNoticeAtVersion(trx, notice, changes))) throw stale();
    await writeAudit(trx, { actor, action: 'notice.edit', entityType: 'criticism_notice', entityId: notice.id, scopePath: campaign.rootPath, before, after });
  });
}
