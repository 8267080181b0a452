// 验收结论: the inspection group accepts a shut-down workshop, or rejects it for rectification.
import type { Verdict } from '../../domain/enterprise.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { insertVerdict } from '../repositories/enterprises.js';
import { transitionWorkshop } from './lib/workshopTransition.js';

export function recordVerdict(ctx: AppContext, actor: Actor, input: { id: number; verdict: Verdict }) {
  const v = input.verdict;
  const reasons = v.verdict === 'rejected' ? v.reasons : [];
  return transitionWorkshop(ctx, actor, {
    id: input.id,
    event: v.verdict === 'accepted' ? 'accept' : 'reject',
    action: 'enterprise.verdict',
    reason: v.verdict === 'rejected' ? v.findings : '',
    extra: async (trx, now) => {
      await insertVerdict(trx, { enterpriseId: input.id, verdict: v.verdict, reasons, findings: v.findings, inspectorId: actor.id, at: now });
      return { verdict: v.verdict, reasons, findings: v.findings };
    },
  });
}
