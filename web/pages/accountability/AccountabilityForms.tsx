// The 约谈 and 问责 forms (a new record, prefilled from a person's row or an open 督办), and the
// buttons that record a 约谈 held or withdraw a record.
import { App, Button, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import {
  ACCOUNTABILITY_MEASURES,
  PERSON_UNIT_KINDS,
  accountabilityCreateSchema,
  accountabilityHoldSchema,
  accountabilityWithdrawSchema,
  type AccountabilityDto,
  type AccountabilityLevel,
  type PersonUnitKind,
} from '../../../domain/accountability.js';
import { useAccountabilityWrite } from '../../api/accountability.js';
import { useDepartments, useTowns, useVillages } from '../../api/hooks.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/accountability.js';

/** What a new record is prefilled with. */
export interface ActionDraft {
  level: AccountabilityLevel;
  personName?: string;
  unitKind?: PersonUnitKind;
  /** The unit, when known (a village head's village, from the workshop acted on); a town's is its own. */
  unitId?: number | null;
  townId: number;
  enterpriseId?: number | null;
  remarkId?: number | null;
  previousId?: number | null;
}

export function ActionForm({ draft, onClose }: { draft: ActionDraft; onClose: () => void }) {
  const [form] = Form.useForm();
  const write = useAccountabilityWrite();
  const showError = useApiError();
  const { message } = App.useApp();
  const unitKind = (Form.useWatch('unitKind', form) as PersonUnitKind | undefined) ?? draft.unitKind ?? 'town';
  const towns = useTowns();
  const villages = useVillages(draft.townId);
  const departments = useDepartments();
  const units =
    unitKind === 'department'
      ? (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))
      : unitKind === 'village'
        ? (villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))
        : (towns.data ?? []).map((v) => ({ value: v.id, label: v.name }));
  const interview = draft.level === 'interview';
  const submit = () => {
    const v = form.getFieldsValue();
    const values = {
      level: draft.level,
      personName: v.personName ?? '',
      personPosition: v.personPosition ?? '',
      unitKind,
      unitId: v.unitId,
      townId: draft.townId,
      enterpriseId: draft.enterpriseId ?? null,
      remarkId: draft.remarkId ?? null,
      previousId: draft.previousId ?? null,
      reason: v.reason ?? '',
      scheduledOn: interview ? pickerValue(v.scheduledOn) || null : null,
      conductedBy: interview ? (v.conductedBy ?? '') : '',
      measure: interview ? null : (v.measure ?? null),
    };
    const data = validateWithSchema(form, accountabilityCreateSchema, values);
    if (!data) return;
    write.mutate(
      { path: '/api/accountability/actions', body: data },
      {
        onSuccess: () => {
          void message.success(t('accountability.saved'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal
      open
      title={t(interview ? 'accountability.form.interview' : 'accountability.form.decide')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: write.isPending, id: 'accountability-submit' }}
    >
      {draft.remarkId ? <Typography.Paragraph type="secondary">{t('accountability.fromEscalation', { id: draft.remarkId })}</Typography.Paragraph> : null}
      <Form
        form={form}
        layout="vertical"
        name="accountability-action"
        initialValues={{ personName: draft.personName, unitKind: draft.unitKind ?? 'town', unitId: (draft.unitKind ?? 'town') === 'town' ? draft.townId : (draft.unitId ?? undefined), scheduledOn: interview ? pickerToday().add(1, 'day') : undefined }}
      >
        <Form.Item name="personName" label={t('accountability.form.personName')} required>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="personPosition" label={t('accountability.form.personPosition')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitKind" label={t('accountability.form.unitKind')} required>
          <Select options={Object.values(PERSON_UNIT_KINDS).map((k) => ({ value: k, label: t(`accountability.unitKind.${k}`) }))} onChange={() => form.setFieldValue('unitId', undefined)} />
        </Form.Item>
        <Form.Item name="unitId" label={t('accountability.form.unit')} required>
          <Select showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        {interview ? (
          <>
            <Form.Item name="scheduledOn" label={t('accountability.form.scheduledOn')} required>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="conductedBy" label={t('accountability.form.conductedBy')} required>
              <Input maxLength={100} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="measure" label={t('accountability.form.measure')} required>
            <Select options={ACCOUNTABILITY_MEASURES.map((m) => ({ value: m, label: t(`accountability.measure.${m}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('accountability.form.reason')} required>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

/** Records a 约谈 held, or withdraws a record, with its note; shown only when the record's abilities allow. */
export function CloseButton({ action, event }: { action: AccountabilityDto; event: 'hold' | 'withdraw' }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const write = useAccountabilityWrite();
  const showError = useApiError();
  const { message } = App.useApp();
  if (!action.abilities[event]) return null;
  const schema = event === 'hold' ? accountabilityHoldSchema : accountabilityWithdrawSchema;
  const submit = () => {
    const data = validateWithSchema(form, schema, { version: action.version, outcome: form.getFieldValue('outcome') ?? '' });
    if (!data) return;
    write.mutate(
      { path: `/api/accountability/actions/${action.id}/${event}`, body: data },
      {
        onSuccess: () => {
          void message.success(t('accountability.saved'));
          setOpen(false);
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <>
      <Button size="small" danger={event === 'withdraw'} onClick={() => setOpen(true)} id={`accountability-${event}-${action.id}`}>
        {t(event === 'hold' ? 'accountability.hold' : 'accountability.withdraw')}
      </Button>
      {open && (
        <ResponsiveModal open title={t(event === 'hold' ? 'accountability.hold' : 'accountability.withdraw')} onCancel={() => setOpen(false)} onOk={submit} okButtonProps={{ loading: write.isPending }}>
          <Form form={form} layout="vertical" name={`accountability-${event}`}>
            <Form.Item name="outcome" label={t(event === 'hold' ? 'accountability.form.outcome' : 'accountability.form.withdrawReason')} required>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        </ResponsiveModal>
      )}
    </>
  );
}
