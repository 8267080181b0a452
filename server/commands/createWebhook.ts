// 添加群机器人: a robot for the district (the office), a town, or a department. The office adds one for
// any unit, a town's principal for their town, a department's staff for their department; any other
// unit answers 404. Audited with the URL masked.
import type { WebhookCreate } from '../../domain/webhooks.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize, type WebhookSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findDepartmentById } from '../repositories/departments.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { findWebhook, insertWebhook, type WebhookWithUnit } from '../repositories/webhooks.js';
import { auditedWebhook, checkRobotHost } from './lib/webhook.js';

const NO_UNIT = '单位不存在：机器人只能属于区（领导小组办公室）、镇街或部门';

export async function createWebhook(ctx: AppContext, actor: Actor, input: WebhookCreate): Promise<WebhookWithUnit> {
  let subject: WebhookSubject;
  if (input.orgUnitId !== undefined) {
    const campaign = await currentCampaign(ctx.db);
    const unit = await findOrgUnit(ctx.db, input.orgUnitId);
    const kind = unit?.id === campaign.rootId ? 'district' : unit?.kind === 'town' && unit.path.startsWith(campaign.rootPath) ? 'town' : null;
    if (!unit || !kind) throw invalid(NO_UNIT, [{ path: 'orgUnitId', message: NO_UNIT }]);
    subject = { kind, orgPath: unit.path, departmentId: null };
  } else {
    const department = await findDepartmentById(ctx.db, input.departmentId!);
    if (!department) throw invalid(NO_UNIT, [{ path: 'departmentId', message: NO_UNIT }]);
    subject = { kind: 'department', orgPath: null, departmentId: department.id };
  }
  authorize(actor, 'webhook.manage', subject, 'webhook.manage');
  checkRobotHost(ctx, input.url);
  const at = nowIso();
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertWebhook(trx, {
      orgUnitId: input.orgUnitId ?? null,
      departmentId: input.departmentId ?? null,
      platform: input.platform,
      name: input.name,
      remark: input.remark ?? '',
      url: input.url,
      secret: input.secret ?? null,
      enabled: input.enabled ?? true,
      by: actor.id,
      at,
    });
    const created = (await findWebhook(trx, id))!;
    await writeAudit(trx, { actor, action: 'webhook.create', entityType: 'webhook', entityId: id, scopePath: created.unit_path, after: auditedWebhook(created) });
    return created;
  });
}
