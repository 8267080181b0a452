import { currentPhase, redateCampaign, type CampaignDefinition, type Phase } from '../../domain/campaign.js';
import type { Role } from '../../domain/roles.js';
import type { Status } from '../../domain/status.js';
import { addDays, daysBetween, todayInChina } from '../../domain/time.js';
import { installCampaign } from '../commands/installCampaign.js';
import { roleLabels } from '../../domain/i18n/labels.zh-CN.js';
import { generatePassword } from '../auth/password.js';
import { refreshPlannerStats } from '../db/dialect.js';
import { inTransaction } from '../db/transaction.js';
import { addRemark } from '../commands/addRemark.js';
import { createUser } from '../commands/createUser.js';
import type { AppContext } from '../context.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import type { OrgUnitRow } from '../db/schema.js';
import { countWorkshops, listEnterprises } from '../repositories/enterprises.js';
import { listChildUnits } from '../repositories/orgUnits.js';
import { findUserByUsername, loadActor } from '../repositories/users.js';
import { addDemoEvidence } from './demoEvidence.js';
import { scheduleDemoPatrols } from './demoPatrols.js';
import { addDemoReports } from './demoReports.js';
import { addDemoShutdown } from './demoShutdown.js';
import { ensureVillages, insertSyntheticEnterprises, type DemoTimeline } from './synthetic.js';

interface DemoUser {
  username: string;
  name: string;
  role: Role;
  /** As a user writes it: a town's name, `town/village`, or a department's name (never its code). */
  scope?: string;
  director?: boolean;
}

/**
 * One demo account per role and scope, all taken from the campaign definition: the second listed
 * town (the fixtures' town in the default campaign), its first village, the first liaison
 * department, and one account for every department the notice gives duties to. The office account
 * is the director the notice names, so it has the director's view (disciplinary clues).
 */
export function demoUsers(campaign: CampaignRecord, towns: OrgUnitRow[], villages: Map<number, OrgUnitRow[]>): DemoUser[] {
  const def = campaign.definition;
  const town = towns[1] ?? towns[0];
  const town2 = towns[2] ?? towns[0];
  const village = villages.get(town.id)?.[0];
  const deptName = new Map(def.departments.map((d) => [d.code, d.name]));
  const users: DemoUser[] = [
    { username: 'demo_office', name: def.office.director, role: 'office', director: true },
    { username: 'demo_leader', name: def.leadingGroup.members[0]?.name ?? roleLabels.leader, role: 'leader' },
    { username: 'demo_town', name: `${town.name}工作人员`, role: 'town', scope: town.name },
    { username: 'demo_town_head', name: `${town.name}主要负责人`, role: 'town_head', scope: town.name },
    { username: 'demo_town2', name: `${town2.name}工作人员`, role: 'town', scope: town2.name },
    { username: 'demo_inspector', name: '验收组', role: 'inspector' },
    { username: 'demo_discipline', name: '纪检监察', role: 'discipline' },
  ];
  if (village) users.push({ username: 'demo_village', name: `${village.name}负责人`, role: 'village', scope: `${town.name}/${village.name}` });
  const liaison = def.liaisonPairs[0] && deptName.get(def.liaisonPairs[0].department);
  if (liaison) users.push({ username: 'demo_liaison', name: `${liaison}帮包联络员`, role: 'liaison', scope: liaison });
  const taken = new Set(users.map((u) => u.username));
  for (const d of def.departments) {
    const username = taken.has(`demo_${d.code}`) ? `demo_dept_${d.code}` : `demo_${d.code}`;
    users.push({ username, name: `${d.name}工作人员`, role: 'department', scope: d.name });
  }
  return users;
}

const minDay = (a: string, b: string) => (a < b ? a : b);

/** The phase the demo shows by default: the one whose end the standard items are due by (集中取缔), else the second phase. */
function defaultPhase(phases: readonly Phase[]): Phase {
  return phases.find((p) => p.itemsDue) ?? phases[1] ?? phases[0];
}

