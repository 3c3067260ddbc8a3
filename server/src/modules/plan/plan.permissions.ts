import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Leaders and staff read every plan (an internal document of the 机关); members read adopted plans only;
 * units have no access. Staff act for their departments; leaders supervise the items they are responsible for.
 */
export const PLAN = definePermissions([
  { code: 'plan.read', label: '查看工作要点', module: 'plan', defaults: { leader: 'all', staff: 'all', member: 'all' } },
  { code: 'plan.progress.read', label: '查看要点进展、督办意见与草稿', module: 'plan', defaults: { leader: 'all', staff: 'all' } },
  { code: 'plan.manage', label: '导入与维护工作要点', module: 'plan', defaults: { staff: 'all' } },
  { code: 'plan.export', label: '导出工作要点与督办台账', module: 'plan', defaults: { staff: 'all', leader: 'all' } },
  { code: 'plan.item.report', label: '报送要点进展（主责部门）', module: 'plan', defaults: { staff: 'department' } },
  { code: 'plan.item.supervise', label: '督办工作要点（责任领导）', module: 'plan', defaults: { leader: 'own' } },
] as const);
