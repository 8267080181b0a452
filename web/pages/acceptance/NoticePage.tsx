// 一份通报批评: a draft's every field, edited in Qudi (the 公文's layout comes from the server's
// GB/T 9704 builder; the Word file can be downloaded to look at it at any time), then issued by the
// office — numbered and archived; an issued notice is shown as archived, with the file and its hash.
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Typography } from 'antd';
import { useParams } from 'react-router';
import { noticeEditSchema, type NoticeDto } from '../../../domain/criticism.js';
import { noticeDocumentUrl, useNotice, useNoticeWrite } from '../../api/acceptance.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerDate, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The acceptance stage's page strings, registered when this module loads.
import '../../i18n/stage3.js';
import { NoticeStatusTag } from './Notices.js';

export default function NoticePage() {
  const id = Number(useParams().id);
  const notice = useNotice(id);
  return (
    <QueryState query={notice}>
      {(n) => (
        <>
          <PageHeader title={n.number ?? t('acc.notice.draftTitle')} tags={<NoticeStatusTag notice={n} />} subtitle={n.title} back={{ to: '/acceptance', label: t('acc.title') }} />
          {n.abilities.edit ? <NoticeForm notice={n} /> : <IssuedNotice notice={n} />}
        </>
      )}
    </QueryState>
  );
}

function DownloadLink({ notice }: { notice: NoticeDto }) {
  return (
    <a href={noticeDocumentUrl(notice.id)} className="notice-download">
      <DownloadOutlined /> {notice.status === 'issued' ? t('acc.notice.downloadIssued') : t('acc.notice.downloadDraft')}
    </a>
  );
}

function IssuedNotice({ notice: n }: { notice: NoticeDto }) {
  return (
    <Card size="small" id="notice">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('acc.notice.f.issuerMark')}>{n.issuerMark}</Descriptions.Item>
        <Descriptions.Item label={t('acc.notice.f.addressees')}>{n.addressees}</Descriptions.Item>
        <Descriptions.Item label={t('acc.notice.f.signature')}>{metaLine(n.signature, formatDate(n.datedOn))}</Descriptions.Item>
        {n.issuedAt && <Descriptions.Item label={t('acc.notice.issuedBy')}>{metaLine(n.issuedBy, formatDateTime(n.issuedAt))}</Descriptions.Item>}
        {n.documentSha256 && (
          <Descriptions.Item label="SHA-256">
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {n.documentSha256}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} id="notice-body">
        {n.body}
      </Typography.Paragraph>
      <DownloadLink notice={n} />
    </Card>
  );
}

const FIELDS = ['issuerMark', 'numberPrefix', 'title', 'addressees', 'signature', 'copyTo', 'printedBy'] as const;

function NoticeForm({ notice: n }: { notice: NoticeDto }) {
  const [form] = Form.useForm();
  const write = useNoticeWrite();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const values = () => {
    const v = form.getFieldsValue();
    return { version: n.version, ...Object.fromEntries(FIELDS.map((f) => [f, v[f] ?? ''])), body: v.body ?? '', datedOn: pickerValue(v.datedOn), printedOn: pickerValue(v.printedOn) };
  };
  const save = (then?: (saved: NoticeDto) => void) => {
    const data = validateWithSchema(form, noticeEditSchema, values());
    if (!data) return;
    write.mutate(
      { method: 'patch', path: `/api/acceptance/notices/${n.id}`, body: data },
      {
        onSuccess: (saved) => (then ? then(saved) : void message.success(t('acc.notice.saved'))),
        onError: (e) => showError(e, { form }),
      },
    );
  };
  const issue = () =>
    save((saved) =>
      modal.confirm({
        title: t('acc.notice.issue'),
        content: t('acc.notice.issueConfirm'),
        okButtonProps: { id: 'notice-issue-confirm' },
        onOk: () =>
          write.mutateAsync({ method: 'post', path: `/api/acceptance/notices/${n.id}/issue`, body: { version: saved.version } }).then(
            (issued) => void message.success(t('acc.notice.issuedAs', { number: issued.number ?? '' })),
            (e: unknown) => showError(e),
          ),
      }),
    );
  return (
    <Card size="small" id="notice">
      <Typography.Paragraph type="secondary">{t('acc.notice.editHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="notice" initialValues={{ ...n, datedOn: pickerDate(n.datedOn), printedOn: pickerDate(n.printedOn) }}>
        <Flex gap={12} wrap>
          <Form.Item name="issuerMark" label={t('acc.notice.f.issuerMark')} required style={{ flex: '2 1 320px' }}>
            <Input id="notice-issuerMark" maxLength={60} />
          </Form.Item>
          <Form.Item name="numberPrefix" label={t('acc.notice.f.numberPrefix')} required extra={t('acc.notice.f.numberPrefixHint')} style={{ flex: '1 1 200px' }}>
            <Input id="notice-numberPrefix" maxLength={30} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('acc.notice.f.title')} required>
          <Input id="notice-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="addressees" label={t('acc.notice.f.addressees')} required>
          <Input id="notice-addressees" maxLength={300} />
        </Form.Item>
        <Form.Item name="body" label={t('acc.notice.f.body')} required extra={t('acc.notice.f.bodyHint')}>
          <Input.TextArea id="notice-body-input" autoSize={{ minRows: 10, maxRows: 30 }} maxLength={20000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="signature" label={t('acc.notice.f.signature')} required style={{ flex: '2 1 320px' }}>
            <Input id="notice-signature" maxLength={60} />
          </Form.Item>
          <Form.Item name="datedOn" label={t('acc.notice.f.datedOn')} required style={{ flex: '1 1 160px' }}>
            <DatePicker inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="copyTo" label={t('acc.notice.f.copyTo')}>
          <Input id="notice-copyTo" maxLength={300} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="printedBy" label={t('acc.notice.f.printedBy')} required style={{ flex: '2 1 320px' }}>
            <Input id="notice-printedBy" maxLength={60} />
          </Form.Item>
          <Form.Item name="printedOn" label={t('acc.notice.f.printedOn')} required style={{ flex: '1 1 160px' }}>
            <DatePicker inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
      <Flex gap={8} wrap align="center">
        <Button id="notice-save" loading={write.isPending} onClick={() => save()}>
          {t('acc.notice.save')}
        </Button>
        {n.abilities.issue && (
          <Button type="primary" danger icon={<SendOutlined />} id="notice-issue" loading={write.isPending} onClick={issue}>
            {t('acc.notice.issue')}
          </Button>
        )}
        <DownloadLink notice={n} />
      </Flex>
    </Card>
  );
}