/**
 * The campaign re-dated so that `today` is the third day of `phase` (or its last, if shorter),
 * through the same redateCampaign as `qudi campaign create --start`; its code is the campaign's
 * own with the new start date, as that command names it.
 */
export function demoDefinition(def: CampaignDefinition, phaseCode: string, today: string): CampaignDefinition {
  const phase = def.phases.find((p) => p.code === phaseCode);
  if (!phase) throw new Error(`找不到阶段“${phaseCode}”，可选：${def.phases.map((p) => `${p.code}（${p.name}）`).join('、')} / no such phase`);
  const length = phase.end ? daysBetween(phase.start, phase.end) + 1 : 3;
  const phaseStart = addDays(today, -Math.min(2, length - 1));
  const start = addDays(def.phases[0].start, daysBetween(phase.start, phaseStart));
  return { ...redateCampaign(def, start), code: `${def.code.replace(/-\d{4}-\d{2}-\d{2}$/, '')}-${start}` };
}

/**
 * When workshops were registered and their items done, and which statuses they can have, for the
 * phase `today` falls in: registered in the first phase, items done in the shutdown phase, never
 * today or later (so no photo is taken in the future).
 */
export function demoTimeline(def: CampaignDefinition, today: string): DemoTimeline {
  const phases = def.phases;
  const shutdown = defaultPhase(phases);
  const yesterday = addDays(today, -1);
  const now = currentPhase(phases, today);
  const index = now ? phases.indexOf(now) : 0;
  const surveyEnd = phases[0].end ?? addDays(phases[1]?.start ?? today, -1);
  const doneTo = minDay(shutdown.end ?? yesterday, yesterday);
  const ladders: Status[][] = [
    ['surveyed'],
    ['surveyed', 'in_progress', 'shut_down'],
    ['surveyed', 'in_progress', 'shut_down', 'rejected', 'accepted'],
    ['surveyed', 'in_progress', 'shut_down', 'rejected', 'accepted', 'accepted', 'recurred'],
  ];
  return {
    registered: { from: phases[0].start, to: minDay(surveyEnd, yesterday) },
    done: { from: minDay(shutdown.start, doneTo), to: doneTo },
    ladder: ladders[Math.min(index, ladders.length - 1)],
  };
}

const formatPhase = (p: Phase) => `${p.name}（${p.start} 至 ${p.end ?? '长期'}）`;

/**
 * Re-dates the current campaign for the demo unless today already falls in the wanted phase or it
 * holds workshops already (their dates would no longer fit); answers the campaign to fill.
 */
async function redateForDemo(ctx: AppContext, campaign: CampaignRecord, phaseCode: string | undefined, today: string, log: (s: string) => void): Promise<CampaignRecord> {
  const def = campaign.definition;
  const wanted = phaseCode ?? defaultPhase(def.phases).code;
  const redated = demoDefinition(def, wanted, today);
  const now = currentPhase(def.phases, today);
  if (now?.code === wanted) return campaign;
  if ((await countWorkshops(ctx.db, campaign.id)) > 0) {
    log(`当前行动已有企业，日期不变（当前阶段：${now ? formatPhase(now) : '尚未开始'}）/ the campaign holds workshops: not re-dated`);
    return campaign;
  }
  const result = await installCampaign(ctx, null, { definition: redated, makeCurrent: true });
  if (!result.created) throw new Error(`行动“${redated.code}”已存在但不是当前行动 / campaign ${redated.code} exists and is not current`);
  const phase = redated.phases.find((p) => p.code === wanted)!;
  log(`已将行动改期为 ${redated.code}：今天（${today}）处于${formatPhase(phase)} / campaign re-dated so that today falls in phase ${wanted}`);
  return currentCampaign(ctx.db);
}

/**
 * A comment and an open escalation from the demo liaison department on a workshop of a town it is
 * paired with (the demo town's staff's own, when paired), through the same command a route runs, so
 * that a new user sees the feature on both sides. Answers the workshop's name, or null when the
 * campaign pairs no department with a town that has a workshop.
 */
