import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DialectName } from '../db/dialect/index.js';
import type { Db, Trx } from '../db/schema.js';
import { recordAudit, type AuditEntry } from './audit/audit.service.js';
import type { Actor } from './permissions/actor.js';
import type { JobQueue } from './jobs/jobs.js';
import type { FileStore } from './files/file-store.js';
import type { Mailer } from './notifications/mailer.js';

/** What every use case gets: the database and the platform services. */
export interface AppContext {
  db: Db;
  dialect: DialectName;
  config: Config;
  log: Logger;
  jobs: JobQueue;
  files: FileStore;
  mailer: Mailer;
}

/**
 * Runs a state change and its audit row in one transaction: both commit, or neither does.
 * Every write of a use case goes through here.
 */
export async function writeWithAudit<T>(
  app: Pick<AppContext, 'db' | 'dialect'>,
  actor: Actor | null,
  work: (trx: Trx) => Promise<T>,
  audit: AuditEntry | ((result: T) => AuditEntry | AuditEntry[]),
): Promise<T> {
  return app.db.transaction().execute(async (trx) => {
    const result = await work(trx);
    const entries = typeof audit === 'function' ? audit(result) : audit;
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      await recordAudit(trx, app.dialect, actor, entry);
    }
    return result;
  });
}
