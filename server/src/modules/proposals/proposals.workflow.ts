import type { z } from 'zod';
import { ASSIGNMENT_ROLES, PROPOSAL_STATES, SATISFACTION } from '@xieshang/shared';
import type { Executor, Trx } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { fieldError, invalid, notFound } from '../../platform/errors.js';
import { attachFiles } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { addDays, nowIso, todayInShanghai } from '../../platform/time.js';
import { defineWorkflow, type ActionDef } from '../../platform/workflow/engine.js';
import { listUnits, userIdsOfDepartments, userIdsOfMembers, userIdsOfUnits } from '../org/org.service.js';
import { createOpinionFromProposal } from '../opinions/opinions.service.js';
import { PROPOSAL } from './proposals.permissions.js';
import {
  answerPendingObjections,
  canSee,
  candidateProposals,
  deactivateAssignments,
  expirePendingCosigners,
  HANDLED_STATES,
  insertAdvice,
  insertAssignments,
  insertEvaluation,
  insertReply,
  isOffice,
  listCategories,
  loadProposal,
  nextNumber,
  recordCosignAnswer,
  recordObjection,
  reviewPendingReplies,
  setActiveAssignmentsDueDate,
  updateProposalRow,
  type ProposalRecord,
} from './proposals.repo.js';
import * as s from './proposals.schema.js';

type Action<I> = ActionDef<ProposalRecord, I>;
type In<T extends z.ZodType> = z.infer<T>;

export const REPLY_ROLES = ['lead', 'separate'] as const;

/** Adds months to a date, keeping the day within the target month (1 月 31 日 + 1 月 = 2 月末). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const title = (r: ProposalRecord) => (r.number ? `第${r.number}号提案「${r.subject}」` : `提案「${r.subject}」`);
const link = (r: { id: string }) => `/proposals/${r.id}`;

async function notifyMembers(app: AppContext, trx: Executor, memberIds: string[], r: ProposalRecord, text: string) {
  await notifyUsers(app, trx, await userIdsOfMembers(trx, memberIds), {
    kind: 'proposal',
    title: `${title(r)}${text}`,
    body: text,
    link: link(r),
  });
}
async function notifyUnits(app: AppContext, trx: Executor, unitIds: string[], r: ProposalRecord, text: string) {
  await notifyUsers(app, trx, await userIdsOfUnits(trx, unitIds), {
    kind: 'proposal',
    title: `${title(r)}${text}`,
    body: text,
    link: link(r),
  });
}
async function notifyOffice(app: AppContext, trx: Executor, r: ProposalRecord, text: string) {
  if (!r.departmentId) return;
  await notifyUsers(app, trx, await userIdsOfDepartments(trx, [r.departmentId]), {
    kind: 'proposal',
    title: `${title(r)}${text}`,
    body: text,
    link: link(r),
  });
}
const proposerIds = (r: ProposalRecord) =>
  r.proposers.filter((p) => p.role === 'lead' || p.confirmState === 'confirmed').map((p) => p.memberId);

const lead = (actor: Actor, r: ProposalRecord) => actor.memberId === r.leadMemberId;
const office = (actor: Actor, r: ProposalRecord) => isOffice(actor, r);
const pendingCosigner = (actor: Actor, r: ProposalRecord) =>
  r.proposers.some((p) => p.memberId === actor.memberId && p.role === 'cosigner' && p.confirmState === 'pending');
const unitWithRole =
  (...roles: string[]) =>
  (actor: Actor, r: ProposalRecord) =>
    r.assignments.some((a) => a.unitId === actor.unitId && roles.includes(a.role));
const myAssignment = (actor: Actor, r: ProposalRecord) => r.assignments.find((a) => a.unitId === actor.unitId);

/** Review waits for co-signers until all have answered or the confirmation deadline has passed. */
const reviewable = (r: ProposalRecord) =>
  r.status === 'awaiting_cosigners' && r.cosignDeadline && r.cosignDeadline >= todayInShanghai()
    ? `联名人尚未全部确认，确认期限（${r.cosignDeadline}）届满后方可审查`
    : null;

