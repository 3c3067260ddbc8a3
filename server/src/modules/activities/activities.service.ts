/**
 * Use cases of the activities module.
 *
 * For the plan module's importer: `createActivityPlanEntries(trx, actor, entries)` runs inside the caller's
 * transaction and writes its own audit row there (the dialect is read from the transaction). The caller has
 * already checked its own permission to import; this function does not check permissions again.
 */
import { randomBytes, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { Attendance, EventPhase, SpeechKind } from '@xieshang/shared';
import type { Db, Executor, Trx } from '../../db/schema.js';
import { dialectOf } from '../../db/dialect/index.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { attachFiles, listAttachments } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { authorize, can, type Actor } from '../../platform/permissions/actor.js';
import { beijingMidnight, formatShanghai, nowIso, todayInShanghai } from '../../platform/time.js';
import { allowedActions, history } from '../../platform/workflow/engine.js';
import { ACT } from './activities.permissions.js';
import { activeMembersChosen, committeesByIds, departmentsByIds, listCommittees } from '../org/org.service.js';
import * as repo from './activities.repo.js';
import { insertPlanEntries, selectPlanEntries, type PlanEntryRow } from './activities.repo.js';
import {
  canSeeEvent,
  eventOf,
  eventWhen,
  eventWorkflow,
  invitationWorkflow,
  isOrganiser,
  recommendationWorkflow,
  reportWorkflow,
} from './activities.workflow.js';

export interface ActivityPlanEntryInput {
  year: number;
  /** 重点协商 | 对口协商 | 重点调研 | 监督视察 | … (activity type names) */
  category: string;
  /** 议政性常委会 | 议政性主席会 | 政协协商与政党协商联合议政会 | 协商式监督 | null */
  subcategory: string | null;
  /** Number within its group, as in the document. */
  no: number;
  title: string;
  organizerCommitteeIds: string[];
  organizerSectorIds: string[];
  organizerDepartmentIds: string[];
  /** Organizers as written in the document. */
  organizerNames: string[];
  periodText: string;
  /** YYYY-MM-DD */
  periodFrom: string | null;
  periodTo: string | null;
  /** The imported work plan (plan module) it came from. */
  sourcePlanId: string | null;
}

export interface ActivityPlanEntry extends ActivityPlanEntryInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Inserts annual activity plan entries and one audit row, inside the caller's transaction. Returns the new ids. */
export async function createActivityPlanEntries(trx: Trx, actor: Actor, entries: ActivityPlanEntryInput[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids = await insertPlanEntries(trx, actor.userId || null, entries);
  await recordAudit(trx, dialectOf(trx), actor, {
    action: 'activities.plan_entries.create',
    objectType: 'activity_plan_entry',
    objectId: ids.length === 1 ? ids[0] : undefined,
    details: { count: ids.length, years: [...new Set(entries.map((e) => e.year))], sourcePlanId: entries[0].sourcePlanId },
  });
  return ids;
}

/** The year's plan entries in document order (category, subcategory, number); optionally those of one imported plan. */
export async function listActivityPlanEntries(
  db: Db | Executor,
  filter: { year: number; sourcePlanId?: string },
): Promise<ActivityPlanEntry[]> {
  const rows = await selectPlanEntries(db, filter);
  return rows.map(toPlanEntry);
}

export function toPlanEntry(row: PlanEntryRow): ActivityPlanEntry {
  return {
    id: row.id,
    year: row.year,
    category: row.category,
    subcategory: row.subcategory,
    no: row.no,
    title: row.title,
    organizerCommitteeIds: JSON.parse(row.organizerCommitteeIds) as string[],
    organizerSectorIds: JSON.parse(row.organizerSectorIds) as string[],
    organizerDepartmentIds: JSON.parse(row.organizerDepartmentIds) as string[],
    organizerNames: JSON.parse(row.organizerNames) as string[],
    periodText: row.periodText,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    sourcePlanId: row.sourcePlanId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Activity types and the annual plan
// ---------------------------------------------------------------------------------------------------

export async function listTypes(ctx: AppContext, actor: Actor) {
  if (!can(actor, ACT['activity.plan.read']) && !can(actor, ACT['activity.read'])) throw forbidden();
  return repo.listTypes(ctx.db);
}

export async function createType(ctx: AppContext, actor: Actor, input: { name: string; parentId: string | null }) {
  authorize(actor, ACT['activity.plan.manage']);
  if (await repo.findTypeByName(ctx.db, input.name)) throw fieldError('name', '名称', '已有同名的活动类型');
  if (input.parentId && !(await repo.findType(ctx.db, input.parentId))) throw fieldError('parentId', '上级类型', '不存在');
  const types = await repo.listTypes(ctx.db);
  const row = {
    id: newId(),
    name: input.name,
    parentId: input.parentId,
    role: null,
    sortOrder: types.length + 1,
    active: 1,
    createdAt: nowIso(),
  };
  await writeWithAudit(ctx, actor, (trx) => repo.insertType(trx, row), {
    action: 'activities.type.create',
    objectType: 'activity_type',
    objectId: row.id,
    details: { name: row.name },
  });
  return row;
}

export async function updateType(ctx: AppContext, actor: Actor, id: string, input: { name?: string; active?: 0 | 1; sortOrder?: number }) {
  authorize(actor, ACT['activity.plan.manage']);
  const type = await repo.findType(ctx.db, id);
  if (!type) throw notFound('活动类型');
  // Nothing to change is not an error, and writes nothing.
  if (Object.keys(input).length === 0) return type;
  if (input.name && input.name !== type.name && (await repo.findTypeByName(ctx.db, input.name)))
    throw fieldError('name', '名称', '已有同名的活动类型');
  await writeWithAudit(ctx, actor, (trx) => repo.updateType(trx, id, input), {
    action: 'activities.type.update',
    objectType: 'activity_type',
    objectId: id,
    details: input,
  });
  return { ...type, ...input };
}

export interface PlanEntryPatch {
  category?: string;
  subcategory?: string | null;
  no?: number;
  title?: string;
  organizerCommitteeIds?: string[];
  organizerDepartmentIds?: string[];
  organizerSectorIds?: string[];
  organizerNames?: string[];
  periodText?: string;
  periodFrom?: string | null;
  periodTo?: string | null;
}

function checkPeriod(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && from > to) throw fieldError('periodTo', '计划结束日期', '不能早于计划开始日期');
}

export async function createPlanEntry(ctx: AppContext, actor: Actor, input: Omit<ActivityPlanEntryInput, 'sourcePlanId'>) {
  authorize(actor, ACT['activity.plan.manage']);
  checkPeriod(input.periodFrom, input.periodTo);
  const [id] = await ctx.db.transaction().execute((trx) => createActivityPlanEntries(trx, actor, [{ ...input, sourcePlanId: null }]));
  return toPlanEntry((await repo.findPlanEntry(ctx.db, id))!);
}

export async function updatePlanEntry(ctx: AppContext, actor: Actor, id: string, patch: PlanEntryPatch) {
  authorize(actor, ACT['activity.plan.manage']);
  const row = await repo.findPlanEntry(ctx.db, id);
  if (!row) throw notFound('年度计划条目');
  const next = { ...toPlanEntry(row), ...patch };
  checkPeriod(next.periodFrom, next.periodTo);
  const { organizerCommitteeIds, organizerDepartmentIds, organizerSectorIds, organizerNames, ...plain } = patch;
  const values: Partial<PlanEntryRow> = {
    ...plain,
    ...(organizerCommitteeIds ? { organizerCommitteeIds: JSON.stringify(organizerCommitteeIds) } : {}),
    ...(organizerDepartmentIds ? { organizerDepartmentIds: JSON.stringify(organizerDepartmentIds) } : {}),
    ...(organizerSectorIds ? { organizerSectorIds: JSON.stringify(organizerSectorIds) } : {}),
    ...(organizerNames ? { organizerNames: JSON.stringify(organizerNames) } : {}),
    updatedAt: nowIso(),
  };
  await writeWithAudit(ctx, actor, (trx) => repo.updatePlanEntry(trx, id, values), {
    action: 'activities.plan_entry.update',
    objectType: 'activity_plan_entry',
    objectId: id,
    details: patch,
  });
  return toPlanEntry((await repo.findPlanEntry(ctx.db, id))!);
}

export async function deletePlanEntry(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, ACT['activity.plan.manage']);
  const row = await repo.findPlanEntry(ctx.db, id);
  if (!row) throw notFound('年度计划条目');
  if ((await repo.countEventsOfEntry(ctx.db, id)) > 0) throw invalidState('该计划条目已安排活动，不能删除；请先取消活动');
  await writeWithAudit(ctx, actor, (trx) => repo.deletePlanEntry(trx, id), {
    action: 'activities.plan_entry.delete',
    objectType: 'activity_plan_entry',
    objectId: id,
    details: { title: row.title },
  });
}

/** The year's plan with the months each entry covers (1–12) and the events scheduled from it. */
export async function yearPlan(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, ACT['activity.plan.read']);
  const entries = await listActivityPlanEntries(ctx.db, { year });
  const events = await repo.eventsOfEntries(
    ctx.db,
    entries.map((e) => e.id),
  );
  const types = await repo.listTypes(ctx.db);
  const order = new Map(types.map((t) => [t.name, t.sortOrder]));
  const sorted = [...entries].sort(
    (a, b) =>
      (order.get(a.category) ?? 999) - (order.get(b.category) ?? 999) ||
      (order.get(a.subcategory ?? '') ?? 0) - (order.get(b.subcategory ?? '') ?? 0) ||
      a.no - b.no,
  );
  return {
    year,
    entries: sorted.map((e) => ({ ...e, months: monthsCovered(e, year), events: events.filter((ev) => ev.planEntryId === e.id) })),
  };
}

/** Months (1–12) of the year an entry's planned period touches; an entry without dates covers none. */
export function monthsCovered(e: { periodFrom: string | null; periodTo: string | null }, year: number): number[] {
  if (!e.periodFrom) return [];
  const start = e.periodFrom.slice(0, 4) < String(year) ? 1 : Number(e.periodFrom.slice(5, 7));
  const endDate = e.periodTo ?? e.periodFrom;
  const end = endDate.slice(0, 4) > String(year) ? 12 : Number(endDate.slice(5, 7));
  const out: number[] = [];
  for (let m = start; m <= end; m++) out.push(m);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------

export interface EventInput {
  planEntryId?: string | null;
  typeId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  organizerCommitteeId?: string | null;
  organizerDepartmentId?: string | null;
  agenda?: string;
  capacity?: number | null;
  checkinOpensBefore?: number;
  lateAfter?: number;
  fileIds?: string[];
}

async function newCheckinCode(db: Executor): Promise<string> {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await repo.codeInUse(db, code))) return code;
  }
}

