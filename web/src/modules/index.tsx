import { lazy } from 'react';
import { HomeOutlined, BellOutlined, TeamOutlined, SafetyOutlined, AuditOutlined } from '@ant-design/icons';
import { ApartmentOutlined, IdcardOutlined } from '@ant-design/icons';
import { always, hasPermission, type PageDef } from './registry';

/**
 * Every page of the staff app. Each module adds its pages here (lazy, so that each loads on first use);
 * the menu and the router are both derived from this list.
 */
export const pages: PageDef[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined />, element: lazy(() => import('../platform/WorkbenchPage')), visible: always },
  { path: '/notifications', label: '通知', icon: <BellOutlined />, element: lazy(() => import('../platform/NotificationsPage')), visible: always },
  { path: '/account', element: lazy(() => import('../platform/AccountPage')), visible: always },
  { path: '/members', label: '委员名录', group: '组织机构', icon: <IdcardOutlined />, element: lazy(() => import('./org/MembersPage')), visible: hasPermission('org.read') },
  { path: '/org', label: '组织机构', group: '组织机构', icon: <ApartmentOutlined />, element: lazy(() => import('./org/OrgPage')), visible: hasPermission('org.read') },
  { path: '/admin/users', label: '用户管理', group: '系统管理', icon: <TeamOutlined />, element: lazy(() => import('../platform/UsersPage')), visible: (me) => Boolean(me.permissions['user.manage'] || me.permissions['role.manage']) },
  { path: '/admin/roles', label: '角色权限与安全策略', group: '系统管理', icon: <SafetyOutlined />, element: lazy(() => import('../platform/RolesPage')), visible: hasPermission('role.manage') },
  { path: '/admin/audit', label: '审计日志', group: '系统管理', icon: <AuditOutlined />, element: lazy(() => import('../platform/AuditPage')), visible: hasPermission('audit.read') },
];
