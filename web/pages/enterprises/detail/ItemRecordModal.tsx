import { Alert, DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { EnterpriseDto, ItemDto } from '../../../../domain/api.js';
import type { StandardItem } from '../../../../domain/campaign.js';
import { itemRecordSchema } from '../../../../domain/enterprise.js';
import { useRecordItem } from '../../../api/hooks.js';
import { useCurrentUser } from '../../../auth/CurrentUser.js';
import { ResponsiveModal } from '../../../components/ResponsiveModal.js';
import { useApiError } from '../../../components/useApiError.js';
import { pickerDate, pickerToday, pickerValue } from '../../../format.js';
import { validateWithSchema } from '../../../forms/zodRules.js';
import { t } from '../../../i18n/index.js';
import { label } from '../../../i18n/labels.js';
import type { AttachmentList } from '../../../api/evidence.js';
import type { EvidenceNeed } from './ItemsPanel.js';
import { RecordEvidence } from './RecordEvidence.js';

interface Values {
  state: 'done' | 'not_applicable';
  unit?: string;
  person?: string;
  date?: Dayjs;
  note?: string;
  reason?: string;
}

interface Props {
  enterprise: EnterpriseDto;
  item: ItemDto | null;
  def: StandardItem | undefined;
  onClose: () => void;
  onSaved: (e: EnterpriseDto) => void;
  reload: () => void;
  /** The item's evidence files and how many its completion needs. */
  evidence?: EvidenceNeed;
  attachments?: AttachmentList;
}

/** Records one standard item as done (who, when) or not applicable (why). */
export function ItemRecordModal({ enterprise, item, def, onClose, onSaved, reload, evidence, attachments }: Props) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const record = useRecordItem(enterprise.id);
  const showError = useApiError();
  const state = Form.useWatch('state', form);
  // Marking done waits for the evidence (the server refuses it otherwise); 不适用 does not.
  const lacking = evidence !== undefined && evidence.count < evidence.min;
  const blocked = lacking && state === 'done';

  // The modal's form is mounted afresh for each item: a recorded item is shown as it stands, a
  // pending one starts as done today by the user's own unit.
  const initialValues = useMemo<Values | undefined>(() => {
    if (!item) return undefined;
    const ownUnit = me.roles[0]?.departmentName ?? me.roles[0]?.orgUnitName ?? undefined;
    return {
      state: item.state === 'not_applicable' ? 'not_applicable' : 'done',
      unit: item.unit || ownUnit,
      person: item.person || undefined,
      date: pickerDate(item.date) ?? pickerToday(),
      note: item.note || undefined,
      reason: item.reason || undefined,
    };
  }, [item, me]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const body =
      v.state === 'done'
        ? { state: 'done', unit: v.unit ?? '', person: v.person ?? '', date: pickerValue(v.date), note: v.note ?? '' }
        : { state: 'not_applicable', reason: v.reason ?? '', unit: v.unit ?? '', person: v.person ?? '', note: v.note ?? '' };
    const data = validateWithSchema(form, itemRecordSchema, body);
    if (!data || !item || blocked) return;
    record.mutate(
      { code: item.code, record: data },
      {
        onSuccess: (e) => onSaved(e),
        onError: (err) => showError(err, { form, onReload: reload }),
      },
    );
  };

  return (
    <ResponsiveModal
      open={item !== null}
      title={t('item.modal.title', { name: def?.name ?? item?.code ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ id: 'item-record-submit', disabled: blocked }}
    >
      {def && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {t('item.modal.doneLabel', { label: def.doneLabel })}
          {def.description ? t('common.parenthetical', { text: def.description }) : ''}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} name="itemRecord" layout="vertical" preserve={false} initialValues={initialValues}>
        <Form.Item name="state" label={t('item.modal.state')} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['done', 'not_applicable'] as const).map((s) => ({ value: s, label: label.itemState(s) }))}
          />
        </Form.Item>
        {state === 'not_applicable' && (
          <Form.Item name="reason" label={t('item.modal.reason')} required>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('item.modal.reasonPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="unit" label={t('item.modal.unit')} required={state === 'done'}>
          <Input maxLength={100} placeholder={t('item.modal.unitPlaceholder')} />
        </Form.Item>
        <Form.Item name="person" label={t('item.modal.person')} required={state === 'done'}>
          <Input maxLength={50} placeholder={t('item.modal.personPlaceholder')} />
        </Form.Item>
        {state === 'done' && (
          <Form.Item name="date" label={t('item.modal.date')} required>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('item.modal.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {item && evidence && state === 'done' && (
        <div id="item-record-evidence">
          {lacking ? (
            <Alert type="warning" showIcon title={t('evidence.required')} description={t('evidence.requiredDetail', { min: evidence.min, count: evidence.count })} style={{ marginBottom: 12 }} />
          ) : (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('evidence.have', { count: evidence.count })}
            </Typography.Paragraph>
          )}
          {lacking && <RecordEvidence enterpriseId={enterprise.id} target={{ recordType: 'item', itemCode: item.code }} list={attachments} canUpload={item.canUploadEvidence} />}
        </div>
      )}
    </ResponsiveModal>
  );
}
