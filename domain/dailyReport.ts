// The daily progress report (日报, issue 17 §5): what the leading group reads each morning — the
// register by status, each town's progress, each standard item, the phase and its deadline, the
// department requests, the public tips and the week's recurrences — for the reader's scope, as of
// a date. The query schema of its routes, the figures they answer with, and the labels its files use.
import { calendarDate, timestamp } from './api.js';
import { isoDate } from './params.js';
import { DEPARTMENT_REQUEST_STATUSES } from './workflows/departmentRequest.js';
import { townReportStateSchema, type TownReportState } from './reports.js';
import { STATUSES } from './status.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';

export const DAILY_REPORT_FORMATS = ['xlsx', 'docx'] as const;
export type DailyReportFormat = (typeof DAILY_REPORT_FORMATS)[number];

/** A report date: a calendar date no later than today (China time); the figures are the register as it stands. */
const reportDate = isoDate.refine((d) => d <= todayInChina(), { error: '日报日期不能晚于今天' });

/** GET /api/reports/daily/figures */
export const dailyFiguresQuerySchema = z.strictObject({
  date: reportDate.optional().meta({ description: '日报日期（北京时间，YYYY-MM-DD），默认今天；不能晚于今天' }),
});
export type DailyFiguresQuery = z.infer<typeof dailyFiguresQuerySchema>;

/** GET /api/reports/daily */
export const dailyReportQuerySchema = dailyFiguresQuerySchema.extend({
  format: z.enum(DAILY_REPORT_FORMATS, { error: '格式应为 xlsx 或 docx' }).default('xlsx').meta({ description: '文件格式：xlsx（Excel）或 docx（Word），默认 xlsx' }),
});
export type DailyReportQuery = z.infer<typeof dailyReportQuerySchema>;

const count = z.number().int();
const percentage = z.number().meta({ description: '百分比（0–100，保留一位小数）' });

/** Shut down or accepted: the workshops the campaign has dealt with (取缔到位). */
export const SHUT_STATUSES = ['shut_down', 'accepted'] as const;

export const dailyTownRow = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    total: count.meta({ description: '登记企业数（含已排除）' }),
    byStatus: z.record(z.enum(STATUSES), count),
    shut: count.meta({ description: '已取缔（含验收通过）' }),
    shutPercent: percentage.meta({ description: '取缔率：已取缔（含验收通过）÷（登记数 − 已排除）' }),
    reportState: townReportStateSchema.nullable().meta({ description: '任务表报送情况；本次行动没有报送阶段时为 null' }),
    overdueItems: count.meta({ description: '逾期未完成的取缔标准项数（集中取缔阶段截止后仍待完成）' }),
    recurrencesThisWeek: count.meta({ description: '本周（日报日期及之前 7 天）确认的反弹次数' }),
  })
  .meta({ id: 'DailyReportTown', description: '日报中一个镇街的进度' });
export type DailyTownRow = z.infer<typeof dailyTownRow>;

export const dailyItemRow = z
  .object({
    code: z.string(),
    name: z.string(),
    done: count,
    notApplicable: count,
    pending: count,
    required: count.meta({ description: '应完成项数（未排除企业各一项）' }),
    percent: percentage.meta({ description: '完成率：（已完成 + 经说明不适用）÷ 应完成' }),
  })
  .meta({ id: 'DailyReportItem', description: '日报中一个取缔标准项的完成情况' });
export type DailyItemRow = z.infer<typeof dailyItemRow>;

export const dailyFiguresDto = z
  .object({
    date: calendarDate.meta({ description: '日报日期' }),
    generatedAt: timestamp.meta({ description: '生成时间；各项数字为此时的登记情况' }),
    campaignTitle: z.string(),
    scopeName: z.string().meta({ description: '范围：全区，或镇街名称' }),
    districtWide: z.boolean(),
    phase: z
      .object({
        code: z.string(),
        name: z.string(),
        start: calendarDate,
        end: calendarDate.nullable(),
        deadline: calendarDate.nullable().meta({ description: '本阶段截止日期（结束日、标准项完成期限或报送期限）' }),
        daysLeft: z.number().int().nullable().meta({ description: '距截止日期的天数（当天为 0，已过为负）' }),
      })
      .nullable()
      .meta({ description: '日报日期所在的阶段；行动开始前为 null' }),
    totals: z.object({
      total: count,
      byStatus: z.record(z.enum(STATUSES), count),
      shut: count,
      shutPercent: percentage,
      overdueItems: count,
      reportsSigned: count.meta({ description: '已签字报送任务表的镇街数' }),
    }),
    towns: z.array(dailyTownRow),
    items: z.array(dailyItemRow),
    requests: z
      .object({
        byStatus: z.record(z.enum(DEPARTMENT_REQUEST_STATUSES), count),
        open: count.meta({ description: '待部门办理（待受理、已受理、已排期）' }),
        overdue: count.meta({ description: '办理期限已过仍未办结' }),
      })
      .meta({ description: '部门协办请求' }),
    tips: z
      .object({
        received: count.meta({ description: '收到的群众举报（企业线索）总数' }),
        pending: count.meta({ description: '待交办' }),
        assigned: count.meta({ description: '已交办核查、尚未答复' }),
        answered: count.meta({ description: '已答复' }),
        dismissed: count.meta({ description: '不予受理' }),
        overdue: count.meta({ description: '核查期限已过仍未答复' }),
      })
      .meta({ description: '群众举报' }),
    recurrences: z
      .object({ from: calendarDate, to: calendarDate, count: count })
      .meta({ description: '本周（from 至 to）确认的反弹次数' }),
  })
  .meta({ id: 'DailyReportFigures', description: '日报的各项数字（按当前用户的范围）' });
export type DailyFiguresDto = z.infer<typeof dailyFiguresDto>;

/** How a town's report state reads in the report's table. */
export const dailyReportStateLabels: Record<TownReportState, string> = {
  signed: '已签字',
  signed_late: '逾期签字',
  submitted: '待签字',
  overdue_unsigned: '逾期未签字',
  overdue: '逾期未报送',
  not_reported: '未报送',
};

/** Percentage of `part` in `whole`, one decimal (0 when there is no whole). */
export function percentOf(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** 日报_20161206.xlsx */
export function dailyReportFileName(date: string, format: DailyReportFormat): string {
  return `日报_${date.replaceAll('-', '')}.${format}`;
}
