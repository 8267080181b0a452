// 帮包意见与督办: the comments and escalations on a workshop, oldest first, each with the unit that
// made it; the town's answer under an escalation. The forms show only what the server's abilities
// allow: comment or escalate (the list's abilities), answer an open escalation (the remark's).
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Radio, Skeleton, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Suspense, useState } from 'react';
import { REMARK_TEXT_MAX, remarkAnswerSchema, remarkCreateSchema, type RemarkDto, type RemarkKind, type RemarkListDto } from '../../../../domain/remarks.js';
import { useAddRemark, useAnswerEscalation, useRemarks } from '../../../api/remarks.js';
import { QueryError } from '../../../components/QueryState.js';
import { useApiError } from '../../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../../format.js';
import { validateWithSchema } from '../../../forms/zodRules.js';
import { t } from '../../../i18n/index.js';
import { label } from '../../../i18n/labels.js';
import { lazyChunk } from '../../../layout/lazyChunk.js';

// The 约谈 form (the accountability page's), fetched only when the office opens it from a 督办.
const ActionForm = lazyChunk(async () => ({ default: (await import('../../accountability/AccountabilityForms.js')).ActionForm }));

export function RemarksPanel({ enterpriseId, townId }: { enterpriseId: number; townId: number }) {
  const remarks = useRemarks(enterpriseId);
  const open = remarks.data?.items.filter((r) => r.status === 'open').length ?? 0;
  return (
    <Card
      className="section-card"
      size="small"
      id="enterprise-remarks"
      title={t('remarks.title')}
      extra={open > 0 && <Tag color="orange" id="remarks-open" style={{ marginInlineEnd: 0 }}>{t('remarks.openCount', { count: open })}</Tag>}
    >
      {remarks.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : remarks.isError ? (
        <QueryError error={remarks.error} onRetry={() => void remarks.refetch()} />
      ) : (
        <RemarkList enterpriseId={enterpriseId} townId={townId} list={remarks.data} />
      )}
    </Card>
  );
}

function RemarkList({ enterpriseId, townId, list }: { enterpriseId: number; townId: number; list: RemarkListDto }) {
  const kinds = (['comment', 'escalation'] as const).filter((k) => (k === 'comment' ? list.abilities.comment : list.abilities.escalate));
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('remarks.hint')}
      </Typography.Paragraph>
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('remarks.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <div id="remark-list">
          {list.items.map((r) => (
            <RemarkItem key={r.id} remark={r} enterpriseId={enterpriseId} townId={townId} />
          ))}
        </div>
      )}
      {kinds.length > 0 && <RemarkForm enterpriseId={enterpriseId} kinds={kinds} />}
    </>
  );
}

function RemarkItem({ remark: r, enterpriseId, townId }: { remark: RemarkDto; enterpriseId: number; townId: number }) {
  const [answering, setAnswering] = useState(false);
  const [interviewing, setInterviewing] = useState(false);
  return (
    <div className="remark" id={`remark-${r.id}`} data-kind={r.kind} data-status={r.status ?? ''}>
      <Flex gap={6} wrap align="center">
        <Tag color={r.kind === 'escalation' ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {label.remarkKind(r.kind)}
        </Tag>
        {r.status && (
          <Tag color={r.status === 'open' ? 'orange' : 'green'} className="remark-status" style={{ marginInlineEnd: 0 }}>
            {label.escalationStatus(r.status)}
          </Tag>
        )}
        {r.overdue && (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('remarks.overdue')}
          </Tag>
        )}
        <Typography.Text strong>{r.authorUnit}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {metaLine(r.author, formatDateTime(r.createdAt), r.dueOn ? t('remarks.due', { date: formatDate(r.dueOn) }) : null)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph className="remark-text" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
        {r.text}
      </Typography.Paragraph>
      {r.answer && (
        <div className="remark-answer">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('remarks.answerBy', { unit: r.answer.unit, author: r.answer.by, at: formatDateTime(r.answer.at) })}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>{r.answer.text}</Typography.Paragraph>
        </div>
      )}
      {r.abilities.interview && (
        <Button size="small" style={{ marginTop: 6, marginInlineEnd: 6 }} onClick={() => setInterviewing(true)} id={`remark-interview-${r.id}`}>
          {t('remarks.interview')}
        </Button>
      )}
      {interviewing && (
        <Suspense fallback={null}>
          <ActionForm draft={{ level: 'interview', townId, enterpriseId, remarkId: r.id }} onClose={() => setInterviewing(false)} />
        </Suspense>
      )}
      {r.abilities.answer &&
        (answering ? (
          <AnswerForm remark={r} enterpriseId={enterpriseId} onDone={() => setAnswering(false)} />
        ) : (
          <Button size="small" type="primary" style={{ marginTop: 6 }} onClick={() => setAnswering(true)} id={`remark-answer-${r.id}`}>
            {t('remarks.answer')}
          </Button>
        ))}
    </div>
  );
}

