import { AlertOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Radio, Select, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CLUE_CONDUCTS,
  CLUE_SOURCES,
  CLUE_STATUSES,
  clueCreateSchema,
  selfPolicyCreateSchema,
  type ClueDto,
  type ClueStatus,
  type SelfPolicyDto,
} from '../../../domain/selfInspection.js';
import { useTowns } from '../../api/hooks.js';
import { useClue, useClueAction, useClues, useFileClue, useSaveSelfPolicy, useSelfPolicies } from '../../api/selfInspection.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, orEmpty, pickerDate, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/selfInspection.js';
import { ClueAttachments } from './ClueAttachments.js';
import { WorkshopPicker } from './WorkshopPicker.js';

type Town = { id: number; name: string };

const dateValue = (d: Dayjs | null | undefined): string | null => pickerValue(d) || null;

/** 自查自纠: the towns' 土政策 clean-up, and the restricted disciplinary clues. */
export default function SelfInspectionPage() {
  const me = useCurrentUser();
  const towns = useTowns();
  const [town, setTown] = useState<number | undefined>();
  const [reportOpen, setReportOpen] = useState(false);
  const list: Town[] = (towns.data ?? []).filter((u) => u.kind === 'town');
  const manyTowns = list.length > 1;
  const canFile = me.abilities.fileClue;
  const tabs = [
    { key: 'policies', label: t('si.tab.policies'), children: <PoliciesTab town={manyTowns ? town : undefined} towns={list} /> },
    ...(me.abilities.viewClues ? [{ key: 'clues', label: t('si.tab.clues'), children: <CluesTab town={manyTowns ? town : undefined} /> }] : []),
  ];
  return (
    <>
      <PageHeader
        title={t('si.title')}
        subtitle={t('si.subtitle')}
        extra={
          <>
            {manyTowns && (
              <Select
                allowClear
                style={{ minWidth: 140 }}
                placeholder={t('si.allTowns')}
                value={town}
                onChange={setTown}
                options={list.map((u) => ({ value: u.id, label: u.name }))}
              />
            )}
            {canFile && (
              <Button danger icon={<AlertOutlined />} onClick={() => setReportOpen(true)} id="si-report-clue">
                {t('si.clue.report')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Tabs items={tabs} />
        {!me.abilities.viewClues && canFile && <Alert type="info" showIcon title={t('si.clue.restricted')} style={{ marginTop: 12 }} />}
      </Card>
      {reportOpen && <ReportClueModal towns={list} defaultTown={town ?? (list.length === 1 ? list[0].id : undefined)} onClose={() => setReportOpen(false)} />}
    </>
  );
}

// ── 土政策 ──────────────────────────────────────────────────────────────────────────────

function PoliciesTab({ town, towns }: { town: number | undefined; towns: Town[] }) {
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const [cleared, setCleared] = useState<'yes' | 'no' | undefined>();
  const query = useSelfPolicies({ town, cleared, page, pageSize: 20 });
  const [editing, setEditing] = useState<SelfPolicyDto | 'new' | null>(null);
  const canCreate = me.abilities.createSelfPolicy;
  const columns: DataColumn<SelfPolicyDto>[] = [
    ...(towns.length > 1 ? [{ key: 'town', title: t('si.town'), dataIndex: 'townName' }] : []),
    { key: 'title', title: t('si.policy.title'), dataIndex: 'title', wrap: 260, card: 'title' },
    { key: 'issuedBy', title: t('si.policy.issuedBy'), render: (_, p) => metaLine(p.issuedBy, p.issuedOn ? formatDate(p.issuedOn) : null) },
    { key: 'foundOn', title: t('si.policy.foundOn'), render: (_, p) => formatDate(p.foundOn) },
    { key: 'actionTaken', title: t('si.policy.actionTaken'), wrap: 240, render: (_, p) => orEmpty(p.actionTaken) },
    {
      key: 'cleared',
      title: t('si.policy.cleared'),
      render: (_, p) => (p.cleared ? <Tag color="green">{`${t('si.policy.clearedYes')} ${formatDate(p.clearedOn)}`}</Tag> : <Tag color="orange">{t('si.policy.clearedNo')}</Tag>),
    },
    { key: 'notes', title: t('si.policy.notes'), wrap: 240, render: (_, p) => orEmpty(p.notes) },
  ];
  const actions = (p: SelfPolicyDto) =>
    p.abilities.update && (
      <Button size="small" className="si-policy-edit" onClick={() => setEditing(p)}>
        {t('si.policy.editAction')}
      </Button>
    );
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} id="si-policy-add">
            {t('si.policy.add')}
          </Button>
        )}
        <Select
          allowClear
          style={{ minWidth: 120 }}
          placeholder={t('si.policy.filterCleared')}
          value={cleared}
          onChange={(v) => {
            setCleared(v);
            setPage(1);
          }}
          options={[
            { value: 'yes', label: t('si.policy.clearedYes') },
            { value: 'no', label: t('si.policy.clearedNo') },
          ]}
        />
      </Flex>
      <QueryState query={query}>
        {(data) => (
          <DataTable<SelfPolicyDto>
            id="si-policies"
            rowKey="id"
            size="middle"
            columns={columns}
            actions={{ render: actions }}
            dataSource={data.items}
            locale={{ emptyText: t('si.policy.empty') }}
            pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          />
        )}
      </QueryState>
      {editing && <PolicyModal record={editing === 'new' ? null : editing} towns={towns} defaultTown={town ?? (towns.length === 1 ? towns[0].id : undefined)} onClose={() => setEditing(null)} />}
    </>
  );
}

