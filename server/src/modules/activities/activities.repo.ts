import { sql, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { dialectOf, likePattern, matchesPattern, searchWords } from '../../db/dialect/index.js';
import type { Database, Executor } from '../../db/schema.js';
import { atPage, boundedTotal, exactTotal } from '../../db/paging.js';
import { executeShaped, shapeKey } from '../../db/query-shapes.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/time.js';
import type { ActivitiesTables } from './activities.tables.js';
import type { ActivityPlanEntryInput } from './activities.service.js';

export type PlanEntryRow = Selectable<ActivitiesTables['activityPlanEntries']>;

export async function insertPlanEntries(db: Executor, createdBy: string | null, entries: ActivityPlanEntryInput[]): Promise<string[]> {
  const now = nowIso();
  const rows = entries.map((e) => ({
    id: newId(),
    year: e.year,
    category: e.category,
    subcategory: e.subcategory,
    no: e.no,
    title: e.title,
    organizerCommitteeIds: JSON.stringify(e.organizerCommitteeIds),
    organizerSectorIds: JSON.stringify(e.organizerSectorIds),
    organizerDepartmentIds: JSON.stringify(e.organizerDepartmentIds),
    organizerNames: JSON.stringify(e.organizerNames),
    periodText: e.periodText,
    periodFrom: e.periodFrom,
    periodTo: e.periodTo,
    sourcePlanId: e.sourcePlanId,
    createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  // Chunked so that a long attachment stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('activityPlanEntries')
      .values(rows.slice(i, i + 50))
      .execute();
  }
  return rows.map((r) => r.id);
}

export async function selectPlanEntries(db: Executor, filter: { year: number; sourcePlanId?: string }): Promise<PlanEntryRow[]> {
  let q = db.selectFrom('activityPlanEntries').selectAll().where('year', '=', filter.year);
  if (filter.sourcePlanId) q = q.where('sourcePlanId', '=', filter.sourcePlanId);
  return q.orderBy('category').orderBy('subcategory').orderBy('no').orderBy('id').execute();
}

export type EventRow = Selectable<ActivitiesTables['activityEvents']>;
export type InvitationRow = Selectable<ActivitiesTables['activityInvitations']>;
export type ReportRow = Selectable<ActivitiesTables['activityReports']>;
export type RecommendationRow = Selectable<ActivitiesTables['activityRecommendations']>;
export type TypeRow = Selectable<ActivitiesTables['activityTypes']>;

/** An event with what its workflow and lists need from neighbouring tables. */
export interface EventRecord extends EventRow {
  typeName: string;
  reportStatus: string | null;
}

export async function findPlanEntry(db: Executor, id: string): Promise<PlanEntryRow | undefined> {
  return db.selectFrom('activityPlanEntries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePlanEntry(db: Executor, id: string, values: Partial<PlanEntryRow>): Promise<void> {
  await db.updateTable('activityPlanEntries').set(values).where('id', '=', id).execute();
}

export async function deletePlanEntry(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('activityPlanEntries').where('id', '=', id).execute();
}

export async function countEventsOfEntry(db: Executor, planEntryId: string): Promise<number> {
  const row = await db
    .selectFrom('activityEvents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('planEntryId', '=', planEntryId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function eventsOfEntries(db: Executor, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('activityEvents')
    .select(['id', 'planEntryId', 'title', 'status', 'startsAt'])
    .where('planEntryId', 'in', entryIds)
    .orderBy('startsAt')
    .execute();
}

export async function listTypes(db: Executor): Promise<TypeRow[]> {
  return db.selectFrom('activityTypes').selectAll().orderBy('sortOrder').orderBy('name').execute();
}

export async function findType(db: Executor, id: string): Promise<TypeRow | undefined> {
  return db.selectFrom('activityTypes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTypeByName(db: Executor, name: string): Promise<TypeRow | undefined> {
  return db.selectFrom('activityTypes').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertType(db: Executor, row: TypeRow): Promise<void> {
  await db.insertInto('activityTypes').values(row).execute();
}

export async function updateType(db: Executor, id: string, values: Partial<TypeRow>): Promise<void> {
  await db.updateTable('activityTypes').set(values).where('id', '=', id).execute();
}

const eventSelect = (db: Executor) =>
  db
    .selectFrom('activityEvents as e')
    .innerJoin('activityTypes as t', 't.id', 'e.typeId')
    .leftJoin('activityReports as r', 'r.eventId', 'e.id')
    .selectAll('e')
    .select(['t.name as typeName', 'r.status as reportStatus']);

export async function findEvent(db: Executor, id: string): Promise<EventRecord | undefined> {
  return eventSelect(db).where('e.id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: Executor, row: EventRow): Promise<void> {
  await db.insertInto('activityEvents').values(row).execute();
}

export async function updateEvent(db: Executor, id: string, values: Partial<EventRow>): Promise<void> {
  await db.updateTable('activityEvents').set(values).where('id', '=', id).execute();
}

export interface EventFilter {
  from?: string;
  to?: string;
  typeId?: string;
  committeeId?: string;
  departmentId?: string;
  status?: EventRow['status'];
  planEntryId?: string;
  /** Words that must all occur in the title. */
  q?: string;
  /**
   * Whose events: those this member is invited to (once published: a draft is not shown to its invitees), or
   * those this organiser runs (events of these departments or created by this user, drafts included) — either
   * one. Without a scope, every event.
   */
  scope?: { memberId?: string | null; organiser?: { departmentIds: string[]; userId: string } };
}

const EVENTS = shapeKey('activities.events');
const EVENT_PAGE = shapeKey('activities.eventPage');
const CALENDAR = shapeKey('activities.calendar');

/** What of a filter's values decides whose events it reads and how. */
type ScopeValues = { scopeMemberId?: string | null; organiser: boolean };

/**
 * Whether a filter's events are walked along the member's invitations, in the order of the events' starts
 * (ADR 0111): a member's own list, not also an organiser's. A member is invited to a few hundred of 20,000
 * events; the walk stops after the page where reading and sorting all of them took 400 µs.
 */
const walksInvitations = (v: ScopeValues) => Boolean(v.scopeMemberId && !v.organiser);

/** The column a filter's events are ordered and bounded by: the event's start, or its copy on the walked invitation. */
const startOf = (v: ScopeValues) => (walksInvitations(v) ? sql.ref<string>('i.event_starts_at') : sql.ref<string>('e.starts_at'));

/**
 * The events of a filter, without joins but the walked invitations, so that counting reads the events (or
 * their index) alone: a query shape (ADR 0109) whose values are the filter's and whose key is what the
 * filter decides of the SQL.
 */
function filteredEvents(db: Executor, f: EventFilter) {
  const dialect = dialectOf(db);
  const values = {
    scoped: Boolean(f.scope),
    scopeMemberId: f.scope?.memberId,
    organiser: Boolean(f.scope?.organiser),
    organiserUserId: f.scope?.organiser?.userId,
    organiserDepartmentIds: f.scope?.organiser?.departmentIds ?? [],
    from: f.from,
    to: f.to,
    typeId: f.typeId,
    committeeId: f.committeeId,
    departmentId: f.departmentId,
    status: f.status,
    planEntryId: f.planEntryId,
    titlePatterns: f.q ? searchWords(f.q).map(likePattern) : [],
  };
  return {
    key: EVENTS,
    values,
    build: (v: typeof values) => {
      let q = db.selectFrom('activityEvents as e');
      if (walksInvitations(v)) {
        // 'draft' is a literal: PostgreSQL's generic plan for `status != $1` guessed one event (ADR 0107).
        q = db
          .selectFrom('activityInvitations as i')
          .innerJoin('activityEvents as e', 'e.id', 'i.eventId')
          .where('i.memberId', '=', v.scopeMemberId!)
          .where('e.status', '!=', sql.lit('draft')) as unknown as typeof q;
      } else if (v.scoped) {
        const memberId = v.scopeMemberId;
        q = q.where((eb) => {
          const ors = [
            // The member's invitations drive the query (a few hundred of 1,000,000 rows); probing each of
            // 20,000 events for an invitation took 40–90 ms for a member invited to few or none.
            ...(memberId
              ? [
                  eb.and([
                    eb('e.status', '!=', sql.lit('draft')),
                    eb('e.id', 'in', eb.selectFrom('activityInvitations as i').select('i.eventId').where('i.memberId', '=', memberId)),
                  ]),
                ]
              : []),
            ...(v.organiser ? [eb('e.createdBy', '=', v.organiserUserId!)] : []),
            ...(v.organiserDepartmentIds.length ? [eb('e.organizerDepartmentId', 'in', v.organiserDepartmentIds)] : []),
          ];
          return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
        });
      }
      if (v.from) q = q.where(startOf(v), '>=', v.from);
      if (v.to) q = q.where(startOf(v), '<', v.to);
      if (v.typeId) {
        const typeId = v.typeId;
        q = q.where('e.typeId', 'in', (eb) =>
          eb
            .selectFrom('activityTypes')
            .select('id')
            .where((w) => w.or([w('id', '=', typeId), w('parentId', '=', typeId)])),
        );
      }
      if (v.committeeId) q = q.where('e.organizerCommitteeId', '=', v.committeeId);
      if (v.departmentId) q = q.where('e.organizerDepartmentId', '=', v.departmentId);
      if (v.status) q = q.where('e.status', '=', v.status);
      if (v.planEntryId) q = q.where('e.planEntryId', '=', v.planEntryId);
      for (const pattern of v.titlePatterns) q = q.where(matchesPattern(dialect, sql.ref('e.title'), pattern));
      return q;
    },
  };
}

type FilteredEvents = ReturnType<ReturnType<typeof filteredEvents>['build']>;

/**
 * Whole event records in time order from `from` on, at most 1,000, of the events a member is invited to (once
 * published), with their own invitation and attendance: the member's calendar feed.
 */
export async function feedEventsOfMember(db: Executor, memberId: string, from: string) {
  const events = filteredEvents(db, { scope: { memberId }, from });
  return inStartOrder(
    events
      .build(events.values)
      .innerJoin('activityTypes as t', 't.id', 'e.typeId')
      .leftJoin('activityReports as r', 'r.eventId', 'e.id')
      .selectAll('e')
      .select(['t.name as typeName', 'r.status as reportStatus', ...invitationOfWalk]),
    events.values,
    'asc',
  )
    .limit(1000)
    .execute();
}

/**
 * Published events whose end has passed, of these organisers (or all): the events waiting to be finished.
 * Exactly those, however many events there are (read from the (status, ends_at) index); the latest ended
 * first, as the to-do list shows a limited number and what just ended is what the organiser closes now.
 */
export async function endedPublishedEvents(
  db: Executor,
  organiser: { all: boolean; departmentIds: string[]; userId: string },
  now: string,
): Promise<EventRecord[]> {
  let q = eventSelect(db).where('e.status', '=', 'published').where('e.endsAt', '<=', now);
  if (!organiser.all) {
    q = q.where((eb) =>
      eb.or([
        eb('e.createdBy', '=', organiser.userId),
        ...(organiser.departmentIds.length ? [eb('e.organizerDepartmentId', 'in', organiser.departmentIds)] : []),
      ]),
    );
  }
  return q.orderBy('e.endsAt', 'desc').orderBy('e.id', 'desc').execute();
}

/** A walked invitation's own status and attendance, as a member's list shows them. */
const invitationOfWalk = [sql<string | null>`i.status`.as('invitationStatus'), sql<string | null>`i.attendance`.as('attendance')];

/** A filtered query in its events' time order (and by id among events that start together). */
function inStartOrder<Q extends SelectQueryBuilder<any, any, any>>(q: Q, v: ScopeValues, direction: 'asc' | 'desc'): Q {
  const id = walksInvitations(v) ? sql.ref('i.event_id') : sql.ref('e.id');
  return q.orderBy(startOf(v), direction).orderBy(id, direction) as Q;
}

/**
 * What a list or calendar shows of an event: no agenda or minutes (long text), never the check-in code; with
 * the member's own invitation and attendance (null without a member): the walked invitation's, or read by
 * the (member, event) index.
 */
function listed(query: FilteredEvents, v: ScopeValues) {
  const q = query
    .innerJoin('activityTypes as t', 't.id', 'e.typeId')
    .leftJoin('activityReports as r', 'r.eventId', 'e.id')
    .select([
      'e.id',
      'e.planEntryId',
      'e.typeId',
      't.name as typeName',
      'e.title',
      'e.status',
      'e.startsAt',
      'e.endsAt',
      'e.place',
      'e.organizerCommitteeId',
      'e.organizerDepartmentId',
      'e.capacity',
      'e.checkinOpensBefore',
      'e.lateAfter',
      'e.cancelReason',
      'e.createdBy',
      'e.createdAt',
      'e.updatedAt',
      'r.status as reportStatus',
    ]);
  const memberId = v.scopeMemberId;
  if (!memberId) return q.select([sql<string | null>`null`.as('invitationStatus'), sql<string | null>`null`.as('attendance')]);
  if (walksInvitations(v)) return q.select(invitationOfWalk);
  return q
    .leftJoin('activityInvitations as mi', (join) => join.onRef('mi.eventId', '=', 'e.id').on('mi.memberId', '=', memberId))
    .select(['mi.status as invitationStatus', 'mi.attendance']);
}

/** The events of a calendar window in time order, at most `limit` of them; `total` counts the whole window. */
export async function calendarEvents(db: Executor, f: EventFilter, limit: number) {
  const events = filteredEvents(db, f);
  const items = await executeShaped(db, {
    key: `${CALENDAR}:${limit}`,
    values: events.values,
    build: (v) => atPage(inStartOrder(listed(events.build(v), v), v, 'asc'), limit, undefined),
  });
  const total = items.length < limit ? items.length : await exactTotal(db, events);
  return { items, total, totalCapped: false };
}

/**
 * One page of a list, upcoming first: the events from `startOfToday` on, nearest first, then the earlier ones,
 * latest first. Each part is a range scan of the (starts_at, id) index in one direction. The upcoming
 * events are counted exactly (the page's offset depends on it; they are few), the whole list up to the cap
 * (ADR 0009): counting all 20,000 events of ten years by date was most of the list's SQL.
 */
export async function pageEvents(db: Executor, f: EventFilter, page: { offset: number; limit: number }, startOfToday: string) {
  // The start of today is written into the SQL, not bound: it is the server's own value and changes once a
  // day, so PostgreSQL keeps these statements named, with a plan for that value (ADR 0011's range rule
  // leaves a range compared with a parameter unnamed). So it is part of the shapes' keys.
  const cutoff = sql.lit(startOfToday);
  const events = filteredEvents(db, f);
  const part = (upcoming: boolean) => ({
    key: `${events.key}:${upcoming ? 'from' : 'before'} ${startOfToday}`,
    values: events.values,
    build: (v: typeof events.values) => events.build(v).where(startOf(v), upcoming ? '>=' : '<', cutoff),
  });
  const [upcoming, bounded] = await Promise.all([exactTotal(db, part(true)), boundedTotal(db, events)]);
  const { offset, limit } = page;
  // A member's events, found by id (their invitations) and sorted, are chosen first from an index (ADR 0107),
  // then only those rows are joined and read. Other lists, and a member's own walk of their invitations,
  // read in order and stop after the page, which choosing ids first only slows.
  const pageOf = (upcoming: boolean, skip: number, take: number) => {
    const events = part(upcoming);
    const direction = upcoming ? 'asc' : 'desc';
    return executeShaped(db, {
      key: `${EVENT_PAGE}:${events.key}:${take}`,
      values: { skip, ...events.values },
      build: (v) =>
        v.scopeMemberId && !walksInvitations(v)
          ? inStartOrder(
              listed(db.selectFrom('activityEvents as e'), v).where(
                'e.id',
                'in',
                atPage(inStartOrder(events.build(v).select('e.id'), v, direction), take, v.skip),
              ),
              v,
              direction,
            )
          : atPage(inStartOrder(listed(events.build(v), v), v, direction), take, v.skip),
    });
  };
  const items = [];
  if (offset < upcoming) items.push(...(await pageOf(true, offset, limit)));
  if (items.length < limit && offset + limit > upcoming)
    items.push(...(await pageOf(false, Math.max(0, offset - upcoming), limit - items.length)));
  return { items, ...bounded };
}

/** Another open event already using this check-in code (codes identify the event when a member types one). */
export async function codeInUse(db: Executor, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('activityEvents')
    .select('id')
    .where('checkinCode', '=', code)
    .where('status', 'in', ['draft', 'published'])
    .executeTakeFirst();
  return Boolean(row);
}

/** The events a typed check-in code may name; a draft's code names nothing to a member, as the draft is not shown to them. */
export async function eventsByCode(db: Executor, code: string): Promise<EventRecord[]> {
  return eventSelect(db)
    .where('e.checkinCode', '=', code)
    .where('e.status', 'in', ['published', 'cancelled', 'finished', 'concluded'])
    .orderBy('e.startsAt', 'desc')
    .execute();
}

export async function existingMemberIds(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('members').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function invitedMemberIds(db: Executor, eventId: string): Promise<string[]> {
  const rows = await db.selectFrom('activityInvitations').select('memberId').where('eventId', '=', eventId).execute();
  return rows.map((r) => r.memberId);
}

export async function insertInvitations(db: Executor, eventId: string, memberIds: string[]): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < memberIds.length; i += 50) {
    await db
      .insertInto('activityInvitations')
      .values(
        memberIds.slice(i, i + 50).map((memberId) => ({
          id: newId(),
          eventId,
          memberId,
          status: 'invited' as const,
          leaveReason: null,
          decisionComment: null,
          respondedAt: null,
          attendance: null,
          checkedInAt: null,
          checkinMethod: null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  }
}

export async function deleteInvitation(db: Executor, eventId: string, memberId: string): Promise<number> {
  const result = await db
    .deleteFrom('activityInvitations')
    .where('eventId', '=', eventId)
    .where('memberId', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listInvitations(db: Executor, eventId: string) {
  return db
    .selectFrom('activityInvitations as i')
    .innerJoin('members as m', 'm.id', 'i.memberId')
    .leftJoin('sectors as s', 's.id', 'm.sectorId')
    .selectAll('i')
    .select(['m.name as memberName', 's.name as sectorName', 'm.isStandingMember', 'm.employer', 'm.jobTitle'])
    .where('i.eventId', '=', eventId)
    .orderBy('m.strokeKey')
    .orderBy('m.id')
    .execute();
}

/** An invitation with the event fields its workflow's rules need. */
export interface InvitationRecord extends InvitationRow {
  eventStatus: string;
  eventTitle: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  organizerDepartmentId: string | null;
  eventCreatedBy: string;
  memberName: string;
}

const invitationSelect = (db: Executor) =>
  db
    .selectFrom('activityInvitations as i')
    .innerJoin('activityEvents as e', 'e.id', 'i.eventId')
    .innerJoin('members as m', 'm.id', 'i.memberId')
    .selectAll('i')
    .select([
      'e.status as eventStatus',
      'e.title as eventTitle',
      'e.startsAt',
      'e.endsAt',
      'e.capacity',
      'e.organizerDepartmentId',
      'e.createdBy as eventCreatedBy',
      'm.name as memberName',
    ]);

export async function findInvitation(db: Executor, id: string): Promise<InvitationRecord | undefined> {
  return invitationSelect(db).where('i.id', '=', id).executeTakeFirst();
}

export async function findInvitationOf(db: Executor, eventId: string, memberId: string): Promise<InvitationRecord | undefined> {
  return invitationSelect(db).where('i.eventId', '=', eventId).where('i.memberId', '=', memberId).executeTakeFirst();
}

/** A member's invitations still waiting for an answer (参加 or 请假) on published events that have not ended. */
export async function unansweredInvitationsOf(db: Executor, memberId: string, now: string): Promise<InvitationRecord[]> {
  return invitationSelect(db)
    .where('i.memberId', '=', memberId)
    .where('i.status', '=', 'invited')
    .where('e.status', '=', 'published')
    .where('e.endsAt', '>', now)
    .orderBy('e.startsAt')
    .orderBy('e.id')
    .execute();
}

/**
 * Invitations not answered yet (参加 or 请假) of the published events starting after `from` and before `to`,
 * for the reminder job: per event in time order, the members by surname strokes.
 */
export async function unansweredInvitationsStarting(db: Executor, from: string, to: string) {
  return db
    .selectFrom('activityInvitations as i')
    .innerJoin('activityEvents as e', 'e.id', 'i.eventId')
    .innerJoin('members as m', 'm.id', 'i.memberId')
    .select([
      'i.id',
      'i.memberId',
      'm.name as memberName',
      'e.id as eventId',
      'e.title',
      'e.startsAt',
      'e.place',
      'e.organizerDepartmentId',
      'e.createdBy',
    ])
    .where('e.status', '=', 'published')
    .where('e.startsAt', '>', from)
    .where('e.startsAt', '<', to)
    .where('i.status', '=', 'invited')
    .orderBy('e.startsAt')
    .orderBy('e.id')
    .orderBy('m.strokeKey')
    .orderBy('m.id')
    .execute();
}

/** Recipients (invitation ids, or 'organiser') already reminded of an event at this threshold. */
export async function remindersSent(db: Executor, eventId: string, daysBefore: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('activityReminders')
    .select('recipient')
    .where('eventId', '=', eventId)
    .where('daysBefore', '=', daysBefore)
    .execute();
  return new Set(rows.map((r) => r.recipient));
}

/** Records reminders as sent and answers the recipients whose reminder this call recorded (not sent before). */
export async function claimReminders(db: Executor, eventId: string, daysBefore: number, recipients: string[], sentAt: string) {
  const claimed: string[] = [];
  for (let i = 0; i < recipients.length; i += 200) {
    const rows = await db
      .insertInto('activityReminders')
      .values(recipients.slice(i, i + 200).map((recipient) => ({ eventId, recipient, daysBefore, sentAt })))
      .onConflict((oc) => oc.columns(['eventId', 'daysBefore', 'recipient']).doNothing())
      .returning('recipient')
      .execute();
    claimed.push(...rows.map((r) => r.recipient));
  }
  return claimed;
}

export async function leaveRequestsFor(
  db: Executor,
  organiser: { all: boolean; departmentIds: string[]; userId: string },
  states: string[],
): Promise<InvitationRecord[]> {
  let q = invitationSelect(db)
    .where('i.status', 'in', states as InvitationRow['status'][])
    .where('e.status', '=', 'published');
  if (!organiser.all) {
    q = q.where((eb) =>
      eb.or([
        eb('e.createdBy', '=', organiser.userId),
        ...(organiser.departmentIds.length ? [eb('e.organizerDepartmentId', 'in', organiser.departmentIds)] : []),
      ]),
    );
  }
  return q.orderBy('i.respondedAt').limit(200).execute();
}

export async function updateInvitation(db: Executor, id: string, values: Partial<InvitationRow>): Promise<void> {
  await db
    .updateTable('activityInvitations')
    .set({ ...values, updatedAt: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function countAccepted(db: Executor, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('activityInvitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('eventId', '=', eventId)
    .where('status', '=', 'accepted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function firstWaitlisted(db: Executor, eventId: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('activityInvitations')
    .selectAll()
    .where('eventId', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('respondedAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A history row the workflow engine does not write itself: a waitlisted invitation promoted by the system. */
export async function insertTransition(db: Executor, row: Selectable<Database['workflowTransitions']>): Promise<void> {
  await db.insertInto('workflowTransitions').values(row).execute();
}

/** At the end of an event, everyone without a check-in is either on approved leave or absent. */
export async function closeAttendance(db: Executor, eventId: string): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('activityInvitations')
    .set({ attendance: 'leave', updatedAt: now })
    .where('eventId', '=', eventId)
    .where('attendance', 'is', null)
    .where('status', '=', 'leave_approved')
    .execute();
  await db
    .updateTable('activityInvitations')
    .set({ attendance: 'absent', updatedAt: now })
    .where('eventId', '=', eventId)
    .where('attendance', 'is', null)
    .execute();
}

export async function userIdsOfMembers(db: Executor, memberIds: string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < memberIds.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('memberId', 'in', memberIds.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

export async function memberAttendance(db: Executor, memberId: string, range: { from?: string; to?: string }) {
  let q = db
    .selectFrom('activityInvitations as i')
    .innerJoin('activityEvents as e', 'e.id', 'i.eventId')
    .innerJoin('activityTypes as t', 't.id', 'e.typeId')
    .select([
      'e.id as eventId',
      'e.title',
      't.name as typeName',
      'e.startsAt',
      'e.status as eventStatus',
      'i.status as invitationStatus',
      'i.attendance',
      'i.checkedInAt',
    ])
    .where('i.memberId', '=', memberId)
    .where('e.status', 'in', ['published', 'finished', 'concluded']);
  // Bounded by the invitation's copy of the start, so that the member's index gives the year's rows in order.
  if (range.from) q = q.where('i.eventStartsAt', '>=', range.from);
  if (range.to) q = q.where('i.eventStartsAt', '<', range.to);
  return q.orderBy('i.eventStartsAt').orderBy('i.eventId').execute();
}

/** Attendance counts grouped by a member or organiser column, over finished events in a range. */
export async function attendanceCounts(db: Executor, range: { from?: string; to?: string }) {
  let q = db
    .selectFrom('activityInvitations as i')
    .innerJoin('activityEvents as e', 'e.id', 'i.eventId')
    .innerJoin('members as m', 'm.id', 'i.memberId')
    .select(['i.memberId', 'm.name as memberName', 'e.organizerCommitteeId', 'i.attendance', 'e.id as eventId', 'e.title'])
    .where('e.status', 'in', ['finished', 'concluded'])
    .where('i.attendance', 'is not', null);
  if (range.from) q = q.where('e.startsAt', '>=', range.from);
  if (range.to) q = q.where('e.startsAt', '<', range.to);
  return q.execute();
}

export async function listSpeeches(db: Executor, eventId: string) {
  return db
    .selectFrom('activitySpeeches as s')
    .innerJoin('members as m', 'm.id', 's.memberId')
    .selectAll('s')
    .select('m.name as memberName')
    .where('s.eventId', '=', eventId)
    .orderBy('s.createdAt')
    .execute();
}

export async function insertSpeech(db: Executor, row: Selectable<ActivitiesTables['activitySpeeches']>): Promise<void> {
  await db.insertInto('activitySpeeches').values(row).execute();
}

export async function findSpeech(db: Executor, id: string) {
  return db.selectFrom('activitySpeeches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A report with the organiser fields of its event. */
export interface ReportRecord extends ReportRow {
  eventTitle: string;
  eventStatus: string;
  organizerDepartmentId: string | null;
  eventCreatedBy: string;
}

const reportSelect = (db: Executor) =>
  db
    .selectFrom('activityReports as r')
    .innerJoin('activityEvents as e', 'e.id', 'r.eventId')
    .selectAll('r')
    .select(['e.title as eventTitle', 'e.status as eventStatus', 'e.organizerDepartmentId', 'e.createdBy as eventCreatedBy']);

export async function findReport(db: Executor, id: string): Promise<ReportRecord | undefined> {
  return reportSelect(db).where('r.id', '=', id).executeTakeFirst();
}

export async function findReportOfEvent(db: Executor, eventId: string): Promise<ReportRecord | undefined> {
  return reportSelect(db).where('r.eventId', '=', eventId).executeTakeFirst();
}

export async function reportsIn(
  db: Executor,
  states: string[],
  organiser: { all: boolean; departmentIds: string[]; userId: string },
): Promise<ReportRecord[]> {
  let q = reportSelect(db).where('r.status', 'in', states as ReportRow['status'][]);
  if (!organiser.all) {
    q = q.where((eb) =>
      eb.or([
        eb('e.createdBy', '=', organiser.userId),
        ...(organiser.departmentIds.length ? [eb('e.organizerDepartmentId', 'in', organiser.departmentIds)] : []),
      ]),
    );
  }
  return q.orderBy('r.updatedAt').limit(200).execute();
}

export async function insertReport(db: Executor, row: ReportRow): Promise<void> {
  await db.insertInto('activityReports').values(row).execute();
}

export async function updateReport(db: Executor, id: string, values: Partial<ReportRow>): Promise<void> {
  await db
    .updateTable('activityReports')
    .set({ ...values, updatedAt: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function replaceRecommendations(db: Executor, reportId: string, bodies: string[]): Promise<void> {
  await db.deleteFrom('activityRecommendations').where('reportId', '=', reportId).execute();
  const now = nowIso();
  if (bodies.length === 0) return;
  await db
    .insertInto('activityRecommendations')
    .values(bodies.map((body, i) => ({ id: newId(), reportId, no: i + 1, body, status: 'open' as const, createdAt: now, updatedAt: now })))
    .execute();
}

export async function listRecommendations(db: Executor, reportId: string) {
  return db.selectFrom('activityRecommendations').selectAll().where('reportId', '=', reportId).orderBy('no').execute();
}

export async function listResponses(db: Executor, recommendationIds: string[]) {
  if (recommendationIds.length === 0) return [];
  return db.selectFrom('activityResponses').selectAll().where('recommendationId', 'in', recommendationIds).orderBy('createdAt').execute();
}

/** A recommendation with the report and organiser fields its workflow needs. */
export interface RecommendationRecord extends RecommendationRow {
  reportStatus: string;
  eventId: string;
  eventTitle: string;
  eventStatus: string;
  organizerDepartmentId: string | null;
  eventCreatedBy: string;
}

const recommendationSelect = (db: Executor) =>
  db
    .selectFrom('activityRecommendations as c')
    .innerJoin('activityReports as r', 'r.id', 'c.reportId')
    .innerJoin('activityEvents as e', 'e.id', 'r.eventId')
    .selectAll('c')
    .select([
      'r.status as reportStatus',
      'e.id as eventId',
      'e.title as eventTitle',
      'e.status as eventStatus',
      'e.organizerDepartmentId',
      'e.createdBy as eventCreatedBy',
    ]);

export async function findRecommendation(db: Executor, id: string): Promise<RecommendationRecord | undefined> {
  return recommendationSelect(db).where('c.id', '=', id).executeTakeFirst();
}

export async function recommendationsIn(
  db: Executor,
  states: string[],
  organiser: { all: boolean; departmentIds: string[]; userId: string },
): Promise<RecommendationRecord[]> {
  let q = recommendationSelect(db)
    .where('c.status', 'in', states as RecommendationRow['status'][])
    .where('r.status', '=', 'sent');
  if (!organiser.all) {
    q = q.where((eb) =>
      eb.or([
        eb('e.createdBy', '=', organiser.userId),
        ...(organiser.departmentIds.length ? [eb('e.organizerDepartmentId', 'in', organiser.departmentIds)] : []),
      ]),
    );
  }
  return q.orderBy('c.updatedAt').limit(200).execute();
}

export async function insertResponse(db: Executor, row: Selectable<ActivitiesTables['activityResponses']>): Promise<void> {
  await db.insertInto('activityResponses').values(row).execute();
}

export async function standingMeetingsOfYear(db: Executor, year: number) {
  return db
    .selectFrom('activityEvents as e')
    .innerJoin('activityTypes as t', 't.id', 'e.typeId')
    .select(['e.id', 'e.title', 'e.startsAt', 'e.place', 'e.status'])
    .where('t.role', '=', 'standing_meeting')
    .where('e.status', 'in', ['draft', 'published'])
    .where('e.startsAt', '>=', `${year}-01-01`)
    .where('e.startsAt', '<', `${year + 1}-01-01`)
    .orderBy('e.startsAt')
    .execute();
}

export async function nonStandingMembers(db: Executor) {
  return db
    .selectFrom('members')
    .select(['id', 'sectorId'])
    .where('status', '=', 'active')
    .where('isStandingMember', '=', 0)
    .orderBy('strokeKey')
    .orderBy('id')
    .execute();
}

export async function findRotation(db: Executor, id: string) {
  return db.selectFrom('activityRotations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRotationOfYear(db: Executor, year: number) {
  return db.selectFrom('activityRotations').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function insertRotation(
  db: Executor,
  row: Selectable<ActivitiesTables['activityRotations']>,
  seats: { eventId: string; memberId: string }[],
): Promise<void> {
  await db.insertInto('activityRotations').values(row).execute();
  for (let i = 0; i < seats.length; i += 100) {
    await db
      .insertInto('activityRotationSeats')
      .values(seats.slice(i, i + 100).map((s) => ({ rotationId: row.id, ...s })))
      .execute();
  }
}

export async function deleteRotation(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('activityRotationSeats').where('rotationId', '=', id).execute();
  await db.deleteFrom('activityRotations').where('id', '=', id).execute();
}

export async function rotationSeats(db: Executor, rotationId: string) {
  return db
    .selectFrom('activityRotationSeats as s')
    .innerJoin('members as m', 'm.id', 's.memberId')
    .leftJoin('sectors as sec', 'sec.id', 'm.sectorId')
    .select(['s.eventId', 's.memberId', 'm.name as memberName', 'sec.name as sectorName'])
    .where('s.rotationId', '=', rotationId)
    .orderBy('m.strokeKey')
    .execute();
}

export async function moveSeat(db: Executor, rotationId: string, memberId: string, toEventId: string): Promise<void> {
  await db
    .updateTable('activityRotationSeats')
    .set({ eventId: toEventId })
    .where('rotationId', '=', rotationId)
    .where('memberId', '=', memberId)
    .execute();
}

export async function setRotationStatus(db: Executor, id: string, status: 'draft' | 'published'): Promise<void> {
  await db.updateTable('activityRotations').set({ status, updatedAt: nowIso() }).where('id', '=', id).execute();
}

export async function feedTokenOf(db: Executor, userId: string) {
  return db.selectFrom('activityFeedTokens').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function userOfFeedToken(db: Executor, token: string) {
  return db.selectFrom('activityFeedTokens').select('userId').where('token', '=', token).executeTakeFirst();
}

export async function insertFeedToken(db: Executor, userId: string, token: string): Promise<void> {
  await db.insertInto('activityFeedTokens').values({ userId, token, createdAt: nowIso() }).execute();
}

export async function deleteFeedToken(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('activityFeedTokens').where('userId', '=', userId).execute();
}

export async function memberIdOfUser(db: Executor, userId: string) {
  return db.selectFrom('users').select(['memberId', 'status']).where('id', '=', userId).executeTakeFirst();
}

export async function findActiveUser(db: Executor, id: string) {
  return db.selectFrom('users').select('id').where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
}

/**
 * Attendance counts per member, activity type and attendance, and speech counts per member, over events
 * starting in [from, to): counted in SQL so that the whole committee costs two grouped queries. The whole
 * committee's attendance is read from the year's events; some members' from their invitations, bounded by
 * the copy of the event's start (ADR 0111): from the year's events, PostgreSQL read 100,000 invitations for one member.
 */
export async function dutyFactCounts(db: Executor, memberIds: string[] | 'all', range: { from: string; to: string }) {
  if (memberIds !== 'all' && memberIds.length === 0) return { attendance: [], speeches: [] };
  const startsAt = memberIds === 'all' ? 'e.startsAt' : 'i.eventStartsAt';
  let attendance = db
    .selectFrom('activityEvents as e')
    .innerJoin('activityInvitations as i', 'i.eventId', 'e.id')
    .innerJoin('activityTypes as t', 't.id', 'e.typeId')
    .select(['i.memberId', 'e.typeId', 't.name as typeName', 'i.attendance'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(startsAt, '>=', range.from)
    .where(startsAt, '<', range.to)
    .where('e.status', 'in', ['published', 'finished', 'concluded'])
    .where('i.attendance', 'is not', null)
    .groupBy(['i.memberId', 'e.typeId', 't.name', 'i.attendance']);
  let speeches = db
    .selectFrom('activityEvents as e')
    .innerJoin('activitySpeeches as s', 's.eventId', 'e.id')
    .select('s.memberId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.startsAt', '>=', range.from)
    .where('e.startsAt', '<', range.to)
    .where('e.status', 'in', ['published', 'finished', 'concluded'])
    .groupBy('s.memberId');
  if (memberIds !== 'all') {
    attendance = attendance.where('i.memberId', 'in', memberIds);
    speeches = speeches.where('s.memberId', 'in', memberIds);
  }
  const [a, s] = await Promise.all([attendance.execute(), speeches.execute()]);
  return {
    attendance: a.map((r) => ({ ...r, attendance: r.attendance as string, n: Number(r.n) })),
    speeches: s.map((r) => ({ ...r, n: Number(r.n) })),
  };
}

/** A member's speeches at events starting in [from, to), with the event they were made at. */
export async function speechesOfMember(db: Executor, memberId: string, range: { from: string; to: string }) {
  return db
    .selectFrom('activitySpeeches as s')
    .innerJoin('activityEvents as e', 'e.id', 's.eventId')
    .select(['s.id', 's.eventId', 's.kind', 's.title', 'e.title as eventTitle', 'e.startsAt'])
    .where('s.memberId', '=', memberId)
    .where('e.startsAt', '>=', range.from)
    .where('e.startsAt', '<', range.to)
    .where('e.status', 'in', ['published', 'finished', 'concluded'])
    .orderBy('e.startsAt')
    .execute();
}
