import type { ModuleDef } from '../module.js';
import { registerAttachmentPolicy } from '../../platform/files/files.routes.js';
import { activitiesRoutes } from './activities.routes.js';
import { canSeeEvent } from './activities.workflow.js';
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

export const activitiesModule: ModuleDef = { name: 'activities', routes: activitiesRoutes };
