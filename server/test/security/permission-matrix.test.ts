import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_ROLES } from '@xieshang/shared';
import type { Client, TestPlatform } from '../harness.js';
import { TEST_PASSWORD, type SmallOrg } from '../fixtures/org.js';
import type { PlanOrg } from '../../src/modules/plan/plan.test-support.js';
import { ROLE_ACCOUNT, ROUTE_TABLE, type Case, type Expect, type Fx, type Req, type RouteRow, type Who } from './route-table.js';
import { SMALL_PDF, startRouteSuite } from './route-fixtures.js';

let t: TestPlatform;
let org: PlanOrg;
let fx: Fx;
const sessions = new Map<string, Client>();

beforeAll(async () => {
  ({ t, fx } = await startRouteSuite());
  org = fx.org;
});
afterAll(() => t?.close());

function usernameOf(who: Exclude<Who, 'anonymous'>): string {
  const account = (ROLE_ACCOUNT as Record<string, keyof SmallOrg['users']>)[who] ?? (who as keyof SmallOrg['users']);
  return org.usernames[account];
}

async function clientFor(c: Case): Promise<Client> {
  if (c.who === 'anonymous') return t.anonymous();
  const username = usernameOf(c.who);
  if (c.freshSession) return t.login(username, TEST_PASSWORD);
  let client = sessions.get(username);
  if (!client) {
    client = await t.login(username, TEST_PASSWORD);
    sessions.set(username, client);
  }
  return client;
}

function classOf(status: number): Expect | number {
  return status >= 200 && status < 300 ? '2xx' : status;
}

async function send(client: Client, method: string, req: Req) {
  if (req.upload) return client.upload(req.path, req.upload, SMALL_PDF);
  switch (method) {
    case 'GET':
      return client.get(req.path);
    case 'POST':
      return client.post(req.path, req.body);
    case 'PUT':
      return client.put(req.path, req.body);
    case 'PATCH':
      return client.patch(req.path, req.body);
    case 'DELETE':
      return client.delete(req.path);
    default:
      throw new Error(`unsupported method ${method}`);
  }
}

function describeCase(row: RouteRow, c: Case): string {
  return `${row.route} as ${c.who}${c.rel ? ` (${c.rel})` : ''}${c.state ? ` [${c.state}]` : ''}`;
}

describe('permission matrix', () => {
  test('every route of the router has a row in the table, and every row a route', () => {
    const registered = new Set(t.routes.map((r) => `${r.method} ${r.url}`));
    const tabled = new Set(ROUTE_TABLE.map((r) => r.route));
    const optional = new Set(ROUTE_TABLE.filter((r) => r.optional).map((r) => r.route));
    const missing = [...registered].filter((r) => !tabled.has(r)).sort();
    const stale = [...tabled].filter((r) => !registered.has(r) && !optional.has(r)).sort();
    expect(missing, `routes without a row in server/test/security/route-table.ts:\n${missing.join('\n')}`).toEqual([]);
    expect(stale, `rows for routes the router does not have:\n${stale.join('\n')}`).toEqual([]);
  });

  test('every role, relation and state gets the answer the table gives', async () => {
    const wrong: string[] = [];
    let checked = 0;
    const registered = new Set(t.routes.map((r) => `${r.method} ${r.url}`));
    for (const row of ROUTE_TABLE) {
      if (row.optional && !registered.has(row.route)) continue;
      const method = row.route.split(' ')[0]!;
      for (const c of row.cases) {
        const req = (c.req ?? row.req)(fx);
        const answer = await send(await clientFor(c), method, req);
        checked++;
        if (classOf(answer.status) !== c.expect) {
          const detail = typeof answer.body === 'object' ? JSON.stringify(answer.body).slice(0, 160) : '';
          wrong.push(`${describeCase(row, c)}: expected ${c.expect}, got ${answer.status} ${detail}`);
        }
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(ROUTE_TABLE.length * 5);
  }, 600_000);

  test('no account holds two admin roles, or an admin role with another role (三权分立)', async () => {
    const rows = await t.ctx.db.selectFrom('userRoles').select(['userId', 'role']).execute();
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.role]);
    const mixed = [...byUser.entries()].filter(
      ([, roles]) => roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r)) && roles.length > 1,
    );
    expect(mixed).toEqual([]);
    // The table's refused attempts above touched nothing: the three admins still hold exactly their own role.
    for (const who of ['sysadmin', 'secadmin', 'auditor'] as const) expect(byUser.get(org.users[who])).toEqual([who]);
  });
});
