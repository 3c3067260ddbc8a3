import { z } from 'zod';
import type { Scope } from '@xieshang/shared';
import { PLAN_ITEM_STATUS_LABELS, PLAN_STATUS_LABELS } from '@xieshang/shared';
import type { Updateable } from 'kysely';
import type { Database, Executor } from '../../db/schema.js';
import { conflict, fieldError } from '../../platform/errors.js';
import { attachFiles } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso, todayInShanghai } from '../../platform/time.js';
import { defineWorkflow, type ActionContext } from '../../platform/workflow/engine.js';
import { departmentsByIds, membersByIds, userIdsOfDepartments, userIdsOfMembers } from '../org/org.service.js';
import { PLAN } from './plan.permissions.js';
import * as repo from './plan.repo.js';

export interface PlanItemRecord {
  id: string;
  status: 'not_started' | 'in_progress' | 'done';
  planId: string;
  planStatus: string;
  no: number;
  content: string;
  deadlineDate: string | null;
  deadlineText: string | null;
  leaderIds: string[];
  departmentIds: string[];
  hasPendingDeadlineChange: boolean;
}

/** Whether the actor may see a plan of this status: drafts only to those who read the working records. */
export const seesPlan = (actor: Actor, planStatus: string) =>
  Boolean(can(actor, PLAN['plan.read'])) && (planStatus !== 'draft' || Boolean(can(actor, PLAN['plan.progress.read'])));

/** Staff act for the items of their departments (主责部门). */
const ofDepartment = (actor: Actor, record: PlanItemRecord, scope: Scope) =>
  scope === 'all' || actor.departmentIds.some((d) => record.departmentIds.includes(d));
/** Leaders supervise the items they are responsible for (责任领导). */
const ofLeader = (actor: Actor, record: PlanItemRecord, scope: Scope) =>
  scope === 'all' || (actor.memberId !== null && record.leaderIds.includes(actor.memberId));

const activeOnly = (record: PlanItemRecord) => (record.planStatus === 'active' ? null : '工作要点尚未生效或已归档，不能办理');

const fileIds = z.array(z.string().min(1)).max(10).default([]);
const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD');

const link = (record: PlanItemRecord) => `/plan/items/${record.id}`;
const short = (record: PlanItemRecord) => `工作要点第 ${record.no} 项`;

async function toDepartments(ctx: ActionContext<PlanItemRecord, unknown>, title: string, body: string) {
  await notifyUsers(ctx.app, ctx.trx, await userIdsOfDepartments(ctx.trx, ctx.record.departmentIds), {
    kind: 'plan',
    title,
    body,
    link: link(ctx.record),
  });
}
async function toLeaders(ctx: ActionContext<PlanItemRecord, unknown>, title: string, body: string) {
  await notifyUsers(ctx.app, ctx.trx, await userIdsOfMembers(ctx.trx, ctx.record.leaderIds), {
    kind: 'plan',
    title,
    body,
    link: link(ctx.record),
  });
}

async function addComment(ctx: ActionContext<PlanItemRecord, unknown>, kind: 'supervision' | 'update_request', text: string) {
  await repo.insertComment(ctx.trx, {
    id: newId(),
    itemId: ctx.record.id,
    kind,
    text,
    authorId: ctx.actor.userId || null,
    authorName: ctx.actor.displayName,
    createdAt: nowIso(),
  });
}

async function addReport(
  ctx: ActionContext<PlanItemRecord, unknown>,
  kind: 'progress' | 'final',
  text: string,
  percent: number,
  files: string[],
) {
  const id = newId();
  const at = nowIso();
  await repo.insertProgressReport(ctx.trx, {
    id,
    itemId: ctx.record.id,
    kind,
    text,
    percent,
    authorId: ctx.actor.userId || null,
    authorName: ctx.actor.displayName,
    createdAt: at,
  });
  await attachFiles(ctx.trx, ctx.actor.userId, files, 'plan_progress', id);
  return at;
}

