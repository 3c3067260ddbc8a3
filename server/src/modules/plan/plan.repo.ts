import type { PlanItemStatus } from '@xieshang/shared';
import type { Insertable, Updateable } from 'kysely';
import type { Database, Executor } from '../../db/schema.js';
import { atPage, exactTotal } from '../../db/paging.js';
import { executeForIds, executeShaped, shapeKey } from '../../db/query-shapes.js';

/** Kysely queries of the plan module. Data scope is applied by the service through the filters it passes. */

export interface ItemFilter {
  planId?: string;
  year?: number;
  sectionId?: string;
  leaderId?: string;
  departmentId?: string;
  /** YYYY-MM of the deadline. */
  month?: string;
  status?: PlanItemStatus;
  /** Only items past their deadline and not done (true), or only the others (false). */
  overdue?: boolean;
  /** "My items": those led by this member or owned by these departments. */
  mine?: { memberId: string | null; departmentIds: string[] };
  /** Hide drafts from readers of adopted plans. */
  adoptedOnly?: boolean;
  today: string;
}

/**
 * Plans first, by year and id, then each plan's items: SQLite, held to that join order by CROSS JOIN, reads
 * the items in list order and stops after a page, where it read all items and sorted them before (the
 * overdue list: 0.27 → 0.06 ms). PostgreSQL plans the join freely.
 */
const ITEMS = shapeKey('plan.items');
const ITEM_PAGE = shapeKey('plan.itemPage');

/** The filter as a query shape (ADR 0109). */
function itemQuery(db: Executor, f: ItemFilter) {
  const values = {
    planId: f.planId,
    year: f.year,
    sectionId: f.sectionId,
    status: f.status,
    adoptedOnly: f.adoptedOnly ?? false,
    monthFrom: f.month ? `${f.month}-01` : null,
    monthTo: f.month ? `${f.month}-31` : null,
    overdue: f.overdue,
    today: f.today,
    leaderId: f.leaderId,
    departmentId: f.departmentId,
    mine: Boolean(f.mine),
    mineMemberId: f.mine ? (f.mine.memberId ?? '') : null,
    mineDepartmentIds: f.mine?.departmentIds.length ? f.mine.departmentIds : [''],
  };
  return {
    key: ITEMS,
    values,
    build: (v: typeof values) => {
      let q = db.selectFrom('plans as p').crossJoin('planItems as i').whereRef('i.planId', '=', 'p.id');
      if (v.planId) q = q.where('i.planId', '=', v.planId);
      if (v.year) q = q.where('p.year', '=', v.year);
      if (v.sectionId) q = q.where('i.sectionId', '=', v.sectionId);
      if (v.status) q = q.where('i.status', '=', v.status);
      if (v.adoptedOnly) q = q.where('p.status', '<>', 'draft');
      if (v.monthFrom && v.monthTo) q = q.where('i.deadlineDate', '>=', v.monthFrom).where('i.deadlineDate', '<=', v.monthTo);
      if (v.overdue) q = q.where('i.status', '<>', 'done').where('i.deadlineDate', '<', v.today);
      else if (v.overdue === false)
        q = q.where((eb) => eb.or([eb('i.status', '=', 'done'), eb('i.deadlineDate', 'is', null), eb('i.deadlineDate', '>=', v.today)]));
      if (v.leaderId) {
        const leaderId = v.leaderId;
        q = q.where((eb) =>
          eb.exists(
            eb.selectFrom('planItemLeaders as l').select('l.itemId').whereRef('l.itemId', '=', 'i.id').where('l.memberId', '=', leaderId),
          ),
        );
      }
      if (v.departmentId) {
        const departmentId = v.departmentId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('planItemDepartments as d')
              .select('d.itemId')
              .whereRef('d.itemId', '=', 'i.id')
              .where('d.departmentId', '=', departmentId),
          ),
        );
      }
      if (v.mine) {
        const memberId = v.mineMemberId ?? '';
        q = q.where((eb) =>
          eb.or([
            eb.exists(
              eb.selectFrom('planItemLeaders as l').select('l.itemId').whereRef('l.itemId', '=', 'i.id').where('l.memberId', '=', memberId),
            ),
            eb.exists(
              eb
                .selectFrom('planItemDepartments as d')
                .select('d.itemId')
                .whereRef('d.itemId', '=', 'i.id')
                .where('d.departmentId', 'in', v.mineDepartmentIds),
            ),
          ]),
        );
      }
      return q;
    },
  };
}

/**
 * A list row (ADR 0114): the item as a list shows it, with its plan's year and its section's number. The
 * titles of the plan and the section are the plan's to answer, and the final report is the item page's.
 */
