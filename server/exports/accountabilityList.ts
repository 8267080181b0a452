// 问责清单 (.xlsx): the accountability list as the page shows it — each responsible person, their
// town and kind, and the counts of what is overdue or failed under them — in the forms' printed layout.
import type ExcelJS from 'exceljs';
import { responsibleKindLabels, type BoardRowDto } from '../../domain/accountability.js';
import { todayInChina } from '../../domain/time.js';
import { addFormSheet, chineseDate, type FormColumn } from './sheet.js';

const COLUMNS: FormColumn[] = [
  { header: '序号', width: 6, align: 'center' },
  { header: '镇街', width: 12 },
  { header: '责任人', width: 12 },
  { header: '类别', width: 16 },
  { header: '逾期标准项', width: 10, align: 'center' },
  { header: '验收未通过', width: 10, align: 'center' },
  { header: '反弹', width: 8, align: 'center' },
  { header: '待答复督办', width: 10, align: 'center' },
  { header: '逾期督办', width: 10, align: 'center' },
  { header: '逾期部门协办', width: 12, align: 'center' },
  { header: '约谈', width: 8, align: 'center' },
  { header: '问责', width: 8, align: 'center' },
];

export async function writeAccountabilityList(wb: ExcelJS.stream.xlsx.WorkbookWriter, district: string, rows: readonly BoardRowDto[], filter: string): Promise<void> {
  const subtitle = [`截至${chineseDate(todayInChina())}`, filter].filter(Boolean).join('　');
  const sheet = addFormSheet(wb, { sheetName: '问责清单', title: `${district}土小企业集中取缔问责清单`, subtitle, columns: COLUMNS });
  for (const [i, r] of rows.entries()) {
    const c = r.counts;
    sheet.addRow([i + 1, r.town.name, r.name, responsibleKindLabels[r.kind], c.itemsOverdue, c.rejected, c.recurred, c.escalationsOpen, c.escalationsOverdue, c.requestsOverdue, c.interviews, c.accountabilities]);
    if (i % 500 === 499) await sheet.flush();
  }
  await sheet.flush();
  sheet.commit();
  await wb.commit();
}
