// 部门协办 on a workshop's page: its requests to departments (state, owner, due date, age, what the
// town wrote) with the department's acts, and — for a town's keepers and the office — 请求部门协办 for
// an item of a department's duty still pending with no open request (the server lists which).
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Skeleton, Tag, Typography, App } from 'antd';
import { useState } from 'react';
import { departmentRequestCreateSchema, OPEN_DEPARTMENT_REQUEST_STATUSES, REQUEST_DETAIL_MAX, type WorkshopRequestListDto } from '../../../domain/departmentRequests.js';
import { useCreateRequest, useWorkshopRequests } from '../../api/departmentRequests.js';
import { useCampaign } from '../../api/hooks.js';
import { QueryError } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { RequestActions, RequestFacts, RequestStatusTags, requestTiming } from './RequestActions.js';

export function WorkshopRequests({ enterpriseId }: { enterpriseId: number }) {
  const list = useWorkshopRequests(enterpriseId);
  const [asking, setAsking] = useState(false);
  const open = list.data?.items.filter((r) => OPEN_DEPARTMENT_REQUEST_STATUSES.includes(r.status)).length ?? 0;
  const canAsk = (list.data?.requestable.length ?? 0) > 0;
  return (
    <Card
      className="section-card"
      size="small"
      id="enterprise-requests"
      title={t('requests.panelTitle')}
      extra={
        <Flex gap={8} align="center">
          {open > 0 && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('requests.status.open')} {open}</Tag>}
          {canAsk && (
            <Button size="small" type="primary" onClick={() => setAsking(true)} id="request-new">
              {t('requests.new')}
            </Button>
          )}
        </Flex>
      }
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('requests.panelHint')}
          </Typography.Paragraph>
          {list.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.empty')} style={{ margin: '8px 0' }} />
          ) : (
            <div id="request-list">
              {list.data.items.map((r) => (
                <div key={r.id} className="remark" id={`request-${r.id}`} data-status={r.status}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{r.itemName}</Typography.Text>
                    <Typography.Text>{r.department.name}</Typography.Text>
                    <RequestStatusTags request={r} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {metaLine(t('requests.byline', { unit: r.requestingUnit, name: r.requested.name, at: formatDateTime(r.requested.at) }), requestTiming(r))}
                  </Typography.Text>
                  <RequestFacts request={r} />
                  <div style={{ marginTop: 6 }}>
                    <RequestActions request={r} />
                  </div>
                </div>
              ))}
            </div>
          )}
        </>
      )}
      {asking && list.data && <NewRequestDialog enterpriseId={enterpriseId} list={list.data} onClose={() => setAsking(false)} />}
    </Card>
  );
}

function NewRequestDialog({ enterpriseId, list, onClose }: { enterpriseId: number; list: WorkshopRequestListDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const campaign = useCampaign();
  const create = useCreateRequest(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const itemCode = (Form.useWatch('itemCode', form) as string | undefined) ?? list.requestable[0]?.itemCode;
  const choice = list.requestable.find((r) => r.itemCode === itemCode);
  const itemName = (code: string) => campaign.data?.standardItems.find((i) => i.code === code)?.name ?? code;
  const submit = () => {
    const v = form.getFieldsValue();
    // Two departments do this item: say which before asking the server.
    if (choice && choice.departments.length > 1 && !v.departmentCode) {
      form.setFields([{ name: 'departmentCode', errors: [t('requests.pickDepartment')] }]);
      return;
    }
    const values = {
      itemCode,
      departmentCode: choice && choice.departments.length === 1 ? choice.departments[0].code : (v.departmentCode ?? null),
      details: { facility: v.facility ?? '', account: v.account ?? '', access: v.access ?? '' },
      dueOn: pickerValue(v.dueOn) || null,
    };
    const data = validateWithSchema(form, departmentRequestCreateSchema, values);
    if (!data) return;
    create.mutate(data, {
      onSuccess: (r) => {
        void message.success(t('requests.created', { department: r.department.name }));
        onClose();
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal open title={t('requests.new')} onCancel={onClose} onOk={submit} okText={t('requests.submit')} okButtonProps={{ loading: create.isPending, id: 'request-submit' }}>
      <Form form={form} layout="vertical" name="department-request" initialValues={{ itemCode: list.requestable[0]?.itemCode }}>
        <Form.Item name="itemCode" label={t('requests.item')} required>
          <Select
            id="request-item"
            options={list.requestable.map((r) => ({ value: r.itemCode, label: itemName(r.itemCode) }))}
            onChange={() => form.setFieldValue('departmentCode', undefined)}
          />
        </Form.Item>
        {choice && choice.departments.length > 1 && (
          <Form.Item name="departmentCode" label={t('requests.department')} required>
            <Select id="request-department" options={choice.departments.map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
        )}
        {choice && choice.departments.length === 1 && (
          <Form.Item label={t('requests.department')}>
            <Typography.Text>{choice.departments[0].name}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="facility" label={t('requests.facility')}>
          <Input maxLength={REQUEST_DETAIL_MAX} placeholder={t('requests.facilityPlaceholder')} />
        </Form.Item>
        <Form.Item name="account" label={t('requests.account')}>
          <Input maxLength={REQUEST_DETAIL_MAX} />
        </Form.Item>
        <Form.Item name="access" label={t('requests.access')}>
          <Input.TextArea rows={2} maxLength={REQUEST_DETAIL_MAX} placeholder={t('requests.accessPlaceholder')} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('requests.dueOn')} extra={t('requests.dueDefault', { date: formatDate(list.defaultDueOn) })}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
