// What the town's and the site's supervisors share: a person as one line, the form that names someone
// (validated with the API's own schema, naming the row it replaces), and the list of people past and present.
import { App, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { supervisorAssignSchema, type SupervisorAssign, type SupervisorDto, type SupervisorRole } from '../../../domain/supervisors.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDateTime, metaLine } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The supervision stage's page strings, registered when this module loads.
import '../../i18n/stage4.js';

export const roleLabel = (role: SupervisorRole): string => t(`sup.role.${role}`);

/** A person: the name, then the position and the phone (to call from a phone) when given. */
export function PersonLine({ person, id }: { person: SupervisorDto; id?: string }) {
  return (
    <span id={id} data-supervisor={person.id}>
      <Typography.Text strong>{person.name}</Typography.Text>
      {person.position && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {person.position}
        </Typography.Text>
      )}
      {person.phone && (
        <a href={`tel:${person.phone}`} className="num" style={{ marginInlineStart: 8 }}>
          {person.phone}
        </a>
      )}
    </span>
  );
}

/** 待补充: a role nobody holds yet. */
export function MissingTag() {
  return (
    <Tag color="warning" style={{ marginInlineEnd: 0 }}>
      {t('sup.missing')}
    </Tag>
  );
}

interface FormProps {
  role: SupervisorRole;
  /** The holder being replaced, or null when nobody holds the role. */
  current: SupervisorDto | null;
  /** Prefix of the dialog's title (the town's or the workshop's name). */
  subject: string;
  pending: boolean;
  submit: (body: SupervisorAssign, done: { onSuccess: () => void; onError: (e: unknown) => void }) => void;
  onClose: () => void;
  /** After a 409 stale_version: reload what the dialog was opened on. */
  onReload: () => void;
}

/** 明确 / 变更: name, position and phone, checked with the API's schema before it is sent. */
export function SupervisorForm({ role, current, subject, pending, submit, onClose, onReload }: FormProps) {
  const [form] = Form.useForm();
  const showError = useApiError();
  const { message } = App.useApp();
  const title = `${subject} · ${t(current ? 'sup.change' : 'sup.assign', { role: roleLabel(role) })}`;
  const onOk = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, supervisorAssignSchema, { name: v.name ?? '', position: v.position ?? '', phone: v.phone ?? '', replaces: current?.id ?? null });
    if (!data) return;
    submit(data, {
      onSuccess: () => {
        void message.success(t('sup.saved'));
        onClose();
      },
      onError: (e) =>
        showError(e, {
          form,
          onReload: () => {
            onClose();
            onReload();
          },
        }),
    });
  };
  return (
    <ResponsiveModal open title={title} onCancel={onClose} onOk={onOk} okText={t('common.save')} okButtonProps={{ loading: pending, id: 'supervisor-submit' }}>
      {current && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('sup.form.replacing', { person: metaLine(current.name, current.position, current.phone) })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="supervisor" initialValues={{ name: current?.name ?? '', position: current?.position ?? '', phone: current?.phone ?? '' }}>
        <Form.Item name="name" label={t('sup.form.name')} required>
          <Input maxLength={50} autoComplete="off" id="supervisor-name" />
        </Form.Item>
        <Form.Item name="position" label={t('sup.form.position')}>
          <Input maxLength={50} placeholder={t('sup.form.positionPlaceholder')} id="supervisor-position" />
        </Form.Item>
        <Form.Item name="phone" label={t('sup.form.phone')}>
          <Input maxLength={40} inputMode="tel" placeholder={t('sup.form.phonePlaceholder')} id="supervisor-phone" />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

/** The people of a subject, current first, then those replaced, newest first; each with who named and who replaced them, and when. */
export function SupervisorHistory({ current, history, showRole = true }: { current: SupervisorDto[]; history: SupervisorDto[]; showRole?: boolean }) {
  const rows = [...current, ...history];
  return (
    <List<SupervisorDto>
      size="small"
      dataSource={rows}
      locale={{ emptyText: t('sup.history.empty') }}
      rowKey="id"
      renderItem={(p) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={6} wrap align="center">
              {showRole && <Tag style={{ marginInlineEnd: 0 }}>{roleLabel(p.role)}</Tag>}
              <Tag color={p.endedAt ? 'default' : 'green'} style={{ marginInlineEnd: 0 }}>
                {t(p.endedAt ? 'sup.history.past' : 'sup.history.current')}
              </Tag>
              <PersonLine person={p} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sup.history.assigned', { at: formatDateTime(p.assignedAt), by: p.assignedBy })}
            </Typography.Text>
            {p.endedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('sup.history.ended', { at: formatDateTime(p.endedAt), by: p.endedBy ?? '' })}
              </Typography.Text>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
