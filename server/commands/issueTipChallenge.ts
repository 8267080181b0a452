// 举报前的工作量证明: a fresh challenge, usable once within ten minutes, for the portal to solve before it
// sends a tip (no captcha). Its difficulty rises by 4 bits (16× the work) while more tips than usual
// arrive, so that a flood costs the sender ever more. Handing out challenges is itself limited per address.
import type { TipChallengeDto } from '../../domain/tips.js';
import { nowIso } from '../../domain/time.js';
import type { AppContext } from '../context.js';
import { countTipsSince, insertChallenge } from '../repositories/tips.js';
import { randomBytes } from 'node:crypto';
import { enforceLimits, forgetOldWindows } from './lib/rateLimit.js';

const CHALLENGE_MINUTES = 10;
/** Tips in the last ten minutes above which the portal counts as flooded. */
const FLOOD_TIPS = 50;

export async function issueTipChallenge(ctx: AppContext, from: { address: string }): Promise<TipChallengeDto> {
  const now = nowIso();
  await enforceLimits(ctx.db, [{ limit: { name: 'challenge:ip', per: 'hour', max: ctx.config.tipLimits.addressHour * 12 }, value: from.address }], now, '请求过于频繁');
  const flooded = (await countTipsSince(ctx.db, new Date(Date.parse(now) - 10 * 60_000).toISOString())) >= FLOOD_TIPS;
  const difficulty = Math.min(ctx.config.tipPowBits + (flooded ? 4 : 0), 30);
  const challenge = randomBytes(16).toString('hex');
  const expiresAt = new Date(Date.parse(now) + CHALLENGE_MINUTES * 60_000).toISOString();
  await insertChallenge(ctx.db, { challenge, difficulty, expiresAt, now });
  if (Math.random() < 0.05) await forgetOldWindows(ctx.db, now);
  return { challenge, difficulty, expiresAt };
}
