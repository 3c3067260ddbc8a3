import { sql, type Selectable } from 'kysely';
import { likePattern, matchesPattern, dialectOf } from '../../db/dialect/index.js';
import type { Executor } from '../../db/schema.js';
import { pageOfIds, pageOfRows, rowsOfPage } from '../../db/paging.js';
import { shapeKey } from '../../db/query-shapes.js';
import type { NoticeTables } from './notices.tables.js';

export type NoticeRow = Selectable<NoticeTables['notices']>;
export type NoticeRecord = NoticeRow & { departmentName: string };

export const loadNotice = (db: Executor, id: string): Promise<NoticeRecord | undefined> =>
  db
    .selectFrom('notices as n')
    .innerJoin('departments as d', 'd.id', 'n.departmentId')
    .selectAll('n')
    .select('d.name as departmentName')
    .where('n.id', '=', id)
    .executeTakeFirst();

export const insertNotice = (db: Executor, row: NoticeRow) => db.insertInto('notices').values(row).execute();

export async function updateNotice(db: Executor, id: string, values: Partial<NoticeRow>): Promise<void> {
  await db.updateTable('notices').set(values).where('id', '=', id).execute();
}

/** Deletes a draft; the condition on the state keeps a notice published meanwhile. */
export async function deleteDraft(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('notices').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The row of one account for a notice: whether it was sent to them, and when they read it. */
export const recipientRow = (db: Executor, noticeId: string, userId: string) =>
  db.selectFrom('noticeRecipients').select(['readAt']).where('noticeId', '=', noticeId).where('userId', '=', userId).executeTakeFirst();

export async function insertRecipients(db: Executor, noticeId: string, userIds: string[], publishedAt: string): Promise<void> {
  for (let i = 0; i < userIds.length; i += 500) {
    await db
      .insertInto('noticeRecipients')
      .values(userIds.slice(i, i + 500).map((userId) => ({ noticeId, userId, publishedAt, readAt: null })))
      .execute();
  }
}

/** Marks a notice read by one account, the first time only; counts it on the notice. Whether this was the first time. */
export async function markRead(db: Executor, noticeId: string, userId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('noticeRecipients')
    .set({ readAt: at })
    .where('noticeId', '=', noticeId)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('notices')
    .set((eb) => ({ readCount: eb('readCount', '+', 1) }))
    .where('id', '=', noticeId)
    .execute();
  return true;
}

export async function unreadRecipientIds(db: Executor, noticeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('noticeRecipients')
    .select('userId')
    .where('noticeId', '=', noticeId)
    .where('readAt', 'is', null)
    .execute();
  return rows.map((r) => r.userId);
}

const RECEIVED = shapeKey('notices.received');
const MANAGED = shapeKey('notices.managed');
const PAGE_ROWS = shapeKey('notices.pageRows');
const RECIPIENTS = shapeKey('notices.recipients');

/** What a list row of a notice carries: no body, which can be long. */
const listRows = (db: Executor, ids: string[]) =>
  db
    .selectFrom('notices as n')
    .innerJoin('departments as d', 'd.id', 'n.departmentId')
    .select([
      'n.id',
      'n.kind',
      'n.title',
      'n.source',
      'n.status',
      'n.departmentId',
      'd.name as departmentName',
      'n.recipientCount',
      'n.readCount',
      'n.publishedAt',
      'n.publisherName',
      'n.createdAt',
    ])
    .where('n.id', 'in', ids);

/**
 * The published notices sent to one account, newest first, with when they read each. The page's ids walk the
 * account's rows of noticeRecipients in order (`user_id, published_at, notice_id, read_at`), testing each
 * notice's state by its key, and stop after the page (ADR 0119); a join let SQLite start from the notices
 * and sort all of the account's rows.
 */
export async function listReceived(
  db: Executor,
  userId: string,
  f: { unread?: boolean; kind?: string },
  page: { page: number; pageSize: number },
) {
  const { ids, ...total } = await pageOfIds(
    db,
    {
      key: RECEIVED,
      values: { userId, unread: Boolean(f.unread), kind: f.kind },
      build: (v) => {
        let q = db
          .selectFrom('noticeRecipients as r')
          .where('r.userId', '=', v.userId)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('notices as n')
                .select('n.id')
                .whereRef('n.id', '=', 'r.noticeId')
                .where('n.status', '=', 'published')
                .$if(Boolean(v.kind), (sub) => sub.where('n.kind', '=', v.kind as NoticeRow['kind'])),
            ),
          );
        if (v.unread) q = q.where('r.readAt', 'is', null);
        return q;
      },
      ordered: (filtered) => filtered.select('r.noticeId as id').orderBy('r.publishedAt', 'desc').orderBy('r.noticeId', 'desc'),
    },
    { readsAllMatches: false, ...page },
  );
  const [rows, reads] = await Promise.all([
    rowsOfPage(db, PAGE_ROWS, ids, (page) => listRows(db, page)),
    ids.length
      ? db
          .selectFrom('noticeRecipients')
          .select(['noticeId', 'readAt'])
          .where('userId', '=', userId)
          .where(
            'noticeId',
            'in',
            ids.map((i) => i.id),
          )
          .execute()
      : [],
  ]);
  const readAt = new Map(reads.map((r) => [r.noticeId, r.readAt]));
  return {
    items: rows.map(({ recipientCount: _count, readCount: _read, ...row }) => ({ ...row, readAt: readAt.get(row.id) ?? null })),
    ...total,
  };
}

