import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseConnection } from '../../src/db/index.js';
import type { Database } from '../../src/db/schema.js';
import { integrityCheck, listTables } from '../../src/db/dialect/index.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.js';
import type { Ledger } from './crash.js';
import type { Store } from './server-process.js';

export function openStore(store: Pick<Store, 'dataDir' | 'databaseUrl'>): DatabaseConnection {
  return openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, lock: false });
}

/** The checks after a crash, with the server down. Returns what is wrong (empty: nothing). */
export async function verifyStore(store: Store, ledger: Ledger): Promise<string[]> {
  const conn = openStore(store);
  try {
    return await verifyDatabase(conn.db, conn.dialect, ledger);
  } finally {
    await conn.close();
  }
}

export async function verifyDatabase(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const integrity = await integrityCheck(dialect, db);
  if (integrity !== 'ok') problems.push(`完整性检查：${integrity}`);
  const chain = await verifyAuditChain(db);
  if (!chain.ok) problems.push(`审计链断裂于 ${chain.brokenAt}：${chain.reason}`);

  const users = new Map((await db.selectFrom('users').select(['id', 'username', 'displayName']).execute()).map((u) => [u.id, u]));
  for (const [username, id] of ledger.users) if (users.get(id)?.username !== username) problems.push(`已确认创建的账号 ${username} 不见了`);
  for (const [id, names] of ledger.names) {
    const now = users.get(id)?.displayName;
    if (now !== names.acked && now !== names.inDoubt) problems.push(`账号 ${id} 的姓名是「${now}」，已确认的是「${names.acked}」`);
  }
  const audit = await db.selectFrom('auditLog').select(['action', 'objectId', 'result']).where('result', '=', 'success').execute();
  const audited = (action: string) => new Set(audit.filter((a) => a.action === action).map((a) => a.objectId));
  const resets = audited('user.password_reset');
  for (const id of ledger.passwordResets) if (!resets.has(id)) problems.push(`已确认的重置密码（${id}）没有审计记录`);
  // Every audited account creation has its account, and every account made here its audit row.
  for (const id of audited('user.create')) if (id && !users.has(id)) problems.push(`审计记录了创建账号 ${id}，账号却不存在`);
  const created = audited('user.create');
  for (const id of ledger.users.values()) if (!created.has(id)) problems.push(`账号 ${id} 没有创建的审计记录`);
  if (audit.filter((a) => a.action === 'notification.read').length < ledger.notificationReads)
    problems.push('已确认的“标记已读”少于审计记录');

  // Workflows: each record's state is its last transition's; transitions and their audit rows match one to one.
  const transitions = await db
    .selectFrom('workflowTransitions')
    .select(['id', 'workflow', 'recordId', 'action', 'toState'])
    .orderBy('id')
    .execute();
  const last = new Map<string, string>();
  const count = new Map<string, number>();
  for (const tr of transitions) {
    last.set(tr.recordId, tr.toState);
    const key = `${tr.workflow}.${tr.action} ${tr.recordId}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const workflows = new Set(transitions.map((tr) => tr.workflow));
  for (const a of audit) {
    const [wf] = a.action.split('.');
    if (!wf || !workflows.has(wf) || !a.objectId) continue;
    const key = `${a.action} ${a.objectId}`;
    if (a.action.endsWith('.create') || a.action.endsWith('.update')) continue;
    if (!count.has(key)) problems.push(`审计记录 ${key} 没有对应的流转`);
    else count.set(key, count.get(key)! - 1);
  }
  for (const [key, n] of count) if (n > 0) problems.push(`流转 ${key} 没有审计记录`);
  const proposals = new Map((await db.selectFrom('proposals').select(['id', 'status']).execute()).map((p) => [p.id, p.status as string]));
  for (const [id, status] of proposals) {
    const expected = last.get(id) ?? 'draft';
    if (status !== expected) problems.push(`提案 ${id} 状态为 ${status}，最后一次流转却到 ${expected}（半途而废的流转）`);
  }
  for (const [id, actions] of ledger.proposals) {
    if (!proposals.has(id)) problems.push(`已确认的提案 ${id} 不见了`);
    for (const action of ['submit', 'register'])
      if (actions.has(action) && !count.has(`proposal.${action} ${id}`)) problems.push(`提案 ${id} 已确认的「${action}」不见了`);
  }
  return problems;
}

/** Row count and a checksum of every table's rows (order-independent), for comparing copies. */
export async function tableChecksums(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  only?: (table: string) => boolean,
): Promise<Map<string, { rows: number; sha256: string }>> {
  const out = new Map<string, { rows: number; sha256: string }>();
  for (const table of await listTables(dialect, db)) {
    if (only && !only(table)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k] instanceof Buffer ? (r[k] as Buffer).toString('base64') : r[k]]),
        ),
      )
      .sort();
    out.set(table, { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return out;
}
