// One joint operation: the application and the decision, the team, the date and the machinery; the
// office's steps and the town's correction as the server's abilities allow; the operation sheet; and
// the workshops in order (联合作战、逐个清理), each with what remains to do and its result.
import { FileWordOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  jointOperationApproveSchema,
  jointOperationReasonSchema,
  jointOperationResubmitSchema,
  MACHINERY,
  operationResultSchema,
  type JointOperationDetailDto,
  type OperationWorkshopDto,
} from '../../../domain/jointOperations.js';
import { operationSheetUrl, useJointOperation, useOperationWrite } from '../../api/jointOperations.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, orEmpty, pickerDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';
import { OPERATION_COLORS } from './operationColors.js';
import { WorkshopsPicker } from './WorkshopsPicker.js';

type Dialog = 'approve' | 'return' | 'refuse' | 'resubmit' | { workshop: OperationWorkshopDto; result: 'cleared' | 'not_cleared' } | null;

export default function JointOperationDetailPage() {
  const id = Number(useParams().id);
  const op = useJointOperation(id);
  return <QueryState query={op}>{(o) => <Detail op={o} />}</QueryState>;
}

function Detail({ op }: { op: JointOperationDetailDto }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const write = useOperationWrite();
  const showError = useApiError();
  const { message } = App.useApp();
  const a = op.abilities;
  const step = (event: 'start' | 'complete') =>
    write.mutate({ path: `/api/joint-operations/${op.id}/${event}`, body: { version: op.version } }, { onSuccess: () => void message.success(t('ops.done')), onError: (e) => showError(e) });

  const columns: DataColumn<OperationWorkshopDto>[] = [
    { key: 'name', card: 'title', title: t('ops.workshops'), wrap: 200, render: (_, w) => <Link to={`/enterprises/${w.id}`}>{w.name}</Link> },
    { key: 'place', title: t('requests.col.place'), wrap: 200, render: (_, w) => [w.villageName, w.address].filter(Boolean).join(' ') || t('common.empty') },
    { key: 'contact', title: t('field.contactPerson'), wrap: 140, render: (_, w) => metaLine(w.contactPerson, w.phone) || t('common.empty') },
    { key: 'remaining', title: t('requests.col.item'), wrap: 200, render: (_, w) => (w.remaining.length ? t('ops.remaining', { items: w.remaining.join(t('common.listSeparator')) }) : t('ops.allDone')) },
    {
      key: 'result',
      title: t('ops.col.status'),
      render: (_, w) => (
        <Flex vertical gap={2}>
          <Tag color={w.result === 'cleared' ? 'green' : w.result === 'not_cleared' ? 'red' : 'default'} className="op-result" style={{ width: 'fit-content' }}>
            {label.operationResult(w.result)}
          </Tag>
          {w.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w.note}</Typography.Text>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        back={{ to: '/joint-operations', label: t('ops.back') }}
        title={t('ops.detailTitle', { id: op.id, town: op.townName })}
        tags={<Tag color={OPERATION_COLORS[op.status]} id="op-status">{label.operationStatus(op.status)}</Tag>}
        extra={
          <Flex gap={8} wrap>
            <Button icon={<FileWordOutlined />} href={operationSheetUrl(op.id)} download id="op-sheet">
              {t('ops.sheet')}
            </Button>
            {a.approve && <Button type="primary" onClick={() => setDialog('approve')} id="op-approve">{t('ops.approve')}</Button>}
            {a.return && <Button onClick={() => setDialog('return')} id="op-return">{t('ops.return')}</Button>}
            {a.refuse && <Button danger onClick={() => setDialog('refuse')} id="op-refuse">{t('ops.refuse')}</Button>}
            {a.resubmit && <Button type="primary" onClick={() => setDialog('resubmit')} id="op-resubmit">{t('ops.resubmit')}</Button>}
            {a.start && <Button type="primary" loading={write.isPending} onClick={() => step('start')} id="op-start">{t('ops.start')}</Button>}
            {a.complete && <Button type="primary" loading={write.isPending} onClick={() => step('complete')} id="op-complete">{t('ops.complete')}</Button>}
          </Flex>
        }
      />
      <Card className="section-card" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} id="op-facts">
          <Descriptions.Item label={t('ops.reason')} span={2}>{op.reason}</Descriptions.Item>
          <Descriptions.Item label={t('ops.applicant')}>{metaLine(op.applicant.name, formatDateTime(op.applicant.at))}</Descriptions.Item>
          <Descriptions.Item label={t('ops.proposedOn')}>{formatDate(op.proposedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('ops.decision')}>{op.decision ? metaLine(op.decision.reason || t('ops.approve'), op.decision.by, formatDateTime(op.decision.at)) : t('common.empty')}</Descriptions.Item>
          <Descriptions.Item label={t('ops.operationOn')}>{orEmpty(op.operationOn && formatDate(op.operationOn))}</Descriptions.Item>
          <Descriptions.Item label={t('ops.team')} span={2}>
            {op.team.length ? op.team.map((m) => `${m.unit}：${m.people}`).join('；') : t('common.empty')}
          </Descriptions.Item>
          <Descriptions.Item label={t('ops.machinery')} span={2}>
            {MACHINERY.map((k) => `${label.machinery(k)} ${t('ops.machineryCount', { count: op.machinery[k] })}`).join(t('common.listSeparator'))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="section-card table-card" size="small" title={`${t('ops.workshopList')} · ${op.clearedCount} / ${op.workshopCount}`}>
        <DataTable<OperationWorkshopDto>
          id="op-workshops-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={op.workshops}
          pagination={false}
          actions={{
            render: (w) =>
              w.canRecord && (
                <Flex gap={6} wrap>
                  <Button size="small" type="primary" onClick={() => setDialog({ workshop: w, result: 'cleared' })} id={`op-clear-${w.id}`}>
                    {t('ops.cleared')}
                  </Button>
                  <Button size="small" danger onClick={() => setDialog({ workshop: w, result: 'not_cleared' })} id={`op-notclear-${w.id}`}>
                    {t('ops.notCleared')}
                  </Button>
                </Flex>
              ),
          }}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 8 }}>
          {t('ops.openWorkshop')}
        </Typography.Paragraph>
      </Card>
      {dialog === 'approve' && <ApproveDialog op={op} onClose={() => setDialog(null)} />}
      {(dialog === 'return' || dialog === 'refuse') && <ReasonDialog op={op} event={dialog} onClose={() => setDialog(null)} />}
      {dialog === 'resubmit' && <ResubmitDialog op={op} onClose={() => setDialog(null)} />}
      {dialog && typeof dialog === 'object' && <ResultDialog op={op} workshop={dialog.workshop} result={dialog.result} onClose={() => setDialog(null)} />}
    </>
  );
}

/** One write from a dialog: validated with the domain schema, the server's field errors on the form. */
function useDialogWrite(onClose: () => void) {
  const write = useOperationWrite();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const send = (path: string, body: unknown) =>
    write.mutate(
      { path, body },
      {
        onSuccess: () => {
          void message.success(t('ops.done'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  return { form, send, pending: write.isPending };
}

function ApproveDialog({ op, onClose }: { op: JointOperationDetailDto; onClose: () => void }) {
  const { form, send, pending } = useDialogWrite(onClose);
  const submit = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, jointOperationApproveSchema, {
      version: op.version,
      operationOn: pickerValue(v.operationOn),
      team: (v.team ?? []).map((m: { unit?: string; people?: string } | undefined) => ({ unit: m?.unit ?? '', people: m?.people ?? '' })),
      machinery: Object.fromEntries(MACHINERY.map((k) => [k, v[k] ?? 0])),
      note: v.note ?? '',
    });
    if (data) send(`/api/joint-operations/${op.id}/approve`, data);
  };
  return (
    <ResponsiveModal open title={t('ops.approveTitle')} onCancel={onClose} onOk={submit} okText={t('ops.approve')} okButtonProps={{ loading: pending, id: 'op-approve-submit' }} width={640}>
      <Form form={form} layout="vertical" name="op-approve" initialValues={{ operationOn: pickerDate(op.proposedOn), team: [{ unit: '', people: '' }], loader: 0, excavator: 0, truck: 0 }}>
        <Form.Item name="operationOn" label={t('ops.operationOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Text strong>{t('ops.team')}</Typography.Text>
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'unit']} style={{ flex: 1, marginBottom: 8 }}>
                    <Input placeholder={t('ops.teamUnit')} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'people']} style={{ flex: 2, marginBottom: 8 }}>
                    <Input placeholder={t('ops.teamPeople')} maxLength={200} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Flex>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ unit: '', people: '' })} style={{ marginBottom: 12 }} id="op-team-add">
                {t('ops.teamAdd')}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={12} wrap>
          {MACHINERY.map((k) => (
            <Form.Item key={k} name={k} label={label.machinery(k)}>
              <InputNumber min={0} max={99} precision={0} />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item name="note" label={t('ops.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ReasonDialog({ op, event, onClose }: { op: JointOperationDetailDto; event: 'return' | 'refuse'; onClose: () => void }) {
  const { form, send, pending } = useDialogWrite(onClose);
  const submit = () => {
    const data = validateWithSchema(form, jointOperationReasonSchema, { version: op.version, reason: form.getFieldValue('reason') ?? '' });
    if (data) send(`/api/joint-operations/${op.id}/${event}`, data);
  };
  return (
    <ResponsiveModal open title={t(`ops.${event}`)} onCancel={onClose} onOk={submit} okText={t(`ops.${event}`)} okButtonProps={{ loading: pending, danger: event === 'refuse', id: 'op-reason-submit' }}>
      <Form form={form} layout="vertical" name="op-reason">
        <Form.Item name="reason" label={t('ops.reasonField')} required>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ResubmitDialog({ op, onClose }: { op: JointOperationDetailDto; onClose: () => void }) {
  const { form, send, pending } = useDialogWrite(onClose);
  const submit = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, jointOperationResubmitSchema, { version: op.version, workshopIds: v.workshopIds ?? [], reason: v.reason ?? '', proposedOn: pickerValue(v.proposedOn) });
    if (data) send(`/api/joint-operations/${op.id}/resubmit`, data);
  };
  const initial = op.workshops.map((w) => ({ value: w.id, label: w.name, name: w.name, place: w.villageName ?? op.townName, townId: op.townId }));
  return (
    <ResponsiveModal open title={t('ops.resubmit')} onCancel={onClose} onOk={submit} okText={t('ops.submit')} okButtonProps={{ loading: pending, id: 'op-resubmit-submit' }} width={640}>
      <Form form={form} layout="vertical" name="op-resubmit" initialValues={{ workshopIds: op.workshops.map((w) => w.id), reason: op.reason, proposedOn: pickerDate(op.proposedOn) }}>
        <Form.Item name="workshopIds" label={t('ops.workshops')} required>
          <WorkshopsPicker townId={op.townId} initial={initial} />
        </Form.Item>
        <Form.Item name="reason" label={t('ops.reason')} required>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="proposedOn" label={t('ops.proposedOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ResultDialog({ op, workshop, result, onClose }: { op: JointOperationDetailDto; workshop: OperationWorkshopDto; result: 'cleared' | 'not_cleared'; onClose: () => void }) {
  const { form, send, pending } = useDialogWrite(onClose);
  const submit = () => {
    const data = validateWithSchema(form, operationResultSchema, { result, note: form.getFieldValue('note') ?? '' });
    if (data) send(`/api/joint-operations/${op.id}/workshops/${workshop.id}`, data);
  };
  return (
    <ResponsiveModal
      open
      title={t('ops.resultTitle', { name: workshop.name })}
      onCancel={onClose}
      onOk={submit}
      okText={result === 'cleared' ? t('ops.cleared') : t('ops.notCleared')}
      okButtonProps={{ loading: pending, danger: result === 'not_cleared', id: 'op-result-submit' }}
    >
      <Typography.Paragraph type="secondary">{workshop.remaining.length ? t('ops.remaining', { items: workshop.remaining.join(t('common.listSeparator')) }) : t('ops.allDone')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="op-result">
        <Form.Item name="note" label={t('ops.resultNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
