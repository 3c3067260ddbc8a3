import { sql, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Database, Executor } from '../../db/schema.js';
import { searchList, searchOrder, searchTerms, type DialectName, type SearchTerms } from '../../db/dialect/index.js';
import { atPage, pageOfIds, pageOfRows, rowsOfPage } from '../../db/paging.js';
import { actorShape, asActor, executeForIds, shapeKey } from '../../db/query-shapes.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
import { OPINION } from './opinions.permissions.js';
import { OPINION_SEARCH, type OpinionTables } from './opinions.tables.js';

/** The text the search index reads: the title as written and as edited (the office finds a report by the
 * title it gave it), and the name of who it comes from. */
export const searchText = (r: { title: string; editedTitle: string | null; sourceName: string }) =>
  [r.title, r.editedTitle ?? '', r.sourceName].join('\n');

export type OpinionRow = Selectable<OpinionTables['opinionReports']>;
export type CoauthorRow = Selectable<OpinionTables['opinionCoauthors']>;
export type AdoptionRow = Selectable<OpinionTables['opinionAdoptions']>;
export type InstructionRow = Selectable<OpinionTables['opinionInstructions']>;
export type VersionRow = Selectable<OpinionTables['opinionVersions']>;
export type ForwardRow = Selectable<OpinionTables['opinionForwards']>;
export type FeedbackRow = Selectable<OpinionTables['opinionFeedbacks']>;
export type CategoryRow = Selectable<OpinionTables['opinionCategories']>;
export type BulletinRow = Selectable<OpinionTables['opinionBulletins']>;

/** A report with what its rules need: co-authors, adoptions (one per level) and instructions. */
export interface OpinionRecord extends OpinionRow {
  coauthors: CoauthorRow[];
  adoptions: AdoptionRow[];
  instructions: InstructionRow[];
}

/** States of a report that was put forward and stands: what counts as 报送 for duty points and statistics. */
export const STANDING_STATES = ['submitted', 'accepted', 'adopted', 'declined', 'closed'] as const;
/** States in which the office has taken the report on (受理). */
export const ACCEPTED_STATES = ['accepted', 'adopted', 'declined', 'closed'] as const;

export async function loadOpinion(db: Executor, id: string): Promise<OpinionRecord | undefined> {
  const row = await db.selectFrom('opinionReports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [coauthors, adoptions, instructions] = await Promise.all([
    db.selectFrom('opinionCoauthors').selectAll().where('reportId', '=', id).orderBy('sortOrder').execute(),
    db.selectFrom('opinionAdoptions').selectAll().where('reportId', '=', id).orderBy('date').orderBy('createdAt').execute(),
    db.selectFrom('opinionInstructions').selectAll().where('reportId', '=', id).orderBy('date').orderBy('createdAt').execute(),
  ]);
  return { ...row, coauthors, adoptions, instructions };
}

export async function insertReport(db: Executor, row: OpinionRow): Promise<void> {
  await db.insertInto('opinionReports').values(row).execute();
}

