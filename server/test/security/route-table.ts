import type { Role } from '@xieshang/shared';
import type { SmallOrg } from '../fixtures/org.js';
import type { PlanOrg } from '../../src/modules/plan/plan.test-support.js';
import { TEST_PASSWORD } from '../fixtures/org.js';

/**
 * The permission matrix: for every route of the router, who (role, relation to the record, state) gets
 * which answer class. permission-matrix.test.ts enumerates the routes from the router itself and fails
 * on any route without a row here, so a new route is one row away from being covered.
 */
export type Expect = '2xx' | 302 | 400 | 401 | 403 | 404 | 409;
export type OrgAccount = keyof SmallOrg['users'];
/** A role (its typical account, see ROLE_ACCOUNT), a named account of the small org, or nobody. */
export type Who = 'anonymous' | Role | OrgAccount;

export const ROLE_ACCOUNT: Record<Role, OrgAccount> = {
  public: 'public',
  member: 'memberWang',
  staff: 'proposalStaff',
  unit: 'unitEducation',
  leader: 'leaderSong',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
};
export const ALL_ROLES = Object.keys(ROLE_ACCOUNT) as Role[];
const SIGNED_IN: Role[] = ALL_ROLES;
const ACCOUNT_ROLES: Role[] = ['member', 'staff', 'unit', 'leader', 'sysadmin', 'secadmin', 'auditor'];

/** What the cases may refer to: the small org, records made by module fixtures, and a counter. */
export interface Fx {
  /** The small org plus the people and departments the Dongcheng plan names. */
  org: PlanOrg;
  ids: Record<string, string>;
  unique(): string;
  /** A unique run of Chinese characters (names of people must be 汉字). */
  uniqueHan(): string;
  seq(): number;
}

/** Fills a JSON body template: '@@' takes a unique suffix, '@汉@' unique Chinese text, '"@n@"' a fresh small number. */
export function fill(fx: Fx, template: string): unknown {
  return JSON.parse(
    template
      .replaceAll('@汉@', fx.uniqueHan())
      .replaceAll('@@', fx.unique())
      .replaceAll('"@n@"', String(20 + (fx.seq() % 70))),
  );
}

export interface Req {
  path: string;
  body?: unknown;
  /** Sends a multipart upload of a small PDF with this file name instead of a JSON body. */
  upload?: string;
}

export interface Case {
  who: Who;
  /** own, other's, assigned, not assigned… — printed in failures. */
  rel?: string;
  state?: string;
  expect: Expect;
  /** Overrides the row's request. */
  req?: (fx: Fx) => Req;
  /** Signs in afresh for this case (logout ends the session it is sent with). */
  freshSession?: boolean;
}

export interface RouteRow {
  /** `METHOD /url` exactly as registered, e.g. `PATCH /api/v1/users/:id`; a trailing `*` is a wildcard route. */
  route: string;
  req: (fx: Fx) => Req;
  cases: Case[];
  /** Registered only in some configurations (swagger-ui's catch-all): no failure when absent. */
  optional?: boolean;
}

/** The default cases: `allowed` roles get `yes`, the other signed-in roles `no`, nobody 401. */
export function byRole(allowed: readonly (Role | 'anonymous')[], no: Expect = 403, yes: Expect = '2xx'): Case[] {
  const cases: Case[] = [{ who: 'anonymous', expect: allowed.includes('anonymous') ? yes : 401 }];
  for (const role of ALL_ROLES) cases.push({ who: role, expect: allowed.includes(role) ? yes : no });
  return cases;
}

const get = (path: string) => () => ({ path });