export const planItemWorkflow = defineWorkflow<PlanItemRecord>({
  name: 'plan_item',
  label: '工作要点',
  objectType: 'plan_item',
  states: PLAN_ITEM_STATUS_LABELS,
  actions: {
    start: {
      label: '开始推进',
      from: ['not_started'],
      to: 'in_progress',
      permission: PLAN['plan.item.report'],
      relation: ofDepartment,
      guard: activeOnly,
    },
    report_progress: {
      label: '报送进展',
      from: ['not_started', 'in_progress'],
      to: 'in_progress',
      permission: PLAN['plan.item.report'],
      relation: ofDepartment,
      guard: activeOnly,
      input: z.strictObject({ text: z.string().trim().min(1).max(4000), percent: z.number().int().min(0).max(100), fileIds }),
      async effect(ctx) {
        const { text, percent, fileIds: files } = ctx.input as { text: string; percent: number; fileIds: string[] };
        const at = await addReport(ctx, 'progress', text, percent, files);
        await repo.updateItem(ctx.trx, ctx.record.id, { percent, lastProgressAt: at, updatedAt: at });
        ctx.note = `完成进度 ${percent}%：${text}`;
        await toLeaders(ctx, `${short(ctx.record)}有新进展`, `${ctx.actor.displayName}报送进展（${percent}%）：${text.slice(0, 80)}`);
      },
    },
    complete: {
      label: '报送完成情况（办结）',
      from: ['not_started', 'in_progress'],
      to: 'done',
      permission: PLAN['plan.item.report'],
      relation: ofDepartment,
      guard: activeOnly,
      input: z.strictObject({ finalReport: z.string().trim().min(1).max(8000), fileIds }),
      async effect(ctx) {
        const { finalReport, fileIds: files } = ctx.input as { finalReport: string; fileIds: string[] };
        const at = await addReport(ctx, 'final', finalReport, 100, files);
        await repo.updateItem(ctx.trx, ctx.record.id, { percent: 100, finalReport, completedAt: at, lastProgressAt: at, updatedAt: at });
        ctx.note = `完成情况：${finalReport}`;
        await toLeaders(ctx, `${short(ctx.record)}已报送完成`, `${ctx.actor.displayName}报送完成情况：${finalReport.slice(0, 80)}`);
      },
    },
    reopen: {
      label: '退回继续推进',
      from: ['done'],
      to: 'in_progress',
      permission: PLAN['plan.item.supervise'],
      relation: ofLeader,
      guard: activeOnly,
      input: z.strictObject({ comment: z.string().trim().min(1).max(2000) }),
      async effect(ctx) {
        const { comment } = ctx.input as { comment: string };
        await repo.updateItem(ctx.trx, ctx.record.id, { completedAt: null, updatedAt: nowIso() });
        await addComment(ctx, 'supervision', comment);
        await toDepartments(ctx, `${short(ctx.record)}被退回继续推进`, `${ctx.actor.displayName}：${comment}`);
      },
    },
    comment: {
      label: '督办意见',
      from: ['not_started', 'in_progress', 'done'],
      to: (record) => record.status,
      permission: PLAN['plan.item.supervise'],
      relation: ofLeader,
      input: z.strictObject({ comment: z.string().trim().min(1).max(2000) }),
      async effect(ctx) {
        const { comment } = ctx.input as { comment: string };
        await addComment(ctx, 'supervision', comment);
        await toDepartments(ctx, `${short(ctx.record)}收到督办意见`, `${ctx.actor.displayName}：${comment}`);
      },
    },
    request_update: {
      label: '要求报送进展',
      from: ['not_started', 'in_progress'],
      to: (record) => record.status,
      permission: PLAN['plan.item.supervise'],
      relation: ofLeader,
      guard: activeOnly,
      input: z.strictObject({ comment: z.string().trim().min(1).max(2000) }),
      async effect(ctx) {
        const { comment } = ctx.input as { comment: string };
        await addComment(ctx, 'update_request', comment);
        await toDepartments(ctx, `请报送${short(ctx.record)}的进展`, `${ctx.actor.displayName}：${comment}`);
      },
    },
    request_deadline_change: {
      label: '申请调整完成时限',
      from: ['not_started', 'in_progress'],
      to: (record) => record.status,
      permission: PLAN['plan.item.report'],
      relation: ofDepartment,
      guard: (record) => activeOnly(record) ?? (record.hasPendingDeadlineChange ? '已有待审批的时限调整申请' : null),
      input: z.strictObject({ date: isoDate, reason: z.string().trim().min(1).max(2000) }),
      async effect(ctx) {
        const { date, reason } = ctx.input as { date: string; reason: string };
        await repo.insertDeadlineChange(ctx.trx, {
          id: newId(),
          itemId: ctx.record.id,
          previousDate: ctx.record.deadlineDate,
          previousText: ctx.record.deadlineText,
          requestedDate: date,
          reason,
          status: 'pending',
          requestedBy: ctx.actor.userId || null,
          requestedByName: ctx.actor.displayName,
          decidedBy: null,
          decidedByName: null,
          decisionComment: null,
          createdAt: nowIso(),
          decidedAt: null,
        });
        ctx.note = `申请将完成时限调整为 ${date}：${reason}`;
        await toLeaders(ctx, `${short(ctx.record)}申请调整完成时限`, `${ctx.actor.displayName}申请调整为 ${date}：${reason}`);
      },
    },
    approve_deadline_change: {
      label: '同意调整时限',
      from: ['not_started', 'in_progress'],
      to: (record) => record.status,
      permission: PLAN['plan.item.supervise'],
      relation: ofLeader,
      guard: (record) => (record.hasPendingDeadlineChange ? null : '没有待审批的时限调整申请'),
      input: z.strictObject({ comment: z.string().trim().max(2000).optional() }),
      effect: (ctx) => decideDeadlineChange(ctx, 'approved'),
    },
    reject_deadline_change: {
      label: '不同意调整时限',
      from: ['not_started', 'in_progress'],
      to: (record) => record.status,
      permission: PLAN['plan.item.supervise'],
      relation: ofLeader,
      guard: (record) => (record.hasPendingDeadlineChange ? null : '没有待审批的时限调整申请'),
      input: z.strictObject({ comment: z.string().trim().min(1).max(2000) }),
      effect: (ctx) => decideDeadlineChange(ctx, 'rejected'),
    },
    amend: {
      label: '修改条目',
      from: ['not_started', 'in_progress', 'done'],
      to: (record) => record.status,
      permission: PLAN['plan.manage'],
      guard: (record) => (record.planStatus === 'archived' ? '工作要点已归档，不能修改' : null),
      input: z
        .strictObject({
          content: z.string().trim().min(1).max(4000).optional(),
          leaderIds: z.array(z.string().min(1)).min(1).max(10).optional(),
          departmentIds: z.array(z.string().min(1)).min(1).max(10).optional(),
          deadlineDate: isoDate.nullable().optional(),
          reason: z.string().trim().min(1).max(2000),
        })
        .refine((v) => v.content !== undefined || v.leaderIds || v.departmentIds || v.deadlineDate !== undefined, {
          message: '至少修改内容、责任领导、主责部门或完成时限中的一项',
          path: ['content'],
        }),
      effect: amendItem,
    },
  },
  load: loadPlanItemRecord,
  visible: (actor, record) => seesPlan(actor, record.planStatus),
  table: 'planItems',
  async candidates(db, actor, states) {
    const ids = await repo.todoItemIds(db, {
      memberId: actor.memberId,
      departmentIds: actor.departmentIds,
      states,
      today: todayInShanghai(),
    });
    const records = await Promise.all(ids.map((id) => loadPlanItemRecord(db, id)));
    return records.filter((r): r is PlanItemRecord => Boolean(r));
  },
  describe: (record) => ({ title: `${short(record)}：${record.content.slice(0, 40)}`, link: link(record) }),
});

