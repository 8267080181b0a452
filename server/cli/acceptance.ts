// `qudi acceptance redraw`: runs a spot-check draw again from its record — the seed, the eligible
// list, the chosen sites, the share and the minimum — and, with --check, says whether it gives the
// recorded sample. From the database (every draw, or --draw N), or from a draw as the API published
// it (--file, the JSON of GET /api/acceptance/draws/:id), so a town can check without the database.
import fs from 'node:fs';
import { drawRoundLabels, drawStatusLabels, type DrawRound, type DrawStatus } from '../../domain/acceptance.js';
import { checkDraw, drawSample, type RecordedDraw } from '../acceptance/draw.js';
import type { AcceptanceDrawRow, Db } from '../db/schema.js';
import { allDraws } from '../repositories/acceptanceDraws.js';
import { orgUnitNames } from '../repositories/orgUnits.js';

interface Labelled extends RecordedDraw {
  label: string;
}

function fromRow(row: AcceptanceDrawRow, town: string): Labelled {
  return {
    label: `抽查 ${row.id}（${town}，${drawRoundLabels[row.round as DrawRound]}第 ${row.seq} 次，${drawStatusLabels[row.status as DrawStatus]}）`,
    algorithm: row.algorithm,
    seed: row.seed,
    eligibleIds: JSON.parse(row.eligible_ids) as number[],
    eligibleSha256: row.eligible_sha256,
    chosenIds: JSON.parse(row.chosen_ids) as number[],
    sharePercent: row.share_percent,
    minimum: row.minimum,
    sample: (JSON.parse(row.sample) as { id: number; how: string }[]).map((s) => ({ enterpriseId: s.id, how: s.how })),
  };
}

/** A draw as GET /api/acceptance/draws/:id answers it; a clear message when the file is something else. */
export function fromPublishedFile(file: string): Labelled {
  let d: Partial<Labelled & { id: number; townName: string; seq: number }>;
  try {
    d = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof d;
  } catch (e) {
    throw new Error(`无法读取抽查记录 ${file}：${(e as Error).message}`);
  }
  const ints = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isInteger(x));
  if (typeof d.seed !== 'string' || !ints(d.eligibleIds) || !ints(d.chosenIds) || !Number.isInteger(d.sharePercent) || !Number.isInteger(d.minimum) || !Array.isArray(d.sample))
    throw new Error(`${file} 不是抽查记录（应为 GET /api/acceptance/draws/:id 的 JSON）`);
  return { ...(d as Labelled), label: `抽查 ${d.id ?? '?'}（${d.townName ?? ''}第 ${d.seq ?? '?'} 次，文件 ${file}）` };
}

export async function drawsFromDatabase(db: Db, id?: number): Promise<Labelled[]> {
  const rows = await allDraws(db, id);
  if (id !== undefined && rows.length === 0) throw new Error(`没有编号为 ${id} 的抽查`);
  const towns = await orgUnitNames(db, [...new Set(rows.map((r) => r.town_id))]);
  return rows.map((r) => fromRow(r, towns.get(r.town_id) ?? ''));
}

/** Prints each draw re-run (with --check, against its record); the exit code: 1 when any does not reproduce. */
export function redraw(draws: Labelled[], check: boolean, log: (line: string) => void): number {
  let failed = 0;
  for (const d of draws) {
    const sample = drawSample(d).map((s) => `${s.id}${s.how === 'chosen' ? '（指定）' : ''}`);
    if (!check) {
      log(`${d.label}：种子 ${d.seed}，符合条件 ${d.eligibleIds.length} 家，抽中 ${sample.join('、') || '无'}`);
      continue;
    }
    const problems = checkDraw(d);
    if (problems.length === 0) log(`✓ ${d.label}：重新抽取结果与记录一致（${sample.length} 家：${sample.join('、') || '无'}）`);
    else {
      failed++;
      log(`✗ ${d.label}：${problems.join('；')}`);
    }
  }
  if (check) log(draws.length === 0 ? '没有抽查记录' : failed === 0 ? `全部 ${draws.length} 次抽查均可复现` : `${failed} 次抽查不能复现`);
  return failed === 0 ? 0 : 1;
}
