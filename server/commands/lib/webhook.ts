// What the robot commands share: a robot's unit as the policies see it, a robot loaded for its
// manager (404 out of scope), the robot as the audit log records it (never the URL or secret), and
// the messages a robot is sent.
import { maskWebhookUrl, WEBHOOK_LIST_CAP, type WebhookMessage, type WebhookUnitKind } from '../../../domain/webhooks.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { authorize, type WebhookSubject } from '../../policies/index.js';
import { findWebhook, type WebhookWithUnit } from '../../repositories/webhooks.js';

export function webhookSubject(w: Pick<WebhookWithUnit, 'unit_kind' | 'unit_path' | 'department_id'>): WebhookSubject {
  return { kind: w.unit_kind as WebhookUnitKind, orgPath: w.unit_path, departmentId: w.department_id };
}

/** The robot, if the actor manages its unit; 404 when there is none or it is out of their scope. */
export async function loadManagedWebhook(db: Db, actor: Actor, id: number): Promise<WebhookWithUnit> {
  const w = await findWebhook(db, id);
  if (!w) throw notFound();
  authorize(actor, 'webhook.manage', webhookSubject(w), 'webhook.manage');
  return w;
}

/** The robot as the audit log records it: the URL masked, whether a secret is kept. */
export function auditedWebhook(w: Pick<WebhookWithUnit, 'unit_name' | 'platform' | 'name' | 'remark' | 'url' | 'secret' | 'enabled'>) {
  return { unit: w.unit_name, platform: w.platform, name: w.name, remark: w.remark, url: maskWebhookUrl(w.url), hasSecret: w.secret !== null, enabled: w.enabled === 1 };
}

/** An in-app page as a link in a message: absolute when PUBLIC_URL is set, else none. */
export function pageLink(ctx: AppContext, path: string): string | undefined {
  return ctx.config.publicUrl ? `${ctx.config.publicUrl}${path}` : undefined;
}

/** The test message 发送测试消息 sends. */
export function testMessage(ctx: AppContext, w: Pick<WebhookWithUnit, 'unit_name' | 'name'>): WebhookMessage {
  return {
    title: '取缔平台测试消息',
    lines: [`单位：${w.unit_name}`, `机器人：${w.name}`, '收到这条消息，说明机器人配置正确：本单位的到期提醒和逾期督促会推送到这个群。'],
    link: pageLink(ctx, '/notifications'),
  };
}

/** The notices of one sweep for one robot, as one message: a list of the titles (each linked when PUBLIC_URL is set), capped. */
export function reminderMessage(ctx: AppContext, notices: readonly { title: string; body: string; link: string }[]): WebhookMessage {
  const shown = notices.slice(0, WEBHOOK_LIST_CAP).map((n) => {
    const link = pageLink(ctx, n.link);
    return `- ${link ? `[${n.title}](${link})` : `**${n.title}**`}：${n.body}`;
  });
  if (notices.length > WEBHOOK_LIST_CAP) shown.push(`- ……另有 ${notices.length - WEBHOOK_LIST_CAP} 条，请登录平台查看`);
  return { title: `到期提醒与逾期督促（${notices.length} 条）`, lines: shown, link: pageLink(ctx, '/notifications') };
}

/** The address's host when WEBHOOK_HOSTS does not allow it, else null (saving and sending both ask). */
export function disallowedRobotHost(ctx: AppContext, url: string): string | null {
  const host = new URL(url).hostname.toLowerCase();
  return ctx.config.webhookHosts.includes(host) ? null : host;
}

/**
 * Refuses a robot address whose host the deployment does not allow (WEBHOOK_HOSTS: 企业微信's and
 * 钉钉's by default), so that nobody can make the server post to a machine of their choosing.
 */
export function checkRobotHost(ctx: AppContext, url: string, path = 'url'): void {
  const host = disallowedRobotHost(ctx, url);
  if (host === null) return;
  const message = `机器人地址的主机 ${host} 不在允许范围内（${ctx.config.webhookHosts.join('、')}）；私有化部署的地址请由系统管理员加入 WEBHOOK_HOSTS`;
  throw invalid(message, [{ path, message }]);
}
