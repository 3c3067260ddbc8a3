import { z } from 'zod';
import { EVENT_STATES, INVITATION_STATES, RECOMMENDATION_STATES, REPORT_STATES, type Scope } from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { defineWorkflow, moveStatus } from '../../platform/workflow/engine.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { newId } from '../../platform/ids.js';
import { formatShanghai, nowIso } from '../../platform/time.js';
import { ACT } from './activities.permissions.js';
import * as repo from './activities.repo.js';
import type { EventRecord, InvitationRecord, RecommendationRecord, ReportRecord } from './activities.repo.js';

/** The event's organiser (谁组织谁记录): its department's staff or whoever created it; 'all' covers every event. */
export function isOrganiser(
  actor: Actor,
  event: { organizerDepartmentId: string | null; createdBy: string },
  scope: Scope | null,
): boolean {
  if (actor.system || scope === 'all') return true;
  if (!scope) return false;
  return (
    event.createdBy === actor.userId || (event.organizerDepartmentId !== null && actor.departmentIds.includes(event.organizerDepartmentId))
  );
}

export function organiserScope(actor: Actor, permission: string) {
  return { all: actor.system === true || can(actor, permission) === 'all', departmentIds: actor.departmentIds, userId: actor.userId };
}

/**
 * Who may see an event: readers of all events, its organisers, and the members invited to it once it is
 * published — a draft is the organiser's until invitees are told (publish), so for them it does not exist yet.
 */
export async function canSeeEvent(
  actor: Actor,
  event: { id: string; status: string; organizerDepartmentId: string | null; createdBy: string },
  db: Executor,
): Promise<boolean> {
  if (actor.system || can(actor, ACT['activity.read']) === 'all') return true;
  if (isOrganiser(actor, event, can(actor, ACT['activity.event.manage']))) return true;
  if (event.status === 'draft' || !can(actor, ACT['activity.read']) || !actor.memberId) return false;
  return Boolean(await repo.findInvitationOf(db, event.id, actor.memberId));
}

/** The event of an invitation, report or recommendation, as `canSeeEvent` takes it. */
export const eventOf = (record: {
  eventId: string;
  eventStatus: string;
  organizerDepartmentId: string | null;
  eventCreatedBy: string;
}) => ({
  id: record.eventId,
  status: record.eventStatus,
  organizerDepartmentId: record.organizerDepartmentId,
  createdBy: record.eventCreatedBy,
});

const byOrganiser =
  (permission: string) => (actor: Actor, record: { organizerDepartmentId: string | null; eventCreatedBy: string }, scope: Scope) =>
    isOrganiser(actor, { organizerDepartmentId: record.organizerDepartmentId, createdBy: record.eventCreatedBy }, scope) &&
    Boolean(can(actor, permission));

const reasonInput = z.strictObject({ reason: z.string().trim().min(2).max(500) });
const commentInput = z.strictObject({ comment: z.string().trim().max(500).optional() });
const requiredComment = z.strictObject({ comment: z.string().trim().min(2).max(500) });

async function noticeInvitees(app: Parameters<typeof notifyUsers>[0], trx: Executor, eventId: string, title: string, body: string) {
  const users = await repo.userIdsOfMembers(trx, await repo.invitedMemberIds(trx, eventId));
  await notifyUsers(app, trx, users, { kind: 'activity', title, body, link: `/activities/events/${eventId}` });
}

export function eventWhen(e: { startsAt: string; place: string }): string {
  return `${formatShanghai(e.startsAt)}，${e.place}`;
}

