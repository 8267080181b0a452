// The content a town reports in phase 1: its 附件2 任务表 rows, frozen as canonical JSON so that
// the same register always hashes the same.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

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

/** 企业位置 as the form wants it: the address, prefixed by the village when it does not name it. */
export function taskTableLocation(villageName: string | null, address: string): string {
  if (!villageName || address.includes(villageName)) return address;
  return `${villageName}${address}`;
}

export async function taskTableContent(db: Kysely<Database>, campaignId: number, town: { id: number; name: string }, phase: string): Promise<ReportContent> {
  const rows = await db
    .selectFrom('enterprises')
    .leftJoin('org_units as v', 'v.id', 'enterprises.village_id')
    .select(['enterprises.id', 'enterprises.name', 'enterprises.address', 'enterprises.phone', 'enterprises.notes', 'v.name as village_name'])
    .where('enterprises.campaign_id', '=', campaignId)
    .where('enterprises.town_id', '=', town.id)
    .where('enterprises.status', '!=', 'excluded')
    .orderBy('enterprises.id')
    .execute();
  return {
    town: town.name,
    phase,
    rows: rows.map((r, i) => ({ seq: i + 1, enterpriseId: r.id, name: r.name, location: taskTableLocation(r.village_name, r.address), phone: r.phone, notes: r.notes })),
  };
}

export function contentHash(content: ReportContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