const platformRows: RouteRow[] = [
  { route: 'GET /api/health', req: get('/api/health'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  { route: 'GET /api/docs', req: get('/api/docs'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  { route: 'GET /api/docs/json', req: get('/api/docs/json'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  { route: 'GET /api/docs/yaml', req: get('/api/docs/yaml'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  {
    route: 'GET /api/docs/static/index.html',
    req: get('/api/docs/static/index.html'),
    cases: byRole(['anonymous', ...SIGNED_IN], 302, 302),
  },
  {
    route: 'GET /api/docs/static/swagger-initializer.js',
    req: get('/api/docs/static/swagger-initializer.js'),
    cases: byRole(['anonymous', ...SIGNED_IN]),
  },
  { route: 'GET /api/docs/static/*', req: get('/api/docs/static/swagger-ui.css'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  // swagger-ui's catch-all: documents it does not have are 404 to everyone.
  {
    route: 'GET /api/docs/*',
    req: get('/api/docs/no-such-document'),
    cases: byRole(['anonymous', ...SIGNED_IN], 404, 404),
    optional: true,
  },
  {
    route: 'POST /api/v1/auth/login',
    req: (fx) => ({ path: '/api/v1/auth/login', body: { username: fx.org.usernames.memberZhao, password: TEST_PASSWORD } }),
    cases: [
      ...byRole(['anonymous', ...SIGNED_IN]),
      {
        who: 'anonymous',
        rel: 'wrong password',
        expect: 401,
        req: (fx) => ({ path: '/api/v1/auth/login', body: { username: fx.org.usernames.memberZhao, password: 'wrong-password' } }),
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/logout',
    req: () => ({ path: '/api/v1/auth/logout', body: {} }),
    cases: byRole(SIGNED_IN).map((c) => ({ ...c, freshSession: true })),
  },
  { route: 'GET /api/v1/me', req: get('/api/v1/me'), cases: byRole(SIGNED_IN) },
  {
    // Every account may change its own password; the wrong current password proves the check was reached.
    route: 'POST /api/v1/me/password',
    req: () => ({ path: '/api/v1/me/password', body: { currentPassword: 'not-the-password', newPassword: 'Another#pass2027' } }),
    cases: byRole(SIGNED_IN, 403, 400),
  },
  { route: 'POST /api/v1/me/totp/setup', req: () => ({ path: '/api/v1/me/totp/setup', body: {} }), cases: byRole(SIGNED_IN) },
  {
    route: 'POST /api/v1/me/totp/enable',
    req: () => ({ path: '/api/v1/me/totp/enable', body: { totpCode: '000000' } }),
    cases: byRole(SIGNED_IN, 403, 400),
  },
  {
    route: 'POST /api/v1/me/totp/disable',
    req: () => ({ path: '/api/v1/me/totp/disable', body: { password: 'not-the-password' } }),
    cases: byRole(SIGNED_IN, 403, 400),
  },

  // 三权分立: accounts are the system admin's, roles and policy the security admin's, the audit trail the auditor's.
  { route: 'GET /api/v1/users', req: get('/api/v1/users'), cases: byRole(['sysadmin', 'secadmin']) },
  {
    route: 'POST /api/v1/users',
    req: (fx) => ({
      path: '/api/v1/users',
      body: { username: `u_${fx.unique()}`, displayName: '新用户', password: 'Initial#pass2026', roles: ['member'] },
    }),
    cases: [
      ...byRole(['sysadmin']),
      {
        who: 'secadmin',
        rel: 'admin role',
        expect: '2xx',
        req: (fx) => ({
          path: '/api/v1/users',
          body: { username: `a_${fx.unique()}`, displayName: '审计员二', password: 'Initial#pass2026', roles: ['auditor'] },
        }),
      },
      {
        who: 'sysadmin',
        rel: 'admin role',
        expect: 403,
        req: (fx) => ({
          path: '/api/v1/users',
          body: { username: `a_${fx.unique()}`, displayName: '审计员三', password: 'Initial#pass2026', roles: ['auditor'] },
        }),
      },
      {
        who: 'secadmin',
        rel: 'two admin roles',
        expect: 400,
        req: (fx) => ({
          path: '/api/v1/users',
          body: { username: `a_${fx.unique()}`, displayName: '兼任', password: 'Initial#pass2026', roles: ['sysadmin', 'auditor'] },
        }),
      },
    ],
  },
  {
    route: 'PATCH /api/v1/users/:id',
    req: (fx) => ({ path: `/api/v1/users/${fx.org.users.memberZhao}`, body: { displayName: '赵敏' } }),
    cases: [
      // The security admin may reach the route (to change admin roles) but not the account's details.
      ...byRole(['sysadmin']),
      {
        who: 'sysadmin',
        rel: 'unknown user',
        expect: 404,
        req: () => ({ path: `/api/v1/users/${UNKNOWN_ID}`, body: { displayName: '无' } }),
      },
      {
        who: 'sysadmin',
        rel: 'grant admin role',
        expect: 403,
        req: (fx) => ({ path: `/api/v1/users/${fx.ids.spareUser}`, body: { roles: ['auditor'] } }),
      },
      // Swapping a business role for an admin one needs both admins: neither can do it alone.
      {
        who: 'secadmin',
        rel: 'swap business role for admin role',
        expect: 403,
        req: (fx) => ({ path: `/api/v1/users/${fx.ids.spareUser}`, body: { roles: ['auditor'] } }),
      },
      {
        who: 'secadmin',
        rel: 'add second admin role',
        expect: 400,
        req: (fx) => ({ path: `/api/v1/users/${fx.org.users.sysadmin}`, body: { roles: ['sysadmin', 'secadmin'] } }),
      },
      {
        who: 'secadmin',
        rel: 'admin plus business role',
        expect: 400,
        req: (fx) => ({ path: `/api/v1/users/${fx.org.users.auditor}`, body: { roles: ['auditor', 'member'] } }),
      },
    ],
  },
  {
    route: 'POST /api/v1/users/:id/reset-password',
    req: (fx) => ({ path: `/api/v1/users/${fx.ids.spareUser}/reset-password`, body: { password: `Reset#${fx.unique()}x` } }),
    cases: [
      ...byRole(['sysadmin']),
      {
        who: 'sysadmin',
        rel: 'unknown user',
        expect: 404,
        req: () => ({ path: `/api/v1/users/${UNKNOWN_ID}/reset-password`, body: { password: 'Reset#pass2026x' } }),
      },
    ],
  },
  { route: 'GET /api/v1/roles', req: get('/api/v1/roles'), cases: byRole(['secadmin']) },
  {
    route: 'PUT /api/v1/roles/:role/permissions/:permission',
    req: () => ({ path: '/api/v1/roles/member/permissions/notice.read', body: { scope: 'own' } }),
    cases: byRole(['secadmin']),
  },
  { route: 'GET /api/v1/security-policy', req: get('/api/v1/security-policy'), cases: byRole(['secadmin']) },
  {
    route: 'PUT /api/v1/security-policy',
    req: (fx) => ({ path: '/api/v1/security-policy', body: fx.ids.policy ? JSON.parse(fx.ids.policy) : {} }),
    cases: byRole(['secadmin']),
  },
  { route: 'GET /api/v1/audit', req: get('/api/v1/audit'), cases: byRole(['auditor']) },
  { route: 'GET /api/v1/audit/verify', req: get('/api/v1/audit/verify'), cases: byRole(['auditor']) },
  { route: 'GET /api/v1/audit/export', req: get('/api/v1/audit/export?pageSize=10'), cases: byRole(['auditor']) },

  // Notices: public accounts have no to-do list or notifications.
  { route: 'GET /api/v1/notifications', req: get('/api/v1/notifications'), cases: byRole(ACCOUNT_ROLES) },
  {
    route: 'POST /api/v1/notifications/read',
    req: () => ({ path: '/api/v1/notifications/read', body: { ids: 'all' } }),
    cases: byRole(ACCOUNT_ROLES),
  },
  { route: 'GET /api/v1/todos', req: get('/api/v1/todos'), cases: byRole(SIGNED_IN) },
  {
    route: 'POST /api/v1/files',
    req: () => ({ path: '/api/v1/files', upload: 'matrix.pdf' }),
    cases: byRole(SIGNED_IN),
  },
  {
    route: 'GET /api/v1/files/:id',
    req: (fx) => ({ path: `/api/v1/files/${fx.ids.wangFile}` }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'own upload', expect: '2xx' },
      // An unlinked upload is its uploader's alone, whatever the others' roles.
      ...ALL_ROLES.filter((r) => r !== 'member').map((who): Case => ({ who, rel: "other's upload", expect: 404 })),
      { who: 'memberZhang', rel: "other's upload", expect: 404 },
    ],
  },
];

const ORG_READERS: Role[] = ['member', 'staff', 'unit', 'leader', 'sysadmin'];
const ORG_MANAGERS: Role[] = ['staff', 'sysadmin'];
export const ORG_KINDS_IN_ROUTES = [
  'terms',
  'plenaries',
  'sectors',
  'parties',
  'committees',
  'departments',
  'departmentGroups',
  'streetGroups',
  'studios',
  'units',
] as const;

const orgRows: RouteRow[] = [
  { route: 'GET /api/v1/org/structure', req: get('/api/v1/org/structure'), cases: byRole(ORG_READERS) },
  ...ORG_KINDS_IN_ROUTES.flatMap((kind): RouteRow[] => {
    const base = `/api/v1/org/${kind}`;
    return [
      { route: `GET ${base}`, req: get(base), cases: byRole(ORG_READERS) },
      { route: `GET ${base}/export`, req: get(`${base}/export`), cases: byRole(ORG_MANAGERS) },
      {
        route: `GET ${base}/:id`,
        req: (fx) => ({ path: `${base}/${fx.ids[`org.${kind}`]}` }),
        cases: [
          ...byRole(ORG_READERS),
          { who: 'staff', rel: 'unknown record', expect: 404, req: () => ({ path: `${base}/${UNKNOWN_ID}` }) },
        ],
      },
      { route: `POST ${base}`, req: (fx) => ({ path: base, body: fill(fx, fx.ids[`org.${kind}.new`]!) }), cases: byRole(ORG_MANAGERS) },
      { route: `PATCH ${base}/:id`, req: (fx) => ({ path: `${base}/${fx.ids[`org.${kind}`]}`, body: {} }), cases: byRole(ORG_MANAGERS) },
      // Deleting an unknown record: the managers reach the lookup (404), the others are stopped before it.
      { route: `DELETE ${base}/:id`, req: () => ({ path: `${base}/${UNKNOWN_ID}` }), cases: byRole(ORG_MANAGERS, 403, 404) },
    ];
  }),
  {
    route: 'GET /api/v1/org/committees/:id/members',
    req: (fx) => ({ path: `/api/v1/org/committees/${fx.org.committees.economy}/members` }),
    cases: byRole(ORG_READERS),
  },
  { route: 'GET /api/v1/members', req: get('/api/v1/members'), cases: byRole(ORG_READERS) },
  { route: 'GET /api/v1/members/export', req: get('/api/v1/members/export'), cases: byRole(ORG_MANAGERS) },
  { route: 'GET /api/v1/members/import/template', req: get('/api/v1/members/import/template'), cases: byRole(ORG_MANAGERS) },
  // A PDF is no roster: the managers reach the reader (400), the others are stopped before it.
  {
    route: 'POST /api/v1/members/import/preview',
    req: () => ({ path: '/api/v1/members/import/preview', upload: 'roster.pdf' }),
    cases: byRole(ORG_MANAGERS, 403, 400),
  },
  {
    route: 'POST /api/v1/members/import/confirm',
    req: () => ({ path: '/api/v1/members/import/confirm', upload: 'roster.pdf' }),
    cases: byRole(ORG_MANAGERS, 403, 400),
  },
  { route: 'GET /api/v1/members/:id', req: (fx) => ({ path: `/api/v1/members/${fx.org.members.zhang}` }), cases: byRole(ORG_READERS) },
  {
    route: 'POST /api/v1/members',
    req: (fx) => ({ path: '/api/v1/members', body: fill(fx, fx.ids['member.new']!) }),
    cases: byRole(ORG_MANAGERS),
  },
  {
    route: 'PATCH /api/v1/members/:id',
    req: (fx) => ({ path: `/api/v1/members/${fx.org.members.zhao}`, body: {} }),
    cases: byRole(ORG_MANAGERS),
  },
  {
    route: 'PATCH /api/v1/members/:id/contact',
    req: (fx) => ({ path: `/api/v1/members/${fx.org.members.wang}/contact`, body: { mobile: '13900000001' } }),
    cases: [
      ...byRole(['member', 'staff', 'sysadmin']).map((c) => (c.who === 'member' ? { ...c, rel: 'own' } : c)),
      { who: 'memberZhang', rel: "other's", expect: 403 },
    ],
  },
  {
    route: 'POST /api/v1/members/:id/reveal',
    req: (fx) => ({ path: `/api/v1/members/${fx.org.members.wang}/reveal`, body: {} }),
    cases: [
      ...byRole(['member', 'staff', 'leader', 'sysadmin']).map((c) => (c.who === 'member' ? { ...c, rel: 'own' } : c)),
      { who: 'memberZhang', rel: "other's", expect: 403 },
    ],
  },
  { route: 'DELETE /api/v1/members/:id', req: () => ({ path: `/api/v1/members/${UNKNOWN_ID}` }), cases: byRole(ORG_MANAGERS, 403, 404) },
];

const PLAN_READERS: Role[] = ['member', 'staff', 'leader'];
const planRows: RouteRow[] = [
  { route: 'GET /api/v1/plans', req: get('/api/v1/plans'), cases: byRole(PLAN_READERS) },
  {
    route: 'POST /api/v1/plans/import/preview',
    req: (fx) => ({ path: '/api/v1/plans/import/preview', body: { text: fx.ids.planText } }),
    cases: byRole(['staff']),
  },
  // The fixture's plan is imported already: a second import of the same year is refused by state.
  {
    route: 'POST /api/v1/plans/import/confirm',
    req: (fx) => ({ path: '/api/v1/plans/import/confirm', body: { plan: JSON.parse(fx.ids.planPreview!), mappings: [] } }),
    cases: byRole(['staff'], 403, 409),
  },
  // A plan is invisible (404) to those who may not read plans.
  { route: 'GET /api/v1/plans/:id', req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}` }), cases: byRole(PLAN_READERS, 404) },
  {
    route: 'POST /api/v1/plans/:id/actions/:action',
    req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}/actions/activate`, body: {} }),
    // Readers see the plan, and its state refuses 'activate' before their missing grant does.
    cases: byRole(['staff', 'member', 'leader'], 404, 409).map((c) => ({ ...c, state: 'active' })),
  },
  {
    route: 'GET /api/v1/plans/:id/dashboard',
    req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}/dashboard` }),
    cases: byRole(['staff', 'leader', 'member'], 404),
  },
  {
    route: 'GET /api/v1/plans/:id/ledger.xlsx',
    req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}/ledger.xlsx` }),
    cases: byRole(['staff', 'leader']),
  },
  {
    route: 'GET /api/v1/plans/:id/document.docx',
    req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}/document.docx` }),
    cases: byRole(['staff', 'leader']),
  },
  {
    route: 'POST /api/v1/plans/:id/carry-over',
    req: (fx) => ({ path: `/api/v1/plans/${fx.ids.plan}/carry-over`, body: {} }),
    cases: byRole(['staff']),
  },
  { route: 'GET /api/v1/plan-items', req: get('/api/v1/plan-items'), cases: byRole(PLAN_READERS) },
  {
    route: 'GET /api/v1/plan-items/:id',
    req: (fx) => ({ path: `/api/v1/plan-items/${fx.ids.planItemRoom4}` }),
    cases: byRole(PLAN_READERS, 404),
  },
  {
    route: 'POST /api/v1/plan-items/:id/actions/:action',
    req: (fx) => ({
      path: `/api/v1/plan-items/${fx.ids.planItemRoom4}/actions/report_progress`,
      body: { text: '已召开专题协商会', percent: 30 },
    }),
    cases: [
      ...byRole(['staff'], 404).map((c) =>
        c.who === 'staff'
          ? { ...c, rel: 'assigned department' }
          : ['member', 'leader'].includes(c.who)
            ? { ...c, expect: 403 as const }
            : c,
      ),
      { who: 'room5Staff', rel: 'department not assigned', expect: 403 },
      {
        who: 'leaderLi',
        rel: 'responsible leader',
        expect: '2xx',
        req: (fx) => ({ path: `/api/v1/plan-items/${fx.ids.planItemLi}/actions/comment`, body: { comment: '请加快推进' } }),
      },
      {
        who: 'leaderSong',
        rel: 'not the responsible leader',
        expect: 403,
        req: (fx) => ({ path: `/api/v1/plan-items/${fx.ids.planItemLi}/actions/comment`, body: { comment: '请加快推进' } }),
      },
    ],
  },
  { route: 'GET /api/v1/plan-settings/reminders', req: get('/api/v1/plan-settings/reminders'), cases: byRole(['staff']) },
  {
    route: 'PUT /api/v1/plan-settings/reminders',
    req: (fx) => ({ path: '/api/v1/plan-settings/reminders', body: JSON.parse(fx.ids.planReminders!) }),
    cases: byRole(['staff']),
  },
];

const PROPOSAL_WRITERS: Role[] = ['member', 'leader'];
const PROPOSAL_OFFICE: Role[] = ['staff', 'leader'];
const draftBody = {
  subject: '关于完善中小学课后服务的建议',
  kind: 'individual',
  body: {
    situation: '课后服务覆盖面不足，部分学校师资紧张。',
    analysis: '经费保障机制尚不健全，家长负担较重。',
    suggestions: '建议完善经费保障，引入社会资源，扩大课后服务覆盖面。',
  },
};
const proposalRows: RouteRow[] = [
  { route: 'POST /api/v1/proposals', req: () => ({ path: '/api/v1/proposals', body: draftBody }), cases: byRole(PROPOSAL_WRITERS) },
  // Lists are scoped to what each account may see (empty for those who see none), so every account gets one.
  { route: 'GET /api/v1/proposals', req: get('/api/v1/proposals'), cases: byRole(SIGNED_IN) },
  {
    route: 'GET /api/v1/proposals/similar',
    req: get('/api/v1/proposals/similar?subject=%E8%AF%BE%E5%90%8E%E6%9C%8D%E5%8A%A1'),
    cases: byRole(['member', 'staff', 'leader']),
  },
  { route: 'GET /api/v1/proposals/meta', req: get('/api/v1/proposals/meta'), cases: byRole(SIGNED_IN) },
  {
    route: 'PUT /api/v1/proposals/settings',
    req: (fx) => ({ path: '/api/v1/proposals/settings', body: JSON.parse(fx.ids.proposalSettings!) }),
    cases: byRole(['staff']),
  },
  {
    route: 'POST /api/v1/proposals/categories',
    req: (fx) => ({ path: '/api/v1/proposals/categories', body: { name: `类别${fx.unique()}` } }),
    cases: byRole(['staff']),
  },
  { route: 'GET /api/v1/proposals/member-options', req: get('/api/v1/proposals/member-options'), cases: byRole(PROPOSAL_WRITERS) },
  { route: 'GET /api/v1/proposals/stats', req: get('/api/v1/proposals/stats'), cases: byRole(PROPOSAL_OFFICE) },
  { route: 'GET /api/v1/proposals/stats.xlsx', req: get('/api/v1/proposals/stats.xlsx'), cases: byRole(PROPOSAL_OFFICE) },
  { route: 'GET /api/v1/proposals/export.xlsx', req: get('/api/v1/proposals/export.xlsx'), cases: byRole(SIGNED_IN) },
  { route: 'GET /api/v1/proposals/compilation.docx', req: get('/api/v1/proposals/compilation.docx'), cases: byRole(PROPOSAL_OFFICE) },
  ...(['', '/docx'] as const).map((suffix): RouteRow => ({
    route: `GET /api/v1/proposals/:id${suffix}`,
    req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.assignedProposal}${suffix}` }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'own draft', expect: '2xx', req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.wangDraft}${suffix}` }) },
      {
        who: 'memberZhang',
        rel: "another member's draft",
        expect: 404,
        req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.wangDraft}${suffix}` }),
      },
      { who: 'staff', rel: "a member's draft", expect: 404, req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.wangDraft}${suffix}` }) },
      { who: 'unitEducation', rel: 'lead unit', expect: '2xx' },
      { who: 'unitHealth', rel: 'joint unit', expect: '2xx' },
      { who: 'unitCommerce', rel: 'not assigned', expect: 404 },
      { who: 'proposalStaff', rel: 'owning office', expect: '2xx' },
      { who: 'room5Staff', rel: 'other office', expect: 404 },
      { who: 'leader', expect: '2xx' },
      { who: 'memberWang', rel: 'own, assigned', expect: '2xx' },
      ...(['public', 'sysadmin', 'secadmin', 'auditor'] as const).map((who): Case => ({ who, expect: 404 })),
    ],
  })),
  {
    route: 'PATCH /api/v1/proposals/:id',
    req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.wangDraft}`, body: { subject: '关于完善中小学课后服务保障的建议' } }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'own draft', expect: '2xx' },
      { who: 'memberZhang', rel: "another member's draft", expect: 404 },
      // Roles that cannot write proposals at all are refused before the record is looked up.
      { who: 'proposalStaff', rel: "a member's draft", expect: 403 },
      { who: 'unitEducation', expect: 403 },
      {
        who: 'memberWang',
        rel: 'own, assigned',
        state: 'assigned',
        expect: 409,
        req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.assignedProposal}`, body: { subject: '改题目' } }),
      },
    ],
  },
  {
    route: 'POST /api/v1/proposals/:id/actions/:action',
    req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.wangDraft}/actions/submit`, body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberZhang', rel: "another member's draft", expect: 404 },
      { who: 'proposalStaff', rel: "a member's draft", expect: 404 },
      { who: 'unitEducation', expect: 404 },
      { who: 'memberWang', rel: 'own draft', state: 'draft', expect: '2xx' },
      { who: 'memberWang', rel: 'own', state: 'submitted', expect: 409 },
      {
        who: 'unitCommerce',
        rel: 'not assigned',
        expect: 404,
        req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.assignedProposal}/actions/reply`, body: {} }),
      },
    ],
  },
  ...(['key', 'excellent', 'publication'] as const).map((what): RouteRow => ({
    route: `PUT /api/v1/proposals/:id/${what}`,
    req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.assignedProposal}/${what}`, body: JSON.parse(fx.ids[`proposal.${what}`]!) }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'proposalStaff', rel: 'owning office', expect: '2xx' },
      { who: 'room5Staff', rel: 'other office', expect: 404 },
      { who: 'memberWang', rel: 'proposer', expect: 403 },
      { who: 'unitEducation', rel: 'lead unit', expect: 403 },
    ],
  })),
  {
    route: 'POST /api/v1/proposals/:id/supervisions',
    req: (fx) => ({ path: `/api/v1/proposals/${fx.ids.assignedProposal}/supervisions`, body: JSON.parse(fx.ids['proposal.supervision']!) }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'leader', expect: '2xx' },
      { who: 'memberWang', rel: 'proposer', expect: 403 },
      { who: 'unitEducation', rel: 'lead unit', expect: 403 },
      { who: 'room5Staff', rel: 'other office', expect: 404 },
    ],
  },
  { route: 'GET /api/v1/public/proposals', req: get('/api/v1/public/proposals'), cases: byRole(['anonymous', ...SIGNED_IN]) },
  {
    route: 'GET /api/v1/public/proposals/:id',
    req: (fx) => ({ path: `/api/v1/public/proposals/${fx.ids.wangDraft}` }),
    cases: [
      { who: 'anonymous', rel: 'not public', expect: 404 },
      { who: 'memberWang', rel: 'own, not public', expect: 404 },
    ],
  },
  // The public portal's pages (the web app's shell): open to all, 404 when the web app is not built.
  { route: 'GET /public', req: get('/public'), cases: byRole(['anonymous', ...SIGNED_IN], 404, 404) },
  { route: 'GET /public/*', req: get('/public/proposals'), cases: byRole(['anonymous', ...SIGNED_IN], 404, 404) },
];

