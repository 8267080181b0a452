// Loading a 土政策 record, shared by the update command and the routes that answer it.
import type { Actor } from '../../auth/actor.js';
import type { Db, SelfPolicyRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findSelfPolicy } from '../../repositories/selfPolicies.js';

/** The record if the actor may read it; 404 otherwise (also for another campaign's). */
export async function readableSelfPolicy(db: Db, actor: Actor, campaign: CampaignRecord, id: number): Promise<SelfPolicyRow> {
  const row = await findSelfPolicy(db, id);
  if (!row || row.campaign_id !== campaign.id || !can(actor, 'selfPolicy.read', { orgPath: row.org_path })) throw notFound();
  return row;
}
