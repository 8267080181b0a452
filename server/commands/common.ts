import type { Kysely } from 'kysely';
import type { Status } from '../../domain/status.js';
import { canTransition, type WorkflowEvent } from '../../domain/workflow.js';
import { statusLabels, workflowEventLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { DialectName } from '../db/dialect.js';
import type { Database, EnterpriseRow } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { can, type Actor } from '../policies/index.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { enterpriseSubject } from '../presenters/enterprise.js';

/** The route's door to the policy registry (request.authorize). */
export type Authorize = <S>(action: string, subject: S, readAction?: string) => void;

/**
 * Loads a workshop for a change, locked for the transaction; 404 unless the actor can read it.
 * One workshop per transaction: on PostgreSQL the first change of it locks the audit chain's head
 * (the dashboard's count triggers, migration 015), so a command that changes two workshops must
 * call lockAuditHead before locking either, or it can deadlock with another holding the head.
 */
export async function loadEnterpriseForChange(
  trx: Kysely<Database>,
  dialect: DialectName,
  actor: Actor,
  id: number,
  campaignId: number,
): Promise<EnterpriseRow> {
  const row = await findEnterprise(trx, id, dialect);
  if (!row || row.campaign_id !== campaignId || !can(actor, 'enterprise.read', enterpriseSubject(row))) throw notFound();
  return row;
}

export function requireTransition(status: Status, event: WorkflowEvent): void {
  if (!canTransition(status, event))
    throw new AppError('invalid_transition', `该企业当前状态为“${statusLabels[status]}”，不能执行“${workflowEventLabels[event]}”`);
}