const allEvaluated = (r: ProposalRecord) => r.evaluatorIds.every((m) => r.evaluations.some((e) => e.memberId === m));
const anyUnsatisfied = (r: ProposalRecord) => r.evaluations.some((e) => e.satisfaction === 'unsatisfied');

/** Checks a set of units: one lead (with joint units) or separate units only, no unit twice, all known. */
async function checkAssignments(trx: Executor, list: In<typeof s.assignmentsSchema>) {
  const units = new Set((await listUnits(trx)).map((u) => u.id));
  const issues = [];
  const seen = new Set<string>();
  for (const [i, a] of list.entries()) {
    if (!units.has(a.unitId))
      issues.push({ field: `assignments.${i}.unitId`, label: '承办单位', message: `承办单位（第 ${i + 1} 项）：不存在` });
    if (seen.has(a.unitId))
      issues.push({ field: `assignments.${i}.unitId`, label: '承办单位', message: `承办单位（第 ${i + 1} 项）：重复` });
    seen.add(a.unitId);
  }
  const leads = list.filter((a) => a.role === 'lead').length;
  const separate = list.filter((a) => a.role === 'separate').length;
  const joint = list.filter((a) => a.role === 'joint').length;
  if (separate > 0 && leads + joint > 0)
    issues.push({ field: 'assignments', label: '承办单位', message: '承办单位：分办不能与主办、会办同时使用' });
  else if (separate === 0 && leads !== 1)
    issues.push({ field: 'assignments', label: '承办单位', message: `承办单位：须有且只有一个${ASSIGNMENT_ROLES.lead}单位` });
  if (issues.length) throw invalid(issues);
}

/** The due date: given, or the configured months from today; never past the six-month limit. */
function dueDateOf(given: string | undefined, months: number): string {
  const today = todayInShanghai();
  const due = given ?? addMonths(today, months);
  if (due <= today) throw fieldError('dueDate', '办理时限', '须晚于今天');
  if (due > addMonths(today, 6)) throw fieldError('dueDate', '办理时限', '自交办起最长不超过 6 个月');
  return due;
}

async function assignUnits(trx: Trx, r: ProposalRecord, list: In<typeof s.assignmentsSchema>, dueDate: string) {
  const at = nowIso();
  await insertAssignments(
    trx,
    list.map((a) => ({
      id: newId(),
      proposalId: r.id,
      unitId: a.unitId,
      role: a.role,
      dueDate,
      assignedAt: at,
      active: 1,
      proposalCreatedAt: r.createdAt,
      objectionState: null,
      objectionReason: null,
      objectionAnswer: null,
    })),
  );
  await updateProposalRow(trx, r.id, { assignedAt: at, dueDate });
}

/** Which decision of the office follows when the co-signers have all answered. */
const afterCosign = (r: ProposalRecord, except: string) =>
  r.proposers.some((p) => p.role === 'cosigner' && p.confirmState === 'pending' && p.memberId !== except)
    ? 'awaiting_cosigners'
    : 'submitted';

const submit: Action<In<typeof s.confirmSchema>> = {
  label: '提交',
  from: ['draft', 'returned'],
  to: (r) =>
    r.kind === 'joint' && r.proposers.some((p) => p.role === 'cosigner' && p.confirmState === 'pending')
      ? 'awaiting_cosigners'
      : 'submitted',
  permission: PROPOSAL['proposal.submit'],
  relation: lead,
  input: s.confirmSchema,
  guard: (r) => {
    if (r.kind === 'joint' && !r.proposers.some((p) => p.role === 'cosigner' && p.confirmState !== 'refused'))
      return '联名提案须至少有一位联名人';
    if (r.kind === 'collective' && !r.collectiveOrgName) return '集体提案须写明以哪个党派团体、界别或专委会名义提出';
    return null;
  },
  async effect({ app, trx, record, to }) {
    const today = todayInShanghai();
    await updateProposalRow(trx, record.id, {
      submittedAt: nowIso(),
      cosignDeadline: to === 'awaiting_cosigners' ? addDays(today, record.settings.cosignDays) : null,
    });
    if (to === 'awaiting_cosigners') {
      const pending = record.proposers.filter((p) => p.role === 'cosigner' && p.confirmState === 'pending').map((p) => p.memberId);
      await notifyMembers(app, trx, pending, record, '邀请您联名，请确认');
    } else await notifyOffice(app, trx, record, '已提交，待审查');
  },
};

