// A case (违法案件) as the workshop page and the list show it, the form that records one, and what the
// recording department and the receiving units do with it: the penalty decision, the transfers to the
// police or to discipline, and signing for a transfer.
import { App, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import {
  caseCreateSchema,
  caseTransferSchema,
  caseUpdateSchema,
  PENALTY_STATUSES,
  transferAcknowledgeSchema,
  type CaseDto,
  type CaseListDto,
  type CaseTransferDto,
  type Penalty,
} from '../../../domain/cases.js';
import { CLUE_CONDUCTS } from '../../../domain/selfInspection.js';
import type { z } from '../../../domain/zod.js';
import { useAttachments } from '../../api/evidence.js';
import { useCaseWrite } from '../../api/cases.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, formatYuan, metaLine, pickerDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/selfInspection.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';

function TransferLine({ transfer: x }: { transfer: CaseTransferDto }) {
  const state = x.acknowledged
    ? t('cases.acknowledgedAt', { at: formatDateTime(x.acknowledged.at) }) + (x.acknowledged.reference ? ` · ${x.acknowledged.reference}` : '')
    : t('cases.awaitingAck');
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-transfer={x.kind}>
      <Tag color={x.kind === 'police' ? 'volcano' : 'purple'} style={{ marginInlineEnd: 4 }}>
        {t(`cases.kindShort.${x.kind}`)}
      </Tag>
      {metaLine(x.to, x.clueId !== null ? t('cases.clueNumber', { id: x.clueId }) : null, formatDateTime(x.transferredAt), state)}
      {x.reason && <span style={{ display: 'block' }}>{x.reason}</span>}
    </Typography.Text>
  );
}

export function CaseFacts({ kase: c }: { kase: CaseDto }) {
  return (
    <div className="case" data-case={c.id}>
      <Flex gap={6} wrap align="center">
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {c.department.name}
        </Tag>
        <Typography.Text strong>{formatDate(c.foundOn)}</Typography.Text>
        {c.evidenceIds.length > 0 && <Tag style={{ marginInlineEnd: 0 }}>{t('incidents.evidenceCount', { count: c.evidenceIds.length })}</Tag>}
        {c.penalty ? (
          <Tag color={c.penalty.status === 'revoked' ? 'default' : 'gold'} style={{ marginInlineEnd: 0 }}>
            {label.penaltyStatus(c.penalty.status)}
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{t('cases.noPenalty')}</Tag>
        )}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{c.violation}</Typography.Paragraph>
      {c.penalty && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('cases.penaltyLine', { number: c.penalty.decisionNumber, amount: formatYuan(c.penalty.amount), date: formatDate(c.penalty.decidedOn) })}
        </Typography.Text>
      )}
      {c.transfers.map((x) => (
        <TransferLine key={x.id} transfer={x} />
      ))}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('incidents.byline', { unit: c.department.name, name: c.recordedBy, at: formatDateTime(c.recordedAt) })}
      </Typography.Text>
    </div>
  );
}

/** The penalty decision's fields, under `penalty` in the form. */
function PenaltyFields() {
  return (
    <>
      <Form.Item name={['penalty', 'decisionNumber']} label={t('cases.decisionNumber')} required>
        <Input maxLength={60} placeholder={t('cases.decisionNumberHint')} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name={['penalty', 'amount']} label={t('cases.amount')} required style={{ flex: 1, minWidth: 160 }}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="元" />
        </Form.Item>
        <Form.Item name={['penalty', 'decidedOn']} label={t('cases.decidedOn')} required style={{ flex: 1, minWidth: 160 }}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name={['penalty', 'status']} label={t('cases.penaltyStatus')} required>
        <Select id="case-penalty-status" options={PENALTY_STATUSES.map((s) => ({ value: s, label: label.penaltyStatus(s) }))} />
      </Form.Item>
    </>
  );
}

function penaltyValues(form: FormInstance): Record<string, unknown> {
  const p = (form.getFieldValue('penalty') ?? {}) as Record<string, unknown>;
  return { decisionNumber: p.decisionNumber ?? '', amount: p.amount ?? null, decidedOn: pickerValue(p.decidedOn as never), status: p.status };
}

const penaltyInitial = (p: Penalty | null) => (p ? { ...p, decidedOn: pickerDate(p.decidedOn) } : { amount: 0, decidedOn: pickerToday(), status: 'issued' });

