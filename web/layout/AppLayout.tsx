import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet } from 'react-router';
import { useCampaign } from '../api/hooks.js';
import { assignmentLabel, useCurrentUser } from '../auth/CurrentUser.js';
import { t } from '../i18n/index.js';
import { Brand } from './Brand.js';
import { PhaseBadge } from './PhaseBadge.js';
import { documentTitle, platformName } from './platformName.js';
import { SideMenu } from './SideMenu.js';
import { InboxBell } from './InboxBell.js';
import { LanguageSwitch, LogoutButton, UserInfo } from './UserMenu.js';
import { useIsPhone } from '../components/useIsPhone.js';

const COLLAPSED_KEY = 'qudi.sider.collapsed';

/** The signed-in shell: a side menu on desktop, a drawer at phone widths, and the header bar. */
export function AppLayout() {
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const { data: campaign } = useCampaign();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => {
    document.title = documentTitle(campaign);
  }, [campaign]);

  const toggle = () => {
    localStorage.setItem(COLLAPSED_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };

  return (
    <Layout className="app-shell">
      {!isPhone && (
        <Layout.Sider width={240} collapsedWidth={64} collapsed={collapsed} trigger={null} className="app-sider">
          <div className="app-sider-inner">
            <Brand compact={collapsed} />
            <SideMenu />
          </div>
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#0b2545' }, header: { display: 'none' } }}
        >
          <Brand />
          <div className="drawer-user">
            <div className="drawer-user-name">{me.displayName}</div>
            {me.roles.map((r) => (
              <div key={`${r.role}-${r.orgUnitId}-${r.departmentId}`} className="drawer-user-role">
                {assignmentLabel(r)}
              </div>
            ))}
          </div>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={isPhone ? 4 : 12} style={{ minWidth: 0, flex: '1 1 auto' }}>
            {isPhone ? (
              <>
                <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} id="open-menu" onClick={() => setDrawerOpen(true)} />
                <Brand compact dark={false} />
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t('app.name')}
                </Typography.Text>
              </>
            ) : (
              <>
                <Button
                  type="text"
                  icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
                  onClick={toggle}
                />
                {campaign && (
                  <Typography.Text type="secondary" ellipsis className="header-campaign">
                    {campaign.documentNumber} · {campaign.title}
                  </Typography.Text>
                )}
              </>
            )}
          </Flex>
          <Flex align="center" gap={isPhone ? 4 : 16} style={{ flex: 'none' }}>
            <PhaseBadge compact={isPhone} />
            <InboxBell />
            <UserInfo compact={isPhone} />
            <LanguageSwitch />
            <LogoutButton compact={isPhone} />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin size="large" className="page-spin" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">
          {campaign ? t('app.footerWithIssuer', { issuer: campaign.issuer, platform: platformName(campaign, 'full') }) : t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
