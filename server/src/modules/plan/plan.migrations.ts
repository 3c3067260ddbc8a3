import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/dialect/index.js';

async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('document_number', 'text')
    .addColumn('adopted_on', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('source_file_name', 'text')
    .addColumn('previous_plan_id', 'text', (col) => col.references('plans.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('plans_year_idx').on('plans').column('year').execute();
  await db.schema
    .createTable('plan_sections')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('plan_id', 'text', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('no', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('plan_id', 'text', (col) => col.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('section_id', 'text', (col) => col.notNull().references('plan_sections.id').onDelete('cascade'))
    .addColumn('no', 'integer', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('leader_text', 'text', (col) => col.notNull())
    .addColumn('department_text', 'text', (col) => col.notNull())
    .addColumn('deadline_text', 'text')
    .addColumn('deadline_date', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('percent', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addColumn('carried_from_item_id', 'text', (col) => col.references('plan_items.id'))
    .addColumn('final_report', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('last_progress_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('plan_items_plan_idx').on('plan_items').columns(['plan_id', 'sort_order']).execute();
  await db.schema.createIndex('plan_items_deadline_idx').on('plan_items').columns(['status', 'deadline_date']).execute();
  await db.schema
    .createTable('plan_item_leaders')
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('plan_item_leaders_pk', ['item_id', 'member_id'])
    .execute();
  await db.schema.createIndex('plan_item_leaders_member_idx').on('plan_item_leaders').column('member_id').execute();
  await db.schema
    .createTable('plan_item_departments')
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (col) => col.notNull().references('departments.id'))
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('plan_item_departments_pk', ['item_id', 'department_id'])
    .execute();
  await db.schema.createIndex('plan_item_departments_dept_idx').on('plan_item_departments').column('department_id').execute();
  await db.schema
    .createTable('plan_progress_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('percent', 'integer', (col) => col.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('plan_progress_reports_item_idx').on('plan_progress_reports').columns(['item_id', 'created_at']).execute();
  await db.schema
    .createTable('plan_comments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('plan_comments_item_idx').on('plan_comments').columns(['item_id', 'created_at']).execute();
  await db.schema
    .createTable('plan_deadline_changes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('previous_date', 'text')
    .addColumn('previous_text', 'text')
    .addColumn('requested_date', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_by_name', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('plan_deadline_changes_item_idx').on('plan_deadline_changes').columns(['item_id', 'status']).execute();
  await db.schema
    .createTable('plan_reminders')
    .addColumn('item_id', 'text', (col) => col.notNull().references('plan_items.id').onDelete('cascade'))
    .addColumn('reminder_key', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('plan_reminders_pk', ['item_id', 'reminder_key'])
    .execute();
  await db.schema
    .createTable('plan_name_mappings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('target_kind', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('plan_name_mappings_uq', ['kind', 'name'])
    .execute();
}

/** Lists walk plans by year and id (then each plan's items in order): see the repository's itemQuery. */
async function upPlansByYear(db: Kysely<unknown>) {
  await db.schema.dropIndex('plans_year_idx').execute();
  await db.schema.createIndex('plans_year_id_idx').on('plans').columns(['year', 'id']).execute();
}

export const planMigrations = { '2026112520_plan': { up }, '2026112612_plans_by_year': { up: upPlansByYear } };
