import { NOTICE_GROUPS, NOTICE_KINDS, NOTICE_STATES } from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
import { allowedActions, history } from '../../platform/workflow/engine.js';
import { markNotificationsReadAt } from '../../platform/notifications/notifications.service.js';
import { committeesByIds, departmentsByIds } from '../org/org.service.js';
import { NOTICE } from './notices.permissions.js';
import * as repo from './notices.repo.js';
import type { CreateInput, UpdateInput } from './notices.schema.js';
import { manages, noticeAccess, noticeLink, noticeWorkflow, parseAudience, type Audience } from './notices.workflow.js';

const kindLabel = (k: string) => NOTICE_KINDS[k as keyof typeof NOTICE_KINDS] ?? k;
const stateLabel = (s: string) => NOTICE_STATES[s as keyof typeof NOTICE_STATES] ?? s;

/** A notice the actor may see, with their own recipient row if it was sent to them. */
async function visibleNotice(app: AppContext, actor: Actor, id: string) {
  const notice = await repo.loadNotice(app.db, id);
  const access = notice && (await noticeAccess(actor, notice, app.db));
  if (!notice || !access?.visible) throw notFound('通知通报');
  return { notice, mine: access.mine };
}

/** A draft the actor may change: their department's, not yet published. */
async function managedDraft(app: AppContext, actor: Actor, id: string): Promise<repo.NoticeRecord> {
  authorize(actor, NOTICE['notice.manage']);
  const { notice } = await visibleNotice(app, actor, id);
  if (!manages(actor, notice)) throw forbidden('只有发布部门可以修改通知通报');
  if (notice.status !== 'draft') throw invalidState(`通知通报当前状态为「${stateLabel(notice.status)}」，只有草稿可以修改或删除`);
  return notice;
}

/** The publishing department: the one named, which the actor must manage, or the actor's only one. */
async function publishingDepartment(db: Executor, actor: Actor, departmentId: string | undefined): Promise<string> {
  if (!departmentId) {
    if (actor.departmentIds.length === 1) return actor.departmentIds[0]!;
    throw fieldError('departmentId', '部门', '请选择以哪个部门的名义发布');
  }
  if ((await departmentsByIds(db, [departmentId])).length === 0) throw fieldError('departmentId', '部门', '不存在');
  if (!manages(actor, { departmentId })) throw fieldError('departmentId', '部门', '您不能以该部门的名义发布');
  return departmentId;
}

async function checkAudience(db: Executor, audience: Audience): Promise<Audience> {
  const committeeIds = [...new Set(audience.committeeIds)];
  if (audience.groups.length === 0 && committeeIds.length === 0)
    throw fieldError('audience', '发送范围', '请至少选择一类接收人或一个专委会');
  const known = new Set((await committeesByIds(db, committeeIds)).map((c) => c.id));
  const missing = committeeIds.filter((c) => !known.has(c));
  if (missing.length) throw fieldError('audience.committeeIds', '专委会', `不存在：${missing.join('、')}`);
  return { groups: [...new Set(audience.groups)], committeeIds };
}

export async function createNotice(app: AppContext, actor: Actor, input: CreateInput): Promise<{ id: string }> {
  authorize(actor, NOTICE['notice.manage']);
  const departmentId = await publishingDepartment(app.db, actor, input.departmentId);
  const audience = await checkAudience(app.db, input.audience);
  const at = nowIso();
  const id = newId();
  await writeWithAudit(
    app,
    actor,
    (trx) =>
      repo.insertNotice(trx, {
        id,
        kind: input.kind,
        title: input.title,
        source: input.source || null,
        body: input.body,
        departmentId,
        audience: JSON.stringify(audience),
        status: 'draft',
        recipientCount: 0,
        readCount: 0,
        publishedAt: null,
        publishedBy: null,
        publisherName: null,
        withdrawReason: null,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      }),
    { action: 'notice.create', objectType: 'notice', objectId: id, details: { kind: input.kind, title: input.title } },
  );
  return { id };
}

export async function updateNotice(app: AppContext, actor: Actor, id: string, input: UpdateInput): Promise<void> {
  const notice = await managedDraft(app, actor, id);
  const departmentId = input.departmentId ? await publishingDepartment(app.db, actor, input.departmentId) : undefined;
  const audience = input.audience ? await checkAudience(app.db, input.audience) : undefined;
  const changes = {
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.title ? { title: input.title } : {}),
    ...(input.source !== undefined ? { source: input.source || null } : {}),
    ...(input.body ? { body: input.body } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(audience ? { audience: JSON.stringify(audience) } : {}),
  };
  await writeWithAudit(app, actor, (trx) => repo.updateNotice(trx, notice.id, { ...changes, updatedAt: nowIso() }), {
    action: 'notice.update',
    objectType: 'notice',
    objectId: notice.id,
    details: { fields: Object.keys(changes) },
  });
}

