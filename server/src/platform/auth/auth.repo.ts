import { sql, type Insertable } from 'kysely';
import type { Database, Executor } from '../../db/schema.js';
import { fixedQuery } from '../../db/query-shapes.js';
import { rememberWhileUnchanged } from '../../db/dialect/index.js';

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The session with the user's fields a request needs and the access epoch (ADR 0008), by token hash. */
const sessionWithUser = fixedQuery((db: Executor, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.lastSeenAt',
      'sessions.absoluteExpiresAt',
      'users.id as userId',
      'users.username',
      'users.displayName',
      'users.status',
      'users.memberId',
      'users.unitId',
      'users.mustChangePassword',
      'users.passwordChangedAt',
      'users.totpEnabled',
      (eb) => eb.selectFrom('accessEpoch').select('value').where('id', '=', 1).as('accessEpoch'),
    ])
    .where('sessions.tokenHash', '=', tokenHash),
);

/**
 * Remembered while the database is unchanged (ADR 0108): every signed-in request looks its session up, and
 * a logout, a user's change or an expiry on any node is a write that ends what was remembered.
 */
export async function findSessionWithUser(db: Executor, tokenHash: string) {
  return rememberWhileUnchanged(db, 'sessions', tokenHash, async () => (await sessionWithUser(db, tokenHash))[0]);
}

/**
 * Everything a request needs besides the user row, in one round trip: each role with each of its grants
 * (a role without grants gives one row with nulls), then each department.
 */
export function accessOf(db: Executor, userId: string) {
  return db
    .selectFrom('userRoles')
    .leftJoin('rolePermissions', 'rolePermissions.role', 'userRoles.role')
    .select([sql<'role' | 'department'>`'role'`.as('kind'), 'userRoles.role as key', 'rolePermissions.permission', 'rolePermissions.scope'])
    .where('userRoles.userId', '=', userId)
    .unionAll(
      db
        .selectFrom('userDepartments')
        .select([
          sql<'role' | 'department'>`'department'`.as('kind'),
          'departmentId as key',
          sql<string | null>`null`.as('permission'),
          sql<string | null>`null`.as('scope'),
        ])
        .where('userId', '=', userId),
    )
    .execute();
}

export function insertSession(db: Executor, row: Insertable<Database['sessions']>) {
  return db.insertInto('sessions').values(row).execute();
}

export function touchSession(db: Executor, sessionId: string, at: string) {
  return db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', sessionId).execute();
}

export function deleteSession(db: Executor, sessionId: string) {
  return db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: string, exceptSessionId?: string) {
  let query = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  return query.execute();
}

export function recentPasswordHashes(db: Executor, userId: string, count: number) {
  return db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .limit(count)
    .execute();
}

/** A fixed-window counter shared by all app nodes through the database. Returns the count after this hit. */
export async function hitRateLimit(db: Executor, key: string, windowStart: string): Promise<number> {
  await db
    .insertInto('rateLimits')
    .values({ key, count: 1, windowStart })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rateLimits.windowStart', '=', windowStart)
          .then(eb('rateLimits.count', '+', 1))
          .else(1)
          .end(),
        windowStart,
      })),
    )
    .execute();
  const row = await db.selectFrom('rateLimits').select('count').where('key', '=', key).executeTakeFirstOrThrow();
  return row.count;
}
