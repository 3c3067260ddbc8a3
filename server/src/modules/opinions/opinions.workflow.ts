import type { z } from 'zod';
import { OPINION_ADOPTION_LABELS, OPINION_LEVELS, OPINION_STATES } from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { nowIso, todayInShanghai } from '../../platform/time.js';
import { defineWorkflow, type ActionDef } from '../../platform/workflow/engine.js';
import { userIdsOfDepartments, userIdsOfMembers } from '../org/org.service.js';
import { OPINION } from './opinions.permissions.js';
import {
  canSee,
  candidateOpinions,
  insertAdoption,
  insertFeedback,
  insertForward,
  insertInstruction,
  insertVersion,
  isOffice,
  listCategories,
  loadOpinion,
  nextVersion,
  searchText,
  updateReport,
  type OpinionRecord,
} from './opinions.repo.js';
import * as s from './opinions.schema.js';

type Action<I> = ActionDef<OpinionRecord, I>;
type In<T extends z.ZodType> = z.infer<T>;

const title = (r: OpinionRecord) => `社情民意信息「${r.editedTitle ?? r.title}」`;
const link = (r: { id: string }) => `/opinions/${r.id}`;

/** The people a report is about: its author, co-authors, and whoever recorded it (staff, for a party or informant). */
async function notifyAuthors(app: AppContext, trx: Executor, r: OpinionRecord, text: string) {
  const members = [...(r.authorMemberId ? [r.authorMemberId] : []), ...r.coauthors.map((c) => c.memberId)];
  await notifyUsers(app, trx, [...(await userIdsOfMembers(trx, members)), r.createdBy], {
    kind: 'opinion',
    title: `${title(r)}${text}`,
    body: text,
    link: link(r),
  });
}
async function notifyOffice(app: AppContext, trx: Executor, r: OpinionRecord, text: string) {
  if (!r.departmentId) return;
  await notifyUsers(app, trx, await userIdsOfDepartments(trx, [r.departmentId]), {
    kind: 'opinion',
    title: `${title(r)}${text}`,
    body: text,
    link: link(r),
  });
}

const writer = (actor: Actor, r: OpinionRecord) => r.createdBy === actor.userId;
const office = (actor: Actor, r: OpinionRecord) => isOffice(actor, r);

/** Calendar year in Shanghai: the year a report counts in. */
const thisYear = () => Number(todayInShanghai().slice(0, 4));

const submit: Action<In<typeof s.commentSchema>> = {
  label: '提交',
  from: ['draft', 'returned'],
  to: 'submitted',
  permission: OPINION['opinion.submit'],
  relation: writer,
  input: s.commentSchema,
  async effect({ app, trx, record }) {
    await updateReport(trx, record.id, { submittedAt: nowIso(), year: thisYear() });
    await notifyOffice(app, trx, record, '已报送，待受理');
  },
};

const withdraw: Action<In<typeof s.commentSchema>> = {
  label: '撤回',
  from: ['submitted'],
  to: 'withdrawn',
  permission: OPINION['opinion.submit'],
  relation: writer,
  input: s.commentSchema,
};

const returnAction: Action<In<typeof s.requiredCommentSchema>> = {
  label: '退回修改',
  from: ['submitted'],
  to: 'returned',
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.requiredCommentSchema,
  async effect({ app, trx, record, input }) {
    await notifyAuthors(app, trx, record, `被退回修改：${input.comment}`);
  },
};

const accept: Action<In<typeof s.acceptSchema>> = {
  label: '受理',
  from: ['submitted'],
  to: 'accepted',
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.acceptSchema,
  async effect({ app, trx, record, input }) {
    if (input.category && !(await listCategories(trx)).some((c) => c.name === input.category))
      throw fieldError('category', '类别', `「${input.category}」不是已设置的社情民意类别`);
    await updateReport(trx, record.id, { acceptedAt: nowIso(), category: input.category ?? record.category });
    await notifyAuthors(app, trx, record, '已受理');
  },
};

/** States in which the office works on an accepted report: edit, adopt, forward, instruct, follow up. */
const WORKING = ['accepted', 'adopted'] as const;

/** 编辑: the office's edited text is a new version; the author's original stays on the report (ADR 0103). */
const edit: Action<In<typeof s.editSchema>> = {
  label: '编辑',
  from: WORKING,
  to: (r) => r.status,
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.editSchema,
  async effect(ctx) {
    const { trx, record, input, actor } = ctx;
    const version = await nextVersion(trx, record.id);
    await insertVersion(trx, {
      id: newId(),
      reportId: record.id,
      version,
      title: input.title,
      ...input.body,
      editorName: actor.displayName,
      editedBy: actor.userId,
      note: input.comment ?? null,
      createdAt: nowIso(),
    });
    await updateReport(trx, record.id, { editedTitle: input.title, searchText: searchText({ ...record, editedTitle: input.title }) });
    ctx.note = input.comment ?? `编辑为第 ${version} 稿`;
  },
};

