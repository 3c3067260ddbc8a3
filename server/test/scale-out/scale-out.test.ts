import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pino from 'pino';
import { testDialect } from '../harness.js';
import { PgBossJobQueue } from '../../src/platform/jobs/jobs.js';
import { freshStore, HttpClient, seedStore, startServer, type ServerProcess, type Store } from '../durability/server-process.js';
import { SMALL_PDF } from '../security/route-fixtures.js';
import { openStore } from '../durability/verify.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.js';

/**
 * With a limit of six logins a minute (set through `base`), twelve failed logins from one address, however
 * `attempt` spreads them, get at most six 401s and end refused with 429.
 */
async function expectOneLoginLimit(base: string, secadmin: string, attempt: (i: number) => Promise<number>) {
  const sec = await new HttpClient(base).login(secadmin);
  const policy = (await sec.request('GET', '/api/v1/security-policy')).body;
  expect((await sec.request('PUT', '/api/v1/security-policy', { ...policy, loginRatePerMinute: 6 })).status).toBe(200);
  // The window is a clock minute (shared by the processes, so the clock cannot be faked): start early in one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push(await attempt(i));
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
  expect(statuses.slice(-2)).toEqual([429, 429]);
}

/** Uploads the small PDF fixture as the session of `cookie`; answers the file's id. */
async function uploadSmallPdf(base: string, cookie: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([SMALL_PDF], { type: 'application/pdf' }), '调研报告.pdf');
  const uploaded = await fetch(`${base}/api/v1/files`, { method: 'POST', headers: { cookie }, body: form });
  expect(uploaded.status).toBe(201);
  return ((await uploaded.json()) as { id: string }).id;
}

/**
 * Two real server processes on one PostgreSQL database with one shared data directory, as behind a load
 * balancer. On SQLite one server holds the data directory; it scales out to worker processes (below).
 */
