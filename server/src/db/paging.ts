import { sql, type Compilable, type SelectQueryBuilder } from 'kysely';
import { rememberWhileUnchanged } from './dialect/index.js';
import type { Database, Executor } from './schema.js';

/**
 * Lists of national size count their matches no further than this (ADR 0009): past it the count costs
 * more than the page, and 「1000+」 tells a reader as much as an exact figure would. The statistics pages
 * give exact figures.
 */
export const TOTAL_CAP = 1000;

/** `total` is exact unless `totalCapped`, in which case more than `total` rows match. */
export interface BoundedTotal {
  total: number;
  totalCapped: boolean;
}

/**
 * The `n` a counting query selects. Counting costs more than the page it goes with; paging on, or anyone
 * asking again, finds the same count while nothing was written, so it is remembered until then (ADR 0105).
 */
async function rememberedCount(db: Executor, counting: Compilable<{ n: number }>): Promise<number> {
  const count = counting.compile();
  return rememberWhileUnchanged(db, 'counts', `${count.sql}\u0000${JSON.stringify(count.parameters)}`, async () =>
    Number((await db.executeQuery(count)).rows[0]!.n),
  );
}

/** The number of rows a filtered query (without its select list) matches, counted up to `cap` + 1. */
export async function boundedTotal<DB extends Database, TB extends keyof DB>(
  db: Executor,
  query: SelectQueryBuilder<DB, TB, object>,
  cap = TOTAL_CAP,
): Promise<BoundedTotal> {
  const n = await rememberedCount(
    db,
    db
      .selectFrom(
        query
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('bounded'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n')),
  );
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The exact number of rows a filtered query (without its select list) matches: for lists that stay small. */
export function exactTotal<DB extends Database, TB extends keyof DB>(
  db: Executor,
  query: SelectQueryBuilder<DB, TB, object>,
): Promise<number> {
  return rememberedCount(
    db,
    query.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

/** The rows of a page read by id, in the order the page's ids were chosen. */
export function inPageOrder<R extends { id: string }>(page: readonly { id: string }[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.flatMap((p) => byId.get(p.id) ?? []);
}

/**
 * The ids of one page, in order, with the bounded total. A list walks an index in order and stops after the
 * page, so the page and a count up to the cap are two cheap statements. A query that has to read all of its
 * matches to order them (a search on PostgreSQL) takes the first ids up to the cap (or the end of the page)
 * in one statement and counts those, which halves its cost.
 */
export async function pageOfIds<TB extends keyof Database>(
  db: Executor,
  filtered: SelectQueryBuilder<Database, TB, object>,
  ordered: SelectQueryBuilder<Database, TB, { id: string }>,
  p: { page: number; pageSize: number; readsAllMatches: boolean },
  cap = TOTAL_CAP,
): Promise<{ ids: { id: string }[] } & BoundedTotal> {
  const offset = (p.page - 1) * p.pageSize;
  if (!p.readsAllMatches) {
    const [ids, total] = await Promise.all([ordered.limit(p.pageSize).offset(offset).execute(), boundedTotal(db, filtered, cap)]);
    return { ids, ...total };
  }
  const counted = Math.max(cap, offset + p.pageSize);
  const all = await ordered.limit(counted + 1).execute();
  return { ids: all.slice(offset, offset + p.pageSize), total: Math.min(all.length, counted), totalCapped: all.length > counted };
}
