import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Grid, Select, Tag, Typography } from 'antd';
import { Outcome } from '../../components/Outcome.js';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { choiceLabels, isChoiceField, type ChoiceField } from '../../../domain/importValues.js';
import type { DuplicateDecision, ImportDto, ImportRowDto, RowFilter } from '../../../domain/imports.js';
import { useConfirmImport, useDecideImportRows, useImport, useImportRows, useImports, useMapImportValue, useUploadImport } from '../../api/imports.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { TownSheetUpload } from '../../components/TownSheetUpload.js';
import { QueryError } from '../../components/QueryState.js';
import { useApiError } from '../../components/useApiError.js';
// The page's own strings, registered when it loads.
import '../../i18n/imports.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { formatDateTime } from '../../format.js';
import { ForbiddenPage } from '../NotFoundPage.js';

function fieldLabel(field: string): string {
  if (field === 'seqNo' || field === 'village') return t(`imports.field.${field}` as MessageKey);
  return t(`field.${field}` as MessageKey);
}

/** 导入台账: upload a town's task table, check the preview, confirm; past imports below. */
export default function ImportsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ? Number(params.get('id')) : undefined;
  if (!me.abilities.importTaskTable) return <ForbiddenPage />;
  const open = (next: number | undefined) => setParams(next ? { id: String(next) } : {}, { replace: false });
  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Flex vertical gap={16}>
        {id === undefined ? <UploadCard onUploaded={open} /> : <PreviewCard id={id} onReset={() => open(undefined)} />}
        <HistoryCard onOpen={open} />
      </Flex>
    </>
  );
}

function UploadCard({ onUploaded }: { onUploaded: (id: number) => void }) {
  const upload = useUploadImport();
  return (
    <Card size="small" id="import-upload">
      <TownSheetUpload
        id="import"
        upload={upload}
        onUploaded={(p) => onUploaded(p.id)}
        fixSingleTown
        labels={{
          town: t('imports.town'),
          townPlaceholder: t('imports.townPlaceholder'),
          file: t('imports.file'),
          hint: t('imports.hint'),
          badType: t('imports.badType'),
          chooseTownFirst: t('imports.chooseTownFirst'),
          choose: t('imports.choose'),
          uploading: t('imports.uploading'),
        }}
        progressNote={(percent) => (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {percent < 100 ? t('imports.progress.sending') : t('imports.progress.checking')}
          </Typography.Text>
        )}
      />
    </Card>
  );
}