/** A co-signer's answer: confirm or refuse; the proposal moves on once every co-signer has answered. */
function cosignAnswer(label: string, answer: 'confirmed' | 'refused', told: string): Action<In<typeof s.confirmSchema>> {
  return {
    label,
    from: ['awaiting_cosigners'],
    to: (r) => r.status,
    permission: PROPOSAL['proposal.submit'],
    relation: pendingCosigner,
    input: s.confirmSchema,
    async effect(ctx) {
      const { app, trx, record, actor } = ctx;
      await recordCosignAnswer(trx, record.id, actor.memberId!, answer);
      ctx.to = afterCosign(record, actor.memberId!);
      await notifyMembers(app, trx, [record.leadMemberId], record, `：${actor.displayName}${told}`);
      if (ctx.to === 'submitted') await notifyOffice(app, trx, record, '已提交，待审查');
    },
  };
}

const confirm = cosignAnswer('确认联名', 'confirmed', '已确认联名');
const refuse = cosignAnswer('拒绝联名', 'refused', '拒绝联名');

const withdraw: Action<In<typeof s.confirmSchema>> = {
  label: '撤回',
  from: ['awaiting_cosigners', 'submitted'],
  to: 'withdrawn',
  permission: PROPOSAL['proposal.submit'],
  relation: lead,
  input: s.confirmSchema,
};

const REVIEW_FROM = ['submitted', 'awaiting_cosigners'] as const;

const register: Action<In<typeof s.registerSchema>> = {
  label: '立案',
  from: REVIEW_FROM,
  to: 'registered',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.registerSchema,
  guard: reviewable,
  async effect({ app, trx, record, input }) {
    const category = input.category ?? record.category;
    if (!category) throw fieldError('category', '类别', '立案时必须选择');
    const categories = await listCategories(trx);
    if (!categories.some((c) => c.name === category)) throw fieldError('category', '类别', `「${category}」不是已设置的提案类别`);
    await expirePendingCosigners(trx, record.id);
    const number = await nextNumber(trx, record.termId);
    await updateProposalRow(trx, record.id, { category, number, registeredAt: nowIso() });
    await notifyMembers(app, trx, proposerIds(record), { ...record, number }, '已立案');
  },
};

const decline: Action<In<typeof s.declineSchema>> = {
  label: '不予立案',
  from: REVIEW_FROM,
  to: 'declined',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.declineSchema,
  guard: reviewable,
  async effect({ app, trx, record, input }) {
    await expirePendingCosigners(trx, record.id);
    await updateProposalRow(trx, record.id, { declineGround: input.ground });
    await notifyMembers(app, trx, proposerIds(record), record, `不予立案：${input.ground}`);
  },
};

const merge: Action<In<typeof s.mergeSchema>> = {
  label: '并案',
  from: REVIEW_FROM,
  to: 'merged',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.mergeSchema,
  guard: reviewable,
  async effect({ app, trx, record, input }) {
    const target = await loadProposal(trx, input.targetId);
    if (!target || target.id === record.id) throw fieldError('targetId', '并入提案', '不存在');
    if (target.termId !== record.termId) throw fieldError('targetId', '并入提案', '须为同一届次的提案');
    if (!(HANDLED_STATES as readonly string[]).includes(target.status) || target.status === 'closed') {
      throw fieldError(
        'targetId',
        '并入提案',
        `须为已立案且未办结的提案（当前：${PROPOSAL_STATES[target.status as keyof typeof PROPOSAL_STATES]}）`,
      );
    }
    await expirePendingCosigners(trx, record.id);
    await updateProposalRow(trx, record.id, { mergedIntoId: target.id });
    await notifyMembers(app, trx, proposerIds(record), record, `已并入${title(target)}办理，答复后请一并评价`);
  },
};

