// 验收材料 on a town's acceptance page: the versions the town reported (待签字, 已签字, 逾期签字), reporting
// a new one (the written report, drafted from the register, and the image material — every current
// photo and video of the town's shut-down workshops, or of those chosen), and the principal's signature
// after reading what they sign. The overseers read each version's frozen content.
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { packageSubmitSchema, type PackageOverviewDto, type PackageVersionDto } from '../../../domain/acceptancePackage.js';
import { usePackageContent, usePackageWrite, useTownPackage } from '../../api/acceptance.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import { WorkshopsPicker } from '../jointOperations/WorkshopsPicker.js';

function VersionTag({ v }: { v: PackageVersionDto }) {
  if (v.status === 'signed') return <Tag color={v.late ? 'orange' : 'green'}>{v.late ? t('acc.pkg.signedLate') : t('acc.pkg.signed')}</Tag>;
  if (v.status === 'superseded') return <Tag>{t('acc.pkg.superseded')}</Tag>;
  return <Tag color="blue">{t('acc.pkg.submitted')}</Tag>;
}

export function PackageCard({ townId }: { townId: number }) {
  const pkg = useTownPackage(townId);
  const [submitting, setSubmitting] = useState(false);
  const [reading, setReading] = useState<PackageVersionDto | null>(null);
  const data = pkg.data;
  if (!data) return null;
  const latest = data.versions[0];
  return (
    <Card
      size="small"
      id="acceptance-package"
      data-status={latest?.status ?? 'none'}
      title={t('acc.pkg.title')}
      style={{ marginBottom: 16 }}
      extra={
        data.abilities.submit && (
          <Button size="small" type={latest ? 'default' : 'primary'} id="package-submit-open" onClick={() => setSubmitting(true)}>
            {latest ? t('acc.pkg.resubmit') : t('acc.pkg.submit')}
          </Button>
        )
      }
    >
      {data.due && <Typography.Paragraph type="secondary">{t('acc.pkg.due', { due: formatDate(data.due) })}</Typography.Paragraph>}
      {data.versions.length === 0 && <Typography.Text type="secondary">{t('acc.pkg.none')}</Typography.Text>}
      {data.versions.map((v) => (
        <Flex key={v.id} justify="space-between" align="center" wrap gap={8} className="package-version" data-status={v.status} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <span>
            {t('acc.pkg.version', { version: v.version })} <VersionTag v={v} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {metaLine(t('acc.pkg.counts', { workshops: v.workshopCount, images: v.imageCount }), `${v.submittedBy} ${formatDateTime(v.submittedAt)}`, v.signedAt ? t('acc.pkg.signedBy', { who: v.signedBy ?? '', at: formatDateTime(v.signedAt) }) : null)}
            </Typography.Text>
          </span>
          <Button size="small" type={v.abilities.sign ? 'primary' : 'link'} className={v.abilities.sign ? 'package-sign-open' : 'package-read'} onClick={() => setReading(v)}>
            {v.abilities.sign ? t('acc.pkg.checkAndSign') : t('acc.pkg.read')}
          </Button>
        </Flex>
      ))}
      {submitting && <SubmitDialog data={data} onClose={() => setSubmitting(false)} />}
      {reading && <ReadDialog townId={townId} version={reading} onClose={() => setReading(null)} />}
    </Card>
  );
}

function SubmitDialog({ data, onClose }: { data: PackageOverviewDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const write = usePackageWrite(data.townId);
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = () => {
    const v = form.getFieldsValue();
    const chosen = (v.workshopIds as number[] | undefined) ?? [];
    const body = validateWithSchema(form, packageSubmitSchema, { report: v.report ?? '', ...(chosen.length > 0 ? { workshopIds: chosen } : {}) });
    if (!body) return;
    write.mutate(
      { path: `/api/acceptance/towns/${data.townId}/package`, body },
      {
        onSuccess: () => {
          void message.success(t('acc.pkg.submitted'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal open title={`${t('acc.pkg.submit')} · ${data.townName}`} onCancel={onClose} onOk={submit} okButtonProps={{ loading: write.isPending, id: 'package-submit' }} width={720}>
      <Form form={form} layout="vertical" name="package" initialValues={{ report: data.draft.report }}>
        <Form.Item name="report" label={t('acc.pkg.report')} required extra={t('acc.pkg.reportHint')}>
          <Input.TextArea id="package-report" autoSize={{ minRows: 8, maxRows: 20 }} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item name="workshopIds" label={t('acc.pkg.images')} extra={t('acc.pkg.imagesHint', { count: data.draft.workshopCount })}>
          <WorkshopsPicker townId={data.townId} id="package-workshops" placeholder={t('acc.pkg.imagesPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

function ReadDialog({ townId, version, onClose }: { townId: number; version: PackageVersionDto; onClose: () => void }) {
  const content = usePackageContent(version.id);
  const write = usePackageWrite(townId);
  const showError = useApiError();
  const { message } = App.useApp();
  const c = content.data?.content;
  const sign = () =>
    write.mutate(
      { path: `/api/acceptance/packages/${version.id}/sign`, body: { contentSha256: version.contentSha256 } },
      {
        onSuccess: () => {
          void message.success(t('acc.pkg.signedNow'));
          onClose();
        },
        onError: (e) => showError(e),
      },
    );
  return (
    <Modal
      open
      width={760}
      title={`${t('acc.pkg.title')} · ${t('acc.pkg.version', { version: version.version })}`}
      onCancel={onClose}
      footer={
        version.abilities.sign ? (
          <Button type="primary" id="package-sign" loading={write.isPending} disabled={!c} onClick={sign}>
            {t('acc.pkg.sign')}
          </Button>
        ) : null
      }
    >
      {c && (
        <Flex vertical gap={8}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} id="package-report-text">
            {c.report}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            {c.itemCounts.map((i) => (
              <Descriptions.Item key={i.item} label={i.name}>
                {t('acc.pkg.itemLine', { done: i.done, na: i.notApplicable, pending: i.pending })}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('acc.pkg.workshops')}>{c.workshopsTotal}</Descriptions.Item>
            <Descriptions.Item label={t('acc.pkg.operations')}>{c.jointOperations.length}</Descriptions.Item>
            <Descriptions.Item label={t('acc.pkg.cases')}>{c.cases}</Descriptions.Item>
            <Descriptions.Item label={t('acc.pkg.images')}>{c.imagesTotal}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {t('acc.pkg.hash', { hash: version.contentSha256 })}
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
