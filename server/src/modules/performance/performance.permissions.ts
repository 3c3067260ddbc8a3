import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Who works with duty records: members read their own record and submit their own entries; the committee's
 * staff keep the records (rules, entries, reminders); leaders read every record and the evaluation.
 */
export const PERF = definePermissions([
  {
    code: 'performance.read',
    label: '查看履职档案（委员：本人）',
    module: 'performance',
    defaults: { member: 'own', staff: 'all', leader: 'all' },
  },
  { code: 'performance.evaluate', label: '查看履职评价、导出', module: 'performance', defaults: { staff: 'all', leader: 'all' } },
  { code: 'performance.rules.manage', label: '维护积分规则与达标分数线', module: 'performance', defaults: { staff: 'all' } },
  {
    code: 'performance.entry.manage',
    label: '登记、审核委员履职（履职作业等）、发送履职提醒',
    module: 'performance',
    defaults: { staff: 'all' },
  },
  {
    code: 'performance.entry.submit',
    label: '申报本人履职（履职作业等）',
    module: 'performance',
    defaults: { member: 'own', leader: 'own' },
  },
] as const);
