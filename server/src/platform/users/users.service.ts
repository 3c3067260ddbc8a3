import { z } from 'zod';
import { ADMIN_ROLES, ROLE_LABELS, ROLES, type Role } from '@xieshang/shared';
import type { AppContext } from '../context.js';
import { writeWithAudit } from '../context.js';
import type { Executor, Trx } from '../../db/schema.js';
import { atPage } from '../../db/paging.js';
import { conflict, fieldError, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { authorize, can, type Actor } from '../permissions/actor.js';
import { PLATFORM } from '../permissions/catalog.js';
import { nowIso } from '../time.js';
import { assertAcceptablePassword, storePassword } from '../auth/auth.service.js';
import { deleteSessionsOfUser } from '../auth/auth.repo.js';
import { hashPassword } from '../auth/passwords.js';

export const userInputSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Za-z0-9_.@-]+$/, '只能包含字母、数字和 _ . @ -'),
  displayName: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(128),
  roles: z.array(z.enum(ROLES)).min(1).max(4),
  memberId: z.string().nullable().optional(),
  unitId: z.string().nullable().optional(),
  departmentIds: z.array(z.string()).max(20).optional(),
  mustChangePassword: z.boolean().optional(),
});
export type UserInput = z.infer<typeof userInputSchema>;

export const userUpdateSchema = userInputSchema
  .omit({ username: true, password: true, mustChangePassword: true })
  .partial()
  .extend({
    status: z.enum(['active', 'disabled']).optional(),
  });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** 三权分立: an admin role stands alone, and only the security admin hands out admin roles. */
export function checkRoleAssignment(actor: Actor, roles: Role[], previous: Role[] = []): void {
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 0 && roles.length > 1) {
    throw fieldError('roles', '角色', `${admin.map((r) => ROLE_LABELS[r]).join('、')}不能与其他角色由同一账号兼任（三权分立）`);
  }
  const changedAdmin = [...roles, ...previous].filter((r) => ADMIN_ROLES.includes(r) && roles.includes(r) !== previous.includes(r));
  if (changedAdmin.length > 0 && !actor.system && !can(actor, PLATFORM['role.manage'])) {
    throw forbidden('只有安全管理员可以授予或收回管理员角色');
  }
  const changedBusiness = [...roles, ...previous].filter((r) => !ADMIN_ROLES.includes(r) && roles.includes(r) !== previous.includes(r));
  if (changedBusiness.length > 0 && !actor.system && !can(actor, PLATFORM['user.manage'])) {
    throw forbidden('只有系统管理员可以分配业务角色');
  }
}

async function writeLinks(trx: Trx, userId: string, roles?: Role[], departmentIds?: string[]): Promise<void> {
  if (roles) {
    await trx.deleteFrom('userRoles').where('userId', '=', userId).execute();
    await trx
      .insertInto('userRoles')
      .values(roles.map((role) => ({ userId, role })))
      .execute();
  }
  if (departmentIds) {
    await trx.deleteFrom('userDepartments').where('userId', '=', userId).execute();
    if (departmentIds.length) {
      await trx
        .insertInto('userDepartments')
        .values([...new Set(departmentIds)].map((departmentId) => ({ userId, departmentId })))
        .execute();
    }
  }
}

/** Creates an account. The password must meet the policy; by default it must be changed at first login. */
export async function createUser(
  app: AppContext,
  actor: Actor,
  input: UserInput,
  options: { isDemo?: boolean; skipPolicy?: boolean } = {},
): Promise<string> {
  if (!actor.system && !can(actor, PLATFORM['user.manage']) && !can(actor, PLATFORM['role.manage'])) throw forbidden();
  checkRoleAssignment(actor, input.roles);
  if (await app.db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw conflict(`用户名「${input.username}」已被使用`, { field: 'username' });
  }
  if (!options.skipPolicy) await assertAcceptablePassword(app, null, input.username, input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const now = nowIso();
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          passwordChangedAt: now,
          mustChangePassword: input.mustChangePassword === false ? 0 : 1,
          failedAttempts: 0,
          lockedUntil: null,
          totpSecret: null,
          totpEnabled: 0,
          status: 'active',
          memberId: input.memberId ?? null,
          unitId: input.unitId ?? null,
          isDemo: options.isDemo ? 1 : 0,
          createdAt: now,
          updatedAt: now,
          lastLoginAt: null,
        })
        .execute();
      await trx.insertInto('passwordHistory').values({ id: newId(), userId: id, passwordHash, createdAt: now }).execute();
      await writeLinks(trx, id, input.roles, input.departmentIds ?? []);
    },
    { action: 'user.create', objectType: 'user', objectId: id, details: { username: input.username, roles: input.roles } },
  );
  return id;
}

