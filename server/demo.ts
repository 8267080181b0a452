import type { Role } from '../domain/roles.js';
import { roleLabels } from '../domain/i18n/labels.zh-CN.js';
import { generatePassword } from './auth/password.js';
import { createUser } from './commands/createUser.js';
import type { AppContext } from './context.js';
import { writeAudit } from './repositories/audit.js';
import { currentCampaign } from './repositories/campaigns.js';
import { findUserByUsername } from './repositories/users.js';
import { ensureVillages, insertSyntheticEnterprises } from './synthetic.js';

/** One demo account per role and scope. The scopes name the fixtures' town and village. */
export const DEMO_USERS: { username: string; name: string; role: Role; scope?: string }[] = [
  { username: 'demo_office', name: '王斌', role: 'office' },
  { username: 'demo_leader', name: '齐健', role: 'leader' },
  { username: 'demo_town', name: '西集镇 赵干事', role: 'town', scope: '西集镇' },
  { username: 'demo_town_head', name: '梁鹏', role: 'town_head', scope: '西集镇' },
  { username: 'demo_town2', name: '桑村镇 钱干事', role: 'town', scope: '桑村镇' },
  { username: 'demo_village', name: '李庄村 李主任', role: 'village', scope: '西集镇/李庄村' },
  { username: 'demo_liaison', name: '区环保局 帮包联络员', role: 'liaison', scope: '区环保局' },
  { username: 'demo_power', name: '区电力执法办公室', role: 'department', scope: '区电力执法办公室' },
  { username: 'demo_water', name: '区水利和渔业局', role: 'department', scope: '区水利和渔业局' },
  { username: 'demo_inspector', name: '验收组 督查局', role: 'inspector' },
  { username: 'demo_discipline', name: '区监察局', role: 'discipline' },
];

export async function runDemo(ctx: AppContext, opts: { count: number; seed: number; log: (s: string) => void }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const towns = await ctx.db.selectFrom('org_units').selectAll().where('parent_id', '=', campaign.rootId).where('kind', '=', 'town').orderBy('id').execute();
  const villages = await ensureVillages(ctx.db, towns, 7);

  opts.log('演示账号 / demo accounts:');
  for (const u of DEMO_USERS) {
    if (await findUserByUsername(ctx.db, u.username)) {
      opts.log(`  ${u.username.padEnd(16)} 已存在 / exists`);
      continue;
    }
    const password = generatePassword(10);
    await createUser(ctx.db, campaign, null, { username: u.username, displayName: u.name, password, role: u.role, scope: u.scope });
    opts.log(`  ${u.username.padEnd(16)} ${password}   ${roleLabels[u.role]}${u.scope ? ' · ' + u.scope : ''}`);
  }
  const existing = await ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    opts.log(`已有 ${existing.n} 家企业，未再生成 / workshops exist, none generated`);
    return;
  }
  const n = await insertSyntheticEnterprises(ctx.db, campaign, villages, towns, { count: opts.count, seed: opts.seed, createdBy: null });
  await ctx.db.transaction().execute((trx) => writeAudit(trx, { actor: null, action: 'demo.generate', entityType: 'campaign', entityId: campaign.id, after: { workshops: n } }));
  opts.log(`已生成 ${n} 家模拟企业，覆盖 ${towns.length} 个镇街、全部状态 / ${n} synthetic workshops generated`);
}
