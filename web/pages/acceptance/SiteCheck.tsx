// 现场检查 of one sampled workshop, on a phone at the site: each standard item held or not (with a
// note), photos and video taken right here as the workshop's own evidence (the one upload queue;
// files taken while the dialog is open are cited automatically), and the site's verdict. And the
// check as the draw's sample shows it afterwards.
import { App, Checkbox, Flex, Form, Input, Radio, Tag, Typography } from 'antd';
import { siteCheckSchema, type DrawDto } from '../../../domain/acceptance.js';
import { VERDICT_REASONS } from '../../../domain/enterprise.js';
import { useRecordSiteCheck } from '../../api/acceptance.js';
import { useAttachments } from '../../api/evidence.js';
import { useCampaign } from '../../api/hooks.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';
import { RecordEvidence } from '../enterprises/detail/RecordEvidence.js';
import { ItemChecklist, useFilesTakenHere } from '../enterprises/detail/SiteChecklist.js';

type Sampled = DrawDto['sample'][number];

export function CheckSummary({ check }: { check: NonNullable<Sampled['check']> }) {
  const notHeld = check.items.filter((i) => !i.held);
  return (
    <Flex vertical gap={2} className="site-check" data-verdict={check.verdict}>
      <span>
        <Tag color={check.verdict === 'accepted' ? 'green' : 'red'}>{check.verdict === 'accepted' ? t('verdict.accepted') : t('verdict.rejected')}</Tag>
        {check.reasons.map((r) => label.verdictReason(r)).join(t('common.listSeparator'))}
      </span>
      {notHeld.length > 0 && <Typography.Text type="danger">{t('acc.check.notHeld', { items: notHeld.map((i) => (i.note ? `${i.name}（${i.note}）` : i.name)).join('；') })}</Typography.Text>}
      {check.findings && <Typography.Text>{check.findings}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('acc.check.by', { who: check.checkedBy, count: check.evidenceIds.length })}
      </Typography.Text>
    </Flex>
  );
}

export function CheckDialog({ draw, site, onClose }: { draw: DrawDto; site: Sampled; onClose: () => void }) {
  const [form] = Form.useForm();
  const campaign = useCampaign();
  const attachments = useAttachments(site.enterpriseId);
  const record = useRecordSiteCheck();
  const showError = useApiError();
  const { message } = App.useApp();
  const items = campaign.data?.standardItems ?? [];
  const verdict = Form.useWatch('verdict', form) as 'accepted' | 'rejected' | undefined;
  const held = Form.useWatch('held', form) as Record<string, boolean> | undefined;
  // The files added while the dialog is open are this check's photos.
  useFilesTakenHere(form, attachments.data);
  const anyNotHeld = items.some((i) => held?.[i.code] === false);
  // evidenceIds has no field of its own: watched with preserve, or antd would not report it.
  const cited = (Form.useWatch('evidenceIds', { form, preserve: true }) as number[] | undefined) ?? [];

  const submit = () => {
    const v = form.getFieldsValue(true);
    const result = v.verdict === 'rejected' ? { verdict: 'rejected', reasons: v.reasons ?? [], findings: v.findings ?? '' } : { verdict: 'accepted', findings: v.findings ?? '' };
    const data = validateWithSchema(form, siteCheckSchema, {
      enterpriseId: site.enterpriseId,
      items: items.map((i) => ({ code: i.code, held: v.held?.[i.code] ?? true, note: v.notes?.[i.code] ?? '' })),
      evidenceIds: v.evidenceIds ?? [],
      result,
    });
    if (!data) return;
    record.mutate(
      { drawId: draw.id, body: data },
      {
        onSuccess: () => {
          void message.success(t('acc.check.saved'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal
      open
      title={t('acc.check.title', { name: site.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.submit')}
      okButtonProps={{ loading: record.isPending, id: 'check-submit', danger: verdict === 'rejected' }}
      width={640}
    >
      <Form form={form} layout="vertical" name="site-check" initialValues={{ verdict: 'accepted', held: Object.fromEntries(items.map((i) => [i.code, true])), evidenceIds: [] }}>
        <Typography.Paragraph type="secondary">{t('acc.check.hint')}</Typography.Paragraph>
        <ItemChecklist
          items={items}
          held={held}
          className="check-item"
          labels={{ held: t('acc.check.held'), notHeld: t('acc.check.notHeldShort'), note: t('acc.check.notePlaceholder') }}
          onNotHeld={() => form.setFieldValue('verdict', 'rejected')}
        />
        <Form.Item label={t('acc.check.photos')}>
          <RecordEvidence enterpriseId={site.enterpriseId} target={{ recordType: 'enterprise' }} list={attachments.data} canUpload emptyText={t('acc.check.noPhotos')} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} id="check-evidence-count">
            {t('acc.check.cited', { count: cited.length })}
          </Typography.Text>
        </Form.Item>
        <Form.Item name="verdict" label={t('verdict.result')} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'accepted', label: t('verdict.accepted'), disabled: anyNotHeld },
              { value: 'rejected', label: t('verdict.rejected') },
            ]}
          />
        </Form.Item>
        {verdict === 'rejected' && (
          <Form.Item name="reasons" label={t('verdict.reasons')} required>
            <Checkbox.Group options={VERDICT_REASONS.map((r) => ({ value: r, label: label.verdictReason(r) }))} />
          </Form.Item>
        )}
        <Form.Item name="findings" label={t('verdict.findings')} required={verdict === 'rejected'}>
          <Input.TextArea id="check-findings" rows={3} maxLength={2000} showCount placeholder={t('verdict.findingsPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
