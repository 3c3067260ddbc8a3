import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { newLedger, signIn, writeLoops } from './crash.js';
import { freshStore, SERVER_DIR, seedStore, startServer, type Store } from './server-process.js';
import { openStore, tableChecksums, verifyDatabase } from './verify.js';

function xieshang(env: Record<string, string>, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(SERVER_DIR, 'bin/xieshang.mjs'), ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`xieshang ${args.join(' ')}: ${code} ${stderr}`))));
  });
}

/**
 * An online backup (`xieshang backup`) taken while clients write, restored (`xieshang restore`) into a
 * fresh location, and compared table by table with the source as it was at the backup's moment.
 * SQLite: the backup file is that moment (the backup API copies one consistent snapshot), so every
 * table's row count and checksum in the restored database must equal the backup file's. PostgreSQL:
 * pg_dump reads one snapshot but cannot hand it out, so the moment is found through the audit trail —
 * every write is audited in its own transaction, so the restored audit log must be exactly the source's
 * first N rows (count and checksum), and every other table must hold between its row count before and
 * after the backup. On both: every write acknowledged before the backup began is in the restored copy,
 * its integrity check and audit chain pass, and no workflow is half-applied.
 */
export async function checkBackup(store: Store): Promise<{ tables: number; mismatches: string[]; writesDuring: number; method: string }> {
  const org = await seedStore(store);
  const server = await startServer(store);
  const ledger = newLedger();
  const stop = { now: false };
  const writing = writeLoops(await signIn(server.url, org.usernames), ledger, { n: 0 }, stop);
  await new Promise((r) => setTimeout(r, 1500));
  const beforeLedger = {
    ...ledger,
    users: new Map(ledger.users),
    names: new Map([...ledger.names].map(([k, v]) => [k, { ...v }])),
    passwordResets: new Set(ledger.passwordResets),
    proposals: new Map([...ledger.proposals].map(([k, v]) => [k, new Set(v)])),
  };
  const source = openStore(store);
  const countsBefore = await tableChecksums(source.db, source.dialect);
  const file = path.join(store.dataDir, 'backup', store.dialect === 'sqlite' ? 'xieshang.db' : 'xieshang.dump');
  const ackedBefore = ledger.acknowledged;
  await xieshang(store.env, ['backup', file]);
  const writesDuring = ledger.acknowledged - ackedBefore;
  await new Promise((r) => setTimeout(r, 300));
  stop.now = true;
  await writing;
  await server.kill('SIGTERM');
  const countsAfter = await tableChecksums(source.db, source.dialect);

  const target = await freshStore(store.dialect, 'restore');
  const mismatches: string[] = [];
  try {
    await xieshang(target.env, ['restore', file]);
    const restored = openStore(target);
    try {
      mismatches.push(...(await verifyDatabase(restored.db, restored.dialect, beforeLedger)).map((p) => `恢复后：${p}`));
      const copy = await tableChecksums(restored.db, restored.dialect);
      if (store.dialect === 'sqlite') {
        const snapshot = openStore({ dataDir: path.dirname(file) });
        try {
          for (const [table, sum] of await tableChecksums(snapshot.db, snapshot.dialect)) {
            const c = copy.get(table);
            if (!c || c.rows !== sum.rows || c.sha256 !== sum.sha256)
              mismatches.push(
                `${table}: 备份 ${sum.rows} 行，恢复 ${c?.rows ?? 0} 行，校验和${c?.sha256 === sum.sha256 ? '一致' : '不一致'}`,
              );
          }
        } finally {
          await snapshot.close();
        }
        return { tables: copy.size, mismatches, writesDuring, method: '逐表比对备份文件与恢复库的行数和 SHA-256' };
      }
      const n = copy.get('audit_log')!.rows;
      const prefix = async (db: typeof source.db) =>
        (await sql<Record<string, unknown>>`select seq, hash from audit_log where seq <= ${n} order by seq`.execute(db)).rows
          .map((r) => `${r.seq}:${r.hash}`)
          .join('\n');
      if ((await prefix(source.db)) !== (await prefix(restored.db))) mismatches.push('audit_log: 恢复库的审计记录不是源库同一时刻的前缀');
      for (const [table, c] of copy) {
        if (table === 'audit_log' || table.startsWith('pgboss')) continue;
        const lo = countsBefore.get(table)?.rows ?? 0;
        const hi = countsAfter.get(table)?.rows ?? 0;
        if (c.rows < Math.min(lo, hi) || c.rows > Math.max(lo, hi))
          mismatches.push(`${table}: 恢复 ${c.rows} 行，不在备份前后的 ${lo}–${hi} 之间`);
      }
      return { tables: copy.size, mismatches, writesDuring, method: '审计日志逐行哈希前缀一致，其余各表行数在备份前后之间' };
    } finally {
      await restored.close();
    }
  } finally {
    await source.close();
    await target.drop();
  }
}
