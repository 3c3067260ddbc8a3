import { createHash } from 'node:crypto';
import { lockChain, type DialectName } from '../../db/dialect/index.js';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { toXlsx } from '../export/excel.js';
import { newId } from '../ids.js';
import { formatShanghai, nowIso } from '../time.js';
import { authorize, type Actor } from '../permissions/actor.js';
import { PLATFORM } from '../permissions/catalog.js';
import * as repo from './audit.repo.js';
import type { AuditFilter } from './audit.repo.js';

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
  const last = await repo.lastAuditHash(trx);
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
  const prevHash = last ?? GENESIS_HASH;
  await repo.insertAuditRow(trx, { ...row, prevHash, hash: hashAuditRow(prevHash, row) });
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
    const batch = await repo.auditRowsAfter(db, after, 5000);
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

/** The auditor's check of the whole chain. */
export async function verifyAudit(db: Executor, actor: Actor): Promise<ChainVerdict> {
  authorize(actor, PLATFORM['audit.read']);
  return verifyAuditChain(db);
}

/** A page of the trail, newest first, with the number of entries the filter selects, up to 1,000 (ADR 0009). */
export async function listAudit(db: Executor, actor: Actor, f: AuditFilter & { page: number; pageSize: number }) {
  authorize(actor, PLATFORM['audit.read']);
  return repo.selectAuditPage(db, f, f);
}

/** The filtered trail as a workbook (up to 100,000 entries); the export is itself audited. */
export async function exportAudit(ctx: AppContext, actor: Actor, f: AuditFilter): Promise<Buffer> {
  authorize(actor, PLATFORM['audit.read']);
  const items = await repo.selectAuditEntries(ctx.db, f, 100000);
  const data = await toXlsx(
    '审计日志',
    [
      { header: '序号', value: (row) => row.seq, width: 8 },
      { header: '时间', value: (row) => formatShanghai(row.at), width: 20 },
      { header: '用户', value: (row) => row.username },
      { header: '角色', value: (row) => row.role },
      { header: 'IP', value: (row) => row.ip },
      { header: '操作', value: (row) => row.action, width: 24 },
      { header: '对象类型', value: (row) => row.objectType },
      { header: '对象', value: (row) => row.objectId, width: 38 },
      { header: '结果', value: (row) => row.result },
      { header: '请求', value: (row) => row.requestId },
      { header: '详情', value: (row) => row.details, width: 40 },
    ],
    items,
  );
  await ctx.db
    .transaction()
    .execute((trx) => recordAudit(trx, ctx.dialect, actor, { action: 'audit.export', details: { rows: items.length } }));
  return data;
}