async function decideDeadlineChange(ctx: ActionContext<PlanItemRecord, unknown>, decision: 'approved' | 'rejected') {
  const { comment } = ctx.input as { comment?: string };
  const pending = await repo.pendingDeadlineChange(ctx.trx, ctx.record.id);
  if (!pending) return;
  const at = nowIso();
  await repo.updateDeadlineChange(ctx.trx, pending.id, {
    status: decision,
    decidedBy: ctx.actor.userId || null,
    decidedByName: ctx.actor.displayName,
    decisionComment: comment ?? null,
    decidedAt: at,
  });
  if (decision === 'approved') {
    await repo.updateItem(ctx.trx, ctx.record.id, {
      deadlineDate: pending.requestedDate,
      deadlineText: chineseDate(pending.requestedDate),
      updatedAt: at,
    });
    await repo.deleteItemReminders(ctx.trx, ctx.record.id);
  }
  const verdict = decision === 'approved' ? '同意' : '不同意';
  ctx.note = `${verdict}将完成时限由 ${pending.previousDate ?? pending.previousText ?? '未定'} 调整为 ${pending.requestedDate}${comment ? `：${comment}` : ''}`;
  await toDepartments(ctx, `${short(ctx.record)}的时限调整申请：${verdict}`, ctx.note);
}

type Amendment = { content?: string; leaderIds?: string[]; departmentIds?: string[]; deadlineDate?: string | null; reason: string };

/**
 * The plan office corrects an item after the plan was confirmed (a name misread at import, a department
 * reorganised, a deadline the standing committee moved): every change is named in the history with the
 * reason, and the departments and leaders before and after are told.
 */
