// 用电核查, the third tab of 长效监管: the office uploads a power office's account list for a town, sees
// the preview (the columns found, the months, the problems, what matched and what is flagged) and confirms
// or discards it; the flagged accounts of confirmed lists are reviewed here — 确认反弹, 登记为企业, 排除 —
// by the office and by the town for its own. What a user may do comes from the server's abilities.
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  CUT_FLOOR_KWH,
  CUT_SHARE,
  POWER_FLAG_STATES,
  POWER_FLAGS,
  RESUME_FLOOR_KWH,
  RESUME_SHARE,
  UNLISTED_MEDIAN_KWH,
  powerDismissSchema,
  powerRegisterSchema,
  type PowerAccountDto,
  type PowerColumn,
  type PowerImportDto,
} from '../../../domain/powerCheck.js';
import { ApiError } from '../../api/client.js';
import { useCampaign, useVillages } from '../../api/hooks.js';
import { useDecidePowerList, usePowerFlagAction, usePowerFlags, usePowerImports, usePowerPreview, usePowerRows, useUploadPowerList } from '../../api/powerCheck.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PagedList } from '../../components/PagedList.js';
import { TownSheetUpload } from '../../components/TownSheetUpload.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDateTime, formatKwh } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import type { Status } from '../../../domain/status.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';

const PAGE_SIZE = 20;
const FLAG_COLOURS = { resumed: 'red', unlisted: 'orange' } as const;
const STATE_COLOURS = { open: 'processing', recurred: 'red', registered: 'green', dismissed: 'default', superseded: 'default' } as const;


/** Each month's use, plainly: `2016-03 6,239 · 2016-04 5,675 …`. */
function Usage({ row }: { row: PowerAccountDto }) {
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {row.usage.map((v, i) => (
        <span key={i} style={{ whiteSpace: 'nowrap', marginRight: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{(row.months[i] ?? '').replace(/^\d{4}-0?/, '')}月</Typography.Text> {formatKwh(v)}
        </span>
      ))}
    </Typography.Text>
  );
}

const FlagTag = ({ row }: { row: PowerAccountDto }) => (row.flag ? <Tag color={FLAG_COLOURS[row.flag]}>{t(`pw.flag.${row.flag}`)}</Tag> : null);

function Match({ row }: { row: PowerAccountDto }) {
  if (!row.enterprise) return <>{t('common.empty')}</>;
  return (
    <Space size={4} wrap>
      <Link to={`/enterprises/${row.enterprise.id}`}>{row.enterprise.name}</Link>
      <StatusTag status={row.enterprise.status as Status} />
      {row.matchReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`pw.match.${row.matchReason}`)}</Typography.Text>}
    </Space>
  );
}

const columnLabel = (c: PowerColumn) => (c.field === null ? t('pw.field.none') : c.field === 'month' ? t('pw.field.month', { month: c.month ?? '' }) : t(`pw.field.${c.field}`));

export function PowerTab() {
  const me = useCurrentUser();
  const [importId, setImportId] = useState<number | null>(null);
  return (
    <Flex vertical gap={16} id="power-tab">
      <Alert
        type="info"
        showIcon
        title={t('pw.hint', { cutShare: CUT_SHARE * 100, cutFloor: CUT_FLOOR_KWH, resumeFloor: RESUME_FLOOR_KWH, resumeShare: RESUME_SHARE * 100, unlisted: formatKwh(UNLISTED_MEDIAN_KWH) })}
      />
      {me.abilities.importPowerList &&
        (importId !== null ? (
          <PreviewCard id={importId} onClose={() => setImportId(null)} />
        ) : (
          <>
            <UploadCard onUploaded={setImportId} />
            <ImportList onOpen={setImportId} />
          </>
        ))}
      <ReviewList />
    </Flex>
  );
}