/**
 * The notices of the given departments (or all), latest written first, by state, kind and words of the title.
 * The page's ids walk `notices (department_id, created_at, id)` or `(created_at, id)` and stop after the page.
 */
export async function listManaged(
  db: Executor,
  f: { departmentIds: string[] | 'all'; status?: string; kind?: string; q?: string },
  page: { page: number; pageSize: number },
) {
  const dialect = dialectOf(db);
  const { ids, ...total } = await pageOfIds(
    db,
    {
      key: MANAGED,
      values: {
        everyDepartment: f.departmentIds === 'all',
        departmentIds: f.departmentIds === 'all' ? [] : f.departmentIds,
        status: f.status,
        kind: f.kind,
        titlePattern: f.q ? likePattern(f.q) : undefined,
      },
      build: (v) => {
        let q = db.selectFrom('notices as n');
        if (!v.everyDepartment) q = q.where('n.departmentId', 'in', v.departmentIds.length ? v.departmentIds : ['']);
        if (v.status) q = q.where('n.status', '=', v.status as NoticeRow['status']);
        if (v.kind) q = q.where('n.kind', '=', v.kind as NoticeRow['kind']);
        if (v.titlePattern) {
          const pattern = v.titlePattern;
          q = q.where((eb) => matchesPattern(dialect, eb.ref('n.title'), pattern));
        }
        return q;
      },
      ordered: (filtered) => filtered.select('n.id').orderBy('n.createdAt', 'desc').orderBy('n.id', 'desc'),
    },
    { readsAllMatches: false, ...page },
  );
  return { items: await rowsOfPage(db, PAGE_ROWS, ids, (page) => listRows(db, page)), ...total };
}

/** Whom a notice went to, unread first, each with when they read it. */
export function listRecipients(db: Executor, noticeId: string, f: { read?: 'read' | 'unread' }, page: { page: number; pageSize: number }) {
  return pageOfRows(
    db,
    {
      key: RECIPIENTS,
      values: { noticeId, onlyRead: f.read === 'read', onlyUnread: f.read === 'unread' },
      build: (v) => {
        let q = db.selectFrom('noticeRecipients as r').innerJoin('users as u', 'u.id', 'r.userId').where('r.noticeId', '=', v.noticeId);
        if (v.onlyRead) q = q.where('r.readAt', 'is not', null);
        if (v.onlyUnread) q = q.where('r.readAt', 'is', null);
        return q;
      },
      rows: (q) =>
        q
          .select(['u.id as userId', 'u.displayName', 'r.readAt'])
          .orderBy(sql`case when r.read_at is null then 0 else 1 end`)
          .orderBy('r.readAt', 'desc')
          .orderBy('u.displayName')
          .orderBy('u.id'),
    },
    page,
  );
}
