/**
 * Reminders to invited members who have not answered (参加 or 请假) a published event that is coming up,
 * a configurable number of days before it, and one summary per threshold to its organiser.
 */
import { z } from 'zod';
import type { Executor } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { authorize, type Actor } from '../../platform/permissions/actor.js';
import { getSetting, putSetting } from '../../platform/settings/settings.service.js';
import { addDays, beijingMidnight, nowIso, todayInShanghai } from '../../platform/time.js';
import { userIdsOfDepartments } from '../org/org.service.js';
import { ACT } from './activities.permissions.js';
import * as repo from './activities.repo.js';
import { eventWhen } from './activities.workflow.js';

export const reminderSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** Days before the event's date (in Beijing) at which to remind, e.g. 3 and 1. */
  daysBefore: z.array(z.number().int().min(1).max(30)).max(6),
});
export type ActivityReminderSettings = z.infer<typeof reminderSettingsSchema>;
export const DEFAULT_REMINDER_SETTINGS: ActivityReminderSettings = { enabled: true, daysBefore: [3, 1] };

export const REMINDER_SETTINGS_KEY = 'activities.reminders';
const getReminderSettings = (db: Executor) => getSetting(db, REMINDER_SETTINGS_KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS);

export async function getReminderSettingsFor(ctx: AppContext, actor: Actor) {
  authorize(actor, ACT['activity.plan.manage']);
  return getReminderSettings(ctx.db);
}

export async function updateReminderSettings(ctx: AppContext, actor: Actor, settings: ActivityReminderSettings) {
  authorize(actor, ACT['activity.plan.manage']);
  const value = { ...settings, daysBefore: [...new Set(settings.daysBefore)].sort((a, b) => b - a) };
  await writeWithAudit(ctx, actor, (trx) => putSetting(trx, REMINDER_SETTINGS_KEY, value), {
    action: 'activities.reminders.update',
    objectType: 'setting',
    objectId: REMINDER_SETTINGS_KEY,
    details: value,
  });
  return value;
}

const ORGANISER = 'organiser';

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The event's creator; if that account is gone, the staff of the organising department. */
async function organiserUserIds(db: Executor, event: { createdBy: string; organizerDepartmentId: string | null }): Promise<string[]> {
  const creator = await repo.findActiveUser(db, event.createdBy);
  if (creator) return [creator.id];
  return event.organizerDepartmentId ? userIdsOfDepartments(db, [event.organizerDepartmentId]) : [];
}

/**
 * For each published event starting within the largest threshold, reminds each invitee who has not answered,
 * once per invitation and threshold (the nearest threshold reached, counted in days from today in Beijing to
 * the event's date), and tells the organiser once per threshold how many have not answered. What was sent is
 * remembered, so the job may run any number of times. Returns the number of invitees reminded.
 */
export async function sendActivityReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const settings = await getReminderSettings(ctx.db);
  if (!settings.enabled || settings.daysBefore.length === 0) return 0;
  const today = todayInShanghai(now);
  const until = beijingMidnight(addDays(today, Math.max(...settings.daysBefore) + 1));
  const rows = await repo.unansweredInvitationsStarting(ctx.db, now.toISOString(), until);
  const byEvent = new Map<string, typeof rows>();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
  let reminded = 0;
  for (const invitations of byEvent.values()) {
    const event = invitations[0];
    const remaining = daysBetween(today, todayInShanghai(new Date(event.startsAt)));
    const daysBefore = Math.min(...settings.daysBefore.filter((d) => remaining <= d));
    const sent = await repo.remindersSent(ctx.db, event.eventId, daysBefore);
    const due = invitations.filter((i) => !sent.has(i.id));
    if (due.length === 0 && sent.has(ORGANISER)) continue;
    const when = remaining === 0 ? '今天' : `${remaining} 天后`;
    await ctx.db.transaction().execute(async (trx) => {
      const at = nowIso();
      // Claimed in the transaction: of two runs at once, only one sends each reminder.
      const claimed = new Set(await repo.claimReminders(trx, event.eventId, daysBefore, [...due.map((i) => i.id), ORGANISER], at));
      const members = due.filter((i) => claimed.has(i.id)).map((i) => i.memberId);
      await notifyUsers(ctx, trx, await repo.userIdsOfMembers(trx, members), {
        kind: 'activity',
        title: `请回复活动通知：${event.title}`,
        body: `「${event.title}」将于${when}举行（${eventWhen(event)}），您尚未回复。请在“我的活动”中回复参加或请假。`,
        link: `/activities/events/${event.eventId}`,
      });
      reminded += members.length;
      if (claimed.has(ORGANISER)) {
        const names = invitations.map((i) => i.memberName);
        await notifyUsers(ctx, trx, await organiserUserIds(trx, event), {
          kind: 'activity',
          title: `${invitations.length} 位委员尚未回复：${event.title}`,
          body: `「${event.title}」将于${when}举行（${eventWhen(event)}），尚未回复的委员已收到提醒：${names.slice(0, 20).join('、')}${names.length > 20 ? ` 等 ${names.length} 位` : ''}。`,
          link: `/activities/events/${event.eventId}`,
        });
      }
    });
  }
  return reminded;
}
