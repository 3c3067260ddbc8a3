/** The roles of DESIGN §1. The three admin roles are mutually exclusive (三权分立). */
export const ROLES = ['public', 'member', 'staff', 'unit', 'leader', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  public: '群众',
  member: '委员',
  staff: '机关工作人员',
  unit: '承办单位',
  leader: '主席会议成员',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
};

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const SCOPES = ['own', 'department', 'unit', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  own: '本人',
  department: '本部门',
  unit: '本单位',
  all: '全部',
};
