// What a department does with a request (受理、退回、排期、确认完成), shown wherever a request is:
// the queue and the workshop page. Only the acts the server's abilities allow appear. Confirming
// opens the item's evidence (the department's own photos and video, through the upload queue) with
// the date: the server records the item done only with its evidence on file.
import { App, Button, DatePicker, Flex, Form, Input, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import {
  REQUEST_REASON_MAX,
  requestConfirmSchema,
  requestReturnSchema,
  requestScheduleSchema,
  type DepartmentRequestDto,
} from '../../../domain/departmentRequests.js';
import { useAttachments } from '../../api/evidence.js';
import { useCampaign } from '../../api/hooks.js';
import { useRequestAct, type RequestAct } from '../../api/departmentRequests.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';
import { RecordEvidence } from '../enterprises/detail/RecordEvidence.js';

const STATUS_COLORS: Record<DepartmentRequestDto['status'], string> = {
  requested: 'orange',
  accepted: 'blue',
  scheduled: 'geekblue',
  returned: 'default',
  confirmed: 'green',
};

/** The request's state, and overdue when it is. */
export function RequestStatusTags({ request: r }: { request: DepartmentRequestDto }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={STATUS_COLORS[r.status]} className="request-status" style={{ marginInlineEnd: 0 }}>
        {label.requestStatus(r.status)}
      </Tag>
      {r.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('requests.overdue')}
        </Tag>
      )}
    </Flex>
  );
}

/** 期限, 计划日期 and how long it has waited, in one line. */
export function requestTiming(r: DepartmentRequestDto): string {
  return metaLine(
    t('requests.due', { date: formatDate(r.dueOn) }),
    r.scheduledOn ? t('requests.scheduled', { date: formatDate(r.scheduledOn) }) : null,
    r.ageDays === 0 ? t('requests.today') : t('requests.ageDays', { days: r.ageDays }),
  );
}

/** What the town wrote, and what has happened since (accepted by, returned why, confirmed by). */
export function RequestFacts({ request: r }: { request: DepartmentRequestDto }) {
  const details = [
    r.details.facility && `${t('requests.facility')}：${r.details.facility}`,
    r.details.account && `${t('requests.account')}：${r.details.account}`,
    r.details.access && `${t('requests.access')}：${r.details.access}`,
  ].filter(Boolean);
  return (
    <div className="request-facts">
      {details.map((d) => (
        <Typography.Text key={d as string} type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {d}
        </Typography.Text>
      ))}
      {r.accepted && r.status !== 'confirmed' && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('requests.acceptedBy', { name: r.accepted.name, at: formatDateTime(r.accepted.at) })}
        </Typography.Text>
      )}
      {r.status === 'returned' && r.reason && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {t('requests.returnedReason', { reason: r.reason })}
        </Typography.Text>
      )}
      {r.confirmed && (
        <Typography.Text type="success" style={{ display: 'block', fontSize: 12 }}>
          {metaLine(t('requests.confirmedBy', { name: r.confirmed.name, at: formatDateTime(r.confirmed.at) }), r.note || null)}
        </Typography.Text>
      )}
    </div>
  );
}

type Dialog = 'return' | 'schedule' | 'confirm' | null;

/** The buttons of the acts the user may do now, and their dialogs. */
export function RequestActions({ request: r, size = 'small' }: { request: DepartmentRequestDto; size?: 'small' | 'middle' }) {
  const act = useRequestAct();
  const showError = useApiError();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = r.abilities;
  if (!a.accept && !a.return && !a.schedule && !a.confirm) return null;
  const run = (next: RequestAct, onDone?: () => void, form?: Parameters<typeof showError>[1]) =>
    act.mutate(
      { request: r, act: next },
      {
        onSuccess: () => {
          void message.success(t(`requests.done.${next.event}`));
          onDone?.();
        },
        onError: (e) => showError(e, form),
      },
    );
  return (
    <Flex gap={6} wrap className="request-actions">
      {a.accept && (
        <Button type="primary" size={size} loading={act.isPending} onClick={() => run({ event: 'accept' })} id={`request-accept-${r.id}`}>
          {t('requests.accept')}
        </Button>
      )}
      {a.confirm && (
        <Button type="primary" size={size} onClick={() => setDialog('confirm')} id={`request-confirm-${r.id}`}>
          {t('requests.confirm')}
        </Button>
      )}
      {a.schedule && (
        <Button size={size} onClick={() => setDialog('schedule')} id={`request-schedule-${r.id}`}>
          {r.scheduledOn ? t('requests.reschedule') : t('requests.schedule')}
        </Button>
      )}
      {a.return && (
        <Button danger size={size} onClick={() => setDialog('return')} id={`request-return-${r.id}`}>
          {t('requests.return')}
        </Button>
      )}
      {dialog === 'return' && <ReturnDialog request={r} onClose={() => setDialog(null)} run={run} pending={act.isPending} />}
      {dialog === 'schedule' && <ScheduleDialog request={r} onClose={() => setDialog(null)} run={run} pending={act.isPending} />}
      {dialog === 'confirm' && <ConfirmDialog request={r} onClose={() => setDialog(null)} run={run} pending={act.isPending} />}
    </Flex>
  );
}

