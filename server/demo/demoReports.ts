// The demo's town reports (任务表报送): most towns reported and signed before the deadline, one signed
// late, the demo town's report waits for its principal's signature (so demo_town_head's first
// to-do is 待您签字), the last town reported nothing. Submitted and signed through the commands, as
// the town's staff (the office on its behalf) and each town's principal, back-dated to days of the
// survey phase that lie before today.
import { reportPhase } from '../../domain/reports.js';
import { addDays } from '../../domain/time.js';
import { generatePassword } from '../auth/password.js';
import { createUser } from '../commands/createUser.js';
import { signReport } from '../commands/signReport.js';
import { submitReport } from '../commands/submitReport.js';
import type { AppContext } from '../context.js';
import type { OrgUnitRow } from '../db/schema.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findReport } from '../repositories/reports.js';
import { findUserByUsername, loadActor } from '../repositories/users.js';

/** 17:30 China time, `plusDays` after `day` (a China calendar date), as an ISO instant. */
const afternoonOf = (day: string, plusDays = 0) => `${addDays(day, plusDays)}T09:30:00.000Z`;

export type DemoReportPlan = 'signed' | 'signed_late' | 'submitted' | 'none';

/** What the demo leaves for each town, by its position (`demoTown`: the demo accounts' town). */
export function demoReportPlan(index: number, count: number, demoTown: number): DemoReportPlan {
  if (index === demoTown) return 'submitted';
  if (index === count - 1) return 'none';
  if (index === count - 2) return 'signed_late';
  return 'signed';
}

async function principalOf(ctx: AppContext, campaign: CampaignRecord, town: OrgUnitRow, index: number, demoTown: OrgUnitRow) {
  // The demo town's principal is demo_town_head; the other towns' principals exist to sign, and sign in only after `qudi user password`.
  const username = town.id === demoTown.id ? 'demo_town_head' : `demo_town_head_${index + 1}`;
  let user = await findUserByUsername(ctx.db, username);
  if (!user) {
    await createUser(ctx, null, { username, displayName: `${town.name}主要负责人`, password: generatePassword(16), role: 'town_head', scope: town.name });
    user = await findUserByUsername(ctx.db, username);
  }
  return loadActor(ctx.db, user!, campaign);
}

/** Submits (and signs) the towns' task tables as the plan says; answers how many were signed. */
export async function addDemoReports(ctx: AppContext, campaign: CampaignRecord, towns: OrgUnitRow[], demoTown: OrgUnitRow, today: string): Promise<{ submitted: number; signed: number }> {
  const phase = reportPhase(campaign.definition);
  const officeUser = await findUserByUsername(ctx.db, 'demo_office');
  if (!phase?.reportDue || !officeUser) return { submitted: 0, signed: 0 };
  const office = await loadActor(ctx.db, officeUser, campaign);
  const due = phase.reportDue;
  const demoIndex = towns.findIndex((t) => t.id === demoTown.id);
  let submitted = 0;
  let signed = 0;
  for (const [i, town] of towns.entries()) {
    const plan = demoReportPlan(i, towns.length, demoIndex);
    if (plan === 'none') continue;
    // On time: one to three days before the deadline; late: two days after it. Never today or later.
    const submitAt = afternoonOf(due, plan === 'signed_late' ? 1 : -(1 + (i % 3)));
    const signAt = afternoonOf(due, plan === 'signed_late' ? 2 : -(i % 3));
    if (submitAt.slice(0, 10) >= today) continue;
    const id = await submitReport(ctx, office, { townId: town.id }, submitAt);
    submitted++;
    if (plan === 'submitted' || signAt.slice(0, 10) >= today) continue;
    const report = (await findReport(ctx.db, id))!;
    await signReport(ctx, await principalOf(ctx, campaign, town, i, demoTown), { id, contentSha256: report.content_sha256 }, signAt);
    signed++;
  }
  return { submitted, signed };
}