/** Changes columns of a report; every change stamps its updatedAt. */
export async function updateReport(db: Executor, id: string, values: Partial<OpinionRow>): Promise<void> {
  await db
    .updateTable('opinionReports')
    .set({ ...values, updatedAt: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** The status of each of the given reports that exists. */
export async function statusesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('opinionReports').select(['id', 'status']).where('id', 'in', ids).execute();
}

export async function insertCoauthors(db: Executor, reportId: string, list: { id: string; name: string }[], start: number) {
  if (list.length === 0) return;
  await db
    .insertInto('opinionCoauthors')
    .values(list.map((c, i) => ({ reportId, memberId: c.id, name: c.name, sortOrder: start + i })))
    .execute();
}

export async function replaceCoauthors(db: Executor, reportId: string, list: { id: string; name: string }[]) {
  await db.deleteFrom('opinionCoauthors').where('reportId', '=', reportId).execute();
  await insertCoauthors(db, reportId, list, 0);
}

export const versionsOfReport = (db: Executor, reportId: string) =>
  db.selectFrom('opinionVersions').selectAll().where('reportId', '=', reportId).orderBy('version').execute();

export const forwardsOfReport = (db: Executor, reportId: string) =>
  db.selectFrom('opinionForwards').selectAll().where('reportId', '=', reportId).orderBy('date').orderBy('createdAt').execute();

export const feedbacksOfReport = (db: Executor, reportId: string) =>
  db.selectFrom('opinionFeedbacks').selectAll().where('reportId', '=', reportId).orderBy('date').orderBy('createdAt').execute();

export async function insertVersion(db: Executor, row: VersionRow): Promise<void> {
  await db.insertInto('opinionVersions').values(row).execute();
}

export async function insertAdoption(db: Executor, row: AdoptionRow): Promise<void> {
  await db.insertInto('opinionAdoptions').values(row).execute();
}

export async function insertForward(db: Executor, row: ForwardRow): Promise<void> {
  await db.insertInto('opinionForwards').values(row).execute();
}

export async function insertInstruction(db: Executor, row: InstructionRow): Promise<void> {
  await db.insertInto('opinionInstructions').values(row).execute();
}

export async function insertFeedback(db: Executor, row: FeedbackRow): Promise<void> {
  await db.insertInto('opinionFeedbacks').values(row).execute();
}

/** Whether the actor works on this report as opinions office staff (scope 'department' = the owning office). */
export function isOffice(actor: Actor, record: Pick<OpinionRow, 'departmentId'>): boolean {
  const scope = can(actor, OPINION['opinion.manage']);
  if (scope === 'all') return true;
  return scope === 'department' && record.departmentId !== null && actor.departmentIds.includes(record.departmentId);
}

/** Whether the actor is staff of the opinions office at all (bulletins, statistics, recording for others). */
export function isOfficeStaff(actor: Actor, officeDepartmentId: string | null): boolean {
  return isOffice(actor, { departmentId: officeDepartmentId });
}

export function isAuthor(actor: Actor, record: OpinionRecord): boolean {
  if (!actor.memberId || !can(actor, OPINION['opinion.submit'])) return false;
  return record.authorMemberId === actor.memberId || record.coauthors.some((c) => c.memberId === actor.memberId);
}

/** Drafts are their writer's alone; afterwards authors, the office and leaders see it. Units never do. */
export function canSee(actor: Actor, record: OpinionRecord): boolean {
  if (actor.system) return true;
  if (record.status === 'draft') return record.createdBy === actor.userId && Boolean(can(actor, OPINION['opinion.submit']));
  if (isAuthor(actor, record) || (record.createdBy === actor.userId && can(actor, OPINION['opinion.submit']))) return true;
  if (isOffice(actor, record)) return true;
  return can(actor, OPINION['opinion.read']) === 'all';
}

/**
 * What the actor wrote or recorded: own drafts, and submitted reports they wrote, co-wrote or recorded. The
 * candidates are the union of the actor's few rows, found by index (creator, author, co-author), and a report
 * among them is theirs if they recorded it or it is no longer a draft. That is the same as "recorded by them,
 * or submitted and written or co-written by them", but lets those rows drive the query: as an `or` of
 * conditions it walked all 100,000 reports (74 ms for a member's list).
 */
function mine(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'opinionReports'>) => {
    if (!can(actor, OPINION['opinion.submit'])) return sql<SqlBool>`1 = 0`;
    const recorded = eb.selectFrom('opinionReports as c').select('c.id').where('c.createdBy', '=', actor.userId);
    const candidates = actor.memberId
      ? recorded
          .union(eb.selectFrom('opinionReports as a').select('a.id').where('a.authorMemberId', '=', actor.memberId))
          .union(eb.selectFrom('opinionCoauthors').select('reportId as id').where('memberId', '=', actor.memberId))
      : recorded;
    return eb.and([
      eb('opinionReports.id', 'in', candidates),
      eb.or([eb('opinionReports.createdBy', '=', actor.userId), eb('opinionReports.status', '!=', 'draft')]),
    ]);
  };
}

/** The same visibility as canSee, as SQL, for lists. */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'opinionReports'>) => {
    const ors = [mine(actor)(eb)];
    const notDraft = eb('opinionReports.status', '!=', 'draft');
    const manage = can(actor, OPINION['opinion.manage']);
    if (manage === 'all' || can(actor, OPINION['opinion.read']) === 'all') ors.push(notDraft);
    else if (manage === 'department' && actor.departmentIds.length)
      ors.push(eb.and([notDraft, eb('opinionReports.departmentId', 'in', actor.departmentIds)]));
    return eb.or(ors);
  };
}

export interface ListFilter {
  status?: string[];
  year?: number;
  category?: string;
  q?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
}

const LIST = shapeKey('opinions.list');
const PAGE_ROWS = shapeKey('opinions.pageRows');
const ADOPTIONS = shapeKey('opinions.adoptionsOf');

