// 今日待办: what a user must do today, the first thing each home page shows. The server decides
// which entries a user gets (from the policies and their scope) and in which order; the browser
// names and links each kind. Every entry counts real records, so an empty agenda means nothing is due.
import { calendarDate } from './api.js';
import { z } from './zod.js';

export const AGENDA_KINDS = [
  /** The town principal: a submitted task table (附件2) waits for their signature. */
  'report_to_sign',
  /** A town's keepers: the task table is past its deadline and not submitted. */
  'report_overdue',
  /** A town's keepers: submitted, waiting for the principal's signature. */
  'report_unsigned',
  /** A town's keepers: the task table is due on `due` (`daysLeft` days). */
  'report_due',
  /** A town's staff: escalations (督办) from a liaison department or the office waiting for the town's answer. */
  'escalations_open',
  /** Readers of several towns' reports: towns past the deadline without a signed report (`names`). */
  'towns_late',
  /** Readers of several towns' reports: `count` of `of` towns have a signed report. */
  'towns_reported',
  /** A town's keepers: workshops on the task table without the location or phone 附件2 needs. */
  'incomplete',
  /** A standard item (`itemCode`) still to be done at `count` workshops; `urgent` once its deadline has passed. */
  'item_pending',
  /** Workshops the acceptance group rejected: the town redoes what the findings say. */
  'rejected',
  /** Workshops found producing again: shut them down again. */
  'recurred',
  /** The acceptance group: shut-down workshops waiting for a verdict. */
  'awaiting_acceptance',
  /** Disciplinary clues not yet closed (to forward, or to settle). */
  'clues_open',
  /** Shut sites whose patrol (巡查) is overdue, in the reader's scope. */
  'patrols_overdue',
  /** Shut sites whose patrol is due within PATROL_DUE_SOON_DAYS (`due`: that day). */
  'patrols_due',
  /** The office: public tips waiting to be triaged to a town. */
  'tips_received',
  /** A town: public tips given to it to verify and answer; `urgent` when some are past their deadline. */
  'tips_assigned',
  /** 用电核查: flagged power accounts of confirmed lists awaiting review in the reader's towns; `urgent` when a shut site's use rose again. */
  'power_flags_open',
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const agendaEntryDto = z
  .object({
    kind: z.enum(AGENDA_KINDS).meta({
      description:
        '待办类型：report_to_sign 待您签字、report_overdue 任务表逾期未报、report_unsigned 已报送待签字、report_due 任务表待报送、escalations_open 待答复的督办、towns_late 逾期镇街、towns_reported 已签字报送的镇街、incomplete 登记信息不全、item_pending 取缔标准项待完成、rejected 验收未通过、recurred 反弹、awaiting_acceptance 待验收、clues_open 未办结的违纪线索、patrols_overdue 逾期未巡查、patrols_due 近期须巡查、tips_received 待交办的群众举报、tips_assigned 待核查答复的群众举报、power_flags_open 用电核查待核查的异常户',
    }),
    count: z.number().int().meta({ description: '件数（家、个）' }),
    of: z.number().int().nullable().meta({ description: '总数（如镇街总数），无则为 null' }),
    urgent: z.boolean().meta({ description: '已逾期或须今天办理' }),
    due: calendarDate.nullable().meta({ description: '截止日期' }),
    daysLeft: z.number().int().nullable().meta({ description: '距截止日期的天数（负数为已逾期）' }),
    townId: z.number().int().nullable().meta({ description: '所涉镇街（一个镇街的待办）' }),
    townName: z.string().nullable(),
    itemCode: z.string().nullable().meta({ description: '取缔标准项代码（item_pending）' }),
    names: z.array(z.string()).meta({ description: '所涉镇街名称（towns_late，最多 20 个）' }),
  })
  .meta({ id: 'AgendaEntry', description: '一项待办' });
export type AgendaEntryDto = z.infer<typeof agendaEntryDto>;

export const agendaDto = z
  .object({
    today: calendarDate,
    entries: z.array(agendaEntryDto).meta({ description: '待办，紧急的在前' }),
  })
  .meta({ id: 'Agenda', description: '今日待办：当前用户在其管辖范围内须办理的事项' });
export type AgendaDto = z.infer<typeof agendaDto>;

/** An entry with the fields it does not use left empty. */
export function agendaEntry(kind: AgendaKind, count: number, more: Partial<Omit<AgendaEntryDto, 'kind' | 'count'>> = {}): AgendaEntryDto {
  return { kind, count, of: null, urgent: false, due: null, daysLeft: null, townId: null, townName: null, itemCode: null, names: [], ...more };
}

/** Urgent first; then in the order of AGENDA_KINDS (the signature before everything else); stable within a kind. */
export function sortAgenda(entries: AgendaEntryDto[]): AgendaEntryDto[] {
  const rank = (e: AgendaEntryDto) => (e.kind === 'report_to_sign' ? -1 : e.urgent ? 0 : 1) * 100 + AGENDA_KINDS.indexOf(e.kind);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
