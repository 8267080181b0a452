// 验收: every town's spot-check draws at a glance — for the inspection group, the office, the
// leaders and discipline; a town's staff go straight to their own town.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import type { AcceptanceTownDto } from '../../../domain/acceptance.js';
import { useAcceptanceOverview } from '../../api/acceptance.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { t } from '../../i18n/index.js';
// The acceptance stage's page strings, registered when this module loads.
import '../../i18n/stage3.js';
import { DrawSummary } from './drawParts.js';
import { TownVerdictTag } from './TownVerdict.js';
import { NoticesCard } from './Notices.js';
import { ForbiddenPage } from '../NotFoundPage.js';

export default function AcceptancePage() {
  const me = useCurrentUser();
  const overview = useAcceptanceOverview(me.abilities.viewAcceptance);
  if (!me.abilities.viewAcceptance) return <ForbiddenPage />;
  if (overview.data?.towns.length === 1) return <Navigate to={`/acceptance/towns/${overview.data.towns[0].townId}`} replace />;
  const columns: DataColumn<AcceptanceTownDto>[] = [
    { key: 'town', card: 'title', title: t('acc.col.town'), render: (_, r) => <Link to={`/acceptance/towns/${r.townId}`}>{r.townName}</Link> },
    { key: 'verdict', title: t('acc.col.verdict'), render: (_, r) => <TownVerdictTag status={r.verdict} overdue={r.overdue} /> },
    { key: 'eligible', title: t('acc.col.eligible'), align: 'right', render: (_, r) => <span className="num">{r.eligible.initial}</span> },
    { key: 'initial', title: t('acc.col.initial'), render: (_, r) => <DrawSummary summary={r.initial} /> },
    {
      key: 'reinspection',
      title: t('acc.col.reinspection'),
      render: (_, r) => (r.reinspection || r.eligible.reinspection > 0 ? <DrawSummary summary={r.reinspection} /> : <Tag>{t('acc.none')}</Tag>),
    },
    { key: 'notices', title: t('acc.col.notices'), render: (_, r) => (r.notices.length > 0 ? r.notices.join('；') : t('common.empty')) },
  ];
  return (
    <QueryState query={overview}>
      {(data) => (
        <>
          <PageHeader
            title={t('acc.title')}
            extra={
              data.canExport && (
                <Button icon={<DownloadOutlined />} href="/api/acceptance/results.xlsx" id="acceptance-export">
                  {t('acc.export')}
                </Button>
              )
            }
          />
          <Card size="small">
            <Typography.Paragraph type="secondary">{t('acc.hint')}</Typography.Paragraph>
            <DataTable<AcceptanceTownDto> id="acceptance-towns" rowKey="townId" columns={columns} dataSource={data.towns} pagination={false} size="middle" />
          </Card>
          <NoticesCard failedTowns={data.towns.filter((x) => x.verdict === 'failed' || x.verdict === 'rectifying').map((x) => ({ id: x.townId, name: x.townName }))} />
        </>
      )}
    </QueryState>
  );
}