function PolicyModal({ record, towns, defaultTown, onClose }: { record: SelfPolicyDto | null; towns: Town[]; defaultTown?: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useSaveSelfPolicy();
  const { message } = App.useApp();
  const showError = useApiError();
  const isCleared = Form.useWatch('cleared', form) as boolean | undefined;
  const submit = () => {
    const v = form.getFieldsValue() as Record<string, unknown>;
    const values = {
      townId: record?.townId ?? v.townId,
      title: v.title ?? '',
      issuedBy: v.issuedBy ?? '',
      issuedOn: dateValue(v.issuedOn as Dayjs | null),
      foundOn: dateValue(v.foundOn as Dayjs | null),
      actionTaken: v.actionTaken ?? '',
      cleared: v.cleared === true,
      clearedOn: v.cleared === true ? dateValue(v.clearedOn as Dayjs | null) : null,
      notes: v.notes ?? '',
    };
    const data = validateWithSchema(form, selfPolicyCreateSchema, values);
    if (!data) return;
    const { townId, ...fields } = data;
    const done = {
      onSuccess: () => {
        void message.success(t('si.policy.saved'));
        onClose();
      },
      onError: (e: unknown) => showError(e, { form, onReload: onClose }),
    };
    if (record) save.mutate({ id: record.id, patch: { version: record.version, ...fields } }, done);
    else save.mutate({ id: null, create: { townId, ...fields } }, done);
  };
  return (
    <ResponsiveModal
      open
      title={record ? t('si.policy.edit') : t('si.policy.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        name="si-policy"
        initialValues={
          record
            ? { ...record, issuedOn: pickerDate(record.issuedOn), foundOn: pickerDate(record.foundOn), clearedOn: pickerDate(record.clearedOn) }
            : { townId: defaultTown, cleared: false }
        }
      >
        <Form.Item name="townId" label={t('si.town')} hidden={!!record || towns.length === 1} required>
          <Select options={towns.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('si.policy.title')} extra={t('si.policy.titleHint')} required>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="issuedBy" label={t('si.policy.issuedBy')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="issuedOn" label={t('si.policy.issuedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="foundOn" label={t('si.policy.foundOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="actionTaken" label={t('si.policy.actionTaken')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Flex gap={12} wrap align="flex-end">
          <Form.Item name="cleared" label={t('si.policy.cleared')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: false, label: t('si.policy.clearedNo') },
                { value: true, label: t('si.policy.clearedYes') },
              ]}
            />
          </Form.Item>
          {isCleared && (
            <Form.Item name="clearedOn" label={t('si.policy.clearedOn')} required>
              <DatePicker />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="notes" label={t('si.policy.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

// ── 违纪线索 ────────────────────────────────────────────────────────────────────────────

function ReportClueModal({ towns, defaultTown, onClose }: { towns: Town[]; defaultTown?: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const file = useFileClue();
  const { modal } = App.useApp();
  const showError = useApiError();
  const townId = Form.useWatch<number | undefined>('townId', form);
  const submit = () => {
    const v = form.getFieldsValue() as Record<string, unknown>;
    const data = validateWithSchema(form, clueCreateSchema, { ...v, enterpriseId: v.enterpriseId ?? null });
    if (!data) return;
    file.mutate(data, {
      onSuccess: (receipt) => {
        onClose();
        modal.success({ title: t('si.clue.report'), content: t('si.clue.reported', { id: receipt.id }), okText: t('common.confirm') });
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal open title={t('si.clue.report')} okText={t('common.submit')} cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} confirmLoading={file.isPending}>
      <Typography.Paragraph type="secondary">{t('si.clue.reportHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="si-clue" initialValues={{ townId: defaultTown, source: 'self_inspection' }}>
        <Form.Item name="townId" label={t('si.town')} hidden={towns.length === 1} required>
          <Select options={towns.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="person" label={t('si.clue.person')} required>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="post" label={t('si.clue.post')} required>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="conduct" label={t('si.clue.conduct')} required>
          <Select options={CLUE_CONDUCTS.map((c) => ({ value: c, label: t(`si.conduct.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('si.clue.description')} required>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="source" label={t('si.clue.source')} required>
          <Select options={CLUE_SOURCES.map((s) => ({ value: s, label: t(`si.source.${s}`) }))} />
        </Form.Item>
        {/* Found by name; a workshop found across towns settles the clue's town when none is chosen yet. */}
        <Form.Item name="enterpriseId" label={t('si.clue.enterprisePick')}>
          <WorkshopPicker
            townId={townId}
            onPick={(w) => {
              if (w && townId === undefined) form.setFieldValue('townId', w.townId);
            }}
          />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

const STATUS_COLORS: Record<ClueStatus, string> = { received: 'orange', forwarded: 'blue', closed: 'green' };

function CluesTab({ town }: { town: number | undefined }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ClueStatus | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const query = useClues({ town, status, q, page, pageSize: 20 }, true);
  const [open, setOpen] = useState<number | null>(null);
  const columns: DataColumn<ClueDto>[] = [
    { key: 'id', title: '#', dataIndex: 'id' },
    { key: 'town', title: t('si.town'), dataIndex: 'townName' },
    { key: 'person', title: t('si.clue.person'), card: 'title', render: (_, c) => <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOpen(c.id)}>{c.person}</Button> },
    { key: 'post', title: t('si.clue.post'), dataIndex: 'post', wrap: 200 },
    { key: 'conduct', title: t('si.clue.conduct'), render: (_, c) => t(`si.conduct.${c.conduct}`) },
    { key: 'source', title: t('si.clue.source'), render: (_, c) => t(`si.source.${c.source}`) },
    { key: 'status', title: t('si.clue.status'), card: 'title', render: (_, c) => <Tag color={STATUS_COLORS[c.status]}>{t(`si.status.${c.status}`)}</Tag> },
    { key: 'reported', title: t('si.clue.reportedAt'), wrap: 200, render: (_, c) => t('si.clue.byAt', { who: c.reportedBy, at: formatDateTime(c.reportedAt) }) },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('si.clue.auditNotice')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 120 }}
          placeholder={t('si.clue.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={CLUE_STATUSES.map((s) => ({ value: s, label: t(`si.status.${s}`) }))}
        />
        <Input.Search
          allowClear
          style={{ maxWidth: 260 }}
          placeholder={t('si.clue.search')}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage(1);
          }}
        />
      </Flex>
      <QueryState query={query}>
        {(data) => (
          <DataTable<ClueDto>
            id="si-clues"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            locale={{ emptyText: t('si.clue.empty') }}
            pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          />
        )}
      </QueryState>
      {open !== null && <ClueModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function ClueModal({ id, onClose }: { id: number; onClose: () => void }) {
  const clue = useClue(id);
  const act = useClueAction();
  const [note, setNote] = useState('');
  const { message } = App.useApp();
  const showError = useApiError();
  const run = (c: ClueDto, action: 'forward' | 'close') =>
    act.mutate(
      { id: c.id, action, version: c.version, note },
      {
        onSuccess: () => {
          void message.success(action === 'forward' ? t('si.clue.forwarded') : t('si.clue.closed'));
          onClose();
        },
        onError: (e) => showError(e, { onReload: () => void clue.refetch() }),
      },
    );
  return (
    <ResponsiveModal open title={t('si.clue.detail')} footer={null} onCancel={onClose} width={640}>
      <QueryState query={clue}>
        {(c) => (
          <Flex vertical gap={12}>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'town', label: t('si.town'), children: c.townName },
                { key: 'person', label: t('si.clue.person'), children: c.person },
                { key: 'post', label: t('si.clue.post'), children: c.post },
                { key: 'conduct', label: t('si.clue.conduct'), children: t(`si.conduct.${c.conduct}`) },
                { key: 'description', label: t('si.clue.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> },
                { key: 'source', label: t('si.clue.source'), children: t(`si.source.${c.source}`) },
                { key: 'enterprise', label: t('si.clue.enterprise'), children: c.enterprise ? `${c.enterprise.name}（#${c.enterprise.id}）` : t('common.empty') },
                { key: 'status', label: t('si.clue.status'), children: <Tag color={STATUS_COLORS[c.status]}>{t(`si.status.${c.status}`)}</Tag> },
                { key: 'reported', label: t('si.clue.reportedAt'), children: t('si.clue.byAt', { who: c.reportedBy, at: formatDateTime(c.reportedAt) }) },
                ...(c.forwarded
                  ? [{ key: 'forwarded', label: t('si.clue.forwardedTo'), children: `${t('si.clue.forwardRecord', { who: c.forwarded.by, at: formatDateTime(c.forwarded.at), to: c.forwarded.to })}${c.forwarded.note ? t('common.parenthetical', { text: c.forwarded.note }) : ''}` }]
                  : []),
                ...(c.closed ? [{ key: 'closed', label: t('si.clue.closed'), children: t('si.clue.closeRecord', { who: c.closed.by, at: formatDateTime(c.closed.at), note: c.closed.note }) }] : []),
              ]}
            />
            <ClueAttachments clueId={c.id} />
            {(c.abilities.forward || c.abilities.close) && (
              <>
                <Input.TextArea
                  rows={2}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={c.abilities.forward ? t('si.clue.forwardNote') : t('si.clue.closeNote')}
                  aria-label={c.abilities.forward ? t('si.clue.forwardNote') : t('si.clue.closeNote')}
                />
                <Flex justify="flex-end">
                  {c.abilities.forward && (
                    <Button type="primary" loading={act.isPending} onClick={() => run(c, 'forward')}>
                      {t('si.clue.forwardTitle')}
                    </Button>
                  )}
                  {c.abilities.close && (
                    <Button type="primary" loading={act.isPending} onClick={() => run(c, 'close')}>
                      {t('si.clue.close')}
                    </Button>
                  )}
                </Flex>
              </>
            )}
          </Flex>
        )}
      </QueryState>
    </ResponsiveModal>
  );
}
