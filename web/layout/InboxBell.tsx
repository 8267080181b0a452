// 通知 in the header: a bell with the unread count (polled every minute), opening the inbox page.
import { BellOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../api/notifications.js';
import { t } from '../i18n/index.js';

export function InboxBell() {
  const unread = useUnreadCount().data?.unread ?? 0;
  const navigate = useNavigate();
  const label = unread > 0 ? t('inbox.unread', { count: unread }) : t('inbox.title');
  return (
    <Button id="inbox-bell" type="text" aria-label={label} title={label} onClick={() => void navigate('/notifications')} className="inbox-bell">
      <BellOutlined />
      {unread > 0 && (
        <span className="inbox-count" id="inbox-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Button>
  );
}
