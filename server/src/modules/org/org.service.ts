import type { OrgKind } from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
import { toXlsx } from '../../platform/export/excel.js';
import { ENTITIES, type EntityDef } from './org.entities.js';
import { ORG } from './org.permissions.js';
import * as membersRepo from './members.repo.js';
import * as repo from './org.repo.js';

/**
 * What other modules may ask of the organisation. They may also read org's tables in their own SQL (names in
 * a join, a lookup by id), but never write them (ADR 0012).
 */
export const listDepartments = (db: Executor) => repo.allDepartments(db);
export const listCommittees = (db: Executor) => repo.allCommittees(db);
export const listSectors = (db: Executor) => repo.allSectors(db);
export const plenariesOfTerm = (db: Executor, termId: string) => repo.plenariesInTerm(db, termId);
export const plenaryOfTerm = (db: Executor, id: string, termId: string) => repo.findPlenaryInTerm(db, id, termId);
export const listParties = (db: Executor) => repo.partyNames(db);
export const listUnits = (db: Executor) => repo.allUnits(db);

/** The active members a choice names (committees, sectors, street groups, standing members, ids, or everyone). */
export const activeMembersChosen = (db: Executor, choice: membersRepo.MemberChoice) => membersRepo.activeMembersChosen(db, choice);

/** Leaders (主席会议成员、秘书长) are members flagged as leaders. */
export const listLeaders = (db: Executor) => membersRepo.activeLeaders(db);

export async function membersByIds(db: Executor, ids: string[]) {
  return membersRepo.membersWithIds(db, ids);
}

export async function departmentsByIds(db: Executor, ids: string[]) {
  return repo.departmentNames(db, ids);
}

export async function committeesByIds(db: Executor, ids: string[]) {
  return repo.committeeNames(db, ids);
}

export function unitNamesById(db: Executor) {
  return repo.unitNamesById(db);
}

/** Accounts that act for members (usually one each). */
export async function userIdsOfMembers(db: Executor, memberIds: string[]): Promise<string[]> {
  const rows = await membersRepo.activeAccountsOfMembers(db, memberIds);
  return rows.map((r) => r.id);
}

/** Accounts of staff working in the given departments. */
export async function userIdsOfDepartments(db: Executor, departmentIds: string[]): Promise<string[]> {
  const rows = await repo.activeUsersInDepartments(db, departmentIds);
  return [...new Set(rows.map((r) => r.id))];
}

/** Accounts of a handling unit. */
export async function userIdsOfUnits(db: Executor, unitIds: string[]): Promise<string[]> {
  const rows = await repo.activeUsersOfUnits(db, unitIds);
  return rows.map((r) => r.id);
}

/** Accounts holding a role (for example every leader, to notify them). */
export async function userIdsWithRole(db: Executor, role: string): Promise<string[]> {
  const rows = await repo.activeUsersWithRole(db, role);
  return rows.map((r) => r.id);
}

/** Departments a name in a document stands for: a department (by name or alias) or a group of departments (各专委会分党组). */
export async function departmentsNamed(db: Executor, name: string): Promise<{ id: string; name: string }[]> {
  const wanted = name.trim();
  const departments = await listDepartments(db);
  const direct = departments.filter((d) => d.name === wanted || parseList(d.aliases).includes(wanted));
  if (direct.length) return direct.map((d) => ({ id: d.id, name: d.name }));
  const groups = await repo.allDepartmentGroups(db);
  const group = groups.find((g) => g.name === wanted || parseList(g.aliases).includes(wanted));
  if (!group) return [];
  return (await repo.groupDepartments(db, [group.id])).map((d) => ({ id: d.id, name: d.name }));
}

/** The committee a name stands for (its name, short name or an alias such as 经济技术委员会). */
export async function committeeNamed(db: Executor, name: string): Promise<{ id: string; name: string } | undefined> {
  const wanted = name.trim();
  const found = (await listCommittees(db)).find(
    (c) => c.name === wanted || c.shortName === wanted || parseList(c.aliases).includes(wanted),
  );
  return found && { id: found.id, name: found.name };
}

export function parseList(json: string | null | undefined): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

/** Rows as the API shows them: JSON list columns decoded, and the derived columns of each kind. */
async function present(db: Executor, def: EntityDef, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const out = rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const column of def.jsonColumns) copy[column] = parseList(row[column] as string);
    return copy;
  });
  if (def.kind === 'committees') {
    const counts = await repo.committeeMemberCounts(db);
    for (const row of out) row.memberCount = counts.get(row.id as string) ?? 0;
  }
  if (def.kind === 'departmentGroups') {
    const links = await repo.groupDepartments(
      db,
      out.map((r) => r.id as string),
    );
    for (const row of out) {
      const mine = links.filter((l) => l.groupId === row.id);
      row.departmentIds = mine.map((l) => l.id);
      row.departmentNames = mine.map((l) => l.name);
    }
  }
  return out;
}

export function entityDef(kind: OrgKind): EntityDef {
  return ENTITIES[kind];
}

export async function listOrgRecords(ctx: AppContext, actor: Actor, kind: OrgKind, filter: { q?: string; termId?: string }) {
  authorize(actor, ORG['org.read']);
  const def = entityDef(kind);
  return present(ctx.db, def, await repo.listEntities(ctx.db, ctx.dialect, def, filter));
}

