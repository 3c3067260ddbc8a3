import { sql } from 'kysely';
import { compactSubstringIndexSql, type DialectName, type SubstringIndex } from '../../db/dialect/index.js';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../context.js';

export const COMPACT_SEARCH_INDEXES_JOB = 'platform.compact-search-indexes';

/** Merges each substring index into one segment (ADR 0106); on PostgreSQL there is nothing to do. */
export async function compactSearchIndexes(db: Executor, dialect: DialectName, indexes: SubstringIndex[]): Promise<void> {
  for (const ix of indexes) for (const statement of compactSubstringIndexSql(dialect, ix)) await sql.raw(statement).execute(db);
}

/**
 * Hourly, and at the first poll after a start. At national size a merge takes about a second, during which
 * other writers wait (reads go on); an index that is already one segment is left as it is at once.
 */
export async function registerSearchIndexCompaction(ctx: AppContext, indexes: SubstringIndex[]): Promise<void> {
  ctx.jobs.register(COMPACT_SEARCH_INDEXES_JOB, () => compactSearchIndexes(ctx.db, ctx.dialect, indexes));
  await ctx.jobs.every(COMPACT_SEARCH_INDEXES_JOB, 60);
}
