// 到期提醒与逾期督促: the sweep the job queue runs every minute. A deadline tomorrow is told to whoever
// must act; a deadline missed (up to a week back, so that a sweep that did not run catches up) is told
// to them and to the next level of the responsibility chain — a department's overdue request to the
// requesting town as well, a town's overdue tip answer, rectification or task-table report to the
// office as well, an unanswered 督办 to whoever escalated it. Each notice has a key
// (what, which deadline), written once per user: running the sweep again, or on two instances at
// once, adds nothing.
//
// The notices a sweep newly writes are also pushed to the group robots (webhooks) of the units they
// are addressed to — a town's staff's to the town's robots, the office's to the district's, a
// department's to its own — as one message per robot, through the job queue (`webhook`), never twice
// to a robot (commands/lib/webhookFanOut.ts). Without `pushWebhook` nothing is pushed.
import { OVERDUE_CATCH_UP_DAYS, REMIND_DAYS_BEFORE } from '../../domain/notifications.js';
import { OFFICE, TOWN_PRINCIPALS, TOWN_STAFF, DEPARTMENTS } from '../../domain/roles.js';
import { addDays, todayInChina } from '../../domain/time.js';
import type { AppContext } from '../context.js';
import { interviewsScheduledOn } from '../repositories/accountability.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { addNotifications, escalationsDueOn, patrolsDueOn, rectificationsDueOn, requestsDueOn, tipsDueOn, usersWithRole, type NewNotification } from '../repositories/notifications.js';
import { listChildUnits } from '../repositories/orgUnits.js';
import { latestReports } from '../repositories/reports.js';
import { pushToRobots, type AddressedNotice, type EnqueueWebhook, type UnitKey } from './lib/webhookFanOut.js';

/** Users told together, and the unit whose robots hear of it (none for a single author). */
interface Audience {
  ids: number[];
  unit?: UnitKey;
}

