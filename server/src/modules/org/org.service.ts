import type { Executor } from '../../db/schema.js';

/**
 * What other modules may ask of the organisation. They call these, never the org tables.
 */
export const listDepartments = (db: Executor) => db.selectFrom('departments').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const listCommittees = (db: Executor) => db.selectFrom('committees').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const listSectors = (db: Executor) => db.selectFrom('sectors').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const listUnits = (db: Executor) => db.selectFrom('units').selectAll().orderBy('sortOrder').orderBy('name').execute();

/** Leaders (主席会议成员、秘书长) are members flagged as leaders. */
export const listLeaders = (db: Executor) =>
  db.selectFrom('members').select(['id', 'name']).where('isLeader', '=', 1).where('status', '=', 'active').orderBy('strokeKey').execute();

export async function membersByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('members').select(['id', 'name', 'sectorId', 'partyId', 'isStandingMember']).where('id', 'in', ids).execute();
}

/** Accounts that act for a member (usually one). */
export async function userIdsOfMembers(db: Executor, memberIds: string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('memberId', 'in', memberIds).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/** Accounts of staff working in the given departments. */
export async function userIdsOfDepartments(db: Executor, departmentIds: string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('userDepartments')
    .innerJoin('users', 'users.id', 'userDepartments.userId')
    .select('users.id')
    .where('userDepartments.departmentId', 'in', departmentIds)
    .where('users.status', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** Accounts of a handling unit. */
export async function userIdsOfUnits(db: Executor, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('unitId', 'in', unitIds).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/** Accounts holding a role (for example every leader, to notify them). */
export async function userIdsWithRole(db: Executor, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .where('userRoles.role', '=', role)
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}
