import { Alert, Form, Input } from 'antd';
import type { EnterpriseDto } from '../../../../domain/api.js';
import { reasonSchema } from '../../../../domain/enterprise.js';
import { useTransition } from '../../../api/hooks.js';
import { ResponsiveModal } from '../../../components/ResponsiveModal.js';
import { useApiError } from '../../../components/useApiError.js';
import { validateWithSchema } from '../../../forms/zodRules.js';
import { t } from '../../../i18n/index.js';

interface Props {
  enterprise: EnterpriseDto;
  action: 'exclude' | 'recur';
  open: boolean;
  onClose: () => void;
  onSaved: (e: EnterpriseDto) => void;
  reload: () => void;
}

/** 排除 and 确认反弹: a status change that needs only a written reason. */
export function ReasonModal({ enterprise, action, open, onClose, onSaved, reload }: Props) {
  const [form] = Form.useForm<{ reason?: string }>();
  const transition = useTransition(enterprise.id, action);
  const showError = useApiError();

  const submit = () => {
    const data = validateWithSchema(form, reasonSchema, { reason: form.getFieldValue('reason') ?? '' });
    if (!data) return;
    transition.mutate(data, { onSuccess: onSaved, onError: (err) => showError(err, { form, onReload: reload }) });
  };

  return (
    <ResponsiveModal
      open={open}
      title={t('common.titled', { title: t(`${action}.title`), name: enterprise.name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      okButtonProps={{ danger: true, id: `${action}-submit` }}
    >
      <Alert type="warning" showIcon title={t(`${action}.hint`)} style={{ marginBottom: 16 }} />
      <Form form={form} name={action} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t(`${action}.reason`)} required>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('transition.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