async function checkEventRefs(ctx: AppContext, actor: Actor, input: Partial<EventInput>) {
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt))
    throw fieldError('endsAt', '结束时间', '必须晚于开始时间');
  if (input.typeId && !(await repo.findType(ctx.db, input.typeId))) throw fieldError('typeId', '活动类型', '不存在');
  if (input.planEntryId && !(await repo.findPlanEntry(ctx.db, input.planEntryId)))
    throw fieldError('planEntryId', '年度计划条目', '不存在');
  if (input.organizerCommitteeId && !(await committeesByIds(ctx.db, [input.organizerCommitteeId])).length) {
    throw fieldError('organizerCommitteeId', '组织专委会', '不存在');
  }
  if (input.organizerDepartmentId) {
    if (!(await departmentsByIds(ctx.db, [input.organizerDepartmentId])).length)
      throw fieldError('organizerDepartmentId', '组织部门', '不存在');
    if (can(actor, ACT['activity.event.manage']) !== 'all' && !actor.system && !actor.departmentIds.includes(input.organizerDepartmentId)) {
      throw fieldError('organizerDepartmentId', '组织部门', '只能选择本人所在部门');
    }
  }
}

export async function createEvent(ctx: AppContext, actor: Actor, input: EventInput) {
  authorize(actor, ACT['activity.event.manage']);
  await checkEventRefs(ctx, actor, input);
  const now = nowIso();
  const row: repo.EventRow = {
    id: newId(),
    planEntryId: input.planEntryId ?? null,
    typeId: input.typeId,
    title: input.title,
    status: 'draft',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.place,
    organizerCommitteeId: input.organizerCommitteeId ?? null,
    organizerDepartmentId: input.organizerDepartmentId ?? null,
    agenda: input.agenda ?? '',
    capacity: input.capacity ?? null,
    checkinOpensBefore: input.checkinOpensBefore ?? 60,
    lateAfter: input.lateAfter ?? 0,
    checkinCode: await newCheckinCode(ctx.db),
    minutes: '',
    cancelReason: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertEvent(trx, row);
      await attachFiles(trx, actor.userId, input.fileIds ?? [], 'activity_event', row.id);
    },
    {
      action: 'activities.event.create',
      objectType: 'activity_event',
      objectId: row.id,
      details: { title: row.title, startsAt: row.startsAt },
    },
  );
  return row;
}

