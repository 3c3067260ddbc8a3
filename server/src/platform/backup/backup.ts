import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../../config.js';

/**
 * Online, consistent backups. SQLite: the SQLite backup API copies a consistent snapshot page by page
 * while the server keeps writing (WAL). PostgreSQL: pg_dump in its custom format, which reads one
 * snapshot. Restore puts either back; the platform must be stopped while it runs.
 */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp`;
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, config.databaseUrl]);
  } else {
    const source = path.join(config.dataDir, 'xieshang.db');
    if (!fs.existsSync(source)) throw new Error(`找不到数据库文件 ${source}`);
    const db = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(tmp);
    } finally {
      db.close();
    }
  }
  fs.renameSync(tmp, target);
}

export async function restoreDatabase(config: Config, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`找不到备份文件 ${source}`);
  if (config.databaseUrl) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      `--dbname=${config.databaseUrl}`,
      source,
    ]);
    return;
  }
  const check = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const verdict = check.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') throw new Error(`备份文件已损坏：${String(verdict)}`);
  } finally {
    check.close();
  }
  const target = path.join(config.dataDir, 'xieshang.db');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const tmp = `${target}.restore`;
  fs.copyFileSync(source, tmp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(tmp, target);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(new Error(`无法运行 ${command}：${error.message}（请安装 postgresql-client）`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} 失败（${code}）：${stderr.trim()}`))));
  });
}
