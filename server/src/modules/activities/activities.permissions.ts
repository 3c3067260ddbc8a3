import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Scope of the organiser permissions: 'department' covers events organised by the actor's departments
 * or created by the actor (谁组织谁记录); 'all' covers every event.
 */
export const ACT = definePermissions([
  {
    code: 'activity.read',
    label: '查看活动（委员：受邀的活动）',
    module: 'activities',
    defaults: { member: 'own', staff: 'all', leader: 'all' },
  },
  { code: 'activity.plan.read', label: '查看年度活动计划', module: 'activities', defaults: { member: 'all', staff: 'all', leader: 'all' } },
  { code: 'activity.plan.manage', label: '维护年度活动计划与活动类型', module: 'activities', defaults: { staff: 'all' } },
  {
    code: 'activity.event.manage',
    label: '组织活动（安排、邀请、签到、纪要、发言）',
    module: 'activities',
    defaults: { staff: 'department' },
  },
  { code: 'activity.leave.approve', label: '审批请假', module: 'activities', defaults: { staff: 'department' } },
  { code: 'activity.attend', label: '参加活动（回复、请假、签到）', module: 'activities', defaults: { member: 'own', leader: 'own' } },
  { code: 'activity.report.manage', label: '起草成果报告、登记办理情况', module: 'activities', defaults: { staff: 'department' } },
  { code: 'activity.report.approve', label: '审定成果报告', module: 'activities', defaults: { leader: 'all' } },
  { code: 'activity.rotation.manage', label: '安排委员列席常委会会议', module: 'activities', defaults: { staff: 'all' } },
  { code: 'activity.stats.read', label: '查看出勤统计', module: 'activities', defaults: { staff: 'all', leader: 'all' } },
] as const);
