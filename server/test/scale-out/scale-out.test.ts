import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pino from 'pino';
import { testDialect } from '../harness.js';
import { PgBossJobQueue } from '../../src/platform/jobs/jobs.js';
import { freshStore, HttpClient, seedStore, startServer, type ServerProcess, type Store } from '../durability/server-process.js';
import { SMALL_PDF } from '../security/route-fixtures.js';
import { openStore } from '../durability/verify.js';

/**
 * Two real server processes on one PostgreSQL database with one shared data directory, as behind a load
 * balancer. PostgreSQL only: SQLite is one process by design.
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
    const form = new FormData();
    form.append('file', new Blob([SMALL_PDF], { type: 'application/pdf' }), '调研报告.pdf');
    const uploaded = await fetch(`${a.url}/api/v1/files`, { method: 'POST', headers: { cookie: onA.cookie! }, body: form });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const served = await fetch(`${b.url}/api/v1/files/${id}`, { headers: { cookie: onA.cookie! } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(SMALL_PDF)).toBe(true);
  });

  test('the login rate limit counts attempts on both instances together', async () => {
    const sec = await new HttpClient(a.url).login(usernames.secadmin!);
    const policy = (await sec.request('GET', '/api/v1/security-policy')).body;
    expect((await sec.request('PUT', '/api/v1/security-policy', { ...policy, loginRatePerMinute: 6 })).status).toBe(200);
    // The window is a clock minute (shared by both processes, so the clock cannot be faked): start early in one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await new HttpClient(i % 2 ? b.url : a.url).request('POST', '/api/v1/auth/login', {
        username: 'nobody_here',
        password: 'wrong-password',
      });
      statuses.push(r.status);
    }
    // Six attempts a minute from one address in all, however they are spread over the instances.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
    expect(statuses.slice(-2)).toEqual([429, 429]);
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