export async function getOrgRecord(ctx: AppContext, actor: Actor, kind: OrgKind, id: string) {
  authorize(actor, ORG['org.read']);
  const def = entityDef(kind);
  const row = await repo.findEntity(ctx.db, def, id);
  if (!row) throw notFound(def.label);
  return (await present(ctx.db, def, [row]))[0];
}

export async function exportOrgRecords(ctx: AppContext, actor: Actor, kind: OrgKind): Promise<Buffer> {
  authorize(actor, ORG['member.export']);
  const def = entityDef(kind);
  const rows = await present(ctx.db, def, await repo.listEntities(ctx.db, ctx.dialect, def, {}));
  await writeWithAudit(ctx, actor, async () => undefined, {
    action: `org.${kind}.export`,
    objectType: kind,
    details: { count: rows.length },
  });
  return toXlsx(def.label, def.exportColumns, rows);
}

/** Checks a form against the rules every kind shares: referenced records exist, names are unique. */
async function checkRecord(db: Executor, def: EntityDef, values: Record<string, unknown>, exceptId?: string): Promise<void> {
  for (const fk of def.foreignKeys) {
    const value = values[fk.field];
    if (typeof value === 'string' && !(await repo.existsIn(db, fk.table, value))) throw fieldError(fk.field, fk.label, '所选记录不存在');
  }
  if (Array.isArray(values.departmentIds)) {
    for (const id of values.departmentIds as string[]) {
      if (!(await repo.existsIn(db, 'departments', id))) throw fieldError('departmentIds', '部门', '所选部门不存在');
    }
  }
  for (const u of def.unique) {
    const key = Object.fromEntries(u.columns.map((c) => [c, values[c]]));
    if (Object.values(key).some((v) => v === undefined)) continue;
    if (await repo.findClash(db, def.table, key, exceptId)) {
      throw conflict(`${def.label}的${u.label}「${u.columns.map((c) => values[c]).join(' ')}」已存在`, { field: u.columns[0] });
    }
  }
}

function toColumns(def: EntityDef, input: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'departmentIds') continue;
    if (def.jsonColumns.includes(key)) row[key] = JSON.stringify(value ?? []);
    else if (typeof value === 'boolean') row[key] = value ? 1 : 0;
    else row[key] = value;
  }
  return row;
}

export async function createOrgRecord(
  ctx: AppContext,
  actor: Actor,
  kind: OrgKind,
  input: Record<string, unknown>,
  options: { isDemo?: boolean } = {},
) {
  authorize(actor, ORG['org.manage']);
  const def = entityDef(kind);
  await checkRecord(ctx.db, def, input);
  const id = newId();
  const row = { id, ...toColumns(def, input), isDemo: options.isDemo ? 1 : 0, createdAt: nowIso() };
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertEntity(trx, def.table, row);
      if (def.kind === 'terms' && input.isCurrent) await repo.clearCurrentTerm(trx, id);
      if (def.kind === 'departmentGroups') await repo.setGroupDepartments(trx, id, input.departmentIds as string[]);
    },
    { action: `org.${kind}.create`, objectType: kind, objectId: id, details: input },
  );
  return getOrgRecord(ctx, actor, kind, id);
}

export async function updateOrgRecord(ctx: AppContext, actor: Actor, kind: OrgKind, id: string, input: Record<string, unknown>) {
  authorize(actor, ORG['org.manage']);
  const def = entityDef(kind);
  const before = await repo.findEntity(ctx.db, def, id);
  if (!before) throw notFound(def.label);
  await checkRecord(ctx.db, def, { ...before, ...input }, id);
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      const row = toColumns(def, input);
      if (Object.keys(row).length) await repo.updateEntity(trx, def.table, id, row);
      if (def.kind === 'terms' && input.isCurrent) await repo.clearCurrentTerm(trx, id);
      if (def.kind === 'departmentGroups' && input.departmentIds) await repo.setGroupDepartments(trx, id, input.departmentIds as string[]);
    },
    { action: `org.${kind}.update`, objectType: kind, objectId: id, details: input },
  );
  return getOrgRecord(ctx, actor, kind, id);
}

export async function deleteOrgRecord(ctx: AppContext, actor: Actor, kind: OrgKind, id: string): Promise<void> {
  authorize(actor, ORG['org.manage']);
  const def = entityDef(kind);
  const before = await repo.findEntity(ctx.db, def, id);
  if (!before) throw notFound(def.label);
  const uses: string[] = [];
  for (const ref of def.references) {
    const n = await repo.countReferences(ctx.db, ref.table, ref.column, id);
    if (n > 0) uses.push(`${n} 个${ref.label}`);
  }
  if (uses.length) throw conflict(`${def.label}「${String(before.name)}」仍被 ${uses.join('、')} 引用，不能删除`, { references: uses });
  try {
    await writeWithAudit(ctx, actor, (trx) => repo.deleteEntity(trx, def.table, id), {
      action: `org.${kind}.delete`,
      objectType: kind,
      objectId: id,
      details: { name: before.name },
    });
  } catch (error) {
    // Records of other modules (plan items, proposals …) may refer to it too; the database says so.
    if (isForeignKeyViolation(error)) throw conflict(`${def.label}「${String(before.name)}」仍被其他业务记录引用，不能删除`);
    throw error;
  }
}

/** A foreign-key refusal by SQLite (SQLITE_CONSTRAINT_FOREIGNKEY) or PostgreSQL (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
