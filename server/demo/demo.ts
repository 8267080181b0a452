import type { Role } from '../../domain/roles.js';
import { roleLabels } from '../../domain/i18n/labels.zh-CN.js';
import { generatePassword } from '../auth/password.js';
import { refreshPlannerStats } from '../db/dialect.js';
import { inTransaction } from '../db/transaction.js';
import { createUser } from '../commands/createUser.js';
import type { AppContext } from '../context.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import type { OrgUnitRow } from '../db/schema.js';
import { countWorkshops } from '../repositories/enterprises.js';
import { listChildUnits } from '../repositories/orgUnits.js';
import { findUserByUsername } from '../repositories/users.js';
import { addDemoEvidence } from './demoEvidence.js';
import { ensureVillages, insertSyntheticEnterprises } from './synthetic.js';

interface DemoUser {
  username: string;
  name: string;
  role: Role;
  scope?: string;
}

/**
 * One demo account per role and scope, all taken from the campaign definition: the second listed
 * town (the fixtures' town in the default campaign), its first village, the first liaison
 * department, and the departments that execute the first two standard items.
 */
export function demoUsers(campaign: CampaignRecord, towns: OrgUnitRow[], villages: Map<number, OrgUnitRow[]>): DemoUser[] {
  const def = campaign.definition;
  const town = towns[1] ?? towns[0];
  const town2 = towns[2] ?? towns[0];
  const village = villages.get(town.id)?.[0];
  const executing = def.standardItems.filter((i) => i.departments.length > 0);
  const [power, water] = executing.map((i) => i.departments[0]);
  const users: DemoUser[] = [
    { username: 'demo_office', name: def.office.director, role: 'office' },
    { username: 'demo_leader', name: def.leadingGroup.members[0]?.name ?? roleLabels.leader, role: 'leader' },
    { username: 'demo_town', name: `${town.name}工作人员`, role: 'town', scope: town.name },
    { username: 'demo_town_head', name: `${town.name}主要负责人`, role: 'town_head', scope: town.name },
    { username: 'demo_town2', name: `${town2.name}工作人员`, role: 'town', scope: town2.name },
    { username: 'demo_inspector', name: '验收组', role: 'inspector' },
    { username: 'demo_discipline', name: '纪检监察', role: 'discipline' },
  ];
  if (village) users.push({ username: 'demo_village', name: `${village.name}负责人`, role: 'village', scope: `${town.name}/${village.name}` });
  if (def.liaisonPairs[0]) users.push({ username: 'demo_liaison', name: '帮包部门联络员', role: 'liaison', scope: def.liaisonPairs[0].department });
  if (power) users.push({ username: 'demo_power', name: `${executing[0].name}执行部门`, role: 'department', scope: power });
  if (water && water !== power) users.push({ username: 'demo_water', name: `${executing[1].name}执行部门`, role: 'department', scope: water });
  return users;
}

export async function runDemo(ctx: AppContext, opts: { count: number; seed: number; log: (s: string) => void }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const towns = await listChildUnits(ctx.db, campaign.rootId, 'town');
  const villages = await ensureVillages(ctx.db, towns, 7);

  opts.log('演示账号 / demo accounts:');
  for (const u of demoUsers(campaign, towns, villages)) {
    if (await findUserByUsername(ctx.db, u.username)) {
      opts.log(`  ${u.username.padEnd(16)} 已存在 / exists`);
      continue;
    }
    const password = generatePassword(10);
    await createUser(ctx, null, { username: u.username, displayName: u.name, password, role: u.role, scope: u.scope });
    opts.log(`  ${u.username.padEnd(16)} ${password}   ${roleLabels[u.role]}${u.scope ? ' · ' + u.scope : ''}`);
  }
  const existing = await countWorkshops(ctx.db, campaign.id);
  if (existing > 0) {
    opts.log(`已有 ${existing} 家企业，未再生成 / workshops exist, none generated`);
    return;
  }
  const n = await insertSyntheticEnterprises(ctx.db, campaign, villages, towns, { count: opts.count, seed: opts.seed, createdBy: null });
  await refreshPlannerStats(ctx.db, ctx.dialect);
  await inTransaction(ctx.db, (trx) => writeAudit(trx, { actor: null, action: 'demo.generate', entityType: 'campaign', entityId: campaign.id, after: { workshops: n } }));
  opts.log(`已生成 ${n} 家模拟企业，覆盖 ${towns.length} 个镇街、全部状态 / ${n} synthetic workshops generated`);
  // 全程影像记录: the items shown as done get their site photos, as the completion rule requires.
  const office = await findUserByUsername(ctx.db, 'demo_office');
  if (!office) return;
  let shown = 0;
  const photos = await addDemoEvidence(ctx, campaign, office, (done, total) => {
    if (done - shown >= 200 || done === total) {
      shown = done;
      opts.log(`  现场照片 / site photos ${done}/${total}`);
    }
  });
  opts.log(`已为已完成的取缔标准项生成 ${photos} 张演示现场照片（含拍摄时间和位置）/ ${photos} demo site photos stored`);
}
