import { ADMIN_ROLES, ROLE_LABELS, ROLES, SCOPES, type Role, type Scope } from '@xieshang/shared';
import type { AppContext } from '../context.js';
import { writeWithAudit } from '../context.js';
import type { Executor } from '../../db/schema.js';
import { fieldError } from '../errors.js';
import { nowIso } from '../time.js';
import type { Actor } from './actor.js';
import { authorize } from './actor.js';
import { PLATFORM, permissionCatalog } from './catalog.js';

/**
 * Makes sure every role exists and every permission of the catalogue has had its default grants seeded
 * once. Grants the security admin changed later are left alone.
 */
export async function seedPermissions(db: Executor): Promise<void> {
  const roles = await db.selectFrom('roles').select('code').execute();
  const have = new Set(roles.map((r) => r.code));
  for (const code of ROLES) {
    if (!have.has(code)) await db.insertInto('roles').values({ code, name: ROLE_LABELS[code], description: '', builtin: 1 }).execute();
  }
  const seeded = new Set((await db.selectFrom('permissionCatalog').select('permission').execute()).map((r) => r.permission));
  for (const def of permissionCatalog()) {
    if (seeded.has(def.code)) continue;
    for (const [role, scope] of Object.entries(def.defaults)) {
      await db
        .insertInto('rolePermissions')
        .values({ role, permission: def.code, scope: scope! })
        .onConflict((oc) => oc.columns(['role', 'permission']).doNothing())
        .execute();
    }
    await db.insertInto('permissionCatalog').values({ permission: def.code, seededAt: nowIso() }).execute();
  }
}

export interface RoleMatrix {
  roles: { code: string; name: string }[];
  permissions: { code: string; label: string; module: string }[];
  grants: { role: string; permission: string; scope: string }[];
  scopes: readonly Scope[];
}

export async function roleMatrix(app: AppContext, actor: Actor): Promise<RoleMatrix> {
  authorize(actor, PLATFORM['role.manage']);
  const roles = await app.db.selectFrom('roles').select(['code', 'name']).execute();
  const grants = await app.db.selectFrom('rolePermissions').selectAll().execute();
  return {
    roles: ROLES.map((code) => roles.find((r) => r.code === code)!).filter(Boolean),
    permissions: permissionCatalog().map(({ code, label, module }) => ({ code, label, module })),
    grants,
    scopes: SCOPES,
  };
}

/** Sets (or with scope null removes) one grant. Admin permissions cannot be given to business roles. */
export async function setGrant(app: AppContext, actor: Actor, role: Role, permission: string, scope: Scope | null): Promise<void> {
  authorize(actor, PLATFORM['role.manage']);
  if (!permissionCatalog().some((p) => p.code === permission)) throw fieldError('permission', '权限', '不存在');
  const adminOnly: Record<string, Role> = {
    'user.manage': 'sysadmin',
    'settings.manage': 'sysadmin',
    'role.manage': 'secadmin',
    'audit.read': 'auditor',
  };
  if (scope && adminOnly[permission] && adminOnly[permission] !== role) {
    throw fieldError('role', '角色', `「${permission}」只能授予${ROLE_LABELS[adminOnly[permission]]}（三权分立）`);
  }
  if (scope && ADMIN_ROLES.includes(role) && !adminOnly[permission] && permission !== 'notice.read') {
    throw fieldError('role', '角色', '管理员角色不能被授予业务权限（三权分立）');
  }
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await trx.deleteFrom('rolePermissions').where('role', '=', role).where('permission', '=', permission).execute();
      if (scope) await trx.insertInto('rolePermissions').values({ role, permission, scope }).execute();
    },
    { action: 'role.grant', objectType: 'role', objectId: role, details: { permission, scope } },
  );
}
