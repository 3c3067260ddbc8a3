import type { ModuleDef } from '../module.js';
import { registerAttachmentPolicy } from '../../platform/files/files.routes.js';
import { activitiesRoutes } from './activities.routes.js';
import { canSeeEvent } from './activities.workflow.js';
import { sendActivityReminders } from './activities.reminders.js';
import * as repo from './activities.repo.js';

registerAttachmentPolicy('activity_event', async (ctx, actor, objectId) => {
  const event = await repo.findEvent(ctx.db, objectId);
  return Boolean(event && (await canSeeEvent(actor, event, ctx.db)));
});
registerAttachmentPolicy('activity_speech', async (ctx, actor, objectId) => {
  const speech = await repo.findSpeech(ctx.db, objectId);
  const event = speech ? await repo.findEvent(ctx.db, speech.eventId) : undefined;
  return Boolean(event && (await canSeeEvent(actor, event, ctx.db)));
});

export const ACTIVITY_REMINDER_JOB = 'activities.reminders';

export const activitiesModule: ModuleDef = {
  name: 'activities',
  routes: activitiesRoutes,
  async jobs(ctx) {
    ctx.jobs.register(ACTIVITY_REMINDER_JOB, async () => {
      await sendActivityReminders(ctx);
    });
    // Thresholds are whole days; what was sent is remembered, so the hourly reruns send nothing new.
    await ctx.jobs.every(ACTIVITY_REMINDER_JOB, 60);
  },
};
