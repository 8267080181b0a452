// The daily report's words and picture, without a database: the sentences the leading group reads,
// the message for the morning push, and the chart rendered to a PNG.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DailyFiguresDto } from '../../domain/dailyReport.js';
import { buildDailyReportMessage, campaignName, dailyReportTitle, dailySentences } from './dailyReport.js';
import { shutRateChartPng, shutRateChartSvg } from './dailyReportChart.js';

const zero = { surveyed: 0, in_progress: 0, shut_down: 0, accepted: 0, rejected: 0, recurred: 0, excluded: 0 };
const town = (id: number, name: string, byStatus: typeof zero, shutPercent: number, reportState: DailyFiguresDto['towns'][number]['reportState']) => ({
  townId: id,
  townName: name,
  total: Object.values(byStatus).reduce((n, x) => n + x, 0),
  byStatus,
  shut: byStatus.shut_down + byStatus.accepted,
  shutPercent,
  reportState,
  overdueItems: 0,
  recurrencesThisWeek: 0,
});

const figures: DailyFiguresDto = {
  date: '2016-05-13',
  generatedAt: '2016-05-13T00:30:00.000Z',
  campaignTitle: campaignName('关于开展土小企业集中取缔行动的通知'),
  scopeName: '山亭区',
  districtWide: true,
  phase: { code: 'shutdown', name: '集中取缔阶段', start: '2016-05-11', end: '2016-05-15', deadline: '2016-05-15', daysLeft: 2 },
  totals: { total: 12, byStatus: { ...zero, shut_down: 5, accepted: 1, in_progress: 3, surveyed: 2, excluded: 1 }, shut: 6, shutPercent: 54.5, overdueItems: 0, reportsSigned: 1 },
  towns: [
    town(1, '西集镇', { ...zero, shut_down: 5, accepted: 1, excluded: 1 }, 100, 'signed'),
    town(2, '桑村镇', { ...zero, in_progress: 3, surveyed: 2 }, 0, 'overdue'),
  ],
  items: [{ code: 'power_cut', name: '断电', done: 8, notApplicable: 1, pending: 2, required: 11, percent: 81.8 }],
  requests: { byStatus: { requested: 2, accepted: 1, scheduled: 0, returned: 1, confirmed: 4 }, open: 3, overdue: 1 },
  tips: { received: 4, pending: 1, assigned: 2, answered: 1, dismissed: 0, overdue: 1 },
  recurrences: { from: '2016-05-07', to: '2016-05-13', count: 0 },
};

describe('daily report text', () => {
  it('states the figures in sentences', () => {
    const s = dailySentences(figures);
    expect(s[0]).toBe('截至5月13日，全区共排查土小企业12家，已取缔6家（54.5%，其中验收通过1家），取缔中3家，已摸排待取缔2家，验收未通过0家，反弹0家，经核实排除1家。');
    expect(s[1]).toBe('目前处于集中取缔阶段（5月11日至5月15日），5月15日截止，还剩2天。');
    expect(s[2]).toBe('取缔标准项完成情况：断电9/11（81.8%）。');
    expect(s[3]).toBe('任务表已签字报送1个镇街，尚未签字报送：桑村镇。');
    expect(s).toContain('部门协办请求待办理3件（其中逾期1件），已完成4件，已退回1件。');
    expect(s).toContain('收到群众举报4件，已答复1件，核查中2件（其中逾期1件），待交办1件。');
    expect(dailyReportTitle(figures)).toBe('土小企业集中取缔行动日报（2016年5月13日）');
  });

  it('builds the morning message: title, markdown lines, the towns furthest behind, a link', () => {
    const m = buildDailyReportMessage(figures);
    expect(m.title).toBe('土小企业集中取缔行动日报（2016年5月13日）');
    expect(m.lines[0]).toMatch(/^- 截至5月13日/);
    expect(m.lines.at(-1)).toBe('- 取缔率较低的镇街：桑村镇 **0%**，西集镇 **100%**');
    expect(m.link).toBe('/api/reports/daily?date=2016-05-13&format=docx');
  });
});

describe('daily report chart', () => {
  it('draws % shut by town as SVG in the CJK face, and a PNG of twice its size', async () => {
    const bars = figures.towns.map((t) => ({ name: t.townName, percent: t.shutPercent }));
    const svg = shutRateChartSvg(bars, { title: '各镇街取缔率', width: 600, height: 300 });
    expect(svg).toContain('<svg');
    expect(svg).toContain('西集镇');
    expect(svg).toContain('Noto Sans CJK SC');
    const png = await shutRateChartPng(bars, { title: '各镇街取缔率', width: 600, height: 300 });
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200, height: 600 });
  });
});