async function addDemoRemarks(ctx: AppContext, campaign: CampaignRecord, towns: OrgUnitRow[], today: string): Promise<string | null> {
  const user = await findUserByUsername(ctx.db, 'demo_liaison');
  const paired = campaign.definition.liaisonPairs[0]?.towns ?? [];
  if (!user || paired.length === 0) return null;
  const liaison = await loadActor(ctx.db, user, campaign);
  const demoTown = towns[1] ?? towns[0];
  const town = paired.includes(demoTown.name) ? demoTown : towns.find((x) => paired.includes(x.name));
  if (!town) return null;
  const filter = { campaignId: campaign.id, rootPath: campaign.rootPath, townId: town.id };
  const { rows } = await listEnterprises(ctx.db, liaison, filter, { page: 1, pageSize: 1, sort: 'id', order: 'asc' });
  const workshop = rows[0];
  if (!workshop) return null;
  await addRemark(ctx, liaison, { enterpriseId: workshop.id, kind: 'comment', text: '请核实该点停产后是否仍有夜间生产的迹象，并补充现场照片。', dueOn: null });
  await addRemark(ctx, liaison, {
    enterpriseId: workshop.id,
    kind: 'escalation',
    text: '该点取缔进度滞后，请镇街说明原因，并在期限内完成剩余的取缔标准项。',
    dueOn: addDays(today, 3),
  });
  return workshop.name;
}

export async function runDemo(ctx: AppContext, opts: { count: number; seed: number; phase?: string; log: (s: string) => void }): Promise<void> {
  const today = todayInChina();
  const campaign = await redateForDemo(ctx, await currentCampaign(ctx.db), opts.phase, today, opts.log);
  const towns = await listChildUnits(ctx.db, campaign.rootId, 'town');
  const villages = await ensureVillages(ctx.db, towns, 7);

  opts.log('演示账号 / demo accounts:');
  for (const u of demoUsers(campaign, towns, villages)) {
    if (await findUserByUsername(ctx.db, u.username)) {
      opts.log(`  ${u.username.padEnd(28)} 已存在 / exists`);
      continue;
    }
    const password = generatePassword(10);
    await createUser(ctx, null, { username: u.username, displayName: u.name, password, role: u.role, scope: u.scope, director: u.director });
    opts.log(`  ${u.username.padEnd(28)} ${password}   ${u.name} · ${roleLabels[u.role]}${u.director ? ' · 办公室主任' : ''}${u.scope ? ' · ' + u.scope : ''}`);
  }
  const existing = await countWorkshops(ctx.db, campaign.id);
  if (existing > 0) {
    opts.log(`已有 ${existing} 家企业，未再生成 / workshops exist, none generated`);
    return;
  }
  const n = await insertSyntheticEnterprises(ctx.db, campaign, villages, towns, {
    count: opts.count,
    seed: opts.seed,
    createdBy: null,
    timeline: demoTimeline(campaign.definition, today),
  });
  await refreshPlannerStats(ctx.db, ctx.dialect);
  await inTransaction(ctx.db, (trx) => writeAudit(trx, { actor: null, action: 'demo.generate', entityType: 'campaign', entityId: campaign.id, after: { workshops: n } }));
  opts.log(`已生成 ${n} 家模拟企业，分布在 ${towns.length} 个镇街（各镇街数量和进度不同）/ ${n} synthetic workshops generated`);
  const scheduled = await scheduleDemoPatrols(ctx, campaign, today);
  if (scheduled > 0) opts.log(`已为 ${scheduled} 家已取缔、验收通过的企业排定巡查 / patrols scheduled`);
  const remarked = await addDemoRemarks(ctx, campaign, towns, today);
  if (remarked) opts.log(`帮包部门对“${remarked}”提出了一条意见和一条待答复的督办 / a liaison comment and an open escalation added`);
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
  const reports = await addDemoReports(ctx, campaign, towns, towns[1] ?? towns[0], today);
  opts.log(`已报送 ${reports.submitted} 个镇街的任务表，其中 ${reports.signed} 个已由主要负责人签字（演示镇街的任务表待 demo_town_head 签字）/ town reports submitted and signed`);
  await addDemoShutdown(ctx, campaign, towns[1] ?? towns[0], opts.log);
}