/** The opinions office is 研究室 (researchStaff); the role's typical staff account (专委会工作四室) is not it. */
const office = (expect: Expect = '2xx'): Case => ({ who: 'researchStaff', rel: 'opinions office', expect });
const opinionBody = {
  title: '关于缓解老旧小区停车难的建议',
  category: '城市管理',
  body: {
    situation: '老旧小区停车矛盾突出。',
    analysis: '停车设施规划滞后。',
    suggestions: '建议推行错时共享停车。',
  },
};
const bulletin =
  (suffix = '') =>
  (fx: Fx) => ({ path: `/api/v1/opinions/bulletins/${fx.ids.opinionBulletin}${suffix}` });
const opinionRows: RouteRow[] = [
  {
    route: 'POST /api/v1/opinions',
    req: () => ({ path: '/api/v1/opinions', body: opinionBody }),
    cases: [
      ...byRole(['member', 'leader']),
      {
        ...office(),
        rel: 'for an informant',
        req: () => ({ path: '/api/v1/opinions', body: { ...opinionBody, source: 'informant', sourceName: '刘晓' } }),
      },
      { ...office(403), rel: 'as a member' },
    ],
  },
  // Lists are scoped to what each account may see (empty for those who see none), so every account gets one.
  { route: 'GET /api/v1/opinions', req: get('/api/v1/opinions'), cases: byRole(SIGNED_IN) },
  { route: 'GET /api/v1/opinions/meta', req: get('/api/v1/opinions/meta'), cases: byRole(SIGNED_IN) },
  {
    route: 'POST /api/v1/opinions/categories',
    req: (fx) => ({ path: '/api/v1/opinions/categories', body: { name: `类别${fx.unique()}` } }),
    cases: [...byRole([]), office()],
  },
  { route: 'GET /api/v1/opinions/stats', req: get('/api/v1/opinions/stats'), cases: [...byRole(['leader']), office()] },
  { route: 'GET /api/v1/opinions/stats.xlsx', req: get('/api/v1/opinions/stats.xlsx'), cases: [...byRole(['leader']), office()] },
  { route: 'GET /api/v1/opinions/bulletins', req: get('/api/v1/opinions/bulletins'), cases: [...byRole(['leader']), office()] },
  {
    route: 'POST /api/v1/opinions/bulletins',
    req: (fx) => ({ path: '/api/v1/opinions/bulletins', body: { title: `专辑${fx.unique()}`, issueDate: '2026-06-01' } }),
    cases: [...byRole([]), office()],
  },
  // An issue is the office's and the leaders' alone: to anyone else it does not exist.
  ...(['', '/docx'] as const).map((suffix): RouteRow => ({
    route: `GET /api/v1/opinions/bulletins/:id${suffix}`,
    req: bulletin(suffix),
    cases: [...byRole(['leader'], 404), office()],
  })),
  {
    route: 'PUT /api/v1/opinions/bulletins/:id/items',
    req: (fx) => ({ ...bulletin('/items')(fx), body: { reportIds: [fx.ids.adoptedOpinion] } }),
    cases: [{ who: 'anonymous', expect: 401 }, ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'leader' ? 403 : 404 })), office()],
  },
  {
    route: 'POST /api/v1/opinions/bulletins/:id/publish',
    req: (fx) => ({ ...bulletin('/publish')(fx), body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'leader' ? 403 : 404 })),
      office(),
      { ...office(409), state: 'published' },
    ],
  },
  {
    route: 'GET /api/v1/opinions/:id',
    req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.adoptedOpinion}` }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'author', expect: '2xx' },
      { who: 'memberZhang', rel: "another member's", expect: 404 },
      office(),
      { who: 'proposalStaff', rel: 'other office', expect: 404 },
      { who: 'leader', expect: '2xx' },
      { who: 'memberWang', rel: 'own draft', expect: '2xx', req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftPatch}` }) },
      { ...office(404), rel: "a member's draft", req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftPatch}` }) },
      ...(['unit', 'public', 'sysadmin', 'secadmin', 'auditor'] as const).map((who): Case => ({ who, expect: 404 })),
    ],
  },
  {
    route: 'PATCH /api/v1/opinions/:id',
    req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftPatch}`, body: { title: '关于老旧小区错时停车的建议' } }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'own draft', expect: '2xx' },
      { who: 'memberZhang', rel: "another member's draft", expect: 404 },
      { ...office(404), rel: "a member's draft" },
      // Roles that cannot write reports at all are refused before the record is looked up.
      { who: 'unitEducation', expect: 403 },
      {
        who: 'memberWang',
        rel: 'own, adopted',
        state: 'adopted',
        expect: 409,
        req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.adoptedOpinion}`, body: { title: '改题目' } }),
      },
    ],
  },
  {
    route: 'POST /api/v1/opinions/:id/actions/:action',
    req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftSubmit}/actions/submit`, body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberZhang', rel: "another member's draft", expect: 404 },
      { ...office(404), rel: "a member's draft" },
      { who: 'unitEducation', expect: 404 },
      { who: 'memberWang', rel: 'own draft', state: 'draft', expect: '2xx' },
      { who: 'memberWang', rel: 'own', state: 'submitted', expect: 409 },
      {
        who: 'leader',
        rel: 'accept as a leader',
        expect: 403,
        req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftSubmit}/actions/accept`, body: {} }),
      },
      {
        who: 'memberWang',
        rel: 'adopt own report',
        expect: 403,
        req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.adoptedOpinion}/actions/adopt`, body: { level: 'city' } }),
      },
      {
        ...office(400),
        rel: 'return without a comment',
        req: (fx) => ({ path: `/api/v1/opinions/${fx.ids.opinionDraftSubmit}/actions/return`, body: {} }),
      },
    ],
  },
];

