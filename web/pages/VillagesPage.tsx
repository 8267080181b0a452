import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgUnitDto } from '../../domain/api.js';
import { villageCreateSchema } from '../../domain/orgUnits.js';
import { useCreateVillage, useTowns, useVillages } from '../api/hooks.js';
import { useCurrentUser } from '../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../components/DataTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryError } from '../components/QueryState.js';
import { ResponsiveModal } from '../components/ResponsiveModal.js';
import { useApiError } from '../components/useApiError.js';
import { validateWithSchema, zodRule } from '../forms/zodRules.js';
import { t } from '../i18n/index.js';
import { useIsPhone } from '../components/useIsPhone.js';
import { ForbiddenPage } from './NotFoundPage.js';

interface Values {
  townId?: number;
  name?: string;
}

/** 村居管理: the villages of the user's town(s), and adding one. */
export default function VillagesPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const towns = useTowns();
  const [townFilter, setTownFilter] = useState<number | undefined>();
  const villages = useVillages(townFilter, true);
  const [adding, setAdding] = useState(false);
  if (!me.abilities.createVillage) return <ForbiddenPage />;

  const townName = (id: number | null) => towns.data?.find((u) => u.id === id)?.name ?? t('common.empty');
  const columns: DataColumn<OrgUnitDto>[] = [
    { key: 'name', title: t('villages.col.name'), dataIndex: 'name', card: 'title', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { key: 'town', title: t('villages.col.town'), render: (_, v) => townName(v.parentId) },
  ];
  const manyTowns = (towns.data?.length ?? 0) > 1;

  return (
    <>
      <PageHeader
        title={t('villages.title')}
        subtitle={t('villages.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} id="add-village" block={isPhone}>
            {t('villages.add')}
          </Button>
        }
      />
      <Card size="small" className="table-card">
        {manyTowns && (
          <div style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
            <Select
              allowClear
              style={{ width: isPhone ? '100%' : 240 }}
              placeholder={t('villages.filterTown')}
              value={townFilter}
              onChange={setTownFilter}
              showSearch={{ optionFilterProp: 'label' }}
              options={(towns.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </div>
        )}
        {villages.isError ? (
          <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
        ) : (
          <DataTable<OrgUnitDto>
            id="village-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={villages.data}
            loading={villages.isFetching}
            pagination={{ pageSize: 20, showTotal: (n) => t('villages.count', { count: n }), hideOnSinglePage: false, style: { paddingInline: 16 } }}
          />
        )}
      </Card>
      <AddVillageModal open={adding} onClose={() => setAdding(false)} towns={towns.data ?? []} defaultTown={townFilter} />
    </>
  );
}

function AddVillageModal({ open, onClose, towns, defaultTown }: { open: boolean; onClose: () => void; towns: OrgUnitDto[]; defaultTown?: number }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateVillage();
  const showError = useApiError();
  const { message } = App.useApp();
  const single = towns.length === 1 ? towns[0] : undefined;

  const submit = () => {
    const data = validateWithSchema(form, villageCreateSchema, { townId: form.getFieldValue('townId') ?? single?.id, name: form.getFieldValue('name') ?? '' });
    if (!data) return;
    create.mutate(data, {
      onSuccess: (v) => {
        void message.success(t('villages.created', { name: v.name }));
        onClose();
      },
      onError: (err) => showError(err, { form }),
    });
  };

  return (
    <ResponsiveModal open={open} title={t('villages.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} confirmLoading={create.isPending} width={440} okButtonProps={{ id: 'village-submit' }}>
      <Form<Values> form={form} name="village" layout="vertical" preserve={false} initialValues={{ townId: single?.id ?? defaultTown }} onFinish={submit}>
        {single ? (
          <Form.Item label={t('villages.form.town')}>
            <Typography.Text strong>{single.name}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="townId" label={t('villages.form.town')} required>
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.select', { field: t('villages.form.town') })} options={towns.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('villages.form.name')} required rules={[zodRule(villageCreateSchema.shape.name, '')]}>
          <Input maxLength={40} placeholder={t('villages.form.namePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
