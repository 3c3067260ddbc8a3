import { sql } from 'kysely';
import { dialectOf, likePrefix, matchesPattern } from '../../db/dialect/index.js';
import { pageOfRows } from '../../db/paging.js';
import { shapeKey } from '../../db/query-shapes.js';
import type { Database, Executor } from '../../db/schema.js';

/** Queries of the audit trail. Rows are only ever appended (triggers refuse updates and deletes). */

export type AuditLogRow = Omit<Database['auditLog'], 'seq'>;

/** The newest entry's hash, which the next entry's chains to. */
export const lastAuditHash = async (db: Executor) =>
  (await db.selectFrom('auditLog').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.hash;

export const insertAuditRow = (db: Executor, row: AuditLogRow) => db.insertInto('auditLog').values(row).execute();

/** Entries in chain order after `seq`, `limit` at a time. */
export const auditRowsAfter = (db: Executor, seq: number, limit: number) =>
  db.selectFrom('auditLog').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();

/** What the auditor filters the trail by; `action` is a prefix (`user.` for every user action). */
export interface AuditFilter {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
}

const AUDIT_LIST = shapeKey('audit.list');

/** The filter as a query shape (ADR 0109). */
function auditQuery(db: Executor, f: AuditFilter) {
  const values = {
    from: f.from,
    to: f.to && f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to,
    username: f.username,
    actionPattern: f.action ? likePrefix(f.action) : undefined,
    objectType: f.objectType,
    objectId: f.objectId,
    result: f.result,
  };
  return {
    key: AUDIT_LIST,
    values,
    build: (v: typeof values) => {
      let q = db.selectFrom('auditLog');
      if (v.from) q = q.where('at', '>=', v.from);
      if (v.to) q = q.where('at', '<=', v.to);
      if (v.username) q = q.where('username', '=', v.username);
      if (v.actionPattern) {
        const pattern = v.actionPattern;
        q = q.where(() => matchesPattern(dialectOf(db), sql.ref('action'), pattern));
      }
      if (v.objectType) q = q.where('objectType', '=', v.objectType);
      if (v.objectId) q = q.where('objectId', '=', v.objectId);
      if (v.result) q = q.where('result', '=', v.result);
      return q;
    },
  };
}

/** A page of the trail, newest first, with its bounded total (ADR 0009). */
export function selectAuditPage(db: Executor, f: AuditFilter, page: { page: number; pageSize: number }) {
  return pageOfRows(db, { ...auditQuery(db, f), rows: (q) => q.selectAll().orderBy('seq', 'desc') }, page);
}

/** The newest `limit` entries the filter selects, for the export. */
export function selectAuditEntries(db: Executor, f: AuditFilter, limit: number) {
  const q = auditQuery(db, f);
  return q.build(q.values).selectAll().orderBy('seq', 'desc').limit(limit).execute();
}
