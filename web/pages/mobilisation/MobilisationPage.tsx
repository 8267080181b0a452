import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  LEADING_POSITIONS,
  leadingMemberCreateSchema,
  PUBLICITY_KINDS,
  publicityCreateSchema,
  type LeadingMemberDto,
  type PublicityEventDto,
  type PublicityKind,
} from '../../../domain/mobilisation.js';
import { useTowns } from '../../api/hooks.js';
import { useLeadingMembers, useMobilisationWrite, usePublicity } from '../../api/mobilisation.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The page's own strings, registered when it loads.
import '../../i18n/mobilisation.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { ForbiddenPage } from '../NotFoundPage.js';

function DeleteButton({ onConfirm }: { onConfirm: () => void }) {
  return (
    <Popconfirm title={t('mobilisation.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={onConfirm}>
      <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('mobilisation.delete')} className="mobilisation-delete" />
    </Popconfirm>
  );
}

/** The add dialog and delete action both tabs share: save, close and clear; or show the error. */
function useRecordEditor(path: 'leading-members' | 'publicity') {
  const { create, remove } = useMobilisationWrite(path);
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();
  return {
    form,
    open,
    setOpen,
    saving: create.isPending,
    save: (data: unknown) =>
      create.mutate(data, {
        onSuccess: () => {
          void message.success(t('mobilisation.saved'));
          setOpen(false);
          form.resetFields();
        },
        onError: (e) => showError(e, { form }),
      }),
    remove: (id: number) => remove.mutate(id, { onSuccess: () => void message.success(t('mobilisation.deleted')), onError: (e) => showError(e) }),
  };
}

/** 组织领导与宣传发动: each town's leading body and publicity log; the office sees every town's. */
export default function MobilisationPage() {
  const me = useCurrentUser();
  const towns = useTowns();
  const [town, setTown] = useState<number | undefined>();
  const manyTowns = (towns.data?.length ?? 0) > 1;
  const effectiveTown = manyTowns ? town : towns.data?.[0]?.id;
  if (!me.abilities.viewMobilisation) return <ForbiddenPage />;
  return (
    <>
      <PageHeader
        title={t('mobilisation.title')}
        subtitle={t('mobilisation.subtitle')}
        extra={
          manyTowns && (
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('mobilisation.allTowns')}
              value={town}
              onChange={setTown}
              options={(towns.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          )
        }
      />
      <Card size="small">
        <Tabs
          items={[
            { key: 'publicity', label: t('mobilisation.tab.publicity'), children: <PublicityTab town={effectiveTown} towns={towns.data ?? []} /> },
            { key: 'leading', label: t('mobilisation.tab.leading'), children: <LeadingTab town={effectiveTown} towns={towns.data ?? []} /> },
          ]}
        />
      </Card>
    </>
  );
}

interface TabProps {
  town: number | undefined;
  towns: { id: number; name: string }[];
}

function TownField({ towns }: { towns: TabProps['towns'] }) {
  return (
    <Form.Item name="townId" label={t('mobilisation.town')} hidden={towns.length === 1} rules={[{ required: true, message: t('common.select', { field: t('mobilisation.town') }) }]}>
      <Select options={towns.map((u) => ({ value: u.id, label: u.name }))} />
    </Form.Item>
  );
}

function LeadingTab({ town, towns }: TabProps) {
  // Only those who keep a town's records may add to them (the server says who, in the user's abilities).
  const canWrite = useCurrentUser().abilities.writeMobilisation;
  const list = useLeadingMembers(town);
  const { form, open, setOpen, saving, save, remove } = useRecordEditor('leading-members');
  const columns: DataColumn<LeadingMemberDto>[] = [
    ...(towns.length > 1 ? [{ key: 'town', title: t('mobilisation.town'), dataIndex: 'townName' }] : []),
    { key: 'position', title: t('mobilisation.member.position'), render: (_, m) => t(`mobilisation.position.${m.position}`) },
    { key: 'name', title: t('mobilisation.member.name'), card: 'title', render: (_, m) => (<>{m.name} {m.isPrincipal && <Tag color="red">{t('mobilisation.member.principal')}</Tag>}</>) },
    { key: 'title', title: t('mobilisation.member.title'), dataIndex: 'title', wrap: 280 },
  ];
  const submit = () => {
    const data = validateWithSchema(form, leadingMemberCreateSchema, { ...form.getFieldsValue(), isPrincipal: !!form.getFieldValue('isPrincipal') });
    if (data) save(data);
  };
  return (
    <>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} id="leading-add">
          {t('mobilisation.member.add')}
        </Button>
      )}
      <DataTable<LeadingMemberDto>
        id="leading-table"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        actions={{ render: (m) => m.canDelete && <DeleteButton onConfirm={() => remove(m.id)} /> }}
        dataSource={list.data?.items ?? []}
        pagination={false}
      />
      <ResponsiveModal open={open} title={t('mobilisation.member.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={submit} onCancel={() => setOpen(false)} confirmLoading={saving}>
        <Form form={form} layout="vertical" name="leading" initialValues={{ townId: town ?? towns[0]?.id, position: 'member' }}>
          <TownField towns={towns} />
          <Form.Item name="position" label={t('mobilisation.member.position')} required>
            <Select options={LEADING_POSITIONS.map((p) => ({ value: p, label: t(`mobilisation.position.${p}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('mobilisation.member.name')} required>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="title" label={t('mobilisation.member.title')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="isPrincipal" valuePropName="checked">
            <Checkbox>{t('mobilisation.member.principal')}</Checkbox>
          </Form.Item>
        </Form>
      </ResponsiveModal>
    </>
  );
}

function eventSummary(e: PublicityEventDto): string {
  if (e.kind === 'meeting') return [e.place, e.attendees ? t('mobilisation.event.attendeesN', { n: e.attendees }) : ''].filter(Boolean).join(' · ');
  if (e.kind === 'vehicle') return [e.place, e.vehicles ? t('mobilisation.event.vehiclesN', { n: e.vehicles }) : ''].filter(Boolean).join(' · ');
  return [e.outlet, e.title].filter(Boolean).join(' · ');
}

function PublicityTab({ town, towns }: TabProps) {
  const canWrite = useCurrentUser().abilities.writeMobilisation;
  const list = usePublicity(town);
  const { form, open, setOpen, saving, save, remove } = useRecordEditor('publicity');
  const kind = Form.useWatch<PublicityKind | undefined>('kind', form);
  const columns: DataColumn<PublicityEventDto>[] = [
    { key: 'heldOn', title: t('mobilisation.event.heldOn'), dataIndex: 'heldOn', card: 'title', render: (d: string) => <span className="nowrap">{formatDate(d)}</span> },
    ...(towns.length > 1 ? [{ key: 'town', title: t('mobilisation.town'), dataIndex: 'townName' }] : []),
    { key: 'kind', title: t('mobilisation.event.kind'), card: 'title', render: (_, e) => <Tag>{t(`mobilisation.kind.${e.kind}`)}</Tag> },
    { key: 'summary', title: t('mobilisation.event.place'), wrap: 260, render: (_, e) => (e.link ? <a href={e.link} target="_blank" rel="noreferrer">{eventSummary(e)}</a> : eventSummary(e)) },
    { key: 'notes', title: t('mobilisation.event.notes'), dataIndex: 'notes', wrap: 320 },
  ];
  const submit = () => {
    const v = form.getFieldsValue() as Record<string, unknown> & { heldOn?: Dayjs };
    const data = validateWithSchema(form, publicityCreateSchema, {
      ...v,
      heldOn: pickerValue(v.heldOn),
      attendees: v.attendees ?? null,
      vehicles: v.vehicles ?? null,
    });
    if (data) save(data);
  };
  return (
    <>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} id="publicity-add">
          {t('mobilisation.event.add')}
        </Button>
      )}
      <DataTable<PublicityEventDto>
        id="publicity-table"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        actions={{ render: (e) => e.canDelete && <DeleteButton onConfirm={() => remove(e.id)} /> }}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <ResponsiveModal open={open} title={t('mobilisation.event.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={submit} onCancel={() => setOpen(false)} confirmLoading={saving}>
        <Form form={form} layout="vertical" name="publicity" initialValues={{ townId: town ?? towns[0]?.id, kind: 'meeting', heldOn: pickerToday() }}>
          <TownField towns={towns} />
          <Form.Item name="kind" label={t('mobilisation.event.kind')} required>
            <Select options={PUBLICITY_KINDS.map((k) => ({ value: k, label: t(`mobilisation.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('mobilisation.event.heldOn')} required>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          {kind !== 'media' && (
            <Form.Item name="place" label={t('mobilisation.event.place')} required={kind === 'meeting'}>
              <Input maxLength={100} />
            </Form.Item>
          )}
          {kind === 'meeting' && (
            <Form.Item name="attendees" label={t('mobilisation.event.attendees')} required>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {kind === 'vehicle' && (
            <Form.Item name="vehicles" label={t('mobilisation.event.vehicles')} required>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {kind === 'media' && (
            <>
              <Form.Item name="outlet" label={t('mobilisation.event.outlet')} required>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="title" label={t('mobilisation.event.title')} required>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="link" label={t('mobilisation.event.link')}>
                <Input maxLength={500} placeholder="https://" />
              </Form.Item>
            </>
          )}
          <Form.Item name="notes" label={t('mobilisation.event.notes')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </ResponsiveModal>
    </>
  );
}
