import type { Kysely } from 'kysely';
import { columns, type DialectName } from '../../db/dialect/index.js';

async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('source', 'text')
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('department_id', 'text', (col) => col.notNull().references('departments.id'))
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('recipient_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('read_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('publisher_name', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // The office's list, newest written first: all of them, or one department's.
  await db.schema.createIndex('notices_created_idx').on('notices').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('notices_department_created_idx').on('notices').columns(['department_id', 'created_at', 'id']).execute();
  await db.schema
    .createTable('notice_recipients')
    .addColumn('notice_id', 'text', (col) => col.notNull().references('notices.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('published_at', 'text', (col) => col.notNull())
    .addColumn('read_at', 'text')
    .addPrimaryKeyConstraint('notice_recipients_pk', ['notice_id', 'user_id'])
    .execute();
  // A person's notices newest first, unread ones found in the index itself.
  await db.schema
    .createIndex('notice_recipients_user_idx')
    .on('notice_recipients')
    .columns(['user_id', 'published_at', 'notice_id', 'read_at'])
    .execute();
}

export const noticeMigrations = {
  '2026112900_notices': { up },
};
