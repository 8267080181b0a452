// 通报批评: the notices (drafts to the office and the inspection group; issued ones also to the
// leaders, discipline and the towns they name), drafting one for failed towns, editing a draft,
// issuing it (numbered, archived), and the .docx (a draft rendered now; an issued notice as archived).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCX, fileResponse, TAGS } from '../../domain/contract.js';
import { noticeDraftSchema, noticeDto, noticeEditSchema, noticeIssueSchema, noticeListDto, type NoticeDto, type NoticeListDto } from '../../domain/criticism.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { draftCriticismNotice } from '../commands/draftCriticismNotice.js';
import { editCriticismNotice } from '../commands/editCriticismNotice.js';
import { issueCriticismNotice } from '../commands/issueCriticismNotice.js';
import { noticeDocument, noticeSubject, noticeTowns, readableNotice } from '../commands/lib/criticism.js';
import type { AppContext } from '../context.js';
import { renderOfficialDocx } from '../exports/officialDocument.js';
import { can } from '../policies/index.js';
import { presentNotice } from '../presenters/criticism.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listNotices } from '../repositories/criticismNotices.js';
import { userNames } from '../repositories/users.js';

export function criticismNoticeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function dtoOf(actor: Actor, id: number, authorize?: () => void): Promise<NoticeDto> {
    const { notice, towns } = await readableNotice(ctx.db, actor, await currentCampaign(ctx.db), id);
    authorize?.();
    return presentNotice(notice, towns, await userNames(ctx.db, [notice.created_by, notice.issued_by]), actor);
  }

  r.get('/api/acceptance/notices', {
    config: { action: 'acceptance.page' },
    schema: { tags: [TAGS.acceptance.name], summary: '通报批评：草稿（办公室、验收组）和已印发的（另有领导、纪检和被通报的镇街）', response: { 200: noticeListDto } },
  }, async (request): Promise<NoticeListDto> => {
    const actor = request.requireActor();
    request.authorize('acceptance.page', null);
    const rows = await listNotices(ctx.db, (await currentCampaign(ctx.db)).id);
    const items: NoticeDto[] = [];
    const names = await userNames(ctx.db, rows.flatMap((n) => [n.created_by, n.issued_by]));
    for (const row of rows) {
      const towns = await noticeTowns(ctx.db, row);
      if (can(actor, 'notice.read', noticeSubject(row, towns))) items.push(presentNotice(row, towns, names, actor));
    }
    return { items, canDraft: can(actor, 'notice.draft', null) };
  });

  r.post('/api/acceptance/notices', {
    config: { action: 'notice.draft' },
    schema: { tags: [TAGS.acceptance.name], summary: '起草通报批评：按所选验收不通过镇街的结论和现场检查情况生成初稿（公文格式，可修改）', body: noticeDraftSchema, response: { 201: noticeDto } },
  }, async (request, reply): Promise<NoticeDto> => {
    const actor = request.requireActor();
    const id = await draftCriticismNotice(ctx, actor, request.body);
    reply.status(201);
    return dtoOf(actor, id);
  });

  r.get('/api/acceptance/notices/:id', {
    config: { action: 'notice.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '一份通报批评', params: idParams, response: { 200: noticeDto } },
  }, async (request): Promise<NoticeDto> => dtoOf(request.requireActor(), request.params.id));

  r.patch('/api/acceptance/notices/:id', {
    config: { action: 'notice.edit', problems: ['invalid_transition', 'stale_version'] },
    schema: { tags: [TAGS.acceptance.name], summary: '修改通报批评草稿的各项（发文机关标志、发文字号前缀、标题、主送机关、正文、署名、成文日期、抄送、印发机关和日期）', params: idParams, body: noticeEditSchema, response: { 200: noticeDto } },
  }, async (request): Promise<NoticeDto> => {
    const actor = request.requireActor();
    await editCriticismNotice(ctx, actor, { id: request.params.id, ...request.body });
    return dtoOf(actor, request.params.id);
  });

  r.post('/api/acceptance/notices/:id/issue', {
    config: { action: 'notice.issue', problems: ['invalid_transition', 'stale_version', 'conflict'] },
    schema: { tags: [TAGS.acceptance.name], summary: '办公室印发通报批评：按年度顺序编排发文字号，生成 .docx 归档，此后不可修改', params: idParams, body: noticeIssueSchema, response: { 200: noticeDto } },
  }, async (request): Promise<NoticeDto> => {
    const actor = request.requireActor();
    await issueCriticismNotice(ctx, actor, { id: request.params.id, version: request.body.version });
    return dtoOf(actor, request.params.id);
  });

  r.get('/api/acceptance/notices/:id/document.docx', {
    config: { action: 'notice.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '通报批评的 Word 文件（GB/T 9704 公文格式，A4）：草稿按当前内容生成，已印发的为归档文件', params: idParams, response: { 200: fileResponse(DOCX, '通报批评（.docx）') } },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const { notice } = await readableNotice(ctx.db, actor, await currentCampaign(ctx.db), request.params.id);
    const bytes = notice.document ? Buffer.from(notice.document, 'base64') : await renderOfficialDocx(noticeDocument(notice, null));
    const name = `${notice.number ?? '通报批评（草稿）'}-${notice.title}.docx`.replace(/[\\/:*?"<>|]/g, '');
    return reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="qudi-notice-${notice.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });
}
