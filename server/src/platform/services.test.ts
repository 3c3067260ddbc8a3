import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgDatabase, startTestPlatform, testDialect, type TestPlatform } from '../../test/harness.js';
import { connect, NAMED_STATEMENTS_PER_CONNECTION } from '../db/dialect/index.js';
import type { Database } from '../db/schema.js';
import { LocalJobQueue } from './jobs/jobs.js';
import { notifyUsers } from './notifications/notifications.service.js';
import { systemActor } from './permissions/actor.js';
import { createUser } from './users/users.service.js';
import { MAX_UPLOAD_BYTES } from './files/file-store.js';
import { boundedTotal, pageOfIds } from '../db/paging.js';
import { compileShaped, executeShaped, shapeKey } from '../db/query-shapes.js';

let t: TestPlatform;
let aliceId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  aliceId = await createUser(t.ctx, systemActor('test'), {
    username: 'alice',
    displayName: '爱丽丝',
    password: 'Wonder#land2026',
    roles: ['member'],
    mustChangePassword: false,
  });
  await createUser(t.ctx, systemActor('test'), {
    username: 'bob',
    displayName: '鲍勃',
    password: 'Builder#2026x',
    roles: ['member'],
    mustChangePassword: false,
  });
});
afterAll(() => t?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('files', () => {
  it('stores an allowed type, serves it only to its owner, as a download', async () => {
    const alice = await t.login('alice', 'Wonder#land2026');
    const up = await alice.upload('/api/v1/files', '调研报告.pdf', PDF);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '调研报告.pdf', mime: 'application/pdf', size: PDF.length });
    const down = await alice.get(`/api/v1/files/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(down.raw.equals(PDF)).toBe(true);
    expect(String(down.headers['content-disposition'])).toMatch(/^attachment;.*filename\*=UTF-8''%E8%B0%83/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    const bob = await t.login('bob', 'Builder#2026x');
    expect((await bob.get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
  });

  it('decides the type by content: an executable named .pdf is refused', async () => {
    const alice = await t.login('alice', 'Wonder#land2026');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]);
    const res = await alice.upload('/api/v1/files', 'report.pdf', elf);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/不支持的文件类型/);
    const html = await alice.upload('/api/v1/files', 'page.html', Buffer.from('<script>alert(1)</script>'));
    expect(html.status).toBe(415);
  });

  it('refuses an empty or oversized file and stores nothing', async () => {
    const alice = await t.login('alice', 'Wonder#land2026');
    const before = await t.ctx.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await alice.upload('/api/v1/files', 'empty.txt', Buffer.alloc(0))).status).toBe(400);
    const big = await alice.upload('/api/v1/files', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES)]));
    expect(big.status).toBe(413);
    const after = await t.ctx.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('needs a session to upload', async () => {
    expect((await t.anonymous().upload('/api/v1/files', 'a.pdf', PDF)).status).toBe(401);
  });
});

describe('notifications', () => {
  it('delivers to the notification centre, counts unread and marks read (audited)', async () => {
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        notifyUsers(t.ctx, trx, [aliceId, aliceId], { kind: 'test', title: '会议通知', body: '请于周五参加常委会', link: '/activities' }),
      );
    const alice = await t.login('alice', 'Wonder#land2026');
    const list = await alice.get('/api/v1/notifications?unread=true');
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ title: '会议通知', link: '/activities', readAt: null });
    const bob = await t.login('bob', 'Builder#2026x');
    expect((await bob.get('/api/v1/notifications')).body.items).toHaveLength(0);
    expect((await bob.post('/api/v1/notifications/read', { ids: [list.body.items[0].id] })).body.updated).toBe(0);
    expect((await alice.post('/api/v1/notifications/read', { ids: 'all' })).body.updated).toBe(1);
    expect((await alice.get('/api/v1/notifications?unread=true')).body.unread).toBe(0);
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'notification.read')
      .where('username', '=', 'alice')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('local job queue', () => {
  it('runs due jobs once, retries failures, and enqueues a periodic job once per period', async () => {
    const queue = new LocalJobQueue(t.ctx.db, t.ctx.log, 60_000);
    const seen: unknown[] = [];
    let failures = 0;
    queue.register('test.echo', async (payload) => {
      seen.push(payload.n);
    });
    queue.register('test.flaky', async () => {
      failures++;
      if (failures < 2) throw new Error('first attempt fails');
    });
    queue.register('test.tick', async () => {
      seen.push('tick');
    });
    await queue.every('test.tick', 10);
    await queue.enqueue('test.echo', { n: 1 });
    await queue.enqueue('test.echo', { n: 2 }, { runAt: new Date(Date.now() + 3600_000) });
    await queue.enqueue('test.echo', { n: 3 }, { singletonKey: 'only-once' });
    await queue.enqueue('test.echo', { n: 4 }, { singletonKey: 'only-once' });
    await queue.enqueue('test.flaky');
    const now = new Date();
    await queue.tick(now);
    expect(seen.sort()).toEqual([1, 3, 'tick'].sort());
    await queue.tick(now);
    expect(seen.filter((s) => s === 'tick')).toHaveLength(1);
    await queue.tick(new Date(now.getTime() + 2 * 3600_000));
    expect(seen).toContain(2);
    expect(failures).toBe(2);
    const flaky = await t.ctx.db.selectFrom('jobs').selectAll().where('name', '=', 'test.flaky').executeTakeFirstOrThrow();
    expect(flaky.status).toBe('done');
  });
});

describe('database rows', () => {
  it('come back camel-cased, with nested objects mapped and other values untouched, however often a shape repeats', async () => {
    const nested =
      t.ctx.dialect === 'postgres'
        ? sql`json_build_object('inner_key', 1, 'list_of', json_build_array(json_build_object('deep_key', 2), null, 3))`
        : sql`null`;
    for (let i = 0; i < 3; i++) {
      const { rows } = await sql<
        Record<string, unknown>
      >`select 'x' as plain_text, cast(${i} as integer) as some_number, null as no_value, ${nested} as nested_value`.execute(t.ctx.db);
      expect(rows[0]).toEqual({
        plainText: 'x',
        someNumber: i,
        noValue: null,
        nestedValue: t.ctx.dialect === 'postgres' ? { innerKey: 1, listOf: [{ deepKey: 2 }, null, 3] } : null,
      });
    }
    const users = await t.ctx.db
      .selectFrom('users')
      .select(['displayName', 'mustChangePassword'])
      .where('username', '=', 'alice')
      .execute();
    expect(users).toEqual([{ displayName: '爱丽丝', mustChangePassword: 0 }]);
  });

  it('come back with the columns a table has now, after a schema change under a statement run before', async () => {
    await sql`create table shape_probe (id integer primary key, first_name text)`.execute(t.ctx.db);
    try {
      await sql`insert into shape_probe (id, first_name) values (1, 'a')`.execute(t.ctx.db);
      const before = await sql<Record<string, unknown>>`select * from shape_probe`.execute(t.ctx.db);
      expect(before.rows).toEqual([{ id: 1, firstName: 'a' }]);
      await sql`alter table shape_probe add column last_name text`.execute(t.ctx.db);
      await sql`update shape_probe set last_name = 'b'`.execute(t.ctx.db);
      const after = await sql<Record<string, unknown>>`select * from shape_probe`.execute(t.ctx.db);
      expect(after.rows).toEqual([{ id: 1, firstName: 'a', lastName: 'b' }]);
    } finally {
      await sql`drop table shape_probe`.execute(t.ctx.db);
    }
  });
});

describe.skipIf(testDialect !== 'postgres')('named statements on a PostgreSQL connection', () => {
  const preparedCount = async (db: Kysely<Database>) =>
    Number((await sql<{ n: number }>`select count(*) as n from pg_prepared_statements`.execute(db)).rows[0]!.n);

  it('are kept and reused unless they compare a range with a parameter, stay within their bound, and a failed one does not break a later transaction', async () => {
    await t.ctx.db.connection().execute(async (db) => {
      const base = await preparedCount(db);
      const byName = db.selectFrom('users').select('displayName').where('username', '=', 'alice');
      await byName.execute();
      await byName.execute();
      expect(await preparedCount(db)).toBe(base + 1);
      // A range compared with a parameter is planned for its values each time, not kept.
      const since = db.selectFrom('users').select('id').where('createdAt', '>=', '2020-01-01');
      await since.execute();
      await since.execute();
      expect(await preparedCount(db)).toBe(base + 1);

      // Never parsed, so never deallocated when it leaves the cache (an unknown name would abort the transaction).
      await expect(sql`select no_such_column from users where username = ${'alice'}`.execute(db)).rejects.toThrow();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < NAMED_STATEMENTS_PER_CONNECTION + 20; i++)
          expect((await sql<{ n: number }>`select ${i}::int as ${sql.ref(`n${i}`)}`.execute(trx)).rows[0]).toEqual({ [`n${i}`]: i });
        await trx.selectFrom('users').select('id').where('username', '=', 'alice').executeTakeFirstOrThrow();
      });
      expect(await preparedCount(db)).toBeLessThanOrEqual(NAMED_STATEMENTS_PER_CONNECTION);
      expect(await preparedCount(db)).toBeGreaterThan(NAMED_STATEMENTS_PER_CONNECTION / 2);
    });
  });
});

describe('bounded list totals', () => {
  it('count again after any write, from this connection or another, and only then', async () => {
    const pgDb = testDialect === 'postgres' ? await createPgDatabase() : undefined;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xs-memo-')), 'memo.db');
    const counted: string[] = [];
    const open = (log?: boolean) =>
      connect<Database>({
        databaseUrl: pgDb?.url,
        sqliteFile: file,
        log: (e) => {
          if (log && e.level === 'query' && /count/.test(e.query.sql)) counted.push(e.query.sql);
        },
      });
    const [one, other] = [open(true), open()];
    try {
      const items = one.db as unknown as Kysely<{ items: { id: string; kind: string } }>;
      const add = (db: Kysely<any>, id: string) => db.insertInto('items').values({ id, kind: 'x' }).execute();
      const total = async (db = one.db) =>
        (
          await boundedTotal(
            db,
            { key: 'test:items', values: {}, build: () => items.selectFrom('items').where('kind', '=', 'x') as never },
            10,
          )
        ).total;
      await sql`create table items (id text primary key, kind text not null)`.execute(one.db);
      for (const id of ['a', 'b', 'c']) await add(one.db, id);
      expect(await total()).toBe(3);
      counted.length = 0;
      expect(await total()).toBe(3);
      expect(counted).toHaveLength(0);
      await add(other.db, 'd');
      // Another connection's commit is seen from the next turn of the event loop on (ADR 0108).
      await new Promise((resolve) => setImmediate(resolve));
      expect(await total()).toBe(4);
      await add(one.db, 'e');
      expect(await total()).toBe(5);
      // A transaction counts its own writes, and its rollback leaves the count as it was.
      await expect(
        one.db.transaction().execute(async (trx) => {
          await add(trx, 'f');
          expect(await total(trx)).toBe(6);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await total()).toBe(5);
      // Dropping a table changes no row that total_changes() counts.
      await sql`drop table items`.execute(one.db);
      await sql`create table items (id text primary key, kind text not null)`.execute(one.db);
      expect(await total()).toBe(0);
    } finally {
      await other.close();
      await one.close();
      await pgDb?.drop();
    }
  });

  it('counts exactly up to the cap and says when more rows match', async () => {
    const active = t.ctx.db.selectFrom('users').where('status', '=', 'active');
    const exact = Number((await active.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(exact).toBeGreaterThanOrEqual(3);
    const users = (username?: string) => ({
      key: 'test:users',
      values: { username },
      build: (v: { username?: string }) => (v.username ? active.where('username', '=', v.username) : active),
    });
    expect(await boundedTotal(t.ctx.db, users())).toEqual({ total: exact, totalCapped: false });
    expect(await boundedTotal(t.ctx.db, users(), exact)).toEqual({ total: exact, totalCapped: false });
    expect(await boundedTotal(t.ctx.db, users(), exact - 1)).toEqual({ total: exact - 1, totalCapped: true });
    expect(await boundedTotal(t.ctx.db, users('alice'), 1)).toEqual({ total: 1, totalCapped: false });
    expect(await boundedTotal(t.ctx.db, users('nobody'), 1)).toEqual({ total: 0, totalCapped: false });
  });

  it('gives a query that reads all its matches the same page and total as a list', async () => {
    const users = t.ctx.db.selectFrom('users');
    const ordered = users.select('id').orderBy('username').orderBy('id');
    const all = (await ordered.execute()).map((u) => u.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const cap of [2, all.length, all.length + 5])
      for (const page of [1, 2, 3]) {
        const p = { page, pageSize: 2 };
        const shape = { key: 'test:allUsers', values: {}, build: () => users, ordered: () => ordered };
        const list = await pageOfIds(t.ctx.db, shape, { ...p, readsAllMatches: false }, cap);
        const search = await pageOfIds(t.ctx.db, shape, { ...p, readsAllMatches: true }, cap);
        expect(list.ids.map((u) => u.id)).toEqual(all.slice((page - 1) * 2, page * 2));
        expect(search).toEqual(list);
        expect(list).toMatchObject({ total: Math.min(all.length, cap), totalCapped: all.length > cap });
      }
  });
});

describe('query shapes (ADR 0109)', () => {
  const byUsernames = (db: Kysely<Database>, usernames: string[], activeOnly: boolean) =>
    executeShaped(db, {
      key: 'test:byUsernames',
      values: { usernames, activeOnly },
      build: (v) => {
        const q = db.selectFrom('users').select('username').where('username', 'in', v.usernames).orderBy('username');
        return v.activeOnly ? q.where('status', '=', 'active') : q;
      },
    });

  it('runs each use with its own values, and gives lists of each length and each falsy value a shape of its own', async () => {
    const names = async (usernames: string[], activeOnly = false) =>
      (await byUsernames(t.ctx.db, usernames, activeOnly)).map((r) => r.username);
    expect(await names(['alice'])).toEqual(['alice']);
    expect(await names(['bob'])).toEqual(['bob']);
    expect(await names(['bob', 'alice'])).toEqual(['alice', 'bob']);
    expect(await names(['bob', 'nobody', 'alice'])).toEqual(['alice', 'bob']);
    await t.ctx.db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'bob').execute();
    try {
      expect(await names(['bob', 'alice'], true)).toEqual(['alice']);
      expect(await names(['bob', 'alice'], false)).toEqual(['alice', 'bob']);
    } finally {
      await t.ctx.db.updateTable('users').set({ status: 'active' }).where('username', '=', 'bob').execute();
    }
  });

  it('refuses a shape whose SQL depends on a value beyond its truthiness', () => {
    const shape = (username: string) => ({
      key: 'test:computed',
      values: { username },
      build: (v: { username: string }) => t.ctx.db.selectFrom('users').select('id').where('username', '=', `${v.username}`.toLowerCase()),
    });
    expect(() => compileShaped(t.ctx.db, shape('Alice'))).toThrow(/depends on something outside its key and values/);
  });

  it('refuses, under test, a shape whose SQL depends on something its key does not name', () => {
    let table: 'users' | 'sessions' = 'users';
    const shape = {
      key: 'test:outside',
      values: { id: 'x' },
      build: (v: { id: string }) => t.ctx.db.selectFrom(table).select('id').where('id', '=', v.id),
    };
    expect(compileShaped(t.ctx.db, shape).sql).toMatch(/"users"/);
    table = 'sessions';
    expect(() => compileShaped(t.ctx.db, shape)).toThrow(/depends on something outside its key and values/);
  });

  it('names each place in the code once', () => {
    shapeKey('test:once');
    expect(() => shapeKey('test:once')).toThrow(/named twice/);
  });
});
