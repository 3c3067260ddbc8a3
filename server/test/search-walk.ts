import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { searchList, searchOrder, searchTerms, type DialectName, type SubstringIndex } from '../src/db/dialect/index.js';
import { pageOfIds, TOTAL_CAP } from '../src/db/paging.js';
import type { Executor } from '../src/db/schema.js';

/**
 * The first page of a search over `index`'s table, read both ways a list may read it: walking the list in
 * order, testing each row (a cap of 0 puts any match past it), and reading every match (the usual cap).
 * `walks` holds the SQL of the statements that walked, for tests of what a walk touches.
 */
export async function walkedAndRead(
  db: Executor,
  dialect: DialectName,
  index: SubstringIndex,
  q: string,
): Promise<{ walked: string[]; read: string[]; walks: string[] }> {
  const terms = searchTerms(dialect, q);
  const walks: string[] = [];
  // The helper serves any searched table, so it names the table at run time rather than through the schema's types.
  const tables = db as unknown as Kysely<any>;
  const shape = {
    key: `test:walk:${index.name}:${terms.key}`,
    values: terms.values,
    build: (v: typeof terms.values) => searchList(dialect, index, tables.selectFrom(index.table), v),
    ordered: (query: SelectQueryBuilder<any, string, object>, v: typeof terms.values) => {
      const ordered = searchOrder(dialect, index, v)(query.select(sql<string>`${sql.ref(`${index.table}.${index.key}`)}`.as('id')));
      if (v.searchInOrder) walks.push(ordered.compile().sql);
      return ordered;
    },
  };
  const page = async (cap: number) =>
    (await pageOfIds(db, shape, { page: 1, pageSize: 100, readsAllMatches: terms.readsAllMatches }, cap)).ids.map((p) => p.id);
  const walked = await page(0);
  return { walked, read: await page(TOTAL_CAP), walks };
}
