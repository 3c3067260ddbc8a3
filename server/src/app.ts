import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type DatabaseConnection } from './db/index.js';
import { installErrorHandler } from './http/errors.js';
import { installSecurity } from './http/security.js';
import { refuseNulCharacters, zodValidatorCompiler } from './http/validation.js';
import type { AppContext } from './platform/context.js';
import { authRoutes, installSessionHook } from './platform/auth/auth.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { fileRoutes } from './platform/files/files.routes.js';
import { LocalFileStore } from './platform/files/file-store.js';
import { LocalJobQueue, PgBossJobQueue, type JobQueue } from './platform/jobs/jobs.js';
import { registerSearchIndexCompaction } from './platform/jobs/search-indexes.js';
import { createMailer } from './platform/notifications/mailer.js';
import { notificationRoutes } from './platform/notifications/notifications.routes.js';
import { registerMailJob } from './platform/notifications/notifications.service.js';
import { seedPermissions } from './platform/permissions/permissions.service.js';
import { userRoutes } from './platform/users/users.routes.js';
import { MAX_UPLOAD_BYTES } from './platform/files/file-store.js';
import { modules, searchIndexes } from './modules/index.js';
import { ensureFirstAdmin } from './platform/users/first-admin.js';

/** A route as registered, with its options' schemas (the permission matrix and fuzz suites read these). */
export interface RouteEntry {
  method: string;
  url: string;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface Platform {
  app: FastifyInstance;
  /** Every route of the router, recorded by an onRoute hook as it is registered. */
  routes: RouteEntry[];
  ctx: AppContext;
  conn: DatabaseConnection;
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An already open database (tests); otherwise opened from the config. */
  conn?: DatabaseConnection;
  logger?: Logger;
  /** Start background jobs (off in tests, which tick the local queue themselves). */
  startJobs?: boolean;
  /** Hold the SQLite data directory against other servers; a cluster's workers run under their primary's hold. */
  lockDataDir?: boolean;
}

/** Opens the database, migrates, seeds permissions, and makes the context all use cases share. */
export async function createContext(config: Config, conn: DatabaseConnection, log: Logger): Promise<AppContext> {
  await migrateToLatest(conn);
  await seedPermissions(conn.db);
  const jobs: JobQueue =
    conn.dialect === 'postgres' && config.databaseUrl
      ? new PgBossJobQueue(config.databaseUrl, log, conn.db)
      : new LocalJobQueue(conn.db, log);
  return {
    db: conn.db,
    dialect: conn.dialect,
    config,
    log,
    jobs,
    files: new LocalFileStore(path.join(config.dataDir, 'files')),
    mailer: createMailer(config.smtpUrl, config.mailFrom, log),
  };
}

export async function buildPlatform(options: BuildOptions): Promise<Platform> {
  const { config } = options;
  const log = options.logger ?? pino({ level: config.logLevel });
  const conn =
    options.conn ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock: options.lockDataDir ?? true });
  const ctx = await createContext(config, conn, log);
  await ensureFirstAdmin(ctx);

  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
  });
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema as RouteEntry['schema'] });
    }
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  refuseNulCharacters(app);
  app.setSerializerCompiler(serializerCompiler);
  const shellFile = path.join(config.webDist, 'index.html');
  const appShell = fs.existsSync(shellFile) ? fs.readFileSync(shellFile) : undefined;
  installErrorHandler(app, appShell);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: { info: { title: '协商 政协履职服务管理平台 API', version: '1.0.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSecurity(app);
  installSessionHook(app, ctx);

  app.get('/api/health', { schema: { tags: ['platform'], summary: '健康检查' } }, async () => {
    await ctx.db.selectFrom('roles').select('code').limit(1).execute();
    return { status: 'ok', database: ctx.dialect, time: new Date().toISOString() };
  });
  await authRoutes(app, ctx);
  await userRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await notificationRoutes(app, ctx);
  await fileRoutes(app, ctx);
  registerMailJob(ctx);
  for (const mod of modules) {
    await mod.routes(app, ctx);
    await mod.jobs?.(ctx);
  }
  await registerSearchIndexCompaction(ctx, searchIndexes);

  if (appShell) await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });

  if (options.startJobs) await ctx.jobs.start();
  await app.ready();
  return {
    app,
    routes,
    ctx,
    conn,
    async close() {
      await app.close();
      if (options.startJobs) await ctx.jobs.stop();
      await conn.close();
    },
  };
}
