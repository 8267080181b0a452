import type { CampaignDto } from '../../domain/api.js';
import { t } from '../i18n/index.js';

/** "剩余 3 天", "今日截止", "已超期 2 天", or null for an open-ended phase. */
export function daysLeftText(phase: CampaignDto['currentPhase']): string | null {
  if (!phase || phase.daysLeft === null) return null;
  if (phase.daysLeft > 0) return t('header.daysLeft', { days: phase.daysLeft });
  if (phase.daysLeft === 0) return t('header.dueToday');
  return t('header.overdue', { days: -phase.daysLeft });
}
