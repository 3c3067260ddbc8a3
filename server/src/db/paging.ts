import { sql, type Compilable, type SelectQueryBuilder } from 'kysely';
import { rememberWhileUnchanged } from './dialect/index.js';
import { compileShaped, executeForIds, executeShaped, type QueryShape, type ShapeValues } from './query-shapes.js';
import type { Executor } from './schema.js';

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
async function rememberedCount<V extends ShapeValues>(db: Executor, counting: QueryShape<V, { n: number }>): Promise<number> {
  const count = compileShaped(db, counting);
  return rememberWhileUnchanged(db, 'counts', `${count.sql}\u0000${JSON.stringify(count.parameters)}`, async () =>
    Number((await db.executeQuery(count)).rows[0]!.n),
  );
}

/**
 * A page of a query: its limit written into the SQL (the shape's key must name it), its offset a parameter
 * and left out when it is 0. PostgreSQL's generic plan takes a LIMIT or OFFSET parameter for a tenth of
 * the rows, costs the page's plan at many times its real cost and so plans a named statement afresh on
 * every run (ADR 0112); with a known limit and no offset, the first page, the one most opened, keeps its
 * plan.
 */
export function atPage<Q extends SelectQueryBuilder<any, any, any>>(query: Q, limit: number, offset: number | undefined): Q {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`page limit ${limit} is not a count`);
  const limited = query.limit(sql.lit(limit)) as Q;
  return offset ? (limited.offset(offset) as Q) : limited;
}

/** A list's filtered query, without its select list, as a shape (ADR 0109). */
export interface FilteredShape<V extends ShapeValues, DB, TB extends keyof DB> {
  key: string;
  values: V;
  build: (values: V) => SelectQueryBuilder<DB, TB, object>;
}

/** The number of rows a filtered query matches, counted up to `cap` + 1. */
export async function boundedTotal<V extends ShapeValues, DB, TB extends keyof DB>(
  db: Executor,
  filtered: FilteredShape<V, DB, TB>,
  cap = TOTAL_CAP,
): Promise<BoundedTotal> {
  const n = await rememberedCount(db, {
    key: `${filtered.key}\u0000bounded ${cap}`,
    values: filtered.values,
    build: (v) =>
      db
        .selectFrom(
          filtered
            .build(v)
            .select(sql<number>`1`.as('one'))
            .limit(sql.lit(cap + 1))
            .as('bounded'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n')),
  });
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The exact number of rows a filtered query matches: for lists that stay small. */
export function exactTotal<V extends ShapeValues, DB, TB extends keyof DB>(
  db: Executor,
  filtered: FilteredShape<V, DB, TB>,
): Promise<number> {
  return rememberedCount(db, {
    key: `${filtered.key}\u0000exact`,
    values: filtered.values,
    build: (v) => filtered.build(v).select((eb) => eb.fn.countAll<number>().as('n')),
  });
}

/** The rows of a page read by id, in the order the page's ids were chosen. */
export function inPageOrder<R extends { id: string }>(page: readonly { id: string }[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.flatMap((p) => byId.get(p.id) ?? []);
}

/** The rows of a page, read by its ids as a shape (`build` from the ids alone), in the page's order. */
export async function rowsOfPage<R extends { id: string }>(
  db: Executor,
  key: string,
  page: readonly { id: string }[],
  build: (ids: string[]) => Compilable<R>,
): Promise<R[]> {
  return inPageOrder(
    page,
    await executeForIds(
      db,
      key,
      page.map((p) => p.id),
      build,
    ),
  );
}

/**
 * Past this row of a list a search on PostgreSQL with more matches than the cap no longer walks the list in
 * order: a walk reads about (rows to the end of the page) × (rows of the list) / (matches) rows, and reading
 * every match costs the same at any depth (ADR 0118).
 */
const SEARCH_WALK_DEPTH = 100;

/**
 * The ids of one page, in order, with the bounded total: a page and a count up to the cap, each remembered
 * while nothing is written (ADR 0105). A list walks an index in order and stops after the page. A search on
 * PostgreSQL (`readsAllMatches`) finds its matches in the gram index as a set, which a page reads whole to
 * order; so it counts first, and when the matches are more than the cap, so dense that a walk of the list
 * in order finds a page in fewer rows, its first pages walk, testing each row's text (`searchInOrder`,
 * ADR 0118).
 */
export async function pageOfIds<V extends ShapeValues, DB, TB extends keyof DB>(
  db: Executor,
  list: FilteredShape<V, DB, TB> & {
    /** The filtered query's ids in list order. */
    ordered: (filtered: SelectQueryBuilder<DB, TB, object>, values: V) => SelectQueryBuilder<DB, TB, { id: string }>;
  },
  p: { page: number; pageSize: number; readsAllMatches: boolean },
  cap = TOTAL_CAP,
): Promise<{ ids: { id: string }[] } & BoundedTotal> {
  const offset = (p.page - 1) * p.pageSize;
  const ids = (key: string, values: V) =>
    executeShaped(db, {
      key: `${list.key}\u0000${key} ${p.pageSize}`,
      values: { pageOffset: offset, ...values },
      build: (v) => atPage(list.ordered(list.build(v), v), p.pageSize, v.pageOffset),
    });
  if (!p.readsAllMatches) {
    const [page, total] = await Promise.all([ids('page', list.values), boundedTotal(db, list, cap)]);
    return { ids: page, ...total };
  }
  const total = await boundedTotal(db, list, cap);
  if (!total.totalCapped && offset >= total.total) return { ids: [], ...total };
  const walk = total.totalCapped && offset + p.pageSize <= SEARCH_WALK_DEPTH;
  const page = await ids(walk ? 'walk' : 'page', walk ? { ...list.values, searchInOrder: true } : list.values);
  return { ids: page, ...total };
}

/**
 * One page of rows in list order, with the bounded total, read by one statement (ADR 0110): `rows` selects
 * the page's columns from the filtered query in list order, and the page is that statement's limit and
 * offset. SQLite seeks a table row only for a row it returns, so rows skipped by the offset cost no more
 * than their index entries, as in `pageOfIds`; reading the page's ids first and then their rows was two
 * statements' work for the same rows. A list that counts by reading all its matches (a search on
 * PostgreSQL) uses `pageOfIds`.
 */
export async function pageOfRows<V extends ShapeValues, DB, TB extends keyof DB, R>(
  db: Executor,
  list: FilteredShape<V, DB, TB> & {
    rows: (filtered: SelectQueryBuilder<DB, TB, object>, values: V) => SelectQueryBuilder<any, any, R>;
  },
  p: { page: number; pageSize: number },
  cap = TOTAL_CAP,
): Promise<{ items: R[] } & BoundedTotal> {
  const [items, total] = await Promise.all([
    executeShaped(db, {
      key: `${list.key}\u0000rows ${p.pageSize}`,
      values: { pageOffset: (p.page - 1) * p.pageSize, ...list.values },
      build: (v) => atPage(list.rows(list.build(v), v), p.pageSize, v.pageOffset),
    }),
    boundedTotal(db, list, cap),
  ]);
  return { items, ...total };
}
