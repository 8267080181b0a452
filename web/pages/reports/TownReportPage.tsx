import { CheckCircleOutlined, DownloadOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { TownReportDto } from '../../../domain/reports.js';
import { useReportContent, useSubmitReport, useTownReports } from '../../api/reports.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/reportsPage.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { ByAt, ReportStateTag, ReportStatusTag } from './reportState.js';
import { ContentTable, SignReportModal } from './SignReportModal.js';

/** One town's report: the register as it stands, submitting a new version, and signing. */
export default function TownReportPage() {
  const townId = Number(useParams().townId);
  const me = useCurrentUser();
  const detail = useTownReports(townId, me.abilities.viewReports);
  const submit = useSubmitReport();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [signing, setSigning] = useState<TownReportDto | null>(null);
  const [viewing, setViewing] = useState<TownReportDto | null>(null);
  const viewed = useReportContent(viewing?.id ?? null);

  if (!me.abilities.viewReports) return <ForbiddenPage />;
  const columns: DataColumn<TownReportDto>[] = [
    { key: 'version', title: t('reports.col.version'), card: 'title', render: (_, r) => t('reports.versionN', { version: r.version }) },
    { key: 'status', title: t('reports.col.status'), card: 'title', render: (_, r) => <ReportStatusTag report={r} /> },
    { key: 'rows', title: t('reports.col.rows'), dataIndex: 'rowCount', align: 'right' },
    { key: 'submitted', title: t('reports.col.submitted'), render: (_, r) => <ByAt who={r.submittedBy} at={r.submittedAt} /> },
    { key: 'signed', title: t('reports.col.signed'), render: (_, r) => <ByAt who={r.signedBy} at={r.signedAt} /> },
    { key: 'sha', title: t('reports.col.sha'), card: 'hidden', render: (_, r) => <Typography.Text code copyable={{ text: r.contentSha256 }}>{r.contentSha256.slice(0, 12)}</Typography.Text> },
  ];
  const actions = (r: TownReportDto) => (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(r)} className="report-view-button">
        {t('reports.view')}
      </Button>
      {/* A plain link: the session cookie goes along and the server names the file. */}
      <Button size="small" icon={<DownloadOutlined />} href={`/api/reports/${r.id}/task-table.xlsx`} download className="report-download-button" title={t('reports.download.hint')}>
        {t('reports.download')}
      </Button>
      {r.abilities.sign && (
        <Button size="small" type="primary" icon={<CheckCircleOutlined />} className="report-sign-button" onClick={() => setSigning(r)}>
          {t('reports.sign')}
        </Button>
      )}
    </>
  );

  return (
    <QueryState query={detail}>
      {(d) => {
        const confirmSubmit = () =>
          modal.confirm({
            title: t('reports.submitConfirm.title'),
            content: t('reports.submitConfirm.content', { rows: d.current.rowCount }),
            okText: t('common.confirm'),
            cancelText: t('common.cancel'),
            onOk: () =>
              submit.mutateAsync(d.townId).then(
                (r) => void message.success(t('reports.submitted', { version: r.version })),
                (err: unknown) => showError(err),
              ),
          });
        return (
          <>
            <PageHeader
              back={{ to: '/reports', label: t('reports.town.back') }}
              title={t('reports.town.title', { town: d.townName })}
              tags={<ReportStateTag state={d.state} />}
              subtitle={d.phase?.reportDue ? t('reports.subtitle', { phase: d.phase.name, due: formatDate(d.phase.reportDue) }) : undefined}
              extra={
                d.abilities.submit && (
                  <Button id="report-submit" type="primary" icon={<SendOutlined />} disabled={!d.current.changedSinceLatest} onClick={confirmSubmit}>
                    {t('reports.submit')}
                  </Button>
                )
              }
            />
            <Card size="small" title={t('reports.current.title')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph>{t('reports.current.rows', { rows: d.current.rowCount })}</Typography.Paragraph>
              <Alert
                type={d.versions.length === 0 ? 'info' : d.current.changedSinceLatest ? 'warning' : 'success'}
                showIcon
                message={t(d.versions.length === 0 ? 'reports.current.none' : d.current.changedSinceLatest ? 'reports.current.changed' : 'reports.current.unchanged')}
              />
            </Card>
            <Card size="small" title={t('reports.versions')}>
              <DataTable<TownReportDto> id="report-versions" rowKey="id" columns={columns} actions={{ render: actions }} dataSource={d.versions} pagination={false} size="middle" />
            </Card>
            <SignReportModal report={signing} onClose={() => setSigning(null)} />
            <ResponsiveModal open={viewing !== null} width={880} footer={null} title={viewing ? t('reports.content.title', { version: viewing.version }) : ''} onCancel={() => setViewing(null)}>
              {viewed.data && <ContentTable rows={viewed.data.content.rows} />}
            </ResponsiveModal>
          </>
        );
      }}
    </QueryState>
  );
}
