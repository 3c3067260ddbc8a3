import { createHash } from 'node:crypto';
import { lockChain, type DialectName } from '../../db/dialect/index.js';
import type { Executor } from '../../db/schema.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import type { Actor } from '../permissions/actor.js';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  details?: unknown;
}

const AUDIT_CHAIN_LOCK = 4_201_001;
export const GENESIS_HASH = '0'.repeat(64);

type AuditRow = {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  requestId: string | null;
  details: string | null;
};

export function hashAuditRow(prevHash: string, row: AuditRow): string {
  const canonical = JSON.stringify([
    prevHash,
    row.id,
    row.at,
    row.userId,
    row.username,
    row.role,
    row.ip,
    row.action,
    row.objectType,
    row.objectId,
    row.result,
    row.requestId,
    row.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one row to the hash-chained audit trail. Call it with the transaction that makes the change,
 * so that the change and its trail commit or fail together.
 */
export async function recordAudit(trx: Executor, dialect: DialectName, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await lockChain(dialect, trx, AUDIT_CHAIN_LOCK);
  const last = await trx.selectFrom('auditLog').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: AuditRow = {
    id: newId(),
    at: nowIso(),
    userId: actor?.userId || null,
    username: actor?.username ?? null,
    role: actor?.roles.join(',') || null,
    ip: actor?.ip ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    result: entry.result ?? 'success',
    requestId: actor?.requestId ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('auditLog')
    .values({ ...row, prevHash, hash: hashAuditRow(prevHash, row) })
    .execute();
}

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  brokenAt?: number;
  reason?: string;
}

/** Walks the whole chain in order and recomputes every hash. */
export async function verifyAuditChain(db: Executor): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: row.seq, reason: '前序哈希不匹配' };
      const expected = hashAuditRow(prevHash, row);
      if (expected !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: '记录内容与哈希不符' };
      prevHash = row.hash;
      rows++;
      after = row.seq;
    }
  }
  return { ok: true, rows };
}
