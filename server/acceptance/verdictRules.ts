// The acceptance's rules that read several records at once, in one place for the command that
// enforces them and the presenter that offers the button: when a town may be passed, and when a
// draw that already has checks may still be redrawn.
import { parseSample } from '../../domain/acceptance.js';
import { roundOfVerdict, type TownAcceptanceStatus } from '../../domain/workflows/townAcceptance.js';
import type { AcceptanceCheckRow, AcceptanceDrawRow } from '../db/schema.js';

/**
 * Why the town cannot be passed now, or null. From `pending`: the published acceptance draw must have
 * every sampled site checked and passed. From `rectifying`: the same of the published re-inspection
 * draw, and every site whose latest earlier check failed must have passed in it — a town does not pass
 * on a sample that left its failed sites out.
 */
export function passProblem(status: TownAcceptanceStatus, draws: readonly AcceptanceDrawRow[], checks: readonly AcceptanceCheckRow[]): string | null {
  const round = roundOfVerdict(status);
  const what = round === 'initial' ? '验收抽查' : '整改复查';
  const draw = draws.find((d) => d.round === round && d.status === 'published');
  if (!draw) return `${what}的抽查结果发布并完成现场检查后才能验收通过`;
  const mine = checks.filter((c) => c.draw_id === draw.id);
  const unchecked = parseSample(draw.sample).filter((s) => !mine.some((c) => c.enterprise_id === s.id));
  if (unchecked.length > 0) return `${what}抽中的企业还有 ${unchecked.length} 家未现场检查`;
  const failed = mine.filter((c) => c.verdict === 'rejected');
  if (failed.length > 0) return `${what}中有 ${failed.length} 家企业现场检查不通过，镇街不能验收通过`;
  if (round === 'reinspection') {
    const latest = new Map<number, AcceptanceCheckRow>();
    for (const c of [...checks].filter((x) => x.draw_id !== draw.id).sort((a, b) => a.id - b.id)) latest.set(c.enterprise_id, c);
    const owed = [...latest.values()].filter((c) => c.verdict === 'rejected' && !mine.some((m) => m.enterprise_id === c.enterprise_id && m.verdict === 'accepted'));
    if (owed.length > 0) return `此前现场检查不通过的 ${owed.length} 家企业还须在整改复查中检查通过`;
  }
  return null;
}

/**
 * Whether a draw that has checks may be superseded: only a re-inspection draw made before the town's
 * latest decision (it failed again, and a new round of re-inspection begins). Any other checked
 * sample stands: its checks would lose their draw.
 */
export function checkedDrawReplaceable(draw: Pick<AcceptanceDrawRow, 'round' | 'drawn_at'>, decidedAt: string | null): boolean {
  return draw.round === 'reinspection' && decidedAt !== null && draw.drawn_at < decidedAt;
}
