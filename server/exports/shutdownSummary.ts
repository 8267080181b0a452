// 取缔情况 of 附件3: what a workshop's standard items say, in the words an official would write.
import type { StandardItem } from '../../domain/campaign.js';

export interface SummaryItem {
  item_code: string;
  state: string;
  done_on: string | null;
  reason: string;
  /** The department that executed the item (附件3 names it), when one did. */
  department?: string;
}

/** 2016-05-12 → 5月12日 (the year is the campaign's, as on the paper form). */
export function chineseMonthDay(isoDate: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : isoDate;
}

export function shutdownSummary(
  standardItems: readonly Pick<StandardItem, 'code' | 'name' | 'doneLabel'>[],
  items: readonly SummaryItem[],
  status: string,
  statusReason = '',
): string {
  // At most a handful of items per workshop, for each of 100,000 rows: a scan, not a Map.
  const byCode = (code: string) => {
    for (const i of items) if (i.item_code === code) return i;
    return undefined;
  };
  const done: string[] = [];
  const notApplicable: string[] = [];
  const pending: string[] = [];
  let latest = '';
  for (const def of standardItems) {
    const i = byCode(def.code);
    if (i?.state === 'done') {
      done.push(i.department ? `${def.doneLabel}（${i.department}）` : def.doneLabel);
      if (i.done_on && i.done_on > latest) latest = i.done_on;
    } else if (i?.state === 'not_applicable') notApplicable.push(i.reason ? `${def.name}项不适用：${i.reason}` : `${def.name}项不适用`);
    else pending.push(def.name);
  }
  const reason = statusReason.trim();
  if (status === 'excluded') return reason ? `已排除：${reason}` : '已排除';

  const na = notApplicable.length ? `（${notApplicable.join('；')}）` : '';
  const date = latest ? `（${chineseMonthDay(latest)}）` : '';
  let text: string;
  if (pending.length === 0) text = `${done.join('、')}${na}${date}`;
  else if (done.length === 0 && notApplicable.length === 0) text = '未开始';
  else {
    const progress = done.length ? `${done.join('、')}${date}` : '';
    text = `取缔中：${[progress, na.slice(1, -1)].filter(Boolean).join('；')}；尚未${pending.join('、')}`;
  }
  if (status === 'accepted') text += '，验收通过';
  else if (status === 'rejected') text += reason ? `，验收未通过：${reason}` : '，验收未通过';
  else if (status === 'recurred') text = `反弹，重新取缔${reason ? `（${reason}）` : ''}；${text}`;
  return text;
}

/**
 * 责任部门负责人 of 附件3: the person the register names, else the officers who executed the
 * workshop's items for their departments (a confirmed request), each with the department, once.
 */
export function departmentHeads(named: string, items: readonly { state: string; department?: string; person: string }[]): string {
  if (named.trim()) return named;
  const heads = new Set<string>();
  for (const i of items) if (i.state === 'done' && i.department && i.person) heads.add(`${i.person}（${i.department}）`);
  return [...heads].join('、');
}