const ITEM_SUMMARY_COLUMNS = [
  'i.id',
  'i.planId',
  'p.year as planYear',
  'p.status as planStatus',
  'i.sectionId',
  's.no as sectionNo',
  'i.no',
  'i.content',
  'i.leaderText',
  'i.departmentText',
  'i.deadlineText',
  'i.deadlineDate',
  'i.status',
  'i.percent',
  'i.sortOrder',
  'i.carriedFromItemId',
  'i.completedAt',
  'i.lastProgressAt',
  'i.updatedAt',
] as const;

const ITEM_COLUMNS = [...ITEM_SUMMARY_COLUMNS, 'p.title as planTitle', 's.title as sectionTitle', 'i.finalReport'] as const;

/** Items whole, with their plan's and section's fields, as the item page shows them. */
function itemRows(db: Executor) {
  return db
    .selectFrom('planItems as i')
    .innerJoin('plans as p', 'p.id', 'i.planId')
    .innerJoin('planSections as s', 's.id', 'i.sectionId')
    .select(ITEM_COLUMNS);
}

/** Items in plan order (latest year first), by the plans' years and each plan's `plan_items_plan_idx`. */
function inPlanOrder(items: ReturnType<typeof itemQuery>, v: ReturnType<typeof itemQuery>['values']) {
  return items
    .build(v)
    .innerJoin('planSections as s', 's.id', 'i.sectionId')
    .orderBy('p.year', 'desc')
    .orderBy('p.id', 'desc')
    .orderBy('i.sortOrder');
}

/** Every item the filter selects, whole: a plan's page, dashboard and exports. */
export async function selectItems(db: Executor, f: ItemFilter) {
  const items = itemQuery(db, f);
  return inPlanOrder(items, items.values).select(ITEM_COLUMNS).execute();
}

/**
 * A page of list rows, in one statement (ADR 0110): SQLite sorts only within a plan and stops after the
 * page; reading the page's ids first and then their rows took 168 against 143 µs.
 */
export async function selectItemPage(db: Executor, f: ItemFilter, page: { page: number; pageSize: number }) {
  const items = itemQuery(db, f);
  return executeShaped(db, {
    key: `${ITEM_PAGE}:${page.pageSize}`,
    values: { pageOffset: (page.page - 1) * page.pageSize, ...items.values },
    build: (v) => atPage(inPlanOrder(items, v).select(ITEM_SUMMARY_COLUMNS), page.pageSize, v.pageOffset),
  });
}

export function countItems(db: Executor, f: ItemFilter): Promise<number> {
  return exactTotal(db, itemQuery(db, f));
}

export type ItemRow = Awaited<ReturnType<typeof selectItems>>[number];
export type ItemSummaryRow = Awaited<ReturnType<typeof selectItemPage>>[number];

export async function selectItem(db: Executor, id: string) {
  return itemRows(db).where('i.id', '=', id).executeTakeFirst();
}

/** The item's own fields the item workflow needs, with its plan's status. */
export const selectItemRecord = (db: Executor, id: string) =>
  db
    .selectFrom('planItems as i')
    .innerJoin('plans as p', 'p.id', 'i.planId')
    .select(['i.id', 'i.status', 'i.planId', 'p.status as planStatus', 'i.no', 'i.content', 'i.deadlineDate', 'i.deadlineText'])
    .where('i.id', '=', id)
    .executeTakeFirst();

