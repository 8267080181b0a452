import { Card, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import type { TownReportStatusDto } from '../../../domain/reports.js';
import { useReportOverview } from '../../api/reports.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDate } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/reportsPage.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { ByAt, ReportStateTag } from './reportState.js';
import { reportSummary } from './reportSummary.js';

/** 任务表报送: for the office, which towns have reported, are awaiting signature, late or missing. */
export default function ReportsPage() {
  const me = useCurrentUser();
  const overview = useReportOverview(me.abilities.viewReports);
  if (!me.abilities.viewReports) return <ForbiddenPage />;
  // A single town's staff go straight to their town's page.
  if (overview.data?.towns.length === 1) return <Navigate to={`/reports/towns/${overview.data.towns[0].townId}`} replace />;
  const columns: DataColumn<TownReportStatusDto>[] = [
    { key: 'town', title: t('reports.col.town'), card: 'title', render: (_, r) => <Link to={`/reports/towns/${r.townId}`}>{r.townName}</Link> },
    { key: 'state', title: t('reports.col.state'), card: 'title', render: (_, r) => <ReportStateTag state={r.state} /> },
    { key: 'version', title: t('reports.col.version'), render: (_, r) => (r.latest ? t('reports.versionN', { version: r.latest.version }) : t('common.empty')) },
    { key: 'rows', title: t('reports.col.rows'), align: 'right', render: (_, r) => r.latest?.rowCount ?? t('common.empty') },
    { key: 'submitted', title: t('reports.col.submitted'), render: (_, r) => <ByAt who={r.latest?.submittedBy ?? null} at={r.latest?.submittedAt ?? null} /> },
    { key: 'signed', title: t('reports.col.signed'), render: (_, r) => <ByAt who={r.signed?.signedBy ?? null} at={r.signed?.signedAt ?? null} /> },
  ];
  return (
    <QueryState query={overview}>
      {(data) => (
        <>
          <PageHeader
            title={t('reports.title')}
            subtitle={data.phase ? t('reports.subtitle', { phase: data.phase.name, due: formatDate(data.phase.reportDue) }) : t('reports.subtitleNoDue')}
          />
          <Card size="small">
            <Typography.Paragraph type="secondary" id="reports-summary">
              {reportSummary(data.towns.map((r) => r.state))}
            </Typography.Paragraph>
            <DataTable<TownReportStatusDto> id="reports-table" rowKey="townId" columns={columns} dataSource={data.towns} pagination={false} size="middle" />
          </Card>
        </>
      )}
    </QueryState>
  );
}