export async function deleteNotice(app: AppContext, actor: Actor, id: string): Promise<void> {
  const notice = await managedDraft(app, actor, id);
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      if (!(await repo.deleteDraft(trx, notice.id))) throw invalidState('通知通报刚被发布，不能删除');
    },
    { action: 'notice.delete', objectType: 'notice', objectId: notice.id, details: { title: notice.title } },
  );
}

/** One notice: its text, audience, and for its department the actions, history and read count. */
export async function getNotice(app: AppContext, actor: Actor, id: string) {
  const { notice, mine } = await visibleNotice(app, actor, id);
  const audience = parseAudience(notice.audience);
  const canManage = manages(actor, notice);
  const [committees, timeline] = await Promise.all([
    committeesByIds(app.db, audience.committeeIds),
    canManage ? history(app.db, noticeWorkflow, notice.id) : Promise.resolve([]),
  ]);
  return {
    id: notice.id,
    kind: notice.kind,
    kindLabel: kindLabel(notice.kind),
    title: notice.title,
    source: notice.source,
    body: notice.body,
    departmentId: notice.departmentId,
    departmentName: notice.departmentName,
    status: notice.status,
    statusLabel: stateLabel(notice.status),
    audience: {
      groups: audience.groups,
      committeeIds: audience.committeeIds,
      labels: [...audience.groups.map((g) => NOTICE_GROUPS[g]), ...committees.map((c) => c.name)],
    },
    publishedAt: notice.publishedAt,
    publisherName: notice.publisherName,
    withdrawReason: notice.withdrawReason,
    createdAt: notice.createdAt,
    updatedAt: notice.updatedAt,
    /** Whether it was sent to the actor, and when they read it. */
    received: mine !== undefined,
    readAt: mine?.readAt ?? null,
    ...(canManage ? { recipientCount: notice.recipientCount, readCount: notice.readCount } : {}),
    history: timeline,
    allowedActions: allowedActions(noticeWorkflow, actor, notice),
    canManage,
    canEdit: canManage && notice.status === 'draft',
  };
}

/** The actor opens a notice sent to them: the first time is recorded (who read it, and when). */
export async function readNotice(app: AppContext, actor: Actor, id: string): Promise<{ readAt: string | null }> {
  const { notice, mine } = await visibleNotice(app, actor, id);
  if (!mine) throw invalidState('这份通知通报没有发给您');
  if (mine.readAt) return { readAt: mine.readAt };
  const at = nowIso();
  const first = await writeWithAudit(
    app,
    actor,
    async (trx) => {
      const marked = await repo.markRead(trx, notice.id, actor.userId, at);
      if (marked) await markNotificationsReadAt(trx, actor.userId, noticeLink(notice));
      return marked;
    },
    (marked) => (marked ? { action: 'notice.read', objectType: 'notice', objectId: notice.id } : []),
  );
  if (first) return { readAt: at };
  // Opened at once in another tab: that first reading is the one recorded.
  return { readAt: (await repo.recipientRow(app.db, notice.id, actor.userId))?.readAt ?? null };
}

const presentListRow = <R extends { kind: string; status: string }>(row: R) => ({
  ...row,
  kindLabel: kindLabel(row.kind),
  statusLabel: stateLabel(row.status),
});

/** The published notices sent to the actor, newest first; the unread ones alone if asked. */
export async function listReceived(
  app: AppContext,
  actor: Actor,
  f: { unread?: 'true' | 'false'; kind?: string; page: number; pageSize: number },
) {
  authorize(actor, NOTICE['notice.receive']);
  const { items, ...total } = await repo.listReceived(app.db, actor.userId, { unread: f.unread === 'true', kind: f.kind }, f);
  return { items: items.map(presentListRow), ...total };
}

/** The notices of the departments the actor manages (all, for an office granted all), latest written first. */
export async function listManaged(
  app: AppContext,
  actor: Actor,
  f: { status?: string; kind?: string; q?: string; page: number; pageSize: number },
) {
  const scope = can(actor, NOTICE['notice.manage']);
  if (scope !== 'all' && scope !== 'department') throw forbidden();
  const { items, ...total } = await repo.listManaged(
    app.db,
    { departmentIds: scope === 'all' ? 'all' : actor.departmentIds, status: f.status, kind: f.kind, q: f.q },
    f,
  );
  return { items: items.map(presentListRow), ...total };
}

/** Who a notice went to and who has read it: for its department only. */
export async function listRecipients(
  app: AppContext,
  actor: Actor,
  id: string,
  f: { read?: 'read' | 'unread'; page: number; pageSize: number },
) {
  const { notice } = await visibleNotice(app, actor, id);
  if (!manages(actor, notice)) throw forbidden('只有发布部门可以查看阅读情况');
  const page = await repo.listRecipients(app.db, notice.id, { read: f.read }, f);
  return { ...page, recipientCount: notice.recipientCount, readCount: notice.readCount };
}
