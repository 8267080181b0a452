// An obstruction incident as the workshop page and the list show it, the form that records one, and
// the police's update (case number, outcome).
import { App, Button, DatePicker, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { INCIDENT_KINDS, incidentCreateSchema, incidentUpdateSchema, type IncidentDto } from '../../../domain/incidents.js';
import { useAttachments } from '../../api/evidence.js';
import { useIncidentWrite } from '../../api/incidents.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';

export function IncidentFacts({ incident: i }: { incident: IncidentDto }) {
  const lines: [string, string][] = [
    [t('incidents.persons'), i.persons],
    [t('incidents.injuries'), i.injuries],
    [t('incidents.damage'), i.damage],
    [t('incidents.caseNumber'), i.caseNumber],
    [t('incidents.outcome'), i.outcome],
  ];
  return (
    <div className="incident" data-incident={i.id}>
      <Flex gap={6} wrap align="center">
        <Tag color={i.kind === 'violence' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {label.incidentKind(i.kind)}
        </Tag>
        <Typography.Text strong>{formatDate(i.occurredOn)}</Typography.Text>
        {i.evidenceIds.length > 0 && <Tag style={{ marginInlineEnd: 0 }}>{t('incidents.evidenceCount', { count: i.evidenceIds.length })}</Tag>}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{i.description}</Typography.Paragraph>
      {lines
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <Typography.Text key={k} type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {`${k}：${v}`}
          </Typography.Text>
        ))}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('incidents.byline', { unit: i.recordedUnit, name: i.recordedBy, at: formatDateTime(i.recordedAt) })}
      </Typography.Text>
    </div>
  );
}

export function IncidentUpdateButton({ incident, enterpriseId }: { incident: IncidentDto; enterpriseId: number }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const write = useIncidentWrite(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  if (!incident.abilities.update) return null;
  const submit = () => {
    const data = validateWithSchema(form, incidentUpdateSchema, { version: incident.version, caseNumber: form.getFieldValue('caseNumber') ?? '', outcome: form.getFieldValue('outcome') ?? '' });
    if (!data) return;
    write.mutate(
      { method: 'patch', path: `/api/incidents/${incident.id}`, body: data },
      {
        onSuccess: () => {
          void message.success(t('incidents.saved'));
          setOpen(false);
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} id={`incident-update-${incident.id}`}>
        {t('incidents.update')}
      </Button>
      {open && (
        <ResponsiveModal open title={t('incidents.update')} onCancel={() => setOpen(false)} onOk={submit} okButtonProps={{ loading: write.isPending, id: 'incident-update-submit' }}>
          <Form form={form} layout="vertical" name="incident-update" initialValues={{ caseNumber: incident.caseNumber, outcome: incident.outcome }}>
            <Form.Item name="caseNumber" label={t('incidents.caseNumber')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="outcome" label={t('incidents.outcome')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        </ResponsiveModal>
      )}
    </>
  );
}

export function IncidentForm({ enterpriseId, onClose }: { enterpriseId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const write = useIncidentWrite(enterpriseId);
  const attachments = useAttachments(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const files = (attachments.data?.items ?? []).filter((a) => a.replacedBy === null);
  const submit = () => {
    const v = form.getFieldsValue();
    const values = {
      occurredOn: pickerValue(v.occurredOn),
      kind: v.kind,
      description: v.description ?? '',
      persons: v.persons ?? '',
      injuries: v.injuries ?? '',
      damage: v.damage ?? '',
      caseNumber: v.caseNumber ?? '',
      outcome: v.outcome ?? '',
      evidenceIds: v.evidenceIds ?? [],
    };
    const data = validateWithSchema(form, incidentCreateSchema, values);
    if (!data) return;
    write.mutate(
      { method: 'post', path: `/api/enterprises/${enterpriseId}/incidents`, body: data },
      {
        onSuccess: () => {
          void message.success(t('incidents.saved'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal open title={t('incidents.new')} onCancel={onClose} onOk={submit} okText={t('incidents.submit')} okButtonProps={{ loading: write.isPending, id: 'incident-submit' }} width={640}>
      <Form form={form} layout="vertical" name="incident" initialValues={{ occurredOn: pickerToday(), kind: 'disturbance' }}>
        <Form.Item name="occurredOn" label={t('incidents.occurredOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('incidents.kind')} required>
          <Radio.Group optionType="button" options={INCIDENT_KINDS.map((k) => ({ value: k, label: label.incidentKind(k) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('incidents.description')} required>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="persons" label={t('incidents.persons')}>
          <Input maxLength={500} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="injuries" label={t('incidents.injuries')} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="damage" label={t('incidents.damage')} style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item name="evidenceIds" label={t('incidents.evidence')}>
          <Select
            mode="multiple"
            id="incident-evidence"
            loading={attachments.isPending}
            options={files.map((a) => ({ value: a.id, label: metaLine(a.caption || a.originalName, formatDateTime(a.uploadedAt)) }))}
          />
        </Form.Item>
        <Form.Item name="caseNumber" label={t('incidents.caseNumber')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="outcome" label={t('incidents.outcome')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
