// 镇街验收结论: the town's verdict with the notice's reasons and findings, the rectification deadline
// (限期整改) and the principal's written explanation (书面说明); the inspection group decides here,
// the principal writes the explanation here; everyone else reads.
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { townExplanationSchema, townFailSchema, townPassSchema, townRectifySchema, type AcceptanceTownDetailDto, type TownAcceptanceStatus } from '../../../domain/acceptance.js';
import { VERDICT_REASONS } from '../../../domain/enterprise.js';
import { useTownDecision } from '../../api/acceptance.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';

const VERDICT_COLORS: Record<TownAcceptanceStatus, string> = { pending: 'default', passed: 'green', failed: 'red', rectifying: 'orange' };

export function TownVerdictTag({ status, overdue }: { status: TownAcceptanceStatus; overdue?: boolean }) {
  return (
    <span>
      <Tag color={VERDICT_COLORS[status]}>{label.townVerdict(status)}</Tag>
      {overdue && <Tag color="red">{t('acc.verdict.overdue')}</Tag>}
    </span>
  );
}

type Step = 'pass' | 'fail' | 'rectify' | 'explain';

export function TownVerdictCard({ town }: { town: AcceptanceTownDetailDto }) {
  const v = town.verdict;
  const [step, setStep] = useState<Step | null>(null);
  return (
    <Card
      size="small"
      id="town-verdict"
      data-status={v.status}
      title={
        <span>
          {t('acc.verdict.title')} <TownVerdictTag status={v.status} overdue={v.overdue} />
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions size="small" column={1}>
        {v.decidedAt && <Descriptions.Item label={t('acc.verdict.decided')}>{metaLine(v.decidedBy, formatDateTime(v.decidedAt))}</Descriptions.Item>}
        {v.reasons.length > 0 && <Descriptions.Item label={t('verdict.reasons')}>{v.reasons.map((r) => label.verdictReason(r)).join(t('common.listSeparator'))}</Descriptions.Item>}
        {v.findings && <Descriptions.Item label={t('verdict.findings')}>{v.findings}</Descriptions.Item>}
        {v.rectifyBy && <Descriptions.Item label={t('acc.verdict.rectifyBy')}>{formatDate(v.rectifyBy)}</Descriptions.Item>}
        {v.requirements && <Descriptions.Item label={t('acc.verdict.requirements')}>{v.requirements}</Descriptions.Item>}
        {v.explanation && (
          <Descriptions.Item label={t('acc.verdict.explanation')}>
            <Flex vertical>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }} id="town-explanation">
                {v.explanation}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {metaLine(v.explainedBy, formatDateTime(v.explainedAt))}
              </Typography.Text>
            </Flex>
          </Descriptions.Item>
        )}
      </Descriptions>
      {v.status === 'pending' && !v.abilities.pass && <Typography.Text type="secondary">{t('acc.verdict.pendingHint')}</Typography.Text>}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {v.abilities.pass && (
          <Button type="primary" id="town-pass" onClick={() => setStep('pass')}>
            {t('acc.verdict.pass')}
          </Button>
        )}
        {v.abilities.fail && (
          <Button danger id="town-fail" onClick={() => setStep('fail')}>
            {t('acc.verdict.fail')}
          </Button>
        )}
        {v.abilities.rectify && (
          <Button type="primary" id="town-rectify" onClick={() => setStep('rectify')}>
            {t('acc.verdict.rectify')}
          </Button>
        )}
        {v.abilities.explain && (
          <Button type="primary" id="town-explain" onClick={() => setStep('explain')}>
            {v.explanation ? t('acc.verdict.explainAgain') : t('acc.verdict.explain')}
          </Button>
        )}
      </Flex>
      {step && <DecisionDialog town={town} step={step} onClose={() => setStep(null)} />}
    </Card>
  );
}

const SCHEMAS: Record<Step, z.ZodType> = { pass: townPassSchema, fail: townFailSchema, rectify: townRectifySchema, explain: townExplanationSchema };

function DecisionDialog({ town, step, onClose }: { town: AcceptanceTownDetailDto; step: Step; onClose: () => void }) {
  const [form] = Form.useForm();
  const decide = useTownDecision(town.townId);
  const showError = useApiError();
  const { message } = App.useApp();
  const version = town.verdict.version;
  const submit = () => {
    const v = form.getFieldsValue();
    const values =
      step === 'pass'
        ? { version, findings: v.findings ?? '' }
        : step === 'fail'
          ? { version, reasons: v.reasons ?? [], findings: v.findings ?? '' }
          : step === 'rectify'
            ? { version, rectifyBy: pickerValue(v.rectifyBy), requirements: v.requirements ?? '' }
            : { version, explanation: v.explanation ?? '' };
    const data = validateWithSchema(form, SCHEMAS[step], values);
    if (!data) return;
    decide.mutate(
      { step, body: data },
      {
        onSuccess: () => {
          void message.success(t('acc.verdict.saved'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  const titles: Record<Step, string> = { pass: t('acc.verdict.pass'), fail: t('acc.verdict.fail'), rectify: t('acc.verdict.rectify'), explain: t('acc.verdict.explain') };
  return (
    <ResponsiveModal
      open
      title={`${titles[step]} · ${town.townName}`}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: decide.isPending, id: 'town-decision-submit', danger: step === 'fail' }}
      width={640}
    >
      <Form form={form} layout="vertical" name="town-decision" initialValues={{ rectifyBy: pickerToday().add(7, 'day'), explanation: town.verdict.explanation }}>
        {step === 'fail' && (
          <Form.Item name="reasons" label={t('verdict.reasons')} required>
            <Checkbox.Group options={VERDICT_REASONS.map((r) => ({ value: r, label: label.verdictReason(r) }))} />
          </Form.Item>
        )}
        {(step === 'pass' || step === 'fail') && (
          <Form.Item name="findings" label={t('verdict.findings')} required={step === 'fail'}>
            <Input.TextArea id="town-findings" rows={4} maxLength={4000} showCount />
          </Form.Item>
        )}
        {step === 'rectify' && (
          <>
            <Form.Item name="rectifyBy" label={t('acc.verdict.rectifyBy')} required>
              <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="requirements" label={t('acc.verdict.requirements')} required>
              <Input.TextArea id="town-requirements" rows={4} maxLength={4000} showCount />
            </Form.Item>
          </>
        )}
        {step === 'explain' && (
          <Form.Item name="explanation" label={t('acc.verdict.explanation')} required extra={t('acc.verdict.explainHint')}>
            <Input.TextArea id="town-explanation-input" rows={8} maxLength={8000} showCount />
          </Form.Item>
        )}
      </Form>
    </ResponsiveModal>
  );
}