function UploadCard({ onUploaded }: { onUploaded: (id: number) => void }) {
  const upload = useUploadPowerList();
  return (
    <Card size="small" id="power-upload" title={t('pw.upload.title')}>
      <TownSheetUpload
        id="power"
        upload={upload}
        onUploaded={(p) => onUploaded(p.import.id)}
        labels={{
          town: t('pw.upload.town'),
          townPlaceholder: t('pw.upload.townPlaceholder'),
          file: t('pw.upload.file'),
          hint: t('pw.upload.fileHint'),
          badType: t('pw.upload.badType'),
          chooseTownFirst: t('pw.upload.chooseTownFirst'),
          choose: t('pw.upload.choose'),
          uploading: t('pw.upload.uploading'),
        }}
      />
    </Card>
  );
}

function ImportList({ onOpen }: { onOpen: (id: number) => void }) {
  const [page, setPage] = useState(1);
  const list = usePowerImports(page, 10);
  const columns: DataColumn<PowerImportDto>[] = [
    { key: 'file', card: 'title', title: t('pw.col.file'), wrap: 260, render: (_, r) => r.fileName },
    { key: 'town', title: t('pw.col.town'), render: (_, r) => r.town.name },
    { key: 'months', title: t('pw.col.months'), render: (_, r) => (r.months.length ? `${r.months[0]} — ${r.months[r.months.length - 1]}` : t('common.empty')) },
    { key: 'rows', title: t('pw.col.rows'), render: (_, r) => r.rowCount },
    { key: 'status', title: t('pw.col.status'), render: (_, r) => <Tag>{t(`pw.importStatus.${r.status}`)}</Tag> },
    { key: 'at', title: t('pw.col.createdAt'), render: (_, r) => `${formatDateTime(r.createdAt)} ${r.createdBy}` },
  ];
  return (
    <Card size="small" title={t('pw.imports.title')}>
      <PagedList<PowerImportDto>
        id="power-imports"
        rowKey="id"
        columns={columns}
        query={list}
        page={page}
        pageSize={10}
        onPage={setPage}
        empty={t('pw.imports.empty')}
        actions={{ render: (r) => <Button size="small" onClick={() => onOpen(r.id)}>{t('pw.imports.open')}</Button> }}
      />
    </Card>
  );
}

