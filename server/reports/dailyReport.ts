// The daily progress report (日报, issue 17 §5): its figures, gathered for the reader's scope as of a
// date, and its message for the morning push. The register's numbers come from the dashboard's kept
// counts (no scan of the register); the date decides the phase and its days left, what is overdue
// and which week's recurrences count. The figures are the register as it stands when the report is
// made (the register keeps no per-day history): `generatedAt` says when. Its files: dailyReportFiles.ts.
import { currentPhase, type Phase } from '../../domain/campaign.js';
import { DEPARTMENT_REQUEST_STATUSES, OPEN_DEPARTMENT_REQUEST_STATUSES } from '../../domain/departmentRequests.js';
import { percentOf, SHUT_STATUSES, type DailyFiguresDto, type DailyItemRow, type DailyTownRow } from '../../domain/dailyReport.js';
import { reportPhase, reportState } from '../../domain/reports.js';
import { STATUSES, type Status } from '../../domain/status.js';
import { addDays, daysBetween, nowIso } from '../../domain/time.js';
import { covers, type Actor } from '../auth/actor.js';
import type { Db } from '../db/schema.js';
import { dailyReportReader } from '../policies/index.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { itemCountsByTown, statusCountsByTown } from '../repositories/dashboard.js';
import { countOverdueRequests, recurrencesByTown, tipCountsByStatus } from '../repositories/dailyReport.js';
import { requestCounts } from '../repositories/departmentRequests.js';
import { listVisibleOrgUnits, orgUnitNames } from '../repositories/orgUnits.js';
import { latestReports } from '../repositories/reports.js';
import { chineseDate } from '../exports/sheet.js';

/** The campaign's name as a report names it: 关于开展土小企业集中取缔行动的通知 → 土小企业集中取缔行动. */
export function campaignName(title: string): string {
  return title.replace(/^关于(开展)?/, '').replace(/的通知$/, '') || title;
}

/** Who issues the report: the leading group's office (领导小组办公室). */
export function reportIssuer(campaign: CampaignRecord): string {
  return `${campaign.definition.leadingGroup.name}办公室`;
}

/** The instant a China calendar day begins, as an ISO UTC string. */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The day a phase is due: its end, else the day its items or its report are due. */
const phaseDeadline = (p: Phase) => p.end ?? p.itemsDue ?? p.reportDue ?? null;

const zeroStatuses = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
const shutOf = (byStatus: Record<Status, number>) => SHUT_STATUSES.reduce((n, s) => n + byStatus[s], 0);
const shutPercentOf = (byStatus: Record<Status, number>, total: number) => percentOf(shutOf(byStatus), total - byStatus.excluded);