/**
 * A page of reports and its bounded total, read by one statement from the list index (or the search's
 * matches), which seeks the rows of the page alone (ADR 0110); a search on PostgreSQL takes the page's ids
 * first, counted and then walked or read from its matches (`pageOfIds`, ADR 0118).
 */
export async function listOpinions(db: Executor, dialect: DialectName, actor: Actor, f: ListFilter) {
  const who = actorShape(actor);
  const search = searchTerms(dialect, f.q);
  const list = {
    key: `${LIST}:${who.key}:${search.key}`,
    values: { mine: f.mine ?? false, status: f.status ?? [], year: f.year, category: f.category, ...who.values, ...search.values },
    build: (v: ListValues) => {
      let query = db.selectFrom('opinionReports').where(v.mine ? mine(asActor(actor, v)) : visibleTo(asActor(actor, v)));
      if (v.status.length) query = query.where('opinionReports.status', 'in', v.status);
      if (v.year) query = query.where('opinionReports.year', '=', v.year);
      if (v.category) query = query.where('opinionReports.category', '=', v.category);
      // Every whitespace-separated word is a substring of a title or the source's name.
      return searchList(dialect, OPINION_SEARCH, query, v);
    },
  };
  const inListOrder = searchOrder(dialect, OPINION_SEARCH, search.values);
  if (!search.readsAllMatches) {
    return pageOfRows(db, { rows: (query) => inListOrder(query).select(PAGE_COLUMNS), ...list }, f);
  }
  const { ids: page, ...total } = await pageOfIds(
    db,
    { ordered: (query) => inListOrder(query).select('opinionReports.id'), ...list },
    { readsAllMatches: true, ...f },
  );
  const items = await rowsOfPage(db, PAGE_ROWS, page, (ids) => db.selectFrom('opinionReports').select(PAGE_COLUMNS).where('id', 'in', ids));
  return { items, ...total };
}

type ListValues = { mine: boolean; status: string[]; year?: number; category?: string } & ReturnType<typeof actorShape>['values'] &
  SearchTerms['values'];

/** The columns of a list row, named with their table: a search joins its index. */
const PAGE_COLUMNS = [
  'opinionReports.id',
  'opinionReports.title',
  'opinionReports.editedTitle',
  'opinionReports.category',
  'opinionReports.source',
  'opinionReports.sourceName',
  'opinionReports.status',
  'opinionReports.year',
  'opinionReports.submittedAt',
  'opinionReports.createdAt',
  'opinionReports.proposalId',
] as const;

/** Adoption levels of the listed reports, for their tags. */
export async function adoptionsOf(db: Executor, ids: string[]) {
  return executeForIds(db, ADOPTIONS, ids, (ids) =>
    db.selectFrom('opinionAdoptions').select(['reportId', 'level']).where('reportId', 'in', ids),
  );
}

/** Records in the given states visible to the actor (to-do candidates). */
export function candidateOpinions(db: Executor, actor: Actor, states: string[]) {
  return db
    .selectFrom('opinionReports')
    .select('id')
    .where(visibleTo(actor))
    .where('status', 'in', states)
    .orderBy('updatedAt', 'desc')
    .limit(60)
    .execute();
}

export const listCategories = (db: Executor, activeOnly = true) => {
  let q = db.selectFrom('opinionCategories').select(['id', 'name', 'sortOrder', 'active']);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sortOrder').orderBy('name').execute();
};

export async function insertCategory(db: Executor, row: CategoryRow): Promise<void> {
  await db.insertInto('opinionCategories').values(row).execute();
}

export async function memberNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The opinions office: the department named 研究室, else one whose name contains 信息 (ADR 0103). */
export async function officeDepartmentId(db: Executor): Promise<string | null> {
  const rows = await db.selectFrom('departments').select(['id', 'name']).orderBy('sortOrder').execute();
  return (rows.find((d) => d.name === '研究室') ?? rows.find((d) => d.name.includes('信息')))?.id ?? null;
}

