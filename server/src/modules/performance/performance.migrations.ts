import type { Kysely } from 'kysely';
import { DEFAULT_POINTS_RULES } from '@xieshang/shared';
import { columns, type DialectName } from '../../db/dialect/index.js';

async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('performance_rules')
    .addColumn('kind', 'text', (col) => col.primaryKey())
    .addColumn('points', 'integer', (col) => col.notNull())
    .addColumn('cap', 'integer')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('performance_rules' as never)
    .values(DEFAULT_POINTS_RULES.map((r) => ({ kind: r.kind, points: r.points, cap: r.cap, updated_by: null, updated_at: at })) as never)
    .execute();
  await db.schema
    .createTable('performance_entries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('description', c.text, (col) => col.notNull())
    .addColumn('points', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reject_reason', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('performance_entries_member_idx')
    .on('performance_entries')
    .columns(['member_id', 'year', 'status'])
    .execute();
  await db.schema.createIndex('performance_entries_year_idx').on('performance_entries').columns(['year', 'status', 'member_id']).execute();
}

/** The opinions module's facts (社情民意 adopted, instructed) score too: their default rules, on databases made before them. */
async function upOpinionRules(db: Kysely<unknown>): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insertInto('performance_rules' as never)
    .values(
      DEFAULT_POINTS_RULES.filter((r) => r.kind.startsWith('opinion_')).map((r) => ({
        kind: r.kind,
        points: r.points,
        cap: r.cap,
        updated_by: null,
        updated_at: at,
      })) as never,
    )
    .onConflict((oc) => oc.column('kind' as never).doNothing())
    .execute();
}

/** The entries list walks these in its order, latest written first, unfiltered or by status or by year. */
async function upEntriesInOrder(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('performance_entries_created_idx').on('performance_entries').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('performance_entries_status_created_idx')
    .on('performance_entries')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('performance_entries_year_created_idx')
    .on('performance_entries')
    .columns(['year', 'created_at', 'id'])
    .execute();
}

export const performanceMigrations = {
  '2026112580_performance': { up },
  '2026112591_performance_opinion_rules': { up: upOpinionRules },
  '2026112680_performance_entries_in_order': { up: upEntriesInOrder },
};