async function loadManagedEvent(ctx: AppContext, actor: Actor, id: string) {
  const event = await repo.findEvent(ctx.db, id);
  if (!event || !(await canSeeEvent(actor, event, ctx.db))) throw notFound('活动');
  if (!isOrganiser(actor, event, can(actor, ACT['activity.event.manage']))) throw forbidden('只有活动的组织者可以执行此操作');
  return event;
}

function refuseClosed(event: { status: string }) {
  if (event.status === 'cancelled') throw invalidState('活动已取消，不能再修改');
  if (event.status === 'finished' || event.status === 'concluded') throw invalidState('活动已结束，不能再修改安排');
}

export async function updateEvent(ctx: AppContext, actor: Actor, id: string, patch: Partial<Omit<EventInput, 'planEntryId'>>) {
  const event = await loadManagedEvent(ctx, actor, id);
  refuseClosed(event);
  await checkEventRefs(ctx, actor, { ...patch, startsAt: patch.startsAt ?? event.startsAt, endsAt: patch.endsAt ?? event.endsAt });
  const { fileIds, ...values } = patch;
  const changed = (['startsAt', 'endsAt', 'place', 'title'] as const).filter((k) => values[k] !== undefined && values[k] !== event[k]);
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.updateEvent(trx, id, { ...values, updatedAt: nowIso() });
      await attachFiles(trx, actor.userId, fileIds ?? [], 'activity_event', id);
      if (event.status === 'published' && changed.length > 0) {
        const next = { ...event, ...values };
        const users = await repo.userIdsOfMembers(trx, await repo.invitedMemberIds(trx, id));
        await notifyUsers(ctx, trx, users, {
          kind: 'activity',
          title: `活动变更：${next.title}`,
          body: `「${next.title}」的安排已变更，现为${eventWhen(next)}。`,
          link: `/activities/events/${id}`,
        });
      }
    },
    { action: 'activities.event.update', objectType: 'activity_event', objectId: id, details: { changed: Object.keys(values) } },
  );
  return repo.findEvent(ctx.db, id);
}

export interface InviteeSelection {
  committeeIds: string[];
  sectorIds: string[];
  streetGroupIds: string[];
  standingMembers: boolean;
  memberIds: string[];
}

export async function addInvitees(ctx: AppContext, actor: Actor, id: string, sel: InviteeSelection) {
  const event = await loadManagedEvent(ctx, actor, id);
  refuseClosed(event);
  if (sel.memberIds.length) {
    const known = new Set(await repo.existingMemberIds(ctx.db, sel.memberIds));
    const missing = sel.memberIds.filter((m) => !known.has(m));
    if (missing.length) throw fieldError('memberIds', '委员', `不存在：${missing.join('、')}`);
  }
  const chosen = await activeMembersChosen(ctx.db, sel);
  const already = new Set(await repo.invitedMemberIds(ctx.db, id));
  const added = chosen.filter((m) => !already.has(m));
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertInvitations(trx, id, added);
      if (event.status === 'published') {
        await notifyUsers(ctx, trx, await repo.userIdsOfMembers(trx, added), {
          kind: 'activity',
          title: `活动通知：${event.title}`,
          body: `请于${eventWhen(event)}参加「${event.title}」，并在“我的活动”中回复是否参加。`,
          link: `/activities/events/${id}`,
        });
      }
    },
    { action: 'activities.event.invite', objectType: 'activity_event', objectId: id, details: { selection: sel, added: added.length } },
  );
  return { added: added.length, total: already.size + added.length };
}

