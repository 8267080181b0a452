// The office's one-line summary of the towns' reports, in the same words as each row's tag: a
// count per state, in the order of TOWN_REPORT_STATES, leaving out the states no town is in.
import { TOWN_REPORT_STATES, type TownReportState } from '../../../domain/reports.js';
import { t } from '../../i18n/index.js';
import '../../i18n/reportsPage.js';

export function reportSummary(states: readonly TownReportState[]): string {
  const parts = TOWN_REPORT_STATES.map((state) => ({ state, count: states.filter((s) => s === state).length }))
    .filter((p) => p.count > 0)
    .map((p) => t('reports.summary.part', { state: t(`reports.state.${p.state}`), count: p.count }));
  if (parts.length === 0) return t('reports.summary.none');
  return t('reports.summary', { total: states.length, parts: parts.join(t('common.listSeparator')) });
}