async function amendItem(ctx: ActionContext<PlanItemRecord, unknown>) {
  const input = ctx.input as Amendment;
  const changes: string[] = [];
  const fields: Updateable<Database['planItems']> = {};
  const [leadersBefore, departmentsBefore] = await Promise.all([
    repo.leadersOfItems(ctx.trx, [ctx.record.id]),
    repo.departmentsOfItems(ctx.trx, [ctx.record.id]),
  ]);
  if (input.content !== undefined && input.content !== ctx.record.content) {
    fields.content = input.content;
    changes.push('修改了条目内容');
  }
  if (input.leaderIds) {
    const ids = [...new Set(input.leaderIds)];
    const found = await membersByIds(ctx.trx, ids);
    if (found.length !== ids.length) throw fieldError('leaderIds', '责任领导', '包含不存在的委员');
    const names = ids.map((id) => found.find((m) => m.id === id)!.name);
    await repo.replaceItemLeaders(ctx.trx, ctx.record.id, ids);
    fields.leaderText = names.join('、');
    changes.push(`责任领导：${leadersBefore.map((l) => l.name).join('、') || '无'} → ${names.join('、')}`);
  }
  if (input.departmentIds) {
    const ids = [...new Set(input.departmentIds)];
    const found = await departmentsByIds(ctx.trx, ids);
    if (found.length !== ids.length) throw fieldError('departmentIds', '主责部门', '包含不存在的部门');
    const names = ids.map((id) => found.find((d) => d.id === id)!.name);
    await repo.replaceItemDepartments(ctx.trx, ctx.record.id, ids);
    fields.departmentText = names.join('、');
    changes.push(`主责部门：${departmentsBefore.map((d) => d.name).join('、') || '无'} → ${names.join('、')}`);
  }
  if (input.deadlineDate !== undefined && input.deadlineDate !== ctx.record.deadlineDate) {
    if (ctx.record.hasPendingDeadlineChange) throw conflict('有待审批的时限调整申请，请先由责任领导审批');
    fields.deadlineDate = input.deadlineDate;
    fields.deadlineText = input.deadlineDate ? chineseDate(input.deadlineDate) : null;
    await repo.deleteItemReminders(ctx.trx, ctx.record.id);
    changes.push(`完成时限：${ctx.record.deadlineText ?? '未定'} → ${fields.deadlineText ?? '未定'}`);
  }
  if (changes.length === 0) throw fieldError('content', '内容', '与原条目相同，没有需要修改的内容');
  await repo.updateItem(ctx.trx, ctx.record.id, { ...fields, updatedAt: nowIso() });
  ctx.note = `${changes.join('；')}。理由：${input.reason}`;
  const departmentIds = [...new Set([...departmentsBefore.map((d) => d.id), ...(input.departmentIds ?? [])])];
  const leaderIds = [...new Set([...leadersBefore.map((l) => l.id), ...(input.leaderIds ?? [])])];
  const notice = { kind: 'plan', title: `${short(ctx.record)}已修改`, body: ctx.note, link: link(ctx.record) };
  await notifyUsers(ctx.app, ctx.trx, await userIdsOfDepartments(ctx.trx, departmentIds), notice);
  await notifyUsers(ctx.app, ctx.trx, await userIdsOfMembers(ctx.trx, leaderIds), notice);
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function loadPlanItemRecord(db: Executor, id: string): Promise<PlanItemRecord | undefined> {
  const row = await repo.selectItemRecord(db, id);
  if (!row) return undefined;
  const [leaders, departments, pending] = await Promise.all([
    repo.leadersOfItems(db, [id]),
    repo.departmentsOfItems(db, [id]),
    repo.pendingDeadlineChange(db, id),
  ]);
  return {
    ...row,
    leaderIds: leaders.map((l) => l.id),
    departmentIds: departments.map((d) => d.id),
    hasPendingDeadlineChange: Boolean(pending),
  };
}

export interface PlanRecord {
  id: string;
  status: string;
  year: number;
  title: string;
}

/** A plan is drafted (imported or carried over), put into effect, and archived after its year. */
export const planWorkflow = defineWorkflow<PlanRecord>({
  name: 'plan',
  label: '工作要点',
  objectType: 'plan',
  states: PLAN_STATUS_LABELS,
  actions: {
    activate: {
      label: '生效',
      from: ['draft'],
      to: 'active',
      permission: PLAN['plan.manage'],
      async effect(ctx) {
        const other = await repo.otherAdoptedPlanOfYear(ctx.trx, ctx.record.year, ctx.record.id);
        if (other) throw conflict(`${ctx.record.year} 年已有生效的工作要点`);
      },
    },
    archive: {
      label: '归档',
      from: ['active'],
      to: 'archived',
      permission: PLAN['plan.manage'],
    },
  },
  load: repo.selectPlanRecord,
  visible: (actor, record) => seesPlan(actor, record.status),
  table: 'plans',
});
