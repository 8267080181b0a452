// 印发通报批评: the office issues the notice — it takes the next number under its prefix in the year
// of its date (山土小办发〔2016〕1号, 2号 …), is rendered once as the GB/T 9704 .docx, and that file is
// archived with the record, its SHA-256 in the audit; the notice never changes again.
import { createHash } from 'node:crypto';
import { nowIso } from '../../domain/time.js';
import { CRITICISM_WORKFLOW, type CriticismStatus } from '../../domain/workflows/criticismNotice.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { renderOfficialDocx } from '../exports/officialDocument.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { lastNoticeSeq, updateNoticeAtVersion } from '../repositories/criticismNotices.js';
import { noticeDocument, noticeSubject, readableNotice } from './lib/criticism.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function issueCriticismNotice(ctx: AppContext, actor: Actor, input: { id: number; version: number }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    // Numbers are handed out one at a time in the campaign: two issues at once take 1 and 2.
    await lockOrgUnit(trx, campaign.rootId);
    const { notice, towns } = await readableNotice(trx, actor, campaign, input.id);
    requireTransition(CRITICISM_WORKFLOW, notice.status as CriticismStatus, 'issue');
    authorize(actor, 'notice.issue', noticeSubject(notice, towns));
    const stale = () => staleVersion('该通报刚被他人修改，请刷新后重试');
    if (input.version !== notice.version) throw stale();
    if (!notice.number_prefix.trim()) throw invalid('请先填写发文字号前缀', [{ path: 'numberPrefix', message: '请先填写发文字号前缀' }]);
    const year = Number(notice.dated_on.slice(0, 4));
    const seq = (await lastNoticeSeq(trx, campaign.id, notice.number_prefix, year)) + 1;
    const number = `${notice.number_prefix}〔${year}〕${seq}号`;
    const docx = await renderOfficialDocx(noticeDocument(notice, number));
    const sha256 = createHash('sha256').update(docx).digest('hex');
    const at = nowIso();
    const issued = await updateNoticeAtVersion(trx, notice, { status: 'issued', year, seq, number, document: docx.toString('base64'), document_sha256: sha256, issued_by: actor.id, issued_at: at });
    if (!issued) throw stale();
    await writeAudit(trx, { actor, action: 'notice.issue', entityType: 'criticism_notice', entityId: notice.id, scopePath: campaign.rootPath, before: { status: 'draft' }, after: { status: 'issued', number, towns: towns.map((t) => t.name), documentSha256: sha256, bytes: docx.length } });
  });
}
