// 部门协办: the department-request queue in the user's scope — a department sees the requests
// addressed to it across every town, a town its own, a liaison department its paired towns', the
// office all. Oldest first (the longest waiting at the top), filtered by state and town, with the
// counts by state; a table on a desk, a card per request on a phone, the department's acts on each.
import { Flex, Segmented, Select, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEPARTMENT_REQUEST_STATUSES, REQUEST_QUEUE_FILTERS, type DepartmentRequestDto, type RequestQueueFilter } from '../../../domain/departmentRequests.js';
import { useRequestQueue } from '../../api/departmentRequests.js';
import { useTowns } from '../../api/hooks.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { placeName } from '../../format.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';
import { PagedList } from '../../components/PagedList.js';
import { RequestActions, RequestFacts, RequestStatusTags, requestTiming } from './RequestActions.js';

const PAGE_SIZE = 20;

const isFilter = (v: string | null): v is RequestQueueFilter => v !== null && (REQUEST_QUEUE_FILTERS as readonly string[]).includes(v);

export default function RequestQueuePage() {
  const [params, setParams] = useSearchParams();
  const status: RequestQueueFilter = isFilter(params.get('status')) ? (params.get('status') as RequestQueueFilter) : 'open';
  const town = Number(params.get('town')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const towns = useTowns();
  const townList = (towns.data ?? []).filter((u) => u.kind === 'town');
  const queue = useRequestQueue({ status, town, page, pageSize: PAGE_SIZE });
  const counts = queue.data?.counts;

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v === undefined) next.delete(k);
    else next.set(k, v);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const countOf = (f: RequestQueueFilter): number | undefined => {
    if (!counts) return undefined;
    if (f === 'open') return counts.requested + counts.accepted + counts.scheduled;
    if (f === 'all') return DEPARTMENT_REQUEST_STATUSES.reduce((n, s) => n + counts[s], 0);
    return counts[f];
  };
  const filterLabel = (f: RequestQueueFilter) => (f === 'open' || f === 'all' ? t(`requests.status.${f}`) : label.requestStatus(f));

  const columns: DataColumn<DepartmentRequestDto>[] = [
    {
      key: 'workshop',
      card: 'title',
      title: t('requests.col.workshop'),
      wrap: 220,
      render: (_, r) => (
        <Link to={`/enterprises/${r.enterprise.id}`} className="request-workshop">
          {r.enterprise.name}
        </Link>
      ),
    },
    { key: 'place', title: t('requests.col.place'), wrap: 160, render: (_, r) => placeName(r.enterprise) },
    {
      key: 'item',
      title: t('requests.col.item'),
      wrap: 240,
      render: (_, r) => (
        <>
          <Typography.Text strong>{r.itemName}</Typography.Text>
          <RequestFacts request={r} />
        </>
      ),
    },
    { key: 'department', title: t('requests.col.department'), wrap: 140, render: (_, r) => r.department.name },
    { key: 'requester', title: t('requests.col.requester'), wrap: 120, render: (_, r) => r.requestingUnit },
    { key: 'status', title: t('requests.col.status'), render: (_, r) => <RequestStatusTags request={r} /> },
    { key: 'due', title: t('requests.col.due'), wrap: 180, render: (_, r) => <span className="num">{requestTiming(r)}</span> },
  ];

  return (
    <>
      <PageHeader title={t('requests.title')} subtitle={t('requests.pageHint')} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<RequestQueueFilter>
            id="request-status-filter"
            value={status}
            onChange={(v) => set({ status: v })}
            options={REQUEST_QUEUE_FILTERS.map((f) => {
              const n = countOf(f);
              return { value: f, label: n === undefined ? filterLabel(f) : `${filterLabel(f)} ${n}` };
            })}
          />
        </div>
        {townList.length > 1 && (
          <Select
            id="request-town-filter"
            allowClear
            placeholder={t('requests.filter.allTowns')}
            style={{ minWidth: 160 }}
            value={town}
            onChange={(v: number | undefined) => set({ town: v === undefined ? undefined : String(v) })}
            options={townList.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
      </Flex>
      <PagedList<DepartmentRequestDto>
        id="request-queue"
        rowKey="id"
        columns={columns}
        query={queue}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: String(p) })}
        empty={t('requests.empty')}
        onRow={(r) => ({ 'data-request': r.id, 'data-status': r.status } as HTMLAttributes<HTMLElement>)}
        actions={{ render: (r) => <RequestActions request={r} /> }}
      />
    </>
  );
}
