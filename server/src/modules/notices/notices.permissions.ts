import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Who works with notices and briefings (ADR 0119): the staff of a department draft, publish and withdraw
 * their department's notices and see who has read them (scope 'department'; 'all' for an office that
 * oversees every department's); members, leaders and staff read what is sent to them.
 */
export const NOTICE = definePermissions([
  {
    code: 'notice.manage',
    label: '起草、发布、撤回通知通报，查看阅读情况（本部门）',
    module: 'notices',
    defaults: { staff: 'department' },
  },
  {
    code: 'notice.receive',
    label: '阅读发给本人的通知通报',
    module: 'notices',
    defaults: { member: 'own', leader: 'own', staff: 'own' },
  },
] as const);
