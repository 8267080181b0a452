// 群机器人: the 企业微信 / 钉钉 group robots of the units the user configures (the office: every unit;
// a town's principal: their town; a department: itself) — the masked address, whether it is on, the
// last push; adding one (paste the address, the 钉钉 加签 secret if any), changing, deleting, and
// sending a test message now. The address and secret are never shown again once saved.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Flex, Form, Input, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { WEBHOOK_PLATFORMS, webhookCreateSchema, webhookUpdateSchema, type WebhookDto, type WebhookPlatform, type WebhookUnitDto } from '../../../domain/webhooks.js';
import { useCreateWebhook, useDeleteWebhook, useTestWebhook, useUpdateWebhook, useWebhooks } from '../../api/webhooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { formatDateTime } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/webhooks.js';
import { ForbiddenPage } from '../NotFoundPage.js';

const unitValue = (u: Pick<WebhookUnitDto, 'kind' | 'id'>) => `${u.kind === 'department' ? 'd' : 'o'}:${u.id}`;

export default function WebhooksPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const list = useWebhooks();
  const [editing, setEditing] = useState<WebhookDto | 'new' | null>(null);
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const update = useUpdateWebhook();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  if (!me.abilities.manageWebhooks) return <ForbiddenPage />;

  const sendTest = (w: WebhookDto) =>
    test.mutate(w.id, {
      onSuccess: (r) => void (r.ok ? message.success(t('webhooks.testOk')) : message.error(t('webhooks.testFailed', { error: r.error ?? '' }))),
      onError: (err) => showError(err),
    });
  const confirmDelete = (w: WebhookDto) =>
    modal.confirm({
      title: t('webhooks.deleteConfirm', { name: w.name }),
      okText: t('webhooks.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(w.id).then(() => void message.success(t('webhooks.deleted')), (err: unknown) => showError(err)),
    });

  const columns: DataColumn<WebhookDto>[] = [
    { key: 'name', title: t('webhooks.col.name'), card: 'title', wrap: 200, render: (_, w) => <Typography.Text strong>{w.name}</Typography.Text> },
    { key: 'unit', title: t('webhooks.col.unit'), render: (_, w) => w.unit.name },
    {
      key: 'platform',
      title: t('webhooks.col.platform'),
      render: (_, w) => (
        <Flex gap={4} wrap>
          <Tag color={w.platform === 'wecom' ? 'green' : 'blue'}>{t(`webhooks.platform.${w.platform}`)}</Tag>
          {w.hasSecret && <Tag>{t('webhooks.signed')}</Tag>}
        </Flex>
      ),
    },
    { key: 'url', title: t('webhooks.col.url'), wrap: 260, render: (_, w) => <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>{w.maskedUrl}</Typography.Text> },
    {
      key: 'enabled',
      title: t('webhooks.col.enabled'),
      render: (_, w) => (
        <Switch
          size="small"
          checked={w.enabled}
          aria-label={t('webhooks.form.enabled')}
          loading={update.isPending && update.variables?.id === w.id}
          onChange={(enabled) => update.mutate({ id: w.id, change: { enabled } }, { onError: (err) => showError(err) })}
        />
      ),
    },
    {
      key: 'last',
      title: t('webhooks.col.last'),
      wrap: 220,
      render: (_, w) =>
        w.lastStatus === null ? (
          <Typography.Text type="secondary">{t('webhooks.never')}</Typography.Text>
        ) : (
          <Tooltip title={w.lastError ?? undefined}>
            <Flex vertical gap={2}>
              <Tag color={w.lastStatus === 'ok' ? 'green' : w.lastStatus === 'refused' ? 'red' : 'orange'} className="webhook-status">
                {t(`webhooks.status.${w.lastStatus}`)}
              </Tag>
              {w.lastAt && <Typography.Text type="secondary">{formatDateTime(w.lastAt)}</Typography.Text>}
              {w.lastError && <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>{w.lastError}</Typography.Text>}
            </Flex>
          </Tooltip>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.webhooks')}
        subtitle={t('webhooks.hint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} id="webhook-add" block={isPhone} disabled={!list.data?.units.length} onClick={() => setEditing('new')}>
            {t('webhooks.add')}
          </Button>
        }
      />
      <Card size="small" className="table-card">
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <DataTable<WebhookDto>
            id="webhook-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('webhooks.empty') }}
            actions={{
              render: (w) => (
                <Flex gap={4} wrap>
                  <Button size="small" className="webhook-test" loading={test.isPending && test.variables === w.id} onClick={() => sendTest(w)}>
                    {t('webhooks.test')}
                  </Button>
                  <Button size="small" className="webhook-edit" onClick={() => setEditing(w)}>
                    {t('webhooks.edit')}
                  </Button>
                  <Button size="small" danger className="webhook-delete" onClick={() => confirmDelete(w)}>
                    {t('webhooks.delete')}
                  </Button>
                </Flex>
              ),
            }}
          />
        )}
      </Card>
      {editing && <WebhookModal robot={editing === 'new' ? null : editing} units={list.data?.units ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values {
  unit?: string;
  platform?: WebhookPlatform;
  name?: string;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  remark?: string;
  enabled?: boolean;
}

/** Adding a robot (robot null) or changing one: the address and secret are typed anew or left as they are. */
function WebhookModal({ robot, units, onClose }: { robot: WebhookDto | null; units: WebhookUnitDto[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const showError = useApiError();
  const { message } = App.useApp();
  const platform = Form.useWatch('platform', form) ?? robot?.platform;
  const single = units.length === 1 ? units[0] : undefined;
  const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const done = () => {
    void message.success(t('webhooks.saved'));
    onClose();
  };

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    if (robot) {
      const change = validateWithSchema(form, webhookUpdateSchema, {
        name: v.name,
        remark: v.remark ?? '',
        enabled: v.enabled ?? false,
        ...(blank(v.url) ? { url: blank(v.url) } : {}),
        ...(robot.platform === 'dingtalk' && v.clearSecret ? { secret: null } : blank(v.secret) ? { secret: blank(v.secret) } : {}),
      });
      if (change) update.mutate({ id: robot.id, change }, { onSuccess: done, onError: (err) => showError(err, { form }) });
      return;
    }
    const unit = v.unit ?? (single ? unitValue(single) : undefined);
    if (!unit) {
      form.setFields([{ name: 'unit', errors: [t('common.select', { field: t('webhooks.form.unit') })] }]);
      return;
    }
    const [kind, id] = unit.split(':');
    const data = validateWithSchema(form, webhookCreateSchema, {
      ...(kind === 'd' ? { departmentId: Number(id) } : { orgUnitId: Number(id) }),
      platform: v.platform,
      name: v.name ?? '',
      url: v.url ?? '',
      ...(v.platform === 'dingtalk' && blank(v.secret) ? { secret: blank(v.secret) } : {}),
      ...(blank(v.remark) ? { remark: blank(v.remark) } : {}),
      enabled: v.enabled ?? true,
    });
    if (data) create.mutate(data, { onSuccess: done, onError: (err) => showError(err, { form }) });
  };

  return (
    <ResponsiveModal
      open
      title={robot ? t('webhooks.edit') : t('webhooks.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={520}
      okButtonProps={{ id: 'webhook-submit' }}
    >
      <Form<Values>
        form={form}
        name="webhook"
        layout="vertical"
        preserve={false}
        initialValues={robot ? { name: robot.name, remark: robot.remark, enabled: robot.enabled } : { platform: 'wecom', enabled: true, unit: single ? unitValue(single) : undefined }}
        onFinish={submit}
      >
        {robot ? (
          <Form.Item label={t('webhooks.form.unit')}>
            <Typography.Text strong>{robot.unit.name}</Typography.Text> · {t(`webhooks.platform.${robot.platform}`)}
          </Form.Item>
        ) : (
          <>
            <Form.Item name="unit" label={t('webhooks.form.unit')} required>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.select', { field: t('webhooks.form.unit') })} options={units.map((u) => ({ value: unitValue(u), label: u.name }))} />
            </Form.Item>
            <Form.Item name="platform" label={t('webhooks.form.platform')} required>
              <Select options={WEBHOOK_PLATFORMS.map((p) => ({ value: p, label: t(`webhooks.platform.${p}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('webhooks.form.name')} required>
          <Input maxLength={50} placeholder={t('webhooks.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="url" label={t('webhooks.form.url')} required={!robot} extra={robot ? t('webhooks.form.urlKeep', { url: robot.maskedUrl }) : undefined}>
          <Input.Password visibilityToggle autoComplete="off" placeholder={t('webhooks.form.urlPlaceholder')} />
        </Form.Item>
        {platform === 'dingtalk' && (
          <Form.Item name="secret" label={t('webhooks.form.secret')} extra={robot?.hasSecret ? t('webhooks.form.secretKeep') : undefined}>
            <Input.Password autoComplete="off" placeholder={t('webhooks.form.secretPlaceholder')} />
          </Form.Item>
        )}
        {robot?.hasSecret && (
          <Form.Item name="clearSecret" valuePropName="checked">
            <Checkbox>{t('webhooks.form.secretClear')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="remark" label={t('webhooks.form.remark')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('webhooks.form.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
