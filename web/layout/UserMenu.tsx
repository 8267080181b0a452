import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/hooks.js';
import { assignmentLabel, useCurrentUser } from '../auth/CurrentUser.js';
import { chooseLocale, currentLocale, t } from '../i18n/index.js';

/** Who is signed in: name, and role with scope (every assignment, one per line in the tooltip). */
export function UserInfo({ compact }: { compact: boolean }) {
  const me = useCurrentUser();
  const roles = me.roles.map(assignmentLabel);
  return (
    <Tooltip title={roles.length > 1 ? roles.join(t('common.listSeparator')) : undefined}>
      <div className="user-info" id="current-user">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f4e99', flex: 'none' }} />
        {!compact && (
          <span className="user-info-text">
            <span className="user-info-name">{me.displayName}</span>
            <span className="user-info-role">{roles[0]}</span>
          </span>
        )}
      </div>
    </Tooltip>
  );
}

export function LogoutButton({ compact }: { compact: boolean }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Button
      id="logout"
      type="text"
      icon={<LogoutOutlined />}
      loading={logout.isPending}
      aria-label={t('header.logout')}
      onClick={() =>
        logout.mutate(undefined, {
          onSettled: () => {
            void message.success(t('header.loggedOut'));
            void navigate('/login', { replace: true });
          },
        })
      }
    >
      {compact ? null : t('header.logout')}
    </Button>
  );
}

/** 中文 / English: fetches the other language and reloads the page in it (kept in this browser). */
export function LanguageSwitch() {
  const { message } = App.useApp();
  const other = currentLocale() === 'en' ? 'zh-CN' : 'en';
  return (
    <Tooltip title={t('header.languageHint')}>
      <Button
        id="language-switch"
        type="text"
        size="small"
        lang={other}
        aria-label={t('header.languageHint')}
        onClick={() =>
          void chooseLocale(other).then(
            () => window.location.reload(),
            () => void message.error(t('error.network')),
          )
        }
      >
        {t('header.language')}
      </Button>
    </Tooltip>
  );
}