/** Rows in statements of `size`, so that a large plan stays under SQLite's bound-parameter limit. */
async function inChunks<R>(rows: R[], size: number, insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export const insertItems = (db: Executor, rows: Insertable<Database['planItems']>[]) =>
  inChunks(rows, 100, (chunk) => db.insertInto('planItems').values(chunk).execute());

export const insertItemLeaders = (db: Executor, rows: Insertable<Database['planItemLeaders']>[]) =>
  inChunks(rows, 300, (chunk) => db.insertInto('planItemLeaders').values(chunk).execute());

export const insertItemDepartments = (db: Executor, rows: Insertable<Database['planItemDepartments']>[]) =>
  inChunks(rows, 300, (chunk) => db.insertInto('planItemDepartments').values(chunk).execute());

export const updateItem = (db: Executor, id: string, values: Updateable<Database['planItems']>) =>
  db.updateTable('planItems').set(values).where('id', '=', id).execute();

const LEADERS_OF_ITEMS = shapeKey('plan.leadersOfItems');
const DEPARTMENTS_OF_ITEMS = shapeKey('plan.departmentsOfItems');

export async function leadersOfItems(db: Executor, itemIds: string[]) {
  return executeForIds(db, LEADERS_OF_ITEMS, itemIds, (itemIds) =>
    db
      .selectFrom('planItemLeaders as l')
      .innerJoin('members as m', 'm.id', 'l.memberId')
      .select(['l.itemId', 'm.id', 'm.name'])
      .where('l.itemId', 'in', itemIds)
      .orderBy('l.sortOrder'),
  );
}

export async function departmentsOfItems(db: Executor, itemIds: string[]) {
  return executeForIds(db, DEPARTMENTS_OF_ITEMS, itemIds, (itemIds) =>
    db
      .selectFrom('planItemDepartments as d')
      .innerJoin('departments as x', 'x.id', 'd.departmentId')
      .select(['d.itemId', 'x.id', 'x.name'])
      .where('d.itemId', 'in', itemIds)
      .orderBy('d.sortOrder'),
  );
}

export async function replaceItemLeaders(db: Executor, itemId: string, memberIds: string[]) {
  await db.deleteFrom('planItemLeaders').where('itemId', '=', itemId).execute();
  await db
    .insertInto('planItemLeaders')
    .values(memberIds.map((memberId, sortOrder) => ({ itemId, memberId, sortOrder })))
    .execute();
}

export async function replaceItemDepartments(db: Executor, itemId: string, departmentIds: string[]) {
  await db.deleteFrom('planItemDepartments').where('itemId', '=', itemId).execute();
  await db
    .insertInto('planItemDepartments')
    .values(departmentIds.map((departmentId, sortOrder) => ({ itemId, departmentId, sortOrder })))
    .execute();
}

export async function pendingDeadlineChange(db: Executor, itemId: string) {
  return db.selectFrom('planDeadlineChanges').selectAll().where('itemId', '=', itemId).where('status', '=', 'pending').executeTakeFirst();
}

export const insertDeadlineChange = (db: Executor, row: Insertable<Database['planDeadlineChanges']>) =>
  db.insertInto('planDeadlineChanges').values(row).execute();

export const updateDeadlineChange = (db: Executor, id: string, values: Updateable<Database['planDeadlineChanges']>) =>
  db.updateTable('planDeadlineChanges').set(values).where('id', '=', id).execute();

export const insertProgressReport = (db: Executor, row: Insertable<Database['planProgressReports']>) =>
  db.insertInto('planProgressReports').values(row).execute();

export const itemOfProgressReport = (db: Executor, reportId: string) =>
  db.selectFrom('planProgressReports').select('itemId').where('id', '=', reportId).executeTakeFirst();

export const insertComment = (db: Executor, row: Insertable<Database['planComments']>) =>
  db.insertInto('planComments').values(row).execute();

export async function selectPlans(db: Executor, f: { year?: number; adoptedOnly: boolean }) {
  let q = db.selectFrom('plans').selectAll();
  if (f.year) q = q.where('year', '=', f.year);
  if (f.adoptedOnly) q = q.where('status', '<>', 'draft');
  return q.orderBy('year', 'desc').orderBy('createdAt', 'desc').execute();
}

export async function planItemCounts(db: Executor, planIds: string[], today: string) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('planItems')
    .select((eb) => [
      'planId',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('status', '<>', 'done'), eb('deadlineDate', '<', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .where('planId', 'in', planIds)
    .groupBy('planId')
    .execute();
}

export const selectPlan = (db: Executor, id: string) => db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();

/** The plan's fields the plan workflow needs. */
export const selectPlanRecord = (db: Executor, id: string) =>
  db.selectFrom('plans').select(['id', 'status', 'year', 'title']).where('id', '=', id).executeTakeFirst();

/** A plan of the year other than this one that was put into effect (active or archived). */
export const otherAdoptedPlanOfYear = (db: Executor, year: number, planId: string) =>
  db.selectFrom('plans').select('id').where('year', '=', year).where('status', '<>', 'draft').where('id', '<>', planId).executeTakeFirst();

export const insertPlan = (db: Executor, row: Insertable<Database['plans']>) => db.insertInto('plans').values(row).execute();

export const insertSections = (db: Executor, rows: Insertable<Database['planSections']>[]) =>
  db.insertInto('planSections').values(rows).execute();

export const selectSections = (db: Executor, planId: string) =>
  db.selectFrom('planSections').selectAll().where('planId', '=', planId).orderBy('sortOrder').execute();

export const plansOfYear = (db: Executor, year: number) => db.selectFrom('plans').selectAll().where('year', '=', year).execute();

export const progressOfItem = (db: Executor, itemId: string) =>
  db.selectFrom('planProgressReports').selectAll().where('itemId', '=', itemId).orderBy('createdAt').orderBy('id').execute();

export const commentsOfItem = (db: Executor, itemId: string) =>
  db.selectFrom('planComments').selectAll().where('itemId', '=', itemId).orderBy('createdAt').orderBy('id').execute();

export const deadlineChangesOfItem = (db: Executor, itemId: string) =>
  db.selectFrom('planDeadlineChanges').selectAll().where('itemId', '=', itemId).orderBy('createdAt').orderBy('id').execute();

/** The latest progress text of each item, for the ledger's 进展情况 column. */
export async function latestProgress(db: Executor, itemIds: string[]) {
  if (itemIds.length === 0) return new Map<string, { text: string; createdAt: string }>();
  const rows = await db
    .selectFrom('planProgressReports')
    .select(['itemId', 'text', 'createdAt', 'id'])
    .where('itemId', 'in', itemIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const out = new Map<string, { text: string; createdAt: string }>();
  for (const r of rows) out.set(r.itemId, { text: r.text, createdAt: r.createdAt });
  return out;
}

export async function nameMappings(db: Executor) {
  return db.selectFrom('planNameMappings').selectAll().execute();
}

export async function saveNameMapping(
  db: Executor,
  row: {
    id: string;
    kind: 'leader' | 'department' | 'organizer';
    name: string;
    targetKind: 'member' | 'department' | 'committee' | 'sector';
    recordId: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('planNameMappings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['kind', 'name']).doUpdateSet({ targetKind: row.targetKind, recordId: row.recordId, createdAt: row.createdAt }),
    )
    .execute();
}

export async function deletePlan(db: Executor, planId: string) {
  const itemIds = (await db.selectFrom('planItems').select('id').where('planId', '=', planId).execute()).map((r) => r.id);
  if (itemIds.length) {
    for (const table of [
      'planItemLeaders',
      'planItemDepartments',
      'planProgressReports',
      'planComments',
      'planDeadlineChanges',
      'planReminders',
    ] as const) {
      await db.deleteFrom(table).where('itemId', 'in', itemIds).execute();
    }
    await db.deleteFrom('planItems').where('planId', '=', planId).execute();
  }
  await db.deleteFrom('planSections').where('planId', '=', planId).execute();
  await db.deleteFrom('plans').where('id', '=', planId).execute();
}

/** Forgets the reminders sent for an item whose deadline changed: the new deadline has its own reminders. */
export const deleteItemReminders = (db: Executor, itemId: string) => db.deleteFrom('planReminders').where('itemId', '=', itemId).execute();

/** Items not done whose deadline is on or before `until`, for the reminder job. */
export async function itemsForReminders(db: Executor, until: string) {
  return db
    .selectFrom('planItems as i')
    .innerJoin('plans as p', 'p.id', 'i.planId')
    .select(['i.id', 'i.no', 'i.content', 'i.deadlineDate', 'i.deadlineText', 'p.year'])
    .where('p.status', '=', 'active')
    .where('i.status', '<>', 'done')
    .where('i.deadlineDate', 'is not', null)
    .where('i.deadlineDate', '<=', until)
    .execute();
}

/** Records a reminder as sent; false if it had been sent already (so that it is sent once). */
export async function claimReminder(db: Executor, itemId: string, reminderKey: string, sentAt: string): Promise<boolean> {
  const result = await db
    .insertInto('planReminders')
    .values({ itemId, reminderKey, sentAt })
    .onConflict((oc) => oc.columns(['itemId', 'reminderKey']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Items waiting for this actor: for the lead departments, those overdue or asked for an update since
 * their last report; for the responsible leaders, those with a deadline change to decide.
 */
export async function todoItemIds(
  db: Executor,
  who: { memberId: string | null; departmentIds: string[]; states: string[]; today: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('planItems as i')
    .innerJoin('plans as p', 'p.id', 'i.planId')
    .select('i.id')
    .where('p.status', '=', 'active')
    .where('i.status', 'in', who.states as PlanItemStatus[])
    .where((eb) =>
      eb.or([
        eb.and([
          eb.exists(
            eb
              .selectFrom('planItemDepartments as d')
              .select('d.itemId')
              .whereRef('d.itemId', '=', 'i.id')
              .where('d.departmentId', 'in', who.departmentIds.length ? who.departmentIds : ['']),
          ),
          eb.or([
            eb.and([eb('i.status', '<>', 'done'), eb('i.deadlineDate', '<', who.today)]),
            eb.exists(
              eb
                .selectFrom('planComments as c')
                .select('c.id')
                .whereRef('c.itemId', '=', 'i.id')
                .where('c.kind', '=', 'update_request')
                .where((inner) =>
                  inner.or([inner('i.lastProgressAt', 'is', null), inner('c.createdAt', '>', inner.ref('i.lastProgressAt'))]),
                ),
            ),
          ]),
        ]),
        eb.and([
          eb.exists(
            eb
              .selectFrom('planItemLeaders as l')
              .select('l.itemId')
              .whereRef('l.itemId', '=', 'i.id')
              .where('l.memberId', '=', who.memberId ?? ''),
          ),
          eb.exists(
            eb.selectFrom('planDeadlineChanges as c').select('c.id').whereRef('c.itemId', '=', 'i.id').where('c.status', '=', 'pending'),
          ),
        ]),
      ]),
    )
    .orderBy('i.deadlineDate')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}