const ACT_READERS: Role[] = ['member', 'staff', 'leader'];
const ATTENDERS: Role[] = ['member', 'leader'];
const ev =
  (suffix = '') =>
  (fx: Fx) =>
    `/api/v1/activities/events/${fx.ids.event}${suffix}`;
/**
 * An organiser's route on the fixture event (organised by 专委会工作四室). Staff of another office see the
 * event but may not organise it (403); a member not invited does not see it (404).
 */
const organiserRow = (route: string, req: (fx: Fx) => Req, yes: Expect = '2xx', over: Partial<Record<string, Expect>> = {}): RouteRow => ({
  route,
  req,
  cases: [
    { who: 'anonymous', expect: 401 },
    { who: 'proposalStaff', rel: 'organising department', expect: yes },
    { who: 'room5Staff', rel: 'other department', expect: over.room5Staff ?? 403 },
    { who: 'memberWang', rel: 'invited member', expect: over.memberWang ?? 403 },
    { who: 'memberZhang', rel: 'not invited', expect: over.memberZhang ?? 404 },
    { who: 'unit', expect: over.unit ?? 404 },
    { who: 'sysadmin', expect: over.sysadmin ?? 404 },
  ],
});
const activityRows: RouteRow[] = [
  { route: 'GET /api/v1/activities/types', req: get('/api/v1/activities/types'), cases: byRole(ACT_READERS) },
  {
    route: 'POST /api/v1/activities/types',
    req: (fx) => ({ path: '/api/v1/activities/types', body: { name: `类型${fx.unique()}`, parentId: null } }),
    cases: byRole(['staff']),
  },
  {
    route: 'PATCH /api/v1/activities/types/:id',
    req: (fx) => ({ path: `/api/v1/activities/types/${fx.ids.activityType}`, body: {} }),
    cases: byRole(['staff']),
  },
  { route: 'GET /api/v1/activities/plan', req: get('/api/v1/activities/plan?year=2026'), cases: byRole(ACT_READERS) },
  {
    route: 'GET /api/v1/activities/plan/export.xlsx',
    req: get('/api/v1/activities/plan/export.xlsx?year=2026'),
    cases: byRole(ACT_READERS),
  },
  {
    route: 'GET /api/v1/activities/plan/export.docx',
    req: get('/api/v1/activities/plan/export.docx?year=2026'),
    cases: byRole(ACT_READERS),
  },
  {
    route: 'POST /api/v1/activities/plan-entries',
    req: (fx) => ({ path: '/api/v1/activities/plan-entries', body: fill(fx, fx.ids.planEntryNew!) }),
    cases: byRole(['staff']),
  },
  {
    route: 'PATCH /api/v1/activities/plan-entries/:id',
    req: (fx) => ({ path: `/api/v1/activities/plan-entries/${fx.ids.planEntry}`, body: {} }),
    cases: byRole(['staff']),
  },
  {
    route: 'DELETE /api/v1/activities/plan-entries/:id',
    req: () => ({ path: `/api/v1/activities/plan-entries/${UNKNOWN_ID}` }),
    cases: byRole(['staff'], 403, 404),
  },
  { route: 'GET /api/v1/activities/events', req: get('/api/v1/activities/events'), cases: byRole(ACT_READERS) },
  {
    route: 'POST /api/v1/activities/events',
    req: (fx) => ({ path: '/api/v1/activities/events', body: JSON.parse(fx.ids.eventNew!) }),
    cases: byRole(['staff']),
  },
  {
    route: 'GET /api/v1/activities/events/:id',
    req: (fx) => ({ path: ev()(fx) }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'invited', expect: '2xx' },
      { who: 'memberZhang', rel: 'not invited', expect: 404 },
      { who: 'proposalStaff', rel: 'organising department', expect: '2xx' },
      { who: 'room5Staff', rel: 'other department', expect: '2xx' },
      { who: 'leader', expect: '2xx' },
      ...(['unit', 'public', 'sysadmin', 'secadmin', 'auditor'] as const).map((who): Case => ({ who, expect: 404 })),
    ],
  },
  organiserRow('PATCH /api/v1/activities/events/:id', (fx) => ({ path: ev()(fx), body: { place: '区政协二层会议室' } })),
  // Those who see the published event meet its state before their missing grant.
  organiserRow('POST /api/v1/activities/events/:id/actions/:action', (fx) => ({ path: ev('/actions/publish')(fx), body: {} }), 409, {
    room5Staff: 409,
    memberWang: 409,
  }),
  organiserRow('POST /api/v1/activities/events/:id/invitees', (fx) => ({
    path: ev('/invitees')(fx),
    body: { memberIds: [fx.org.members.zhao] },
  })),
  organiserRow('DELETE /api/v1/activities/events/:id/invitees/:memberId', (fx) => ({ path: ev(`/invitees/${fx.org.members.zhao}`)(fx) })),
  // Attendance is recorded from check-in time on; the fixture event is a week ahead.
  organiserRow(
    'PUT /api/v1/activities/events/:id/attendance',
    (fx) => ({ path: ev('/attendance')(fx), body: { memberId: fx.org.members.wang, attendance: 'present' } }),
    409,
  ),
  organiserRow('PUT /api/v1/activities/events/:id/minutes', (fx) => ({
    path: ev('/minutes')(fx),
    body: { minutes: '会议听取了情况通报，委员踊跃发言。' },
  })),
  // An invited member hands in a speech of their own.
  organiserRow(
    'POST /api/v1/activities/events/:id/speeches',
    (fx) => ({ path: ev('/speeches')(fx), body: { memberId: fx.org.members.wang, kind: 'written', title: '关于社区养老的发言' } }),
    '2xx',
    { memberWang: '2xx' },
  ),
  organiserRow('GET /api/v1/activities/events/:id/signin-sheet.docx', (fx) => ({ path: ev('/signin-sheet.docx')(fx) }), '2xx', {
    memberWang: 404,
    room5Staff: 404,
  }),
  // Roles without the report grant are refused before the event is looked up.
  organiserRow(
    'POST /api/v1/activities/events/:id/report',
    (fx) => ({ path: ev('/report')(fx), body: { title: '调研报告', recommendations: ['建议完善社区养老服务网络'] } }),
    '2xx',
    {
      memberZhang: 403,
      unit: 403,
      sysadmin: 403,
    },
  ),
  {
    route: 'POST /api/v1/activities/checkin',
    req: () => ({ path: '/api/v1/activities/checkin', body: { checkinCode: '000000' } }),
    // A wrong code: those who may check in are told the code is wrong (400), the others are stopped before it.
    cases: byRole(ATTENDERS, 403, 400),
  },
  {
    route: 'POST /api/v1/activities/invitations/:id/actions/:action',
    req: (fx) => ({ path: `/api/v1/activities/invitations/${fx.ids.wangInvitation}/actions/accept`, body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      { who: 'memberWang', rel: 'own invitation', expect: '2xx' },
      { who: 'memberZhang', rel: "another member's invitation", expect: 404 },
      { who: 'unit', expect: 404 },
      // Staff see the invitation; it is accepted by now, and its state answers first.
      { who: 'room5Staff', rel: 'other department', state: 'accepted', expect: 409 },
    ],
  },
  // Reports and recommendations are looked up first: an unknown one is 404 to every account.
  {
    route: 'PATCH /api/v1/activities/reports/:id',
    req: () => ({ path: `/api/v1/activities/reports/${UNKNOWN_ID}`, body: {} }),
    cases: byRole(SIGNED_IN, 404, 404),
  },
  {
    route: 'POST /api/v1/activities/reports/:id/actions/:action',
    req: () => ({ path: `/api/v1/activities/reports/${UNKNOWN_ID}/actions/submit`, body: {} }),
    cases: byRole(SIGNED_IN, 404, 404),
  },
  {
    route: 'POST /api/v1/activities/recommendations/:id/actions/:action',
    req: () => ({ path: `/api/v1/activities/recommendations/${UNKNOWN_ID}/actions/respond`, body: {} }),
    cases: byRole(SIGNED_IN, 404, 404),
  },
  {
    route: 'GET /api/v1/activities/reminder-settings',
    req: get('/api/v1/activities/reminder-settings'),
    cases: byRole(['staff']),
  },
  {
    route: 'PUT /api/v1/activities/reminder-settings',
    req: () => ({ path: '/api/v1/activities/reminder-settings', body: { enabled: true, daysBefore: [3, 1] } }),
    cases: byRole(['staff']),
  },
  { route: 'GET /api/v1/activities/stats', req: get('/api/v1/activities/stats'), cases: byRole(['staff', 'leader']) },
  { route: 'GET /api/v1/activities/rotations/:year', req: get('/api/v1/activities/rotations/2026'), cases: byRole(['staff']) },
  // No standing-committee meetings are scheduled in the fixture year, so there is nothing to plan, swap or publish.
  {
    route: 'POST /api/v1/activities/rotations/:year/plan',
    req: () => ({ path: '/api/v1/activities/rotations/2026/plan', body: {} }),
    cases: byRole(['staff'], 403, 400),
  },
  {
    route: 'POST /api/v1/activities/rotations/:year/swap',
    req: (fx) => ({
      path: '/api/v1/activities/rotations/2026/swap',
      body: { memberA: fx.org.members.wang, memberB: fx.org.members.zhang },
    }),
    cases: byRole(['staff'], 403, 404),
  },
  {
    route: 'POST /api/v1/activities/rotations/:year/publish',
    req: () => ({ path: '/api/v1/activities/rotations/2026/publish', body: {} }),
    cases: byRole(['staff'], 403, 404),
  },
  {
    route: 'GET /api/v1/activities/rotations/:year/export.xlsx',
    req: get('/api/v1/activities/rotations/2026/export.xlsx'),
    cases: byRole(['staff']),
  },
  // Every account has its own calendar feed, holding only its own activities (empty for most admin roles).
  { route: 'GET /api/v1/activities/calendar-token', req: get('/api/v1/activities/calendar-token'), cases: byRole(SIGNED_IN) },
  {
    route: 'POST /api/v1/activities/calendar-token',
    req: () => ({ path: '/api/v1/activities/calendar-token', body: {} }),
    cases: byRole(SIGNED_IN),
  },
  {
    route: 'GET /api/v1/activities/calendar.ics',
    req: get('/api/v1/activities/calendar.ics'),
    cases: [
      ...byRole(SIGNED_IN),
      {
        who: 'anonymous',
        rel: 'wrong token',
        expect: 404,
        req: () => ({ path: '/api/v1/activities/calendar.ics?token=0000000000000000000000' }),
      },
    ],
  },
];

