// 通报批评 on the acceptance pages: the notices the user sees (on a town's page, those naming it),
// and — for the office and the inspection group — drafting one for the towns that failed.
import { Button, Card, Checkbox, Form, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { noticeDraftSchema, type NoticeDto } from '../../../domain/criticism.js';
import { useNotices, useNoticeWrite } from '../../api/acceptance.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, metaLine } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';

export function NoticeStatusTag({ notice }: { notice: Pick<NoticeDto, 'status'> }) {
  return notice.status === 'issued' ? <Tag color="red">{t('acc.notice.issued')}</Tag> : <Tag>{t('acc.notice.draft')}</Tag>;
}

/** `failedTowns`: the towns a new notice may name (failed or rectifying); `townId`: only the notices naming this town. */
export function NoticesCard({ failedTowns, townId }: { failedTowns: { id: number; name: string }[]; townId?: number }) {
  const notices = useNotices();
  const [drafting, setDrafting] = useState(false);
  const items = (notices.data?.items ?? []).filter((n) => townId === undefined || n.towns.some((x) => x.id === townId));
  if (notices.data && items.length === 0 && !(notices.data.canDraft && failedTowns.length > 0)) return null;
  return (
    <Card
      size="small"
      title={t('acc.notice.title')}
      style={{ marginTop: 16 }}
      extra={
        notices.data?.canDraft &&
        failedTowns.length > 0 && (
          <Button size="small" id="notice-draft" onClick={() => setDrafting(true)}>
            {t('acc.notice.new')}
          </Button>
        )
      }
    >
      <List
        id="notices"
        size="small"
        loading={notices.isPending}
        locale={{ emptyText: t('acc.notice.empty') }}
        dataSource={items}
        renderItem={(n) => (
          <List.Item key={n.id}>
            <Typography.Text>
              <NoticeStatusTag notice={n} /> <Link to={`/acceptance/notices/${n.id}`}>{n.number ? `${n.number} ${n.title}` : n.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {metaLine(n.towns.map((x) => x.name).join(t('common.listSeparator')), formatDate(n.datedOn))}
              </Typography.Text>
            </Typography.Text>
          </List.Item>
        )}
      />
      {drafting && <DraftDialog towns={failedTowns} onClose={() => setDrafting(false)} />}
    </Card>
  );
}

function DraftDialog({ towns, onClose }: { towns: { id: number; name: string }[]; onClose: () => void }) {
  const [form] = Form.useForm();
  const write = useNoticeWrite();
  const showError = useApiError();
  const navigate = useNavigate();
  const submit = () => {
    const data = validateWithSchema(form, noticeDraftSchema, { townIds: form.getFieldValue('townIds') ?? [] });
    if (!data) return;
    write.mutate(
      { method: 'post', path: '/api/acceptance/notices', body: data },
      { onSuccess: (n) => void navigate(`/acceptance/notices/${n.id}`), onError: (e) => showError(e, { form }) },
    );
  };
  return (
    <ResponsiveModal open title={t('acc.notice.new')} onCancel={onClose} onOk={submit} okText={t('acc.notice.compose')} okButtonProps={{ loading: write.isPending, id: 'notice-draft-submit' }}>
      <Typography.Paragraph type="secondary">{t('acc.notice.draftHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="notice-draft" initialValues={{ townIds: towns.map((x) => x.id) }}>
        <Form.Item name="townIds" label={t('acc.notice.towns')} required>
          <Checkbox.Group options={towns.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
