import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, type Config } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { createContext } from '../app.js';
import type { AppContext } from '../platform/context.js';
import { backupDatabase, restoreDatabase } from '../platform/backup/backup.js';
import { verifyAuditChain } from '../platform/audit/audit.service.js';
import { systemActor } from '../platform/permissions/actor.js';
import { createUser } from '../platform/users/users.service.js';
import { generatePassword } from '../platform/auth/passwords.js';
import type { Role } from '@xieshang/shared';
import type { CliCommand } from './command.js';
import { moduleCommands } from './commands.js';

/** Opens the platform's database and context for a command, and closes it afterwards. */
export async function withContext<T>(config: Config, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock: true });
  try {
    const ctx = await createContext(config, conn, pino({ level: 'warn' }));
    return await work(ctx);
  } finally {
    await conn.close();
  }
}

const platformCommands: CliCommand[] = [
  {
    name: ['migrate'],
    summary: '创建或升级数据库结构',
    async run(_args, config) {
      const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock: true });
      try {
        await migrateToLatest(conn);
      } finally {
        await conn.close();
      }
      console.log('数据库已是最新结构');
      return 0;
    },
  },
  {
    name: ['create-admin'],
    summary: '创建管理员账号（系统管理员、安全管理员或安全审计员）',
    usage: 'create-admin --username <名> --role sysadmin|secadmin|auditor [--password <密码>]',
    async run(args, config) {
      const { values } = parseArgs({
        args,
        options: { username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      });
      const role = values.role as Role;
      if (!values.username || !['sysadmin', 'secadmin', 'auditor'].includes(role)) {
        console.error('用法：xieshang create-admin --username <名> --role sysadmin|secadmin|auditor [--password <密码>]');
        return 2;
      }
      const password = values.password ?? generatePassword();
      await withContext(config, (ctx) =>
        createUser(ctx, systemActor('cli'), {
          username: values.username!,
          displayName: values.name ?? values.username!,
          password,
          roles: [role],
          mustChangePassword: true,
        }),
      );
      console.log(`已创建 ${values.username}（${role}），初始密码：${password}，首次登录须修改`);
      return 0;
    },
  },
  {
    name: ['backup'],
    summary: '在线备份数据库（平台运行时也可执行）',
    usage: 'backup <文件>',
    async run(args, config) {
      if (!args[0]) {
        console.error('用法：xieshang backup <文件>');
        return 2;
      }
      await backupDatabase(config, args[0]);
      console.log(`已备份到 ${args[0]}`);
      return 0;
    },
  },
  {
    name: ['restore'],
    summary: '从备份恢复数据库（须先停止平台）',
    usage: 'restore <文件>',
    async run(args, config) {
      if (!args[0]) {
        console.error('用法：xieshang restore <文件>');
        return 2;
      }
      if (!config.databaseUrl) {
        // Taking the data-directory lock proves no server is running on it.
        const conn = openDatabase({ dataDir: config.dataDir, lock: true });
        await conn.close();
      }
      await restoreDatabase(config, args[0]);
      console.log(`已从 ${args[0]} 恢复`);
      return 0;
    },
  },
  {
    name: ['audit', 'verify'],
    summary: '校验审计日志哈希链',
    async run(_args, config) {
      const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, readonly: !config.databaseUrl });
      try {
        const verdict = await verifyAuditChain(conn.db);
        console.log(JSON.stringify(verdict));
        return verdict.ok ? 0 : 1;
      } finally {
        await conn.close();
      }
    },
  },
];

export async function main(argv: string[]): Promise<number> {
  const commands = [...platformCommands, ...moduleCommands];
  const command = commands.filter((c) => c.name.every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!command) {
    console.log('用法：xieshang <命令>\n');
    for (const c of commands) console.log(`  ${(c.usage ?? c.name.join(' ')).padEnd(48)} ${c.summary}`);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  try {
    return await command.run(argv.slice(command.name.length), loadConfig());
  } catch (error) {
    console.error(`错误：${(error as Error).message}`);
    return 1;
  }
}
