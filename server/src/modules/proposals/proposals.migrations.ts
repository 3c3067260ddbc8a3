import { sql, type Kysely } from 'kysely';
import { DEFAULT_PROPOSAL_CATEGORIES } from '@xieshang/shared';
import { childSummarySql, columns, rebuildSubstringIndexSql, substringIndexSql, type DialectName } from '../../db/dialect/index.js';
import { newId } from '../../platform/ids.js';
import { HANDLING_UNITS, PROPOSAL_SEARCH, PROPOSER_NAMES } from './proposals.tables.js';

async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('term_id', 'text', (col) => col.notNull().references('terms.id'))
    .addColumn('plenary_id', 'text', (col) => col.references('plenaries.id'))
    .addColumn('session', 'text', (col) => col.notNull())
    .addColumn('number', 'integer')
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('situation', c.text, (col) => col.notNull())
    .addColumn('analysis', c.text, (col) => col.notNull())
    .addColumn('suggestions', c.text, (col) => col.notNull())
    .addColumn('category', 'text')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('collective_org_type', 'text')
    .addColumn('collective_org_id', 'text')
    .addColumn('collective_org_name', 'text')
    .addColumn('lead_member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('department_id', 'text', (col) => col.references('departments.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('round', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('cosign_deadline', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('registered_at', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('decline_ground', 'text')
    .addColumn('merged_into_id', 'text', (col) => col.references('proposals.id'))
    .addColumn('converted_to', 'text')
    .addColumn('converted_link', 'text')
    .addColumn('is_key', 'integer', c.flag)
    .addColumn('key_year', 'integer')
    .addColumn('supervisor_member_id', 'text', (col) => col.references('members.id'))
    .addColumn('is_excellent', 'integer', c.flag)
    .addColumn('excellent_year', 'integer')
    .addColumn('is_public', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('search_text', c.text, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // Numbers are unique per term; NULL (not yet registered) repeats freely in both databases.
  await db.schema.createIndex('proposals_term_number_uq').on('proposals').columns(['term_id', 'number']).unique().execute();
  await db.schema.createIndex('proposals_term_status_idx').on('proposals').columns(['term_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('proposals_status_idx').on('proposals').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('proposals_lead_idx').on('proposals').column('lead_member_id').execute();
  await db.schema.createIndex('proposals_category_idx').on('proposals').columns(['category', 'term_id']).execute();
  await db.schema.createIndex('proposals_merged_idx').on('proposals').column('merged_into_id').execute();
  await db.schema.createIndex('proposals_key_idx').on('proposals').columns(['is_key', 'key_year']).execute();
  await db.schema.createIndex('proposals_created_idx').on('proposals').column('created_at').execute();

  await db.schema
    .createTable('proposal_proposers')
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('confirm_state', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('proposal_proposers_pk', ['proposal_id', 'member_id'])
    .execute();
  await db.schema.createIndex('proposal_proposers_member_idx').on('proposal_proposers').columns(['member_id', 'proposal_id']).execute();

  await db.schema
    .createTable('proposal_assignments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('due_date', 'text', (col) => col.notNull())
    .addColumn('assigned_at', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', c.flag)
    .addColumn('objection_state', 'text')
    .addColumn('objection_reason', 'text')
    .addColumn('objection_answer', 'text')
    .execute();
  await db.schema
    .createIndex('proposal_assignments_unit_idx')
    .on('proposal_assignments')
    .columns(['unit_id', 'active', 'proposal_id'])
    .execute();
  await db.schema.createIndex('proposal_assignments_proposal_idx').on('proposal_assignments').column('proposal_id').execute();

  await db.schema
    .createTable('proposal_replies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('classification', 'text', (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('on_time', 'integer', c.flag)
    .addColumn('submitted_by', 'text', (col) => col.notNull())
    .addColumn('submitted_at', 'text', (col) => col.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .execute();
  await db.schema.createIndex('proposal_replies_proposal_idx').on('proposal_replies').columns(['proposal_id', 'round']).execute();

  await db.schema
    .createTable('proposal_advices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('proposal_advices_proposal_idx').on('proposal_advices').column('proposal_id').execute();

  await db.schema
    .createTable('proposal_evaluations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('satisfaction', 'text', (col) => col.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('proposal_evaluations_uq', ['proposal_id', 'member_id', 'round'])
    .execute();

  await db.schema
    .createTable('proposal_supervisions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('proposal_id', 'text', (col) => col.notNull().references('proposals.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('content', c.text, (col) => col.notNull())
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('proposal_supervisions_proposal_idx').on('proposal_supervisions').column('proposal_id').execute();

  await db.schema
    .createTable('proposal_categories')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('proposal_categories')
    .values(DEFAULT_PROPOSAL_CATEGORIES.map((name, i) => ({ id: newId(), name, sort_order: i + 1, active: 1, created_at: at })))
    .execute();

  await db.schema
    .createTable('proposal_counters')
    .addColumn('term_id', 'text', (col) => col.primaryKey().references('terms.id'))
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .execute();
}

/**
 * Covering indexes for the lists. Proposal rows are wide (three body parts and the search text), so any
 * plan that visits the table for 60,000 rows reads hundreds of megabytes; these let the office's,
 * leaders' and public lists order, filter by state and count from the index alone.
 */
async function upListIndexes(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('proposals_dept_list_idx').on('proposals').columns(['department_id', 'created_at', 'id', 'status']).execute();
  await db.schema.createIndex('proposals_list_idx').on('proposals').columns(['created_at', 'id', 'status']).execute();
  await db.schema.createIndex('proposals_public_idx').on('proposals').columns(['registered_at', 'id', 'is_public', 'status']).execute();
  await db.schema.createIndex('proposals_public_count_idx').on('proposals').columns(['is_public', 'status']).execute();
}

/**
 * Search by substring of subject, body and proposer names through an index (ADR 0102), which indexes the
 * proposals already there; and a narrow copy of every column the lists filter and sort on, keyed by id,
 * so that the proposals a search found are filtered, counted and ordered without reading their rows (the
 * subject too, which the public portal searches alone).
 */
async function upSearch(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const statement of substringIndexSql(dialect, PROPOSAL_SEARCH)) await sql.raw(statement).execute(db);
  await db.schema
    .createIndex('proposals_filter_idx')
    .on('proposals')
    .columns([
      'id',
      'created_at',
      'status',
      'department_id',
      'lead_member_id',
      'term_id',
      'category',
      'kind',
      'is_key',
      'key_year',
      'is_excellent',
      'due_date',
      'is_public',
      'registered_at',
      'subject',
    ])
    .execute();
}

/** The search index numbered in the list's order (ADR 0104), so that a search's page stops early (SQLite). */
async function upSearchInListOrder(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const statement of rebuildSubstringIndexSql(dialect, PROPOSAL_SEARCH)) await sql.raw(statement).execute(db);
}

/** `proposal_created_at` on a table of a proposal's rows: its proposal's creation time, filled. */
async function addProposalCreatedAt(db: Kysely<any>, table: 'proposal_assignments' | 'proposal_proposers'): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('proposal_created_at', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await sql`update ${sql.table(table)} set proposal_created_at = (select created_at from proposals where proposals.id = ${sql.ref(`${table}.proposal_id`)})`.execute(
    db,
  );
}

/**
 * A unit's proposals in list order from its own assignments (ADR 0107 amendment): each active assignment
 * carries its proposal's creation time, which never changes, so that a unit's page walks an index of its
 * assignments newest first and stops after the page, instead of reading and sorting all of them. A unit
 * holds a proposal once at a time; the unique index says so, as the page relies on it.
 */
async function upAssignmentsInListOrder(db: Kysely<any>): Promise<void> {
  await addProposalCreatedAt(db, 'proposal_assignments');
  await db.schema.dropIndex('proposal_assignments_unit_idx').execute();
  await db.schema
    .createIndex('proposal_assignments_unit_order_idx')
    .on('proposal_assignments')
    .columns(['unit_id', 'active', 'proposal_created_at', 'proposal_id'])
    .execute();
  await db.schema
    .createIndex('proposal_assignments_active_uq')
    .on('proposal_assignments')
    .columns(['unit_id', 'proposal_id'])
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
}

/**
 * What a list row shows of a proposal's proposers and handling units, kept on the proposal by triggers
 * (ADR 0110): a page then reads one row per proposal instead of three statements' rows.
 */
async function upListSummaries(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const summary of [PROPOSER_NAMES, HANDLING_UNITS]) {
    await db.schema
      .alterTable('proposals')
      .addColumn(summary.column, 'text', (col) => col.notNull().defaultTo('[]'))
      .execute();
    for (const statement of childSummarySql(dialect, summary)) await sql.raw(statement).execute(db);
  }
}

/**
 * A member's proposals in list order from their own proposer rows (ADR 0113): each row carries its proposal's
 * creation time, which never changes, as an assignment does for a unit's list.
 */
async function upProposersInListOrder(db: Kysely<any>): Promise<void> {
  await addProposalCreatedAt(db, 'proposal_proposers');
  await db.schema
    .createIndex('proposal_proposers_member_order_idx')
    .on('proposal_proposers')
    .columns(['member_id', 'proposal_created_at', 'proposal_id'])
    .execute();
}

export const proposalMigrations = {
  '2026112540_proposals': { up },
  '2026112541_proposals_list_indexes': { up: upListIndexes },
  '2026112570_proposals_search': { up: upSearch },
  '2026112610_proposals_search_in_list_order': { up: upSearchInListOrder },
  '2026112782_assignments_in_list_order': { up: upAssignmentsInListOrder },
  '2026112790_proposals_list_summaries': { up: upListSummaries },
  '2026112792_proposers_in_list_order': { up: upProposersInListOrder },
};
