// 巡查 on the 长效监管 page: the sites due for a patrol in the user's scope, earliest due first (or the
// overdue ones only), with their village contact; and the latest patrols. A table on a desk, cards on a phone.
import { Flex, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PatrolDto, PatrolDueItemDto } from '../../../domain/patrols.js';
import { usePatrols, usePatrolsDue } from '../../api/patrols.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PagedList } from '../../components/PagedList.js';
import { StatusTag } from '../../components/StatusTag.js';
import { workshopColumns } from '../../components/workshopColumns.js';
import { formatDate } from '../../format.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's strings (the workshop columns) and the supervision stage's.
import '../../i18n/stage2.js';
import '../../i18n/stage4.js';
import { useCampaign } from '../../api/hooks.js';
import { PatrolFacts } from './PatrolParts.js';

const PAGE_SIZE = 20;

export function DueTag({ daysLeft }: { daysLeft: number }) {
  if (daysLeft < 0) return <Tag color="red">{t('sv.overdueDays', { days: -daysLeft })}</Tag>;
  if (daysLeft === 0) return <Tag color="orange">{t('sv.dueToday')}</Tag>;
  return <Tag color={daysLeft <= 7 ? 'gold' : undefined}>{t('sv.daysLeft', { days: daysLeft })}</Tag>;
}

export function PatrolsTab() {
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === '1';
  const [page, setPage] = useState(1);
  const [recentPage, setRecentPage] = useState(1);
  const due = usePatrolsDue(overdue, page, PAGE_SIZE);
  const recent = usePatrols(recentPage, PAGE_SIZE);
  const campaign = useCampaign();
  const itemName = (code: string) => campaign.data?.standardItems.find((i) => i.code === code)?.name ?? code;
  const dueColumns: DataColumn<PatrolDueItemDto>[] = [
    ...workshopColumns<PatrolDueItemDto>(),
    { key: 'status', title: t('sv.col.status'), render: (_, r) => <StatusTag status={r.enterprise.status} /> },
    { key: 'last', title: t('sv.col.lastPatrol'), render: (_, r) => (r.lastPatrolOn ? formatDate(r.lastPatrolOn) : t('sv.never')) },
    {
      key: 'due',
      title: t('sv.col.dueOn'),
      render: (_, r) => (
        <span>
          {formatDate(r.dueOn)} <DueTag daysLeft={r.daysLeft} />
        </span>
      ),
    },
    { key: 'contact', title: t('sv.col.contact'), render: (_, r) => (r.contact ? [r.contact.name, r.contact.phone].filter(Boolean).join(' ') : <Typography.Text type="warning">{t('sv.noContact')}</Typography.Text>) },
  ];
  const recentColumns: DataColumn<PatrolDto>[] = [...workshopColumns<PatrolDto>(), { key: 'facts', title: t('sv.col.findings'), wrap: 420, render: (_, p) => <PatrolFacts patrol={p} itemName={itemName} /> }];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Radio.Group
          id="patrol-due-filter"
          optionType="button"
          value={overdue ? 'overdue' : 'all'}
          onChange={(e) => {
            setPage(1);
            setParams(e.target.value === 'overdue' ? { overdue: '1' } : {}, { replace: true });
          }}
          options={[
            { value: 'all', label: t('sv.due.all') },
            { value: 'overdue', label: t('sv.due.overdue') },
          ]}
        />
        {due.data && (
          <Typography.Text type={due.data.overdue > 0 ? 'danger' : 'secondary'} id="patrol-due-summary">
            {t('sv.due.summary', { total: overdue ? due.data.overdue : due.data.total, overdue: due.data.overdue })}
          </Typography.Text>
        )}
      </Flex>
      <PagedList<PatrolDueItemDto>
        id="patrol-due-list"
        rowKey={(r) => r.enterprise.id}
        columns={dueColumns}
        query={due}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={overdue ? t('sv.due.emptyOverdue') : t('sv.due.empty')}
      />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('sv.recent')}
      </Typography.Title>
      <PagedList<PatrolDto> id="patrol-list" rowKey="id" columns={recentColumns} query={recent} page={recentPage} pageSize={PAGE_SIZE} onPage={setRecentPage} empty={t('sv.recentEmpty')} />
    </Flex>
  );
}
