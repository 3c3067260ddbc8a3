import type { ModuleDef } from './module.js';
import { orgModule } from './org/org.module.js';
import { planModule } from './plan/plan.module.js';
import { proposalsModule } from './proposals/proposals.module.js';
import { activitiesModule } from './activities/activities.module.js';
import { performanceModule } from './performance/performance.module.js';
import { opinionsModule } from './opinions/opinions.module.js';
import { noticesModule } from './notices/notices.module.js';

/** Every feature module of the platform, in the order their routes are registered. */
export const modules: ModuleDef[] = [
  orgModule,
  planModule,
  proposalsModule,
  activitiesModule,
  performanceModule,
  opinionsModule,
  noticesModule,
];

/** The substring indexes of all modules, which the platform keeps compact (ADR 0106). */
export const searchIndexes = modules.flatMap((mod) => mod.searchIndexes ?? []);
