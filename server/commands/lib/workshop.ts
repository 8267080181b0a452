// Loading a workshop for a change, shared by the workshop commands.
import type { Actor } from '../../auth/actor.js';
import type { Db, EnterpriseRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can, enterpriseSubject } from '../../policies/index.js';
import { findEnterprise } from '../../repositories/enterprises.js';

/** The refusal when the workshop changed since the user read it. */
export const WORKSHOP_CHANGED = '该企业信息已被他人修改，请刷新后重试';

/**
 * Loads a workshop for a change, locked for the transaction; 404 unless the actor can read it.
 * One workshop per transaction: on PostgreSQL the first change of it locks the audit chain's head
 * (the dashboard's count triggers, migration 015), so a command that changes two workshops must
 * call lockAuditHead before locking either, or it can deadlock with another holding the head.
 */
export async function loadWorkshopForChange(trx: Db, actor: Actor, id: number, campaignId: number): Promise<EnterpriseRow> {
  const row = await findEnterprise(trx, id, { forUpdate: true });
  if (!row || row.campaign_id !== campaignId || !can(actor, 'enterprise.read', enterpriseSubject(row))) throw notFound();
  return row;
}
