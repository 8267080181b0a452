// A patrol as the lists show it, and the patrol dialog on a phone at the site: each standard item
// still holding or not, photos and video taken right here as the workshop's own evidence (files taken
// while the dialog is open are cited automatically), the verdict and what was found.
import { Alert, App, DatePicker, Flex, Form, Input, Radio, Tag, Typography } from 'antd';
import { patrolCreateSchema, type PatrolDto, type PatrolVerdict } from '../../../domain/patrols.js';
import { PATROL_VERDICTS } from '../../../domain/workflows/patrol.js';
import { useAttachments, type AttachmentList } from '../../api/evidence.js';
import { useCampaign } from '../../api/hooks.js';
import { useRecordPatrol } from '../../api/patrols.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';
import { RecordEvidence } from '../enterprises/detail/RecordEvidence.js';
import { ItemChecklist, useFilesTakenHere } from '../enterprises/detail/SiteChecklist.js';

const VERDICT_COLOURS: Record<PatrolVerdict, string> = { holding: 'green', concern: 'orange', producing: 'red' };

export function PatrolVerdictTag({ verdict }: { verdict: PatrolVerdict }) {
  return <Tag color={VERDICT_COLOURS[verdict]}>{t(`patrolVerdict.${verdict}`)}</Tag>;
}

export function PatrolFacts({ patrol, itemName }: { patrol: PatrolDto; itemName: (code: string) => string }) {
  const notHeld = patrol.items.filter((i) => !i.held);
  return (
    <Flex vertical gap={2} className="patrol" data-verdict={patrol.verdict}>
      <span>
        {formatDate(patrol.patrolledOn)} <PatrolVerdictTag verdict={patrol.verdict} />
        {patrol.recurred && <Tag color="red">{t('patrol.recurred')}</Tag>}
      </span>
      {notHeld.length > 0 && (
        <Typography.Text type="danger">{t('patrol.notHeldItems', { items: notHeld.map((i) => (i.note ? `${itemName(i.code)}（${i.note}）` : itemName(i.code))).join('；') })}</Typography.Text>
      )}
      {patrol.findings && <Typography.Text>{patrol.findings}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('patrol.by', { who: patrol.recordedBy, unit: patrol.recordedUnit, count: patrol.evidenceIds.length })}
      </Typography.Text>
    </Flex>
  );
}

/** The camera and the files of the workshop, with how many this patrol cites (the form field's value: the ids taken since the dialog opened). */
function CitedPhotos({ value, enterpriseId, list }: { value?: number[]; enterpriseId: number; list: AttachmentList | undefined }) {
  return (
    <>
      <RecordEvidence enterpriseId={enterpriseId} target={{ recordType: 'enterprise' }} list={list} canUpload emptyText={t('patrol.noPhotos')} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} id="patrol-evidence-count">
        {t('patrol.cited', { count: value?.length ?? 0 })}
      </Typography.Text>
    </>
  );
}

export function PatrolDialog({ enterpriseId, name, onClose }: { enterpriseId: number; name: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const campaign = useCampaign();
  const attachments = useAttachments(enterpriseId);
  const record = useRecordPatrol(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const items = campaign.data?.standardItems ?? [];
  const verdict = Form.useWatch('verdict', form) as PatrolVerdict | undefined;
  const held = Form.useWatch('held', form) as Record<string, boolean> | undefined;
  // The files added while the dialog is open are this patrol's photos.
  useFilesTakenHere(form, attachments.data);
  const anyNotHeld = items.some((i) => held?.[i.code] === false);

  const submit = () => {
    const v = form.getFieldsValue(true);
    const data = validateWithSchema(form, patrolCreateSchema, {
      patrolledOn: pickerValue(v.patrolledOn),
      items: items.map((i) => ({ code: i.code, held: v.held?.[i.code] ?? true, note: v.notes?.[i.code] ?? '' })),
      verdict: v.verdict,
      findings: v.findings ?? '',
      evidenceIds: v.evidenceIds ?? [],
    });
    if (!data) return;
    record.mutate(data, {
      onSuccess: (p) => {
        void message.success(p.recurred ? t('patrol.savedRecurred') : t('patrol.saved'));
        onClose();
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal
      open
      title={t('patrol.dialogTitle', { name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.submit')}
      okButtonProps={{ loading: record.isPending, id: 'patrol-submit', danger: verdict === 'producing' }}
      width={640}
    >
      <Form form={form} layout="vertical" name="patrol" initialValues={{ patrolledOn: pickerToday(), verdict: 'holding', held: Object.fromEntries(items.map((i) => [i.code, true])), evidenceIds: [] }}>
        <Typography.Paragraph type="secondary">{t('patrol.dialogHint')}</Typography.Paragraph>
        <Form.Item name="patrolledOn" label={t('patrol.date')} required>
          <DatePicker id="patrol-date" inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} />
        </Form.Item>
        <ItemChecklist
          items={items}
          held={held}
          className="patrol-item"
          labels={{ held: t('patrol.held'), notHeld: t('patrol.notHeld'), note: t('patrol.notePlaceholder') }}
          onNotHeld={() => form.getFieldValue('verdict') === 'holding' && form.setFieldValue('verdict', 'concern')}
        />
        <Form.Item label={t('patrol.photos')} name="evidenceIds" required>
          <CitedPhotos enterpriseId={enterpriseId} list={attachments.data} />
        </Form.Item>
        <Form.Item name="verdict" label={t('patrol.verdict')} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={PATROL_VERDICTS.map((v) => ({ value: v, label: t(`patrolVerdict.${v}`), disabled: v === 'holding' && anyNotHeld }))}
          />
        </Form.Item>
        {verdict === 'producing' && <Alert type="error" showIcon title={t('patrol.producingWarn')} style={{ marginBottom: 12 }} />}
        <Form.Item name="findings" label={t('patrol.findings')} required={verdict !== 'holding'}>
          <Input.TextArea id="patrol-findings" rows={3} maxLength={2000} showCount placeholder={t('patrol.findingsPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
