// Workshops for tests, registered and shut down through the API as the office does.
import type { EnterpriseDto } from '../../../domain/api.js';
import type { EnterpriseCreateInput } from '../../../domain/enterprise.js';
import { findChildByName, findOrgUnit, insertOrgUnit } from '../../repositories/orgUnits.js';
import type { Agent, TestEnv } from '../setup/agent.js';
import { addEvidence } from './evidence.js';

let workshopSeq = 0;

/** Ensures a village exists under the town and returns its id. */
export async function village(env: TestEnv, townName: string, villageName: string): Promise<number> {
  const town = env.towns.find((t) => t.name === townName);
  if (!town) throw new Error(`no town ${townName}`);
  const existing = await findChildByName(env.ctx.db, town.id, villageName);
  if (existing) return existing.id;
  return (await insertOrgUnit(env.ctx.db, (await findOrgUnit(env.ctx.db, town.id))!, 'village', villageName)).id;
}

/** Registers a workshop (in the second town unless `townName` says) as `office`; answers the created record. */
export async function createWorkshop(env: TestEnv, office: Agent, overrides: Partial<EnterpriseCreateInput> & { townName?: string } = {}): Promise<EnterpriseDto> {
  const { townName, ...rest } = overrides;
  const town = env.towns.find((t) => t.name === (townName ?? env.towns[1].name)) ?? env.towns[1];
  const res = await office.post('/api/enterprises', { name: `测试塑料颗粒加工厂${++workshopSeq}`, kind: env.campaign.definition.workshopKinds[0].code, townId: town.id, ...rest });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json() as EnterpriseDto;
}

/**
 * Records every standard item as done, first uploading the evidence each item needs (small JPEGs,
 * through the tus endpoint), leaving the workshop shut down.
 */
export async function shutDown(env: TestEnv, office: Agent, id: number): Promise<EnterpriseDto> {
  let last: EnterpriseDto | undefined;
  for (const item of env.campaign.definition.standardItems) {
    for (let n = 0; n < item.evidenceMin; n++) await addEvidence(env, office, id, item.code, n);
    const res = await office.put(`/api/enterprises/${id}/items/${item.code}`, { state: 'done', unit: '镇街取缔工作组', person: '张三', date: '2016-05-12', note: '' });
    if (res.statusCode !== 200) throw new Error(`item failed: ${res.body}`);
    last = res.json() as EnterpriseDto;
  }
  return last!;
}