function PreviewCard({ id, onClose }: { id: number; onClose: () => void }) {
  const preview = usePowerPreview(id);
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const decide = useDecidePowerList();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const rows = usePowerRows(id, filter, page, PAGE_SIZE);
  return (
    <QueryState query={preview}>
      {(p) => {
        const imp = p.import;
        const act = (event: 'confirm' | 'discard') =>
          modal.confirm({
            title: t(event === 'confirm' ? 'pw.preview.confirmTitle' : 'pw.preview.discardTitle'),
            content: event === 'confirm' ? t('pw.preview.confirmBody', { count: imp.resumedCount + imp.unlistedCount }) : undefined,
            okButtonProps: { danger: event === 'discard' },
            onOk: () =>
              decide.mutateAsync({ id, event }).then(
                () => void message.success(t(event === 'confirm' ? 'pw.preview.confirmed' : 'pw.preview.discarded')),
                (err) => showError(err),
              ),
          });
        return (
          <Card
            size="small"
            id="power-preview"
            title={t('pw.preview.title', { file: imp.fileName, town: imp.town.name })}
            extra={<Button size="small" onClick={onClose}>{t('pw.preview.back')}</Button>}
          >
            <Flex vertical gap={12}>
              <Space wrap>
                <Tag>{t(`pw.importStatus.${imp.status}`)}</Tag>
                <Typography.Text id="power-counts">
                  {t('pw.preview.counts', { rows: imp.rowCount, matched: imp.matchedCount, resumed: imp.resumedCount, unlisted: imp.unlistedCount, problems: imp.problemCount })}
                </Typography.Text>
              </Space>
              {imp.status === 'preview' && <Typography.Text type="secondary">{t('pw.preview.notYet')}</Typography.Text>}
              <div>
                <Typography.Text strong>{t('pw.preview.columns')}：</Typography.Text>
                <Space size={[4, 4]} wrap id="power-columns">
                  {imp.columns.map((c) => (
                    <Tag key={c.index} color={c.field ? 'blue' : undefined}>
                      {c.header} → {columnLabel(c)}
                    </Tag>
                  ))}
                </Space>
              </div>
              <Typography.Text>
                <Typography.Text strong>{t('pw.preview.months')}：</Typography.Text>
                {imp.months.join('、')}
              </Typography.Text>
              {p.problems.length > 0 && (
                <Alert
                  type="warning"
                  title={t('pw.preview.problems')}
                  description={
                    <div style={{ maxHeight: 160, overflow: 'auto' }}>
                      {p.problems.map((x, i) => (
                        <div key={i}>{t('pw.preview.problemRow', { row: x.rowNo, message: x.message })}</div>
                      ))}
                    </div>
                  }
                />
              )}
              <Radio.Group
                optionType="button"
                size="small"
                value={filter}
                onChange={(e) => {
                  setPage(1);
                  setFilter(e.target.value as string);
                }}
                options={['', 'resumed', 'unlisted', 'matched', 'problems'].map((f) => ({ value: f, label: t(`pw.rows.filter.${f || 'all'}` as 'pw.rows.filter.all') }))}
              />
              <PagedList<PowerAccountDto>
                id="power-rows"
                rowKey="id"
                columns={[
                  { key: 'row', title: t('pw.col.row'), render: (_, r) => r.rowNo },
                  ...accountColumns(),
                  { key: 'match', title: t('pw.col.match'), render: (_, r) => (r.enterprise ? <Match row={r} /> : null) },
                  { key: 'flag', title: t('pw.col.flag'), render: (_, r) => (r.flag ? <FlagTag row={r} /> : null) },
                ]}
                onRow={(r) => (r.flag ? { className: 'power-flagged', style: { background: r.flag === 'resumed' ? '#fff1f0' : '#fff7e6' } } : {})}
                query={rows}
                page={page}
                pageSize={PAGE_SIZE}
                onPage={setPage}
                empty={t('pw.rows.empty')}
              />
              {(imp.abilities.confirm || imp.abilities.discard) && (
                <Space wrap>
                  {imp.abilities.confirm && (
                    <Button type="primary" id="power-confirm" loading={decide.isPending} onClick={() => act('confirm')}>
                      {t('pw.preview.confirm')}
                    </Button>
                  )}
                  {imp.abilities.discard && (
                    <Button danger id="power-discard" loading={decide.isPending} onClick={() => act('discard')}>
                      {t('pw.preview.discard')}
                    </Button>
                  )}
                </Space>
              )}
            </Flex>
          </Card>
        );
      }}
    </QueryState>
  );
}

/** The account's own columns, shared by the preview and the review list. */
function accountColumns(): DataColumn<PowerAccountDto>[] {
  return [
    {
      key: 'account',
      card: 'title',
      title: t('pw.col.account'),
      render: (_, r) => (
        <span>
          {r.holder || t('common.empty')} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.accountNo}</Typography.Text>
        </span>
      ),
    },
    { key: 'address', title: t('pw.field.address'), wrap: 220, render: (_, r) => r.address || t('common.empty') },
    { key: 'category', title: t('pw.field.category'), render: (_, r) => [r.category, r.note].filter(Boolean).join(' · ') || t('common.empty') },
    { key: 'usage', title: t('pw.col.usage'), wrap: 300, render: (_, r) => <Usage row={r} /> },
  ];
}

type Dialog = { kind: 'recur' | 'register' | 'dismiss'; row: PowerAccountDto } | null;

