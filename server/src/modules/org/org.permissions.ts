import { definePermissions } from '../../platform/permissions/catalog.js';

export const ORG = definePermissions([
  {
    code: 'org.read',
    label: '查看组织机构与委员名录',
    module: 'org',
    defaults: { member: 'all', staff: 'all', leader: 'all', unit: 'all', sysadmin: 'all' },
  },
  { code: 'org.manage', label: '维护组织机构与委员信息（含名册导入）', module: 'org', defaults: { sysadmin: 'all', staff: 'all' } },
  {
    code: 'member.personal.read',
    label: '查看委员个人信息（明文）',
    module: 'org',
    defaults: { staff: 'all', leader: 'all', sysadmin: 'all', member: 'own' },
  },
  {
    code: 'member.contact.update',
    label: '修改委员联系方式（手机、邮箱）',
    module: 'org',
    defaults: { member: 'own', staff: 'all', sysadmin: 'all' },
  },
  { code: 'member.export', label: '导出委员名册与组织机构名单', module: 'org', defaults: { staff: 'all', sysadmin: 'all' } },
] as const);