function PreviewCard({ id, onReset }: { id: number; onReset: () => void }) {
  const isPhone = useIsPhone();
  // Wide enough (≥ 1600 px) to keep the columns the official acts on fixed at the right with room
  // for the sheet's own beside them. At 1366 px they would leave the sheet a strip a third as wide,
  // its last columns lying under them until the table is scrolled.
  const wide = !!Grid.useBreakpoint().xxl;
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const header = useImport(id);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const rows = useImportRows(id, page, pageSize, filter);
  const confirm = useConfirmImport();
  const decide = useDecideImportRows(id);
  const mapValue = useMapImportValue(id);
  const [result, setResult] = useState<{ imported: number; linked: number; skipped: number } | null>(null);
  const showFilter = (f: RowFilter, on: boolean) => {
    setFilter(on ? f : 'all');
    setPage(1);
  };
  // A value the server could not tell in a choice column: the user says what it means, for every row.
  const mapAll = (field: ChoiceField, from: string, to: string) =>
    mapValue.mutate(
      { field, from, to },
      { onSuccess: (r) => void message.success(t('imports.mapped', { from, to: choiceLabels[field][to], count: r.changed })), onError: (err) => showError(err) },
    );
  const decideRows = (rowNos: number[], decision: DuplicateDecision, enterpriseId?: number) =>
    decide.mutate({ rowNos, decision, ...(enterpriseId !== undefined ? { enterpriseId } : {}) }, { onError: (err) => showError(err) });

  const imp = header.data;
  const mapped = useMemo(() => (imp?.columns ?? []).filter((c) => c.field && c.field !== 'seqNo'), [imp]);

  if (header.isError) return <QueryError error={header.error} onRetry={() => void header.refetch()} />;
  if (!imp) return <Card size="small" loading />;

  const done = result ?? (imp.status === 'confirmed' ? { imported: imp.importedCount, linked: 0, skipped: imp.rowCount - imp.importedCount } : null);
  if (done)
    return (
      <Card size="small" id="import-result">
        <Outcome
          status="success"
          icon={<CheckCircleOutlined />}
          title={done.skipped ? t('imports.doneSkipped', { count: done.imported, skipped: done.skipped }) : t('imports.done', { count: done.imported })}
          subTitle={`${imp.townName} · ${imp.fileName}${done.linked ? ` · ${t('imports.doneLinked', { count: done.linked })}` : ''}`}
          extra={[
            <Link key="register" to={`/enterprises?town=${encodeURIComponent(imp.townName)}`}>
              <Button type="primary" id="import-to-register">{t('imports.toRegister')}</Button>
            </Link>,
            <Button key="again" onClick={onReset}>
              {t('imports.again')}
            </Button>,
          ]}
        />
      </Card>
    );

  const valid = imp.rowCount - imp.errorCount;
  const undecided = imp.undecidedCount ?? 0;
  const pageUndecided = (rows.data?.items ?? []).filter((r) => r.errors.length === 0 && r.matches.length > 0 && r.decision === null).map((r) => r.rowNo);
  const run = (skipErrorRows: boolean) =>
    modal.confirm({
      title: skipErrorRows ? t('imports.confirmSkipTitle', { errors: imp.errorCount, valid }) : t('imports.confirmTitle', { rows: imp.rowCount }),
      content: t('imports.confirmHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        confirm.mutateAsync({ id, skipErrorRows }).then(
          (r) => setResult({ imported: r.imported, linked: r.linked, skipped: r.skipped }),
          (err: unknown) => showError(err),
        ),
    });

  const errorsOf = (r: ImportRowDto, field: string) => r.errors.filter((e) => e.field === field || (field === 'address' && e.field === 'villageId'));
  // What the check found (the problems, the look-alikes on the register, the village read from the
  // address) stays in view: fixed at the right on a wide screen (the sheet's own columns scroll
  // beneath them), right after the row number on a narrower one, at the top of each row's card on
  // a phone; problems and look-alikes are left out when no row of the import has them. Fixed cells
  // take the row's tint too.
  const anyMatches = imp.duplicateCount > 0 || (rows.data?.items ?? []).some((r) => r.matches.length > 0);
  const rowTint = (r: ImportRowDto) => (r.errors.length ? '#fff2f0' : r.matches.length && r.decision === null ? '#fffbe6' : undefined);
  const tinted = (r: ImportRowDto) => ({ style: { background: rowTint(r) } });
  const allColumns: DataColumn<ImportRowDto>[] = [
    { key: 'rowNo', title: t('imports.col.rowNo'), dataIndex: 'rowNo', width: 64, fixed: 'left', onCell: tinted, card: 'hidden' },
    { key: 'seqNo', title: t('imports.col.seqNo'), dataIndex: 'seqNo', width: 64 },
    ...mapped.map((c) => ({
      key: c.field!,
      title: fieldLabel(c.field!),
      render: (_: unknown, r: ImportRowDto) => {
        const bad = errorsOf(r, c.field!).length > 0;
        const v = r.values[c.field!];
        return <span style={bad ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v || t('common.empty')}</span>;
      },
      ...(c.field === 'address' || c.field === 'notes' || c.field === 'name' ? { wrap: 280 } : {}),
    })),
    {
      key: 'village',
      title: t('imports.col.village'),
      className: 'import-village-cell',
      fixed: wide ? 'right' : undefined,
      onCell: tinted,
      render: (_, r) => <span className="nowrap">{r.values.village ?? t('common.empty')}</span>,
    },
    {
      key: 'errors',
      title: t('imports.col.errors'),
      className: 'import-errors-cell',
      width: 280,
      fixed: wide ? 'right' : undefined,
      onCell: tinted,
      render: (_, r) =>
        r.errors.length === 0 ? null : (
          <Flex vertical>
            {r.errors.map((e, i) => {
              const field = e.field;
              const from = isChoiceField(field) ? r.values[field] : undefined;
              return (
                <Flex vertical key={i} gap={2}>
                  <Typography.Text type="danger">{t('common.labelled', { label: fieldLabel(e.field), value: e.message })}</Typography.Text>
                  {from !== undefined && isChoiceField(field) && (
                    <Select<string>
                      size="small"
                      data-map-value={`${field}:${from}`}
                      aria-label={t('imports.mapValue', { from })}
                      placeholder={t('imports.mapValue', { from })}
                      disabled={mapValue.isPending}
                      value={null}
                      options={Object.entries(choiceLabels[field]).map(([value, label]) => ({ value, label }))}
                      onChange={(to) => mapAll(field, from, to)}
                      style={{ maxWidth: 240 }}
                    />
                  )}
                </Flex>
              );
            })}
          </Flex>
        ),
    },
    {
      key: 'matches',
      title: t('imports.col.matches'),
      width: 300,
      fixed: wide ? 'right' : undefined,
      onCell: tinted,
      render: (_, r) =>
        r.matches.length === 0 ? null : (
          <Flex vertical gap={4} data-row-duplicate={r.rowNo}>
            {r.matches.map((m) => (
              <span key={m.id}>
                <Link to={`/enterprises/${m.id}`} target="_blank">
                  {m.name}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {t('common.parenthetical', { text: m.reasons.map((x) => t(`imports.reason.${x}` as MessageKey)).join(t('common.listSeparator')) })}
                </Typography.Text>
                {r.decision === null && r.errors.length === 0 && r.matches.length > 1 && (
                  <Button size="small" type="link" onClick={() => decideRows([r.rowNo], 'same', m.id)}>
                    {t('imports.decide.sameThis')}
                  </Button>
                )}
              </span>
            ))}
            {r.errors.length > 0 ? null : r.decision === null ? (
              <Flex gap={4} wrap>
                <Button size="small" className="import-decide-same" loading={decide.isPending} onClick={() => decideRows([r.rowNo], 'same')}>
                  {t('imports.decide.same')}
                </Button>
                <Button size="small" className="import-decide-different" loading={decide.isPending} onClick={() => decideRows([r.rowNo], 'different')}>
                  {t('imports.decide.different')}
                </Button>
              </Flex>
            ) : (
              <span>
                <Tag color={r.decision === 'same' ? 'blue' : 'green'}>
                  {r.decision === 'same' ? t('imports.decided.same') : t('imports.decided.different')}
                </Tag>
                <Button size="small" type="link" onClick={() => decideRows([r.rowNo], r.decision === 'same' ? 'different' : 'same')}>
                  {t('imports.decide.change')}
                </Button>
              </span>
            )}
          </Flex>
        ),
    },
  ];
  const shown = allColumns.filter((c) => (c.key !== 'errors' || imp.errorCount > 0) && (c.key !== 'matches' || anyMatches));
  const acted = (c: (typeof shown)[number]) => c.key === 'errors' || c.key === 'matches' || c.key === 'village';
  const first = (['errors', 'matches', 'village'] as const).flatMap((k) => shown.filter((c) => c.key === k));
  const columns = wide ? shown : [shown[0], ...first, ...shown.slice(1).filter((c) => !acted(c))];

  return (
    <Card size="small" id="import-preview" title={<span style={{ whiteSpace: 'normal' }}>{t('imports.preview', { file: imp.fileName })}</span>}>
      <Flex vertical gap={12}>
        <Alert
          type={imp.errorCount ? 'warning' : 'success'}
          showIcon
          title={imp.errorCount ? t('imports.summary', { rows: imp.rowCount, errors: imp.errorCount }) : t('imports.summaryOk', { rows: imp.rowCount })}
          description={imp.errorCount ? t('imports.hasErrors') : undefined}
        />
        {imp.duplicateCount > 0 && (
          <Alert
            id="import-duplicates"
            type={undecided ? 'warning' : 'info'}
            showIcon
            title={undecided ? t('imports.duplicates', { count: imp.duplicateCount, undecided }) : t('imports.duplicatesDecided', { count: imp.duplicateCount })}
            description={t('imports.duplicatesHint')}
          />
        )}
        <div id="import-mapping">
          <Typography.Text type="secondary">{t('imports.mapping')}：</Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 4 }}>
            {imp.columns.map((c) => (
              <Tag key={c.index} color={c.field ? 'blue' : undefined}>
                {c.header} → {c.field ? fieldLabel(c.field) : t('imports.mappingIgnored')}
              </Tag>
            ))}
          </Flex>
        </div>
        <Flex gap={16} wrap align="center">
          <Checkbox id="import-only-errors" checked={filter === 'errors'} onChange={(e) => showFilter('errors', e.target.checked)}>
            {t('imports.onlyErrors')}
          </Checkbox>
          {imp.duplicateCount > 0 && (
            <Checkbox id="import-only-duplicates" checked={filter === 'duplicates'} onChange={(e) => showFilter('duplicates', e.target.checked)}>
              {t('imports.onlyDuplicates')}
            </Checkbox>
          )}
          {pageUndecided.length > 0 && (
            <Button size="small" id="import-page-different" loading={decide.isPending} onClick={() => decideRows(pageUndecided, 'different')}>
              {t('imports.decide.pageDifferent', { count: pageUndecided.length })}
            </Button>
          )}
        </Flex>
        {rows.isError ? (
          <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
        ) : (
          <DataTable<ImportRowDto>
            id="import-rows"
            rowKey="rowNo"
            size="small"
            columns={columns}
            cardTitle={(r) => t('imports.rowN', { n: r.rowNo })}
            dataSource={rows.data?.items}
            loading={rows.isFetching}
            onRow={(r) =>
              ({
                style: rowTint(r) ? { background: rowTint(r) } : undefined,
                'data-has-errors': r.errors.length ? 'true' : undefined,
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: page,
              pageSize,
              total: rows.data?.total ?? 0,
              showSizeChanger: !isPhone,
              simple: isPhone,
              showTotal: (n) => t('imports.rowsTotal', { total: n }),
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
          />
        )}
        <Flex gap={8} wrap vertical={isPhone}>
          <Button type="primary" id="import-confirm" disabled={imp.errorCount > 0 || undecided > 0} loading={confirm.isPending} onClick={() => run(false)} block={isPhone}>
            {t('imports.confirm')}
          </Button>
          {imp.errorCount > 0 && valid > 0 && (
            <Button id="import-confirm-skip" danger disabled={undecided > 0} loading={confirm.isPending} onClick={() => run(true)} block={isPhone}>
              {t('imports.confirmSkip')}
            </Button>
          )}
          <Button id="import-discard" onClick={onReset} block={isPhone}>
            {t('imports.discard')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function HistoryCard({ onOpen }: { onOpen: (id: number) => void }) {
  const [page, setPage] = useState(1);
  const list = useImports(page);
  const columns: DataColumn<ImportDto>[] = [
    { key: 'createdAt', title: t('imports.hist.createdAt'), render: (_, r) => <span className="nowrap">{formatDateTime(r.createdAt)}</span> },
    { key: 'user', title: t('imports.hist.user'), dataIndex: 'userName' },
    { key: 'town', title: t('imports.hist.town'), dataIndex: 'townName' },
    { key: 'file', title: t('imports.hist.file'), dataIndex: 'fileName', wrap: 240, card: 'title' },
    { key: 'rows', title: t('imports.hist.rows'), dataIndex: 'rowCount' },
    { key: 'errors', title: t('imports.hist.errors'), dataIndex: 'errorCount' },
    { key: 'imported', title: t('imports.hist.imported'), dataIndex: 'importedCount' },
    {
      key: 'status',
      title: t('imports.hist.status'),
      card: 'title',
      render: (_, r) => <Tag color={r.status === 'confirmed' ? 'green' : r.status === 'preview' ? 'gold' : undefined}>{t(`imports.status.${r.status}` as MessageKey)}</Tag>,
    },
    { key: 'hash', title: t('imports.hist.hash'), card: 'hidden', render: (_, r) => <Typography.Text code copyable={{ text: r.fileSha256 }}>{r.fileSha256.slice(0, 12)}</Typography.Text> },
  ];
  const open = (r: ImportDto) => (
    <Button size="small" type="link" className="import-history-open" onClick={() => onOpen(r.id)}>
      {r.status === 'preview' ? t('imports.hist.open') : t('common.view')}
    </Button>
  );
  return (
    <Card size="small" title={t('imports.history')} id="import-history" className="table-card">
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable<ImportDto>
          rowKey="id"
          size="small"
          columns={columns}
          actions={{ render: open }}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, style: { paddingInline: 16 } }}
        />
      )}
    </Card>
  );
}
