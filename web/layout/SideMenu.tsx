import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/CurrentUser.js';
import { navItems, selectedNavKey } from './navItems.js';

export function SideMenu({ onNavigate, theme = 'dark' }: { onNavigate?: () => void; theme?: 'dark' | 'light' }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navItems(me);
  return (
    <Menu
      theme={theme}
      mode="inline"
      selectedKeys={[selectedNavKey(pathname)]}
      items={items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }))}
      onClick={({ key }) => {
        const item = items.find((i) => i.key === key);
        if (item) void navigate(item.path);
        onNavigate?.();
      }}
    />
  );
}
