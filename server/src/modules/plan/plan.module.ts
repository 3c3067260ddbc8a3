import type { ModuleDef } from '../module.js';
import { planRoutes } from './plan.routes.js';
import { sendPlanReminders } from './plan.service.js';

export const PLAN_REMINDER_JOB = 'plan.reminders';

export const planModule: ModuleDef = {
  name: 'plan',
  routes: planRoutes,
  async jobs(ctx) {
    ctx.jobs.register(PLAN_REMINDER_JOB, async () => {
      await sendPlanReminders(ctx);
    });
    // Hourly is plenty for day-granular deadlines; what was sent is remembered, so reruns send nothing new.
    await ctx.jobs.every(PLAN_REMINDER_JOB, 60);
  },
};
