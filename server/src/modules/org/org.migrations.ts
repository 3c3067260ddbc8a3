import type { Kysely } from 'kysely';
import { columns, type DialectName } from '../../db/dialect/index.js';
import { strokeKey } from './member-names.js';

async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('terms')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull().unique())
    .addColumn('start_date', 'text', (col) => col.notNull())
    .addColumn('end_date', 'text')
    .addColumn('is_current', 'integer', c.flag)
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('plenaries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('term_id', 'text', (col) => col.notNull().references('terms.id'))
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('start_date', 'text', (col) => col.notNull())
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('plenaries_term_number_uq', ['term_id', 'number'])
    .execute();
  for (const table of ['sectors', 'parties']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
  }
  await db.schema
    .createTable('committees')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('short_name', 'text')
    .addColumn('aliases', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('aliases', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('street_groups')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('street', 'text')
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('studios')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('street_group_id', 'text', (col) => col.references('street_groups.id'))
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('government'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('stroke_key', 'text', (col) => col.notNull())
    .addColumn('pinyin', 'text', (col) => col.notNull())
    .addColumn('pinyin_initials', 'text', (col) => col.notNull())
    .addColumn('gender', 'text', (col) => col.notNull())
    .addColumn('ethnicity', 'text', (col) => col.notNull().defaultTo('汉族'))
    .addColumn('birth_date', 'text')
    .addColumn('party_id', 'text', (col) => col.references('parties.id'))
    .addColumn('sector_id', 'text', (col) => col.references('sectors.id'))
    .addColumn('is_standing_member', 'integer', c.flag)
    .addColumn('is_leader', 'integer', c.flag)
    .addColumn('employer', 'text')
    .addColumn('job_title', 'text')
    .addColumn('mobile', 'text')
    .addColumn('email', 'text')
    .addColumn('street_group_id', 'text', (col) => col.references('street_groups.id'))
    .addColumn('studio_id', 'text', (col) => col.references('studios.id'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('is_demo', 'integer', c.flag)
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('members_stroke_idx').on('members').columns(['stroke_key', 'id']).execute();
  await db.schema.createIndex('members_sector_idx').on('members').column('sector_id').execute();
  await db.schema
    .createTable('committee_members')
    .addColumn('committee_id', 'text', (col) => col.notNull().references('committees.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('position', 'text', (col) => col.notNull().defaultTo('member'))
    .addPrimaryKeyConstraint('committee_members_pk', ['committee_id', 'member_id'])
    .execute();
  await db.schema.createIndex('committee_members_member_idx').on('committee_members').column('member_id').execute();
  await db.schema
    .createTable('member_terms')
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id').onDelete('cascade'))
    .addColumn('term_id', 'text', (col) => col.notNull().references('terms.id'))
    .addPrimaryKeyConstraint('member_terms_pk', ['member_id', 'term_id'])
    .execute();
}

/**
 * Demo flags on every organisation table (so that the demo loader can tell its rows from real ones),
 * groups of departments (各专委会分党组 names several departments at once), unit aliases and contacts,
 * and the title of a leader member.
 */
async function upDetails(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  for (const table of ['terms', 'plenaries', 'sectors', 'parties', 'committees', 'departments', 'street_groups', 'studios', 'units']) {
    await db.schema.alterTable(table).addColumn('is_demo', 'integer', c.flag).execute();
  }
  await db.schema
    .alterTable('units')
    .addColumn('aliases', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('units').addColumn('contact_email', 'text').execute();
  await db.schema.alterTable('units').addColumn('address', 'text').execute();
  await db.schema.alterTable('members').addColumn('leader_title', 'text').execute();
  await db.schema.createIndex('members_pinyin_idx').on('members').column('pinyin').execute();
  await db.schema.createIndex('members_initials_idx').on('members').column('pinyin_initials').execute();
  await db.schema
    .createTable('department_groups')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('aliases', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', c.flag)
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('department_group_members')
    .addColumn('group_id', 'text', (col) => col.notNull().references('department_groups.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (col) => col.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('department_group_members_pk', ['group_id', 'department_id'])
    .execute();
}

/** 姓氏笔画 order now follows 横竖撇点折 within a stroke count (ADR 0007): every member's key is recomputed. */
export async function recomputeStrokeKeys(db: Kysely<unknown>): Promise<void> {
  const members = db as unknown as Kysely<{ members: { id: string; name: string; strokeKey: string } }>;
  const rows = await members.selectFrom('members').select(['id', 'name']).execute();
  for (const row of rows) {
    await members
      .updateTable('members')
      .set({ strokeKey: strokeKey(row.name) })
      .where('id', '=', row.id)
      .execute();
  }
}

export const orgMigrations = {
  '2026112502_org': { up },
  '2026112510_org_details': { up: upDetails },
  '2026112580_org_stroke_order': { up: recomputeStrokeKeys },
};