export async function sendReminders(ctx: AppContext, now: Date = new Date(), options: { pushWebhook?: EnqueueWebhook } = {}): Promise<{ added: number; pushed: number }> {
  const campaign = await currentCampaign(ctx.db);
  const today = todayInChina(now);
  const tomorrow = addDays(today, REMIND_DAYS_BEFORE);
  const missed = Array.from({ length: OVERDUE_CATCH_UP_DAYS }, (_, i) => addDays(today, -1 - i));
  const itemName = (code: string) => campaign.definition.standardItems.find((i) => i.code === code)?.name ?? code;
  const out: NewNotification[] = [];
  const units = new Map<string, Set<UnitKey>>();
  const cache = new Map<string, Promise<Audience>>();
  const users = (unit: UnitKey, find: () => Promise<number[]>) => {
    if (!cache.has(unit)) cache.set(unit, find().then((ids) => ({ ids, unit })));
    return cache.get(unit)!;
  };
  const department = (id: number) => users(`d${id}`, () => usersWithRole(ctx.db, DEPARTMENTS, { departmentId: id }));
  const townStaff = (id: number) => users(`o${id}`, () => usersWithRole(ctx.db, TOWN_STAFF, { orgUnitIds: [id] }));
  // A town's principal alone, for what is not the town group's business (a 约谈 of one of its people): no robot.
  const principals = new Map<number, Promise<Audience>>();
  const townPrincipals = (id: number) => {
    if (!principals.has(id)) principals.set(id, usersWithRole(ctx.db, TOWN_PRINCIPALS, { orgUnitIds: [id] }).then((ids) => ({ ids })));
    return principals.get(id)!;
  };
  const office = () => users(`o${campaign.rootId}`, () => usersWithRole(ctx.db, OFFICE));
  const tell = (audiences: Audience | Audience[], n: Omit<NewNotification, 'userId'>) => {
    const list = Array.isArray(audiences) ? audiences : [audiences];
    for (const userId of new Set(list.flatMap((a) => a.ids))) out.push({ ...n, userId });
    const addressed = units.get(n.key) ?? new Set<UnitKey>();
    for (const a of list) if (a.unit) addressed.add(a.unit);
    units.set(n.key, addressed);
  };

  for (const r of await requestsDueOn(ctx.db, [tomorrow, ...missed])) {
    const what = `${r.enterprise_name}：${itemName(r.item_code)}`;
    if (r.due_on === tomorrow)
      tell(await department(r.department_id), { kind: 'request_due', key: `request:${r.id}:due:${r.due_on}`, title: '部门协办请求明天到期', body: `${what}，办理期限 ${r.due_on}`, link: `/enterprises/${r.enterprise_id}` });
    else
      tell([await department(r.department_id), await townStaff(r.town_id)], {
        kind: 'request_overdue',
        key: `request:${r.id}:overdue:${r.due_on}`,
        title: '部门协办请求已逾期',
        body: `${what}，办理期限 ${r.due_on} 已过，尚未确认完成`,
        link: `/enterprises/${r.enterprise_id}`,
      });
  }

  for (const tip of await tipsDueOn(ctx.db, [tomorrow, ...missed])) {
    if (tip.town_id === null || tip.due_on === null) continue;
    if (tip.due_on === tomorrow)
      tell(await townStaff(tip.town_id), { kind: 'tip_due', key: `tip:${tip.id}:due:${tip.due_on}`, title: '群众举报核查明天到期', body: `举报 #${tip.id} 须在 ${tip.due_on} 前核查答复`, link: '/tips?status=assigned' });
    else
      tell([await townStaff(tip.town_id), await office()], {
        kind: 'tip_overdue',
        key: `tip:${tip.id}:overdue:${tip.due_on}`,
        title: '群众举报核查已逾期',
        body: `举报 #${tip.id} 的核查期限 ${tip.due_on} 已过，尚未答复`,
        link: '/tips?status=assigned',
      });
  }

  for (const p of await patrolsDueOn(ctx.db, campaign.id, [tomorrow, ...missed])) {
    if (p.dueOn === tomorrow)
      tell(await townStaff(p.townId), { kind: 'patrols_due', key: `patrols:${p.townId}:due:${p.dueOn}`, title: '明天须巡查', body: `${p.count} 家已取缔企业须在 ${p.dueOn} 前巡查`, link: '/supervision' });
    else
      tell(await townStaff(p.townId), {
        kind: 'patrols_overdue',
        key: `patrols:${p.townId}:overdue:${p.dueOn}`,
        title: '巡查已逾期',
        body: `${p.count} 家已取缔企业的巡查期限 ${p.dueOn} 已过`,
        link: '/supervision',
      });
  }

  // 督办 with a due day: the workshop's town the day before; once missed, the town and whoever escalated.
  for (const e of await escalationsDueOn(ctx.db, [tomorrow, ...missed])) {
    if (e.due_on === null) continue;
    const link = `/enterprises/${e.enterprise_id}`;
    if (e.due_on === tomorrow)
      tell(await townStaff(e.town_id), { kind: 'escalation_due', key: `escalation:${e.id}:due:${e.due_on}`, title: '督办明天到期', body: `${e.author_unit}督办的${e.enterprise_name}，须在 ${e.due_on} 前答复`, link });
    else
      tell([await townStaff(e.town_id), { ids: [e.author_id] }], {
        kind: 'escalation_overdue',
        key: `escalation:${e.id}:overdue:${e.due_on}`,
        title: '督办已逾期未答复',
        body: `${e.author_unit}督办的${e.enterprise_name}，答复期限 ${e.due_on} 已过`,
        link,
      });
  }

  // 约谈 scheduled for tomorrow: the town's principal (主要负责人) and the office, which conducts it.
  for (const i of await interviewsScheduledOn(ctx.db, [tomorrow])) {
    const who = [i.unit_name, i.person_position, i.person_name].filter(Boolean).join(' ');
    tell([await townPrincipals(i.town_id), await office()], {
      kind: 'interview_due',
      key: `interview:${i.id}:due:${i.scheduled_on}`,
      title: '明天约谈',
      body: `${who}，约谈日期 ${i.scheduled_on}${i.conducted_by ? `，约谈人 ${i.conducted_by}` : ''}`,
      link: '/accountability',
    });
  }

  // 限期整改: the town's staff and principal the day before the deadline; once missed, the office as well.
  for (const r of await rectificationsDueOn(ctx.db, campaign.id, [tomorrow, ...missed])) {
    if (r.rectify_by === null) continue;
    if (r.rectify_by === tomorrow)
      tell(await townStaff(r.town_id), { kind: 'rectification_due', key: `rectification:${r.id}:due:${r.rectify_by}`, title: '限期整改明天到期', body: `验收未通过，须在 ${r.rectify_by} 前完成整改`, link: '/acceptance' });
    else
      tell([await townStaff(r.town_id), await office()], {
        kind: 'rectification_overdue',
        key: `rectification:${r.id}:overdue:${r.rectify_by}`,
        title: '限期整改已逾期',
        body: `整改期限 ${r.rectify_by} 已过，尚未复验通过`,
        link: '/acceptance',
      });
  }

  // 任务表报送 (附件2, e.g. 5月10日前): each town without a signed report the day before; once missed, the town and the office.
  const reporting = campaign.definition.phases.filter((p) => p.reportDue !== undefined && (p.reportDue === tomorrow || missed.includes(p.reportDue)));
  if (reporting.length > 0) {
    const towns = await listChildUnits(ctx.db, campaign.rootId, 'town');
    for (const phase of reporting) {
      const due = phase.reportDue!;
      const reports = await latestReports(ctx.db, campaign.id, phase.code, towns.map((town) => town.id));
      for (const town of towns) {
        if (reports.get(town.id)?.signed) continue;
        if (due === tomorrow)
          tell(await townStaff(town.id), { kind: 'report_due', key: `report:${phase.code}:${town.id}:due:${due}`, title: '任务表明天截止报送', body: `${phase.name}的任务表须在 ${due} 前经主要负责人签字后报送`, link: '/reports' });
        else
          tell([await townStaff(town.id), await office()], {
            kind: 'report_overdue',
            key: `report:${phase.code}:${town.id}:overdue:${due}`,
            title: '任务表逾期未报送',
            body: `${town.name}${phase.name}的任务表报送期限 ${due} 已过，尚未签字报送`,
            link: '/reports',
          });
      }
    }
  }

  const at = now.toISOString();
  const added = await addNotifications(ctx.db, out, at);
  if (!options.pushWebhook || added.length === 0) return { added: added.length, pushed: 0 };
  // Only the notices new in this sweep are pushed, each once per key to the units it is addressed to.
  const notices = new Map<string, AddressedNotice>();
  for (const n of added) if (!notices.has(n.key)) notices.set(n.key, { key: n.key, title: n.title, body: n.body, link: n.link, units: units.get(n.key) ?? new Set() });
  return { added: added.length, pushed: await pushToRobots(ctx, [...notices.values()], options.pushWebhook, at) };
}