function ReviewList() {
  const [state, setState] = useState<string>('open');
  const [flag, setFlag] = useState('');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = usePowerFlags(state, flag, page, PAGE_SIZE);
  const counts = list.data?.counts;
  const columns: DataColumn<PowerAccountDto>[] = [
    ...accountColumns(),
    { key: 'town', title: t('pw.col.town'), render: (_, r) => r.town.name },
    { key: 'flag', title: t('pw.col.flag'), render: (_, r) => (r.flag ? <FlagTag row={r} /> : null) },
    { key: 'match', title: t('pw.col.match'), render: (_, r) => (r.enterprise ? <Match row={r} /> : null) },
    {
      key: 'state',
      title: t('pw.col.state'),
      wrap: 240,
      render: (_, r) =>
        r.state && (
          <Flex vertical gap={2}>
            <span>
              <Tag color={STATE_COLOURS[r.state]}>{t(`pw.state.${r.state}`)}</Tag>
              {r.createdEnterpriseId !== null && <Link to={`/enterprises/${r.createdEnterpriseId}`}>{t('pw.act.openWorkshop')}</Link>}
            </span>
            {r.reviewReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pw.review.reason', { reason: r.reviewReason })}</Typography.Text>}
            {r.reviewedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pw.review.by', { who: r.reviewedBy, at: formatDateTime(r.reviewedAt) })}</Typography.Text>}
          </Flex>
        ),
    },
  ];
  const acts = (r: PowerAccountDto) => r.abilities.recur || r.abilities.register || r.abilities.dismiss;
  return (
    <Card size="small" title={t('pw.review.title')} id="power-review">
      <Flex vertical gap={12}>
        {counts && <Typography.Text id="power-open-counts">{t('pw.review.counts', { resumed: counts.resumed.open, unlisted: counts.unlisted.open })}</Typography.Text>}
        <Space wrap>
          <Radio.Group
            optionType="button"
            size="small"
            value={flag}
            onChange={(e) => {
              setPage(1);
              setFlag(e.target.value as string);
            }}
            options={[{ value: '', label: t('pw.review.allFlags') }, ...POWER_FLAGS.map((f) => ({ value: f, label: t(`pw.flag.${f}`) }))]}
          />
          <Radio.Group
            optionType="button"
            size="small"
            value={state}
            onChange={(e) => {
              setPage(1);
              setState(e.target.value as string);
            }}
            options={[...POWER_FLAG_STATES.map((s) => ({ value: s, label: t(`pw.state.${s}`) })), { value: '', label: t('pw.review.allStates') }]}
          />
        </Space>
        <PagedList<PowerAccountDto>
          id="power-flags"
          rowKey="id"
          columns={columns}
          query={list}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t('pw.review.empty')}
          actions={{
            render: (r) =>
              acts(r) && (
                <Space size={4} wrap>
                  {r.abilities.recur && (
                    <Button size="small" danger onClick={() => setDialog({ kind: 'recur', row: r })}>
                      {t('pw.act.recur')}
                    </Button>
                  )}
                  {r.abilities.register && (
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'register', row: r })}>
                      {t('pw.act.register')}
                    </Button>
                  )}
                  {r.abilities.dismiss && (
                    <Button size="small" onClick={() => setDialog({ kind: 'dismiss', row: r })}>
                      {t('pw.act.dismiss')}
                    </Button>
                  )}
                </Space>
              ),
          }}
        />
      </Flex>
      {dialog?.kind === 'recur' && <RecurDialog row={dialog.row} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'dismiss' && <DismissDialog row={dialog.row} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'register' && <RegisterDialog row={dialog.row} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function RecurDialog({ row, onClose }: { row: PowerAccountDto; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const action = usePowerFlagAction();
  const { message } = App.useApp();
  const showError = useApiError();
  const submit = () =>
    action.mutate(
      { id: row.id, event: 'recur', body: { note: form.getFieldValue('note') ?? '' } },
      {
        onSuccess: () => {
          void message.success(t('pw.act.recurred'));
          onClose();
        },
        onError: (err) => showError(err, { form }),
      },
    );
  return (
    <ResponsiveModal open title={t('pw.act.recurTitle', { name: row.enterprise?.name ?? row.holder })} onCancel={onClose} onOk={submit} okText={t('pw.act.recur')} okButtonProps={{ danger: true, loading: action.isPending }}>
      <Flex vertical gap={12}>
        <Typography.Paragraph>{t('pw.act.recurBody')}</Typography.Paragraph>
        <Usage row={row} />
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('pw.act.recurNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Flex>
    </ResponsiveModal>
  );
}

function DismissDialog({ row, onClose }: { row: PowerAccountDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const action = usePowerFlagAction();
  const { message } = App.useApp();
  const showError = useApiError();
  const submit = () => {
    const body = validateWithSchema(form, powerDismissSchema, { reason: form.getFieldValue('reason') ?? '' });
    if (!body) return;
    action.mutate(
      { id: row.id, event: 'dismiss', body },
      {
        onSuccess: () => {
          void message.success(t('pw.act.dismissed'));
          onClose();
        },
        onError: (err) => showError(err, { form }),
      },
    );
  };
  return (
    <ResponsiveModal open title={t('pw.act.dismissTitleOf', { name: row.holder || row.accountNo })} onCancel={onClose} onOk={submit} okText={t('pw.act.dismiss')} okButtonProps={{ loading: action.isPending }}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('pw.act.dismissReason')} required>
          <Input.TextArea id="power-dismiss-reason" rows={3} maxLength={500} placeholder={t('pw.act.dismissPlaceholder')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

interface RegisterValues {
  name: string;
  kind: string;
  villageId: number | null;
  address: string;
  contactPerson: string;
  phone: string;
  notes: string;
}

function RegisterDialog({ row, onClose }: { row: PowerAccountDto; onClose: () => void }) {
  const [form] = Form.useForm<RegisterValues>();
  const campaign = useCampaign();
  const villages = useVillages(row.town.id);
  const action = usePowerFlagAction();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const send = (values: RegisterValues, confirmedDistinctFrom: number[]) =>
    action.mutate(
      { id: row.id, event: 'register', body: { ...values, villageId: values.villageId ?? null, confirmedDistinctFrom } },
      {
        onSuccess: () => {
          void message.success(t('pw.act.registered'));
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'possible_duplicate') {
            const ids = ((err.problem.duplicates as { id: number }[] | undefined) ?? []).map((d) => d.id);
            modal.confirm({ title: t('pw.act.duplicateTitle'), content: t('pw.act.duplicateBody', { detail: err.detail }), okText: t('pw.act.duplicateOk'), onOk: () => send(values, [...confirmedDistinctFrom, ...ids]) });
            return;
          }
          showError(err, { form });
        },
      },
    );
  const submit = () => {
    const values = { ...form.getFieldsValue(true) } as RegisterValues;
    if (!validateWithSchema(form, powerRegisterSchema, { ...values, villageId: values.villageId ?? null })) return;
    send(values, []);
  };
  const initial: Partial<RegisterValues> = {
    name: row.holder,
    address: row.address,
    contactPerson: row.holder,
    phone: row.phone,
    villageId: null,
    notes: [`用电核查：户号 ${row.accountNo}`, row.category, row.note].filter(Boolean).join('，'),
  };
  return (
    <ResponsiveModal open title={t('pw.act.registerTitle')} onCancel={onClose} onOk={submit} okText={t('pw.act.register')} okButtonProps={{ loading: action.isPending }}>
      <Typography.Paragraph type="secondary">{t('pw.act.registerHint', { account: row.accountNo })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t('pw.reg.name')} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('pw.reg.kind')} required>
          <Select id="power-reg-kind" options={(campaign.data?.workshopKinds ?? []).map((k) => ({ value: k.code, label: k.name }))} />
        </Form.Item>
        <Form.Item name="villageId" label={t('pw.reg.village')}>
          <Select allowClear loading={villages.isPending} options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.Item name="address" label={t('pw.reg.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="contactPerson" label={t('pw.reg.contactPerson')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('pw.reg.phone')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="notes" label={t('pw.reg.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