const returnAction: Action<In<typeof s.returnSchema>> = {
  label: '退回修改',
  from: REVIEW_FROM,
  to: 'returned',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.returnSchema,
  guard: reviewable,
  async effect({ app, trx, record, input }) {
    await notifyMembers(app, trx, [record.leadMemberId], record, `被退回修改：${input.comment}`);
  },
};

const convert: Action<In<typeof s.convertSchema>> = {
  label: '转为其他处理',
  from: REVIEW_FROM,
  to: 'converted',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.convertSchema,
  guard: reviewable,
  async effect({ app, trx, record, input, actor }) {
    await expirePendingCosigners(trx, record.id);
    // Converted to an opinion report, the matter lives on as a submitted report of the same proposers (ADR 0103).
    const opinionId =
      input.convertTo === 'opinion'
        ? await createOpinionFromProposal(app, trx, actor, {
            id: record.id,
            subject: record.subject,
            situation: record.situation,
            analysis: record.analysis,
            suggestions: record.suggestions,
            leadMemberId: record.leadMemberId,
            leadName: record.proposers.find((p) => p.role === 'lead')?.name ?? '',
            coauthors: record.proposers.filter((p) => p.role === 'cosigner' && p.confirmState === 'confirmed'),
          })
        : null;
    await updateProposalRow(trx, record.id, {
      convertedTo: input.convertTo,
      convertedLink: opinionId ? `/opinions/${opinionId}` : (input.link ?? null),
    });
    await notifyMembers(
      app,
      trx,
      proposerIds(record),
      record,
      input.convertTo === 'opinion' ? '已转为社情民意信息处理' : '已转为委员来信处理',
    );
  },
};

const assign: Action<In<typeof s.assignSchema>> = {
  label: '交办',
  from: ['registered'],
  to: 'assigned',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.assignSchema,
  async effect({ app, trx, record, input }) {
    await checkAssignments(trx, input.assignments);
    const due = dueDateOf(input.dueDate, record.settings.replyMonths);
    await assignUnits(trx, record, input.assignments, due);
    await notifyUnits(
      app,
      trx,
      input.assignments.map((a) => a.unitId),
      record,
      `已交办贵单位，请于 ${due} 前答复`,
    );
    await notifyMembers(app, trx, proposerIds(record), record, '已交办承办单位');
  },
};

const object: Action<In<typeof s.objectSchema>> = {
  label: '申退',
  from: ['assigned'],
  to: 'objected',
  permission: PROPOSAL['proposal.handle'],
  relation: (actor, r) => Boolean(myAssignment(actor, r) && !myAssignment(actor, r)!.objectionState),
  input: s.objectSchema,
  guard: (r, actor) => {
    const mine = myAssignment(actor, r);
    if (!mine) return null;
    const last = addDays(todayInShanghai(new Date(mine.assignedAt)), r.settings.objectionDays);
    return todayInShanghai() > last ? `申退须在交办后 ${r.settings.objectionDays} 日内提出（已于 ${last} 截止）` : null;
  },
  async effect(ctx) {
    const mine = myAssignment(ctx.actor, ctx.record)!;
    await recordObjection(ctx.trx, mine.id, ctx.input.reason);
    await notifyOffice(ctx.app, ctx.trx, ctx.record, `：${ctx.actor.displayName}申退，请处理`);
  },
};

const reassign: Action<In<typeof s.assignSchema>> = {
  label: '同意申退并重新交办',
  from: ['objected'],
  to: 'assigned',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.assignSchema,
  async effect({ app, trx, record, input }) {
    await checkAssignments(trx, input.assignments);
    const due = dueDateOf(input.dueDate, record.settings.replyMonths);
    await answerPendingObjections(trx, record.id, 'accepted', input.comment ?? '同意申退');
    await deactivateAssignments(trx, record.id);
    await assignUnits(trx, record, input.assignments, due);
    await notifyUnits(
      app,
      trx,
      input.assignments.map((a) => a.unitId),
      record,
      `已交办贵单位，请于 ${due} 前答复`,
    );
  },
};

