// 约谈与问责: the accountability list (问责清单, the office and discipline) by responsible person,
// sortable and filtered by town and kind, each person opening into the workshops behind the counts
// and the records about them; and the records of 约谈 and 问责 (a town's principal: their town's).
// What a user may do comes from the server's abilities; a table on a desk, cards on a phone.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RESPONSIBLE_KINDS, type AccountabilityDto, type BoardRowDto, type BoardWorkshopDto, type ResponsibleKind } from '../../../domain/accountability.js';
import type { Status } from '../../../domain/status.js';
import { useAccountabilityBoard, useAccountabilityPerson, useAccountabilityRecords, type BoardFilter } from '../../api/accountability.js';
import { useTowns } from '../../api/hooks.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PagedList } from '../../components/PagedList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { formatDate, formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/accountability.js';
import { ActionForm, CloseButton, type ActionDraft } from './AccountabilityForms.js';

const PAGE_SIZE = 20;

/** The unit kind a responsible person most likely belongs to, to prefill the form. */
const unitKindOf = (kind: ResponsibleKind) => (kind === 'village_head' ? 'village' : kind === 'department_head' ? 'department' : 'town');

export function ActionFacts({ action: a }: { action: AccountabilityDto }) {
  return (
    <div data-accountability={a.id}>
      <Flex gap={6} wrap align="center">
        <Tag color={a.level === 'interview' ? 'orange' : 'red'} style={{ marginInlineEnd: 0 }}>
          {t(`accountability.level.${a.level}`)}
        </Tag>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`accountability.state.${a.state}`)}</Tag>
        <Typography.Text strong>{[a.person.name, a.person.position, a.person.unitName].filter(Boolean).join(' · ')}</Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{a.reason}</Typography.Paragraph>
      {a.scheduledOn && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('accountability.scheduled', { date: formatDate(a.scheduledOn), by: a.conductedBy })}</Typography.Text>}
      {a.measure && <Typography.Text style={{ display: 'block' }}>{t(`accountability.measure.${a.measure}`)}</Typography.Text>}
      {a.outcome && <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'pre-wrap' }}>{a.outcome}</Typography.Text>}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('accountability.byline', { unit: a.createdUnit, name: a.createdBy, at: formatDateTime(a.createdAt) })}
      </Typography.Text>
    </div>
  );
}

const actionButtons = (a: AccountabilityDto) => (
  <Space wrap>
    <CloseButton action={a} event="hold" />
    <CloseButton action={a} event="withdraw" />
  </Space>
);

function Records() {
  const [page, setPage] = useState(1);
  const list = useAccountabilityRecords(page, PAGE_SIZE);
  const columns: DataColumn<AccountabilityDto>[] = [
    { key: 'town', title: t('accountability.col.town'), dataIndex: ['town', 'name'], card: 'title' },
    { key: 'workshop', title: t('accountability.col.workshop'), render: (_, a) => (a.enterprise ? <Link to={`/enterprises/${a.enterprise.id}`}>{a.enterprise.name}</Link> : '') },
    { key: 'record', title: t('accountability.col.record'), wrap: 420, render: (_, a) => <ActionFacts action={a} /> },
  ];
  return (
    <PagedList<AccountabilityDto>
      id="accountability-records"
      rowKey="id"
      columns={columns}
      query={list}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      empty={t('accountability.emptyRecords')}
      actions={{ render: actionButtons }}
    />
  );
}

function PersonDrawer({ row, abilities, onClose, onAct }: { row: BoardRowDto; abilities: { interview: boolean; decide: boolean }; onClose: () => void; onAct: (d: ActionDraft) => void }) {
  const isPhone = useIsPhone();
  const detail = useAccountabilityPerson({ kind: row.kind, town: row.town.id, name: row.name });
  const base: Omit<ActionDraft, 'level'> = { personName: row.name, unitKind: unitKindOf(row.kind), townId: row.town.id };
  const columns: DataColumn<BoardWorkshopDto>[] = [
    { key: 'name', title: t('accountability.col.workshop'), card: 'title', render: (_, w) => <Link to={`/enterprises/${w.id}`}>{w.name}</Link> },
    { key: 'status', title: t('accountability.col.status'), render: (_, w) => <StatusTag status={w.status as Status} /> },
    { key: 'items', title: t('accountability.col.itemsOverdue'), dataIndex: 'itemsOverdue' },
    { key: 'escalations', title: t('accountability.col.escalations'), render: (_, w) => `${w.escalationsOverdue}/${w.escalationsOpen}` },
    { key: 'requests', title: t('accountability.col.requests'), dataIndex: 'requestsOverdue' },
  ];
  return (
    <Drawer open onClose={onClose} title={`${row.name} · ${t(`accountability.kind.${row.kind}`)} · ${row.town.name}`} size={isPhone ? '100%' : 720}>
      {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      <Typography.Title level={5}>{t('accountability.workshops', { total: detail.data?.workshopsTotal ?? 0 })}</Typography.Title>
      <DataTable<BoardWorkshopDto>
        id="accountability-workshops"
        rowKey="id"
        columns={columns}
        dataSource={detail.data?.workshops}
        loading={detail.isPending}
        size="small"
        pagination={{ pageSize: 10, showSizeChanger: false }}
        actions={
          abilities.interview
            ? { render: (w) => (w.openEscalationId ? <Button size="small" onClick={() => onAct({ ...base, level: 'interview', enterpriseId: w.id, remarkId: w.openEscalationId, unitId: row.kind === 'village_head' ? w.villageId : null })}>{t('accountability.interview')}</Button> : null) }
            : undefined
        }
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('accountability.history')}</Typography.Title>
      <DataTable<AccountabilityDto>
        id="accountability-person-records"
        rowKey="id"
        columns={[{ key: 'record', title: t('accountability.col.record'), wrap: 480, render: (_, a) => <ActionFacts action={a} /> }]}
        dataSource={detail.data?.actions}
        loading={detail.isPending}
        size="small"
        pagination={false}
        locale={{ emptyText: t('accountability.emptyRecords') }}
        actions={{ render: actionButtons }}
      />
    </Drawer>
  );
}

