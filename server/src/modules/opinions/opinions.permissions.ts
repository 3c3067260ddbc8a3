import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Who works on opinion reports (ADR 0103): members write their own (staff 'own' too, for what the office
 * records for a party, sector or informant); the opinions office manages them, scoped 'department' to the
 * office that owns each report (研究室 unless configured otherwise); leaders read all and write
 * instructions, which the office also records when they come on paper.
 */
export const OPINION = definePermissions([
  {
    code: 'opinion.submit',
    label: '撰写、提交本人的社情民意信息',
    module: 'opinions',
    defaults: { member: 'own', leader: 'own', staff: 'own' },
  },
  {
    code: 'opinion.manage',
    label: '社情民意受理、编辑、采用、报送、编发专刊与统计（信息工作部门）',
    module: 'opinions',
    defaults: { staff: 'department' },
  },
  { code: 'opinion.read', label: '查阅全部社情民意信息', module: 'opinions', defaults: { leader: 'all' } },
  {
    code: 'opinion.instruct',
    label: '批示社情民意信息（领导本人；信息工作部门登记收到的批示）',
    module: 'opinions',
    defaults: { leader: 'all', staff: 'department' },
  },
] as const);
