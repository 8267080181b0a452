// 联合执法: the operations in the user's scope, newest first (a table on a desk, cards on a phone),
// and — for a town's keepers and the office — 申请联合执法.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { jointOperationApplySchema, type JointOperationDto } from '../../../domain/jointOperations.js';
import { useTowns } from '../../api/hooks.js';
import { useJointOperations, useOperationWrite } from '../../api/jointOperations.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';
import { OPERATION_COLORS } from './operationColors.js';
import { PagedList } from '../../components/PagedList.js';
import { WorkshopsPicker } from './WorkshopsPicker.js';

const PAGE_SIZE = 20;


export default function JointOperationsPage() {
  const [page, setPage] = useState(1);
  const [applying, setApplying] = useState(false);
  const list = useJointOperations({ page, pageSize: PAGE_SIZE });
  const columns: DataColumn<JointOperationDto>[] = [
    { key: 'id', card: 'title', title: t('ops.col.id'), render: (_, o) => <Link to={`/joint-operations/${o.id}`}>{t('ops.detailTitle', { id: o.id, town: o.townName })}</Link> },
    { key: 'status', title: t('ops.col.status'), render: (_, o) => <Tag color={OPERATION_COLORS[o.status]}>{label.operationStatus(o.status)}</Tag> },
    { key: 'date', title: t('ops.col.date'), render: (_, o) => formatDate(o.operationOn ?? o.proposedOn) },
    { key: 'workshops', title: t('ops.col.workshops'), align: 'right', render: (_, o) => <span className="num">{`${o.clearedCount} / ${o.workshopCount}`}</span> },
    { key: 'reason', title: t('ops.col.reason'), wrap: 320, render: (_, o) => o.reason },
  ];
  return (
    <>
      <PageHeader
        title={t('ops.title')}
        subtitle={t('ops.hint')}
        extra={
          list.data?.canApply && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)} id="op-apply">
              {t('ops.apply')}
            </Button>
          )
        }
      />
      <PagedList<JointOperationDto> id="op-list" rowKey="id" columns={columns} query={list} page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={t('ops.empty')} />
      {applying && <ApplyDialog onClose={() => setApplying(false)} />}
    </>
  );
}

function ApplyDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const towns = useTowns();
  const townList = (towns.data ?? []).filter((u) => u.kind === 'town');
  const townId = (Form.useWatch('townId', form) as number | undefined) ?? (townList.length === 1 ? townList[0].id : undefined);
  const write = useOperationWrite();
  const showError = useApiError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const submit = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, jointOperationApplySchema, { townId, workshopIds: v.workshopIds ?? [], reason: v.reason ?? '', proposedOn: pickerValue(v.proposedOn) });
    if (!data) return;
    write.mutate(
      { path: '/api/joint-operations', body: data },
      {
        onSuccess: (op) => {
          void message.success(t('ops.applied'));
          onClose();
          void navigate(`/joint-operations/${op.id}`);
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal open title={t('ops.apply')} onCancel={onClose} onOk={submit} okText={t('ops.submit')} okButtonProps={{ loading: write.isPending, id: 'op-apply-submit' }} width={640}>
      <Form form={form} layout="vertical" name="op-apply">
        {townList.length > 1 && (
          <Form.Item name="townId" label={t('ops.town')} required>
            <Select id="op-town" options={townList.map((u) => ({ value: u.id, label: u.name }))} onChange={() => form.setFieldValue('workshopIds', [])} />
          </Form.Item>
        )}
        <Form.Item name="workshopIds" label={t('ops.workshops')} required>
          <WorkshopsPicker townId={townId} id="op-workshops" />
        </Form.Item>
        <Form.Item name="reason" label={t('ops.reason')} required>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('ops.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="proposedOn" label={t('ops.proposedOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