function Board() {
  const [filter, setFilter] = useState<BoardFilter>({ sort: 'overdue', page: 1, pageSize: PAGE_SIZE });
  const [person, setPerson] = useState<BoardRowDto | null>(null);
  const [draft, setDraft] = useState<ActionDraft | null>(null);
  const towns = useTowns();
  const board = useAccountabilityBoard(filter, true);
  const abilities = board.data?.abilities ?? { interview: false, decide: false, board: true };
  const columns: DataColumn<BoardRowDto>[] = [
    { key: 'person', title: t('accountability.col.person'), card: 'title', render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    { key: 'kind', title: t('accountability.col.kind'), render: (_, r) => <Tag>{t(`accountability.kind.${r.kind}`)}</Tag> },
    { key: 'town', title: t('accountability.col.town'), dataIndex: ['town', 'name'] },
    { key: 'items', title: t('accountability.col.itemsOverdue'), dataIndex: ['counts', 'itemsOverdue'] },
    { key: 'rejected', title: t('accountability.col.rejected'), dataIndex: ['counts', 'rejected'] },
    { key: 'recurred', title: t('accountability.col.recurred'), dataIndex: ['counts', 'recurred'] },
    { key: 'escalations', title: t('accountability.col.escalations'), render: (_, r) => `${r.counts.escalationsOverdue}/${r.counts.escalationsOpen}` },
    { key: 'requests', title: t('accountability.col.requests'), dataIndex: ['counts', 'requestsOverdue'] },
    { key: 'actions', title: t('accountability.col.actions'), render: (_, r) => `${r.counts.interviews}/${r.counts.accountabilities}` },
  ];
  const set = (f: Partial<BoardFilter>) => setFilter((old) => ({ ...old, ...f, page: f.page ?? 1 }));
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('accountability.filter.town')}
          style={{ minWidth: 140 }}
          value={filter.town}
          onChange={(town?: number) => set({ town })}
          options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          allowClear
          placeholder={t('accountability.filter.kind')}
          style={{ minWidth: 140 }}
          value={filter.kind}
          onChange={(kind?: ResponsibleKind) => set({ kind })}
          options={RESPONSIBLE_KINDS.map((k) => ({ value: k, label: t(`accountability.kind.${k}`) }))}
        />
        <Select
          style={{ minWidth: 140 }}
          value={filter.sort}
          onChange={(sort: BoardFilter['sort']) => set({ sort })}
          options={[
            { value: 'overdue', label: t('accountability.sort.overdue') },
            { value: 'name', label: t('accountability.sort.name') },
          ]}
        />
        <Button
          icon={<DownloadOutlined />}
          id="accountability-export"
          href={`/api/accountability.xlsx?${new URLSearchParams({ sort: filter.sort, ...(filter.town ? { town: String(filter.town) } : {}), ...(filter.kind ? { kind: filter.kind } : {}) }).toString()}`}
        >
          {t('accountability.export')}
        </Button>
        {board.data?.itemsDue && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('accountability.itemsDue', { date: formatDate(board.data.itemsDue) })}</Typography.Text>}
      </Flex>
      <PagedList<BoardRowDto>
        id="accountability-board"
        rowKey={(r) => `${r.kind}/${r.town.id}/${r.name}`}
        columns={columns}
        query={board}
        page={filter.page}
        pageSize={PAGE_SIZE}
        onPage={(page) => set({ page })}
        empty={t('accountability.empty')}
        actions={{
          render: (r) => (
            <Space wrap>
              <Button size="small" onClick={() => setPerson(r)}>{t('accountability.details')}</Button>
              {abilities.interview && <Button size="small" onClick={() => setDraft({ level: 'interview', personName: r.name, unitKind: unitKindOf(r.kind), townId: r.town.id })}>{t('accountability.interview')}</Button>}
              {abilities.decide && <Button size="small" danger onClick={() => setDraft({ level: 'accountability', personName: r.name, unitKind: unitKindOf(r.kind), townId: r.town.id })}>{t('accountability.decide')}</Button>}
            </Space>
          ),
        }}
      />
      {person && <PersonDrawer row={person} abilities={abilities} onClose={() => setPerson(null)} onAct={setDraft} />}
      {draft && <ActionForm draft={draft} onClose={() => setDraft(null)} />}
    </>
  );
}

export default function AccountabilityPage() {
  // The records list says whether this user also sees the 问责清单 (the office and discipline).
  const records = useAccountabilityRecords(1, PAGE_SIZE);
  const boardAllowed = records.data?.abilities.board ?? false;
  const items = [
    ...(boardAllowed ? [{ key: 'board', label: t('accountability.tab.board'), children: <Board /> }] : []),
    { key: 'records', label: t('accountability.tab.records'), children: <Records /> },
  ];
  return (
    <>
      <PageHeader title={t('accountability.title')} subtitle={t('accountability.hint')} />
      {records.isPending ? null : <Tabs key={boardAllowed ? 'board' : 'records'} items={items} />}
    </>
  );
}