export async function removeInvitee(ctx: AppContext, actor: Actor, id: string, memberId: string) {
  const event = await loadManagedEvent(ctx, actor, id);
  refuseClosed(event);
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      if ((await repo.deleteInvitation(trx, id, memberId)) === 0) throw notFound('邀请');
      if (event.status === 'published') {
        await notifyUsers(ctx, trx, await repo.userIdsOfMembers(trx, [memberId]), {
          kind: 'activity',
          title: `活动邀请已撤回：${event.title}`,
          body: `您无需参加${eventWhen(event)}的「${event.title}」。`,
        });
      }
    },
    { action: 'activities.event.uninvite', objectType: 'activity_event', objectId: id, details: { memberId } },
  );
}

/** Where a published event stands now, for the check-in window and the calendar. */
export function eventPhase(
  e: { status: string; startsAt: string; endsAt: string; checkinOpensBefore: number },
  now = Date.now(),
): EventPhase | null {
  if (e.status !== 'published') return null;
  const start = Date.parse(e.startsAt);
  if (now >= Date.parse(e.endsAt)) return 'ended';
  if (now >= start) return 'in_progress';
  if (now >= start - e.checkinOpensBefore * 60_000) return 'checkin_open';
  return 'upcoming';
}

function checkinWindow(e: { startsAt: string; endsAt: string; checkinOpensBefore: number }) {
  return { opensAt: new Date(Date.parse(e.startsAt) - e.checkinOpensBefore * 60_000).toISOString(), closesAt: e.endsAt };
}

export async function getEvent(ctx: AppContext, actor: Actor, id: string, origin: string) {
  const event = await repo.findEvent(ctx.db, id);
  if (!event || !(await canSeeEvent(actor, event, ctx.db))) throw notFound('活动');
  const organiser = isOrganiser(actor, event, can(actor, ACT['activity.event.manage']));
  const readsAll = organiser || can(actor, ACT['activity.read']) === 'all';
  const invitations = await repo.listInvitations(ctx.db, id);
  const mine = actor.memberId ? invitations.find((i) => i.memberId === actor.memberId) : undefined;
  const myRecord = mine ? await repo.findInvitation(ctx.db, mine.id) : undefined;
  const report = await repo.findReportOfEvent(ctx.db, id);
  const recommendations = report ? await repo.listRecommendations(ctx.db, report.id) : [];
  const responses = await repo.listResponses(
    ctx.db,
    recommendations.map((r) => r.id),
  );
  const entry = event.planEntryId ? await repo.findPlanEntry(ctx.db, event.planEntryId) : undefined;
  const counts = countInvitations(invitations);
  const checkinUrl = `${origin}/activities/checkin?code=${event.checkinCode}`;
  return {
    ...event,
    checkinCode: organiser ? event.checkinCode : undefined,
    phase: eventPhase(event),
    checkinWindow: checkinWindow(event),
    planEntry: entry ? toPlanEntry(entry) : null,
    organiser,
    allowedActions: allowedActions(eventWorkflow, actor, event),
    history: await history(ctx.db, eventWorkflow, id),
    attachments: await listAttachments(ctx.db, 'activity_event', id),
    counts,
    invitations: readsAll
      ? await Promise.all(
          invitations.map(async (i) => ({
            ...i,
            allowedActions: organiser ? allowedActions(invitationWorkflow, actor, (await repo.findInvitation(ctx.db, i.id))!) : [],
          })),
        )
      : [],
    myInvitation: myRecord ? { ...myRecord, allowedActions: allowedActions(invitationWorkflow, actor, myRecord) } : null,
    checkin:
      organiser && event.status === 'published'
        ? { code: event.checkinCode, url: checkinUrl, qrSvg: await QRCode.toString(checkinUrl, { type: 'svg', margin: 1 }) }
        : null,
    speeches: await Promise.all(
      (await repo.listSpeeches(ctx.db, id)).map(async (s) => ({
        ...s,
        attachments: await listAttachments(ctx.db, 'activity_speech', s.id),
      })),
    ),
    report: report
      ? {
          ...report,
          allowedActions: allowedActions(reportWorkflow, actor, report),
          history: await history(ctx.db, reportWorkflow, report.id),
          recommendations: await Promise.all(
            recommendations.map(async (r) => ({
              ...r,
              responses: responses.filter((x) => x.recommendationId === r.id),
              allowedActions: allowedActions(recommendationWorkflow, actor, (await repo.findRecommendation(ctx.db, r.id))!),
            })),
          ),
        }
      : null,
  };
}

function countInvitations(rows: { status: string; attendance: string | null }[]) {
  const by = (f: (r: { status: string; attendance: string | null }) => boolean) => rows.filter(f).length;
  return {
    invited: rows.length,
    accepted: by((r) => r.status === 'accepted'),
    waitlisted: by((r) => r.status === 'waitlisted'),
    leaveRequested: by((r) => r.status === 'leave_requested'),
    leaveApproved: by((r) => r.status === 'leave_approved'),
    noAnswer: by((r) => r.status === 'invited'),
    present: by((r) => r.attendance === 'present'),
    late: by((r) => r.attendance === 'late'),
    leave: by((r) => r.attendance === 'leave'),
    absent: by((r) => r.attendance === 'absent'),
  };
}

/** The longest window a calendar may ask for without paging: a month grid of six weeks, with room to spare. */
const CALENDAR_MAX_DAYS = 62;
/** A calendar window answers whole; this only bounds a window crowded beyond any real committee's month. */
const CALENDAR_MAX_EVENTS = 1000;

