import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';

let t: TestPlatform;
let org: SmallOrg;
let office: Client, room5: Client, leader: Client, wang: Client, zhang: Client, zhao: Client, unit: Client;

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  for (const memberId of [org.members.wang, org.members.zhang]) {
    await t.ctx.db.insertInto('committeeMembers').values({ committeeId: org.committees.economy, memberId, position: 'member' }).execute();
  }
  [office, room5, leader, wang, zhang, zhao, unit] = await Promise.all([
    org.login('officeStaff'),
    org.login('room5Staff'),
    org.login('leaderSong'),
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
    org.login('unitEducation'),
  ]);
});
afterAll(() => t?.close());

const briefing = (audience: { groups: string[]; committeeIds: string[] }, title = '区发展改革委关于重点项目进展情况的通报') => ({
  kind: 'briefing',
  title,
  source: '区发展改革委',
  body: '一、总体情况\n今年以来，全区重点项目有序推进。\n二、下一步工作\n加快项目审批，强化要素保障。',
  audience,
});

async function created(client: Client, body: unknown): Promise<string> {
  const res = await client.post('/api/v1/notices', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function act(client: Client, id: string, action: string, body: unknown = {}) {
  return client.post(`/api/v1/notices/${id}/actions/${action}`, body);
}

const auditCount = async (action: string, objectId: string, username?: string) => {
  let q = t.ctx.db.selectFrom('auditLog').select('id').where('action', '=', action).where('objectId', '=', objectId);
  if (username) q = q.where('username', '=', username);
  return (await q.execute()).length;
};

const notificationTitles = async (client: Client) =>
  ((await client.get('/api/v1/notifications')).body.items as { title: string }[]).map((n) => n.title);

const received = async (client: Client, query = '') =>
  ((await client.get(`/api/v1/notices${query}`)).body.items as { id: string; readAt: string | null }[]) ?? [];

describe('a briefing from draft to read', () => {
  it('is drafted, published to the standing members, read once by each, reminded to the rest, and withdrawn', async () => {
    const id = await created(office, briefing({ groups: ['standing'], committeeIds: [] }));
    // A draft is its department's alone.
    expect((await wang.get(`/api/v1/notices/${id}`)).status).toBe(404);
    expect(await received(wang)).toEqual([]);

    const edited = await office.patch(`/api/v1/notices/${id}`, { title: '区发展改革委关于2020年重点项目进展情况的通报' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', canEdit: true, audience: { labels: ['常委'] } });

    const published = await act(office, id, 'publish');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // 常委: 宋铁健 and 李铁生 (leaders) and 王芳, each with an account.
    expect(published.body).toMatchObject({ status: 'published', statusLabel: '已发布', recipientCount: 3, readCount: 0, canEdit: false });
    expect(published.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['remind', 'withdraw']);
    expect(await notificationTitles(wang)).toContain('【工作通报】区发展改革委关于2020年重点项目进展情况的通报');

    // Sent to 王芳, not to 张伟.
    expect((await received(wang)).map((n) => n.id)).toEqual([id]);
    expect((await received(wang, '?unread=true')).map((n) => n.id)).toEqual([id]);
    expect((await zhang.get(`/api/v1/notices/${id}`)).status).toBe(404);
    expect(await received(zhang)).toEqual([]);

    // Opening it is recorded once: who read it, and when; it answers the notification that pointed at it.
    const unreadLinks = async () =>
      (await wang.get('/api/v1/notifications?unread=true')).body.items.map((n: { link: string }) => n.link) as string[];
    expect(await unreadLinks()).toContain(`/notices/${id}`);
    const seen = await wang.get(`/api/v1/notices/${id}`);
    expect(seen.body).toMatchObject({ received: true, readAt: null, title: '区发展改革委关于2020年重点项目进展情况的通报' });
    expect(seen.body.recipientCount).toBeUndefined();
    const first = await wang.post(`/api/v1/notices/${id}/read`);
    expect(first.status).toBe(200);
    expect(first.body.readAt).toEqual(expect.any(String));
    expect((await wang.post(`/api/v1/notices/${id}/read`)).body.readAt).toBe(first.body.readAt);
    expect(await auditCount('notice.read', id, 't_wang')).toBe(1);
    expect(await unreadLinks()).not.toContain(`/notices/${id}`);
    expect(await received(wang, '?unread=true')).toEqual([]);

    // The office sees who has not read it, and reminds them alone.
    expect((await office.get(`/api/v1/notices/${id}`)).body).toMatchObject({ recipientCount: 3, readCount: 1 });
    const unread = await office.get(`/api/v1/notices/${id}/recipients?read=unread`);
    expect(unread.body.items.map((r: { displayName: string }) => r.displayName).sort()).toEqual(['宋铁健', '李铁生'].sort());
    const all = await office.get(`/api/v1/notices/${id}/recipients`);
    expect(all.body.items.map((r: { displayName: string; readAt: string | null }) => [r.displayName, Boolean(r.readAt)]).at(-1)).toEqual([
      '王芳',
      true,
    ]);
    expect((await act(office, id, 'remind')).status).toBe(200);
    expect(await notificationTitles(leader)).toContain('请阅读【工作通报】区发展改革委关于2020年重点项目进展情况的通报');
    expect((await notificationTitles(wang)).filter((title) => title.startsWith('请阅读'))).toEqual([]);

    // Published, it is no longer edited or deleted; it is withdrawn with a reason, and then shown to no recipient.
    expect((await office.patch(`/api/v1/notices/${id}`, { title: '再改标题' })).status).toBe(409);
    expect((await office.delete(`/api/v1/notices/${id}`)).status).toBe(409);
    const noReason = await act(office, id, 'withdraw', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('理由');
    const withdrawn = await act(office, id, 'withdraw', { reason: '数据有误，待核实后重新发布' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawReason: '数据有误，待核实后重新发布' });
    expect((await wang.get(`/api/v1/notices/${id}`)).status).toBe(404);
    expect(await received(wang)).toEqual([]);
    expect(withdrawn.body.history.map((h: { action: string }) => h.action)).toEqual(['publish', 'remind', 'withdraw']);
    for (const action of ['notice.create', 'notice.update', 'notice.publish', 'notice.remind', 'notice.withdraw'])
      expect(await auditCount(action, id), action).toBe(1);
  });

  it('sends to each account once, however many groups and committees name it', async () => {
    const everyone = await created(
      office,
      briefing({ groups: ['members', 'leaders', 'standing'], committeeIds: [org.committees.economy] }, '关于召开全体委员会议的通知'),
    );
    // Five members have accounts (two of them leaders): each gets it once.
    expect((await act(office, everyone, 'publish')).body.recipientCount).toBe(5);
    const staffOnly = await created(office, briefing({ groups: ['staff'], committeeIds: [] }, '关于机关干部学习的通知'));
    expect((await act(office, staffOnly, 'publish')).body.recipientCount).toBe(4);
    const committee = await created(office, briefing({ groups: [], committeeIds: [org.committees.economy] }, '经济科技委员会活动通知'));
    expect((await act(office, committee, 'publish')).body.recipientCount).toBe(2);
    expect((await received(zhang)).map((n) => n.id)).toEqual([committee, everyone]);
    expect((await received(zhao)).map((n) => n.id)).toEqual([everyone]);
    // A staff account reads what was sent to staff.
    expect((await received(room5)).map((n) => n.id)).toEqual([staffOnly]);
  });

  it('refuses to publish to nobody, and leaves the draft as it was', async () => {
    const id = await created(office, briefing({ groups: [], committeeIds: [org.committees.culture] }, '文史委员会工作通报'));
    const before = await t.ctx.db.selectFrom('notifications').select('id').execute();
    const res = await act(office, id, 'publish');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('发送范围');
    expect((await office.get(`/api/v1/notices/${id}`)).body).toMatchObject({ status: 'draft', history: [] });
    expect(await t.ctx.db.selectFrom('noticeRecipients').select('userId').where('noticeId', '=', id).execute()).toEqual([]);
    expect((await t.ctx.db.selectFrom('notifications').select('id').execute()).length).toBe(before.length);
  });
});

describe('who may do what', () => {
  it('lets a department manage its own notices only, and members, leaders and staff read what is sent to them', async () => {
    const draft = await created(office, briefing({ groups: ['members'], committeeIds: [] }, '办公室的通知草稿'));
    expect((await wang.post('/api/v1/notices', briefing({ groups: ['members'], committeeIds: [] }))).status).toBe(403);
    expect((await leader.post('/api/v1/notices', briefing({ groups: ['members'], committeeIds: [] }))).status).toBe(403);
    expect((await unit.get('/api/v1/notices')).status).toBe(403);
    expect((await wang.get('/api/v1/notices/managed')).status).toBe(403);
    // Another department's staff do not see the office's draft at all.
    expect((await room5.get(`/api/v1/notices/${draft}`)).status).toBe(404);
    expect((await act(room5, draft, 'publish')).status).toBe(404);
    expect((await room5.patch(`/api/v1/notices/${draft}`, { title: '改别人的' })).status).toBe(404);
    expect((await room5.delete(`/api/v1/notices/${draft}`)).status).toBe(404);
    const managed = (await office.get('/api/v1/notices/managed?status=draft')).body.items.map((n: { id: string }) => n.id);
    expect(managed).toContain(draft);
    expect((await room5.get('/api/v1/notices/managed')).body.items.map((n: { id: string }) => n.id)).not.toContain(draft);
    // A recipient reads the notice but not who else has.
    expect((await act(office, draft, 'publish')).status).toBe(200);
    expect((await wang.get(`/api/v1/notices/${draft}/recipients`)).status).toBe(403);
    expect((await act(wang, draft, 'withdraw', { reason: '不想要了' })).status).toBe(403);
    // The office's own staff are not sent a notice to members, and have nothing to mark read.
    expect((await office.post(`/api/v1/notices/${draft}/read`)).status).toBe(409);
  });

  it('deletes a draft, and finds notices by words of the title', async () => {
    const id = await created(office, briefing({ groups: ['members'], committeeIds: [] }, '关于开展委员社区行活动的通知'));
    expect(
      (await office.get(`/api/v1/notices/managed?q=${encodeURIComponent('社区行')}`)).body.items.map((n: { id: string }) => n.id),
    ).toEqual([id]);
    expect((await office.delete(`/api/v1/notices/${id}`)).status).toBe(204);
    expect((await office.get(`/api/v1/notices/${id}`)).status).toBe(404);
    expect(await auditCount('notice.delete', id)).toBe(1);
  });
});

describe('bad input', () => {
  it('names the field in Chinese and stores nothing', async () => {
    const count = async () => (await t.ctx.db.selectFrom('notices').select('id').execute()).length;
    const before = await count();
    const cases: [unknown, string][] = [
      [{ ...briefing({ groups: ['members'], committeeIds: [] }), title: '' }, '标题'],
      [{ ...briefing({ groups: ['members'], committeeIds: [] }), kind: 'memo' }, '类型'],
      [{ ...briefing({ groups: ['members'], committeeIds: [] }), body: 'x'.repeat(20_001) }, '正文'],
      [briefing({ groups: [], committeeIds: [] }), '发送范围'],
      [briefing({ groups: ['everyone'], committeeIds: [] }), '接收人类别'],
      [briefing({ groups: [], committeeIds: ['01890000-0000-7000-8000-0000000000ab'] }), '专委会'],
      [{ ...briefing({ groups: ['members'], committeeIds: [] }), departmentId: org.departments.room5 }, '部门'],
    ];
    for (const [body, field] of cases) {
      const res = await office.post('/api/v1/notices', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.message, field).toContain(field);
    }
    expect(await count()).toBe(before);
  });
});