export async function updateUser(app: AppContext, actor: Actor, id: string, input: UserUpdate): Promise<void> {
  if (!can(actor, PLATFORM['user.manage']) && !can(actor, PLATFORM['role.manage'])) throw forbidden();
  const user = await app.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('用户');
  const previous = (await app.db.selectFrom('userRoles').select('role').where('userId', '=', id).execute()).map((r) => r.role as Role);
  if (input.roles) checkRoleAssignment(actor, input.roles, previous);
  const touchesAccount =
    input.displayName !== undefined ||
    input.memberId !== undefined ||
    input.unitId !== undefined ||
    input.departmentIds !== undefined ||
    input.status !== undefined;
  if (touchesAccount) authorize(actor, PLATFORM['user.manage']);
  if (id === actor.userId && input.status === 'disabled') throw fieldError('status', '状态', '不能停用自己的账号');
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await trx
        .updateTable('users')
        .set({
          displayName: input.displayName ?? user.displayName,
          memberId: input.memberId === undefined ? user.memberId : input.memberId,
          unitId: input.unitId === undefined ? user.unitId : input.unitId,
          status: input.status ?? user.status,
          updatedAt: nowIso(),
        })
        .where('id', '=', id)
        .execute();
      await writeLinks(trx, id, input.roles, input.departmentIds);
      // Disabling, or a change of roles, ends the user's sessions on the server at once.
      if (input.status === 'disabled' || input.roles) await deleteSessionsOfUser(trx, id);
    },
    { action: 'user.update', objectType: 'user', objectId: id, details: input },
  );
}

/** Sets a new temporary password that must be changed at next login, and unlocks the account. */
export async function resetPassword(app: AppContext, actor: Actor, id: string, password: string): Promise<void> {
  authorize(actor, PLATFORM['user.manage']);
  const user = await app.db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('用户');
  await assertAcceptablePassword(app, null, user.username, password, 'password');
  const passwordHash = await hashPassword(password);
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await storePassword(trx, id, passwordHash, true);
      await trx.updateTable('users').set({ failedAttempts: 0, lockedUntil: null }).where('id', '=', id).execute();
      await deleteSessionsOfUser(trx, id);
    },
    { action: 'user.password_reset', objectType: 'user', objectId: id },
  );
}

export async function listUsers(db: Executor, actor: Actor, filter: { q?: string; role?: Role; page: number; pageSize: number }) {
  if (!can(actor, PLATFORM['user.manage']) && !can(actor, PLATFORM['role.manage'])) throw forbidden();
  let query = db.selectFrom('users');
  if (filter.q) query = query.where((eb) => eb.or([eb('username', 'like', `%${filter.q}%`), eb('displayName', 'like', `%${filter.q}%`)]));
  if (filter.role) query = query.where('id', 'in', db.selectFrom('userRoles').select('userId').where('role', '=', filter.role));
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await atPage(
    query
      .select(['id', 'username', 'displayName', 'status', 'memberId', 'unitId', 'lastLoginAt', 'lockedUntil', 'totpEnabled', 'isDemo'])
      .orderBy('username'),
    filter.pageSize,
    (filter.page - 1) * filter.pageSize,
  ).execute();
  const ids = rows.map((r) => r.id);
  const roles = ids.length ? await db.selectFrom('userRoles').selectAll().where('userId', 'in', ids).execute() : [];
  const departments = ids.length ? await db.selectFrom('userDepartments').selectAll().where('userId', 'in', ids).execute() : [];
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      ...r,
      roles: roles.filter((x) => x.userId === r.id).map((x) => x.role),
      departmentIds: departments.filter((x) => x.userId === r.id).map((x) => x.departmentId),
    })),
  };
}