function AnswerForm({ remark, enterpriseId, onDone }: { remark: RemarkDto; enterpriseId: number; onDone: () => void }) {
  const [form] = Form.useForm<{ text?: string }>();
  const answer = useAnswerEscalation(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = () => {
    const data = validateWithSchema(form, remarkAnswerSchema, { text: form.getFieldValue('text') ?? '' });
    if (!data) return;
    answer.mutate(
      { id: remark.id, text: data.text },
      {
        onSuccess: () => {
          void message.success(t('remarks.answered'));
          onDone();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <Form form={form} name={`answer-${remark.id}`} layout="vertical" style={{ marginTop: 8 }}>
      <Form.Item name="text" label={t('remarks.answer')} required style={{ marginBottom: 8 }}>
        <Input.TextArea rows={3} maxLength={REMARK_TEXT_MAX} showCount placeholder={t('remarks.answerPlaceholder')} />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" onClick={submit} loading={answer.isPending} id={`remark-answer-submit-${remark.id}`}>
          {t('remarks.answerSubmit')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}

interface RemarkFormValues {
  kind?: RemarkKind;
  text?: string;
  dueOn?: Dayjs | null;
}

/** 提出意见 / 督办: the kinds the user may make, a text, and for an escalation an optional due date. */
function RemarkForm({ enterpriseId, kinds }: { enterpriseId: number; kinds: readonly RemarkKind[] }) {
  const [form] = Form.useForm<RemarkFormValues>();
  const add = useAddRemark(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  const submit = () => {
    const v = form.getFieldsValue();
    const values = { kind, text: v.text ?? '', dueOn: kind === 'escalation' ? pickerValue(v.dueOn) || null : null };
    const data = validateWithSchema(form, remarkCreateSchema, values);
    if (!data) return;
    add.mutate(data, {
      onSuccess: (r) => {
        form.resetFields();
        void message.success(t(`remarks.saved.${r.kind}`));
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <Form form={form} name="remark" layout="vertical" initialValues={{ kind: kinds[0] }} className="remark-form">
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {kinds.length > 1 ? t('remarks.new') : t('remarks.newComment')}
      </Typography.Text>
      {kinds.length > 1 && (
        <Form.Item name="kind" label={t('remarks.kindField')} style={{ marginBottom: 8 }}>
          <Radio.Group optionType="button" options={kinds.map((k) => ({ value: k, label: label.remarkKind(k) }))} />
        </Form.Item>
      )}
      <Form.Item name="text" label={t('remarks.text')} required extra={kind === 'escalation' ? t('remarks.escalationHint') : undefined} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={3} maxLength={REMARK_TEXT_MAX} showCount placeholder={t('remarks.textPlaceholder')} />
      </Form.Item>
      {kind === 'escalation' && (
        <Form.Item name="dueOn" label={t('remarks.dueOn')} style={{ marginBottom: 8 }}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} />
        </Form.Item>
      )}
      <Button type="primary" onClick={submit} loading={add.isPending} id="remark-submit">
        {t('remarks.submit')}
      </Button>
    </Form>
  );
}
