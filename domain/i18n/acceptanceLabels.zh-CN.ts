// Chinese names of the acceptance stage's enums (验收), apart from the main labels so that the login
// page and the field pages, which never show them, do not carry them.
import type { DrawRound, DrawStatus } from '../workflows/acceptanceDraw.js';
import type { TownAcceptanceStatus } from '../workflows/townAcceptance.js';

export const drawRoundLabels: Record<DrawRound, string> = { initial: '验收抽查', reinspection: '整改复查' };
export const drawStatusLabels: Record<DrawStatus, string> = { drawn: '已抽取，未发布', published: '已发布', superseded: '已重新抽取' };
export const townVerdictLabels: Record<TownAcceptanceStatus, string> = { pending: '待验收', passed: '验收通过', failed: '验收不通过', rectifying: '限期整改中' };
export const sampleHowLabels: Record<'chosen' | 'random', string> = { chosen: '指定', random: '随机' };
