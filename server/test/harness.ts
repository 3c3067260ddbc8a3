import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { buildPlatform, type Platform } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { DEFAULT_SECURITY_POLICY, putSetting } from '../src/platform/settings/settings.service.js';

export const ADMIN_PASSWORD = 'Admin#2026pass';
export const testDialect = process.env.XS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestPlatform extends Platform {
  dataDir: string;
  databaseUrl?: string;
  /** A logged-in client for a user. */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

export interface Client {
  cookie?: string;
  get<T = any>(url: string): Promise<Answer<T>>;
  post<T = any>(url: string, body?: unknown): Promise<Answer<T>>;
  put<T = any>(url: string, body?: unknown): Promise<Answer<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Answer<T>>;
  delete<T = any>(url: string): Promise<Answer<T>>;
  upload<T = any>(url: string, filename: string, data: Buffer, fields?: Record<string, string>): Promise<Answer<T>>;
}

/** A fresh PostgreSQL database per test file, so that files run in parallel without seeing each other. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `xs_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-test-'));
  const pgdb = testDialect === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    XIESHANG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    ...env,
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
  });
  const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir, lock: true });
  const platform = await buildPlatform({ config, conn, logger: pino({ level: 'silent' }) });
  // Every test client logs in from one address; the per-address login rate limit has its own test.
  await putSetting(platform.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 });

  const request = async (
    cookie: string | undefined,
    method: string,
    url: string,
    body?: unknown,
    extra?: { payload: Buffer; contentType: string },
  ): Promise<Answer> => {
    const response = await platform.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(extra ? { 'content-type': extra.contentType } : body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: extra ? extra.payload : body === undefined ? undefined : JSON.stringify(body),
    });
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      body: type.includes('json') ? response.json() : response.body,
      headers: response.headers,
      raw: response.rawPayload,
    };
  };

  const client = (cookie?: string): Client => ({
    cookie,
    get: (url) => request(cookie, 'GET', url),
    post: (url, body) => request(cookie, 'POST', url, body ?? {}),
    put: (url, body) => request(cookie, 'PUT', url, body ?? {}),
    patch: (url, body) => request(cookie, 'PATCH', url, body ?? {}),
    delete: (url) => request(cookie, 'DELETE', url),
    upload: (url, filename, data, fields = {}) => {
      const boundary = `----xs${randomBytes(8).toString('hex')}`;
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields)) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      }
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
      );
      parts.push(data, Buffer.from(`\r\n--${boundary}--\r\n`));
      return request(cookie, 'POST', url, undefined, {
        payload: Buffer.concat(parts),
        contentType: `multipart/form-data; boundary=${boundary}`,
      });
    },
  });

  return {
    ...platform,
    dataDir,
    databaseUrl: pgdb?.url,
    anonymous: () => client(),
    async login(username, password = ADMIN_PASSWORD) {
      const answer = await request(undefined, 'POST', '/api/v1/auth/login', { username, password });
      if (answer.status !== 200) throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      const setCookie = String(answer.headers['set-cookie']);
      return client(setCookie.split(';')[0]);
    },
    async close() {
      await platform.close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
