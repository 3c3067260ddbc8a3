import type { Kysely } from 'kysely';
import { containsText, rememberWhileUnchanged, type DialectName } from '../../db/dialect/index.js';
import type { Executor } from '../../db/schema.js';
import type { EntityDef } from './org.entities.js';

/** The entity tables are chosen at run time by kind; the entity definitions name their columns. */
type AnyDb = Kysely<any>;
const anyDb = (db: Executor) => db as unknown as AnyDb;

export const allDepartments = (db: Executor) => db.selectFrom('departments').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const allCommittees = (db: Executor) => db.selectFrom('committees').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const allSectors = (db: Executor) => db.selectFrom('sectors').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const allUnits = (db: Executor) => db.selectFrom('units').selectAll().orderBy('sortOrder').orderBy('name').execute();
export const partyNames = (db: Executor) => db.selectFrom('parties').select(['id', 'name']).orderBy('sortOrder').orderBy('name').execute();
export const allDepartmentGroups = (db: Executor) => db.selectFrom('departmentGroups').select(['id', 'name', 'aliases']).execute();

export const plenariesInTerm = (db: Executor, termId: string) =>
  db.selectFrom('plenaries').select(['id', 'name']).where('termId', '=', termId).orderBy('number').execute();
export const findPlenaryInTerm = (db: Executor, id: string, termId: string) =>
  db.selectFrom('plenaries').select(['id', 'name']).where('id', '=', id).where('termId', '=', termId).executeTakeFirst();

export async function departmentNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function committeeNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('committees').select(['id', 'name']).where('id', 'in', ids).execute();
}

/**
 * Every unit's name by id. Pages of proposals name their units, and a committee has a few hundred at most:
 * all their names are read once and remembered while nothing is written (ADR 0105).
 */
export function unitNamesById(db: Executor): Promise<Map<string, string>> {
  return rememberWhileUnchanged(db, 'reference', 'org.unitNames', async () => {
    const units = await db.selectFrom('units').select(['id', 'name']).execute();
    return new Map(units.map((u) => [u.id, u.name]));
  });
}

/** Active accounts of staff in the given departments; one working in two of them comes twice. */
export async function activeUsersInDepartments(db: Executor, departmentIds: string[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom('userDepartments')
    .innerJoin('users', 'users.id', 'userDepartments.userId')
    .select('users.id')
    .where('userDepartments.departmentId', 'in', departmentIds)
    .where('users.status', '=', 'active')
    .execute();
}

export async function activeUsersOfUnits(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db.selectFrom('users').select('id').where('unitId', 'in', unitIds).where('status', '=', 'active').execute();
}

export const activeUsersWithRole = (db: Executor, role: string) =>
  db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .where('userRoles.role', '=', role)
    .where('users.status', '=', 'active')
    .execute();

export async function structure(db: Executor) {
  const [terms, committees, departments, sectors, parties, streetGroups, studios, units] = await Promise.all([
    db.selectFrom('terms').selectAll().orderBy('number', 'desc').execute(),
    allCommittees(db),
    allDepartments(db),
    allSectors(db),
    db.selectFrom('parties').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('streetGroups').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('studios').selectAll().orderBy('name').execute(),
    allUnits(db),
  ]);
  return { terms, committees, departments, sectors, parties, streetGroups, studios, units };
}

export async function listEntities(
  db: Executor,
  dialect: DialectName,
  def: EntityDef,
  filter: { q?: string; termId?: string },
): Promise<Record<string, unknown>[]> {
  let query = anyDb(db).selectFrom(def.table).selectAll();
  if (filter.q) query = query.where((eb) => containsText(dialect, eb.ref('name'), filter.q!));
  if (filter.termId && def.kind === 'plenaries') query = query.where('termId', '=', filter.termId);
  for (const o of def.order) {
    const [column, direction] = o.split(' ');
    query = query.orderBy(column, direction === 'desc' ? 'desc' : 'asc');
  }
  return query.orderBy('id').execute();
}

export const findEntity = (db: Executor, def: EntityDef, id: string): Promise<Record<string, unknown> | undefined> =>
  anyDb(db).selectFrom(def.table).selectAll().where('id', '=', id).executeTakeFirst();

export async function existsIn(db: Executor, table: string, id: string): Promise<boolean> {
  return Boolean(await anyDb(db).selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
}

/** Another row with the same values in the given columns (a uniqueness clash), if any. */
export async function findClash(db: Executor, table: string, values: Record<string, unknown>, exceptId?: string): Promise<boolean> {
  let query = anyDb(db).selectFrom(table).select('id');
  for (const [column, value] of Object.entries(values)) query = query.where(column, '=', value);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return Boolean(await query.executeTakeFirst());
}

export async function countReferences(db: Executor, table: string, column: string, id: string): Promise<number> {
  const row = await anyDb(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertEntity = (db: Executor, table: string, row: Record<string, unknown>) =>
  anyDb(db).insertInto(table).values(row).execute();
export const updateEntity = (db: Executor, table: string, id: string, row: Record<string, unknown>) =>
  anyDb(db).updateTable(table).set(row).where('id', '=', id).execute();
export const deleteEntity = (db: Executor, table: string, id: string) => anyDb(db).deleteFrom(table).where('id', '=', id).execute();

export async function clearCurrentTerm(db: Executor, exceptId: string): Promise<void> {
  await db.updateTable('terms').set({ isCurrent: 0 }).where('id', '<>', exceptId).execute();
}

export async function setGroupDepartments(db: Executor, groupId: string, departmentIds: string[]): Promise<void> {
  await db.deleteFrom('departmentGroupMembers').where('groupId', '=', groupId).execute();
  if (departmentIds.length) {
    await db
      .insertInto('departmentGroupMembers')
      .values([...new Set(departmentIds)].map((departmentId) => ({ groupId, departmentId })))
      .execute();
  }
}

export async function groupDepartments(db: Executor, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('departmentGroupMembers')
    .innerJoin('departments', 'departments.id', 'departmentGroupMembers.departmentId')
    .select(['departmentGroupMembers.groupId', 'departments.id', 'departments.name'])
    .where('departmentGroupMembers.groupId', 'in', groupIds)
    .orderBy('departments.sortOrder')
    .execute();
}

export async function committeeMemberCounts(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('committeeMembers')
    .innerJoin('members', 'members.id', 'committeeMembers.memberId')
    .select(['committeeMembers.committeeId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('members.status', '=', 'active')
    .groupBy('committeeMembers.committeeId')
    .execute();
  return new Map(rows.map((r) => [r.committeeId, Number(r.n)]));
}
