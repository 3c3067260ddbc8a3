import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, startTestPlatform, testDialect, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { matchesTerms, searchList, searchTerms } from '../../db/dialect/index.js';
import { boundedTotal } from '../../db/paging.js';
import { walkedAndRead } from '../../../test/search-walk.js';
import { migrateToLatest, openDatabase } from '../../db/index.js';
import { ChainProvider } from '../../db/migrations.js';
import { PROPOSAL_SEARCH } from './proposals.tables.js';
import { LocalJobQueue } from '../../platform/jobs/jobs.js';
import { compactSearchIndexes } from '../../platform/jobs/search-indexes.js';

let t: TestPlatform;
let org: SmallOrg;
let wang: Client, zhang: Client, zhao: Client, office: Client;

interface Written {
  id: string;
  subject: string;
  body: { situation: string; analysis: string; suggestions: string };
  names: string[];
}
const written: Written[] = [];

async function write(client: Client, names: string[], subject: string, body: Written['body'], extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/proposals', { subject, body, kind: 'individual', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const proposal = { id: res.body.id as string, subject, body, names };
  written.push(proposal);
  return proposal;
}

async function ok(client: Client, id: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await client.post(`/api/v1/proposals/${id}/actions/${action}`, payload);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
}

/** What the search means: every whitespace-separated word is a substring of the subject, a body part or a name. */
function expected(q: string, among: Written[] = written): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return among
    .filter((p) => {
      const fields = [p.subject, p.body.situation, p.body.analysis, p.body.suggestions, ...p.names].map((f) => f.toLowerCase());
      return words.every((w) => fields.some((f) => f.includes(w)));
    })
    .map((p) => p.id)
    .sort();
}

/** Every piece of one to three characters of the texts, and across the joins of two fields (which must match nothing). */
function shortPieces(): Set<string> {
  const pieces = new Set<string>();
  for (const p of written) {
    const fields = [p.subject, p.body.situation, p.body.analysis, p.body.suggestions, ...p.names];
    for (const text of [...fields, fields.join('')]) {
      const chars = Array.from(text);
      for (let length = 1; length <= 3; length++)
        for (let i = 0; i + length <= chars.length; i++) {
          const piece = chars.slice(i, i + length).join('');
          if (!/\s/.test(piece)) pieces.add(piece);
        }
    }
  }
  return pieces;
}