/** Duty records: members read their own and submit entries; staff keep rules and entries; leaders read all. */
const PERF_READERS: Role[] = ['member', 'staff', 'leader'];
const newEntry = { kind: 'other_duty', date: '2026-03-01', description: '参加界别活动', points: 1 };
const performanceRows: RouteRow[] = [
  { route: 'GET /api/v1/performance/rules', req: get('/api/v1/performance/rules'), cases: byRole(PERF_READERS) },
  {
    // The default rule written back as it is, so that other cases see unchanged points.
    route: 'PUT /api/v1/performance/rules/:kind',
    req: () => ({ path: '/api/v1/performance/rules/activity_attended', body: { points: 2, cap: 40 } }),
    cases: byRole(['staff']),
  },
  {
    route: 'PUT /api/v1/performance/settings',
    req: () => ({ path: '/api/v1/performance/settings', body: { threshold: 20 } }),
    cases: byRole(['staff']),
  },
  {
    // A record the actor may not see is 404: a member sees only their own.
    route: 'GET /api/v1/performance/members/:id/record',
    req: (fx) => ({ path: `/api/v1/performance/members/${fx.org.members.wang}/record?year=2026` }),
    cases: [
      ...byRole(PERF_READERS, 404),
      { who: 'memberZhang', rel: "other's record", expect: 404 },
      { who: 'staff', rel: 'unknown member', expect: 404, req: () => ({ path: `/api/v1/performance/members/${UNKNOWN_ID}/record` }) },
    ],
  },
  { route: 'GET /api/v1/performance/evaluation', req: get('/api/v1/performance/evaluation?year=2026'), cases: byRole(['staff', 'leader']) },
  {
    route: 'GET /api/v1/performance/evaluation/export.xlsx',
    req: get('/api/v1/performance/evaluation/export.xlsx?year=2026'),
    cases: byRole(['staff', 'leader']),
  },
  {
    route: 'POST /api/v1/performance/evaluation/remind',
    req: () => ({ path: '/api/v1/performance/evaluation/remind', body: { year: 2026 } }),
    cases: byRole(['staff']),
  },
  { route: 'GET /api/v1/performance/entries', req: get('/api/v1/performance/entries'), cases: byRole(PERF_READERS) },
  {
    // Members and leaders submit their own; staff record for a member, whom they must name.
    route: 'POST /api/v1/performance/entries',
    req: () => ({ path: '/api/v1/performance/entries', body: newEntry }),
    cases: [
      ...byRole(['member', 'leader']).map((c) => (c.who === 'staff' ? { ...c, rel: 'no member named', expect: 400 as const } : c)),
      {
        who: 'staff',
        rel: 'for a member',
        expect: '2xx',
        req: (fx) => ({ path: '/api/v1/performance/entries', body: { ...newEntry, memberId: fx.org.members.zhao } }),
      },
      {
        who: 'memberZhang',
        rel: 'for another member',
        expect: 403,
        req: (fx) => ({ path: '/api/v1/performance/entries', body: { ...newEntry, memberId: fx.org.members.wang } }),
      },
    ],
  },
  {
    route: 'GET /api/v1/performance/entries/:id',
    req: (fx) => ({ path: `/api/v1/performance/entries/${fx.ids.wangEntry}` }),
    cases: [...byRole(['member', 'staff'], 404), { who: 'memberZhang', rel: "other's entry", expect: 404 }],
  },
  {
    // Rejecting without a reason: staff reach the input check (400); the owner may not decide (403); others do not see it.
    route: 'POST /api/v1/performance/entries/:id/actions/:action',
    req: (fx) => ({ path: `/api/v1/performance/entries/${fx.ids.wangEntry}/actions/reject`, body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'staff' ? 400 : who === 'member' ? 403 : 404 })),
    ],
  },
];