export const eventWorkflow = defineWorkflow<EventRecord>({
  name: 'activityEvent',
  label: '活动',
  objectType: 'activity_event',
  states: EVENT_STATES,
  actions: {
    publish: {
      label: '发布并通知',
      from: ['draft'],
      to: 'published',
      permission: ACT['activity.event.manage'],
      relation: (actor, record, scope) => isOrganiser(actor, record, scope),
      guard: (record) => (Date.parse(record.endsAt) <= Date.now() ? '活动结束时间已过，不能发布' : null),
      effect: async ({ app, trx, record }) => {
        await noticeInvitees(
          app,
          trx,
          record.id,
          `活动通知：${record.title}`,
          `请于${eventWhen(record)}参加「${record.title}」，并在“我的活动”中回复是否参加。`,
        );
      },
    },
    cancel: {
      label: '取消活动',
      from: ['draft', 'published'],
      to: 'cancelled',
      permission: ACT['activity.event.manage'],
      relation: (actor, record, scope) => isOrganiser(actor, record, scope),
      input: reasonInput,
      effect: async (ctx) => {
        const { app, trx, record, input } = ctx;
        ctx.note = input.reason;
        await repo.updateEvent(trx, record.id, { cancelReason: input.reason, updatedAt: nowIso() });
        if (record.status === 'published') {
          await noticeInvitees(
            app,
            trx,
            record.id,
            `活动取消：${record.title}`,
            `原定${eventWhen(record)}的「${record.title}」已取消。原因：${input.reason}`,
          );
        }
      },
    },
    finish: {
      label: '结束活动',
      from: ['published'],
      to: 'finished',
      permission: ACT['activity.event.manage'],
      relation: (actor, record, scope) => isOrganiser(actor, record, scope),
      guard: (record) => (Date.parse(record.startsAt) > Date.now() ? '活动尚未开始，不能结束' : null),
      // Everyone not checked in is now on approved leave or absent: the duty record is complete.
      effect: async ({ trx, record }) => repo.closeAttendance(trx, record.id),
    },
    conclude: {
      label: '标记已形成成果',
      from: ['finished'],
      to: 'concluded',
      permission: ACT['activity.event.manage'],
      relation: (actor, record, scope) => isOrganiser(actor, record, scope),
      guard: (record) => (record.reportStatus !== 'sent' ? '成果报告报送后才能标记为已形成成果' : null),
    },
  },
  load: (db, id) => repo.findEvent(db, id),
  visible: (actor, record, db) => canSeeEvent(actor, record, db),
  table: 'activityEvents',
  // Published events whose time is over wait for their organiser to finish them (and close attendance).
  candidates: async (db, actor) =>
    can(actor, ACT['activity.event.manage'])
      ? repo.endedPublishedEvents(db, organiserScope(actor, ACT['activity.event.manage']), nowIso())
      : [],
  describe: (record) => ({ title: `${record.title}（待结束并确认出勤）`, link: `/activities/events/${record.id}` }),
});

function eventOpenGuard(record: InvitationRecord): string | null {
  if (record.eventStatus === 'cancelled') return '活动已取消，不再接受回复或请假';
  if (record.eventStatus !== 'published') return '活动未发布或已结束，不能回复';
  if (Date.parse(record.endsAt) <= Date.now()) return '活动已结束，不能回复';
  return null;
}

const ownInvitation = (actor: Actor, record: InvitationRecord) => actor.memberId !== null && actor.memberId === record.memberId;