export async function nextVersion(db: Executor, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('opinionVersions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('reportId', '=', reportId)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

/** Next 第N期 of a year: a counter row per year, incremented inside the creating transaction. */
export async function nextBulletinNumber(db: Executor, year: number): Promise<number> {
  await db
    .insertInto('opinionBulletinCounters')
    .values({ year, lastNumber: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await db
    .updateTable('opinionBulletinCounters')
    .set((eb) => ({ lastNumber: eb('lastNumber', '+', 1) }))
    .where('year', '=', year)
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}

export const loadBulletin = (db: Executor, id: string) =>
  db.selectFrom('opinionBulletins').selectAll().where('id', '=', id).executeTakeFirst();

/** A page of bulletin issues, newest first, with the count of all that match. */
export async function listBulletins(db: Executor, f: { year?: number; page: number; pageSize: number }) {
  let q = db.selectFrom('opinionBulletins');
  if (f.year) q = q.where('year', '=', f.year);
  const [items, count] = await Promise.all([
    atPage(q.selectAll().orderBy('year', 'desc').orderBy('number', 'desc'), f.pageSize, (f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertBulletin(db: Executor, row: BulletinRow): Promise<void> {
  await db.insertInto('opinionBulletins').values(row).execute();
}

/** Sets a bulletin's reports to the given ones, in this order. */
export async function replaceBulletinItems(db: Executor, bulletinId: string, reportIds: string[]): Promise<void> {
  await db.deleteFrom('opinionBulletinItems').where('bulletinId', '=', bulletinId).execute();
  if (reportIds.length)
    await db
      .insertInto('opinionBulletinItems')
      .values(reportIds.map((reportId, sortOrder) => ({ bulletinId, reportId, sortOrder })))
      .execute();
}

export async function touchBulletin(db: Executor, id: string): Promise<void> {
  await db.updateTable('opinionBulletins').set({ updatedAt: nowIso() }).where('id', '=', id).execute();
}

/** 印发 a draft issue; false when it was no longer a draft (published by someone else meanwhile). */
export async function markBulletinPublished(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('opinionBulletins')
    .set({ status: 'published', publishedAt: nowIso(), updatedAt: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A bulletin's reports in order, with the text it prints (the latest edited version, else the original). */
export async function bulletinReports(db: Executor, bulletinId: string) {
  const items = await db
    .selectFrom('opinionBulletinItems as i')
    .innerJoin('opinionReports as r', 'r.id', 'i.reportId')
    .select(['r.id', 'r.title', 'r.situation', 'r.analysis', 'r.suggestions', 'r.sourceName', 'r.category', 'r.status', 'i.sortOrder'])
    .where('i.bulletinId', '=', bulletinId)
    .orderBy('i.sortOrder')
    .execute();
  const latest = await latestVersions(
    db,
    items.map((i) => i.id),
  );
  return items.map((i) => ({ ...i, ...(latest.get(i.id) ?? {}) }));
}

/** The latest edited text of each report that has one. */
export async function latestVersions(db: Executor, reportIds: string[]) {
  const out = new Map<string, { title: string; situation: string; analysis: string; suggestions: string }>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .selectFrom('opinionVersions')
    .select(['reportId', 'title', 'situation', 'analysis', 'suggestions'])
    .where('reportId', 'in', reportIds)
    .orderBy('version')
    .execute();
  for (const { reportId, ...text } of rows) out.set(reportId, text);
  return out;
}

/** The bulletin issues a report is in. */
export const bulletinsOfReport = (db: Executor, reportId: string) =>
  db
    .selectFrom('opinionBulletinItems as i')
    .innerJoin('opinionBulletins as b', 'b.id', 'i.bulletinId')
    .select(['b.id', 'b.year', 'b.number', 'b.title', 'b.status'])
    .where('i.reportId', '=', reportId)
    .orderBy('b.year')
    .orderBy('b.number')
    .execute();

/**
 * (report, member) for every member credited with a report: its author and its co-authors; of the given
 * members only, filtered inside both branches so that PostgreSQL starts from their few rows (filtered
 * outside, it read all 100,000 reports).
 */
const credit = (db: Executor, memberIds: string[] | 'all') =>
  db
    .selectFrom('opinionReports')
    .select(['id as reportId', 'authorMemberId as memberId'])
    .$if(memberIds === 'all', (q) => q.where('authorMemberId', 'is not', null))
    .$if(memberIds !== 'all', (q) => q.where('authorMemberId', 'in', memberIds as string[]))
    .$narrowType<{ memberId: string }>()
    .unionAll(
      db
        .selectFrom('opinionCoauthors')
        .select(['reportId', 'memberId'])
        .$if(memberIds !== 'all', (q) => q.where('memberId', 'in', memberIds as string[])),
    );

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * Counts per credited member for a year: reports put forward (by year of submission), adoptions per level
 * and instructions (by their dates, so a report adopted by the city a year later scores in that year).
 */
export async function dutyCounts(db: Executor, memberIds: string[] | 'all', year: number) {
  if (memberIds !== 'all' && memberIds.length === 0) return [];
  const { from, to } = yearRange(year);
  const [submitted, adopted, instructed] = await Promise.all([
    db
      .selectFrom(credit(db, memberIds).as('c'))
      .innerJoin('opinionReports as r', 'r.id', 'c.reportId')
      .where('r.year', '=', year)
      .where('r.status', 'in', [...STANDING_STATES])
      .select('c.memberId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('c.memberId')
      .execute(),
    db
      .selectFrom(credit(db, memberIds).as('c'))
      .innerJoin('opinionAdoptions as a', 'a.reportId', 'c.reportId')
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .select(['c.memberId', 'a.level'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['c.memberId', 'a.level'])
      .execute(),
    db
      .selectFrom(credit(db, memberIds).as('c'))
      .innerJoin('opinionInstructions as i', 'i.reportId', 'c.reportId')
      .where('i.date', '>=', from)
      .where('i.date', '<=', to)
      .select('c.memberId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('c.memberId')
      .execute(),
  ]);
  return [
    ...submitted.map((r) => ({ memberId: r.memberId, kind: 'submitted' as const, n: Number(r.n) })),
    ...adopted.map((r) => ({ memberId: r.memberId, kind: r.level, n: Number(r.n) })),
    ...instructed.map((r) => ({ memberId: r.memberId, kind: 'instructed' as const, n: Number(r.n) })),
  ];
}

/** One member's reports that count in a year: submitted in it, or adopted or instructed on in it. */
export async function dutyReportsOfMember(db: Executor, memberId: string, year: number) {
  const { from, to } = yearRange(year);
  // The member's reports first, as their own statement: inside one query PostgreSQL filtered all 100,000
  // reports by the year conditions before joining the member's few (55 ms at national size).
  const mine = (
    await db
      .selectFrom(credit(db, [memberId]).as('c'))
      .select('c.reportId')
      .execute()
  ).map((c) => c.reportId);
  if (mine.length === 0) return [];
  const rows = await db
    .selectFrom('opinionReports as r')
    .select(['r.id', 'r.title', 'r.editedTitle', 'r.status', 'r.submittedAt', 'r.year'])
    .where('r.id', 'in', mine)
    .where('r.status', 'in', [...STANDING_STATES])
    .where((eb) =>
      eb.or([
        eb('r.year', '=', year),
        // Probed per report of the member's few: `in (adoptions of the year)` read all 7,000 of them each time.
        ...(['opinion_adoptions', 'opinion_instructions'] as const).map(
          (table) =>
            sql<SqlBool>`exists (select 1 from ${sql.table(table)} as d where d.report_id = r.id and d.date >= ${from} and d.date <= ${to})`,
        ),
      ]),
    )
    .orderBy('r.submittedAt')
    .execute();
  const ids = rows.map((r) => r.id);
  const [adoptions, instructions] = ids.length
    ? await Promise.all([
        db.selectFrom('opinionAdoptions').select(['reportId', 'level', 'date']).where('reportId', 'in', ids).execute(),
        db.selectFrom('opinionInstructions').select(['reportId', 'date']).where('reportId', 'in', ids).execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    ...r,
    adoptions: adoptions.filter((a) => a.reportId === r.id).map((a) => ({ level: a.level, date: a.date })),
    instructions: instructions.filter((i) => i.reportId === r.id).length,
  }));
}

/** Everything the year's statistics count, for reports submitted in the year. */
export async function statsRows(db: Executor, year: number) {
  const reports = await db
    .selectFrom('opinionReports')
    .select(['id', 'status', 'category', 'source', 'sourceOrgId', 'authorMemberId', 'declineReason'])
    .where('year', '=', year)
    .where('status', 'in', [...STANDING_STATES])
    .execute();
  const inYear = db.selectFrom('opinionReports').select('id').where('year', '=', year);
  const [adoptions, instructions] = await Promise.all([
    db.selectFrom('opinionAdoptions').select(['reportId', 'level']).where('reportId', 'in', inYear).execute(),
    db.selectFrom('opinionInstructions').select(['reportId', 'level']).where('reportId', 'in', inYear).execute(),
  ]);
  return { reports, adoptions, instructions };
}