export type EventListFilter = Omit<repo.EventFilter, 'scope'> & { mine?: boolean };

/**
 * Events the actor may see (members: those they are invited to; organisers: also those they run), filtered.
 *
 * Without paging and with both `from` and `to` it is a calendar window: every event of the window (at most
 * 62 days) in time order. Otherwise it is a list, paged, upcoming first: today's and later events nearest
 * first, then the earlier ones latest first — an organiser works on what comes next, then on what just
 * happened, and ten-year-old events come last. "Today" begins at midnight in Beijing.
 */
export async function listEventsFor(
  ctx: AppContext,
  actor: Actor,
  filter: EventListFilter,
  paging: { page: number; pageSize: number; asked: boolean },
) {
  const readScope = can(actor, ACT['activity.read']);
  const manageScope = can(actor, ACT['activity.event.manage']);
  if (!readScope && !manageScope) throw forbidden();
  const { mine, ...rest } = filter;
  if (rest.from && rest.to && rest.to <= rest.from) throw fieldError('to', '结束日期', '应晚于开始日期');
  const calendar = !paging.asked && rest.from !== undefined && rest.to !== undefined;
  if (calendar && Date.parse(rest.to!) - Date.parse(rest.from!) > CALENDAR_MAX_DAYS * 86_400_000) {
    throw fieldError('to', '结束日期', `不分页时时间范围不能超过 ${CALENDAR_MAX_DAYS} 天；请缩短范围，或用 page、pageSize 分页`);
  }
  let scope: repo.EventFilter['scope'];
  if (mine) {
    if (!actor.memberId) return { items: [], total: 0 };
    scope = { memberId: actor.memberId };
  } else if (!(actor.system || readScope === 'all' || manageScope === 'all')) {
    scope = {
      memberId: actor.memberId,
      organiser: manageScope ? { departmentIds: actor.departmentIds, userId: actor.userId } : undefined,
    };
  }
  const f = { ...rest, scope };
  const { page, pageSize } = paging;
  const { items, total, totalCapped } = calendar
    ? await repo.calendarEvents(ctx.db, f, CALENDAR_MAX_EVENTS)
    : await repo.pageEvents(ctx.db, f, { offset: (page - 1) * pageSize, limit: pageSize }, beijingMidnight(todayInShanghai()));
  return { items: items.map((e) => ({ phase: eventPhase(e), ...e })), total, totalCapped };
}

// ---------------------------------------------------------------------------------------------------
// Check-in and attendance
// ---------------------------------------------------------------------------------------------------

/** A member checks in with the code shown at the venue (typed, or from the scanned QR code). */
export async function checkIn(ctx: AppContext, actor: Actor, code: string) {
  authorize(actor, ACT['activity.attend']);
  if (!actor.memberId) throw forbidden('只有委员可以签到');
  const events = await repo.eventsByCode(ctx.db, code);
  if (events.length === 0) throw fieldError('checkinCode', '签到码', '不正确，请核对现场公布的签到码');
  let target: { event: repo.EventRecord; invitation: repo.InvitationRecord } | undefined;
  for (const event of events) {
    const invitation = await repo.findInvitationOf(ctx.db, event.id, actor.memberId);
    if (invitation) {
      target = { event, invitation };
      break;
    }
  }
  if (!target) throw forbidden('您不在本次活动的邀请名单中，不能签到');
  const { event, invitation } = target;
  if (event.status === 'cancelled') throw invalidState('活动已取消，不能签到');
  if (event.status !== 'published') throw invalidState('活动未发布或已结束，不能签到');
  const now = Date.now();
  const window = checkinWindow(event);
  if (now < Date.parse(window.opensAt) || now > Date.parse(window.closesAt)) {
    throw invalidState(`不在签到时间内，签到时间为 ${formatShanghai(window.opensAt)} 至 ${formatShanghai(window.closesAt)}`);
  }
  if (invitation.checkedInAt)
    return { eventId: event.id, title: event.title, attendance: invitation.attendance, checkedInAt: invitation.checkedInAt, already: true };
  const attendance = now > Date.parse(event.startsAt) + event.lateAfter * 60_000 ? 'late' : 'present';
  const at = nowIso();
  await writeWithAudit(
    ctx,
    actor,
    (trx) => repo.updateInvitation(trx, invitation.id, { attendance, checkedInAt: at, checkinMethod: 'code' }),
    {
      action: 'activities.checkin',
      objectType: 'activity_event',
      objectId: event.id,
      details: { memberId: actor.memberId, attendance },
    },
  );
  return { eventId: event.id, title: event.title, attendance, checkedInAt: at, already: false };
}

/** The organiser records attendance by hand (谁组织谁记录), from the start of the check-in window on. */
export async function markAttendance(ctx: AppContext, actor: Actor, id: string, input: { memberId: string; attendance: Attendance }) {
  const event = await loadManagedEvent(ctx, actor, id);
  if (event.status === 'cancelled') throw invalidState('活动已取消，不能记录出勤');
  if (event.status === 'draft') throw invalidState('活动尚未发布，不能记录出勤');
  if (Date.now() < Date.parse(checkinWindow(event).opensAt)) throw invalidState('签到尚未开始，不能记录出勤');
  const invitation = await repo.findInvitationOf(ctx.db, id, input.memberId);
  if (!invitation) throw fieldError('memberId', '委员', '不在本次活动的邀请名单中');
  if (input.attendance === 'leave' && invitation.status !== 'leave_approved')
    throw fieldError('attendance', '出勤情况', '该委员没有获准的请假，不能记为请假');
  await writeWithAudit(
    ctx,
    actor,
    (trx) =>
      repo.updateInvitation(trx, invitation.id, {
        attendance: input.attendance,
        checkedInAt: input.attendance === 'present' || input.attendance === 'late' ? (invitation.checkedInAt ?? nowIso()) : null,
        checkinMethod: 'manual',
      }),
    { action: 'activities.attendance.mark', objectType: 'activity_event', objectId: id, details: input },
  );
}

