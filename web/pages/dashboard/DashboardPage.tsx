import { Card, Empty, Progress, Skeleton, Table, Tooltip, Typography, type TableProps } from 'antd';
import { Suspense } from 'react';
import { Link } from 'react-router';
import type { DashboardTownRow } from '../../../domain/api.js';
import { STATUSES } from '../../../domain/status.js';
import { useCampaign, useDashboard } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { percent } from '../../format.js';
import { t } from '../../i18n/index.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { lazyChunk } from '../../layout/lazyChunk.js';
import { DailyReportCard } from '../../components/DailyReportCard.js';

// ECharts (~180 KB) loads with the chart itself, after the table: the page's figures come first.
const StatusChart = lazyChunk(async () => ({ default: (await import('./StatusChart.js')).StatusChart }));

function ItemRate({ cell }: { cell: DashboardTownRow['items'][string] | undefined }) {
  if (!cell) return <span className="muted">{t('common.empty')}</span>;
  const done = cell.done + cell.notApplicable;
  const whole = done + cell.pending;
  const p = percent(done, whole);
  return (
    <Tooltip title={`${done} / ${whole}`}>
      <div style={{ width: 68 }}>
        <span className="num" style={{ fontSize: 12 }}>{whole === 0 ? t('common.empty') : `${p}%`}</span>
        <Progress percent={p} showInfo={false} size="small" style={{ margin: 0 }} strokeColor={p >= 100 ? '#52c41a' : undefined} />
      </div>
    </Tooltip>
  );
}

/** One town's figures on a phone, each a link to the workshops it counts (none for the total). */
function TownCard({ row, link }: { row: DashboardTownRow; link?: (status?: string) => string }) {
  const campaign = useCampaign();
  const items = campaign.data?.standardItems ?? [];
  return (
    <Card size="small" className="mobile-card dashboard-card" data-town={link ? row.townId : 'total'}>
      <div className="dashboard-card-head">
        <span className="mobile-card-title">{link ? <Link to={link()}>{row.townName}</Link> : row.townName}</span>
        <span>
          <span className="muted">{t('dashboard.col.total')} </span>
          <strong className="num">{row.total}</strong>
        </span>
      </div>
      {/* A town with no workshop says so in its head alone. */}
      {row.total > 0 && (
        <>
          <div className="dashboard-card-statuses">
            {STATUSES.map((s) => (
              <span key={s} className="dashboard-card-status">
                <StatusTag status={s} />
                {row.byStatus[s] > 0 && link ? (
                  <Link to={link(s)} className="num">
                    {row.byStatus[s]}
                  </Link>
                ) : (
                  <span className={row.byStatus[s] > 0 ? 'num' : 'num muted'}>{row.byStatus[s]}</span>
                )}
              </span>
            ))}
          </div>
          <div className="dashboard-card-items">
            {items.map((item) => (
              <div key={item.code} className="dashboard-card-item">
                <span className="dashboard-card-item-name">{item.name}</span>
                <ItemRate cell={row.items[item.code]} />
              </div>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const dashboard = useDashboard(me.abilities.viewDashboard);
  const campaign = useCampaign();
  if (!me.abilities.viewDashboard) return <ForbiddenPage />;
  const items = campaign.data?.standardItems ?? [];

  const townLink = (row: DashboardTownRow, status?: string) =>
    `/enterprises?town=${row.townId}${status ? `&status=${status}` : ''}`;

  const columns: TableProps<DashboardTownRow>['columns'] = [
    {
      key: 'town',
      title: t('dashboard.col.town'),
      fixed: 'left',
      render: (_, r) => <Link to={townLink(r)}>{r.townName}</Link>,
    },
    { key: 'total', title: t('dashboard.col.total'), align: 'right', render: (_, r) => <strong className="num">{r.total}</strong> },
    {
      key: 'statuses',
      title: t('dashboard.col.statuses'),
      children: STATUSES.map((s) => ({
        key: s,
        title: <StatusTag status={s} />,
        align: 'right' as const,
        render: (_: unknown, r: DashboardTownRow) =>
          r.byStatus[s] > 0 ? <Link to={townLink(r, s)} className="num">{r.byStatus[s]}</Link> : <span className="num muted">0</span>,
      })),
    },
    {
      key: 'items',
      title: <Tooltip title={t('dashboard.itemHint')}>{t('dashboard.col.items')}</Tooltip>,
      children: items.map((item) => ({
        key: item.code,
        title: item.name,
        render: (_: unknown, r: DashboardTownRow) => <ItemRate cell={r.items[item.code]} />,
      })),
    },
  ];

  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      {me.abilities.downloadDailyReport && <DailyReportCard />}
      <QueryState query={dashboard}>
        {(data) => (
          <>
            <Card title={t('dashboard.chartTitle')} size="small" className="section-card">
              <Suspense fallback={<Skeleton active />}>
                <StatusChart towns={data.towns} horizontal={isPhone} />
              </Suspense>
            </Card>
            <Card title={t('dashboard.tableTitle')} size="small" className="section-card" styles={{ body: { padding: isPhone ? 12 : 0 } }}>
              {isPhone ? (
                // The detail table's phone form: a card per town and one for the total, instead of
                // fourteen columns cut off at the screen's edge.
                <div id="dashboard-cards">
                  {data.towns.length === 0 && <Empty description={t('dashboard.empty')} />}
                  {data.towns.map((row) => (
                    <TownCard key={row.townId} row={row} link={(status) => townLink(row, status)} />
                  ))}
                  {data.towns.length > 0 && <TownCard row={data.totals} />}
                </div>
              ) : (
                <Table<DashboardTownRow>
                  id="dashboard-table"
                  rowKey="townId"
                  size="small"
                  bordered
                  columns={columns}
                  dataSource={data.towns}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('dashboard.empty') }}
                  summary={() => (
                    <Table.Summary fixed="bottom">
                      <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
                        <Table.Summary.Cell index={0}>{data.totals.townName}</Table.Summary.Cell>
                        <Table.Summary.Cell index={1} align="right">
                          <span className="num">{data.totals.total}</span>
                        </Table.Summary.Cell>
                        {STATUSES.map((s, i) => (
                          <Table.Summary.Cell key={s} index={2 + i} align="right">
                            <span className="num">{data.totals.byStatus[s]}</span>
                          </Table.Summary.Cell>
                        ))}
                        {items.map((item, i) => (
                          <Table.Summary.Cell key={item.code} index={2 + STATUSES.length + i}>
                            <ItemRate cell={data.totals.items[item.code]} />
                          </Table.Summary.Cell>
                        ))}
                      </Table.Summary.Row>
                    </Table.Summary>
                  )}
                />
              )}
            </Card>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard.footnote')}
            </Typography.Paragraph>
          </>
        )}
      </QueryState>
    </>
  );
}
