import type { AppContext } from '../context.js';
import type { Executor } from '../../db/schema.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import type { Actor } from '../permissions/actor.js';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

/** Puts a notification in each user's notification centre (inside the caller's transaction) and mails it when mail is set up. */
export async function notifyUsers(app: AppContext, trx: Executor, userIds: string[], input: NotificationInput): Promise<void> {
  const unique = [...new Set(userIds.filter(Boolean))];
  if (unique.length === 0) return;
  const createdAt = nowIso();
  for (let i = 0; i < unique.length; i += 200) {
    await trx
      .insertInto('notifications')
      .values(
        unique.slice(i, i + 200).map((userId) => ({
          id: newId(),
          userId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          link: input.link ?? null,
          readAt: null,
          createdAt,
        })),
      )
      .execute();
  }
  if (app.mailer.enabled) await app.jobs.enqueue('mail.notification', { userIds: unique, title: input.title, body: input.body });
}

export async function listNotifications(db: Executor, actor: Actor, options: { unreadOnly?: boolean; limit?: number }) {
  let query = db.selectFrom('notifications').selectAll().where('userId', '=', actor.userId);
  if (options.unreadOnly) query = query.where('readAt', 'is', null);
  const items = await query
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { items, unread: Number(unread.n) };
}

export async function markNotificationsRead(db: Executor, actor: Actor, ids: string[] | 'all'): Promise<number> {
  let query = db.updateTable('notifications').set({ readAt: nowIso() }).where('userId', '=', actor.userId).where('readAt', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length ? ids : ['']);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The mail job: looks up addresses at send time, so a user's current address is used. */
export function registerMailJob(app: AppContext): void {
  app.jobs.register('mail.notification', async (payload) => {
    const userIds = payload.userIds as string[];
    const rows = await app.db
      .selectFrom('users')
      .innerJoin('members', 'members.id', 'users.memberId')
      .select(['members.email'])
      .where('users.id', 'in', userIds)
      .where('members.email', 'is not', null)
      .execute();
    for (const row of rows) await app.mailer.send(row.email!, String(payload.title), String(payload.body));
  });
}

/** Marks read a user's notifications that point at one page: opening the page itself answers them. */
export async function markNotificationsReadAt(db: Executor, userId: string, link: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ readAt: nowIso() })
    .where('userId', '=', userId)
    .where('link', '=', link)
    .where('readAt', 'is', null)
    .execute();
}
