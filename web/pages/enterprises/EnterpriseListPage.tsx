import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Pagination, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import type { TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import { useCampaign, useEnterpriseList, useOnlyTown, type EnterpriseListParams } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { ExportDropdown } from '../../components/exports/ExportLinks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { formatDateTime, orEmpty } from '../../format.js';
import { t } from '../../i18n/index.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { EnterpriseCards } from './EnterpriseCards.js';
import { EnterpriseFilters } from './EnterpriseFilters.js';
import { ItemsProgress } from './ItemsProgress.js';
import { useListParams } from './useListParams.js';

type Sort = NonNullable<EnterpriseListParams['sort']>;

export default function EnterpriseListPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { params, update, hasFilters } = useListParams();
  const list = useEnterpriseList(params);
  const campaign = useCampaign();
  // With a single town in sight, naming it on every row says nothing: the column shows the village.
  const oneTown = useOnlyTown() !== undefined;
  const itemTotal = campaign.data?.standardItems.length ?? 5;
  const kindName = (code: string) => campaign.data?.workshopKinds.find((k) => k.code === code)?.name ?? code;

  const sortOrder = (key: Sort) => {
    const active = (params.sort ?? 'id') === key;
    if (!active) return null;
    return (params.order ?? 'desc') === 'asc' ? ('ascend' as const) : ('descend' as const);
  };

  const columns: TableProps<EnterpriseSummaryDto>['columns'] = [
    { key: 'id', title: t('enterprise.col.id'), dataIndex: 'id', width: 80, sorter: true, sortOrder: sortOrder('id'), render: (id: number) => <span className="num">{id}</span> },
    {
      key: 'name',
      title: t('enterprise.col.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, e) => (
        <div style={{ minWidth: 180 }}>
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {kindName(e.kind)}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'place',
      title: oneTown ? t('enterprise.col.village') : t('enterprise.col.place'),
      render: (_, e) => (
        <div style={{ minWidth: 120 }}>
          {oneTown ? (
            orEmpty(e.villageName)
          ) : (
            <>
              {e.townName}
              {e.villageName && <Typography.Text type="secondary"> / {e.villageName}</Typography.Text>}
            </>
          )}
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 220 }}>
            {e.address}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'contact',
      title: t('enterprise.col.contact'),
      render: (_, e) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {orEmpty(e.contactPerson)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} className="num">
            {e.phone}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'status', title: t('enterprise.col.status'), dataIndex: 'status', sorter: true, sortOrder: sortOrder('status'), render: (s: EnterpriseSummaryDto['status']) => <StatusTag status={s} /> },
    { key: 'progress', title: t('enterprise.col.progress'), render: (_, e) => <ItemsProgress done={e.itemsDone} total={itemTotal} /> },
    {
      key: 'updatedAt',
      title: t('enterprise.col.updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (v: string) => <span className="num" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      key: 'actions',
      title: t('enterprise.col.actions'),
      fixed: 'right',
      width: 72,
      render: (_, e) => <Link to={`/enterprises/${e.id}`}>{t('common.view')}</Link>,
    },
  ];

  const onTableChange: TableProps<EnterpriseSummaryDto>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<EnterpriseSummaryDto>;
      const key = s.columnKey as Sort | undefined;
      update(s.order && key ? { sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: undefined, order: undefined });
      return;
    }
    update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? params.pageSize });
  };

  const total = list.data?.total ?? 0;
  // A search stops counting at its limit: 超过 N 家, and the first N are listed.
  const capped = list.data?.totalCapped ?? false;
  const totalText = (n: number) => (capped ? t('enterprise.list.capped', { total: n }) : t('common.total', { total: n }));

  return (
    <>
      <PageHeader
        title={t('enterprise.list.title')}
        subtitle={t('enterprise.list.subtitle')}
        extra={
          // On a phone the primary action comes first, full width; the export menu under it.
          <Flex gap={8} vertical={isPhone} style={isPhone ? { width: '100%' } : undefined}>
            <div style={{ order: isPhone ? 1 : 0 }}>
              <ExportDropdown params={params} filtered={hasFilters} block={isPhone} />
            </div>
            {me.abilities.createEnterprise && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/enterprises/new')} id="create-enterprise" block={isPhone}>
                {t('enterprise.list.create')}
              </Button>
            )}
          </Flex>
        }
      />
      <EnterpriseFilters params={params} update={update} hasFilters={hasFilters} />
      {capped && <Alert type="info" showIcon id="search-capped" style={{ marginBottom: 12 }} message={t('enterprise.list.cappedHint', { total })} />}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : isPhone ? (
        <>
          <EnterpriseCards items={list.data?.items ?? []} loading={list.isPending} itemTotal={itemTotal} kindName={kindName} showTown={!oneTown} />
          {total > 0 && (
            <Pagination
              simple
              align="center"
              current={params.page}
              pageSize={params.pageSize}
              total={total}
              onChange={(page) => {
                update({ page });
                window.scrollTo({ top: 0 });
              }}
              style={{ margin: '12px 0' }}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
            {totalText(total)}
          </Typography.Paragraph>
        </>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<EnterpriseSummaryDto>
            id="enterprise-table"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onChange={onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('enterprise.list.empty') }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: totalText,
              style: { paddingInline: 16 },
            }}
          />
        </Card>
      )}
    </>
  );
}
