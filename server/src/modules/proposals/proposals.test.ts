import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { newId } from '../../platform/ids.js';
import { addDays, nowIso, todayInShanghai } from '../../platform/time.js';
import { sendDueReminders } from './proposals.jobs.js';
import { addMonths } from './proposals.workflow.js';

let t: TestPlatform;
let org: SmallOrg;
let wang: Client,
  zhang: Client,
  zhao: Client,
  office: Client,
  room5: Client,
  edu: Client,
  health: Client,
  commerce: Client,
  song: Client,
  publicUser: Client;

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [wang, zhang, zhao, office, room5, edu, health, commerce, song, publicUser] = await Promise.all([
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
    org.login('proposalStaff'),
    org.login('room5Staff'),
    org.login('unitEducation'),
    org.login('unitHealth'),
    org.login('unitCommerce'),
    org.login('leaderSong'),
    org.login('public'),
  ]);
});
afterAll(() => t?.close());

const body = (topic = '中小学课后服务') => ({
  situation: `${topic}覆盖面不足，部分学校师资紧张。`,
  analysis: `${topic}经费保障机制尚不健全，家长负担较重。`,
  suggestions: `建议完善${topic}经费保障，引入社会资源，扩大${topic}覆盖面。`,
});

async function draft(client: Client, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/proposals', {
    subject: '关于完善中小学课后服务的建议',
    body: body(),
    kind: 'individual',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const act = (client: Client, id: string, action: string, payload: Record<string, unknown> = {}) =>
  client.post(`/api/v1/proposals/${id}/actions/${action}`, payload);

async function ok(client: Client, id: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await act(client, id, action, payload);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A proposal taken to "assigned": education leads, health joins. */
async function assigned(extra: Record<string, unknown> = {}) {
  const id = await draft(wang, extra);
  await ok(wang, id, 'submit');
  await ok(office, id, 'register', { category: '社会建设' });
  await ok(office, id, 'assign', {
    assignments: [
      { unitId: org.units.education, role: 'lead' },
      { unitId: org.units.health, role: 'joint' },
    ],
  });
  return id;
}

const notificationsOf = async (client: Client) =>
  (await client.get('/api/v1/notifications?limit=50')).body.items as { title: string; link: string }[];

describe('drafting', () => {
  it('creates a draft only the lead proposer sees, with the three parts', async () => {
    const id = await draft(wang);
    const mine = await wang.get(`/api/v1/proposals/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'draft', statusLabel: '草稿', body: body(), kind: 'individual' });
    expect(mine.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['submit']);
    for (const other of [zhang, office, song, edu]) expect((await other.get(`/api/v1/proposals/${id}`)).status).toBe(404);
    const list = await zhang.get('/api/v1/proposals');
    expect(list.body.items.some((p: { id: string }) => p.id === id)).toBe(false);
  });

  it('refuses a subject of 51 characters, naming 案由, and writes nothing', async () => {
    const before = (await wang.get('/api/v1/proposals?mine=true')).body.total;
    const res = await wang.post('/api/v1/proposals', { subject: '关'.repeat(51), body: body(), kind: 'individual' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('案由');
    expect(res.body.error.message).toContain('50');
    expect((await wang.get('/api/v1/proposals?mine=true')).body.total).toBe(before);
    const fifty = await wang.post('/api/v1/proposals', { subject: '关'.repeat(50), body: body(), kind: 'individual' });
    expect(fifty.status).toBe(201);
  });

  it('requires all three parts of the body, naming the missing one', async () => {
    const res = await wang.post('/api/v1/proposals', {
      subject: '关于某事的建议',
      body: { situation: '情况', analysis: '分析' },
      kind: 'individual',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('建议');
  });

  it('requires co-signers for a joint proposal and refuses them on an individual one', async () => {
    const joint = await wang.post('/api/v1/proposals', { subject: '关于联名的建议', body: body(), kind: 'joint' });
    expect(joint.status).toBe(400);
    expect(joint.body.error.message).toContain('联名人');
    const individual = await wang.post('/api/v1/proposals', {
      subject: '关于个人的建议',
      body: body(),
      kind: 'individual',
      coSignerIds: [org.members.zhang],
    });
    expect(individual.status).toBe(400);
  });

  it('refuses an unknown category by name and a unit or staff writing proposals', async () => {
    const res = await wang.post('/api/v1/proposals', {
      subject: '关于某事的建议',
      body: body(),
      kind: 'individual',
      category: '不存在的类别',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('类别');
    expect((await edu.post('/api/v1/proposals', { subject: '关于某事的建议', body: body(), kind: 'individual' })).status).toBe(403);
    expect((await office.post('/api/v1/proposals', { subject: '关于某事的建议', body: body(), kind: 'individual' })).status).toBe(403);
  });

  it('lets the lead proposer edit a draft, and nobody else', async () => {
    const id = await draft(wang);
    const res = await wang.patch(`/api/v1/proposals/${id}`, { subject: '关于进一步完善课后服务的建议' });
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('关于进一步完善课后服务的建议');
    expect((await zhang.patch(`/api/v1/proposals/${id}`, { subject: '改' })).status).toBe(404);
  });

  it('names the plenary session of the current term a plenary proposal was put forward at', async () => {
    const plenary = '01a2146b-0000-7000-8000-00000000a001';
    const other = '01a2146b-0000-7000-8000-00000000a002';
    const at = new Date().toISOString();
    await t.ctx.db
      .insertInto('plenaries')
      .values({
        id: plenary,
        termId: org.termId,
        number: 1,
        name: '第十四届一次会议',
        startDate: '2017-01-10',
        endDate: null,
        createdAt: at,
      })
      .execute();
    const unknown = await wang.post('/api/v1/proposals', { subject: '关于会议的建议', body: body(), kind: 'individual', plenaryId: other });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('会议：不是本届的全体会议');
    const mixed = await wang.post('/api/v1/proposals', {
      subject: '关于会议的建议',
      body: body(),
      kind: 'individual',
      session: 'interim',
      plenaryId: plenary,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toContain('平时提出');
    const id = await draft(wang, { plenaryId: plenary });
    expect((await wang.get(`/api/v1/proposals/${id}`)).body).toMatchObject({
      session: 'plenary',
      plenaryId: plenary,
      plenaryName: '第十四届一次会议',
    });
    expect((await wang.patch(`/api/v1/proposals/${id}`, { session: 'interim' })).status).toBe(200);
    expect((await wang.get(`/api/v1/proposals/${id}`)).body).toMatchObject({ session: 'interim', plenaryId: null, plenaryName: null });
  });

  it('refuses a collective proposal without the body in whose name it is made', async () => {
    const res = await wang.post('/api/v1/proposals', { subject: '关于集体的建议', body: body(), kind: 'collective' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('提案单位');
    const ok = await wang.post('/api/v1/proposals', {
      subject: '关于集体的建议',
      body: body(),
      kind: 'collective',
      collectiveOrgType: 'sector',
      collectiveOrgId: org.sectors.economy,
    });
    expect(ok.status).toBe(201);
    // In the name of a party: the party must exist, and its name is what the proposal shows.
    const partyId = newId();
    await t.ctx.db
      .insertInto('parties')
      .values({ id: partyId, name: '中国民主同盟东城区委员会', sortOrder: 1, createdAt: nowIso() })
      .execute();
    const unknown = await wang.post('/api/v1/proposals', {
      subject: '关于集体的建议',
      body: body(),
      kind: 'collective',
      collectiveOrgType: 'party',
      collectiveOrgId: newId(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('不存在');
    const byParty = await wang.post('/api/v1/proposals', {
      subject: '关于集体的建议',
      body: body(),
      kind: 'collective',
      collectiveOrgType: 'party',
      collectiveOrgId: partyId,
    });
    expect(byParty.status).toBe(201);
    expect((await wang.get(`/api/v1/proposals/${byParty.body.id}`)).body.collectiveOrgName).toBe('中国民主同盟东城区委员会');
  });
});

describe('joint proposals and co-signers', () => {
  it('waits for every co-signer, then goes to the office; a co-signer sees it once submitted', async () => {
    const id = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang, org.members.zhao] });
    expect((await zhang.get(`/api/v1/proposals/${id}`)).status).toBe(404);
    const submitted = await ok(wang, id, 'submit');
    expect(submitted.status).toBe('awaiting_cosigners');
    expect((await notificationsOf(zhang)).some((n) => n.link === `/proposals/${id}` && n.title.includes('联名'))).toBe(true);
    const seen = await zhang.get(`/api/v1/proposals/${id}`);
    expect(seen.body.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['confirm', 'refuse']);
    // The office cannot review before the co-signers answered or the deadline passed.
    const early = await act(office, id, 'register', { category: '社会建设' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('联名人');
    expect((await ok(zhang, id, 'confirm')).status).toBe('awaiting_cosigners');
    expect((await act(zhang, id, 'confirm')).status).toBe(403);
    expect((await ok(zhao, id, 'refuse')).status).toBe('submitted');
    const registered = await ok(office, id, 'register', { category: '社会建设' });
    expect(registered.proposers.map((p: { name: string; confirmState: string }) => `${p.name}:${p.confirmState}`)).toEqual([
      '王芳:confirmed',
      '张伟:confirmed',
      '赵敏:refused',
    ]);
  });

  it('lets the office review once the confirmation deadline passed, dropping silent co-signers', async () => {
    const id = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang] });
    await ok(wang, id, 'submit');
    await t.ctx.db
      .updateTable('proposals')
      .set({ cosignDeadline: addDays(todayInShanghai(), -1) })
      .where('id', '=', id)
      .execute();
    const res = await ok(office, id, 'register', { category: '社会建设' });
    expect(res.status).toBe('registered');
    expect(res.proposers.find((p: { name: string }) => p.name === '张伟').confirmState).toBe('expired');
  });

  it('refuses confirm by someone who is not a co-signer', async () => {
    const id = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang] });
    await ok(wang, id, 'submit');
    expect((await act(zhao, id, 'confirm')).status).toBe(404);
    expect((await act(office, id, 'confirm')).status).toBe(403);
  });
});

describe('review by the proposal office', () => {
  it('numbers registered proposals per term in order', async () => {
    const a = await draft(wang);
    const b = await draft(zhang);
    await ok(wang, a, 'submit');
    await ok(zhang, b, 'submit');
    const first = await ok(office, a, 'register', { category: '经济建设' });
    const second = await ok(office, b, 'register', { category: '经济建设' });
    expect(second.number).toBe(first.number + 1);
    expect(second.category).toBe('经济建设');
  });

  it('requires a known category at registration', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    const missing = await act(office, id, 'register', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('类别');
    expect((await act(office, id, 'register', { category: '外星建设' })).status).toBe(400);
    expect((await wang.get(`/api/v1/proposals/${id}`)).body.status).toBe('submitted');
  });

  it('refuses office actions to a member, a unit, a leader and staff outside the proposal office', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    expect((await act(wang, id, 'register', { category: '经济建设' })).status).toBe(403);
    expect((await act(song, id, 'register', { category: '经济建设' })).status).toBe(403);
    expect((await act(room5, id, 'register', { category: '经济建设' })).status).toBe(404);
    expect((await act(edu, id, 'register', { category: '经济建设' })).status).toBe(404);
  });

  it('declines with a standard ground and a comment', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    const bad = await act(office, id, 'decline', { ground: '我不喜欢', comment: '无' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('不予立案理由');
    expect((await act(office, id, 'decline', { ground: '属于学术性探讨的' })).status).toBe(400);
    const res = await ok(office, id, 'decline', { ground: '属于学术性探讨的', comment: '建议以论文形式发表' });
    expect(res).toMatchObject({ status: 'declined', declineGround: '属于学术性探讨的' });
    expect((await act(office, id, 'register', { category: '经济建设' })).status).toBe(409);
  });

  it('returns for revision; the proposer edits and submits again', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    expect((await act(office, id, 'return', {})).status).toBe(400);
    await ok(office, id, 'return', { comment: '请聚焦一个问题' });
    expect((await wang.patch(`/api/v1/proposals/${id}`, { subject: '关于课后服务经费保障的建议' })).status).toBe(200);
    expect((await ok(wang, id, 'submit')).status).toBe('submitted');
  });

  it('converts into an opinion report: a submitted report of the proposer, linked both ways', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    const res = await ok(office, id, 'convert', { convertTo: 'opinion', comment: '更适合作为社情民意' });
    expect(res).toMatchObject({ status: 'converted', convertedTo: 'opinion' });
    expect(res.convertedLink).toMatch(/^\/opinions\/[0-9a-f-]{36}$/);
    const report = await wang.get(`/api/v1${res.convertedLink}`);
    expect(report.body).toMatchObject({ status: 'submitted', proposalId: id, sourceName: '王芳' });
  });

  it('converts into a member letter keeping the given link', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    const res = await ok(office, id, 'convert', { convertTo: 'member_letter', link: '来信 2026-15 号' });
    expect(res).toMatchObject({ status: 'converted', convertedTo: 'member_letter', convertedLink: '来信 2026-15 号' });
  });

  it('lets the lead proposer withdraw before review, not after', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    expect((await act(zhang, id, 'withdraw')).status).toBe(404);
    expect((await ok(wang, id, 'withdraw')).status).toBe('withdrawn');
    const later = await assigned();
    expect((await act(wang, later, 'withdraw')).status).toBe(409);
  });

  it('answers an unknown action with 404 naming it', async () => {
    const id = await draft(wang);
    const res = await act(wang, id, 'approve');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('approve');
  });
});

describe('assignment, objection and handling', () => {
  it('assigns with a due date three months out by default and requires exactly one lead unit', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    await ok(office, id, 'register', { category: '社会建设' });
    const twoLeads = await act(office, id, 'assign', {
      assignments: [
        { unitId: org.units.education, role: 'lead' },
        { unitId: org.units.health, role: 'lead' },
      ],
    });
    expect(twoLeads.status).toBe(400);
    expect(twoLeads.body.error.message).toContain('主办');
    const tooLate = await act(office, id, 'assign', {
      assignments: [{ unitId: org.units.education, role: 'lead' }],
      dueDate: addMonths(todayInShanghai(), 7),
    });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.message).toContain('办理时限');
    const res = await ok(office, id, 'assign', {
      assignments: [
        { unitId: org.units.education, role: 'lead' },
        { unitId: org.units.health, role: 'joint' },
      ],
    });
    expect(res.status).toBe('assigned');
    expect(res.dueDate).toBe(addMonths(todayInShanghai(), 3));
    expect((await notificationsOf(edu)).some((n) => n.link === `/proposals/${id}`)).toBe(true);
  });

  it('shows a unit only what is assigned to it; another unit gets 404', async () => {
    const id = await assigned();
    expect((await edu.get(`/api/v1/proposals/${id}`)).status).toBe(200);
    expect((await health.get(`/api/v1/proposals/${id}`)).status).toBe(200);
    expect((await commerce.get(`/api/v1/proposals/${id}`)).status).toBe(404);
    expect((await act(commerce, id, 'reply', { classification: 'A', body: '答复' })).status).toBe(404);
    const list = await commerce.get('/api/v1/proposals');
    expect(list.body.items.some((p: { id: string }) => p.id === id)).toBe(false);
    const eduList = await edu.get('/api/v1/proposals?overdue=false');
    expect(eduList.status).toBe(200);
    expect(eduList.body.items.some((p: { id: string }) => p.id === id)).toBe(true);
  });

  it('does not let a joint unit reply; it advises the lead unit', async () => {
    const id = await assigned();
    const detail = await health.get(`/api/v1/proposals/${id}`);
    expect(detail.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['object', 'advise']);
    expect((await act(health, id, 'reply', { classification: 'A', body: '我们来答复' })).status).toBe(403);
    await ok(health, id, 'advise', { body: '卫生健康委同意在校医配备方面予以支持。' });
    expect((await act(health, id, 'advise', { body: '再说一次' })).status).toBe(409);
    expect((await act(edu, id, 'advise', { body: '主办单位不能会办' })).status).toBe(403);
    expect((await notificationsOf(edu)).some((n) => n.title.includes('会办意见'))).toBe(true);
  });

  it('takes an objection within the configured days; the office keeps or reassigns', async () => {
    const id = await assigned();
    expect((await act(health, id, 'object', {})).status).toBe(400);
    const objected = await ok(health, id, 'object', { reason: '本单位职能不涉及' });
    expect(objected.status).toBe('objected');
    expect((await act(edu, id, 'reply', { classification: 'A', body: '答复' })).status).toBe(409);
    expect((await act(health, id, 'keep', { comment: '请配合' })).status).toBe(403);
    const reassigned = await ok(office, id, 'reassign', {
      assignments: [
        { unitId: org.units.education, role: 'lead' },
        { unitId: org.units.commerce, role: 'joint' },
      ],
    });
    expect(reassigned.status).toBe('assigned');
    expect((await health.get(`/api/v1/proposals/${id}`)).status).toBe(404);
    expect((await commerce.get(`/api/v1/proposals/${id}`)).status).toBe(200);
    const listed = async (client: Client) => (await client.get('/api/v1/proposals')).body.items.map((p: { id: string }) => p.id);
    expect(await listed(health)).not.toContain(id);
    expect(await listed(commerce)).toContain(id);
    expect((await listed(edu)).filter((p: string) => p === id)).toHaveLength(1);

    const other = await assigned();
    await ok(edu, other, 'object', { reason: '应由区商务局主办' });
    const kept = await ok(office, other, 'keep', { comment: '教育委员会职责相关，请继续办理' });
    expect(kept.status).toBe('assigned');
    expect(kept.assignments.find((a: { unitId: string }) => a.unitId === org.units.education).objectionState).toBe('rejected');
    expect((await act(edu, other, 'object', { reason: '再次申退' })).status).toBe(403);
  });

  it('refuses an objection after the configured days', async () => {
    const id = await assigned();
    const longAgo = new Date(Date.now() - 6 * 86400_000).toISOString();
    await t.ctx.db.updateTable('proposalAssignments').set({ assignedAt: longAgo }).where('proposalId', '=', id).execute();
    const res = await act(edu, id, 'object', { reason: '太晚了' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('5 日内');
    expect((await edu.get(`/api/v1/proposals/${id}`)).body.allowedActions.map((a: { action: string }) => a.action)).not.toContain('object');
  });

  it('needs every separate unit to reply before the proposal counts as replied', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    await ok(office, id, 'register', { category: '社会建设' });
    await ok(office, id, 'assign', {
      assignments: [
        { unitId: org.units.education, role: 'separate' },
        { unitId: org.units.commerce, role: 'separate' },
      ],
    });
    expect((await ok(edu, id, 'reply', { classification: 'B', body: '教育方面正在推进' })).status).toBe('assigned');
    expect((await act(edu, id, 'reply', { classification: 'B', body: '再答复' })).status).toBe(409);
    expect((await ok(commerce, id, 'reply', { classification: 'A', body: '商务方面已解决' })).status).toBe('replied');
  });

  it('refuses a reply without class or with an unknown class, naming the field', async () => {
    const id = await assigned();
    const res = await act(edu, id, 'reply', { classification: 'D', body: '答复' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('答复类别');
    expect((await act(edu, id, 'reply', { classification: 'A' })).status).toBe(400);
  });
});

describe('reply, evaluation, re-handling and closing', () => {
  it('an unsatisfied evaluation leads to re-handling, then a new reply and evaluation, then closing', async () => {
    const id = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang] });
    await ok(wang, id, 'submit');
    await ok(zhang, id, 'confirm');
    await ok(office, id, 'register', { category: '社会建设' });
    await ok(office, id, 'assign', { assignments: [{ unitId: org.units.education, role: 'lead' }] });
    expect((await act(wang, id, 'evaluate', { satisfaction: 'satisfied' })).status).toBe(409);
    const replied = await ok(edu, id, 'reply', { classification: 'B', body: '正在制定课后服务经费保障办法。' });
    expect(replied.status).toBe('replied');
    expect((await notificationsOf(zhang)).some((n) => n.title.includes('请评价'))).toBe(true);
    expect((await act(office, id, 'rehandle', {})).status).toBe(409);
    expect((await act(wang, id, 'evaluate', { satisfaction: 'so-so' })).status).toBe(400);
    await ok(wang, id, 'evaluate', { satisfaction: 'unsatisfied', comment: '没有时间表' });
    expect((await act(wang, id, 'evaluate', { satisfaction: 'satisfied' })).status).toBe(403);
    const after = await ok(zhang, id, 'evaluate', { satisfaction: 'basically_satisfied' });
    expect(after.status).toBe('evaluated');
    const officeView = await office.get(`/api/v1/proposals/${id}`);
    expect(officeView.body.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['close', 'rehandle']);
    expect((await act(edu, id, 'rehandle', {})).status).toBe(403);
    const rehandling = await ok(office, id, 'rehandle', { comment: '请补充时间表' });
    expect(rehandling).toMatchObject({ status: 'rehandling', round: 2, dueDate: addMonths(todayInShanghai(), 1) });
    expect(rehandling.evaluations).toHaveLength(2);
    await ok(edu, id, 'reply', { classification: 'A', body: '已出台办法，2026 年秋季起实施。' });
    await ok(wang, id, 'evaluate', { satisfaction: 'satisfied' });
    await ok(zhang, id, 'evaluate', { satisfaction: 'satisfied' });
    const closed = await ok(office, id, 'close');
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'confirm',
      'register',
      'assign',
      'reply',
      'evaluate',
      'evaluate',
      'rehandle',
      'reply',
      'evaluate',
      'evaluate',
      'close',
    ]);
  });

  it('closes before all evaluations only with a reason', async () => {
    const id = await assigned();
    await ok(edu, id, 'reply', { classification: 'C', body: '留作参考。' });
    const res = await act(office, id, 'close', {});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('意见');
    expect((await ok(office, id, 'close', { comment: '提案人长期未评价，按程序办结' })).status).toBe('closed');
  });

  it('asks the proposers of a merged proposal to evaluate the reply of the target', async () => {
    const target = await assigned();
    const merged = await draft(zhao, { subject: '关于课后服务的建议' });
    await ok(zhao, merged, 'submit');
    const bad = await act(office, merged, 'merge', { targetId: merged });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('并入提案');
    await ok(office, merged, 'merge', { targetId: target, comment: '同一事项' });
    const zhaoView = await zhao.get(`/api/v1/proposals/${target}`);
    expect(zhaoView.status).toBe(200);
    // Their list has the target too, which they are not a proposer of.
    const zhaoList = (await zhao.get('/api/v1/proposals?pageSize=200')).body.items.map((p: { id: string }) => p.id);
    expect(zhaoList).toEqual(expect.arrayContaining([target, merged]));
    expect((await zhao.get('/api/v1/proposals?mine=true&pageSize=200')).body.items.map((p: { id: string }) => p.id)).not.toContain(target);
    await ok(edu, target, 'reply', { classification: 'A', body: '已解决。' });
    expect((await notificationsOf(zhao)).some((n) => n.link === `/proposals/${target}` && n.title.includes('请评价'))).toBe(true);
    const todos = (await zhao.get('/api/v1/todos')).body.items;
    expect(
      todos.some(
        (x: { recordId: string; actions: { action: string }[] }) => x.recordId === target && x.actions.some((a) => a.action === 'evaluate'),
      ),
    ).toBe(true);
    await ok(wang, target, 'evaluate', { satisfaction: 'satisfied' });
    expect((await wang.get(`/api/v1/proposals/${target}`)).body.status).toBe('replied');
    expect((await ok(zhao, target, 'evaluate', { satisfaction: 'basically_satisfied' })).status).toBe('evaluated');
  });

  it('holds replies for office review when that is switched on', async () => {
    const meta = (await office.get('/api/v1/proposals/meta')).body;
    expect((await office.put('/api/v1/proposals/settings', { ...meta.settings, officeReview: true })).status).toBe(200);
    try {
      const id = await assigned();
      expect((await ok(edu, id, 'reply', { classification: 'B', body: '初稿' })).status).toBe('reply_review');
      expect((await wang.get(`/api/v1/proposals/${id}`)).body.replies).toHaveLength(0);
      expect((await act(office, id, 'review', { approve: false })).status).toBe(400);
      expect((await ok(office, id, 'review', { approve: false, comment: '请写明时间表' })).status).toBe('assigned');
      await ok(edu, id, 'reply', { classification: 'B', body: '修改稿，2026 年底前完成' });
      expect((await ok(office, id, 'review', { approve: true })).status).toBe('replied');
      const seen = (await wang.get(`/api/v1/proposals/${id}`)).body.replies;
      expect(seen.map((r: { body: string }) => r.body)).toEqual(['修改稿，2026 年底前完成']);
    } finally {
      await office.put('/api/v1/proposals/settings', { ...meta.settings, officeReview: false });
    }
  });

  it('attaches uploaded files to a reply, readable by the proposer and not by another unit', async () => {
    const id = await assigned();
    const upload = await edu.upload('/api/v1/files', '答复函.pdf', Buffer.from('%PDF-1.4 reply'));
    expect(upload.status).toBe(201);
    const res = await ok(edu, id, 'reply', { classification: 'A', body: '详见附件', fileIds: [upload.body.id] });
    expect(res.replies[0].files.map((f: { name: string }) => f.name)).toEqual(['答复函.pdf']);
    expect((await wang.get(`/api/v1/files/${upload.body.id}`)).status).toBe(200);
    expect((await commerce.get(`/api/v1/files/${upload.body.id}`)).status).toBe(404);
  });
});

describe('lists, search, similarity, key and excellent proposals', () => {
  it('filters by status, category, unit, kind and text', async () => {
    const id = await assigned({ subject: '关于建设口袋公园的建议', category: '生态文明建设' });
    const byText = await office.get(`/api/v1/proposals?q=${encodeURIComponent('口袋公园')}`);
    expect(byText.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(byText.body).toMatchObject({ total: 1, totalCapped: false });
    const byAll = await office.get(
      `/api/v1/proposals?status=assigned&category=${encodeURIComponent('社会建设')}&unitId=${org.units.health}&kind=individual&q=${encodeURIComponent('口袋')}`,
    );
    expect(byAll.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(byAll.body.items[0].units.map((u: { role: string }) => u.role).sort()).toEqual(['joint', 'lead']);
    expect(byAll.body.items[0].units.map((u: { unitId: string; name: string }) => u.name)).toEqual(
      byAll.body.items[0].units.map((u: { unitId: string }) => (u.unitId === org.units.health ? '区卫生健康委员会' : expect.any(String))),
    );
    const byName = await song.get(`/api/v1/proposals?q=${encodeURIComponent('王芳')}&pageSize=1`);
    expect(byName.body.total).toBeGreaterThan(0);
    expect((await office.get('/api/v1/proposals?status=nonsense')).status).toBe(400);
    const room5List = await room5.get('/api/v1/proposals');
    expect(room5List.body.total).toBe(0);
  });

  it("pages a unit's own list newest first, each proposal once, as the office's list of that unit", async () => {
    const fresh = [await assigned(), await assigned(), await assigned()];
    type Item = { id: string; createdAt: string };
    const everyPage = async (client: Client, query: string) => {
      const items: Item[] = [];
      for (let page = 1; ; page++) {
        const res = await client.get(`/api/v1/proposals?pageSize=2&page=${page}${query}`);
        expect(res.status).toBe(200);
        items.push(...res.body.items);
        if (items.length >= res.body.total) return { items, total: res.body.total as number };
      }
    };
    const unit = await everyPage(edu, '');
    const byOffice = await everyPage(office, `&unitId=${org.units.education}`);
    expect(unit.items.map((p) => p.id)).toEqual(byOffice.items.map((p) => p.id));
    expect(unit.total).toBe(unit.items.length);
    expect(new Set(unit.items.map((p) => p.id)).size).toBe(unit.items.length);
    for (const id of fresh) expect(unit.items.map((p) => p.id)).toContain(id);
    const key = (p: Item) => `${p.createdAt} ${p.id}`;
    expect(unit.items.map(key)).toEqual(unit.items.map(key).sort().reverse());
    // Its own unit as a filter, and a status with it, walk the same way.
    expect((await everyPage(edu, `&unitId=${org.units.education}`)).items).toEqual(unit.items);
    const assignedOnly = await everyPage(edu, '&status=assigned');
    expect(assignedOnly.items.map((p) => p.id)).toEqual(
      (await everyPage(office, `&unitId=${org.units.education}&status=assigned`)).items.map((p) => p.id),
    );
    expect(assignedOnly.items.length).toBeGreaterThan(0);
    expect((await everyPage(edu, `&unitId=${org.units.commerce}`)).items.every((p) => unit.items.some((u) => u.id === p.id))).toBe(true);
    // Anyone's list filtered by a unit walks that unit's assignments too, keeping what the reader may see: it
    // is their whole list's proposals that name the unit, in the same order. The health bureau is the joint
    // unit of these, and the member sees only their own.
    const zhangs = await draft(zhang);
    await ok(zhang, zhangs, 'submit');
    await ok(office, zhangs, 'register', { category: '社会建设' });
    await ok(office, zhangs, 'assign', { assignments: [{ unitId: org.units.education, role: 'lead' }] });
    for (const client of [office, wang]) {
      const whole = await client.get('/api/v1/proposals?pageSize=200');
      expect(whole.body.total).toBeLessThan(200);
      for (const unitId of [org.units.education, org.units.health]) {
        const expected = (whole.body.items as (Item & { units: { unitId: string }[] })[])
          .filter((p) => p.units.some((u) => u.unitId === unitId))
          .map((p) => p.id);
        expect(expected.length).toBeGreaterThan(0);
        const walked = await everyPage(client, `&unitId=${unitId}`);
        expect(walked.items.map((p) => p.id)).toEqual(expected);
        expect(walked.total).toBe(expected.length);
        expect(expected.includes(zhangs)).toBe(client === office && unitId === org.units.education);
      }
    }
  });

  it("pages a member's own list newest first from their proposer rows, exactly what they may open", async () => {
    type Item = { id: string; createdAt: string };
    const everyPage = async (client: Client, query = '') => {
      const items: Item[] = [];
      for (let page = 1; ; page++) {
        const res = await client.get(`/api/v1/proposals?pageSize=2&page=${page}${query}`);
        expect(res.status).toBe(200);
        items.push(...res.body.items);
        if (items.length >= res.body.total) return { ids: items.map((p) => p.id), total: res.body.total as number };
      }
    };
    // What the member may open, by the detail's rules, among every proposal there is, newest first.
    const openable = async (client: Client, drafts: string[]) => {
      const all = (await office.get('/api/v1/proposals?pageSize=200')).body.items as Item[];
      const own = await Promise.all(drafts.map(async (id) => (await zhang.get(`/api/v1/proposals/${id}`)).body as Item));
      const candidates = [...all, ...own].sort((a, b) => `${b.createdAt} ${b.id}`.localeCompare(`${a.createdAt} ${a.id}`));
      const seen = await Promise.all(candidates.map(async (p) => (await client.get(`/api/v1/proposals/${p.id}`)).status === 200));
      return candidates.filter((_, i) => seen[i]).map((p) => p.id);
    };
    const ownDraft = await draft(zhang, { subject: '关于老旧小区加装电梯的建议' });
    // Older than what they put forward next: the proposal theirs is merged into below falls inside their list.
    const target = await assigned();
    const ownSubmitted = await draft(zhang, { subject: '关于社区养老驿站的建议' });
    await ok(zhang, ownSubmitted, 'submit');
    // Co-signed: a draft of another is not theirs to see until submitted; a refused one is not theirs at all.
    const wangsDraft = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang] });
    const cosigned = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang] });
    await ok(wang, cosigned, 'submit');
    const refused = await draft(zhao, { kind: 'joint', coSignerIds: [org.members.zhang] });
    await ok(zhao, refused, 'submit');
    await ok(zhang, refused, 'refuse');
    const before = await everyPage(zhang);
    expect(before.ids).toEqual(await openable(zhang, [ownDraft]));
    expect(before.total).toBe(before.ids.length);
    expect(before.ids).toEqual(expect.arrayContaining([ownDraft, ownSubmitted, cosigned]));
    expect(before.ids).not.toContain(wangsDraft);
    expect(before.ids).not.toContain(refused);
    expect((await everyPage(zhang, '&mine=true')).ids).toEqual(before.ids);
    // Once one of theirs is merged into another proposal, they see the target too, in its place, and "mine"
    // does not; a filter applies to the target as to their own.
    await ok(office, ownSubmitted, 'merge', { targetId: target, comment: '同一事项' });
    const after = await everyPage(zhang);
    expect(after.ids).toEqual(await openable(zhang, [ownDraft]));
    expect(after.total).toBe(after.ids.length);
    expect(after.ids.indexOf(ownSubmitted)).toBeLessThan(after.ids.indexOf(target));
    expect(after.ids.indexOf(target)).toBeLessThan(after.ids.indexOf(ownDraft));
    expect((await everyPage(zhang, '&status=assigned')).ids).toContain(target);
    expect((await everyPage(zhang, '&status=draft')).ids).toEqual([ownDraft]);
    expect((await everyPage(zhang, '&mine=true')).ids).toEqual(after.ids.filter((id) => id !== target));
  });

  it('finds similar proposals of the term while writing', async () => {
    const res = await zhang.get(
      `/api/v1/proposals/similar?subject=${encodeURIComponent('关于完善课后服务的建议')}&body=${encodeURIComponent('扩大课后服务覆盖面')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.length).toBeLessThanOrEqual(5);
    expect(res.body.items[0].subject).toContain('课后服务');
    const quantum = `/api/v1/proposals/similar?subject=${encodeURIComponent('量子计算芯片产业')}`;
    expect((await zhang.get(quantum)).body.items).toEqual([]);
    expect((await edu.get(`/api/v1/proposals/similar?subject=x`)).status).toBe(403);
    // The term's proposals are remembered while nothing is written: one put forward now is found at once,
    // and leaves the panel of its own edit page.
    const id = await assigned({ subject: '关于发展量子计算芯片产业的建议' });
    expect((await zhang.get(quantum)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await zhang.get(`${quantum}&excludeId=${id}`)).body.items).toEqual([]);
  });

  it('chooses key proposals with a supervising leader who records supervision', async () => {
    const id = await assigned();
    const noLeader = await office.put(`/api/v1/proposals/${id}/key`, { isKey: true, year: 2026 });
    expect(noLeader.status).toBe(400);
    expect(noLeader.body.error.message).toContain('督办领导');
    expect(
      (await office.put(`/api/v1/proposals/${id}/key`, { isKey: true, year: 2026, supervisorMemberId: org.members.wang })).status,
    ).toBe(400);
    expect(
      (await wang.put(`/api/v1/proposals/${id}/key`, { isKey: true, year: 2026, supervisorMemberId: org.members.leaderSong })).status,
    ).toBe(403);
    expect(
      (await office.put(`/api/v1/proposals/${id}/key`, { isKey: true, year: 2026, supervisorMemberId: org.members.leaderSong })).status,
    ).toBe(200);
    const keyList = await song.get('/api/v1/proposals?isKey=true&keyYear=2026');
    expect(keyList.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(
      (await song.post(`/api/v1/proposals/${id}/supervisions`, { kind: 'meeting', date: '2026-06-01', content: '召开重点提案督办协商会' }))
        .status,
    ).toBe(201);
    const li = await org.login('leaderLi');
    expect(
      (await li.post(`/api/v1/proposals/${id}/supervisions`, { kind: 'note', date: '2026-06-02', content: '不是督办领导' })).status,
    ).toBe(403);
    const detail = await song.get(`/api/v1/proposals/${id}`);
    expect(detail.body).toMatchObject({ isKey: 1, keyYear: 2026, supervisorName: '宋铁健' });
    expect(detail.body.supervisions.map((s: { content: string }) => s.content)).toEqual(['召开重点提案督办协商会']);
    expect(detail.body.allowedActions).toEqual([]);
    expect((await office.put(`/api/v1/proposals/${id}/excellent`, { isExcellent: true, year: 2026 })).status).toBe(200);
    expect((await office.get('/api/v1/proposals?isExcellent=true')).body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('derives to-dos from the workflow for office and units', async () => {
    const id = await draft(wang);
    await ok(wang, id, 'submit');
    const officeTodos = (await office.get('/api/v1/todos')).body.items;
    expect(
      officeTodos.some(
        (x: { recordId: string; actions: { action: string }[] }) => x.recordId === id && x.actions.some((a) => a.action === 'register'),
      ),
    ).toBe(true);
    const other = await assigned();
    const eduTodos = (await edu.get('/api/v1/todos')).body.items;
    expect(
      eduTodos.some(
        (x: { recordId: string; actions: { action: string }[] }) => x.recordId === other && x.actions.some((a) => a.action === 'reply'),
      ),
    ).toBe(true);
  });

  it('reminds units a week before the due date', async () => {
    const id = await assigned();
    const due = (await edu.get(`/api/v1/proposals/${id}`)).body.dueDate as string;
    expect(await sendDueReminders(t.ctx, addDays(due, -7))).toBeGreaterThan(0);
    expect((await notificationsOf(edu)).some((n) => n.link === `/proposals/${id}` && n.title.includes('还有 7 天'))).toBe(true);
  });
});

describe('statistics and exports', () => {
  it('counts submitted, registered, replies by class and satisfaction for the office and leaders only', async () => {
    const res = await office.get(`/api/v1/proposals/stats?termId=${org.termId}`);
    expect(res.status).toBe(200);
    expect(res.body.submitted).toBeGreaterThan(0);
    expect(res.body.registered).toBeLessThanOrEqual(res.body.submitted);
    expect(res.body.registerRate).toBeGreaterThan(0);
    expect(res.body.classes.map((c: { classification: string }) => c.classification)).toEqual(['A', 'B', 'C']);
    expect(res.body.byCategory.some((c: { name: string }) => c.name === '社会建设')).toBe(true);
    expect(res.body.bySector.some((c: { name: string }) => c.name === '经济界')).toBe(true);
    expect(res.body.byUnit.some((u: { name: string; assigned: number }) => u.name === '区教育委员会' && u.assigned > 0)).toBe(true);
    expect((await song.get('/api/v1/proposals/stats')).status).toBe(200);
    expect((await wang.get('/api/v1/proposals/stats')).status).toBe(403);
    expect((await edu.get('/api/v1/proposals/stats')).status).toBe(403);
  });

  it('exports lists and statistics to Excel and proposals to Word', async () => {
    const list = await office.get('/api/v1/proposals/export.xlsx?status=assigned');
    expect(list.status).toBe(200);
    expect(list.raw.subarray(0, 2).toString()).toBe('PK');
    expect((await office.get('/api/v1/proposals/stats.xlsx')).status).toBe(200);
    const id = await assigned();
    const doc = await wang.get(`/api/v1/proposals/${id}/docx`);
    expect(doc.status).toBe(200);
    expect(String(doc.headers['content-type'])).toContain('wordprocessingml');
    expect((await commerce.get(`/api/v1/proposals/${id}/docx`)).status).toBe(404);
    const compilation = await office.get('/api/v1/proposals/compilation.docx');
    expect(compilation.status).toBe(200);
    expect(compilation.raw.length).toBeGreaterThan(5000);
    expect((await wang.get('/api/v1/proposals/compilation.docx')).status).toBe(403);
  });
});

describe('public portal', () => {
  it('publishes registered proposals and replies without personal data, hiding those marked not public', async () => {
    const shown = await assigned({ subject: '关于公开提案的建议' });
    await ok(edu, shown, 'reply', { classification: 'A', body: '公开的答复。' });
    const hidden = await assigned({ subject: '关于不公开提案的建议' });
    expect((await wang.put(`/api/v1/proposals/${hidden}/publication`, { isPublic: false })).status).toBe(403);
    expect((await office.put(`/api/v1/proposals/${hidden}/publication`, { isPublic: false })).status).toBe(200);
    const draftId = await draft(wang, { subject: '关于草稿不公开的建议' });

    const anon = t.anonymous();
    const list = await anon.get('/api/v1/public/proposals?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: list.body.items.length, totalCapped: false });
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(shown);
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(draftId);
    const detail = await anon.get(`/api/v1/public/proposals/${shown}`);
    expect(detail.status).toBe(200);
    expect(detail.body.proposers).toEqual(['王芳']);
    expect(detail.body.replies.map((r: { body: string; unitName: string }) => `${r.unitName}:${r.body}`)).toEqual([
      '区教育委员会:公开的答复。',
    ]);
    const text = JSON.stringify(list.body) + JSON.stringify(detail.body);
    expect(text).not.toContain('13800000000');
    expect(text).not.toMatch(/mobile|email|memberId|leadMemberId|evaluation|satisfaction|createdBy/);
    expect((await anon.get(`/api/v1/public/proposals/${hidden}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/public/proposals/${draftId}`)).status).toBe(404);
    expect((await publicUser.get('/api/v1/proposals')).body.total).toBe(0);
    expect((await anon.get('/api/v1/proposals')).status).toBe(401);
  });
});

describe('list rows', () => {
  interface ListRow {
    id: string;
    proposers: string[];
    units: { unitId: string; name: string; role: string; dueDate: string }[];
  }
  const rowOf = async (client: Client, id: string) =>
    ((await client.get('/api/v1/proposals?pageSize=200')).body.items as ListRow[]).find((p) => p.id === id)!;
  const byUnit = (units: ListRow['units']) => [...units].sort((a, b) => a.unitId.localeCompare(b.unitId));
  /** What the detail says of the proposers who have not refused and of the units handling the proposal now. */
  const fromDetail = async (id: string) => {
    const d = (await office.get(`/api/v1/proposals/${id}`)).body;
    return {
      proposers: (d.proposers as { name: string; confirmState: string }[]).filter((p) => p.confirmState !== 'refused').map((p) => p.name),
      units: byUnit(
        (d.assignments as { unitId: string; unitName: string; role: string; dueDate: string }[]).map((a) => ({
          unitId: a.unitId,
          name: a.unitName,
          role: a.role,
          dueDate: a.dueDate,
        })),
      ),
    };
  };

  it('show the proposers who have not refused and the units handling it now, through every change', async () => {
    const id = await draft(wang, { kind: 'joint', coSignerIds: [org.members.zhang, org.members.zhao] });
    expect(await rowOf(wang, id)).toMatchObject({ proposers: ['王芳', '张伟', '赵敏'], units: [] });
    await ok(wang, id, 'submit');
    await ok(zhao, id, 'refuse');
    await ok(zhang, id, 'confirm');
    expect((await rowOf(office, id)).proposers).toEqual(['王芳', '张伟']);

    await ok(office, id, 'register', { category: '社会建设' });
    await ok(office, id, 'assign', {
      assignments: [
        { unitId: org.units.education, role: 'lead' },
        { unitId: org.units.health, role: 'joint' },
      ],
    });
    const assignedRow = await rowOf(office, id);
    expect(assignedRow.units.map((u) => `${u.name}:${u.role}`)).toEqual(['区教育委员会:lead', '区卫生健康委员会:joint']);
    expect(byUnit(assignedRow.units)).toEqual((await fromDetail(id)).units);

    await ok(health, id, 'object', { reason: '本单位职能不涉及' });
    await ok(office, id, 'reassign', {
      assignments: [
        { unitId: org.units.education, role: 'lead' },
        { unitId: org.units.commerce, role: 'joint' },
      ],
    });
    const reassigned = await rowOf(edu, id);
    expect(reassigned.units.map((u) => u.unitId).sort()).toEqual([org.units.education, org.units.commerce].sort());
    expect(byUnit(reassigned.units)).toEqual((await fromDetail(id)).units);
  });

  it("agree with each proposal's detail for every proposal of this file, whatever happened to it", async () => {
    const rows = (await office.get('/api/v1/proposals?pageSize=200')).body.items as ListRow[];
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      expect({ id: row.id, proposers: row.proposers, units: byUnit(row.units) }).toEqual({ id: row.id, ...(await fromDetail(row.id)) });
    }
  });
});