interface DialogProps {
  request: DepartmentRequestDto;
  onClose: () => void;
  run: (act: RequestAct, onDone?: () => void, opts?: { form: FormInstance }) => void;
  pending: boolean;
}

function ReturnDialog({ request: r, onClose, run, pending }: DialogProps) {
  const [form] = Form.useForm();
  const submit = () => {
    const data = validateWithSchema(form, requestReturnSchema, { version: r.version, reason: form.getFieldValue('reason') ?? '' });
    if (data) run({ event: 'return', reason: data.reason }, onClose, { form });
  };
  return (
    <ResponsiveModal open title={t('requests.returnTitle')} onCancel={onClose} onOk={submit} okText={t('requests.return')} okButtonProps={{ danger: true, loading: pending, id: 'request-return-submit' }}>
      <Form form={form} layout="vertical" name={`return-${r.id}`}>
        <Form.Item name="reason" label={t('requests.returnReason')} required>
          <Input.TextArea rows={3} maxLength={REQUEST_REASON_MAX} showCount placeholder={t('requests.returnPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ScheduleDialog({ request: r, onClose, run, pending }: DialogProps) {
  const [form] = Form.useForm();
  const submit = () => {
    const data = validateWithSchema(form, requestScheduleSchema, { version: r.version, scheduledOn: pickerValue(form.getFieldValue('scheduledOn')) });
    if (data) run({ event: 'schedule', scheduledOn: data.scheduledOn }, onClose, { form });
  };
  return (
    <ResponsiveModal open title={t('requests.scheduleTitle')} onCancel={onClose} onOk={submit} okText={t('requests.schedule')} okButtonProps={{ loading: pending, id: 'request-schedule-submit' }}>
      <Form form={form} layout="vertical" name={`schedule-${r.id}`}>
        <Form.Item name="scheduledOn" label={t('requests.scheduledOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ConfirmDialog({ request: r, onClose, run, pending }: DialogProps) {
  const [form] = Form.useForm();
  const attachments = useAttachments(r.enterprise.id);
  const campaign = useCampaign();
  const min = campaign.data?.standardItems.find((i) => i.code === r.itemCode)?.evidenceMin ?? 1;
  const submit = () => {
    const values = { version: r.version, date: pickerValue(form.getFieldValue('date')), note: form.getFieldValue('note') ?? '' };
    const data = validateWithSchema(form, requestConfirmSchema, values);
    if (data) run({ event: 'confirm', date: data.date, note: data.note }, onClose, { form });
  };
  return (
    <ResponsiveModal
      open
      title={t('requests.confirmTitle', { item: r.itemName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('requests.confirm')}
      okButtonProps={{ loading: pending, id: 'request-confirm-submit' }}
      width={640}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('requests.confirmHint', { min, department: r.department.name })}
      </Typography.Paragraph>
      <Typography.Text strong style={{ display: 'block' }}>
        {r.enterprise.name}
      </Typography.Text>
      <div style={{ margin: '8px 0 12px' }} id="request-confirm-evidence">
        <RecordEvidence enterpriseId={r.enterprise.id} target={{ recordType: 'item', itemCode: r.itemCode }} list={attachments.data} canUpload />
      </div>
      <Form form={form} layout="vertical" name={`confirm-${r.id}`} initialValues={{ date: pickerToday() }}>
        <Form.Item name="date" label={t('requests.confirmDate')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('requests.confirmNote')}>
          <Input.TextArea rows={2} maxLength={REQUEST_REASON_MAX} showCount />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