export const invitationWorkflow = defineWorkflow<InvitationRecord>({
  name: 'activityInvitation',
  label: '活动邀请',
  objectType: 'activity_invitation',
  states: INVITATION_STATES,
  actions: {
    accept: {
      label: '参加',
      from: ['invited', 'leave_requested', 'leave_rejected'],
      to: 'accepted',
      permission: ACT['activity.attend'],
      relation: ownInvitation,
      guard: eventOpenGuard,
      effect: async (ctx) => {
        const { trx, record } = ctx;
        if (record.capacity !== null && (await repo.countAccepted(trx, record.eventId)) >= record.capacity) ctx.to = 'waitlisted';
        await repo.updateInvitation(trx, record.id, { respondedAt: nowIso(), leaveReason: null });
      },
    },
    requestLeave: {
      label: '请假',
      from: ['invited', 'accepted', 'waitlisted', 'leave_rejected'],
      to: 'leave_requested',
      permission: ACT['activity.attend'],
      relation: ownInvitation,
      input: reasonInput,
      guard: (record) => eventOpenGuard(record) ?? (record.checkedInAt ? '您已签到，不能再请假' : null),
      effect: async (ctx) => {
        const { app, trx, record, input } = ctx;
        ctx.note = input.reason;
        await repo.updateInvitation(trx, record.id, { respondedAt: nowIso(), leaveReason: input.reason, decisionComment: null });
        if (record.status === 'accepted') await promoteWaitlisted(app, trx, record);
      },
    },
    approveLeave: {
      label: '准假',
      from: ['leave_requested'],
      to: 'leave_approved',
      permission: ACT['activity.leave.approve'],
      relation: byOrganiser(ACT['activity.leave.approve']),
      input: commentInput,
      guard: eventOpenGuard,
      effect: async ({ app, trx, record, input }) => {
        await repo.updateInvitation(trx, record.id, { decisionComment: input.comment ?? null });
        const users = await repo.userIdsOfMembers(trx, [record.memberId]);
        await notifyUsers(app, trx, users, {
          kind: 'activity',
          title: `请假已批准：${record.eventTitle}`,
          body: input.comment || '您的请假已批准。',
          link: `/activities/events/${record.eventId}`,
        });
      },
    },
    rejectLeave: {
      label: '不准假',
      from: ['leave_requested'],
      to: 'leave_rejected',
      permission: ACT['activity.leave.approve'],
      relation: byOrganiser(ACT['activity.leave.approve']),
      input: requiredComment,
      guard: eventOpenGuard,
      effect: async ({ app, trx, record, input }) => {
        await repo.updateInvitation(trx, record.id, { decisionComment: input.comment });
        const users = await repo.userIdsOfMembers(trx, [record.memberId]);
        await notifyUsers(app, trx, users, {
          kind: 'activity',
          title: `请假未获批准：${record.eventTitle}`,
          body: `${input.comment}。请按时参加。`,
          link: `/activities/events/${record.eventId}`,
        });
      },
    },
  },
  load: (db, id) => repo.findInvitation(db, id),
  async visible(actor, record, db) {
    if (ownInvitation(actor, record) && record.eventStatus !== 'draft') return true;
    return canSeeEvent(actor, eventOf(record), db);
  },
  table: 'activityInvitations',
  async candidates(db, actor, states) {
    const out: InvitationRecord[] = [];
    if (actor.memberId && can(actor, ACT['activity.attend']))
      out.push(...(await repo.unansweredInvitationsOf(db, actor.memberId, nowIso())));
    if (can(actor, ACT['activity.leave.approve']) && states.includes('leave_requested')) {
      out.push(...(await repo.leaveRequestsFor(db, organiserScope(actor, ACT['activity.leave.approve']), ['leave_requested'])));
    }
    return out;
  },
  describe: (record) => ({
    title: record.status === 'leave_requested' ? `${record.memberName} 请假：${record.eventTitle}` : `活动邀请：${record.eventTitle}`,
    link: `/activities/events/${record.eventId}`,
  }),
});

/** A seat freed by a leave goes to the first on the waiting list, who is told. */
async function promoteWaitlisted(app: Parameters<typeof notifyUsers>[0], trx: Executor, record: InvitationRecord): Promise<void> {
  const next = await repo.firstWaitlisted(trx, record.eventId);
  if (!next) return;
  await moveStatus(trx, 'activityInvitations', next.id, 'accepted', 'waitlisted');
  await repo.insertTransition(trx, {
    id: newId(),
    workflow: 'activityInvitation',
    recordId: next.id,
    action: 'promote',
    fromState: 'waitlisted',
    toState: 'accepted',
    actorId: null,
    actorName: '系统',
    comment: '有委员请假，候补转为参加',
    payload: null,
    at: nowIso(),
  });
  const users = await repo.userIdsOfMembers(trx, [next.memberId]);
  await notifyUsers(app, trx, users, {
    kind: 'activity',
    title: `候补转为参加：${record.eventTitle}`,
    body: '有委员请假，您已由候补转为参加，请按时出席。',
    link: `/activities/events/${record.eventId}`,
  });
}

