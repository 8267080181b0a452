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
import { LIAISON_AFTER_DAYS, OVERDUE_CATCH_UP_DAYS } from '../../domain/notifications.js';
import { OFFICE, TOWN_PRINCIPALS, TOWN_STAFF, DEPARTMENTS } from '../../domain/roles.js';
import { addDays, daysBetween, todayInChina } from '../../domain/time.js';
import type { AppContext } from '../context.js';
import { interviewsScheduledOn } from '../repositories/accountability.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { addNotifications, escalationsDueOn, jointOperationsOn, liaisonUsersOf, pendingItemsByTown, patrolsDueOn, rectificationsDueOn, requestsDueOn, tipsDueOn, usersWithRole, type NewNotification } from '../repositories/notifications.js';
import { listDepartments } from '../repositories/departments.js';
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
  // The reminder day: REMIND_DAYS_BEFORE days ahead (1 by default: tomorrow), the notices saying so.
  const ahead = ctx.config.remindDaysBefore;
  const remindOn = addDays(today, ahead);
  const soon = ahead === 1 ? '明天' : `${ahead} 天后`;
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
  // Up the chain: a town's deadline still missed LIAISON_AFTER_DAYS after it, its liaison department too (once).
  const liaisons = new Map<number, Promise<Audience>>();
  const liaison = (townId: number) => {
    if (!liaisons.has(townId)) liaisons.set(townId, liaisonUsersOf(ctx.db, campaign.id, townId).then((ids) => ({ ids })));
    return liaisons.get(townId)!;
  };
  const overdue = async (audiences: Audience | Audience[], townId: number, due: string, n: Omit<NewNotification, 'userId'>) => {
    tell(audiences, n);
    const late = daysBetween(due, today);
    if (late >= LIAISON_AFTER_DAYS) tell(await liaison(townId), { ...n, key: `${n.key}:liaison`, title: `${n.title}（逾期 ${late} 天，告帮包部门）` });
  };

  for (const r of await requestsDueOn(ctx.db, [remindOn, ...missed])) {
    const what = `${r.enterprise_name}：${itemName(r.item_code)}`;
    if (r.due_on === remindOn)
      tell(await department(r.department_id), { kind: 'request_due', key: `request:${r.id}:due:${r.due_on}`, title: `部门协办请求${soon}到期`, body: `${what}，办理期限 ${r.due_on}`, link: `/enterprises/${r.enterprise_id}` });
    else
      await overdue([await department(r.department_id), await townStaff(r.town_id)], r.town_id, r.due_on, {
        kind: 'request_overdue',
        key: `request:${r.id}:overdue:${r.due_on}`,
        title: '部门协办请求已逾期',
        body: `${what}，办理期限 ${r.due_on} 已过，尚未确认完成`,
        link: `/enterprises/${r.enterprise_id}`,
      });
  }

  for (const tip of await tipsDueOn(ctx.db, [remindOn, ...missed])) {
    if (tip.town_id === null || tip.due_on === null) continue;
    if (tip.due_on === remindOn)
      tell(await townStaff(tip.town_id), { kind: 'tip_due', key: `tip:${tip.id}:due:${tip.due_on}`, title: `群众举报核查${soon}到期`, body: `举报 #${tip.id} 须在 ${tip.due_on} 前核查答复`, link: '/tips?status=assigned' });
    else
      await overdue([await townStaff(tip.town_id), await office()], tip.town_id, tip.due_on, {
        kind: 'tip_overdue',
        key: `tip:${tip.id}:overdue:${tip.due_on}`,
        title: '群众举报核查已逾期',
        body: `举报 #${tip.id} 的核查期限 ${tip.due_on} 已过，尚未答复`,
        link: '/tips?status=assigned',
      });
  }

  for (const p of await patrolsDueOn(ctx.db, campaign.id, [remindOn, ...missed])) {
    if (p.dueOn === remindOn)
      tell(await townStaff(p.townId), { kind: 'patrols_due', key: `patrols:${p.townId}:due:${p.dueOn}`, title: `${soon}须巡查`, body: `${p.count} 家已取缔企业须在 ${p.dueOn} 前巡查`, link: '/supervision' });
    else
      await overdue(await townStaff(p.townId), p.townId, p.dueOn, {
        kind: 'patrols_overdue',
        key: `patrols:${p.townId}:overdue:${p.dueOn}`,
        title: '巡查已逾期',
        body: `${p.count} 家已取缔企业的巡查期限 ${p.dueOn} 已过`,
        link: '/supervision',
      });
  }

  // 督办 with a due day: the workshop's town the day before; once missed, the town and whoever escalated.
  for (const e of await escalationsDueOn(ctx.db, [remindOn, ...missed])) {
    if (e.due_on === null) continue;
    const link = `/enterprises/${e.enterprise_id}`;
    if (e.due_on === remindOn)
      tell(await townStaff(e.town_id), { kind: 'escalation_due', key: `escalation:${e.id}:due:${e.due_on}`, title: `督办${soon}到期`, body: `${e.author_unit}督办的${e.enterprise_name}，须在 ${e.due_on} 前答复`, link });
    else
      await overdue([await townStaff(e.town_id), { ids: [e.author_id] }], e.town_id, e.due_on, {
        kind: 'escalation_overdue',
        key: `escalation:${e.id}:overdue:${e.due_on}`,
        title: '督办已逾期未答复',
        body: `${e.author_unit}督办的${e.enterprise_name}，答复期限 ${e.due_on} 已过`,
        link,
      });
  }

  // 约谈 scheduled for the reminder day: the town's principal (主要负责人) and the office, which conducts it.
  for (const i of await interviewsScheduledOn(ctx.db, [remindOn])) {
    const who = [i.unit_name, i.person_position, i.person_name].filter(Boolean).join(' ');
    tell([await townPrincipals(i.town_id), await office()], {
      kind: 'interview_due',
      key: `interview:${i.id}:due:${i.scheduled_on}`,
      title: `${soon}约谈`,
      body: `${who}，约谈日期 ${i.scheduled_on}${i.conducted_by ? `，约谈人 ${i.conducted_by}` : ''}`,
      link: '/accountability',
    });
  }

  // 限期整改: the town's staff and principal the day before the deadline; once missed, the office as well.
  for (const r of await rectificationsDueOn(ctx.db, campaign.id, [remindOn, ...missed])) {
    if (r.rectify_by === null) continue;
    if (r.rectify_by === remindOn)
      tell(await townStaff(r.town_id), { kind: 'rectification_due', key: `rectification:${r.id}:due:${r.rectify_by}`, title: `限期整改${soon}到期`, body: `验收未通过，须在 ${r.rectify_by} 前完成整改`, link: '/acceptance' });
    else
      await overdue([await townStaff(r.town_id), await office()], r.town_id, r.rectify_by, {
        kind: 'rectification_overdue',
        key: `rectification:${r.id}:overdue:${r.rectify_by}`,
        title: '限期整改已逾期',
        body: `整改期限 ${r.rectify_by} 已过，尚未复验通过`,
        link: '/acceptance',
      });
  }

  // 任务表报送 (附件2, e.g. 5月10日前): each town without a signed report the day before; once missed, the town and the office.
  const reporting = campaign.definition.phases.filter((p) => p.reportDue !== undefined && (p.reportDue === remindOn || missed.includes(p.reportDue)));
  if (reporting.length > 0) {
    const towns = await listChildUnits(ctx.db, campaign.rootId, 'town');
    for (const phase of reporting) {
      const due = phase.reportDue!;
      const reports = await latestReports(ctx.db, campaign.id, phase.code, towns.map((town) => town.id));
      for (const town of towns) {
        if (reports.get(town.id)?.signed) continue;
        if (due === remindOn)
          tell(await townStaff(town.id), { kind: 'report_due', key: `report:${phase.code}:${town.id}:due:${due}`, title: `任务表${soon}截止报送`, body: `${phase.name}的任务表须在 ${due} 前经主要负责人签字后报送`, link: '/reports' });
        else
          await overdue([await townStaff(town.id), await office()], town.id, due, {
            kind: 'report_overdue',
            key: `report:${phase.code}:${town.id}:overdue:${due}`,
            title: '任务表逾期未报送',
            body: `${town.name}${phase.name}的任务表报送期限 ${due} 已过，尚未签字报送`,
            link: '/reports',
          });
      }
    }
  }

  // The phases' windows: the day before one ends, every town and the office; the standard items' due
  // day (itemsDue), the day before to the towns with items pending, once missed to them and the office.
  const allTowns = () => listChildUnits(ctx.db, campaign.rootId, 'town');
  for (const phase of campaign.definition.phases.filter((p) => p.end === remindOn)) {
    const towns = await allTowns();
    tell([...(await Promise.all(towns.map((town) => townStaff(town.id)))), await office()], {
      kind: 'phase_ending',
      key: `phase:${phase.code}:ending:${phase.end}`,
      title: `${phase.name}${soon}结束`,
      body: `${phase.name}（${phase.start} 至 ${phase.end}）${soon}结束，请抓紧完成本阶段的工作`,
      link: '/',
    });
  }
  const itemsDue = campaign.definition.phases.filter((p) => p.itemsDue !== undefined && (p.itemsDue === remindOn || missed.includes(p.itemsDue)));
  if (itemsDue.length > 0) {
    const [towns, pending] = await Promise.all([allTowns(), pendingItemsByTown(ctx.db, campaign.id)]);
    for (const phase of itemsDue) {
      const due = phase.itemsDue!;
      for (const town of towns) {
        const n = pending.get(town.id);
        if (!n) continue;
        if (due === remindOn)
          tell(await townStaff(town.id), { kind: 'items_due', key: `items:${phase.code}:${town.id}:due:${due}`, title: `取缔标准项${soon}到期`, body: `${phase.name}的取缔标准项须在 ${due} 前完成，本镇街尚有 ${n} 项未完成`, link: '/enterprises' });
        else
          await overdue([await townStaff(town.id), await office()], town.id, due, {
            kind: 'items_overdue',
            key: `items:${phase.code}:${town.id}:overdue:${due}`,
            title: '取缔期限已过，仍有标准项未完成',
            body: `${town.name}${phase.name}的取缔期限 ${due} 已过，尚有 ${n} 项未完成`,
            link: '/enterprises',
          });
      }
    }
  }

  // 联合执法: the day before an approved operation, the town, the office and the team's departments;
  // an application still awaiting the office on (or after) its proposed day, the office.
  const operations = await jointOperationsOn(ctx.db, campaign.id, [remindOn, ...missed]);
  if (operations.length > 0) {
    const departmentIds = new Map((await listDepartments(ctx.db)).map((d) => [d.name, d.id] as const));
    for (const o of operations) {
      const link = `/joint-operations/${o.id}`;
      if (o.status === 'applied') {
        tell(await office(), {
          kind: 'operation_pending',
          key: `operation:${o.id}:pending:${o.proposed_on}`,
          title: '联合执法申请待审批',
          body: `${o.town_name}申请的联合执法拟定 ${o.proposed_on} 进行，尚未审批`,
          link,
        });
      } else if (o.operation_on === remindOn) {
        const team = (JSON.parse(o.team) as { unit: string }[]).map((m) => departmentIds.get(m.unit)).filter((id): id is number => id !== undefined);
        tell([await townStaff(o.town_id), await office(), ...(await Promise.all([...new Set(team)].map((id) => department(id))))], {
          kind: 'operation_due',
          key: `operation:${o.id}:due:${o.operation_on}`,
          title: `联合执法${soon}进行`,
          body: `${o.town_name}的联合执法定于 ${o.operation_on} 进行，请联合执法组各单位和镇街做好准备（人员、机械）`,
          link,
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
