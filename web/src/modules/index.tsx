import { lazy } from 'react';
import { CarryOutOutlined, EyeOutlined, ScheduleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { HomeOutlined, BellOutlined, TeamOutlined, SafetyOutlined, AuditOutlined } from '@ant-design/icons';
import { ApartmentOutlined, IdcardOutlined } from '@ant-design/icons';
import { CalendarOutlined, CheckSquareOutlined, PieChartOutlined, TableOutlined } from '@ant-design/icons';
import { BarChartOutlined, FileTextOutlined, InboxOutlined, SolutionOutlined, StarOutlined } from '@ant-design/icons';
import { always, hasPermission, type PageDef } from './registry';

/**
 * Every page of the staff app. Each module adds its pages here (lazy, so that each loads on first use);
 * the menu and the router are both derived from this list.
 */
export const pages: PageDef[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined />, element: lazy(() => import('../platform/WorkbenchPage')), visible: always },
  { path: '/notifications', label: '通知', icon: <BellOutlined />, element: lazy(() => import('../platform/NotificationsPage')), visible: always },
  { path: '/account', element: lazy(() => import('../platform/AccountPage')), visible: always },
  { path: '/plan', label: '工作要点', group: '工作要点', icon: <ScheduleOutlined />, element: lazy(() => import('./plan/PlansPage')), visible: hasPermission('plan.read') },
  { path: '/plan/supervision', label: '我的督办', group: '工作要点', icon: <EyeOutlined />, element: lazy(() => import('./plan/PlanMinePages').then((m) => ({ default: m.LeaderItemsPage }))), visible: hasPermission('plan.item.supervise') },
  { path: '/plan/tasks', label: '我部门的任务', group: '工作要点', icon: <CarryOutOutlined />, element: lazy(() => import('./plan/PlanMinePages').then((m) => ({ default: m.DepartmentItemsPage }))), visible: hasPermission('plan.item.report') },
  { path: '/plan/items', label: '条目查询', group: '工作要点', icon: <UnorderedListOutlined />, element: lazy(() => import('./plan/PlanItemsPage')), visible: hasPermission('plan.progress.read') },
  { path: '/plan/import', element: lazy(() => import('./plan/PlanImportPage')), visible: hasPermission('plan.manage') },
  { path: '/plan/items/:id', element: lazy(() => import('./plan/PlanItemPage')), visible: hasPermission('plan.read') },
  { path: '/plan/:id', element: lazy(() => import('./plan/PlanPage')), visible: hasPermission('plan.read') },
  { path: '/plan/:id/dashboard', element: lazy(() => import('./plan/PlanDashboardPage')), visible: hasPermission('plan.read') },
  { path: '/activities/mine', label: '我的活动', group: '协商活动', icon: <CheckSquareOutlined />, element: lazy(() => import('./activities/MyActivitiesPage')), visible: hasPermission('activity.attend') },
  { path: '/activities/calendar', label: '活动日历', group: '协商活动', icon: <CalendarOutlined />, element: lazy(() => import('./activities/CalendarPage')), visible: (me) => Boolean(me.permissions['activity.read'] || me.permissions['activity.event.manage']) },
  { path: '/activities/plan', label: '年度活动计划', group: '协商活动', icon: <TableOutlined />, element: lazy(() => import('./activities/YearPlanPage')), visible: hasPermission('activity.plan.read') },
  { path: '/activities/rotation', label: '列席安排', group: '协商活动', icon: <TeamOutlined />, element: lazy(() => import('./activities/RotationPage')), visible: hasPermission('activity.rotation.manage') },
  { path: '/activities/stats', label: '出勤统计', group: '协商活动', icon: <PieChartOutlined />, element: lazy(() => import('./activities/StatsPage')), visible: hasPermission('activity.stats.read') },
  { path: '/activities/checkin', element: lazy(() => import('./activities/CheckinPage')), visible: hasPermission('activity.attend') },
  { path: '/activities/events/:id', element: lazy(() => import('./activities/EventPage')), visible: always },
  { path: '/members', label: '委员名录', group: '组织机构', icon: <IdcardOutlined />, element: lazy(() => import('./org/MembersPage')), visible: hasPermission('org.read') },
  { path: '/members/:id', element: lazy(() => import('./org/MembersPage')), visible: hasPermission('org.read') },
  { path: '/org', label: '组织机构', group: '组织机构', icon: <ApartmentOutlined />, element: lazy(() => import('./org/OrgPage')), visible: hasPermission('org.read') },
  { path: '/proposals/mine', label: '我的提案', group: '提案工作', icon: <FileTextOutlined />, element: lazy(() => import('./proposals/MyProposalsPage')), visible: hasPermission('proposal.submit') },
  { path: '/proposals/new', element: lazy(() => import('./proposals/ProposalFormPage')), visible: hasPermission('proposal.submit') },
  { path: '/proposals/office', label: '提案办理', group: '提案工作', icon: <InboxOutlined />, element: lazy(() => import('./proposals/OfficeQueuePage')), visible: hasPermission('proposal.manage') },
  { path: '/proposals/unit', label: '承办提案', group: '提案工作', icon: <SolutionOutlined />, element: lazy(() => import('./proposals/UnitQueuePage')), visible: hasPermission('proposal.handle') },
  { path: '/proposals/key', label: '重点提案', group: '提案工作', icon: <StarOutlined />, element: lazy(() => import('./proposals/KeyProposalsPage')), visible: (me) => Boolean(me.permissions['proposal.read'] || me.permissions['proposal.manage']) },
  { path: '/proposals/stats', label: '提案统计', group: '提案工作', icon: <BarChartOutlined />, element: lazy(() => import('./proposals/StatsPage')), visible: (me) => Boolean(me.permissions['proposal.read'] || me.permissions['proposal.manage']) },
  { path: '/proposals/:id/edit', element: lazy(() => import('./proposals/ProposalFormPage')), visible: hasPermission('proposal.submit') },
  { path: '/proposals/:id', element: lazy(() => import('./proposals/ProposalDetailPage')), visible: always },
  { path: '/admin/users', label: '用户管理', group: '系统管理', icon: <TeamOutlined />, element: lazy(() => import('../platform/UsersPage')), visible: (me) => Boolean(me.permissions['user.manage'] || me.permissions['role.manage']) },
  { path: '/admin/roles', label: '角色权限与安全策略', group: '系统管理', icon: <SafetyOutlined />, element: lazy(() => import('../platform/RolesPage')), visible: hasPermission('role.manage') },
  { path: '/admin/audit', label: '审计日志', group: '系统管理', icon: <AuditOutlined />, element: lazy(() => import('../platform/AuditPage')), visible: hasPermission('audit.read') },
];
