import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createContext } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/index.js';
import { DEFAULT_SECURITY_POLICY, putSetting } from '../../src/platform/settings/settings.service.js';
import { seedSmallOrg, TEST_PASSWORD } from '../fixtures/org.js';
import type { TestPlatform } from '../harness.js';

/** Real server processes (node --import tsx server/src/main.ts) for the crash, backup, scale-out and benchmark runs. */
export const SERVER_DIR = path.resolve(import.meta.dirname, '../..');
export { TEST_PASSWORD };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Store {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh data directory, and on PostgreSQL a fresh database made from TEST_DATABASE_URL. */
export async function freshStore(dialect: 'sqlite' | 'postgres', label: string): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `xs-${label}-`));
  let databaseUrl: string | undefined;
  let name: string | undefined;
  const base = process.env.TEST_DATABASE_URL;
  if (dialect === 'postgres') {
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    name = `xs_${label}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    dialect,
    dataDir,
    databaseUrl,
    env: {
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      XIESHANG_ADMIN_PASSWORD: 'Admin#2026pass',
      WEB_DIST: '/nonexistent',
    },
    async drop() {
      if (name && base) {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Migrates the store and seeds the small test organisation (accounts with TEST_PASSWORD), in this process. */
export async function seedStore(store: Store) {
  const config = loadConfig({ ...store.env, LOG_LEVEL: 'silent' });
  const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, lock: false });
  try {
    const ctx = await createContext(config, conn, pino({ level: 'silent' }));
    const org = await seedSmallOrg({ ctx } as TestPlatform);
    // Clients of these runs all come from 127.0.0.1; the rate limit has its own scale-out test.
    await putSetting(ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 });
    return org;
  } finally {
    await conn.close();
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(store: Store, extraEnv: Record<string, string> = {}, fixedPort?: number): Promise<ServerProcess> {
  const port = fixedPort ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...store.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A cookie-keeping JSON client for a server process. */
export class HttpClient {
  cookie?: string;
  constructor(public base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const r = await fetch(`${this.base}${url}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const setCookie = r.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (downloads)
    }
    return { status: r.status, body: parsed };
  }

  async login(username: string, password = TEST_PASSWORD): Promise<this> {
    const r = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
}