export interface MemberAttendance {
  eventId: string;
  title: string;
  typeName: string;
  startsAt: string;
  eventStatus: string;
  invitationStatus: string;
  /** present | late | leave | absent; null while the event has not been closed and the member has not checked in. */
  attendance: string | null;
  checkedInAt: string | null;
}

/** The duty record source for the performance module: a member's attendance at events between from and to (ISO, to exclusive). */
export async function attendanceOfMember(
  db: Db | Executor,
  memberId: string,
  range: { from?: string; to?: string },
): Promise<MemberAttendance[]> {
  return repo.memberAttendance(db, memberId, range);
}

export async function attendanceStats(ctx: AppContext, actor: Actor, range: { from?: string; to?: string }) {
  authorize(actor, ACT['activity.stats.read']);
  const rows = await repo.attendanceCounts(ctx.db, range);
  const committees = await listCommittees(ctx.db);
  const tally = () => ({ present: 0, late: 0, leave: 0, absent: 0, total: 0 });
  const byMember = new Map<string, { memberId: string; memberName: string } & ReturnType<typeof tally>>();
  const byCommittee = new Map<string, { committeeId: string | null; committeeName: string } & ReturnType<typeof tally>>();
  const byEvent = new Map<string, { eventId: string; title: string } & ReturnType<typeof tally>>();
  for (const r of rows) {
    const key = r.attendance as Attendance;
    const m = byMember.get(r.memberId) ?? { memberId: r.memberId, memberName: r.memberName, ...tally() };
    const cKey = r.organizerCommitteeId ?? '';
    const c = byCommittee.get(cKey) ?? {
      committeeId: r.organizerCommitteeId,
      committeeName: committees.find((x) => x.id === r.organizerCommitteeId)?.name ?? '机关部门组织',
      ...tally(),
    };
    const e = byEvent.get(r.eventId) ?? { eventId: r.eventId, title: r.title, ...tally() };
    for (const t of [m, c, e]) {
      t[key]++;
      t.total++;
    }
    byMember.set(r.memberId, m);
    byCommittee.set(cKey, c);
    byEvent.set(r.eventId, e);
  }
  const rate = <T extends { present: number; late: number; total: number }>(t: T) => ({
    ...t,
    rate: t.total ? Math.round(((t.present + t.late) / t.total) * 1000) / 10 : 0,
  });
  return {
    members: [...byMember.values()].map(rate).sort((a, b) => a.rate - b.rate),
    committees: [...byCommittee.values()].map(rate),
    events: [...byEvent.values()].map(rate),
  };
}

// ---------------------------------------------------------------------------------------------------
// During and after: speeches, minutes, outcome report
// ---------------------------------------------------------------------------------------------------

export async function addSpeech(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { memberId?: string; kind: SpeechKind; title: string; body: string; fileIds: string[] },
) {
  const event = await repo.findEvent(ctx.db, id);
  if (!event || !(await canSeeEvent(actor, event, ctx.db))) throw notFound('活动');
  const organiser = isOrganiser(actor, event, can(actor, ACT['activity.event.manage']));
  const memberId = organiser ? (input.memberId ?? actor.memberId) : actor.memberId;
  if (!organiser && (!can(actor, ACT['activity.attend']) || (input.memberId && input.memberId !== actor.memberId)))
    throw forbidden('委员只能提交本人的发言');
  if (!memberId) throw fieldError('memberId', '委员', '必须填写');
  if (event.status === 'cancelled' || event.status === 'draft') throw invalidState('活动已取消或尚未发布，不能提交发言');
  if (!(await repo.findInvitationOf(ctx.db, id, memberId))) throw fieldError('memberId', '委员', '不在本次活动的邀请名单中');
  const row = {
    id: newId(),
    eventId: id,
    memberId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    createdBy: actor.userId,
    createdAt: nowIso(),
  };
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertSpeech(trx, row);
      await attachFiles(trx, actor.userId, input.fileIds, 'activity_speech', row.id);
    },
    {
      action: 'activities.speech.create',
      objectType: 'activity_speech',
      objectId: row.id,
      details: { eventId: id, memberId, kind: input.kind },
    },
  );
  return row;
}

export async function setMinutes(ctx: AppContext, actor: Actor, id: string, minutes: string) {
  const event = await loadManagedEvent(ctx, actor, id);
  if (event.status === 'cancelled' || event.status === 'draft') throw invalidState('活动已取消或尚未发布，不能填写纪要');
  await writeWithAudit(ctx, actor, (trx) => repo.updateEvent(trx, id, { minutes, updatedAt: nowIso() }), {
    action: 'activities.minutes.update',
    objectType: 'activity_event',
    objectId: id,
  });
}

