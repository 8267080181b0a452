import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Form, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { EnterpriseDto } from '../../../domain/api.js';
import { enterpriseCreateSchema, type EnterpriseCreate } from '../../../domain/enterprise.js';
import { ApiError } from '../../api/client.js';
import { useCreateEnterprise, useEnterprise, useOnlyTown, useUpdateEnterprise, useVillages } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useApiError } from '../../components/useApiError.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { DuplicateModal, type DuplicateCandidate } from './DuplicateModal.js';
import { EnterpriseForm } from './EnterpriseForm.js';
import { changedFields, CREATE_DEFAULTS, formValuesFrom, normalizeForSchema, type FormValues } from './enterpriseFormValues.js';

/** /enterprises/new and /enterprises/:id/edit. */
export default function EnterpriseFormPage() {
  const { id } = useParams();
  return id ? <EditEnterprise id={Number(id)} /> : <CreateEnterprise />;
}

function FormFooter({ saving, onCancel }: { saving: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} id="enterprise-submit">
        {t('common.save')}
      </Button>
    </div>
  );
}

function CreateEnterprise() {
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const create = useCreateEnterprise();
  const onlyTown = useOnlyTown();
  const villages = useVillages(onlyTown?.id);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [pending, setPending] = useState<EnterpriseCreate | null>(null);
  // 现场登记 from the home page: locate now, and after saving go straight to the workshop's photos.
  const onSite = useSearchParams()[0].get('onSite') === '1';

  // A town official's own town, and a village head's own village, are filled in for them.
  useEffect(() => {
    if (!onlyTown || form.getFieldValue('townId') !== undefined) return;
    form.setFieldsValue({ townId: onlyTown.id });
  }, [onlyTown, form]);
  useEffect(() => {
    const only = villages.data?.length === 1 ? villages.data[0] : undefined;
    if (!only || !me.abilities.registerInVillagesOnly || form.getFieldValue('villageId') !== undefined) return;
    form.setFieldsValue({ villageId: only.id });
  }, [villages.data, me, form]);

  if (!me.abilities.createEnterprise) return <ForbiddenPage />;

  const onFinish = (values: FormValues) => {
    const data = validateWithSchema(form, enterpriseCreateSchema, normalizeForSchema(values));
    if (!data) return;
    save(data);
  };

  const save = (data: EnterpriseCreate) =>
    create.mutate(data, {
      onSuccess: (e) => {
        setDuplicates(null);
        void message.success(t('enterprise.form.created', { name: e.name }));
        void navigate(`/enterprises/${e.id}${onSite ? '#enterprise-evidence' : ''}`, { replace: true });
      },
      onError: (err) => {
        // The server found registered sites that may be this one: let the user decide.
        if (err instanceof ApiError && err.code === 'possible_duplicate' && Array.isArray(err.problem.duplicates)) {
          setPending(data);
          setDuplicates(err.problem.duplicates as DuplicateCandidate[]);
          return;
        }
        showError(err, { form });
      },
    });

  return (
    <>
      <PageHeader title={t('enterprise.new.title')} subtitle={t(onSite ? 'enterprise.new.onSiteSubtitle' : 'enterprise.new.subtitle')} back={{ to: '/enterprises', label: t('enterprise.detail.backToList') }} />
      <EnterpriseForm form={form} initialValues={CREATE_DEFAULTS} onFinish={onFinish} onSite={onSite} footer={<FormFooter saving={create.isPending} onCancel={() => void navigate(-1)} />} />
      <DuplicateModal
        candidates={duplicates}
        saving={create.isPending}
        onClose={() => setDuplicates(null)}
        onDifferent={(ids) => pending && save({ ...pending, confirmedDistinctFrom: [...new Set([...pending.confirmedDistinctFrom, ...ids])] })}
      />
    </>
  );
}

function EditEnterprise({ id }: { id: number }) {
  const query = useEnterprise(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.abilities.update) return <ForbiddenPage />;
  return <EditForm enterprise={query.data} reload={() => void query.refetch()} />;
}

function EditForm({ enterprise, reload }: { enterprise: EnterpriseDto; reload: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateEnterprise(enterprise.id);
  const initialValues = useMemo(() => formValuesFrom(enterprise), [enterprise]);

  // After "reload" (someone else changed the record) the form shows the fresh record.
  useEffect(() => form.setFieldsValue(initialValues), [form, initialValues]);

  const detailPath = `/enterprises/${enterprise.id}`;
  const onFinish = (values: FormValues) => {
    const data = validateWithSchema(form, enterpriseCreateSchema, normalizeForSchema(values));
    if (!data) return;
    const patch = changedFields(data, enterprise);
    if (Object.keys(patch).length === 0) {
      void message.info(t('enterprise.form.noChanges'));
      void navigate(detailPath);
      return;
    }
    update.mutate(
      { ...patch, version: enterprise.version },
      {
        onSuccess: () => {
          void message.success(t('enterprise.form.saved'));
          void navigate(detailPath);
        },
        onError: (err) => showError(err, { form, onReload: reload }),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('enterprise.edit.title')}
        subtitle={enterprise.name}
        tags={<StatusTag status={enterprise.status} />}
        back={{ to: detailPath, label: t('common.back') }}
      />
      <EnterpriseForm form={form} initialValues={initialValues} onFinish={onFinish} footer={<FormFooter saving={update.isPending} onCancel={() => void navigate(detailPath)} />} />
    </>
  );
}
