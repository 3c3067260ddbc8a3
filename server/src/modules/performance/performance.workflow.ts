import { z } from 'zod';
import { ENTRY_STATES, MANUAL_FACT_KINDS, type ManualFactKind } from '@xieshang/shared';
import { fieldError } from '../../platform/errors.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { defineWorkflow } from '../../platform/workflow/engine.js';
import { userIdsOfMembers } from '../org/org.service.js';
import { PERF } from './performance.permissions.js';
import * as repo from './performance.repo.js';

/** Whether the actor may see an entry: the staff who keep the records, and the member it belongs to. */
export function canSeeEntry(actor: Actor, entry: { memberId: string }): boolean {
  if (actor.system || can(actor, PERF['performance.entry.manage']) === 'all') return true;
  return Boolean(can(actor, PERF['performance.entry.submit']) && actor.memberId && actor.memberId === entry.memberId);
}

const own = (actor: Actor, entry: { memberId: string }) => actor.memberId !== null && actor.memberId === entry.memberId;

/** The points of an entry: none below zero, none above what the kind's rule gives for one entry. */
export async function checkEntryPoints(db: Parameters<typeof repo.findRule>[0], kind: string, points: number): Promise<void> {
  const rule = await repo.findRule(db, kind);
  const most = Math.max(rule?.points ?? 0, 0);
  if (points > most) {
    throw fieldError('points', '积分', `「${MANUAL_FACT_KINDS[kind as ManualFactKind] ?? kind}」每项至多 ${most} 分（积分规则）`);
  }
}

const approveInput = z.strictObject({
  points: z.number().int().min(0).max(1000).optional(),
  comment: z.string().trim().max(500).optional(),
});
const rejectInput = z.strictObject({ reason: z.string().trim().min(2).max(500) });
const withdrawInput = z.strictObject({ comment: z.string().trim().max(500).optional() });

async function tellMember(
  app: Parameters<typeof notifyUsers>[0],
  trx: Parameters<typeof notifyUsers>[1],
  entry: repo.EntryRecord,
  title: string,
  body: string,
) {
  await notifyUsers(app, trx, await userIdsOfMembers(trx, [entry.memberId]), {
    kind: 'performance',
    title,
    body,
    link: `/performance/entries/${entry.id}`,
  });
}

const kindLabel = (e: { kind: string }) => MANUAL_FACT_KINDS[e.kind as ManualFactKind] ?? e.kind;

/** A member's own duty entry (履职作业 …): submitted, then approved (counted) or rejected with a reason. */
export const entryWorkflow = defineWorkflow<repo.EntryRecord>({
  name: 'performanceEntry',
  label: '履职申报',
  objectType: 'performance_entry',
  states: ENTRY_STATES,
  actions: {
    approve: {
      label: '认定',
      from: ['submitted'],
      to: 'approved',
      permission: PERF['performance.entry.manage'],
      input: approveInput,
      async effect({ app, trx, record, input }) {
        const points = input.points ?? record.points;
        await checkEntryPoints(trx, record.kind, points);
        if (points !== record.points) await repo.updateEntry(trx, record.id, { points });
        await tellMember(app, trx, record, '履职申报已认定', `您申报的「${kindLabel(record)}」（${record.date}）已认定，计 ${points} 分`);
      },
    },
    reject: {
      label: '不予认定',
      from: ['submitted'],
      to: 'rejected',
      permission: PERF['performance.entry.manage'],
      input: rejectInput,
      async effect(ctx) {
        const { app, trx, record, input } = ctx;
        await repo.updateEntry(trx, record.id, { rejectReason: input.reason });
        ctx.note = input.reason;
        await tellMember(
          app,
          trx,
          record,
          '履职申报未予认定',
          `您申报的「${kindLabel(record)}」（${record.date}）未予认定：${input.reason}`,
        );
      },
    },
    withdraw: {
      label: '撤回',
      from: ['submitted'],
      to: 'withdrawn',
      permission: PERF['performance.entry.submit'],
      relation: own,
      input: withdrawInput,
    },
  },
  load: repo.loadEntry,
  visible: canSeeEntry,
  table: 'performanceEntries',
  // Only the staff's approvals are to-dos; a member's own withdrawal is not something waiting for them.
  candidates: async (db, actor: Actor, states) =>
    can(actor, PERF['performance.entry.manage']) && states.includes('submitted') ? repo.submittedEntries(db, 50) : [],
  describe: (e) => ({ title: `${e.memberName}：${kindLabel(e)}（${e.date}）`, link: `/performance/entries/${e.id}` }),
});
