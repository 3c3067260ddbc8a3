import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from './dialect/index.js';
import * as platform0001 from '../platform/migrations/0001_platform.js';
import * as platform0002 from '../platform/migrations/0002_access_epoch.js';
import * as platform0003 from '../platform/migrations/0003_audit_list_order.js';
import { orgMigrations } from '../modules/org/org.migrations.js';
import { proposalMigrations } from '../modules/proposals/proposals.migrations.js';
import { planMigrations } from '../modules/plan/plan.migrations.js';
import { activitiesMigrations } from '../modules/activities/activities.migrations.js';
import { performanceMigrations } from '../modules/performance/performance.migrations.js';
import { opinionMigrations } from '../modules/opinions/opinions.migrations.js';
import { noticeMigrations } from '../modules/notices/notices.migrations.js';

type Step = { up: (db: Kysely<unknown>, dialect: DialectName) => Promise<void> };

/**
 * The one migration chain for both databases. Each module owns its migrations; names sort in the order
 * they must run (date prefix), which is the order Kysely applies them.
 */
export function migrationChain(): Record<string, Step> {
  return {
    '2026112501_platform': platform0001,
    ...orgMigrations,
    ...proposalMigrations,
    ...planMigrations,
    ...activitiesMigrations,
    ...performanceMigrations,
    ...opinionMigrations,
    ...noticeMigrations,
    '2026112601_platform_access_epoch': platform0002,
    '2026112793_platform_audit_list_order': platform0003,
  };
}

export class ChainProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(migrationChain())) {
      out[name] = { up: (db) => step.up(db, this.dialect) };
    }
    return out;
  }
}