/** One write of a case's: validate with the shared schema, send, close on success; the server's field errors go on the form. */
function useCaseSubmit<S extends z.ZodType>(enterpriseId: number, form: FormInstance, schema: S, onDone: () => void) {
  const write = useCaseWrite(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = (method: 'post' | 'patch', path: string, values: unknown) => {
    const data = validateWithSchema(form, schema, values);
    if (!data) return;
    write.mutate(
      { method, path, body: data },
      {
        onSuccess: () => {
          void message.success(t('incidents.saved'));
          onDone();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return { submit, pending: write.isPending };
}

export function CaseForm({ enterpriseId, onClose }: { enterpriseId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const attachments = useAttachments(enterpriseId);
  const decided = Form.useWatch('decided', form) as boolean | undefined;
  const { submit, pending } = useCaseSubmit(enterpriseId, form, caseCreateSchema, onClose);
  const files = (attachments.data?.items ?? []).filter((a) => a.replacedBy === null);
  const onOk = () => {
    const v = form.getFieldsValue();
    submit('post', `/api/enterprises/${enterpriseId}/cases`, {
      foundOn: pickerValue(v.foundOn),
      violation: v.violation ?? '',
      evidenceIds: v.evidenceIds ?? [],
      penalty: v.decided ? penaltyValues(form) : null,
    });
  };
  return (
    <ResponsiveModal open title={t('cases.new')} onCancel={onClose} onOk={onOk} okText={t('incidents.submit')} okButtonProps={{ loading: pending, id: 'case-submit' }} width={640}>
      <Form form={form} layout="vertical" name="case" initialValues={{ foundOn: pickerToday(), decided: false, penalty: penaltyInitial(null) }}>
        <Form.Item name="foundOn" label={t('cases.foundOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="violation" label={t('cases.violation')} required>
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('cases.violationHint')} />
        </Form.Item>
        <Form.Item name="evidenceIds" label={t('cases.evidence')}>
          <Select
            mode="multiple"
            id="case-evidence"
            loading={attachments.isPending}
            options={files.map((a) => ({ value: a.id, label: metaLine(a.caption || a.originalName, formatDateTime(a.uploadedAt)) }))}
          />
        </Form.Item>
        <Form.Item name="decided" valuePropName="checked">
          <Checkbox id="case-decided">{t('cases.decided')}</Checkbox>
        </Form.Item>
        {decided && <PenaltyFields />}
      </Form>
    </ResponsiveModal>
  );
}

function PenaltyModal({ kase, onClose }: { kase: CaseDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const { submit, pending } = useCaseSubmit(kase.enterprise.id, form, caseUpdateSchema, onClose);
  return (
    <ResponsiveModal
      open
      title={t('cases.penalty')}
      onCancel={onClose}
      onOk={() => submit('patch', `/api/cases/${kase.id}`, { version: kase.version, penalty: penaltyValues(form) })}
      okButtonProps={{ loading: pending, id: 'case-penalty-submit' }}
    >
      <Form form={form} layout="vertical" name="case-penalty" initialValues={{ penalty: penaltyInitial(kase.penalty) }}>
        <PenaltyFields />
      </Form>
    </ResponsiveModal>
  );
}

function TransferModal({ kase, policeUnits, onClose }: { kase: CaseDto; policeUnits: CaseListDto['policeUnits']; onClose: () => void }) {
  const [form] = Form.useForm();
  const kinds = [kase.abilities.transferPolice && 'police', kase.abilities.transferDiscipline && 'discipline'].filter((k): k is 'police' | 'discipline' => !!k);
  const kind = (Form.useWatch('kind', form) as 'police' | 'discipline' | undefined) ?? kinds[0];
  const { submit, pending } = useCaseSubmit(kase.enterprise.id, form, caseTransferSchema, onClose);
  const onOk = () => {
    const v = form.getFieldsValue();
    const body =
      kind === 'police'
        ? { kind, departmentCode: v.departmentCode ?? '', reason: v.reason ?? '' }
        : { kind, person: v.person ?? '', post: v.post ?? '', conduct: v.conduct, description: v.description ?? '' };
    submit('post', `/api/cases/${kase.id}/transfers`, body);
  };
  return (
    <ResponsiveModal open title={t('cases.transfer')} onCancel={onClose} onOk={onOk} okButtonProps={{ loading: pending, id: 'case-transfer-submit' }} width={600}>
      <Form form={form} layout="vertical" name="case-transfer" initialValues={{ kind: kinds[0], departmentCode: policeUnits[0]?.code }}>
        <Form.Item name="kind" label={t('cases.transferTo')} required>
          <Radio.Group options={kinds.map((k) => ({ value: k, label: label.transferKind(k) }))} />
        </Form.Item>
        {kind === 'police' ? (
          <>
            <Form.Item name="departmentCode" label={t('cases.receivingUnit')} required>
              <Select id="case-police-unit" options={policeUnits.map((u) => ({ value: u.code, label: u.name }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('cases.transferReason')} required>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
          </>
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('cases.disciplineHint')}
            </Typography.Paragraph>
            <Flex gap={12} wrap>
              <Form.Item name="person" label={t('si.clue.person')} required style={{ flex: 1, minWidth: 160 }}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="post" label={t('si.clue.post')} required style={{ flex: 1, minWidth: 200 }}>
                <Input maxLength={200} />
              </Form.Item>
            </Flex>
            <Form.Item name="conduct" label={t('si.clue.conduct')} required>
              <Select id="case-conduct" options={CLUE_CONDUCTS.map((c) => ({ value: c, label: t(`si.conduct.${c}`) }))} />
            </Form.Item>
            <Form.Item name="description" label={t('si.clue.description')} required>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
          </>
        )}
      </Form>
    </ResponsiveModal>
  );
}

function AcknowledgeModal({ kase, transfer, onClose }: { kase: CaseDto; transfer: CaseTransferDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const { submit, pending } = useCaseSubmit(kase.enterprise.id, form, transferAcknowledgeSchema, onClose);
  const onOk = () => {
    const v = form.getFieldsValue();
    submit('post', `/api/case-transfers/${transfer.id}/acknowledge`, { reference: v.reference ?? '', note: v.note ?? '' });
  };
  return (
    <ResponsiveModal open title={t('cases.acknowledge')} onCancel={onClose} onOk={onOk} okButtonProps={{ loading: pending, id: 'case-ack-submit' }}>
      <Typography.Paragraph>{metaLine(label.transferKind(transfer.kind), transfer.to, formatDateTime(transfer.transferredAt))}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="case-ack">
        <Form.Item name="reference" label={t('cases.ackReference')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="note" label={t('cases.ackNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

type Dialog = { kind: 'penalty' } | { kind: 'transfer' } | { kind: 'ack'; transfer: CaseTransferDto } | null;

/** The buttons a reader may use on a case, and their dialogs. */
export function CaseActions({ kase, policeUnits }: { kase: CaseDto; policeUnits: CaseListDto['policeUnits'] }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const toSign = kase.transfers.filter((x) => x.abilities.acknowledge);
  const { update, transferPolice, transferDiscipline } = kase.abilities;
  if (!update && !transferPolice && !transferDiscipline && toSign.length === 0) return null;
  return (
    <Flex gap={6} wrap>
      {update && (
        <Button size="small" onClick={() => setDialog({ kind: 'penalty' })} id={`case-penalty-${kase.id}`}>
          {kase.penalty ? t('cases.penaltyEdit') : t('cases.penaltyAdd')}
        </Button>
      )}
      {(transferPolice || transferDiscipline) && (
        <Button size="small" onClick={() => setDialog({ kind: 'transfer' })} id={`case-transfer-${kase.id}`}>
          {t('cases.transfer')}
        </Button>
      )}
      {toSign.map((x) => (
        <Button key={x.id} size="small" type="primary" onClick={() => setDialog({ kind: 'ack', transfer: x })} id={`case-ack-${x.id}`}>
          {t('cases.acknowledgeKind', { kind: label.transferKind(x.kind) })}
        </Button>
      ))}
      {dialog?.kind === 'penalty' && <PenaltyModal kase={kase} onClose={close} />}
      {dialog?.kind === 'transfer' && <TransferModal kase={kase} policeUnits={policeUnits} onClose={close} />}
      {dialog?.kind === 'ack' && <AcknowledgeModal kase={kase} transfer={dialog.transfer} onClose={close} />}
    </Flex>
  );
}