/** The daily report's figures for `actor`'s scope on `date` (China calendar). */
export async function dailyFigures(db: Db, actor: Actor, campaign: CampaignRecord, date: string): Promise<DailyFiguresDto> {
  const reader = dailyReportReader(actor);
  const def = campaign.definition;
  const { id: campaignId, rootPath } = campaign;
  const repPhase = reportPhase(def);
  const itemPhase = def.phases.find((p) => p.itemsDue);
  const itemsOverdue = itemPhase?.itemsDue !== undefined && date > itemPhase.itemsDue;
  const weekFrom = addDays(date, -6);
  const [statusRows, itemRows, townUnits, requests, overdueRequests, tips, recurrences] = await Promise.all([
    statusCountsByTown(db, reader, campaignId, rootPath),
    itemCountsByTown(db, reader, campaignId, rootPath),
    listVisibleOrgUnits(db, reader, { kind: 'town' }),
    requestCounts(db, reader, { campaignId, rootPath }),
    countOverdueRequests(db, reader, { campaignId, rootPath, date }),
    tipCountsByStatus(db, reader, { campaignId, rootPath, date }),
    recurrencesByTown(db, reader, { campaignId, rootPath, from: chinaMidnight(weekFrom), to: chinaMidnight(addDays(date, 1)) }),
  ]);
  // The towns of the scope (not the district above a town's staff), then any the counts name besides.
  const towns = townUnits.filter((t) => t.path.startsWith(rootPath) && covers(reader, t.path)).map((t) => ({ id: t.id, name: t.name }));
  const listed = new Set(towns.map((t) => t.id));
  const extra = [...new Set(statusRows.map((r) => r.townId).filter((id) => !listed.has(id)))];
  const extraNames = await orgUnitNames(db, extra);
  towns.push(...extra.map((id) => ({ id, name: extraNames.get(id) ?? '' })));
  const reports = repPhase ? await latestReports(db, campaignId, repPhase.code, towns.map((t) => t.id)) : null;
  // A report's state as it stood at the end of the report's day.
  const endOfDay = new Date(`${date}T23:59:59+08:00`);

  const rows: DailyTownRow[] = towns.map((t) => {
    const byStatus = zeroStatuses();
    for (const r of statusRows) if (r.townId === t.id) byStatus[r.status as Status] += r.n;
    const total = STATUSES.reduce((n, s) => n + byStatus[s], 0);
    const overdueItems = itemsOverdue ? itemRows.filter((r) => r.townId === t.id && r.state === 'pending').reduce((n, r) => n + r.n, 0) : 0;
    const rep = reports?.get(t.id);
    return {
      townId: t.id,
      townName: t.name,
      total,
      byStatus,
      shut: shutOf(byStatus),
      shutPercent: shutPercentOf(byStatus, total),
      reportState: repPhase ? reportState(rep?.latest, rep?.signed && { late: rep.signed.late === 1 }, repPhase.reportDue ?? null, endOfDay) : null,
      overdueItems,
      recurrencesThisWeek: recurrences.get(t.id) ?? 0,
    };
  });

  const byStatus = zeroStatuses();
  for (const r of rows) for (const s of STATUSES) byStatus[s] += r.byStatus[s];
  const total = rows.reduce((n, r) => n + r.total, 0);

  const items: DailyItemRow[] = def.standardItems.map((item) => {
    const of = (state: string) => itemRows.filter((r) => r.item === item.code && r.state === state).reduce((n, r) => n + r.n, 0);
    const [done, notApplicable, pending] = [of('done'), of('not_applicable'), of('pending')];
    const required = done + notApplicable + pending;
    return { code: item.code, name: item.name, done, notApplicable, pending, required, percent: percentOf(done + notApplicable, required) };
  });

  const phase = currentPhase(def.phases, date);
  const deadline = phase ? phaseDeadline(phase) : null;
  const requestsByStatus = Object.fromEntries(DEPARTMENT_REQUEST_STATUSES.map((s) => [s, requests.get(s) ?? 0])) as DailyFiguresDto['requests']['byStatus'];
  const tip = (s: string) => tips.byStatus.get(s) ?? 0;
  const districtWide = covers(reader, rootPath);
  return {
    date,
    generatedAt: nowIso(),
    campaignTitle: campaignName(def.title),
    scopeName: districtWide ? def.orgUnits.name : towns.map((t) => t.name).join('、') || def.orgUnits.name,
    districtWide,
    phase: phase
      ? { code: phase.code, name: phase.name, start: phase.start, end: phase.end ?? null, deadline, daysLeft: deadline ? daysBetween(date, deadline) : null }
      : null,
    totals: {
      total,
      byStatus,
      shut: shutOf(byStatus),
      shutPercent: shutPercentOf(byStatus, total),
      overdueItems: rows.reduce((n, r) => n + r.overdueItems, 0),
      reportsSigned: rows.filter((r) => r.reportState === 'signed' || r.reportState === 'signed_late').length,
    },
    towns: rows,
    items,
    requests: {
      byStatus: requestsByStatus,
      open: OPEN_DEPARTMENT_REQUEST_STATUSES.reduce((n, s) => n + requestsByStatus[s], 0),
      overdue: overdueRequests,
    },
    tips: {
      received: [...tips.byStatus.values()].reduce((n, x) => n + x, 0),
      pending: tip('received'),
      assigned: tip('assigned'),
      answered: tip('answered'),
      dismissed: tip('dismissed'),
      overdue: tips.overdue,
    },
    recurrences: { from: weekFrom, to: date, count: [...recurrences.values()].reduce((n, x) => n + x, 0) },
  };
}

/** 12月6日 */
export function monthDay(date: string): string {
  return chineseDate(date).replace(/^\d+年/, '');
}

