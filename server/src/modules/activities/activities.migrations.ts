import { sql, type Kysely } from 'kysely';
import { columns, copiedColumnSql, type DialectName } from '../../db/dialect/index.js';
import { EVENT_STARTS_AT } from './activities.tables.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_ACTIVITY_TYPES } from '@xieshang/shared';

async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const c = columns(dialect);
  await db.schema
    .createTable('activity_types')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('parent_id', 'text', (col) => col.references('activity_types.id'))
    .addColumn('role', 'text')
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('activity_plan_entries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('no', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('organizer_committee_ids', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('organizer_sector_ids', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('organizer_department_ids', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('organizer_names', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('period_text', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('source_plan_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('activity_plan_entries_year_idx').on('activity_plan_entries').columns(['year', 'category', 'no']).execute();
  await db.schema.createIndex('activity_plan_entries_source_idx').on('activity_plan_entries').column('source_plan_id').execute();
  await db.schema
    .createTable('activity_events')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('plan_entry_id', 'text', (col) => col.references('activity_plan_entries.id'))
    .addColumn('type_id', 'text', (col) => col.notNull().references('activity_types.id'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('place', 'text', (col) => col.notNull())
    .addColumn('organizer_committee_id', 'text', (col) => col.references('committees.id'))
    .addColumn('organizer_department_id', 'text', (col) => col.references('departments.id'))
    .addColumn('agenda', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('capacity', 'integer')
    .addColumn('checkin_opens_before', 'integer', (col) => col.notNull().defaultTo(60))
    .addColumn('late_after', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('checkin_code', 'text', (col) => col.notNull())
    .addColumn('minutes', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('activity_events_starts_idx').on('activity_events').column('starts_at').execute();
  await db.schema.createIndex('activity_events_entry_idx').on('activity_events').column('plan_entry_id').execute();
  await db.schema
    .createTable('activity_invitations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_id', 'text', (col) => col.notNull().references('activity_events.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('leave_reason', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('attendance', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('checkin_method', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('activity_invitations_event_member_uq', ['event_id', 'member_id'])
    .execute();
  await db.schema.createIndex('activity_invitations_member_idx').on('activity_invitations').column('member_id').execute();
  await db.schema
    .createTable('activity_speeches')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_id', 'text', (col) => col.notNull().references('activity_events.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('activity_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_id', 'text', (col) => col.notNull().unique().references('activity_events.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('recipient', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('activity_recommendations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) => col.notNull().references('activity_reports.id'))
    .addColumn('no', 'integer', (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('activity_recommendations_report_no_uq', ['report_id', 'no'])
    .execute();
  await db.schema
    .createTable('activity_responses')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('recommendation_id', 'text', (col) => col.notNull().references('activity_recommendations.id'))
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('responded_by', 'text', (col) => col.notNull())
    .addColumn('responded_on', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('activity_rotations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('year', 'integer', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('activity_rotation_seats')
    .addColumn('rotation_id', 'text', (col) => col.notNull().references('activity_rotations.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (col) => col.notNull().references('activity_events.id'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addPrimaryKeyConstraint('activity_rotation_seats_pk', ['rotation_id', 'event_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('activity_feed_tokens')
    .addColumn('user_id', 'text', (col) => col.primaryKey())
    .addColumn('token', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  const now = new Date().toISOString();
  const ids = new Map<string, string>();
  let order = 0;
  for (const type of DEFAULT_ACTIVITY_TYPES) {
    const id = newId();
    ids.set(type.name, id);
    await (db as Kysely<any>)
      .insertInto('activity_types')
      .values({
        id,
        name: type.name,
        parent_id: type.parent ? ids.get(type.parent) : null,
        role: type.role ?? null,
        sort_order: ++order,
        active: 1,
        created_at: now,
      })
      .execute();
  }
}

/**
 * The event list's order (starts_at, then id as tie-breaker) read straight from an index in either
 * direction, with the state for the commonest filter and the counts; it replaces the index on starts_at
 * alone, which calendar windows now use this one for.
 */
async function upListIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('activity_events_list_idx').on('activity_events').columns(['starts_at', 'id', 'status']).execute();
  await db.schema.dropIndex('activity_events_starts_idx').execute();
}

/** The published events whose end has passed (the organiser's to-do), found without reading the past years. */
async function upEndedIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('activity_events_status_ends_idx').on('activity_events').columns(['status', 'ends_at']).execute();
}

/** Reminders to invitees who have not answered, remembered per invitation (or the organiser) and threshold. */
async function upReminders(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_reminders')
    .addColumn('event_id', 'text', (col) => col.notNull().references('activity_events.id'))
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('days_before', 'integer', (col) => col.notNull())
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('activity_reminders_pk', ['event_id', 'days_before', 'recipient'])
    .execute();
}

/** A member's activity list starts from their invitations (ADR 0107): the event ids come from the index alone. */
async function upInvitationsByMember(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('activity_invitations_member_idx').execute();
  await db.schema
    .createIndex('activity_invitations_member_event_idx')
    .on('activity_invitations')
    .columns(['member_id', 'event_id'])
    .execute();
}

/**
 * A member's events are found by id (their invitations) and ordered by start: with the start and status in an
 * index on the id, choosing a page of a member's 500 events reads that index alone, not 500 rows (ADR 0107).
 */
async function upEventsByIdInOrder(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('activity_events_id_start_idx').on('activity_events').columns(['id', 'starts_at', 'status']).execute();
}

/**
 * A member's list walks their invitations in the order of the events' starts and stops after the page, instead
 * of reading and sorting all of a member's ~500 events (ADR 0111).
 */
async function upInvitationsInEventOrder(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('activity_invitations')
    .addColumn('event_starts_at', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  for (const statement of copiedColumnSql(dialect, EVENT_STARTS_AT)) await sql.raw(statement).execute(db);
  await db.schema
    .createIndex('activity_invitations_member_start_idx')
    .on('activity_invitations')
    .columns(['member_id', 'event_starts_at', 'event_id'])
    .execute();
}

export const activitiesMigrations = {
  '2026112510_activities': { up },
  '2026112560_activities_list_index': { up: upListIndex },
  '2026112580_activities_ended_index': { up: upEndedIndex },
  '2026112581_activities_reminders': { up: upReminders },
  '2026112681_invitations_by_member': { up: upInvitationsByMember },
  '2026112780_events_by_id_in_order': { up: upEventsByIdInOrder },
  '2026112791_invitations_in_event_order': { up: upInvitationsInEventOrder },
};
