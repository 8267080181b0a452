// A group robot as the API shows it: never its URL or secret — the URL masked, whether a secret is kept.
import { maskWebhookUrl, type WebhookDto, type WebhookPlatform, type WebhookStatus, type WebhookUnitKind } from '../../domain/webhooks.js';
import type { WebhookWithUnit } from '../repositories/webhooks.js';

export function presentWebhook(w: WebhookWithUnit): WebhookDto {
  return {
    id: w.id,
    unit: { kind: w.unit_kind as WebhookUnitKind, id: (w.department_id ?? w.org_unit_id)!, name: w.unit_name },
    platform: w.platform as WebhookPlatform,
    name: w.name,
    remark: w.remark,
    maskedUrl: maskWebhookUrl(w.url),
    hasSecret: w.secret !== null,
    enabled: w.enabled === 1,
    lastStatus: w.last_status as WebhookStatus | null,
    lastAt: w.last_at,
    lastError: w.last_error,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
  };
}