export async function createReport(
  ctx: AppContext,
  actor: Actor,
  eventId: string,
  input: { title: string; summary: string; recommendations: string[] },
) {
  authorize(actor, ACT['activity.report.manage']);
  const event = await repo.findEvent(ctx.db, eventId);
  if (!event || !(await canSeeEvent(actor, event, ctx.db))) throw notFound('活动');
  if (!isOrganiser(actor, event, can(actor, ACT['activity.report.manage']))) throw forbidden('只有活动的组织者可以起草成果报告');
  if (event.status === 'cancelled') throw invalidState('活动已取消，不能起草成果报告');
  if (event.status === 'draft') throw invalidState('活动尚未发布，不能起草成果报告');
  if (await repo.findReportOfEvent(ctx.db, eventId)) throw invalidState('本活动已有成果报告，请修改原报告');
  const now = nowIso();
  const row: repo.ReportRow = {
    id: newId(),
    eventId,
    status: 'draft',
    title: input.title,
    summary: input.summary,
    recipient: null,
    sentAt: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertReport(trx, row);
      await repo.replaceRecommendations(trx, row.id, input.recommendations);
    },
    {
      action: 'activities.report.create',
      objectType: 'activity_report',
      objectId: row.id,
      details: { eventId, recommendations: input.recommendations.length },
    },
  );
  return row;
}

export async function updateReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { title?: string; summary?: string; recommendations?: string[] },
) {
  const report = await repo.findReport(ctx.db, id);
  if (!report || !(await canSeeEvent(actor, eventOf(report), ctx.db))) throw notFound('成果报告');
  if (
    !isOrganiser(
      actor,
      { organizerDepartmentId: report.organizerDepartmentId, createdBy: report.eventCreatedBy },
      can(actor, ACT['activity.report.manage']),
    )
  ) {
    throw forbidden('只有活动的组织者可以修改成果报告');
  }
  if (report.status !== 'draft') throw invalidState('成果报告已提交，只有退回后才能修改');
  const { recommendations, ...values } = input;
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.updateReport(trx, id, values);
      if (recommendations) await repo.replaceRecommendations(trx, id, recommendations);
    },
    { action: 'activities.report.update', objectType: 'activity_report', objectId: id },
  );
}

// ---------------------------------------------------------------------------------------------------
// Standing committee rotation (政协委员分批次列席政协常委会会议制度)
// ---------------------------------------------------------------------------------------------------

/**
 * Assigns every member to exactly one meeting. Members are dealt to the meetings in turn, sector after
 * sector (largest first) with one running pointer: batch sizes differ by at most one, and each sector's
 * members are spread evenly over the meetings (at most one apart), so every batch mixes the sectors.
 */
export function planRotation(members: { id: string; sectorId: string | null }[], meetingIds: string[]): Map<string, string[]> {
  const batches = new Map(meetingIds.map((m) => [m, [] as string[]]));
  if (meetingIds.length === 0) return batches;
  const bySector = new Map<string, string[]>();
  for (const m of members) {
    const key = m.sectorId ?? '';
    bySector.set(key, [...(bySector.get(key) ?? []), m.id]);
  }
  const dealt = [...bySector.values()].sort((a, b) => b.length - a.length).flat();
  dealt.forEach((memberId, i) => batches.get(meetingIds[i % meetingIds.length])!.push(memberId));
  return batches;
}

export async function createRotation(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, ACT['activity.rotation.manage']);
  const meetings = await repo.standingMeetingsOfYear(ctx.db, year);
  if (meetings.length === 0) throw fieldError('year', '年度', '该年度还没有安排常委会会议，请先在活动日历中建立常委会会议');
  const existing = await repo.findRotationOfYear(ctx.db, year);
  if (existing?.status === 'published') throw invalidState('该年度的列席安排已发布，请通过调换调整');
  const members = await repo.nonStandingMembers(ctx.db);
  const batches = planRotation(
    members,
    meetings.map((m) => m.id),
  );
  const seats = [...batches.entries()].flatMap(([eventId, ids]) => ids.map((memberId) => ({ eventId, memberId })));
  const now = nowIso();
  const row = { id: newId(), year, status: 'draft' as const, createdBy: actor.userId, createdAt: now, updatedAt: now };
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      if (existing) await repo.deleteRotation(trx, existing.id);
      await repo.insertRotation(trx, row, seats);
    },
    {
      action: 'activities.rotation.plan',
      objectType: 'activity_rotation',
      objectId: row.id,
      details: { year, meetings: meetings.length, members: members.length },
    },
  );
  return getRotation(ctx, actor, year);
}

export async function getRotation(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, ACT['activity.rotation.manage']);
  const rotation = await repo.findRotationOfYear(ctx.db, year);
  const meetings = await repo.standingMeetingsOfYear(ctx.db, year);
  if (!rotation) return { rotation: null, meetings: meetings.map((m) => ({ ...m, members: [] })) };
  const seats = await repo.rotationSeats(ctx.db, rotation.id);
  const seatEvents = new Set(seats.map((s) => s.eventId));
  const allMeetings = [...meetings];
  for (const eventId of seatEvents) {
    if (!allMeetings.some((m) => m.id === eventId)) {
      const e = await repo.findEvent(ctx.db, eventId);
      if (e) allMeetings.push({ id: e.id, title: e.title, startsAt: e.startsAt, place: e.place, status: e.status });
    }
  }
  allMeetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { rotation, meetings: allMeetings.map((m) => ({ ...m, members: seats.filter((s) => s.eventId === m.id) })) };
}

