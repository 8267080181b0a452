// The morning 日报 push (issue 17 §5): once a day, from DAILY_REPORT_HOUR (China time, 8 by
// default), each enabled group robot of the district gets the district's figures and each town's
// robot its town's, as one markdown message through the `webhook` job. The robot's ledger
// (webhook_pushes, key `daily-report:<date>`) takes the day once, so the minute sweep on any number
// of instances pushes it once per robot and day; a robot added later in the morning gets it too.
import { chinaHour, todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { buildDailyReportMessage, dailyFigures } from '../reports/dailyReport.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listChildUnits } from '../repositories/orgUnits.js';
import { claimPushes, enabledWebhooksOf } from '../repositories/webhooks.js';
import type { EnqueueWebhook } from './lib/webhookFanOut.js';
import { pageLink } from './lib/webhook.js';

/** A reader of one unit's figures, for the report only: the district as a leader sees it, a town as its staff do. */
function readerOf(unit: { id: number; path: string }, role: 'leader' | 'town'): Actor {
  return {
    id: 0,
    username: '_daily_report',
    displayName: '日报推送',
    grants: [{ role, orgUnitId: unit.id, orgUnitName: null, departmentId: null, departmentCode: null, departmentName: null, readPrefixes: [unit.path] }],
  };
}

/** Answers how many robots were sent the day's report. */
export async function pushDailyReport(ctx: AppContext, now: Date, enqueue: EnqueueWebhook): Promise<number> {
  if (chinaHour(now) < ctx.config.dailyReportHour) return 0;
  const campaign = await currentCampaign(ctx.db);
  const date = todayInChina(now);
  const towns = await listChildUnits(ctx.db, campaign.rootId, 'town');
  const robots = await enabledWebhooksOf(ctx.db, { orgUnitIds: [campaign.rootId, ...towns.map((t) => t.id)], departmentIds: [] });
  const key = `daily-report:${date}`;
  let sent = 0;
  for (const robot of robots) {
    if (robot.org_unit_id === null) continue;
    if ((await claimPushes(ctx.db, robot.id, [key], now.toISOString())).length === 0) continue;
    const town = towns.find((t) => t.id === robot.org_unit_id);
    const reader = town ? readerOf(town, 'town') : readerOf({ id: campaign.rootId, path: campaign.rootPath }, 'leader');
    const message = buildDailyReportMessage(await dailyFigures(ctx.db, reader, campaign, date));
    // The link opens the page with the report's card (the file itself needs a signed-in session).
    await enqueue({ robotId: robot.id, message: { ...message, link: pageLink(ctx, town ? '/' : '/dashboard') } }, `webhook:${robot.id}:${key}`);
    sent++;
  }
  return sent;
}