const adopt: Action<In<typeof s.adoptSchema>> = {
  label: '采用',
  from: WORKING,
  to: 'adopted',
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.adoptSchema,
  async effect(ctx) {
    const { app, trx, record, input, actor } = ctx;
    if (record.adoptions.some((a) => a.level === input.level))
      throw fieldError('level', '层级', `已记录过${OPINION_ADOPTION_LABELS[input.level]}`);
    const date = input.date ?? todayInShanghai();
    if (date > todayInShanghai()) throw fieldError('date', '日期', '不能晚于今天');
    await insertAdoption(trx, {
      id: newId(),
      reportId: record.id,
      level: input.level,
      date,
      outlet: input.outlet ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    ctx.note = [OPINION_ADOPTION_LABELS[input.level], input.outlet, input.comment].filter(Boolean).join('：');
    await notifyAuthors(app, trx, record, `被${OPINION_ADOPTION_LABELS[input.level]}`);
  },
};

const decline: Action<In<typeof s.declineSchema>> = {
  label: '不予采用',
  from: ['accepted'],
  to: 'declined',
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.declineSchema,
  async effect(ctx) {
    const { app, trx, record, input } = ctx;
    await updateReport(trx, record.id, { declineReason: input.reason });
    ctx.note = input.reason;
    await notifyAuthors(app, trx, record, `不予采用：${input.reason}`);
  },
};

const forward: Action<In<typeof s.forwardSchema>> = {
  label: '报送',
  from: WORKING,
  to: (r) => r.status,
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.forwardSchema,
  async effect(ctx) {
    const { trx, record, input, actor } = ctx;
    const date = input.date ?? todayInShanghai();
    await insertForward(trx, {
      id: newId(),
      reportId: record.id,
      target: input.target,
      date,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    ctx.note = [`报送${input.target}（${date}）`, input.comment].filter(Boolean).join('：');
  },
};

/**
 * 批示: a leader records their own instruction (named as their account); the office records one received on
 * paper from a leader outside the platform, naming the leader.
 */
const instruct: Action<In<typeof s.instructSchema>> = {
  label: '批示',
  from: WORKING,
  to: (r) => r.status,
  permission: OPINION['opinion.instruct'],
  relation: (actor, r, scope) => scope === 'all' || isOffice(actor, r),
  input: s.instructSchema,
  async effect(ctx) {
    const { app, trx, record, input, actor } = ctx;
    const recordedByOffice = isOffice(actor, record);
    const leaderName = recordedByOffice ? input.leaderName : actor.displayName;
    if (!leaderName) throw fieldError('leaderName', '批示领导', '登记收到的批示须写明批示领导');
    const date = input.date ?? todayInShanghai();
    if (date > todayInShanghai()) throw fieldError('date', '日期', '不能晚于今天');
    await insertInstruction(trx, {
      id: newId(),
      reportId: record.id,
      leaderName,
      leaderTitle: input.leaderTitle ?? null,
      level: input.level,
      content: input.content,
      date,
      leaderUserId: recordedByOffice ? null : actor.userId,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    ctx.note = `${OPINION_LEVELS[input.level]}领导${leaderName}${input.leaderTitle ? `（${input.leaderTitle}）` : ''}批示：${input.content}`;
    await notifyAuthors(app, trx, record, `获${leaderName}批示`);
    if (!recordedByOffice) await notifyOffice(app, trx, record, `：${leaderName}已批示，请跟踪落实`);
  },
};

const feedback: Action<In<typeof s.feedbackSchema>> = {
  label: '跟踪落实',
  from: WORKING,
  to: (r) => r.status,
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.feedbackSchema,
  guard: (r) => (r.instructions.length === 0 ? '尚无领导批示，无需跟踪落实' : null),
  async effect(ctx) {
    const { app, trx, record, input, actor } = ctx;
    const date = input.date ?? todayInShanghai();
    await insertFeedback(trx, {
      id: newId(),
      reportId: record.id,
      content: input.content,
      date,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    ctx.note = input.content;
    await notifyAuthors(app, trx, record, '批示落实情况已反馈');
  },
};

const close: Action<In<typeof s.commentSchema>> = {
  label: '办结',
  from: ['adopted', 'declined'],
  to: 'closed',
  permission: OPINION['opinion.manage'],
  relation: office,
  input: s.commentSchema,
  async effect({ trx, record }) {
    await updateReport(trx, record.id, { closedAt: nowIso() });
  },
};

export const opinionWorkflow = defineWorkflow<OpinionRecord>({
  name: 'opinion',
  label: '社情民意信息',
  objectType: 'opinion_report',
  states: OPINION_STATES,
  actions: { submit, withdraw, return: returnAction, accept, edit, adopt, decline, forward, instruct, feedback, close },
  load: loadOpinion,
  visible: (actor, record) => canSee(actor, record),
  table: 'opinionReports',
  async candidates(db, actor, states) {
    // Work in progress (edit, forward, instruct) is always allowed; the to-do list is for what waits on someone.
    const waiting = states.filter((x) => ['draft', 'returned', 'submitted'].includes(x));
    if (waiting.length === 0) return [];
    const out: OpinionRecord[] = [];
    for (const { id } of await candidateOpinions(db, actor, waiting)) {
      const record = await loadOpinion(db, id);
      if (record) out.push(record);
    }
    return out;
  },
  describe: (r) => ({ title: title(r), link: link(r) }),
});

export function assertVisible(actor: Actor, record: OpinionRecord | undefined): OpinionRecord {
  if (!record || !canSee(actor, record)) throw notFound('社情民意信息');
  return record;
}