/** Swaps two members between their meetings (a member asked to attend another meeting). */
export async function swapRotation(ctx: AppContext, actor: Actor, year: number, input: { memberA: string; memberB: string }) {
  authorize(actor, ACT['activity.rotation.manage']);
  const rotation = await repo.findRotationOfYear(ctx.db, year);
  if (!rotation) throw notFound('列席安排');
  const seats = await repo.rotationSeats(ctx.db, rotation.id);
  const a = seats.find((s) => s.memberId === input.memberA);
  const b = seats.find((s) => s.memberId === input.memberB);
  if (!a) throw fieldError('memberA', '委员甲', '不在本年度列席安排中');
  if (!b) throw fieldError('memberB', '委员乙', '不在本年度列席安排中');
  if (a.eventId === b.eventId) throw fieldError('memberB', '委员乙', '与委员甲在同一次会议，无需调换');
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.moveSeat(trx, rotation.id, a.memberId, b.eventId);
      await repo.moveSeat(trx, rotation.id, b.memberId, a.eventId);
      if (rotation.status === 'published') {
        for (const [seat, to] of [
          [a, b.eventId],
          [b, a.eventId],
        ] as const) {
          await repo.deleteInvitation(trx, seat.eventId, seat.memberId);
          await repo.insertInvitations(trx, to, [seat.memberId]);
          const event = (await repo.findEvent(trx, to))!;
          await notifyUsers(ctx, trx, await repo.userIdsOfMembers(trx, [seat.memberId]), {
            kind: 'activity',
            title: '列席常委会会议安排调整',
            body: `您列席的常委会会议已调整为：${event.title}（${eventWhen(event)}）。${meetingNoticeLater(event)}`,
            link: meetingLink(event),
          });
        }
      }
    },
    { action: 'activities.rotation.swap', objectType: 'activity_rotation', objectId: rotation.id, details: input },
  );
  return getRotation(ctx, actor, year);
}

/** A meeting still in draft is not shown to its invitees: its notice follows when it is published, and only then a link. */
const meetingNoticeLater = (event: { status: string }) => (event.status === 'draft' ? '会议通知将另行发送。' : '');
const meetingLink = (event: { id: string; status: string }) => (event.status === 'draft' ? undefined : `/activities/events/${event.id}`);

/** Publishing invites each member to their meeting and tells them. */
export async function publishRotation(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, ACT['activity.rotation.manage']);
  const rotation = await repo.findRotationOfYear(ctx.db, year);
  if (!rotation) throw notFound('列席安排');
  if (rotation.status === 'published') throw invalidState('列席安排已发布');
  const seats = await repo.rotationSeats(ctx.db, rotation.id);
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      for (const eventId of new Set(seats.map((s) => s.eventId))) {
        const already = new Set(await repo.invitedMemberIds(trx, eventId));
        const ids = seats.filter((s) => s.eventId === eventId && !already.has(s.memberId)).map((s) => s.memberId);
        await repo.insertInvitations(trx, eventId, ids);
        const event = (await repo.findEvent(trx, eventId))!;
        await notifyUsers(ctx, trx, await repo.userIdsOfMembers(trx, ids), {
          kind: 'activity',
          title: `列席常委会会议安排（${year}年）`,
          body: `按照政协委员分批次列席政协常委会会议制度，请您列席：${event.title}（${eventWhen(event)}）。${meetingNoticeLater(event)}`,
          link: meetingLink(event),
        });
      }
      await repo.setRotationStatus(trx, rotation.id, 'published');
    },
    {
      action: 'activities.rotation.publish',
      objectType: 'activity_rotation',
      objectId: rotation.id,
      details: { year, seats: seats.length },
    },
  );
  return getRotation(ctx, actor, year);
}

// ---------------------------------------------------------------------------------------------------
// Calendar feed
// ---------------------------------------------------------------------------------------------------

export async function feedToken(ctx: AppContext, actor: Actor, renew: boolean): Promise<string> {
  const existing = await repo.feedTokenOf(ctx.db, actor.userId);
  if (existing && !renew) return existing.token;
  const token = randomBytes(24).toString('base64url');
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      if (existing) await repo.deleteFeedToken(trx, actor.userId);
      await repo.insertFeedToken(trx, actor.userId, token);
    },
    { action: 'activities.feed_token.issue', objectType: 'user', objectId: actor.userId },
  );
  return token;
}

/** The events of a feed token's user: the published (or since cancelled) events they are invited to. Unknown tokens answer 404. */
export async function feedEvents(ctx: AppContext, token: string) {
  const owner = await repo.userOfFeedToken(ctx.db, token);
  const user = owner ? await repo.memberIdOfUser(ctx.db, owner.userId) : undefined;
  if (!owner || !user || user.status !== 'active') throw notFound('日历订阅');
  const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
  return user.memberId ? repo.feedEventsOfMember(ctx.db, user.memberId, from) : [];
}

/** The first instant of a calendar year in Shanghai, as the UTC text events are stored with. */
const shanghaiYearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

/**
 * Duty facts for the performance module, over events starting in the year (Shanghai calendar): attendance
 * counts per member, activity type and attendance (present | late | leave | absent), and speech counts per
 * member. No permission check: the caller decides who may see whose record.
 */
export async function dutyFactsOfMembers(db: Db | Executor, memberIds: string[] | 'all', year: number) {
  return repo.dutyFactCounts(db, memberIds, { from: shanghaiYearStart(year), to: shanghaiYearStart(year + 1) });
}

/** One member's attended events and speeches in a year (Shanghai calendar), for the duty record's list. */
export async function dutyDetailsOfMember(db: Db | Executor, memberId: string, year: number) {
  const range = { from: shanghaiYearStart(year), to: shanghaiYearStart(year + 1) };
  const [events, speeches] = await Promise.all([repo.memberAttendance(db, memberId, range), repo.speechesOfMember(db, memberId, range)]);
  return { events: events.filter((e) => e.attendance !== null), speeches };
}
