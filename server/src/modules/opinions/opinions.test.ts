import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { todayInShanghai } from '../../platform/time.js';
import { walkedAndRead } from '../../../test/search-walk.js';
import { OPINION_SEARCH } from './opinions.tables.js';

let t: TestPlatform;
let org: SmallOrg;
let wang: Client, zhang: Client, zhao: Client, office: Client, room4: Client, song: Client, edu: Client, auditor: Client;
const year = Number(todayInShanghai().slice(0, 4));

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [wang, zhang, zhao, office, room4, song, edu, auditor] = await Promise.all([
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
    org.login('researchStaff'),
    org.login('proposalStaff'),
    org.login('leaderSong'),
    org.login('unitEducation'),
    org.login('auditor'),
  ]);
});
afterAll(() => t?.close());

const body = (topic = '老旧小区停车') => ({
  situation: `${topic}矛盾突出，居民反映强烈。`,
  analysis: `${topic}设施规划滞后，管理机制不健全。`,
  suggestions: `建议统筹规划${topic}资源，推行错时共享。`,
});

async function draft(client: Client, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/opinions', {
    title: '关于缓解老旧小区停车难的建议',
    body: body(),
    category: '城市管理',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const act = (client: Client, id: string, action: string, payload: Record<string, unknown> = {}) =>
  client.post(`/api/v1/opinions/${id}/actions/${action}`, payload);

async function ok(client: Client, id: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await act(client, id, action, payload);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A report of 王芳 taken to "accepted". */
async function accepted(extra: Record<string, unknown> = {}) {
  const id = await draft(wang, extra);
  await ok(wang, id, 'submit');
  await ok(office, id, 'accept');
  return id;
}

const actionsOf = (detail: { allowedActions: { action: string }[] }) => detail.allowedActions.map((a) => a.action);
const notificationsOf = async (client: Client) =>
  (await client.get('/api/v1/notifications?limit=50')).body.items as { title: string; link: string }[];
const auditCount = async (action: string, objectId: string) =>
  (await t.ctx.db.selectFrom('auditLog').select('id').where('action', '=', action).where('objectId', '=', objectId).execute()).length;

describe('drafting', () => {
  it('creates a draft only its writer sees, with the three parts', async () => {
    const id = await draft(wang);
    const mine = await wang.get(`/api/v1/opinions/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      original: { ...body(), title: '关于缓解老旧小区停车难的建议' },
    });
    expect(actionsOf(mine.body)).toEqual(['submit']);
    for (const other of [zhang, office, song, edu, room4]) expect((await other.get(`/api/v1/opinions/${id}`)).status).toBe(404);
    expect((await office.get('/api/v1/opinions')).body.items.some((r: { id: string }) => r.id === id)).toBe(false);
    expect((await wang.get('/api/v1/opinions?mine=true')).body.items.some((r: { id: string }) => r.id === id)).toBe(true);
  });

  it('refuses a title of 51 characters, naming 标题, and writes nothing', async () => {
    const before = (await wang.get('/api/v1/opinions?mine=true')).body.total;
    const res = await wang.post('/api/v1/opinions', { title: '关'.repeat(51), body: body(), category: '城市管理' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('标题');
    expect(res.body.error.message).toContain('50');
    expect((await wang.get('/api/v1/opinions?mine=true')).body.total).toBe(before);
    expect((await wang.post('/api/v1/opinions', { title: '关'.repeat(50), body: body(), category: '城市管理' })).status).toBe(201);
  });

  it('names a missing part, an unknown category and a wrong co-author', async () => {
    const missing = await wang.post('/api/v1/opinions', {
      title: '关于某事的建议',
      body: { situation: '情况', suggestions: '建议' },
      category: '城市管理',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('分析');
    const category = await wang.post('/api/v1/opinions', { title: '关于某事的建议', body: body(), category: '不存在' });
    expect(category.status).toBe(400);
    expect(category.body.error.message).toContain('类别');
    const self = await wang.post('/api/v1/opinions', {
      title: '关于某事',
      body: body(),
      category: '其他',
      coAuthorIds: [org.members.wang],
    });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toContain('联名委员');
  });

  it('refuses units, non-member staff writing as members, and staff outside the office recording for others', async () => {
    const payload = { title: '关于某事的建议', body: body(), category: '其他' };
    expect((await edu.post('/api/v1/opinions', payload)).status).toBe(403);
    expect((await room4.post('/api/v1/opinions', payload)).status).toBe(403);
    expect((await room4.post('/api/v1/opinions', { ...payload, source: 'informant', sourceName: '李明' })).status).toBe(403);
    const informant = await office.post('/api/v1/opinions', { ...payload, source: 'informant' });
    expect(informant.status).toBe(400);
    expect(informant.body.error.message).toContain('信息员姓名');
  });

  it('lets the writer change a draft; co-authors see it once submitted and share it', async () => {
    const id = await draft(wang, { coAuthorIds: [org.members.zhang] });
    expect((await zhang.get(`/api/v1/opinions/${id}`)).status).toBe(404);
    const edited = await wang.patch(`/api/v1/opinions/${id}`, { title: '关于老旧小区错时停车的建议' });
    expect(edited.body.original.title).toBe('关于老旧小区错时停车的建议');
    expect((await zhang.patch(`/api/v1/opinions/${id}`, { title: '改' })).status).toBe(404);
    await ok(wang, id, 'submit');
    const seen = await zhang.get(`/api/v1/opinions/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.coauthors).toEqual([{ memberId: org.members.zhang, name: '张伟' }]);
    expect(actionsOf(seen.body)).toEqual([]);
    expect((await wang.patch(`/api/v1/opinions/${id}`, { title: '再改' })).status).toBe(409);
  });
});

describe('handling', () => {
  it('returns with a required comment; the writer revises and submits again; withdraws before acceptance only', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    expect((await act(office, id, 'return')).status).toBe(400);
    expect((await ok(office, id, 'return', { comment: '请补充数据' })).status).toBe('returned');
    expect((await notificationsOf(wang)).some((n) => n.title.includes('被退回修改：请补充数据'))).toBe(true);
    expect((await wang.patch(`/api/v1/opinions/${id}`, { body: body('老旧小区停车位') })).status).toBe(200);
    await ok(wang, id, 'submit');
    expect((await ok(wang, id, 'withdraw')).status).toBe('withdrawn');
    const later = await accepted();
    expect((await act(wang, later, 'withdraw')).status).toBe(409);
  });

  it('keeps the original text when the office edits, and shows every version', async () => {
    const id = await accepted();
    expect(await auditCount('opinion.accept', id)).toBe(1);
    const edited = await ok(office, id, 'edit', {
      title: '破解老旧小区停车难题的建议',
      body: { ...body(), suggestions: '一是挖潜共享；二是错时停车；三是智慧管理。' },
      comment: '压缩篇幅',
    });
    expect(edited.original.title).toBe('关于缓解老旧小区停车难的建议');
    expect(edited.original.suggestions).toBe(body().suggestions);
    expect(edited.current.title).toBe('破解老旧小区停车难题的建议');
    expect(edited.versions).toHaveLength(1);
    const again = await ok(office, id, 'edit', { title: '破解停车难题的建议', body: body() });
    expect(again.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const author = await wang.get(`/api/v1/opinions/${id}`);
    expect(author.body.original.title).toBe('关于缓解老旧小区停车难的建议');
    expect(author.body.current.title).toBe('破解停车难题的建议');
    expect((await office.get(`/api/v1/opinions?q=${encodeURIComponent('破解停车')}`)).body.items.map((r: { id: string }) => r.id)).toEqual([
      id,
    ]);
    // The search index reads the title as written and as edited, and the author's name; every word must match.
    const found = async (q: string) =>
      (await office.get(`/api/v1/opinions?q=${encodeURIComponent(q)}`)).body.items.map((r: { id: string }) => r.id);
    expect(await found('缓解老旧')).toContain(id);
    expect(await found('王芳 停车')).toContain(id);
    expect(await found('停车 菜市场')).not.toContain(id);
    const bad = await act(office, id, 'edit', { title: '改', body: { situation: '只有情况' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('分析');
  });

  it('adopts at the district and then the city level, once each; forwards; a leader instructs; the office follows up and closes', async () => {
    const id = await accepted({ coAuthorIds: [org.members.zhao] });
    expect((await act(office, id, 'feedback', { content: '已落实' })).status).toBe(409);
    expect((await act(office, id, 'adopt', {})).status).toBe(400);
    const district = await ok(office, id, 'adopt', { level: 'district', outlet: '《社情民意》专刊' });
    expect(district).toMatchObject({ status: 'adopted', statusLabel: '已采用' });
    const twice = await act(office, id, 'adopt', { level: 'district' });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('层级');
    const city = await ok(office, id, 'adopt', { level: 'city', outlet: '北京市政协《社情民意》' });
    expect(city.adoptions.map((a: { level: string }) => a.level)).toEqual(['district', 'city']);
    expect((await act(office, id, 'decline', { reason: '重复' })).status).toBe(409);
    const forwarded = await ok(office, id, 'forward', { target: '区委办公室、区政府办公室' });
    expect(forwarded.forwards[0]).toMatchObject({ target: '区委办公室、区政府办公室', date: todayInShanghai() });

    expect(actionsOf(await (await song.get(`/api/v1/opinions/${id}`)).body)).toEqual(['instruct']);
    const instructed = await ok(song, id, 'instruct', { leaderName: '别人', content: '请区城管委研究落实。' });
    expect(instructed.instructions[0]).toMatchObject({ leaderName: '宋铁健', level: 'district', content: '请区城管委研究落实。' });
    expect((await act(office, id, 'instruct', { content: '请研究。' })).status).toBe(400);
    await ok(office, id, 'instruct', { leaderName: '张市长', leaderTitle: '副市长', level: 'city', content: '请市交通委研究。' });
    const followed = await ok(office, id, 'feedback', { content: '区城管委已在 12 个小区推行错时停车。' });
    expect(followed.feedbacks).toHaveLength(1);
    const closed = await ok(office, id, 'close');
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'accept',
      'adopt',
      'adopt',
      'forward',
      'instruct',
      'instruct',
      'feedback',
      'close',
    ]);
    for (const member of [wang, zhao]) {
      const titles = (await notificationsOf(member)).map((n) => n.title);
      expect(titles.some((x) => x.includes('被市政协采用'))).toBe(true);
      expect(titles.some((x) => x.includes('获宋铁健批示'))).toBe(true);
    }
  });

  it('declines with a required reason, then closes', async () => {
    const id = await accepted();
    const missing = await act(office, id, 'decline', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('理由');
    const declined = await ok(office, id, 'decline', { reason: '内容已有部门掌握' });
    expect(declined).toMatchObject({ status: 'declined', declineReason: '内容已有部门掌握' });
    expect(actionsOf(declined)).toEqual(['close']);
    expect((await ok(office, id, 'close')).status).toBe('closed');
  });

  it("refuses every action to whoever may not take it: others' reports are 404, wrong roles 403, wrong states 409", async () => {
    const id = await draft(wang);
    expect((await act(zhang, id, 'submit')).status).toBe(404);
    expect((await act(office, id, 'accept')).status).toBe(404);
    await ok(wang, id, 'submit');
    expect((await act(wang, id, 'accept')).status).toBe(403);
    expect((await act(song, id, 'accept')).status).toBe(403);
    expect((await act(room4, id, 'accept')).status).toBe(404);
    expect((await act(edu, id, 'accept')).status).toBe(404);
    expect((await act(auditor, id, 'accept')).status).toBe(404);
    expect((await act(zhang, id, 'withdraw')).status).toBe(404);
    expect((await act(office, id, 'adopt', { level: 'district' })).status).toBe(409);
    expect((await act(office, id, 'close')).status).toBe(409);
    expect((await act(office, id, 'fly')).status).toBe(404);
    expect((await act(song, id, 'instruct', { content: '阅' })).status).toBe(409);
    await ok(office, id, 'accept');
    expect((await act(wang, id, 'adopt', { level: 'district' })).status).toBe(403);
    expect((await act(song, id, 'edit', { title: '改', body: body() })).status).toBe(403);
    expect((await act(office, id, 'adopt', { level: 'province' })).status).toBe(400);
    expect((await act(office, id, 'adopt', { level: 'district', date: '2999-01-01' })).status).toBe(400);
    expect((await office.get(`/api/v1/opinions/${id}`)).body.adoptions).toEqual([]);
  });

  it('records reports for a sector and an informant; the office submits them like a writer', async () => {
    const sector = await draft(office, { source: 'sector', sourceOrgId: org.sectors.culture });
    const detail = await ok(office, sector, 'submit');
    expect(detail).toMatchObject({ status: 'submitted', source: 'sector', sourceName: '文化体育界', authorMemberId: null });
    const informant = await draft(office, { source: 'informant', sourceName: '刘晓' });
    expect((await office.get(`/api/v1/opinions/${informant}`)).body.sourceLabel).toBe('特约信息员');
    const unknown = await office.post('/api/v1/opinions', {
      title: '关于某事',
      body: body(),
      category: '其他',
      source: 'party',
      sourceOrgId: org.sectors.culture,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('来源党派团体或界别');
  });
});

describe('lists', () => {
  it('filters the office queue by status, category, year and title, with bounded totals and pages', async () => {
    const id = await draft(wang, { title: '关于社区菜市场便民改造的建议', category: '社会民生' });
    await ok(wang, id, 'submit');
    const queue = await office.get(`/api/v1/opinions?status=submitted&category=${encodeURIComponent('社会民生')}&year=${year}`);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(queue.body).toMatchObject({ total: 1, totalCapped: false });
    const found = await song.get(`/api/v1/opinions?q=${encodeURIComponent('菜市场')}`);
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const paged = await office.get('/api/v1/opinions?pageSize=2&page=2');
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThan(4);
    expect((await edu.get('/api/v1/opinions')).body).toMatchObject({ items: [], total: 0 });
    expect((await office.get('/api/v1/opinions?status=nonsense')).status).toBe(400);
  });

  it('finds the same page walking the list in order, testing the text the list index carries', async () => {
    const { db, dialect } = t.ctx;
    for (const title of [
      '关于推广SMART社区服务的建议',
      '关于老旧小区加装电梯的建议',
      '社区养老服务驿站运营难',
      '关于规范共享单车停放的建议',
    ])
      await draft(wang, { title });
    const rows = await db
      .selectFrom('opinionReports')
      .select(['id', 'searchText'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const pieces = new Set<string>(['王芳 停车', 'smart', 'Smart 社区', '菜市场', '量子']);
    for (const r of rows)
      for (const word of r.searchText.split(/\s+/)) for (let i = 0; i + 2 <= word.length; i += 2) pieces.add(word.slice(i, i + 2));
    const walks: string[] = [];
    const wrong: string[] = [];
    for (const q of pieces) {
      const found = await walkedAndRead(db, dialect, OPINION_SEARCH, q);
      walks.push(...found.walks);
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const expected = rows.filter((r) => words.every((w) => r.searchText.toLowerCase().includes(w))).map((r) => r.id);
      if (JSON.stringify(found.walked) !== JSON.stringify(expected) || JSON.stringify(found.read) !== JSON.stringify(expected))
        wrong.push(q);
    }
    expect(pieces.size).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
    if (dialect === 'postgres') {
      expect(walks.length).toBeGreaterThan(0);
      // The walk reads the report's own text, which the list index carries, and never probes the search table.
      for (const statement of walks) expect(statement).not.toContain('opinion_search');
    } else {
      expect(walks).toEqual([]);
    }
  });
});

describe('bulletin issues', () => {
  it('puts adopted reports in an issue, publishes it read-only, and exports it to Word', async () => {
    const adopted = await accepted({ title: '关于规范共享单车停放的建议' });
    await ok(office, adopted, 'edit', { title: '规范共享单车停放刻不容缓', body: body('共享单车') });
    await ok(office, adopted, 'adopt', { level: 'district' });
    const notAdopted = await accepted();
    const created = await office.post('/api/v1/opinions/bulletins', { title: '城市管理专辑', issueDate: `${year}-06-01` });
    expect(created.status).toBe(201);
    const second = await office.post('/api/v1/opinions/bulletins', { title: '第二期', issueDate: `${year}-06-15` });
    const id = created.body.id as string;
    expect((await office.get(`/api/v1/opinions/bulletins/${second.body.id}`)).body.number).toBe(
      (await office.get(`/api/v1/opinions/bulletins/${id}`)).body.number + 1,
    );
    const refused = await office.put(`/api/v1/opinions/bulletins/${id}/items`, { reportIds: [adopted, notAdopted] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('尚未采用');
    expect((await office.post(`/api/v1/opinions/bulletins/${id}/publish`, {})).status).toBe(409);
    const filled = await office.put(`/api/v1/opinions/bulletins/${id}/items`, { reportIds: [adopted] });
    expect(filled.body.reports).toMatchObject([{ id: adopted, title: '规范共享单车停放刻不容缓' }]);
    expect((await room4.put(`/api/v1/opinions/bulletins/${id}/items`, { reportIds: [] })).status).toBe(404);
    const published = await office.post(`/api/v1/opinions/bulletins/${id}/publish`, {});
    expect(published.body).toMatchObject({ status: 'published', canEdit: false });
    expect((await office.put(`/api/v1/opinions/bulletins/${id}/items`, { reportIds: [] })).status).toBe(409);
    expect((await office.post(`/api/v1/opinions/bulletins/${id}/publish`, {})).status).toBe(409);
    expect((await notificationsOf(wang)).some((n) => n.title.includes('编入《社情民意》'))).toBe(true);
    expect((await wang.get(`/api/v1/opinions/${adopted}`)).body.bulletins).toMatchObject([{ id, status: 'published' }]);

    const docx = await song.get(`/api/v1/opinions/bulletins/${id}/docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    expect(docx.raw.subarray(0, 2).toString()).toBe('PK');
    expect((await wang.get(`/api/v1/opinions/bulletins/${id}/docx`)).status).toBe(404);
    expect((await wang.get('/api/v1/opinions/bulletins')).status).toBe(403);
    expect((await song.get('/api/v1/opinions/bulletins')).body.items.some((b: { id: string }) => b.id === id)).toBe(true);
    expect((await song.post('/api/v1/opinions/bulletins', { title: '领导不编刊', issueDate: `${year}-06-01` })).status).toBe(403);
    const badDate = await office.post('/api/v1/opinions/bulletins', { title: '日期错', issueDate: '2026-13-01' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('印发日期');
  });
});

describe('points and statistics', () => {
  it("scores submission, adoption at each level and instructions in the authors' duty records", async () => {
    const before = await wang.get(`/api/v1/performance/members/${org.members.wang}/record?year=${year}`);
    const kinds = (b: { kinds: { kind: string; count: number; points: number }[] }) =>
      Object.fromEntries(b.kinds.map((k) => [k.kind, k.count]));
    const id = await accepted({ coAuthorIds: [org.members.zhang] });
    await ok(office, id, 'adopt', { level: 'district' });
    await ok(office, id, 'adopt', { level: 'national' });
    await ok(song, id, 'instruct', { content: '请研究。' });
    const after = await wang.get(`/api/v1/performance/members/${org.members.wang}/record?year=${year}`);
    expect(after.status).toBe(200);
    const was = kinds(before.body);
    const now = kinds(after.body);
    expect(now.opinion_submitted - was.opinion_submitted).toBe(1);
    expect(now.opinion_adopted_district - was.opinion_adopted_district).toBe(1);
    expect(now.opinion_adopted_national - was.opinion_adopted_national).toBe(1);
    expect(now.opinion_instructed - was.opinion_instructed).toBe(1);
    const national = after.body.kinds.find((k: { kind: string }) => k.kind === 'opinion_adopted_national');
    expect(national.points).toBeGreaterThanOrEqual(10);
    const line = after.body.opinions.find((o: { id: string }) => o.id === id);
    expect(line).toMatchObject({ link: `/opinions/${id}`, instructions: 1 });
    expect(line.adoptions.map((a: { level: string }) => a.level).sort()).toEqual(['district', 'national']);
    const coauthor = await zhang.get(`/api/v1/performance/members/${org.members.zhang}/record?year=${year}`);
    expect(kinds(coauthor.body).opinion_adopted_national).toBeGreaterThanOrEqual(1);
    const evaluation = await office.get(`/api/v1/performance/evaluation?year=${year}&pageSize=100`);
    const row = evaluation.body.items.find((r: { memberId: string }) => r.memberId === org.members.wang);
    expect(row.opinionsAdopted).toBeGreaterThanOrEqual(2);
  });

  it("lists in a year's duty record the reports submitted in it, and earlier ones adopted or instructed on in it", async () => {
    const [quiet, adopted, instructed] = [await accepted(), await accepted(), await accepted()];
    // Submitted last year (set directly: submission stamps the current year).
    await t.ctx.db
      .updateTable('opinionReports')
      .set({ year: year - 1 })
      .where('id', 'in', [quiet, adopted, instructed])
      .execute();
    await ok(office, adopted, 'adopt', { level: 'district' });
    await ok(song, instructed, 'instruct', { content: '请有关部门研究。' });
    const listed = async (y: number) =>
      (await wang.get(`/api/v1/performance/members/${org.members.wang}/record?year=${y}`)).body.opinions.map((o: { id: string }) => o.id);
    const thisYear = await listed(year);
    expect(thisYear).toEqual(expect.arrayContaining([adopted, instructed]));
    expect(thisYear).not.toContain(quiet);
    expect(await listed(year - 1)).toEqual(expect.arrayContaining([quiet, adopted, instructed]));
  });

  it('converting a proposal to an opinion report makes a submitted report the office can accept', async () => {
    const proposal = await wang.post('/api/v1/proposals', {
      subject: '关于加强校园周边交通秩序管理的建议',
      kind: 'individual',
      body: body('校园周边交通'),
    });
    await wang.post(`/api/v1/proposals/${proposal.body.id}/actions/submit`, {});
    const converted = await room4.post(`/api/v1/proposals/${proposal.body.id}/actions/convert`, { convertTo: 'opinion' });
    expect(converted.status).toBe(200);
    const reportId = String(converted.body.convertedLink).split('/').pop()!;
    const report = await office.get(`/api/v1/opinions/${reportId}`);
    expect(report.body).toMatchObject({
      status: 'submitted',
      proposalId: proposal.body.id,
      original: { title: '关于加强校园周边交通秩序管理的建议' },
    });
    expect(report.body.history[0]).toMatchObject({ action: 'submit', comment: '由提案「关于加强校园周边交通秩序管理的建议」转来' });
    expect(actionsOf(report.body)).toEqual(['return', 'accept']);
    expect(actionsOf((await wang.get(`/api/v1/opinions/${reportId}`)).body)).toEqual(['withdraw']);
    await ok(office, reportId, 'accept', { category: '城市管理' });
  });

  it('counts the year: submitted, accepted, adopted per level, instructions, by category and sector; Excel for the office', async () => {
    const stats = await office.get(`/api/v1/opinions/stats?year=${year}`);
    expect(stats.status).toBe(200);
    expect(stats.body.submitted).toBeGreaterThan(5);
    expect(stats.body.accepted).toBeGreaterThan(3);
    const levels = Object.fromEntries(stats.body.byLevel.map((l: { level: string; count: number }) => [l.level, l.count]));
    expect(levels.district).toBeGreaterThanOrEqual(3);
    expect(levels.city).toBe(1);
    expect(levels.national).toBe(1);
    expect(stats.body.instructions).toBeGreaterThanOrEqual(3);
    expect(stats.body.byCategory.find((c: { name: string }) => c.name === '城市管理').submitted).toBeGreaterThan(1);
    expect(stats.body.bySector.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['经济界', '文化体育界']));
    const xlsx = await song.get(`/api/v1/opinions/stats.xlsx?year=${year}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    expect((await wang.get('/api/v1/opinions/stats')).status).toBe(403);
    expect((await room4.get('/api/v1/opinions/stats')).status).toBe(403);
    expect((await office.get('/api/v1/opinions/stats?year=1800')).status).toBe(400);
  });

  it('lets the office add a category, once', async () => {
    expect((await office.post('/api/v1/opinions/categories', { name: '乡村振兴' })).status).toBe(201);
    expect((await office.post('/api/v1/opinions/categories', { name: '乡村振兴' })).status).toBe(400);
    expect((await wang.post('/api/v1/opinions/categories', { name: '别的' })).status).toBe(403);
    expect((await wang.get('/api/v1/opinions/meta')).body.categories).toContain('乡村振兴');
  });
});
