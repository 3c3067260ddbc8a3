import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../platform/platform.tables.js';
import type { OrgTables } from '../modules/org/org.tables.js';
import type { ProposalTables } from '../modules/proposals/proposals.tables.js';
import type { PlanTables } from '../modules/plan/plan.tables.js';
import type { ActivitiesTables } from '../modules/activities/activities.tables.js';
import type { PerformanceTables } from '../modules/performance/performance.tables.js';
import type { OpinionTables } from '../modules/opinions/opinions.tables.js';
import type { NoticeTables } from '../modules/notices/notices.tables.js';

/** The whole database: each module declares the tables it owns. */
export interface Database
  extends PlatformTables, OrgTables, PlanTables, ActivitiesTables, ProposalTables, PerformanceTables, OpinionTables, NoticeTables {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A function that works inside or outside a transaction takes this. */
export type Executor = Kysely<Database>;
