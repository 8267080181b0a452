// The content a town reports in phase 1: its 附件2 任务表 rows, frozen as canonical JSON so that
// the same register always hashes the same.
import { createHash } from 'node:crypto';
import { locationOf } from '../exports/forms.js';

export interface TaskTableRow {
  seq: number;
  enterpriseId: number;
  name: string;
  location: string;
  phone: string;
  notes: string;
}

export interface ReportContent {
  town: string;
  phase: string;
  rows: TaskTableRow[];
}

/** The frozen content of a town's task table, from its register rows (repositories/reports.taskTableRows). */
export function taskTableContent(
  rows: readonly { id: number; name: string; address: string; phone: string; notes: string; village_name: string | null }[],
  town: { name: string },
  phase: string,
): ReportContent {
  return {
    town: town.name,
    phase,
    rows: rows.map((r, i) => ({ seq: i + 1, enterpriseId: r.id, name: r.name, location: locationOf(r), phone: r.phone, notes: r.notes })),
  };
}

export function contentHash(content: ReportContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
