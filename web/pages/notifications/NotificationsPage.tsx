// 通知: the signed-in user's notices, unread first by default; opening one marks it read and goes to
// the page it is about; 全部标为已读 clears the rest.
import { Button, Flex, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '../../../domain/notifications.js';
import { useMarkRead, useNotifications } from '../../api/notifications.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PagedList } from '../../components/PagedList.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/inbox.js';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [page, setPage] = useState(1);
  const list = useNotifications(unreadOnly, page, PAGE_SIZE);
  const mark = useMarkRead();
  const navigate = useNavigate();
  const open = (n: NotificationDto) => {
    if (n.readAt === null) mark.mutate(n.id);
    void navigate(n.link);
  };
  const columns: DataColumn<NotificationDto>[] = [
    {
      key: 'title',
      card: 'title',
      title: t('inbox.col.title'),
      wrap: 220,
      render: (_, n) => (
        <Typography.Link strong={n.readAt === null} onClick={() => open(n)} className="inbox-item">
          {n.title}
        </Typography.Link>
      ),
    },
    { key: 'body', title: t('inbox.col.body'), wrap: 420, render: (_, n) => n.body },
    { key: 'time', title: t('inbox.col.time'), render: (_, n) => formatDateTime(n.createdAt) },
    { key: 'state', title: t('inbox.col.state'), render: (_, n) => (n.readAt === null ? <Tag color="red">{t('inbox.new')}</Tag> : <Tag>{t('inbox.read')}</Tag>) },
  ];
  return (
    <>
      <PageHeader title={t('inbox.title')} subtitle={t('inbox.hint')} />
      <Flex vertical gap={12} className="section-card">
        <Flex gap={8} wrap align="center" justify="space-between">
          <Radio.Group
            id="inbox-filter"
            optionType="button"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(e) => {
              setPage(1);
              setUnreadOnly(e.target.value === 'unread');
            }}
            options={[
              { value: 'unread', label: t('inbox.filter.unread') },
              { value: 'all', label: t('inbox.filter.all') },
            ]}
          />
          {list.data && (
            <Typography.Text type="secondary" id="inbox-total">
              {t('inbox.total', { total: list.data.total, unread: list.data.unread })}
            </Typography.Text>
          )}
          <Button id="inbox-read-all" disabled={!list.data?.unread} loading={mark.isPending && mark.variables === 'all'} onClick={() => mark.mutate('all')}>
            {t('inbox.readAll')}
          </Button>
        </Flex>
        <PagedList<NotificationDto>
          id="inbox-list"
          rowKey="id"
          columns={columns}
          query={list}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t(unreadOnly ? 'inbox.emptyUnread' : 'inbox.empty')}
        />
      </Flex>
    </>
  );
}
