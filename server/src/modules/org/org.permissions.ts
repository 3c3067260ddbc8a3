import { definePermissions } from '../../platform/permissions/catalog.js';

export const ORG = definePermissions([
  { code: 'org.read', label: '查看组织机构与委员名录', module: 'org', defaults: { member: 'all', staff: 'all', leader: 'all', unit: 'all', sysadmin: 'all' } },
  { code: 'org.manage', label: '维护组织机构与委员信息', module: 'org', defaults: { sysadmin: 'all', staff: 'all' } },
  { code: 'member.personal.read', label: '查看委员个人信息（明文）', module: 'org', defaults: { staff: 'all', leader: 'all', sysadmin: 'all', member: 'own' } },
  { code: 'member.export', label: '导出委员名册', module: 'org', defaults: { staff: 'all', sysadmin: 'all' } },
] as const);
