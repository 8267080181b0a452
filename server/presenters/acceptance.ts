// Spot-check draws (验收抽查) as the web and the check (`qudi acceptance redraw --check`) read them,
// with what the reader may do, decided by the policies.
import type { AcceptanceTownDto, DrawDto, DrawRound, DrawStatus } from '../../domain/acceptance.js';
import type { Actor } from '../auth/actor.js';
import type { AcceptanceDrawRow } from '../db/schema.js';
import { can, drawSubject } from '../policies/index.js';

type SampleRow = { id: number; how: 'chosen' | 'random' };
type WorkshopInfo = { name: string; address: string; village_name: string | null };

export const sampleOf = (row: AcceptanceDrawRow): SampleRow[] => JSON.parse(row.sample) as SampleRow[];

export function presentDraw(row: AcceptanceDrawRow, townName: string, names: Map<number, string>, workshops: Map<number, WorkshopInfo>, actor: Actor): DrawDto {
  const subject = drawSubject(row);
  return {
    id: row.id,
    townId: row.town_id,
    townName,
    round: row.round as DrawRound,
    seq: row.seq,
    status: row.status as DrawStatus,
    sharePercent: row.share_percent,
    minimum: row.minimum,
    algorithm: row.algorithm,
    seed: row.seed,
    eligibleIds: JSON.parse(row.eligible_ids) as number[],
    eligibleSha256: row.eligible_sha256,
    chosenIds: JSON.parse(row.chosen_ids) as number[],
    sample: sampleOf(row).map((s) => {
      const w = workshops.get(s.id);
      return { enterpriseId: s.id, name: w?.name ?? '', address: w?.address ?? '', villageName: w?.village_name ?? null, how: s.how };
    }),
    reason: row.reason,
    drawnBy: names.get(row.drawn_by) ?? '',
    drawnAt: row.drawn_at,
    publishedBy: row.published_by === null ? null : (names.get(row.published_by) ?? ''),
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    version: row.version,
    abilities: { publish: can(actor, 'acceptanceDraw.publish', subject), redraw: can(actor, 'acceptanceDraw.redraw', subject) },
  };
}

export function drawSummary(row: AcceptanceDrawRow | undefined): AcceptanceTownDto['initial'] {
  return row ? { id: row.id, seq: row.seq, status: row.status as DrawStatus, sampleCount: sampleOf(row).length, drawnAt: row.drawn_at, publishedAt: row.published_at } : null;
}