describe.skipIf(testDialect !== 'postgres')('several instances on one PostgreSQL', () => {
  let store: Store;
  let a: ServerProcess;
  let b: ServerProcess;
  let usernames: Record<string, string>;

  beforeAll(async () => {
    store = await freshStore('postgres', 'scale');
    usernames = (await seedStore(store)).usernames;
    a = await startServer(store);
    b = await startServer(store);
  }, 400_000);
  afterAll(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await store?.drop();
  });

  test('a session made on one instance works on the other, and logging out on it ends it on both', async () => {
    const onA = await new HttpClient(a.url).login(usernames.memberWang!);
    const onB = new HttpClient(b.url);
    onB.cookie = onA.cookie;
    const me = await onB.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(usernames.memberWang);
    const session = onA.cookie;
    expect((await onB.request('POST', '/api/v1/auth/logout', {})).status).toBe(200);
    const again = new HttpClient(a.url);
    again.cookie = session;
    expect((await again.request('GET', '/api/v1/me')).status).toBe(401);
  });

  test('a permission withdrawn on one instance is withdrawn on the other with the next request', async () => {
    const member = await new HttpClient(b.url).login(usernames.memberWang!);
    const held = (await member.request('GET', '/api/v1/me')).body.permissions as Record<string, string>;
    const permission = Object.keys(held)[0]!;
    const sec = await new HttpClient(a.url).login(usernames.secadmin!);
    const path = `/api/v1/roles/member/permissions/${permission}`;
    expect((await sec.request('PUT', path, { scope: null })).status).toBe(200);
    try {
      expect((await member.request('GET', '/api/v1/me')).body.permissions[permission]).toBeUndefined();
    } finally {
      expect((await sec.request('PUT', path, { scope: held[permission] })).status).toBe(200);
    }
    expect((await member.request('GET', '/api/v1/me')).body.permissions[permission]).toBe(held[permission]);
  });

  test('an upload made through one instance is served by the other', async () => {
    const onA = await new HttpClient(a.url).login(usernames.memberZhang!);
    const id = await uploadSmallPdf(a.url, onA.cookie!);
    const served = await fetch(`${b.url}/api/v1/files/${id}`, { headers: { cookie: onA.cookie! } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(SMALL_PDF)).toBe(true);
  });

  test('the login rate limit counts attempts on both instances together', async () => {
    await expectOneLoginLimit(a.url, usernames.secadmin!, async (i) => {
      const r = await new HttpClient(i % 2 ? b.url : a.url).request('POST', '/api/v1/auth/login', {
        username: 'nobody_here',
        password: 'wrong-password',
      });
      return r.status;
    });
  });

  test('jobs: a job sent by both instances under one singleton key runs once; each of many jobs runs on exactly one instance', async () => {
    const log = pino({ level: 'silent' });
    const conns = [openStore(store), openStore(store)];
    const queues = conns.map((c) => new PgBossJobQueue(store.databaseUrl!, log, c.db));
    const runs: { queue: number; key: string }[] = [];
    queues.forEach((q, i) =>
      q.register('scale.test', async (payload) => {
        runs.push({ queue: i, key: String(payload.key) });
      }),
    );
    await Promise.all(queues.map((q) => q.start()));
    try {
      await queues[0]!.enqueue('scale.test', { key: 'daily-reminder' }, { singletonKey: 'daily-reminder-2026-11-25' });
      await queues[1]!.enqueue('scale.test', { key: 'daily-reminder' }, { singletonKey: 'daily-reminder-2026-11-25' });
      for (let i = 0; i < 20; i++) await queues[i % 2]!.enqueue('scale.test', { key: `job-${i}` });
      const deadline = Date.now() + 60_000;
      while (runs.length < 21 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await Promise.all(conns.map((c) => c.close()));
    }
    const counts = new Map<string, number>();
    for (const r of runs) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    expect(counts.get('daily-reminder')).toBe(1);
    for (let i = 0; i < 20; i++) expect(counts.get(`job-${i}`), `job-${i}`).toBe(1);
    expect(runs).toHaveLength(21);
  }, 120_000);
});

/** A request on a connection of its own, so that the cluster hands it to its next worker. */
async function fresh(base: string, method: string, url: string, cookie?: string, body?: unknown) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${base}${url}`,
      {
        method,
        agent: false,
        headers: { ...(cookie ? { cookie } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** CPU time (clock ticks) of each worker process of a cluster primary, from /proc. */
function workerTicks(primary: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const fields = fs
        .readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      if (Number(fields[1]) === primary && fields[0] !== 'Z') ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended while listed
    }
  }
  return ticks;
}

/**
 * WORKERS=2 on SQLite: one server holding the data directory with two worker processes on one database
 * file (ADR 0010). Every request below goes on a new connection, which the cluster hands out in turn.
 */
describe.skipIf(testDialect !== 'sqlite' || process.platform !== 'linux')('several worker processes on one SQLite file', () => {
  let store: Store;
  let server: ServerProcess;
  let usernames: Record<string, string>;

  beforeAll(async () => {
    store = await freshStore('sqlite', 'workers');
    usernames = (await seedStore(store)).usernames;
    server = await startServer(store, { WORKERS: '2' });
    for (let i = 0; i < 50 && workerTicks(server.child.pid!).size < 2; i++) await new Promise((r) => setTimeout(r, 100));
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await store?.drop();
  });

  test('runs two workers, and a session, its logout and an upload hold on both', async () => {
    const before = workerTicks(server.child.pid!);
    expect(before.size).toBe(2);
    const login = await new HttpClient(server.url).login(usernames.memberZhang!);
    const cookie = login.cookie!;
    for (let i = 0; i < 6; i++) expect((await fresh(server.url, 'GET', '/api/v1/me', cookie)).status).toBe(200);

    const id = await uploadSmallPdf(server.url, cookie);
    for (let i = 0; i < 4; i++) expect((await fresh(server.url, 'GET', `/api/v1/files/${id}`, cookie)).status).toBe(200);

    // Writes from both workers at once: none refused for a busy database, the audit chain unbroken. A
    // workflow action reads the proposal in its transaction before it writes, which is what a deferred
    // transaction cannot do while the other process commits.
    const drafts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fresh(server.url, 'POST', '/api/v1/proposals', cookie, {
          subject: `关于并发写入第${i + 1}件的建议`,
          body: { situation: '情况', analysis: '分析', suggestions: '建议' },
          kind: 'individual',
        }),
      ),
    );
    expect(drafts.map((d) => d.status)).toEqual(drafts.map(() => 201));
    const submitted = await Promise.all(
      drafts.map((d) => fresh(server.url, 'POST', `/api/v1/proposals/${d.body.id}/actions/submit`, cookie, {})),
    );
    expect(submitted.map((d) => d.status)).toEqual(submitted.map(() => 200));
    const conn = openStore(store);
    try {
      const statuses = await conn.db.selectFrom('proposals').select('status').execute();
      expect(statuses.map((p) => p.status)).toEqual(drafts.map(() => 'submitted'));
      expect((await verifyAuditChain(conn.db)).ok).toBe(true);
    } finally {
      await conn.close();
    }

    // Both workers have just looked the session up (and remember it, ADR 0108); the logout on one ends it on both.
    for (let i = 0; i < 4; i++) expect((await fresh(server.url, 'GET', '/api/v1/me', cookie)).status).toBe(200);
    expect((await fresh(server.url, 'POST', '/api/v1/auth/logout', cookie, {})).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await fresh(server.url, 'GET', '/api/v1/me', cookie)).status).toBe(401);
    const after = workerTicks(server.child.pid!);
    for (const [pid, ticks] of before) expect(after.get(pid), `worker ${pid} served`).toBeGreaterThan(ticks);
  }, 60_000);

  test('counts login attempts on both workers together', async () => {
    await expectOneLoginLimit(server.url, usernames.secadmin!, async () => {
      const r = await fresh(server.url, 'POST', '/api/v1/auth/login', undefined, { username: 'nobody_here', password: 'wrong-password' });
      return r.status;
    });
  }, 120_000);
});
