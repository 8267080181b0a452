import { Checkbox, Form, Input, Radio } from 'antd';
import type { EnterpriseDto } from '../../../../domain/api.js';
import { VERDICT_REASONS, verdictSchema } from '../../../../domain/enterprise.js';
import { useVerdict } from '../../../api/hooks.js';
import { ResponsiveModal } from '../../../components/ResponsiveModal.js';
import { useApiError } from '../../../components/useApiError.js';
import { validateWithSchema } from '../../../forms/zodRules.js';
import { t } from '../../../i18n/index.js';
import { label, type VerdictReason } from '../../../i18n/labels.js';

interface Values {
  verdict: 'accepted' | 'rejected';
  reasons?: VerdictReason[];
  findings?: string;
}

interface Props {
  enterprise: EnterpriseDto;
  open: boolean;
  onClose: () => void;
  onSaved: (e: EnterpriseDto) => void;
  reload: () => void;
}

/** The inspectors' verdict on a shut-down workshop: pass, or fail with reasons and findings. */
export function VerdictModal({ enterprise, open, onClose, onSaved, reload }: Props) {
  const [form] = Form.useForm<Values>();
  const verdict = useVerdict(enterprise.id);
  const showError = useApiError();
  const value = Form.useWatch('verdict', form);

  const submit = () => {
    const v = form.getFieldsValue();
    const body = v.verdict === 'rejected' ? { verdict: 'rejected', reasons: v.reasons ?? [], findings: v.findings ?? '' } : { verdict: 'accepted', findings: v.findings ?? '' };
    const data = validateWithSchema(form, verdictSchema, body);
    if (!data) return;
    verdict.mutate(data, { onSuccess: onSaved, onError: (err) => showError(err, { form, onReload: reload }) });
  };

  return (
    <ResponsiveModal
      open={open}
      title={t('common.titled', { title: t('verdict.title'), name: enterprise.name })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={verdict.isPending}
      okButtonProps={{ id: 'verdict-submit', danger: value === 'rejected' }}
    >
      <Form<Values> form={form} name="verdict" layout="vertical" preserve={false} initialValues={{ verdict: 'accepted' }}>
        <Form.Item name="verdict" label={t('verdict.result')} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'accepted', label: t('verdict.accepted') },
              { value: 'rejected', label: t('verdict.rejected') },
            ]}
          />
        </Form.Item>
        {value === 'rejected' && (
          <Form.Item name="reasons" label={t('verdict.reasons')} required>
            <Checkbox.Group options={VERDICT_REASONS.map((r) => ({ value: r, label: label.verdictReason(r) }))} />
          </Form.Item>
        )}
        <Form.Item name="findings" label={t('verdict.findings')} required={value === 'rejected'}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('verdict.findingsPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