const keep: Action<In<typeof s.keepSchema>> = {
  label: '不同意申退',
  from: ['objected'],
  to: 'assigned',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.keepSchema,
  async effect({ app, trx, record, input }) {
    const objecting = record.assignments.filter((a) => a.objectionState === 'pending').map((a) => a.unitId);
    await answerPendingObjections(trx, record.id, 'rejected', input.comment);
    await notifyUnits(app, trx, objecting, record, `申退未获同意：${input.comment}`);
  },
};

const HANDLING = ['assigned', 'rehandling'] as const;

const advise: Action<In<typeof s.adviseSchema>> = {
  label: '提交会办意见',
  from: HANDLING,
  to: (r) => r.status,
  permission: PROPOSAL['proposal.handle'],
  relation: unitWithRole('joint'),
  input: s.adviseSchema,
  guard: (r, actor) => (r.advices.some((a) => a.unitId === actor.unitId) ? '本单位本轮已提交会办意见' : null),
  async effect({ app, trx, record, actor, input }) {
    await insertAdvice(trx, {
      id: newId(),
      proposalId: record.id,
      unitId: actor.unitId!,
      round: record.round,
      body: input.body,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    const leads = record.assignments.filter((a) => a.role === 'lead').map((a) => a.unitId);
    await notifyUnits(app, trx, leads, record, `：会办单位${actor.displayName}已提交会办意见`);
  },
};

const reply: Action<In<typeof s.replySchema>> = {
  label: '答复',
  from: HANDLING,
  to: (r) => r.status,
  permission: PROPOSAL['proposal.handle'],
  relation: unitWithRole(...REPLY_ROLES),
  input: s.replySchema,
  guard: (r, actor) => (r.replies.some((x) => x.unitId === actor.unitId) ? '本单位本轮已答复' : null),
  async effect(ctx) {
    const { app, trx, record, actor, input } = ctx;
    const mine = myAssignment(actor, record)!;
    const review = record.settings.officeReview;
    const id = newId();
    await insertReply(trx, {
      id,
      proposalId: record.id,
      unitId: actor.unitId!,
      round: record.round,
      classification: input.classification,
      body: input.body,
      state: review ? 'pending_review' : 'submitted',
      onTime: todayInShanghai() <= mine.dueDate ? 1 : 0,
      submittedBy: actor.userId,
      submittedAt: nowIso(),
      reviewedAt: null,
      reviewComment: null,
    });
    await attachFiles(trx, actor.userId, input.fileIds ?? [], 'proposal_reply', id);
    const waiting = record.assignments.filter(
      (a) =>
        (REPLY_ROLES as readonly string[]).includes(a.role) &&
        a.unitId !== actor.unitId &&
        !record.replies.some((x) => x.unitId === a.unitId),
    );
    if (waiting.length > 0) return;
    await updateProposalRow(trx, record.id, { repliedAt: nowIso() });
    if (review) {
      ctx.to = 'reply_review';
      await notifyOffice(app, trx, record, '已答复，待审核');
    } else {
      ctx.to = 'replied';
      await notifyMembers(app, trx, record.evaluatorIds, record, '已答复，请评价办理情况');
    }
  },
};

const review: Action<In<typeof s.reviewSchema>> = {
  label: '审核答复',
  from: ['reply_review'],
  to: (r, input) => (input.approve ? 'replied' : r.round > 1 ? 'rehandling' : 'assigned'),
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.reviewSchema,
  async effect({ app, trx, record, input }) {
    if (!input.approve && !input.comment) throw fieldError('comment', '意见', '退回答复须说明理由');
    await reviewPendingReplies(trx, record.id, record.round, input.approve ? 'submitted' : 'rejected', input.comment ?? null);
    if (input.approve) await notifyMembers(app, trx, record.evaluatorIds, record, '已答复，请评价办理情况');
    else {
      await updateProposalRow(trx, record.id, { repliedAt: null });
      await notifyUnits(
        app,
        trx,
        record.replies.map((x) => x.unitId),
        record,
        `答复被退回：${input.comment}`,
      );
    }
  },
};

const evaluate: Action<In<typeof s.evaluateSchema>> = {
  label: '评价',
  from: ['replied'],
  to: (r) => r.status,
  permission: PROPOSAL['proposal.submit'],
  relation: (actor, r) =>
    Boolean(actor.memberId && r.evaluatorIds.includes(actor.memberId) && !r.evaluations.some((e) => e.memberId === actor.memberId)),
  input: s.evaluateSchema,
  async effect(ctx) {
    const { app, trx, record, actor, input } = ctx;
    await insertEvaluation(trx, {
      id: newId(),
      proposalId: record.id,
      memberId: actor.memberId!,
      round: record.round,
      satisfaction: input.satisfaction,
      comment: input.comment ?? null,
      createdAt: nowIso(),
    });
    const done = record.evaluatorIds.every((m) => m === actor.memberId || record.evaluations.some((e) => e.memberId === m));
    if (done) ctx.to = 'evaluated';
    if (input.satisfaction === 'unsatisfied') await notifyOffice(app, trx, record, `：${actor.displayName}评价为不满意，请安排重新办理`);
    else if (done) await notifyOffice(app, trx, record, '评价已全部完成，可办结');
    const replied = record.replies.map((x) => x.unitId);
    await notifyUnits(app, trx, replied, record, `：提案人评价为「${SATISFACTION[input.satisfaction]}」`);
  },
};

const rehandle: Action<In<typeof s.rehandleSchema>> = {
  label: '重新办理',
  from: ['replied', 'evaluated'],
  to: 'rehandling',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.rehandleSchema,
  guard: (r) => (anyUnsatisfied(r) ? null : '没有「不满意」的评价，无需重新办理'),
  async effect({ app, trx, record, input }) {
    const due = dueDateOf(input.dueDate, 1);
    await setActiveAssignmentsDueDate(trx, record.id, due);
    await updateProposalRow(trx, record.id, { round: record.round + 1, dueDate: due, repliedAt: null });
    await notifyUnits(
      app,
      trx,
      record.assignments.map((a) => a.unitId),
      record,
      `提案人不满意，请重新办理并于 ${due} 前再次答复`,
    );
    await notifyMembers(app, trx, record.evaluatorIds, record, '已安排重新办理');
  },
};

const close: Action<In<typeof s.closeSchema>> = {
  label: '办结',
  from: ['replied', 'evaluated'],
  to: 'closed',
  permission: PROPOSAL['proposal.manage'],
  relation: office,
  input: s.closeSchema,
  async effect({ app, trx, record, input }) {
    if ((!allEvaluated(record) || anyUnsatisfied(record)) && !input.comment) {
      throw fieldError('comment', '意见', '尚有提案人未评价或评价为不满意，办结须说明理由');
    }
    await updateProposalRow(trx, record.id, { closedAt: nowIso() });
    await notifyMembers(app, trx, record.evaluatorIds, record, '已办结');
  },
};

export const proposalWorkflow = defineWorkflow<ProposalRecord>({
  name: 'proposal',
  label: '提案',
  objectType: 'proposal',
  states: PROPOSAL_STATES,
  actions: {
    submit,
    withdraw,
    confirm,
    refuse,
    register,
    decline,
    merge,
    return: returnAction,
    convert,
    assign,
    object,
    reassign,
    keep,
    advise,
    reply,
    review,
    evaluate,
    rehandle,
    close,
  },
  load: loadProposal,
  visible: (actor, record) => canSee(actor, record),
  table: 'proposals',
  async candidates(db, actor, states) {
    const rows = await candidateProposals(db, actor, states);
    const out: ProposalRecord[] = [];
    for (const { id } of rows) {
      const record = await loadProposal(db, id);
      if (record) out.push(record);
    }
    return out;
  },
  describe: (r) => ({ title: title(r), link: link(r) }),
});

export function assertVisible(actor: Actor, record: ProposalRecord | undefined): ProposalRecord {
  if (!record || !canSee(actor, record)) throw notFound('提案');
  return record;
}
