// 群机器人 (issue 17 §3): a unit's 企业微信 or 钉钉 group robots that receive its reminders — list,
// add, change, remove, and send a test message now. The office manages every unit's robots, a town's
// principal their town's, a department's staff their department's; another unit's robot answers 404.
// No answer ever holds a robot's URL or 加签 secret: the URL masked, whether a secret is kept.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContent, TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import {
  webhookCreateSchema,
  webhookDto,
  webhookListDto,
  webhookTestResultDto,
  webhookUpdateSchema,
  type WebhookDto,
  type WebhookListDto,
  type WebhookTestResultDto,
  type WebhookUnitDto,
} from '../../domain/webhooks.js';
import { createWebhook } from '../commands/createWebhook.js';
import { deleteWebhook } from '../commands/deleteWebhook.js';
import { testWebhook } from '../commands/testWebhook.js';
import { updateWebhook } from '../commands/updateWebhook.js';
import type { AppContext } from '../context.js';
import { managesWebhooksOf, webhookScope } from '../policies/index.js';
import { presentWebhook } from '../presenters/webhooks.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listDepartments } from '../repositories/departments.js';
import { findOrgUnit, listChildUnits } from '../repositories/orgUnits.js';
import { listWebhooks } from '../repositories/webhooks.js';

export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [TAGS.webhooks.name];

  r.get('/api/webhooks', {
    config: { action: 'webhook.manage.any' },
    schema: { tags, summary: '当前用户可管理的群机器人（地址打码），及可为之配置机器人的单位', response: { 200: webhookListDto } },
  }, async (request): Promise<WebhookListDto> => {
    const actor = request.requireActor();
    request.authorize('webhook.manage.any', null);
    const campaign = await currentCampaign(ctx.db);
    const [rows, root, towns, departments] = await Promise.all([
      listWebhooks(ctx.db, webhookScope(actor)),
      findOrgUnit(ctx.db, campaign.rootId),
      listChildUnits(ctx.db, campaign.rootId, 'town'),
      listDepartments(ctx.db),
    ]);
    const candidates: (WebhookUnitDto & { orgPath: string | null })[] = [
      ...(root ? [{ kind: 'district' as const, id: root.id, name: `${root.name}（领导小组办公室）`, orgPath: root.path }] : []),
      ...towns.map((t) => ({ kind: 'town' as const, id: t.id, name: t.name, orgPath: t.path })),
      ...departments.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name, orgPath: null })),
    ];
    const units = candidates
      .filter((u) => managesWebhooksOf(actor, { kind: u.kind, orgPath: u.orgPath, departmentId: u.kind === 'department' ? u.id : null }))
      .map(({ kind, id, name }) => ({ kind, id, name }));
    return { items: rows.map(presentWebhook), units };
  });

  r.post('/api/webhooks', {
    // 404: a unit outside the user's own (another town, the district for a town's principal).
    config: { action: 'webhook.manage', problems: ['not_found'] },
    schema: { tags, summary: '添加群机器人（企业微信或钉钉；地址须为 https，钉钉可填加签密钥）', body: webhookCreateSchema, response: { 201: webhookDto } },
  }, async (request, reply): Promise<WebhookDto> => {
    const created = await createWebhook(ctx, request.requireActor(), request.body);
    reply.status(201);
    return presentWebhook(created);
  });

  r.patch('/api/webhooks/:id', {
    config: { action: 'webhook.manage' },
    schema: { tags, summary: '修改群机器人（名称、备注、地址、加签密钥、启用）', params: idParams, body: webhookUpdateSchema, response: { 200: webhookDto } },
  }, async (request): Promise<WebhookDto> => presentWebhook(await updateWebhook(ctx, request.requireActor(), request.params.id, request.body)));

  r.delete('/api/webhooks/:id', {
    config: { action: 'webhook.manage' },
    schema: { tags, summary: '删除群机器人', params: idParams, response: { 204: noContent } },
  }, async (request, reply) => {
    await deleteWebhook(ctx, request.requireActor(), request.params.id);
    reply.status(204);
    return null;
  });

  r.post('/api/webhooks/:id/test', {
    config: { action: 'webhook.manage' },
    schema: { tags, summary: '立即向群机器人发送一条测试消息，答复推送结果（不重试）', params: idParams, response: { 200: webhookTestResultDto } },
  }, async (request): Promise<WebhookTestResultDto> => testWebhook(ctx, request.requireActor(), request.params.id));
}
