// 验收结果汇总表: per town, for the leading group — the verdict and its reasons and findings, the
// acceptance sample and the re-inspection (drawn / checked / failed), the rectification deadline
// (逾期 marked), whether the principal's explanation is in, and the 通报批评 naming the town. The
// same rows as the 验收 page, in the forms' printed layout.
import type ExcelJS from 'exceljs';
import type { AcceptanceTownDto } from '../../domain/acceptance.js';
import { townVerdictLabels } from '../../domain/i18n/acceptanceLabels.zh-CN.js';
import { verdictReasonLabels } from '../../domain/i18n/labels.zh-CN.js';
import { todayInChina } from '../../domain/time.js';
import { addFormSheet, chineseDate, type FormColumn } from './sheet.js';

const COLUMNS: FormColumn[] = [
  { header: '序号', width: 6, align: 'center' },
  { header: '镇街', width: 12 },
  { header: '验收结论', width: 12, align: 'center' },
  { header: '未通过原因', width: 16 },
  { header: '发现的问题', width: 36 },
  { header: '验收抽查（抽中/已查/不通过）', width: 16, align: 'center' },
  { header: '整改复查（抽中/已查/不通过）', width: 16, align: 'center' },
  { header: '整改期限', width: 16 },
  { header: '书面说明', width: 10, align: 'center' },
  { header: '通报批评', width: 22 },
];

const sample = (s: AcceptanceTownDto['initial']) => (s ? `${s.sampleCount} / ${s.checkedCount} / ${s.failedCount}` : '未抽取');

export async function writeAcceptanceResults(wb: ExcelJS.stream.xlsx.WorkbookWriter, district: string, towns: readonly AcceptanceTownDto[]): Promise<void> {
  const sheet = addFormSheet(wb, { sheetName: '验收结果', title: `${district}土小企业集中取缔验收结果汇总表`, subtitle: `截至${chineseDate(todayInChina())}`, columns: COLUMNS });
  towns.forEach((t, i) =>
    sheet.addRow([
      i + 1,
      t.townName,
      townVerdictLabels[t.verdict],
      t.reasons.map((r) => verdictReasonLabels[r]).join('、'),
      t.findings,
      sample(t.initial),
      sample(t.reinspection),
      t.rectifyBy ? `${chineseDate(t.rectifyBy)}${t.overdue ? '（已逾期）' : ''}` : '',
      t.verdict === 'failed' || t.verdict === 'rectifying' ? (t.explained ? '已提交' : '未提交') : '',
      t.notices.join('；'),
    ]),
  );
  await sheet.flush();
  sheet.commit();
  await wb.commit();
}
