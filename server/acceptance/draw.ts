// The spot-check draw (验收抽查), algorithm `sha256-rank-v1` (docs/acceptance-stage.md). Given the
// recorded seed, the eligible workshop ids, the chosen ids, the share and the minimum, anyone gets
// the same sample:
//
//   1. n = min(E, max(minimum, ceil(E × share / 100))), E = number of eligible workshops;
//   2. the chosen workshops come first, in the order given; those that are eligible count towards n;
//   3. every other eligible workshop gets the key SHA-256(UTF-8 "<seed>:<id>") in hexadecimal;
//      sorted by key ascending (then by id), the first n − (eligible chosen) are drawn.
//
// The seed is 16 random bytes the server generates at the moment of the draw; nobody chooses it,
// and the ranking is fixed by it, so a sample cannot be steered without a visible redraw. Plain
// node:crypto only, so that the check runs anywhere (`qudi acceptance redraw --check`).
import { createHash, randomBytes } from 'node:crypto';
import { DRAW_ALGORITHM, sampleSize } from '../../domain/acceptance.js';

export interface DrawParams {
  seed: string;
  /** Ascending, without repeats. */
  eligibleIds: readonly number[];
  chosenIds: readonly number[];
  sharePercent: number;
  minimum: number;
}

export interface SampledSite {
  id: number;
  how: 'chosen' | 'random';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

/** The hash a draw records of its eligible list: SHA-256 of the ids, ascending, joined by commas. */
export function eligibleSha256(ids: readonly number[]): string {
  return sha256(ids.join(','));
}

/** The key that ranks workshop `id` under `seed`. */
export function rankKey(seed: string, id: number): string {
  return sha256(`${seed}:${id}`);
}

export function drawSample(p: DrawParams): SampledSite[] {
  const eligible = new Set(p.eligibleIds);
  const chosen = new Set(p.chosenIds);
  const n = sampleSize(eligible.size, p.sharePercent, p.minimum);
  const drawn = Math.max(0, n - p.chosenIds.filter((id) => eligible.has(id)).length);
  const ranked = p.eligibleIds
    .filter((id) => !chosen.has(id))
    .map((id) => ({ id, key: rankKey(p.seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
    .slice(0, drawn);
  return [...p.chosenIds.map((id) => ({ id, how: 'chosen' as const })), ...ranked.map((r) => ({ id: r.id, how: 'random' as const }))];
}

/** A draw as it is published (the API's AcceptanceDraw, or the row it was stored as). */
export interface RecordedDraw extends DrawParams {
  algorithm: string;
  eligibleSha256: string;
  sample: readonly { enterpriseId: number; how: string }[];
}

/** What does not hold when the draw is run again from its record; empty when it reproduces exactly. */
export function checkDraw(d: RecordedDraw): string[] {
  const problems: string[] = [];
  if (d.algorithm !== DRAW_ALGORITHM) return [`不认识的抽取算法“${d.algorithm}”（本程序为 ${DRAW_ALGORITHM}）`];
  const ascending = d.eligibleIds.every((id, i) => i === 0 || id > d.eligibleIds[i - 1]!);
  if (!ascending) problems.push('符合条件的企业编号不是升序或有重复');
  if (eligibleSha256(d.eligibleIds) !== d.eligibleSha256) problems.push('符合条件的企业列表与记录的校验值不符');
  const again = drawSample(d);
  const recorded = d.sample.map((s) => `${s.enterpriseId}:${s.how}`).join(',');
  if (again.map((s) => `${s.id}:${s.how}`).join(',') !== recorded)
    problems.push(`重新抽取的结果（${again.map((s) => s.id).join('、') || '无'}）与记录的抽中企业（${d.sample.map((s) => s.enterpriseId).join('、') || '无'}）不一致`);
  return problems;
}
