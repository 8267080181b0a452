import { App, Form, Input, Radio } from 'antd';
import { ResponsiveModal } from '../../../components/ResponsiveModal.js';
import { useApiError } from '../../../components/useApiError.js';
import { t } from '../../../i18n/index.js';
import { usePatchAttachment, type AttachmentDto, type EvidencePhase } from '../../../api/evidence.js';
import { phaseLabel } from './EvidenceTile.js';

interface Values {
  caption: string;
  phase: EvidencePhase;
}

export const PHASES: EvidencePhase[] = ['before', 'after', ''];
export const phaseOptions = () => PHASES.map((p) => ({ value: p, label: phaseLabel(p) }));
export const CAPTION_MAX = 200;

/** Changes a file's caption and 取缔前/取缔后 tag; the file itself stays as it was uploaded. */
export function EvidenceEditModal({ enterpriseId, attachment, onClose }: { enterpriseId: number; attachment: AttachmentDto | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const patch = usePatchAttachment(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();

  const submit = () => {
    if (!attachment) return;
    const v = form.getFieldsValue();
    patch.mutate(
      { id: attachment.id, caption: (v.caption ?? '').trim(), phase: v.phase ?? '' },
      {
        onSuccess: () => {
          void message.success(t('evidence.saved'));
          onClose();
        },
        onError: (err) => showError(err, { form }),
      },
    );
  };

  return (
    <ResponsiveModal
      open={attachment !== null}
      title={t('evidence.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={patch.isPending}
      okButtonProps={{ id: 'evidence-edit-submit' }}
    >
      {attachment && (
        <Form<Values> form={form} name="evidenceEdit" layout="vertical" preserve={false} initialValues={{ caption: attachment.caption, phase: attachment.phase }}>
          <Form.Item label={t('evidence.details')}>
            <span className="muted">{attachment.originalName}</span>
          </Form.Item>
          <Form.Item name="phase" label={t('evidence.phaseLabel')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={phaseOptions()} />
          </Form.Item>
          <Form.Item name="caption" label={t('evidence.caption')}>
            <Input.TextArea rows={3} maxLength={CAPTION_MAX} showCount placeholder={t('evidence.captionPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </ResponsiveModal>
  );
}