async function search(client: Client, q: string, query = ''): Promise<{ ids: string[]; total: number }> {
  const res = await client.get(`/api/v1/proposals?pageSize=100&q=${encodeURIComponent(q)}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ids: res.body.items.map((p: { id: string }) => p.id).sort(), total: res.body.total };
}

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [wang, zhang, zhao, office] = await Promise.all([
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
    org.login('proposalStaff'),
  ]);
  const elderly = await write(wang, ['王芳'], '关于发展智慧养老服务的建议', {
    situation: '社区居家养老服务覆盖面不足，老年人就餐难。',
    analysis: '养老机构床位空置与排队并存，AI 辅助照护尚在试点。',
    suggestions: '建议建设区级智慧养老平台，推广“时间银行”互助养老。',
  });
  const flooding = await write(
    zhang,
    ['张伟', '赵敏'],
    '关于治理城市内涝的建议',
    {
      situation: '汛期积水点多，排水管网老旧。',
      analysis: '雨污合流，泵站能力不足，达标率仅80%。',
      suggestions: '建议开展海绵城市建设，改造老旧管网。',
    },
    { kind: 'joint', coSignerIds: [org.members.zhao] },
  );
  const lakes = await write(zhao, ['赵敏'], '关于加强湖泊生态保护的建议', {
    situation: '湖区水质下降，蓝藻时有发生。',
    analysis: '沿湖农业面源污染未得到控制，监测数据_缺失。',
    suggestions: '建议建立河湖长制考核，公开水质信息。',
  });
  const grid = await write(wang, ['王芳'], '关于推广Smart Grid的建议', {
    situation: '电网智能化水平有待提升。',
    analysis: '储能配套不足。',
    suggestions: '建议试点虚拟电厂。',
  });
  for (const [client, p] of [
    [wang, elderly],
    [zhang, flooding],
    [zhao, lakes],
    [wang, grid],
  ] as const)
    await ok(client, p.id, 'submit');
  await ok(zhao, flooding.id, 'confirm');
});
afterAll(() => t?.close());

describe('proposal search (subject, body and proposer names, by substring)', () => {
  it('finds one-, two- and three-or-more-character Chinese words', async () => {
    const [elderly, flooding, lakes] = written;
    expect((await search(office, '湖')).ids).toEqual([lakes!.id]);
    expect((await search(office, '老')).ids).toEqual([elderly!.id, flooding!.id].sort());
    expect((await search(office, '养老')).ids).toEqual([elderly!.id]);
    expect((await search(office, '管网')).ids).toEqual([flooding!.id]);
    expect((await search(office, '智慧养老平台')).ids).toEqual([elderly!.id]);
    expect((await search(office, '河湖长制考核')).ids).toEqual([lakes!.id]);
    const all = await search(office, '建议');
    expect(all.ids).toEqual(written.map((p) => p.id).sort());
    expect(all.total).toBe(4);
  });

  it('needs every word of a query, each within one field, and finds nothing for text that is not there', async () => {
    const [elderly, flooding] = written;
    expect((await search(office, '养老 老年人')).ids).toEqual([elderly!.id]);
    expect((await search(office, ' 老旧  建议 ')).ids).toEqual([flooding!.id]);
    expect((await search(office, '养老 内涝')).ids).toEqual([]);
    // 养老 and 老年 are both in it, 养老年 is not.
    expect((await search(office, '养老年')).ids).toEqual([]);
    // The subject ends with 建议 and the situation begins with 社区: a word does not span two fields.
    expect((await search(office, '建议社区')).ids).toEqual([]);
    expect(await search(office, '养老服务的建议社区居家')).toEqual({ ids: [], total: 0 });
    expect(await search(office, '量子纠缠')).toEqual({ ids: [], total: 0 });
    // No text holds a NUL character (PostgreSQL cannot store one): refused as input, naming the field.
    const nul = await office.get(`/api/v1/proposals?q=${encodeURIComponent('养\u0000老')}`);
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toContain('空字符');
  });

  it('finds proposer names, Latin letters in any case, and %, _ as plain characters', async () => {
    const [elderly, flooding, lakes, grid] = written;
    expect((await search(office, '赵敏')).ids).toEqual([flooding!.id, lakes!.id].sort());
    expect((await search(office, 'ai')).ids).toEqual([elderly!.id]);
    expect((await search(office, 'SMART grid')).ids).toEqual([grid!.id]);
    expect((await search(office, 'smartgrid')).ids).toEqual([]);
    expect((await search(office, '%')).ids).toEqual([flooding!.id]);
    expect((await search(office, '80%')).ids).toEqual([flooding!.id]);
    expect((await search(office, '_')).ids).toEqual([lakes!.id]);
    expect((await search(office, '据_缺')).ids).toEqual([lakes!.id]);
  });

  it('answers exactly what substring matching answers for every short piece of the texts', async () => {
    const pieces = shortPieces();
    const wrong: string[] = [];
    for (const piece of pieces) {
      const found = await search(office, piece);
      if (JSON.stringify(found.ids) !== JSON.stringify(expected(piece)) || found.total !== found.ids.length) wrong.push(piece);
    }
    expect(pieces.size).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('walks the list in order when a search has more matches than the cap, and finds the same page', async () => {
    const { db, dialect } = t.ctx;
    const wrong: string[] = [];
    let walks = 0;
    for (const q of [...shortPieces(), '养老 老年人', ' 老旧  建议 ', 'SMART grid', '据_缺', '80%', '智慧养老平台', '养老年']) {
      const found = await walkedAndRead(db, dialect, PROPOSAL_SEARCH, q);
      walks += found.walks.length;
      if (
        JSON.stringify(found.walked) !== JSON.stringify(found.read) ||
        JSON.stringify([...found.read].sort()) !== JSON.stringify(expected(q))
      )
        wrong.push(q);
    }
    expect(wrong).toEqual([]);
    expect(walks > 0).toBe(dialect === 'postgres');
  });

  it('pages a search with the right total, newest first', async () => {
    const page1 = await office.get(`/api/v1/proposals?pageSize=3&page=1&q=${encodeURIComponent('建议')}`);
    const page2 = await office.get(`/api/v1/proposals?pageSize=3&page=2&q=${encodeURIComponent('建议')}`);
    expect([page1.body.total, page2.body.total]).toEqual([4, 4]);
    const ids = [...page1.body.items, ...page2.body.items].map((p: { id: string }) => p.id);
    expect(ids).toEqual(written.map((p) => p.id).reverse());
    expect(page1.body.items[0]).toMatchObject({ subject: '关于推广Smart Grid的建议', status: 'submitted', termName: '第十四届' });
  });

  it('combines the search with the other filters and each role’s data scope', async () => {
    const [elderly, , lakes] = written;
    expect((await search(office, '建议', '&kind=joint')).ids).toEqual([written[1]!.id]);
    expect((await search(office, '建议', '&status=submitted&kind=individual')).ids).toHaveLength(3);
    expect((await search(zhao, '建议')).ids).toEqual([written[1]!.id, lakes!.id].sort());
    expect((await search(zhao, '养老')).ids).toEqual([]);
    expect((await search(wang, '养老', '&mine=true')).ids).toEqual([elderly!.id]);
  });

  it('follows edits: a draft’s old text is no longer found, the new text is', async () => {
    const draft = await wang.post('/api/v1/proposals', {
      subject: '关于设置口袋公园的建议',
      body: { situation: '原始措辞甲：绿地不足。', analysis: '用地紧张。', suggestions: '建议见缝插绿。' },
      kind: 'individual',
    });
    const id = draft.body.id as string;
    expect((await search(wang, '原始措辞')).ids).toEqual([id]);
    expect((await search(office, '原始措辞')).ids).toEqual([]);
    const edited = await wang.patch(`/api/v1/proposals/${id}`, {
      subject: '关于建设街心花园的建议',
      body: { situation: '修改后措辞乙：绿地不足。', analysis: '用地紧张。', suggestions: '建议见缝插绿。' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await search(wang, '原始措辞')).ids).toEqual([]);
    expect((await search(wang, '口袋公园')).ids).toEqual([]);
    expect((await search(wang, '修改后措辞')).ids).toEqual([id]);
    expect((await search(wang, '街心花园 见缝插绿')).ids).toEqual([id]);
    expect((await search(wang, '花')).ids).toEqual([id]);
  });

  it('searches the subjects of published proposals on the public portal', async () => {
    const [elderly, flooding, lakes, grid] = written;
    for (const p of [elderly!, flooding!, lakes!, grid!]) await ok(office, p.id, 'register', { category: '社会建设' });
    const anon = t.anonymous();
    const portal = async (q: string) => {
      const res = await anon.get(`/api/v1/public/proposals?pageSize=50&q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((p: { id: string }) => p.id).sort();
    };
    expect(await portal('养老')).toEqual([elderly!.id]);
    expect(await portal('湖')).toEqual([lakes!.id]);
    // Body text and names are not searched on the portal, only subjects.
    expect(await portal('老年人')).toEqual([]);
    expect(await portal('赵敏')).toEqual([]);
    expect(await portal('Smart Grid')).toEqual([grid!.id]);
    expect(await portal('smart grid')).toEqual([grid!.id]);
    expect(await portal('SmartGrid')).toEqual([]);
    expect((await anon.get(`/api/v1/public/proposals?q=${encodeURIComponent('养\u0000老')}`)).status).toBe(400);
    expect(await portal('建议')).toEqual(written.map((p) => p.id).sort());
    // Page by page, latest written first, each once.
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      const res = await anon.get(`/api/v1/public/proposals?pageSize=1&page=${page}&q=${encodeURIComponent('建议')}`);
      expect(res.body).toMatchObject({ total: 4, totalCapped: false });
      pages.push(...res.body.items.map((p: { id: string }) => p.id));
    }
    expect(pages).toEqual([grid!.id, lakes!.id, flooding!.id, elderly!.id]);
  });

  it('walks a search newest first by creation time, whatever order the proposals were written in', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await wang.post('/api/v1/proposals', {
        subject: `时序检索第${i}件`,
        body: { situation: '时序检索。', analysis: '无。', suggestions: '无。' },
        kind: 'individual',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await ok(wang, res.body.id, 'submit');
      ids.push(res.body.id);
    }
    // Creation times out of the order of writing, two in one millisecond (as an import of old records gives).
    const times = [
      '2023-05-01T08:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
      '2021-03-04T05:06:07.089Z',
      '2025-01-01T00:00:00.000Z',
      '2024-12-31T23:59:59.999Z',
      '2021-03-04T05:06:07.090Z',
      '2026-02-03T04:05:06.007Z',
    ];
    for (const [i, id] of ids.entries())
      await t.ctx.db.updateTable('proposals').set({ createdAt: times[i]! }).where('id', '=', id).execute();
    const timeOf = (id: string) => times[ids.indexOf(id)];
    const walk = async (q: string) => {
      const walked: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const res = await office.get(`/api/v1/proposals?pageSize=2&page=${page}${q}`);
        expect(res.body, `page ${page}`).toMatchObject({ total: 7, totalCapped: false });
        walked.push(...res.body.items.map((p: { id: string }) => p.id));
      }
      return walked;
    };
    const searched = await walk(`&q=${encodeURIComponent('时序检索')}`);
    expect(searched.map(timeOf)).toEqual([...times].sort().reverse());
    expect([...searched].sort()).toEqual([...ids].sort());
    // The list without a search, narrowed to the same proposals by status, orders them the same way.
    await t.ctx.db.updateTable('proposals').set({ status: 'withdrawn' }).where('id', 'in', ids).execute();
    expect((await walk('&status=withdrawn')).map(timeOf)).toEqual(searched.map(timeOf));
    // A bounded total stops at its cap on the search's own query.
    const terms = searchTerms(t.ctx.dialect, '时序检索 第');
    const searched7 = {
      key: `test:search:${terms.key}`,
      values: terms.values,
      build: (v: typeof terms.values) => searchList(t.ctx.dialect, PROPOSAL_SEARCH, t.ctx.db.selectFrom('proposals'), v),
    };
    expect(await boundedTotal(t.ctx.db, searched7, 3)).toEqual({ total: 3, totalCapped: true });
    expect(await boundedTotal(t.ctx.db, searched7, 7)).toEqual({ total: 7, totalCapped: false });
  });

  it('answers the same after the hourly compaction, which leaves SQLite’s index one segment', async () => {
    // Each write is its own transaction, so FTS5 adds a segment for each (and merges only every fourth).
    for (const subject of ['关于压缩索引的建议', '关于合并段落的建议']) {
      const { id } = await write(wang, ['王芳'], subject, { situation: '索引段落。', analysis: '无。', suggestions: '无。' });
      await ok(wang, id, 'submit');
    }
    const segments = async () =>
      Number((await sql<{ n: number }>`select count(distinct segid) as n from proposal_search_idx`.execute(t.ctx.db)).rows[0]!.n);
    if (testDialect === 'sqlite') expect(await segments()).toBeGreaterThan(1);
    const queries = ['建议', '压缩索引', '段落', '养老', '老', '赵敏', 'smart', '%', '关于合并段落的建议', '量子'];
    const before = await Promise.all(queries.map((q) => search(office, q)));
    expect(before[1]!.ids).toHaveLength(1);
    if (t.ctx.jobs instanceof LocalJobQueue) await t.ctx.jobs.tick();
    else await compactSearchIndexes(t.ctx.db, t.ctx.dialect, [PROPOSAL_SEARCH]);
    if (testDialect === 'sqlite') expect(await segments()).toBe(1);
    expect(await Promise.all(queries.map((q) => search(office, q)))).toEqual(before);
  });
});

