// A town's frozen report version as the notice's 附件2 (任务表): the same writer and layout as the
// live export, filled from the version's frozen rows, dated on its submission, with the principal's
// name and time of signing on the signature line and the content's SHA-256 in small print.
import type { Writable } from 'node:stream';
import type { CampaignDefinition } from '../../domain/campaign.js';
import type { TownReportRow } from '../db/schema.js';
import { writeWorkshopForm } from '../exports/forms.js';
import { createWorkbook } from '../exports/sheet.js';
import { chinaDateTime, todayInChina } from '../../domain/time.js';
import type { ReportContent } from './taskTableContent.js';


export function reportFileName(district: string, townName: string, version: number, submittedAt: string): string {
  return `${district}-${townName}-任务表-第${version}版-${todayInChina(new Date(submittedAt))}.xlsx`;
}

export async function writeReportWorkbook(
  out: Writable,
  def: CampaignDefinition,
  report: Pick<TownReportRow, 'content' | 'content_sha256' | 'version' | 'submitted_at' | 'signed_at'>,
  townName: string,
  signerName: string | null,
): Promise<void> {
  const content = JSON.parse(report.content) as ReportContent;
  const rows = content.rows.map((r) => [r.seq, r.name, r.location, r.phone, r.notes]);
  await writeWorkshopForm(createWorkbook(out), def, {
    form: 'task-table',
    unit: { label: townName, date: todayInChina(new Date(report.submitted_at)) },
    rows: [rows],
    signer: report.signed_at && signerName !== null ? { name: signerName, at: chinaDateTime(report.signed_at, 'minutes'), date: todayInChina(new Date(report.signed_at)) } : undefined,
    footnote: `第 ${report.version} 版报送内容校验值（SHA-256）：${report.content_sha256}`,
  });
}
