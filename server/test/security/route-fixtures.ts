import { startTestPlatform, type TestPlatform } from '../harness.js';
import { TEST_PASSWORD } from '../fixtures/org.js';
import { fixtureText, seedPlanOrg } from '../../src/modules/plan/plan.test-support.js';
import { fill, ORG_KINDS_IN_ROUTES, type Fx } from './route-table.js';
import { sampleValid } from './zod-sample.js';

export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function schemaOf(t: TestPlatform, method: string, url: string): unknown {
  const route = t.routes.find((r) => r.method === method && r.url === url);
  if (!route?.schema?.body) throw new Error(`no body schema for ${method} ${url}`);
  return route.schema.body;
}

/** A valid body for a create route, as JSON with '@@' where a unique suffix goes (names must be unique). */
function createTemplate(t: TestPlatform, url: string, overrides: Record<string, unknown> = {}): string {
  const body = { ...(sampleValid(schemaOf(t, 'POST', url)) as Record<string, unknown>), ...overrides };
  if (typeof body.name === 'string' && !body.name.includes('@')) body.name = `${body.name}@@`;
  if (typeof body.number === 'number') body.number = '@n@';
  return JSON.stringify(body);
}

async function expectOk<T = any>(what: string, answer: Promise<{ status: number; body: T }>): Promise<T> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`fixture ${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

/**
 * Records the matrix's cases refer to (fx.ids), made through the API as their real owners would.
 * A module adds one function here for the records its rows need.
 */
export const MODULE_FIXTURES: ((t: TestPlatform, fx: Fx) => Promise<void>)[] = [
  async function platform(t, fx) {
    const admin = await t.login(fx.org.usernames.sysadmin, TEST_PASSWORD);
    const spare = await expectOk(
      'spare user',
      admin.post('/api/v1/users', { username: 'matrix_spare', displayName: '备用账号', password: 'Initial#pass2026', roles: ['member'] }),
    );
    fx.ids.spareUser = spare.id;
    const wang = await t.login(fx.org.usernames.memberWang, TEST_PASSWORD);
    fx.ids.wangFile = (await expectOk('upload', wang.upload('/api/v1/files', '王芳的材料.pdf', SMALL_PDF))).id;
    const sec = await t.login(fx.org.usernames.secadmin, TEST_PASSWORD);
    fx.ids.policy = JSON.stringify(await expectOk('policy', sec.get('/api/v1/security-policy')));
  },

  async function org(t, fx) {
    const admin = await t.login(fx.org.usernames.sysadmin, TEST_PASSWORD);
    const seeded: Record<string, string | undefined> = {
      terms: fx.org.termId,
      sectors: fx.org.sectors.economy,
      committees: fx.org.committees.economy,
      departments: fx.org.departments.office,
      units: fx.org.units.education,
    };
    for (const kind of ORG_KINDS_IN_ROUTES) {
      const url = `/api/v1/org/${kind}`;
      const overrides =
        { plenaries: { termId: fx.org.termId }, departmentGroups: { departmentIds: [fx.org.departments.office] } }[kind as string] ?? {};
      fx.ids[`org.${kind}.new`] = createTemplate(t, url, overrides);
      fx.ids[`org.${kind}`] = seeded[kind] ?? (await expectOk(`create ${kind}`, admin.post(url, fill(fx, fx.ids[`org.${kind}.new`]!)))).id;
    }
    fx.ids['member.new'] = createTemplate(t, '/api/v1/members', {
      name: '委员@汉@',
      sectorId: fx.org.sectors.culture,
      termIds: [fx.org.termId],
    });
  },

  async function plan(t, fx) {
    const office = await t.login(fx.org.usernames.officeStaff, TEST_PASSWORD);
    fx.ids.planText = fixtureText();
    const preview = await expectOk('plan preview', office.post('/api/v1/plans/import/preview', { text: fx.ids.planText }));
    fx.ids.planPreview = JSON.stringify(preview.plan);
    const imported = await expectOk('plan import', office.post('/api/v1/plans/import/confirm', { plan: preview.plan, mappings: [] }));
    fx.ids.plan = imported.id;
    const plan = await expectOk('plan', office.get(`/api/v1/plans/${imported.id}`));
    const items = plan.sections.flatMap((s: any) => s.items);
    const room4 = items.find(
      (i: any) =>
        i.departments.some((d: any) => d.id === fx.org.departments.room4) &&
        !i.departments.some((d: any) => d.id === fx.org.departments.room5),
    );
    const li = items.find((i: any) => i.leaders.some((l: any) => l.name === '李铁生') && !i.leaders.some((l: any) => l.name === '宋铁健'));
    if (!room4 || !li) throw new Error('fixture plan: no item of 专委会工作四室 without 五室, or none led by 李铁生 without 宋铁健');
    fx.ids.planItemRoom4 = room4.id;
    fx.ids.planItemLi = li.id;
    fx.ids.planReminders = JSON.stringify(await expectOk('plan reminders', office.get('/api/v1/plan-settings/reminders')));
  },

  async function proposals(t, fx) {
    const wang = await t.login(fx.org.usernames.memberWang, TEST_PASSWORD);
    const office = await t.login(fx.org.usernames.proposalStaff, TEST_PASSWORD);
    const body = {
      subject: '关于加强老旧小区加装电梯的建议',
      kind: 'individual',
      body: {
        situation: '老旧小区加装电梯进展缓慢，居民意见不一。',
        analysis: '协调机制和资金分担办法不健全。',
        suggestions: '建议完善协调机制，明确资金分担，简化审批流程。',
      },
    };
    fx.ids.wangDraft = (await expectOk('draft', wang.post('/api/v1/proposals', body))).id;
    const id = (await expectOk('proposal', wang.post('/api/v1/proposals', { ...body, subject: '关于推进垃圾分类的建议' }))).id;
    await expectOk('submit', wang.post(`/api/v1/proposals/${id}/actions/submit`, {}));
    await expectOk('register', office.post(`/api/v1/proposals/${id}/actions/register`, { category: '社会建设' }));
    await expectOk(
      'assign',
      office.post(`/api/v1/proposals/${id}/actions/assign`, {
        assignments: [
          { unitId: fx.org.units.education, role: 'lead' },
          { unitId: fx.org.units.health, role: 'joint' },
        ],
      }),
    );
    fx.ids.assignedProposal = id;
    const meta = await expectOk('meta', office.get('/api/v1/proposals/meta'));
    fx.ids.proposalSettings = JSON.stringify(meta.settings);
    fx.ids['proposal.key'] = JSON.stringify({ isKey: true, year: 2026, supervisorMemberId: fx.org.members.leaderSong });
    fx.ids['proposal.excellent'] = JSON.stringify({ isExcellent: false });
    fx.ids['proposal.publication'] = JSON.stringify({ isPublic: false });
    fx.ids['proposal.supervision'] = JSON.stringify({ kind: 'note', date: '2026-03-01', content: '已听取承办单位汇报，要求加快办理。' });
  },

  async function activities(t, fx) {
    const staff = await t.login(fx.org.usernames.proposalStaff, TEST_PASSWORD);
    const wang = await t.login(fx.org.usernames.memberWang, TEST_PASSWORD);
    const types = await expectOk('activity types', staff.get('/api/v1/activities/types'));
    fx.ids.activityType = types.items[0].id;
    const entry = {
      year: 2026,
      category: '重点协商',
      no: '@n@',
      title: '社区养老服务体系建设@@',
      organizerCommitteeIds: [fx.org.committees.economy],
      organizerNames: ['经济科技委员会'],
      periodText: '10月',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    };
    fx.ids.planEntryNew = JSON.stringify(entry);
    fx.ids.planEntry = (await expectOk('plan entry', staff.post('/api/v1/activities/plan-entries', fill(fx, fx.ids.planEntryNew)))).id;
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const event = {
      typeId: fx.ids.activityType,
      title: '社区养老服务专题调研',
      startsAt: inDays(7),
      endsAt: inDays(7.1),
      place: '区政协三层会议室',
      organizerDepartmentId: fx.org.departments.room4,
    };
    fx.ids.eventNew = JSON.stringify(event);
    const created = await expectOk('event', staff.post('/api/v1/activities/events', event));
    fx.ids.event = created.id;
    await expectOk('invite', staff.post(`/api/v1/activities/events/${created.id}/invitees`, { memberIds: [fx.org.members.wang] }));
    await expectOk('publish', staff.post(`/api/v1/activities/events/${created.id}/actions/publish`, {}));
    fx.ids.wangInvitation = (await expectOk('invitation', wang.get(`/api/v1/activities/events/${created.id}`))).myInvitation.id;
  },

  async function opinions(t, fx) {
    const wang = await t.login(fx.org.usernames.memberWang, TEST_PASSWORD);
    const office = await t.login(fx.org.usernames.researchStaff, TEST_PASSWORD);
    const body = {
      title: '关于规范共享单车停放的建议',
      category: '城市管理',
      body: { situation: '共享单车乱停乱放。', analysis: '停放区域不足，监管缺位。', suggestions: '建议增设停放区，落实企业责任。' },
    };
    fx.ids.opinionDraftPatch = (await expectOk('opinion draft', wang.post('/api/v1/opinions', body))).id;
    fx.ids.opinionDraftSubmit = (await expectOk('opinion draft', wang.post('/api/v1/opinions', body))).id;
    const id = (await expectOk('opinion', wang.post('/api/v1/opinions', body))).id;
    await expectOk('submit', wang.post(`/api/v1/opinions/${id}/actions/submit`, {}));
    await expectOk('accept', office.post(`/api/v1/opinions/${id}/actions/accept`, {}));
    await expectOk('adopt', office.post(`/api/v1/opinions/${id}/actions/adopt`, { level: 'district' }));
    fx.ids.adoptedOpinion = id;
    fx.ids.opinionBulletin = (
      await expectOk('bulletin', office.post('/api/v1/opinions/bulletins', { title: '城市管理专辑', issueDate: '2026-06-01' }))
    ).id;
  },

  async function notices(t, fx) {
    const staff = await t.login(fx.org.usernames.proposalStaff, TEST_PASSWORD);
    const notice = {
      kind: 'notice',
      title: '关于召开全体委员会议的通知',
      body: '定于下周三召开全体委员会议，请准时出席。',
      audience: { groups: ['members'], committeeIds: [] },
    };
    fx.ids.noticeDraft = (await expectOk('notice draft', staff.post('/api/v1/notices', notice))).id;
    fx.ids.noticeDeletable = (await expectOk('notice draft', staff.post('/api/v1/notices', notice))).id;
    const published = (await expectOk('notice', staff.post('/api/v1/notices', notice))).id;
    await expectOk('publish', staff.post(`/api/v1/notices/${published}/actions/publish`, {}));
    fx.ids.noticePublished = published;
  },

  async function performance(t, fx) {
    const wang = await t.login(fx.org.usernames.memberWang, TEST_PASSWORD);
    const entry = { kind: 'duty_assignment', date: '2026-03-01', description: '完成年度履职作业：社区养老调研', points: 3 };
    fx.ids.wangEntry = (await expectOk('performance entry', wang.post('/api/v1/performance/entries', entry))).id;
  },
];

/** A platform with the plan's organisation and every module's fixture records: what the route suites run on. */
export async function startRouteSuite(): Promise<{ t: TestPlatform; fx: Fx }> {
  const t = await startTestPlatform();
  const org = await seedPlanOrg(t);
  let n = 0;
  const han = '甲乙丙丁戊己庚辛壬癸';
  const fx: Fx = {
    org,
    ids: {},
    unique: () => `${Date.now().toString(36)}${(n++).toString(36)}`,
    uniqueHan: () => [...String(n++)].map((d) => han[Number(d)]).join(''),
    seq: () => n++,
  };
  for (const fixture of MODULE_FIXTURES) await fixture(t, fx);
  return { t, fx };
}
