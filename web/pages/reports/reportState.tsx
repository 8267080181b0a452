import { Tag } from 'antd';
import type { TownReportDto, TownReportState } from '../../../domain/reports.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/reportsPage.js';

const STATE_COLORS: Record<TownReportState, string> = {
  not_reported: 'default',
  overdue: 'red',
  submitted: 'orange',
  overdue_unsigned: 'volcano',
  signed: 'green',
  signed_late: 'gold',
};

export function ReportStateTag({ state }: { state: TownReportState }) {
  return <Tag color={STATE_COLORS[state]}>{t(`reports.state.${state}`)}</Tag>;
}

const STATUS_COLORS: Record<TownReportDto['status'], string> = { submitted: 'orange', signed: 'green', superseded: 'default' };

export function ReportStatusTag({ report }: { report: TownReportDto }) {
  return (
    <>
      <Tag color={STATUS_COLORS[report.status]}>{t(`reports.status.${report.status}`)}</Tag>
      {report.late && <Tag color="gold">{t('reports.late')}</Tag>}
    </>
  );
}

/** Who did it and when, on two lines: a table column stays narrow enough for the actions beside it. */
export function ByAt({ who, at }: { who: string | null; at: string | null }) {
  if (!at) return <>{t('common.empty')}</>;
  return (
    <span className="by-at">
      <span>{who}</span>
      <span className="by-at-time num">{formatDateTime(at)}</span>
    </span>
  );
}
