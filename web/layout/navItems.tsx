import { GlobalOutlined, NotificationOutlined, AuditOutlined, BarChartOutlined, DatabaseOutlined, EnvironmentOutlined, HomeOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MeDto } from '../../domain/api.js';
import { t } from '../i18n/index.js';
import { AlertOutlined, CarOutlined, CheckSquareOutlined, EyeOutlined, FileProtectOutlined, SoundOutlined, ClusterOutlined, SafetyCertificateOutlined, ScheduleOutlined, RobotOutlined, ExclamationCircleOutlined } from '@ant-design/icons';

export interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
}

/** The menu entries this user may use, in menu order: each one the server's abilities allow (an entry never leads to a page the user cannot open). */
export function navItems(me: MeDto): NavItem[] {
  const items: (NavItem | false)[] = [
    { key: 'home', path: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: 'enterprises', path: '/enterprises', icon: <DatabaseOutlined />, label: t('nav.enterprises') },
    { key: 'map', path: '/map', icon: <GlobalOutlined />, label: t('nav.map') },
    me.abilities.viewDashboard && { key: 'dashboard', path: '/dashboard', icon: <BarChartOutlined />, label: t('nav.dashboard') },
    me.abilities.viewDepartmentRequests && { key: 'requests', path: '/requests', icon: <ScheduleOutlined />, label: t('nav.requests') },
    me.abilities.viewJointOperations && { key: 'joint-operations', path: '/joint-operations', icon: <ClusterOutlined />, label: t('nav.jointOperations') },
    me.abilities.viewIncidents && { key: 'incidents', path: '/incidents', icon: <AlertOutlined />, label: t('nav.incidents') },
    me.abilities.viewCases && { key: 'cases', path: '/cases', icon: <FileProtectOutlined />, label: t('nav.cases') },
    me.abilities.viewInterceptions && { key: 'interceptions', path: '/interceptions', icon: <CarOutlined />, label: t('nav.interceptions') },
    me.abilities.viewAcceptance && { key: 'acceptance', path: '/acceptance', icon: <CheckSquareOutlined />, label: t('nav.acceptance') },
    me.abilities.viewSupervision && { key: 'supervision', path: '/supervision', icon: <EyeOutlined />, label: t('nav.supervision') },
    me.abilities.viewTips && { key: 'tips', path: '/tips', icon: <SoundOutlined />, label: t('nav.tips') },
    me.abilities.viewAccountability && { key: 'accountability', path: '/accountability', icon: <ExclamationCircleOutlined />, label: t('nav.accountability') },
    me.abilities.viewReports && { key: 'reports', path: '/reports', icon: <AuditOutlined />, label: t('nav.reports') },
    me.abilities.viewMobilisation && { key: 'mobilisation', path: '/mobilisation', icon: <NotificationOutlined />, label: t('nav.mobilisation') },
    me.abilities.importTaskTable && { key: 'imports', path: '/imports', icon: <ImportOutlined />, label: t('nav.imports') },
    me.abilities.viewSelfInspection && { key: 'self-inspection', path: '/self-inspection', icon: <SafetyCertificateOutlined />, label: t('nav.selfInspection') },
    me.abilities.createVillage && { key: 'villages', path: '/villages', icon: <EnvironmentOutlined />, label: t('nav.villages') },
    me.abilities.manageWebhooks && { key: 'webhooks', path: '/webhooks', icon: <RobotOutlined />, label: t('nav.webhooks') },
    me.abilities.manageUsers && { key: 'users', path: '/users', icon: <TeamOutlined />, label: t('nav.users') },
  ];
  return items.filter((i): i is NavItem => i !== false);
}

/** The menu key for a location: the first path segment, or home. */
export function selectedNavKey(pathname: string): string {
  const first = pathname.split('/').filter(Boolean)[0];
  return first ?? 'home';
}