/**
 * The report's opening sentences, as the leading group reads them: the register, the shutdown, the
 * phase, the standard items, the reports, the departments, the tips and the recurrences.
 */
export function dailySentences(f: DailyFiguresDto): string[] {
  const s = f.totals.byStatus;
  const where = f.districtWide ? '全区' : f.scopeName;
  const lines: string[] = [];
  lines.push(
    `截至${monthDay(f.date)}，${where}共排查土小企业${f.totals.total}家，已取缔${f.totals.shut}家（${f.totals.shutPercent}%，其中验收通过${s.accepted}家），` +
      `取缔中${s.in_progress}家，已摸排待取缔${s.surveyed}家，验收未通过${s.rejected}家，反弹${s.recurred}家，经核实排除${s.excluded}家。`,
  );
  if (f.phase) {
    const due = f.phase.deadline
      ? f.phase.daysLeft! > 0
        ? `，${monthDay(f.phase.deadline)}截止，还剩${f.phase.daysLeft}天`
        : f.phase.daysLeft === 0
          ? `，今天（${monthDay(f.phase.deadline)}）截止`
          : `，已于${monthDay(f.phase.deadline)}截止`
      : '';
    lines.push(`目前处于${f.phase.name}（${monthDay(f.phase.start)}${f.phase.end ? `至${monthDay(f.phase.end)}` : '起'}）${due}。`);
  }
  const items = f.items.map((i) => `${i.name}${i.done + i.notApplicable}/${i.required}（${i.percent}%）`).join('，');
  lines.push(`取缔标准项完成情况：${items}${f.totals.overdueItems > 0 ? `；逾期未完成${f.totals.overdueItems}项` : ''}。`);
  if (f.towns.some((t) => t.reportState !== null) && f.towns.length > 1) {
    const unsigned = f.towns.filter((t) => t.reportState !== 'signed' && t.reportState !== 'signed_late').map((t) => t.townName);
    lines.push(`任务表已签字报送${f.totals.reportsSigned}个镇街${unsigned.length > 0 ? `，尚未签字报送：${unsigned.join('、')}` : '，全部报送'}。`);
  } else if (f.towns.length === 1 && f.towns[0].reportState) {
    const state = f.towns[0].reportState;
    lines.push(`任务表${state === 'signed' || state === 'signed_late' ? '已签字报送' : '尚未签字报送'}。`);
  }
  const r = f.requests;
  lines.push(`部门协办请求待办理${r.open}件（其中逾期${r.overdue}件），已完成${r.byStatus.confirmed}件，已退回${r.byStatus.returned}件。`);
  const t = f.tips;
  lines.push(`收到群众举报${t.received}件，已答复${t.answered}件，核查中${t.assigned}件（其中逾期${t.overdue}件），待交办${t.pending}件。`);
  lines.push(`本周（${monthDay(f.recurrences.from)}至${monthDay(f.recurrences.to)}）确认反弹${f.recurrences.count}次。`);
  return lines;
}

/** The report's title: 土小企业集中取缔行动日报（2016年5月12日）. */
export function dailyReportTitle(f: DailyFiguresDto): string {
  return `${f.campaignTitle}日报（${chineseDate(f.date)}）`;
}

/**
 * The report as a message for a group robot (企业微信/钉钉 markdown): a title, markdown-friendly
 * Chinese lines (the headline, then the towns furthest behind), and the link to the report's page
 * or file (relative to the server's public address). For the morning push.
 */
export function buildDailyReportMessage(figures: DailyFiguresDto): { title: string; lines: string[]; link: string } {
  const lines = dailySentences(figures).map((l) => `- ${l}`);
  const behind = figures.towns.filter((t) => t.total - t.byStatus.excluded > 0).sort((a, b) => a.shutPercent - b.shutPercent).slice(0, 3);
  if (figures.towns.length > 1 && behind.length > 0)
    lines.push(`- 取缔率较低的镇街：${behind.map((t) => `${t.townName} **${t.shutPercent}%**`).join('，')}`);
  return { title: dailyReportTitle(figures), lines, link: `/api/reports/daily?date=${figures.date}&format=docx` };
}
