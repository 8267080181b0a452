import { PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Form, Input, Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ROLE_SCOPE_KIND, ROLES, type Role } from '../../domain/roles.js';
import { useCreateUser, useDepartments, useTowns, useUsers, useVillages, type UserCreate, type UserRow } from '../api/hooks.js';
import { useCurrentUser } from '../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../components/DataTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryError } from '../components/QueryState.js';
import { ResponsiveModal } from '../components/ResponsiveModal.js';
import { useApiError } from '../components/useApiError.js';
import { t } from '../i18n/index.js';
import { label } from '../i18n/labels.js';
import { useIsPhone } from '../components/useIsPhone.js';
import { ForbiddenPage } from './NotFoundPage.js';

/** 用户管理 (admin): every account with its role and scope, and creating one. */
export default function UsersPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const users = useUsers(me.abilities.manageUsers);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  if (!me.abilities.manageUsers) return <ForbiddenPage />;

  const f = filter.trim().toLowerCase();
  const rows = (users.data?.items ?? []).filter(
    (u) => !f || u.username.toLowerCase().includes(f) || u.displayName.toLowerCase().includes(f) || u.scope.toLowerCase().includes(f),
  );
  const columns: DataColumn<UserRow>[] = [
    { key: 'username', title: t('users.col.username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { key: 'displayName', title: t('users.col.displayName'), dataIndex: 'displayName', card: 'title' },
    {
      key: 'role',
      title: t('users.col.role'),
      card: 'title',
      filters: ROLES.map((r) => ({ text: label.role(r), value: r })),
      onFilter: (value, u) => u.role === value,
      render: (_, u) => (u.role ? <Tag color="blue">{label.role(u.role)}</Tag> : t('common.empty')),
    },
    { key: 'scope', title: t('users.col.scope'), wrap: 240, render: (_, u) => u.scope || t('common.empty') },
    {
      key: 'active',
      title: t('users.col.active'),
      render: (_, u) => (u.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} id="create-user" block={isPhone}>
            {t('users.create')}
          </Button>
        }
      />
      <Card size="small" className="table-card">
        <div style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} style={{ maxWidth: isPhone ? '100%' : 320 }} onChange={(e) => setFilter(e.target.value)} />
        </div>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <DataTable<UserRow>
            id="user-table"
            rowKey={(u) => `${u.id}-${u.role ?? ''}-${u.scope}`}
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={users.isFetching}
            pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { total: n }), style: { paddingInline: 16 } }}
          />
        )}
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function useScopeOptions(role: Role | undefined): string[] {
  const towns = useTowns();
  const departments = useDepartments();
  const kind = role ? ROLE_SCOPE_KIND[role] : undefined;
  const villages = useVillages(undefined, kind === 'village');
  return useMemo(() => {
    if (kind === 'town') return (towns.data ?? []).map((u) => u.name);
    if (kind === 'department') return (departments.data ?? []).map((d) => d.name);
    if (kind === 'village') {
      const townName = (id: number | null) => towns.data?.find((u) => u.id === id)?.name ?? '';
      return (villages.data ?? []).map((v) => `${townName(v.parentId)}/${v.name}`);
    }
    return [];
  }, [kind, towns.data, departments.data, villages.data]);
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Partial<UserCreate>>();
  const create = useCreateUser();
  const showError = useApiError();
  const { message } = App.useApp();
  const role = Form.useWatch('role', form);
  const scopeOptions = useScopeOptions(role);
  const kind = role ? ROLE_SCOPE_KIND[role] : 'district';

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue();
    const body: UserCreate = { username: (v.username ?? '').trim(), displayName: (v.displayName ?? '').trim(), password: v.password ?? '', role: v.role as Role, scope: (v.scope ?? '').trim() };
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('users.created', { username: body.username }));
        onClose();
      },
      onError: (err) => showError(err, { form }),
    });
  };

  return (
    <ResponsiveModal open={open} title={t('users.create')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={create.isPending} okButtonProps={{ id: 'user-submit' }}>
      <Form form={form} name="user" layout="vertical" preserve={false} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={t('users.form.usernameHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.form.username') }) },
            { pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: t('users.form.usernameHint') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.form.displayName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.form.password')}
          extra={t('users.form.passwordHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.form.password') }) },
            { min: 8, message: t('users.form.passwordHint') },
          ]}
        >
          <Input.Password maxLength={256} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true, message: t('common.select', { field: t('users.form.role') }) }]}>
          <Select
            placeholder={t('common.select', { field: t('users.form.role') })}
            options={ROLES.map((r) => ({ value: r, label: label.role(r) }))}
            onChange={() => form.setFieldValue('scope', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="scope"
          label={t('users.form.scope')}
          extra={t(`users.scopeHint.${kind}`)}
          rules={[{ required: kind !== 'district', message: t(`users.scopeHint.${kind}`) }]}
        >
          <AutoComplete
            allowClear
            options={scopeOptions.map((s) => ({ value: s }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            maxLength={100}
          />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
