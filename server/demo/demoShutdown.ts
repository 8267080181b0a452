// The demo's shutdown stage (集中取缔): one of everything a department or the district does with the
// towns, on the demo town's workshops still being shut down, made through the same commands a route
// runs and as the demo accounts, so that each new page opens on something: a department request
// waiting for the department, a joint-operation application waiting for the office, an obstruction
// incident, a case with its penalty transferred to the police (waiting to be signed for), and a truck
// bound for the demo town. Which departments record what is campaign data; a part whose department or
// workshop the campaign lacks is left out and said so.
import { caseParties } from '../../domain/cases.js';
import { departmentsRecording, type CampaignDefinition } from '../../domain/campaign.js';
import { addDays, todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import { applyJointOperation } from '../commands/applyJointOperation.js';
import { recordCase } from '../commands/recordCase.js';
import { recordIncident } from '../commands/recordIncident.js';
import { recordInterception } from '../commands/recordInterception.js';
import { requestDepartment } from '../commands/requestDepartment.js';
import { transferCase } from '../commands/transferCase.js';
import type { AppContext } from '../context.js';
import type { OrgUnitRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { listEnterprises } from '../repositories/enterprises.js';
import { findUserByUsername, loadActor } from '../repositories/users.js';

/** The demo account of a department (demoUsers names it demo_<code>, or demo_dept_<code> when that is taken). */
async function departmentActor(ctx: AppContext, campaign: CampaignRecord, code: string | undefined): Promise<Actor | undefined> {
  if (!code) return undefined;
  for (const username of [`demo_${code}`, `demo_dept_${code}`]) {
    const user = await findUserByUsername(ctx.db, username);
    if (user) return loadActor(ctx.db, user, campaign);
  }
  return undefined;
}

async function demoActor(ctx: AppContext, campaign: CampaignRecord, username: string): Promise<Actor | undefined> {
  const user = await findUserByUsername(ctx.db, username);
  return user ? loadActor(ctx.db, user, campaign) : undefined;
}

/** Tries a part; a refusal (the campaign's data does not allow it) is reported, not thrown. */
async function part(log: (s: string) => void, what: string, run: () => Promise<string | null>): Promise<void> {
  try {
    const done = await run();
    log(done ? `  ${what}：${done}` : `  ${what}：本次行动的定义中没有相应的部门或企业，未生成`);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    log(`  ${what}：未生成（${err.detail}）`);
  }
}

const firstWithDepartments = (def: CampaignDefinition) => def.standardItems.filter((i) => i.departments.length > 0);

export async function addDemoShutdown(ctx: AppContext, campaign: CampaignRecord, town: OrgUnitRow, log: (s: string) => void): Promise<void> {
  const def = campaign.definition;
  const townStaff = await demoActor(ctx, campaign, 'demo_town');
  if (!townStaff) return;
  const filter = { campaignId: campaign.id, rootPath: campaign.rootPath, townId: town.id, status: 'in_progress' };
  const { rows } = await listEnterprises(ctx.db, townStaff, filter, { page: 1, pageSize: 10, sort: 'id', order: 'asc' });
  if (rows.length === 0) return;
  const [first, second = first, third = second] = rows;
  const today = todayInChina();
  log('集中取缔阶段的演示记录 / shutdown-stage demo records:');

  await part(log, '部门协办请求（待承办部门受理）', async () => {
    for (const workshop of rows)
      for (const item of firstWithDepartments(def)) {
        try {
          await requestDepartment(ctx, townStaff, {
            enterpriseId: workshop.id,
            itemCode: item.code,
            departmentCode: item.departments[0],
            details: { facility: '村东 10kV 线路 3 号杆变压器', account: '', access: '厂门常锁，联系村委会开门' },
            dueOn: addDays(today, 3),
          });
          return `“${workshop.name}”的${item.name}`;
        } catch (err) {
          if (!(err instanceof AppError)) throw err; // that item is done already: the next one
        }
      }
    return null;
  });

  await part(log, '联合执法申请（待办公室审批）', async () => {
    const ids = [...new Set([second.id, third.id])];
    await applyJointOperation(ctx, townStaff, { townId: town.id, workshopIds: ids, reason: '两处集中连片，设备体量大，镇街无拆除机械，业主有阻挠迹象，需区联合执法。', proposedOn: addDays(today, 2) });
    return `${town.name} ${ids.length} 家企业`;
  });

  const police = await departmentActor(ctx, campaign, departmentsRecording(def, 'incidents')[0]);
  await part(log, '阻碍执法事件', async () => {
    if (!police) return null;
    await recordIncident(ctx, police, {
      enterpriseId: first.id,
      occurredOn: today,
      kind: 'disturbance',
      description: '执法人员到场后，业主拒不开门并聚集亲属围堵执法车辆约半小时，经劝离后恢复执法。',
      persons: '业主及其亲属四人',
      injuries: '',
      damage: '',
      caseNumber: '',
      outcome: '',
      operationId: null,
      evidenceIds: [],
    });
    return `“${first.name}”`;
  });

  const parties = caseParties(def);
  const caseDept = await departmentActor(ctx, campaign, parties.recorders[0]);
  await part(log, '违法案件（已移交公安，待签收）', async () => {
    if (!caseDept) return null;
    const caseId = await recordCase(ctx, caseDept, {
      enterpriseId: second.id,
      foundOn: today,
      violation: '未办理环评手续擅自从事废塑料造粒，生产废水未经处理直排村东沟渠。',
      evidenceIds: [],
      penalty: { decisionNumber: `罚〔${today.slice(0, 4)}〕1号`, amount: 50000, decidedOn: today, status: 'issued' },
    });
    if (parties.receivers[0]) await transferCase(ctx, caseDept, { caseId, kind: 'police', departmentCode: parties.receivers[0], reason: '废水直排，涉嫌污染环境罪，移交公安机关依法查处。' });
    return `“${second.name}”`;
  });

  const transport = await departmentActor(ctx, campaign, departmentsRecording(def, 'interceptions')[0]);
  await part(log, '运输车辆查处', async () => {
    if (!transport) return null;
    await recordInterception(ctx, transport, {
      interceptedOn: today,
      plate: '鲁D·A2016',
      vehicleType: '重型自卸货车',
      cargo: 'plastic',
      cargoNote: '',
      quantity: '约 12 吨',
      origin: '外省',
      destinationTownId: town.id,
      destinationEnterpriseId: null,
      destinationPlace: '',
      action: '扣留车辆，责令原路返回',
    });
    return `开往${town.name}`;
  });
}
