import { z } from 'zod';
import { NOTICE_KINDS, NOTICE_STATES, type NoticeGroup } from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { fieldError, invalidState } from '../../platform/errors.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
import { defineWorkflow } from '../../platform/workflow/engine.js';
import { activeMembersChosen, userIdsOfMembers, userIdsWithRole } from '../org/org.service.js';
import { NOTICE } from './notices.permissions.js';
import * as repo from './notices.repo.js';

export interface Audience {
  groups: NoticeGroup[];
  committeeIds: string[];
}

export const parseAudience = (json: string): Audience => JSON.parse(json) as Audience;

/** Whether the actor manages the notices of this department: staff of it, or an office granted all. */
export function manages(actor: Actor, notice: { departmentId: string }): boolean {
  const scope = can(actor, NOTICE['notice.manage']);
  return scope === 'all' || (scope === 'department' && actor.departmentIds.includes(notice.departmentId));
}

/**
 * Whether the actor may see a notice, and their own recipient row (whether it was sent to them, when they read
 * it), read once: managers see their department's notices in every state; anyone else only a published one sent
 * to them.
 */
export async function noticeAccess(actor: Actor, notice: repo.NoticeRecord, db: Executor) {
  const mine = actor.system ? undefined : await repo.recipientRow(db, notice.id, actor.userId);
  const received = notice.status === 'published' && Boolean(can(actor, NOTICE['notice.receive'])) && mine !== undefined;
  return { visible: Boolean(actor.system) || manages(actor, notice) || received, mine };
}

export const canSeeNotice = async (actor: Actor, notice: repo.NoticeRecord, db: Executor) =>
  (await noticeAccess(actor, notice, db)).visible;

/** The active accounts an audience names, each once: members chosen by group or committee, leaders, staff. */
export async function accountsOf(db: Executor, audience: Audience): Promise<string[]> {
  const groups = new Set(audience.groups);
  const members =
    groups.has('members') || groups.has('standing') || audience.committeeIds.length
      ? await activeMembersChosen(db, {
          everyone: groups.has('members'),
          standingMembers: groups.has('standing'),
          committeeIds: audience.committeeIds,
        })
      : [];
  const accounts = [
    ...(await userIdsOfMembers(db, members)),
    ...(groups.has('leaders') ? await userIdsWithRole(db, 'leader') : []),
    ...(groups.has('staff') ? await userIdsWithRole(db, 'staff') : []),
  ];
  return [...new Set(accounts)];
}

const kindLabel = (n: { kind: string }) => NOTICE_KINDS[n.kind as keyof typeof NOTICE_KINDS] ?? n.kind;
/** Where a notice is read in the web app: what its notifications point at. */
export const noticeLink = (n: { id: string }) => `/notices/${n.id}`;

/**
 * A notice or briefing: drafted by a department's staff, published to its audience (each account gets a
 * row to read it by, and a notification), reminded to whoever has not read it, withdrawn with a reason.
 */
export const noticeWorkflow = defineWorkflow<repo.NoticeRecord>({
  name: 'notice',
  label: '通知通报',
  objectType: 'notice',
  states: NOTICE_STATES,
  actions: {
    publish: {
      label: '发布',
      from: ['draft'],
      to: 'published',
      permission: NOTICE['notice.manage'],
      relation: manages,
      input: z.strictObject({}),
      async effect(ctx) {
        const { app, trx, record, actor } = ctx;
        const accounts = await accountsOf(trx, parseAudience(record.audience));
        if (accounts.length === 0) throw fieldError('audience', '发送范围', '所选范围内没有可接收的账号，请调整发送范围');
        const at = nowIso();
        await repo.insertRecipients(trx, record.id, accounts, at);
        await repo.updateNotice(trx, record.id, {
          publishedAt: at,
          publishedBy: actor.userId,
          publisherName: actor.displayName,
          recipientCount: accounts.length,
        });
        await notifyUsers(app, trx, accounts, {
          kind: 'notice',
          title: `【${kindLabel(record)}】${record.title}`,
          body: `${record.source ?? record.departmentName}发布，请查阅。`,
          link: noticeLink(record),
        });
        ctx.note = `发送 ${accounts.length} 人`;
      },
    },
    remind: {
      label: '提醒未读',
      from: ['published'],
      to: 'published',
      permission: NOTICE['notice.manage'],
      relation: manages,
      input: z.strictObject({}),
      guard: (record) => (record.readCount >= record.recipientCount ? '接收人都已阅读，无需提醒' : null),
      async effect(ctx) {
        const { app, trx, record } = ctx;
        const unread = await repo.unreadRecipientIds(trx, record.id);
        if (unread.length === 0) throw invalidState('接收人都已阅读，无需提醒');
        await notifyUsers(app, trx, unread, {
          kind: 'notice',
          title: `请阅读【${kindLabel(record)}】${record.title}`,
          body: `${record.departmentName}提醒您阅读这份${kindLabel(record)}。`,
          link: noticeLink(record),
        });
        ctx.note = `提醒未读 ${unread.length} 人`;
      },
    },
    withdraw: {
      label: '撤回',
      from: ['published'],
      to: 'withdrawn',
      permission: NOTICE['notice.manage'],
      relation: manages,
      input: z.strictObject({ reason: z.string().trim().min(2, '请写明撤回理由（至少 2 个字）').max(500) }),
      async effect(ctx) {
        await repo.updateNotice(ctx.trx, ctx.record.id, { withdrawReason: ctx.input.reason });
        ctx.note = ctx.input.reason;
      },
    },
  },
  load: repo.loadNotice,
  visible: canSeeNotice,
  table: 'notices',
});
