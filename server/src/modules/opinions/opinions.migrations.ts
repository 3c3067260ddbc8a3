import { sql, type Kysely } from 'kysely';
import { DEFAULT_OPINION_CATEGORIES } from '@xieshang/shared';
import { columns, rebuildSubstringIndexSql, substringIndexSql, type DialectName } from '../../db/dialect/index.js';
import { newId } from '../../platform/ids.js';
import { OPINION_SEARCH } from './opinions.tables.js';

async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('opinion_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('situation', c.text, (col) => col.notNull())
    .addColumn('analysis', c.text, (col) => col.notNull())
    .addColumn('suggestions', c.text, (col) => col.notNull())
    .addColumn('edited_title', 'text')
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('author_member_id', 'text', (col) => col.references('members.id'))
    .addColumn('source_org_id', 'text')
    .addColumn('source_name', 'text', (col) => col.notNull())
    .addColumn('department_id', 'text', (col) => col.references('departments.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('year', 'integer')
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('search_text', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('proposal_id', 'text', (col) => col.references('proposals.id'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // Lists order by creation (the id breaks ties) and pick the page by id first: the visibility test of the
  // office (status, department, writer) reads this covering index alone, stopping after one page.
  await db.schema
    .createIndex('opinion_reports_list_idx')
    .on('opinion_reports')
    .columns(['created_at', 'id', 'status', 'department_id', 'created_by'])
    .execute();
  await db.schema.createIndex('opinion_reports_status_idx').on('opinion_reports').columns(['status', 'created_at', 'id']).execute();
  // What a search found is filtered and ordered from this narrow copy, without reading the rows (as proposals).
  await db.schema
    .createIndex('opinion_reports_filter_idx')
    .on('opinion_reports')
    .columns(['id', 'created_at', 'status', 'department_id', 'created_by', 'year', 'category'])
    .execute();
  for (const statement of substringIndexSql(dialect, OPINION_SEARCH)) await sql.raw(statement).execute(db);
  await db.schema.createIndex('opinion_reports_year_idx').on('opinion_reports').columns(['year', 'status']).execute();
  await db.schema.createIndex('opinion_reports_author_idx').on('opinion_reports').columns(['author_member_id', 'created_at']).execute();
  await db.schema.createIndex('opinion_reports_creator_idx').on('opinion_reports').columns(['created_by', 'status']).execute();
  await db.schema.createIndex('opinion_reports_proposal_idx').on('opinion_reports').column('proposal_id').execute();

  await db.schema
    .createTable('opinion_coauthors')
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('opinion_coauthors_pk', ['report_id', 'member_id'])
    .execute();
  await db.schema.createIndex('opinion_coauthors_member_idx').on('opinion_coauthors').columns(['member_id', 'report_id']).execute();

  await db.schema
    .createTable('opinion_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('situation', c.text, (col) => col.notNull())
    .addColumn('analysis', c.text, (col) => col.notNull())
    .addColumn('suggestions', c.text, (col) => col.notNull())
    .addColumn('editor_name', 'text', (col) => col.notNull())
    .addColumn('edited_by', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('opinion_versions_uq', ['report_id', 'version'])
    .execute();

  await db.schema
    .createTable('opinion_adoptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('outlet', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('opinion_forwards')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('opinion_forwards_report_idx').on('opinion_forwards').column('report_id').execute();
  await db.schema
    .createTable('opinion_feedbacks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('content', c.text, (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('opinion_feedbacks_report_idx').on('opinion_feedbacks').column('report_id').execute();
  // A report is adopted at most once per level.
  await db.schema.createIndex('opinion_adoptions_level_uq').on('opinion_adoptions').columns(['report_id', 'level']).unique().execute();
  await db.schema.createIndex('opinion_adoptions_date_idx').on('opinion_adoptions').columns(['date', 'level']).execute();

  await db.schema
    .createTable('opinion_instructions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('leader_name', 'text', (col) => col.notNull())
    .addColumn('leader_title', 'text')
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('content', c.text, (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('leader_user_id', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('opinion_instructions_report_idx').on('opinion_instructions').column('report_id').execute();
  await db.schema.createIndex('opinion_instructions_date_idx').on('opinion_instructions').column('date').execute();

  await db.schema
    .createTable('opinion_categories')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('opinion_categories')
    .values(DEFAULT_OPINION_CATEGORIES.map((name, i) => ({ id: newId(), name, sort_order: i + 1, active: 1, created_at: at })))
    .execute();

  await db.schema
    .createTable('opinion_bulletins')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('issue_date', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('opinion_bulletins_number_uq', ['year', 'number'])
    .execute();
  await db.schema
    .createTable('opinion_bulletin_items')
    .addColumn('bulletin_id', 'text', (col) => col.notNull().references('opinion_bulletins.id'))
    .addColumn('report_id', 'text', (col) => col.notNull().references('opinion_reports.id'))
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('opinion_bulletin_items_pk', ['bulletin_id', 'report_id'])
    .execute();
  await db.schema.createIndex('opinion_bulletin_items_report_idx').on('opinion_bulletin_items').column('report_id').execute();
  await db.schema
    .createTable('opinion_bulletin_counters')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .execute();
}

/** The search index numbered in the list's order (ADR 0104), so that a search's page stops early (SQLite). */
async function upSearchInListOrder(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const statement of rebuildSubstringIndexSql(dialect, OPINION_SEARCH)) await sql.raw(statement).execute(db);
}

/**
 * PostgreSQL: the list index carries the searched text, so that a dense search walking the list tests each
 * report there instead of probing the search table for it (ADR 0118, `textInListIndex`). SQLite's search
 * never walks, and SQLite has no included columns.
 */
async function upListIndexCarriesSearchText(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop index opinion_reports_list_idx`.execute(db);
  await sql`create index opinion_reports_list_idx on opinion_reports (created_at, id, status, department_id, created_by) include (search_text)`.execute(
    db,
  );
}

export const opinionMigrations = {
  '2026112590_opinions': { up },
  '2026112611_opinions_search_in_list_order': { up: upSearchInListOrder },
  '2026112800_opinions_list_index_carries_search_text': { up: upListIndexCarriesSearchText },
};
