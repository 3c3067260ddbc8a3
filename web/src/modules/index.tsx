import { lazy } from 'react';
import { HomeOutlined, BellOutlined } from '@ant-design/icons';
import { always, type PageDef } from './registry';

/**
 * Every page of the staff app. Each module adds its pages here (lazy, so that each loads on first use);
 * the menu and the router are both derived from this list.
 */
export const pages: PageDef[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined />, element: lazy(() => import('../platform/WorkbenchPage')), visible: always },
  { path: '/notifications', label: '通知', icon: <BellOutlined />, element: lazy(() => import('../platform/NotificationsPage')), visible: always },
  { path: '/account', element: lazy(() => import('../platform/AccountPage')), visible: always },
];
