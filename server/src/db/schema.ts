import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../platform/platform.tables.js';
import type { OrgTables } from '../modules/org/org.tables.js';

/** The whole database: each module declares the tables it owns. */
export interface Database extends PlatformTables, OrgTables {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A function that works inside or outside a transaction takes this. */
export type Executor = Kysely<Database>;
