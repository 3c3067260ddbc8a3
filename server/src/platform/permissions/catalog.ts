import type { Role, Scope } from '@xieshang/shared';

export interface PermissionDef {
  code: string;
  label: string;
  module: string;
  /** Grants seeded once; afterwards the security admin owns them. */
  defaults: Partial<Record<Role, Scope>>;
}

const catalog = new Map<string, PermissionDef>();

/** Modules declare their permissions at load time; the catalogue is the union. */
export function definePermissions<const T extends readonly PermissionDef[]>(defs: T): { [K in T[number]['code']]: K } {
  const codes = {} as Record<string, string>;
  for (const def of defs) {
    catalog.set(def.code, def);
    codes[def.code] = def.code;
  }
  return codes as { [K in T[number]['code']]: K };
}

export function permissionCatalog(): PermissionDef[] {
  return [...catalog.values()];
}

export const PLATFORM = definePermissions([
  { code: 'user.manage', label: '管理用户账号', module: 'platform', defaults: { sysadmin: 'all' } },
  { code: 'role.manage', label: '管理角色与权限、安全策略', module: 'platform', defaults: { secadmin: 'all' } },
  { code: 'audit.read', label: '查阅审计日志', module: 'platform', defaults: { auditor: 'all' } },
  { code: 'settings.manage', label: '管理系统设置', module: 'platform', defaults: { sysadmin: 'all' } },
  {
    code: 'notice.read',
    label: '查看通知与待办',
    module: 'platform',
    defaults: { member: 'own', staff: 'own', unit: 'own', leader: 'own', sysadmin: 'own', secadmin: 'own', auditor: 'own' },
  },
] as const);
