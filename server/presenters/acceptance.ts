// Spot-check draws (验收抽查), their on-site checks and the hearings, as the web and the check
// (`qudi acceptance redraw --check`) read them, with what the reader may do, decided by the policies.
import { parseSample, type TownVerdictDto, type AcceptanceTownDto, type DrawDto, type DrawRound, type DrawStatus, type HearingDto, type SiteCheckDto } from '../../domain/acceptance.js';
import type { StandardItem } from '../../domain/campaign.js';
import type { Actor } from '../auth/actor.js';
import type { AcceptanceCheckRow, AcceptanceDrawRow, AcceptanceHearingRow, TownAcceptanceRow } from '../db/schema.js';
import { pastDeadline } from '../../domain/reports.js';
import type { TownAcceptanceStatus } from '../../domain/workflows/townAcceptance.js';
import { can, drawSubject } from '../policies/index.js';
import { checkedDrawReplaceable } from '../acceptance/verdictRules.js';

type WorkshopInfo = { name: string; address: string; village_name: string | null };

/** What presenting draws needs besides the rows: the names of people and workshops, the checks, the standard items. */
export interface DrawContext {
  names: Map<number, string>;
  workshops: Map<number, WorkshopInfo>;
  checks: AcceptanceCheckRow[];
  items: readonly StandardItem[];
  /** Per town, when its verdict was last decided (a re-inspection draw made before it may be redrawn). */
  decidedAt: Map<number, string | null>;
}

export const sampleOf = (row: AcceptanceDrawRow) => parseSample(row.sample);

function presentCheck(c: AcceptanceCheckRow, items: readonly StandardItem[], names: Map<number, string>): SiteCheckDto {
  const found = JSON.parse(c.items) as { code: string; held: boolean; note: string }[];
  return {
    id: c.id,
    items: found.map((f) => ({ ...f, name: items.find((i) => i.code === f.code)?.name ?? f.code })),
    verdict: c.verdict as SiteCheckDto['verdict'],
    reasons: JSON.parse(c.reasons) as SiteCheckDto['reasons'],
    findings: c.findings,
    evidenceIds: JSON.parse(c.evidence_ids) as number[],
    checkedBy: names.get(c.checked_by) ?? '',
    checkedAt: c.checked_at,
  };
}

export function presentDraw(row: AcceptanceDrawRow, townName: string, dc: DrawContext, actor: Actor): DrawDto {
  const subject = drawSubject(row);
  const checks = dc.checks.filter((c) => c.draw_id === row.id);
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
      const w = dc.workshops.get(s.id);
      const check = checks.find((c) => c.enterprise_id === s.id);
      return { enterpriseId: s.id, name: w?.name ?? '', address: w?.address ?? '', villageName: w?.village_name ?? null, how: s.how, check: check ? presentCheck(check, dc.items, dc.names) : null };
    }),
    reason: row.reason,
    drawnBy: dc.names.get(row.drawn_by) ?? '',
    drawnAt: row.drawn_at,
    publishedBy: row.published_by === null ? null : (dc.names.get(row.published_by) ?? ''),
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    version: row.version,
    abilities: { publish: can(actor, 'acceptanceDraw.publish', subject), redraw: (checks.length === 0 || checkedDrawReplaceable(row, dc.decidedAt.get(row.town_id) ?? null)) && can(actor, 'acceptanceDraw.redraw', subject), check: can(actor, 'acceptanceCheck.record', subject) },
  };
}

export function presentHearing(h: AcceptanceHearingRow, names: Map<number, string>): HearingDto {
  return { id: h.id, heldOn: h.held_on, reporter: h.reporter, summary: h.summary, recordedBy: names.get(h.recorded_by) ?? '', recordedAt: h.recorded_at };
}

export function drawSummary(row: AcceptanceDrawRow | undefined, checks: readonly AcceptanceCheckRow[]): AcceptanceTownDto['initial'] {
  if (!row) return null;
  const mine = checks.filter((c) => c.draw_id === row.id);
  return {
    id: row.id,
    seq: row.seq,
    status: row.status as DrawStatus,
    sampleCount: sampleOf(row).length,
    checkedCount: mine.length,
    failedCount: mine.filter((c) => c.verdict === 'rejected').length,
    drawnAt: row.drawn_at,
    publishedAt: row.published_at,
  };
}

/** The town's verdict as it stands (pending before the first decision), with what the reader may do. */
/** `passable`: whether the samples allow a pass now (server/acceptance/verdictRules.ts passProblem). */
export function presentTownVerdict(row: TownAcceptanceRow | undefined, townPath: string, names: Map<number, string>, actor: Actor, passable: boolean): TownVerdictDto {
  const status = (row?.status ?? 'pending') as TownAcceptanceStatus;
  const subject = { orgPath: townPath, status };
  return {
    status,
    reasons: row ? (JSON.parse(row.reasons) as TownVerdictDto['reasons']) : [],
    findings: row?.findings ?? '',
    decidedBy: row?.decided_by ? (names.get(row.decided_by) ?? '') : null,
    decidedAt: row?.decided_at ?? null,
    rectifyBy: row?.rectify_by ?? null,
    requirements: row?.requirements ?? '',
    overdue: status === 'rectifying' && pastDeadline(row?.rectify_by ?? null),
    explanation: row?.explanation ?? '',
    explainedBy: row?.explained_by ? (names.get(row.explained_by) ?? '') : null,
    explainedAt: row?.explained_at ?? null,
    version: row?.version ?? 0,
    abilities: {
      pass: passable && can(actor, 'townAcceptance.pass', subject),
      fail: can(actor, 'townAcceptance.fail', subject),
      rectify: can(actor, 'townAcceptance.rectify', subject),
      explain: can(actor, 'townAcceptance.explain', subject),
    },
  };
}
