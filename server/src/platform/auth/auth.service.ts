import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@xieshang/shared';
import type { AppContext } from '../context.js';
import { writeWithAudit } from '../context.js';

import { AppError, fieldError, unauthorized } from '../errors.js';
import { newId } from '../ids.js';
import { mergeGrants, type Actor } from '../permissions/actor.js';
import { cachedSecurityPolicy, getSecurityPolicy } from '../settings/settings.service.js';
import { addMinutes, nowIso } from '../time.js';
import * as repo from './auth.repo.js';
import { burnVerification, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

export const SESSION_COOKIE = 'xs_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
}

export interface RequestInfo {
  ip: string;
  userAgent: string;
  requestId: string;
}

const anonymous = (username: string, info: RequestInfo): Actor => ({
  userId: '',
  username,
  displayName: username,
  roles: [],
  grants: {},
  memberId: null,
  unitId: null,
  departmentIds: [],
  ip: info.ip,
  requestId: info.requestId,
  sessionId: null,
});

/**
 * Logs in: rate limit per address, lockout after repeated failures (even for the right password while
 * locked), second factor where enabled, and a fresh session token (rotation) on success.
 */
export async function login(app: AppContext, input: LoginInput, info: RequestInfo): Promise<{ token: string; userId: string }> {
  const policy = await getSecurityPolicy(app.db);
  const minute = new Date().toISOString().slice(0, 16);
  const hits = await repo.hitRateLimit(app.db, `login:${info.ip}`, minute);
  if (hits > policy.loginRatePerMinute) {
    throw new AppError(429, 'rate_limited', '登录尝试过于频繁，请一分钟后再试');
  }
  const user = await repo.findUserByUsername(app.db, input.username);
  const failure = async (reason: string) =>
    writeWithAudit(app, anonymous(input.username, info), async () => undefined, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user?.id,
      result: 'failure',
      details: { reason },
    });
  if (!user || user.status !== 'active') {
    await burnVerification(input.password);
    await failure(user ? 'disabled' : 'unknown_user');
    throw unauthorized('用户名或密码错误');
  }
  const now = nowIso();
  if (user.lockedUntil && user.lockedUntil > now) {
    await failure('locked');
    const minutes = Math.ceil((Date.parse(user.lockedUntil) - Date.now()) / 60_000);
    throw new AppError(423, 'account_locked', `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const needsTotp = passwordOk && user.totpEnabled === 1;
  if (needsTotp && !input.totpCode) {
    throw new AppError(401, 'totp_required', '请输入动态验证码');
  }
  const totpOk = !needsTotp || (user.totpSecret !== null && checkTotp(user.totpSecret, input.totpCode ?? ''));
  if (!passwordOk || !totpOk) {
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= policy.lockoutThreshold;
    await writeWithAudit(
      app,
      anonymous(input.username, info),
      (trx) =>
        trx
          .updateTable('users')
          .set({ failedAttempts: lock ? 0 : attempts, lockedUntil: lock ? addMinutes(now, policy.lockoutMinutes) : null })
          .where('id', '=', user.id)
          .execute(),
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        details: { reason: passwordOk ? 'totp' : 'password', locked: lock },
      },
    );
    if (!passwordOk) throw unauthorized('用户名或密码错误');
    throw new AppError(401, 'totp_invalid', '动态验证码错误');
  }
  const token = randomBytes(32).toString('base64url');
  await writeWithAudit(
    app,
    { ...anonymous(user.username, info), userId: user.id },
    async (trx) => {
      await trx.updateTable('users').set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where('id', '=', user.id).execute();
      await repo.insertSession(trx, {
        id: newId(),
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt: addMinutes(now, policy.absoluteHours * 60),
        ip: info.ip,
        userAgent: info.userAgent.slice(0, 300),
      });
    },
    { action: 'auth.login', objectType: 'user', objectId: user.id },
  );
  return { token, userId: user.id };
}

/** Builds the actor of a request from its session token; null when the session is missing or expired. */
export async function resolveSession(app: AppContext, token: string, info: RequestInfo): Promise<Actor | null> {
  const session = await repo.findSessionWithUser(app.db, hashToken(token));
  if (!session || session.status !== 'active') return null;
  const policy = await cachedSecurityPolicy(app.db);
  const now = nowIso();
  if (session.absoluteExpiresAt <= now || addMinutes(session.lastSeenAt, policy.idleMinutes) <= now) {
    await repo.deleteSession(app.db, session.sessionId);
    return null;
  }
  // Writing last-seen once a minute keeps reads cheap while idle expiry stays accurate to a minute.
  if (Date.parse(now) - Date.parse(session.lastSeenAt) > 60_000) await repo.touchSession(app.db, session.sessionId, now);
  return actorOf(app, session, info, session.sessionId, session.accessEpoch);
}

export async function loadActor(
  app: AppContext,
  userId: string,
  info: Partial<RequestInfo>,
  sessionId: string | null = null,
): Promise<Actor | null> {
  const user = await repo.findUserById(app.db, userId);
  return user ? actorOf(app, { ...user, userId: user.id }, info, sessionId, null) : null;
}

type ActorUser = { userId: string; username: string; displayName: string; memberId: string | null; unitId: string | null };
type Access = Pick<Actor, 'roles' | 'grants' | 'departmentIds'>;

/**
 * Each user's roles, grants and departments, per database, with the access epoch they were read at. The
 * session query reads the epoch, which triggers move on with every change to those tables on any node, so
 * an entry is used only while nothing it was built from has changed (ADR 0008, decision 6). Frozen: every
 * request of the user shares it.
 */
const accessCaches = new WeakMap<object, Map<string, { epoch: number; access: Access }>>();
const ACCESS_CACHE_USERS = 10_000;

async function accessOf(app: AppContext, userId: string, epoch: number | null): Promise<Access> {
  const cache = accessCaches.get(app.db) ?? new Map<string, { epoch: number; access: Access }>();
  const cached = cache.get(userId);
  if (epoch !== null && cached?.epoch === epoch) return cached.access;
  const rows = await repo.accessOf(app.db, userId);
  const roles = [...new Set(rows.filter((row) => row.kind === 'role').map((row) => row.key as Role))];
  const grantRows = rows.flatMap((row) =>
    row.kind === 'role' && row.permission && row.scope ? [{ permission: row.permission, scope: row.scope }] : [],
  );
  const access: Access = Object.freeze({
    roles: Object.freeze(roles) as Role[],
    grants: Object.freeze(mergeGrants(grantRows)),
    departmentIds: Object.freeze(rows.filter((row) => row.kind === 'department').map((row) => row.key)) as string[],
  });
  if (epoch !== null) {
    if (cache.size >= ACCESS_CACHE_USERS) cache.clear();
    cache.set(userId, { epoch, access });
    accessCaches.set(app.db, cache);
  }
  return access;
}

/** `epoch`: the access epoch read with the session, or null to read the user's access afresh. */
async function actorOf(
  app: AppContext,
  user: ActorUser,
  info: Partial<RequestInfo>,
  sessionId: string | null,
  epoch: number | null,
): Promise<Actor> {
  const access = await accessOf(app, user.userId, epoch);
  // The access spread last: V8 adds each field written after a spread through a slow path (ADR 0008, decision 8).
  return {
    userId: user.userId,
    username: user.username,
    displayName: user.displayName,
    memberId: user.memberId,
    unitId: user.unitId,
    ip: info.ip ?? null,
    requestId: info.requestId ?? null,
    sessionId,
    ...access,
  };
}

export async function logout(app: AppContext, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  await writeWithAudit(app, actor, (trx) => repo.deleteSession(trx, actor.sessionId!), {
    action: 'auth.logout',
    objectType: 'user',
    objectId: actor.userId,
  });
}

/** Checks a new password against the policy and the user's recent passwords. */
export async function assertAcceptablePassword(
  app: AppContext,
  userId: string | null,
  username: string,
  password: string,
  field = 'newPassword',
): Promise<void> {
  const policy = await getSecurityPolicy(app.db);
  const label = field === 'newPassword' ? '新密码' : '密码';
  const problems = passwordProblems(password, policy, username);
  if (problems.length) throw fieldError(field, label, problems.join('，'));
  if (userId && policy.passwordHistory > 0) {
    for (const { passwordHash } of await repo.recentPasswordHashes(app.db, userId, policy.passwordHistory)) {
      if (await verifyPassword(passwordHash, password)) {
        throw fieldError(field, label, `不能与最近 ${policy.passwordHistory} 次使用过的密码相同`);
      }
    }
  }
}

/** Sets a password and remembers it in the history (inside the caller's transaction). */
export async function storePassword(trx: AppContext['db'], userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('users')
    .set({ passwordHash, passwordChangedAt: now, mustChangePassword: mustChange ? 1 : 0, updatedAt: now })
    .where('id', '=', userId)
    .execute();
  await trx.insertInto('passwordHistory').values({ id: newId(), userId, passwordHash, createdAt: now }).execute();
}

export async function changePassword(app: AppContext, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const user = await repo.findUserById(app.db, actor.userId);
  if (!user) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw fieldError('currentPassword', '当前密码', '不正确');
  if (currentPassword === newPassword) throw fieldError('newPassword', '新密码', '不能与当前密码相同');
  await assertAcceptablePassword(app, user.id, user.username, newPassword);
  const passwordHash = await hashPassword(newPassword);
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await storePassword(trx, user.id, passwordHash, false);
      // Other sessions may belong to whoever knew the old password.
      await repo.deleteSessionsOfUser(trx, user.id, actor.sessionId ?? undefined);
    },
    { action: 'auth.password_change', objectType: 'user', objectId: user.id },
  );
}

export async function startTotpSetup(app: AppContext, actor: Actor): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  await writeWithAudit(
    app,
    actor,
    (trx) =>
      trx.updateTable('users').set({ totpSecret: secret, totpEnabled: 0, updatedAt: nowIso() }).where('id', '=', actor.userId).execute(),
    { action: 'auth.totp_setup', objectType: 'user', objectId: actor.userId },
  );
  return { secret, uri: totpUri(secret, actor.username) };
}

export async function enableTotp(app: AppContext, actor: Actor, code: string): Promise<void> {
  const user = await repo.findUserById(app.db, actor.userId);
  if (!user?.totpSecret) throw fieldError('totpCode', '动态验证码', '请先生成密钥');
  if (!checkTotp(user.totpSecret, code)) throw fieldError('totpCode', '动态验证码', '不正确');
  await writeWithAudit(
    app,
    actor,
    (trx) => trx.updateTable('users').set({ totpEnabled: 1, updatedAt: nowIso() }).where('id', '=', actor.userId).execute(),
    { action: 'auth.totp_enable', objectType: 'user', objectId: actor.userId },
  );
}

export async function disableTotp(app: AppContext, actor: Actor, password: string): Promise<void> {
  const user = await repo.findUserById(app.db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) throw fieldError('password', '密码', '不正确');
  const policy = await getSecurityPolicy(app.db);
  if (actor.roles.some((r) => policy.requireTotpForRoles.includes(r))) {
    throw new AppError(409, 'totp_required_by_policy', '安全策略要求您的角色使用动态验证码，不能停用');
  }
  await writeWithAudit(
    app,
    actor,
    (trx) =>
      trx.updateTable('users').set({ totpEnabled: 0, totpSecret: null, updatedAt: nowIso() }).where('id', '=', actor.userId).execute(),
    { action: 'auth.totp_disable', objectType: 'user', objectId: actor.userId },
  );
}

export interface MeView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Record<string, string>;
  memberId: string | null;
  unitId: string | null;
  departmentIds: string[];
  mustChangePassword: boolean;
  passwordExpired: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
}

export async function describeMe(app: AppContext, actor: Actor): Promise<MeView> {
  const user = await repo.findUserById(app.db, actor.userId);
  if (!user) throw unauthorized();
  const policy = await getSecurityPolicy(app.db);
  const expired = policy.passwordMaxAgeDays > 0 && Date.parse(user.passwordChangedAt) + policy.passwordMaxAgeDays * 86_400_000 < Date.now();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: actor.roles,
    permissions: actor.grants,
    memberId: user.memberId,
    unitId: user.unitId,
    departmentIds: actor.departmentIds,
    mustChangePassword: user.mustChangePassword === 1,
    passwordExpired: expired,
    totpEnabled: user.totpEnabled === 1,
    totpRequired: actor.roles.some((r) => policy.requireTotpForRoles.includes(r)),
  };
}