export const reportWorkflow = defineWorkflow<ReportRecord>({
  name: 'activityReport',
  label: '成果报告',
  objectType: 'activity_report',
  states: REPORT_STATES,
  actions: {
    submit: {
      label: '提交审定',
      from: ['draft'],
      to: 'submitted',
      permission: ACT['activity.report.manage'],
      relation: byOrganiser(ACT['activity.report.manage']),
    },
    approve: {
      label: '审定通过',
      from: ['submitted'],
      to: 'approved',
      permission: ACT['activity.report.approve'],
      input: commentInput,
    },
    return: {
      label: '退回修改',
      from: ['submitted'],
      to: 'draft',
      permission: ACT['activity.report.approve'],
      input: requiredComment,
    },
    send: {
      label: '报送',
      from: ['approved'],
      to: 'sent',
      permission: ACT['activity.report.manage'],
      relation: byOrganiser(ACT['activity.report.manage']),
      input: z.strictObject({ recipient: z.string().trim().min(2).max(100) }),
      effect: async (ctx) => {
        ctx.note = `报送${ctx.input.recipient}`;
        await repo.updateReport(ctx.trx, ctx.record.id, { recipient: ctx.input.recipient, sentAt: nowIso() });
      },
    },
  },
  load: (db, id) => repo.findReport(db, id),
  visible: (actor, record, db) => canSeeEvent(actor, eventOf(record), db),
  table: 'activityReports',
  async candidates(db, actor, states) {
    const out: ReportRecord[] = [];
    if (can(actor, ACT['activity.report.approve']) && states.includes('submitted'))
      out.push(...(await repo.reportsIn(db, ['submitted'], { all: true, departmentIds: [], userId: actor.userId })));
    if (can(actor, ACT['activity.report.manage']) && states.includes('approved'))
      out.push(...(await repo.reportsIn(db, ['approved'], organiserScope(actor, ACT['activity.report.manage']))));
    return out;
  },
  describe: (record) => ({ title: `成果报告：${record.title}`, link: `/activities/events/${record.eventId}` }),
});

export const recommendationWorkflow = defineWorkflow<RecommendationRecord>({
  name: 'activityRecommendation',
  label: '建议',
  objectType: 'activity_recommendation',
  states: RECOMMENDATION_STATES,
  actions: {
    respond: {
      label: '登记办理情况',
      from: ['open', 'responded'],
      to: 'responded',
      permission: ACT['activity.report.manage'],
      relation: byOrganiser(ACT['activity.report.manage']),
      input: z.strictObject({
        body: z.string().trim().min(2).max(5000),
        respondedBy: z.string().trim().min(2).max(100),
        respondedOn: z.iso.date(),
      }),
      guard: (record) => (record.reportStatus !== 'sent' ? '成果报告报送后才能登记办理情况' : null),
      effect: async ({ trx, record, input, actor }) => {
        await repo.insertResponse(trx, {
          id: newId(),
          recommendationId: record.id,
          body: input.body,
          respondedBy: input.respondedBy,
          respondedOn: input.respondedOn,
          createdBy: actor.userId,
          createdAt: nowIso(),
        });
      },
    },
    close: {
      label: '办结',
      from: ['responded'],
      to: 'closed',
      permission: ACT['activity.report.manage'],
      relation: byOrganiser(ACT['activity.report.manage']),
      input: commentInput,
    },
  },
  load: (db, id) => repo.findRecommendation(db, id),
  visible: (actor, record, db) => canSeeEvent(actor, eventOf(record), db),
  table: 'activityRecommendations',
  candidates: async (db, actor, states) =>
    states.includes('open') ? repo.recommendationsIn(db, ['open'], organiserScope(actor, ACT['activity.report.manage'])) : [],
  describe: (record) => ({ title: `建议${record.no}待登记办理情况：${record.eventTitle}`, link: `/activities/events/${record.eventId}` }),
});