/** Notices: a department's staff manage its own; members, leaders and staff read what is sent to them. */
const NOTICE_READERS: Role[] = ['member', 'staff', 'leader'];
const notice = (key: string) => (fx: Fx) => `/api/v1/notices/${fx.ids[key]}`;
const noticeRows: RouteRow[] = [
  { route: 'GET /api/v1/notices', req: get('/api/v1/notices'), cases: byRole(NOTICE_READERS) },
  { route: 'GET /api/v1/notices/managed', req: get('/api/v1/notices/managed'), cases: byRole(['staff']) },
  {
    route: 'POST /api/v1/notices',
    req: () => ({
      path: '/api/v1/notices',
      body: { kind: 'briefing', title: '工作通报', body: '通报内容。', audience: { groups: ['standing'], committeeIds: [] } },
    }),
    cases: byRole(['staff']),
  },
  {
    // A published notice to every member: its readers and its department see it; to anyone else it does not exist.
    route: 'GET /api/v1/notices/:id',
    req: (fx) => ({ path: notice('noticePublished')(fx) }),
    cases: [
      ...byRole(NOTICE_READERS, 404),
      { who: 'memberZhang', rel: 'a recipient', expect: '2xx' },
      { who: 'member', state: 'draft', expect: 404, req: (fx) => ({ path: notice('noticeDraft')(fx) }) },
      { who: 'room5Staff', rel: "another department's draft", expect: 404, req: (fx) => ({ path: notice('noticeDraft')(fx) }) },
    ],
  },
  {
    route: 'PATCH /api/v1/notices/:id',
    req: (fx) => ({ path: notice('noticeDraft')(fx), body: { title: '关于召开全体委员会议的通知（修改）' } }),
    cases: [
      ...byRole(['staff']),
      { who: 'room5Staff', rel: "another department's draft", expect: 404 },
      { who: 'staff', state: 'published', expect: 409, req: (fx) => ({ path: notice('noticePublished')(fx), body: { title: '再改' } }) },
    ],
  },
  {
    route: 'DELETE /api/v1/notices/:id',
    req: () => ({ path: `/api/v1/notices/${UNKNOWN_ID}` }),
    cases: [
      ...byRole(['staff'], 403, 404),
      { who: 'room5Staff', rel: "another department's draft", expect: 404, req: (fx) => ({ path: notice('noticeDeletable')(fx) }) },
      { who: 'staff', rel: 'own draft', expect: '2xx', req: (fx) => ({ path: notice('noticeDeletable')(fx) }) },
    ],
  },
  {
    // Recipients mark it read; its department, not sent it, has nothing to mark (409).
    route: 'POST /api/v1/notices/:id/read',
    req: (fx) => ({ path: `${notice('noticePublished')(fx)}/read` }),
    cases: [
      { who: 'anonymous', expect: 401 },
      ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'member' || who === 'leader' ? '2xx' : who === 'staff' ? 409 : 404 })),
    ],
  },
  {
    route: 'GET /api/v1/notices/:id/recipients',
    req: (fx) => ({ path: `${notice('noticePublished')(fx)}/recipients` }),
    cases: [
      { who: 'anonymous', expect: 401 },
      ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'staff' ? '2xx' : who === 'member' || who === 'leader' ? 403 : 404 })),
      { who: 'room5Staff', rel: 'another department', expect: 404 },
    ],
  },
  {
    // Withdrawing without a reason: its department reaches the input check (400); readers may not act (403).
    route: 'POST /api/v1/notices/:id/actions/:action',
    req: (fx) => ({ path: `${notice('noticePublished')(fx)}/actions/withdraw`, body: {} }),
    cases: [
      { who: 'anonymous', expect: 401 },
      ...ALL_ROLES.map((who): Case => ({ who, expect: who === 'staff' ? 400 : who === 'member' || who === 'leader' ? 403 : 404 })),
      { who: 'room5Staff', rel: 'another department', expect: 404 },
    ],
  },
];

export const UNKNOWN_ID = '01890000-0000-7000-8000-0000000000aa';

export const ROUTE_TABLE: RouteRow[] = [
  ...platformRows,
  ...orgRows,
  ...planRows,
  ...proposalRows,
  ...activityRows,
  ...performanceRows,
  ...opinionRows,
  ...noticeRows,
];