describe('the search index migration', () => {
  it('indexes the proposals already there', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-search-migration-'));
    const pgdb = testDialect === 'postgres' ? await createPgDatabase() : undefined;
    const conn = openDatabase({ databaseUrl: pgdb?.url, dataDir });
    try {
      const migrator = new Migrator({ db: conn.db, provider: new ChainProvider(conn.dialect) });
      const before = await migrator.migrateTo('2026112541_proposals_list_indexes');
      expect(before.error).toBeUndefined();
      const at = '2026-01-05T02:00:00.000Z';
      await conn.db
        .insertInto('terms')
        .values({ id: 't1', name: '第十四届', number: 14, startDate: '2022-01-01', endDate: null, isCurrent: 1, createdAt: at })
        .execute();
      await conn.db
        .insertInto('members')
        .values({
          id: 'm1',
          name: '王芳',
          strokeKey: '',
          pinyin: 'wangfang',
          pinyinInitials: 'wf',
          gender: 'female',
          createdAt: at,
          updatedAt: at,
        } as never)
        .execute();
      const texts = { a: '关于发展智慧养老服务的建议', b: '关于治理城市内涝的建议' };
      for (const [id, subject] of Object.entries(texts))
        await conn.db
          .insertInto('proposals')
          .values({
            id,
            termId: 't1',
            session: 'interim',
            subject,
            situation: '',
            analysis: '',
            suggestions: '',
            kind: 'individual',
            leadMemberId: 'm1',
            status: 'submitted',
            searchText: `${subject}\n王芳`,
            createdBy: '',
            createdAt: at,
            updatedAt: at,
          } as never)
          .execute();
      await migrateToLatest(conn);
      const found = async (q: string) =>
        (
          await conn.db
            .selectFrom('proposals')
            .select('id')
            .where(matchesTerms(conn.dialect, PROPOSAL_SEARCH, sql.ref('proposals.id'), searchTerms(conn.dialect, q).values))
            .orderBy('id')
            .execute()
        ).map((r) => r.id);
      expect(await found('养老')).toEqual(['a']);
      expect(await found('城市内涝')).toEqual(['b']);
      expect(await found('王')).toEqual(['a', 'b']);
      expect(await found('建议 智慧')).toEqual(['a']);
      expect(await found('无此内容')).toEqual([]);
      // And what is written after the migration.
      await conn.db.updateTable('proposals').set({ searchText: '关于河湖治理的建议\n王芳' }).where('id', '=', 'b').execute();
      expect(await found('内涝')).toEqual([]);
      expect(await found('河湖')).toEqual(['b']);
    } finally {
      await conn.close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
