import type { Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { pageOfIds, rowsOfPage } from '../../db/paging.js';
import { shapeKey } from '../../db/query-shapes.js';
import type { PerformanceTables } from './performance.tables.js';

export type RuleRow = Selectable<PerformanceTables['performanceRules']>;
export type EntryRow = Selectable<PerformanceTables['performanceEntries']>;
export type EntryRecord = EntryRow & { memberName: string };

export const listRules = (db: Executor) => db.selectFrom('performanceRules').selectAll().execute();

/** The rules with the name of whoever changed each last (the full before/after is in the audit trail). */
export const listRulesWithEditors = (db: Executor) =>
  db
    .selectFrom('performanceRules as r')
    .leftJoin('users as u', 'u.id', 'r.updatedBy')
    .selectAll('r')
    .select('u.displayName as updatedByName')
    .execute();

export const findRule = (db: Executor, kind: string) =>
  db.selectFrom('performanceRules').selectAll().where('kind', '=', kind).executeTakeFirst();

export async function updateRule(
  db: Executor,
  kind: string,
  values: { points: number; cap: number | null; updatedBy: string | null; updatedAt: string },
) {
  await db.updateTable('performanceRules').set(values).where('kind', '=', kind).execute();
}

/** Approved manual entries per member and kind in a year: how many and their points. */
export async function approvedEntryCounts(db: Executor, memberIds: string[] | 'all', year: number) {
  if (memberIds !== 'all' && memberIds.length === 0) return [];
  let q = db
    .selectFrom('performanceEntries')
    .select(['memberId', 'kind'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('points').as('points')])
    .where('year', '=', year)
    .where('status', '=', 'approved')
    .groupBy(['memberId', 'kind']);
  if (memberIds !== 'all') q = q.where('memberId', 'in', memberIds);
  const rows = await q.execute();
  return rows.map((r) => ({ memberId: r.memberId, kind: r.kind, n: Number(r.n), points: Number(r.points ?? 0) }));
}

const entries = (db: Executor) =>
  db.selectFrom('performanceEntries as x').innerJoin('members as m', 'm.id', 'x.memberId').selectAll('x').select('m.name as memberName');

export const loadEntry = (db: Executor, id: string): Promise<EntryRecord | undefined> =>
  entries(db).where('x.id', '=', id).executeTakeFirst();

export interface EntryFilter {
  memberId?: string;
  year?: number;
  status?: string;
}

const ENTRIES = shapeKey('performance.entries');
const ENTRY_PAGE_ROWS = shapeKey('performance.entryPageRows');

/**
 * A page of entries, latest written first, with the bounded total (ADR 0009). The page's ids walk an index
 * in that order (`created_at, id`, alone or after the status or the year) and stop after the page; only the
 * page's rows are read with their members' names.
 */
export async function listEntries(db: Executor, f: EntryFilter, p: { page: number; pageSize: number }) {
  const { ids, ...total } = await pageOfIds(
    db,
    {
      key: ENTRIES,
      values: { memberId: f.memberId, year: f.year, status: f.status as EntryRow['status'] | undefined },
      build: (v) => {
        let q = db.selectFrom('performanceEntries');
        if (v.memberId) q = q.where('memberId', '=', v.memberId);
        if (v.year) q = q.where('year', '=', v.year);
        if (v.status) q = q.where('status', '=', v.status);
        return q;
      },
      ordered: (filtered) => filtered.select('id').orderBy('createdAt', 'desc').orderBy('id', 'desc'),
    },
    { readsAllMatches: false, ...p },
  );
  return { items: await rowsOfPage(db, ENTRY_PAGE_ROWS, ids, (page) => entries(db).where('x.id', 'in', page)), ...total };
}

/** A member's entries of a year for the duty record, latest written first (a member has a few a year). */
export const entriesOfMember = (db: Executor, memberId: string, year: number, limit: number): Promise<EntryRecord[]> =>
  entries(db)
    .where('x.memberId', '=', memberId)
    .where('x.year', '=', year)
    .orderBy('x.createdAt', 'desc')
    .orderBy('x.id', 'desc')
    .limit(limit)
    .execute();

export const insertEntry = (db: Executor, row: EntryRow) => db.insertInto('performanceEntries').values(row).execute();

export async function updateEntry(db: Executor, id: string, values: Partial<EntryRow>): Promise<void> {
  await db.updateTable('performanceEntries').set(values).where('id', '=', id).execute();
}

/** Submitted entries waiting for staff, for the to-do list. */
export const submittedEntries = (db: Executor, limit: number): Promise<EntryRecord[]> =>
  entries(db).where('x.status', '=', 'submitted').orderBy('x.createdAt').limit(limit).execute();
