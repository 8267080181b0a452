// The parts of a spot-check draw the acceptance pages share: its status tag, and a town's summary line.
import { Tag } from 'antd';
import type { AcceptanceTownDto, DrawStatus } from '../../../domain/acceptance.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';

const DRAW_COLORS: Record<DrawStatus, string> = { drawn: 'orange', published: 'green', superseded: 'default' };

export function DrawStatusTag({ status }: { status: DrawStatus }) {
  return <Tag color={DRAW_COLORS[status]}>{label.drawStatus(status)}</Tag>;
}

export function DrawSummary({ summary }: { summary: AcceptanceTownDto['initial'] }) {
  if (!summary) return <Tag>{t('acc.none')}</Tag>;
  return (
    <span>
      <DrawStatusTag status={summary.status} /> {t('acc.summary', { seq: summary.seq, count: summary.sampleCount })}
      {summary.checkedCount > 0 && ` · ${t('acc.summaryChecked', { checked: summary.checkedCount, failed: summary.failedCount })}`}
    </span>
  );
}
