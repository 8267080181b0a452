import { Alert, App, Checkbox, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TownReportDto } from '../../../domain/reports.js';
import { useReportContent, useSignReport, type ReportContentDto } from '../../api/reports.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { t } from '../../i18n/index.js';
import '../../i18n/reportsPage.js';

type Row = ReportContentDto['content']['rows'][number];

export function ContentTable({ rows }: { rows: Row[] }) {
  return (
    <Table<Row>
      rowKey="seq"
      size="small"
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content', y: 360 }}
      dataSource={rows}
      columns={[
        { key: 'seq', title: t('reports.content.seq'), dataIndex: 'seq', width: 64 },
        { key: 'name', title: t('reports.content.name'), dataIndex: 'name' },
        { key: 'location', title: t('reports.content.location'), dataIndex: 'location' },
        { key: 'phone', title: t('reports.content.phone'), dataIndex: 'phone' },
        { key: 'notes', title: t('reports.content.notes'), dataIndex: 'notes' },
      ]}
    />
  );
}

/**
 * The principal's deliberate sign-off: the frozen rows are shown, the signer ticks that they have
 * checked them, and the signature is sent with the hash of exactly the content shown.
 */
export function SignReportModal({ report, onClose }: { report: TownReportDto | null; onClose: () => void }) {
  const { message } = App.useApp();
  const showError = useApiError();
  const content = useReportContent(report?.id ?? null);
  const sign = useSignReport();
  const [checked, setChecked] = useState(false);
  // Said beside the box, not in a toast: a toast would outlive the tick and sit beside the success message.
  const [confirmMissing, setConfirmMissing] = useState(false);
  const close = () => {
    setChecked(false);
    setConfirmMissing(false);
    onClose();
  };
  const submit = () => {
    if (!report || !content.data) return;
    if (!checked) {
      setConfirmMissing(true);
      return;
    }
    sign.mutate(
      { id: report.id, contentSha256: content.data.contentSha256 },
      {
        onSuccess: (r) => {
          void message.success(t(r.late ? 'reports.signedLate' : 'reports.signed', { version: r.version }));
          close();
        },
        onError: (err) => showError(err),
      },
    );
  };
  return (
    <ResponsiveModal
      open={report !== null}
      width={880}
      title={report ? t('reports.sign.title', { version: report.version }) : ''}
      okText={t('reports.sign.ok')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      confirmLoading={sign.isPending}
      okButtonProps={{ id: 'report-sign-submit', disabled: !content.data }}
    >
      <Alert type="info" showIcon message={t('reports.sign.intro')} style={{ marginBottom: 12 }} />
      {content.data && <ContentTable rows={content.data.content.rows} />}
      {content.data && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, wordBreak: 'break-all' }}>
            {t('reports.sign.sha', { sha: content.data.contentSha256 })}
          </Typography.Paragraph>
          <Checkbox
            id="report-sign-confirm"
            checked={checked}
            onChange={(e) => {
              setChecked(e.target.checked);
              if (e.target.checked) setConfirmMissing(false);
            }}
          >
            {t('reports.sign.confirm', { rows: content.data.content.rows.length })}
          </Checkbox>
          {confirmMissing && (
            <Typography.Text type="danger" id="report-sign-confirm-required" role="alert" style={{ display: 'block', marginTop: 4 }}>
              {t('reports.sign.confirmRequired')}
            </Typography.Text>
          )}
        </>
      )}
    </ResponsiveModal>
  );
}
