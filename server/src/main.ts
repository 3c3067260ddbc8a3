import cluster from 'node:cluster';
import pino from 'pino';
import { buildPlatform, createContext } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { ensureFirstAdmin } from './platform/users/first-admin.js';

const config = loadConfig();

if (config.workers > 1 && cluster.isPrimary) {
  await runPrimary();
} else {
  await runServer();
}

/** One server: routes, and the job runner (jobs are claimed in the database, so each runs once per cluster). */
async function runServer() {
  const platform = await buildPlatform({ config, startJobs: true, lockDataDir: cluster.isPrimary });
  await platform.app.listen({ port: config.port, host: config.host });
  if (cluster.isPrimary) platform.ctx.log.info(`协商平台已启动：http://localhost:${config.port}（数据库：${platform.ctx.dialect}）`);
  // A cluster's workers may get the signal twice (from the service manager and from their primary).
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      void platform.close().then(() => process.exit(0));
    });
  }
}

/**
 * WORKERS > 1: this process holds the data directory, migrates and makes the first admin once, then runs
 * that many server processes on the one port (ADR 0010) and starts a new one when one dies.
 */
async function runPrimary() {
  const log = pino({ level: config.logLevel });
  const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock: true });
  await ensureFirstAdmin(await createContext(config, conn, log));
  let stopping = false;
  const recentExits: number[] = [];
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that cannot start (port taken, database gone) would be restarted for ever: give up instead.
    recentExits.push(Date.now());
    while (recentExits[0]! < Date.now() - 60_000) recentExits.shift();
    if (recentExits.length > 2 * config.workers) {
      log.error(`工作进程一分钟内退出 ${recentExits.length} 次，停止服务`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other!.process.kill('SIGTERM');
      void conn.close().then(() => process.exit(1));
      return;
    }
    log.error(`工作进程 ${worker.process.pid} 退出（${signal ?? code}），重新启动`);
    cluster.fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === config.workers) {
      log.info(`协商平台已启动：http://localhost:${config.port}（数据库：${conn.dialect}，${config.workers} 个工作进程）`);
    }
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      let left = workers.length;
      const done = () => void conn.close().then(() => process.exit(0));
      if (!left) return done();
      for (const worker of workers) {
        worker!.once('exit', () => --left === 0 && done());
        worker!.process.kill(signal);
      }
    });
  }
}
