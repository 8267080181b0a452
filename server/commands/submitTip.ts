// 群众举报: a tip from the public portal, without an account. The challenge is used once and the proof
// of work checked before anything is counted or written; then the address's and the device's limits;
// then, in one transaction, the tip (found again only by the SHA-256 of its receipt code, which is
// answered once and never stored) — or, for a complaint that someone collects management fees, a
// disciplinary clue seen only by discipline and the office director, under the clue rules. The answer
// is the receipt code and nothing else.
import { createHash, randomInt } from 'node:crypto';
import { leadingZeroBits, powInput } from '../../domain/pow.js';
import { RECEIPT_ALPHABET, type TipReceiptDto, type TipSubmit } from '../../domain/tips.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findCampaignTown } from '../repositories/orgUnits.js';
import { consumeChallenge, insertTip, portalUserId } from '../repositories/tips.js';
import { registerClue } from './lib/clue.js';
import { enforceLimits } from './lib/rateLimit.js';

export const receiptSha256 = (code: string): string => createHash('sha256').update(code).digest('hex');

function newReceipt(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return code;
}

const stale = () => invalid('页面停留过久或已提交过，请重新提交', [{ path: 'challenge', message: '请重新提交' }]);

export async function submitTip(ctx: AppContext, from: { address: string; device: string | null }, input: TipSubmit): Promise<TipReceiptDto> {
  const now = nowIso();
  const difficulty = await consumeChallenge(ctx.db, input.challenge, now);
  if (difficulty === null) throw stale();
  const digest = createHash('sha256').update(powInput(input.challenge, input.nonce)).digest('hex');
  if (!leadingZeroBits(digest, difficulty)) throw invalid('工作量证明不正确，请重新提交', [{ path: 'nonce', message: '请重新提交' }]);
  const limits = ctx.config.tipLimits;
  await enforceLimits(
    ctx.db,
    [
      { limit: { name: 'tip:ip', per: 'hour', max: limits.addressHour }, value: from.address },
      { limit: { name: 'tip:ip', per: 'day', max: limits.addressDay }, value: from.address },
      { limit: { name: 'tip:device', per: 'hour', max: limits.deviceHour }, value: from.device },
    ],
    now,
    '提交举报过于频繁',
  );
  const campaign = await currentCampaign(ctx.db);
  const town = input.townId === null ? undefined : await findCampaignTown(ctx.db, campaign.rootPath, input.townId);
  if (input.townId !== null && !town) throw invalid('没有这个镇街', [{ path: 'townId', message: '请从列表中选择镇街' }]);
  const receipt = newReceipt();
  await inTransaction(ctx.db, async (trx) => {
    const portal: Actor = { id: await portalUserId(trx, now), username: '_public_portal', displayName: '群众举报平台', grants: [] };
    const contact = input.anonymous ? { contact_name: '', contact_phone: '' } : { contact_name: input.contactName, contact_phone: input.contactPhone };
    let clueId: number | null = null;
    if (input.kind === 'fee' && town) {
      const where = [input.address, input.lat !== null ? `位置 ${input.lat.toFixed(6)}, ${input.lng!.toFixed(6)}` : ''].filter(Boolean).join('；');
      const who = input.anonymous ? '匿名' : [contact.contact_name, contact.contact_phone].filter(Boolean).join('，');
      clueId = await registerClue(
        trx,
        portal,
        campaign.id,
        town,
        { person: '不详（群众举报）', post: '不详', conduct: 'collected_fees', source: 'public_report', description: `${input.description}\n地点：${where || '未填写'}\n举报人：${who}`, enterpriseId: null },
        now,
      );
    }
    const id = await insertTip(trx, {
      campaign_id: campaign.id,
      receipt_sha256: receiptSha256(receipt),
      kind: input.kind,
      status: 'received',
      // A fee complaint is the clue's: the tip keeps only what its receipt answers.
      description: input.kind === 'fee' ? '' : input.description,
      address: input.kind === 'fee' ? '' : input.address,
      lat: input.kind === 'fee' ? null : input.lat,
      lng: input.kind === 'fee' ? null : input.lng,
      reported_town_id: town?.id ?? null,
      anonymous: input.anonymous ? 1 : 0,
      ...(input.kind === 'fee' ? { contact_name: '', contact_phone: '' } : contact),
      submitted_at: now,
      clue_id: clueId,
    });
    if (input.kind === 'workshop')
      await writeAudit(trx, { actor: portal, action: 'tip.create', entityType: 'tip', entityId: id, scopePath: campaign.rootPath, after: { kind: input.kind, townId: town?.id ?? null, located: input.lat !== null } });
  });
  return { receipt, submittedAt: now };
}
