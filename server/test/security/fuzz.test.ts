import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { TestPlatform } from '../harness.js';
import { TEST_PASSWORD, type SmallOrg } from '../fixtures/org.js';
import type { PlanOrg } from '../../src/modules/plan/plan.test-support.js';
import { listTables } from '../../src/db/dialect/index.js';
import { ROLE_ACCOUNT, ROUTE_TABLE, type Fx, type RouteRow } from './route-table.js';
import { startRouteSuite } from './route-fixtures.js';
import { encode, hostile, INJECTION, toQuery } from './zod-sample.js';

/**
 * Bad input, generated from each route's own zod schema and mutated (see zod-sample.ts), sent as the
 * role the route is for. FUZZ_PER_FAMILY requests per endpoint family (CI: 10,000 on each database), spread
 * over the family's endpoints by their share (`SHARE`). Every answer: no 5xx, no stack trace or SQL text; and
 * a refused request stores nothing.
 */
const PER_FAMILY = Number(process.env.FUZZ_PER_FAMILY ?? 1000);
const MIN_PER_ENDPOINT = 10;
/**
 * An endpoint's share of its family's requests, 1 unless given. The audit trail's export writes every entry
 * that matches to a file and is audited itself, so each of its requests costs more than the one before: with
 * half of 10,000 it took 4 of the 11 minutes of the suite on PostgreSQL. It takes the list's filter,
 * which the list's share exercises in full.
 */
const SHARE: Record<string, number> = { 'GET /api/v1/audit/export': 0.2 };
const shareOf = (target: { row: RouteRow }) => SHARE[target.row.route] ?? 1;
/** A family is the first path segment after /api/v1/, with the segments of one module or screen merged. */
const FAMILY_OF_SEGMENT: Record<string, string> = {
  me: 'auth',
  roles: 'users',
  'security-policy': 'users',
  todos: 'notifications',
  org: 'members',
  'plan-items': 'plans',
  'plan-settings': 'plans',
};
const familyOf = (url: string) => {
  const segment = url.split('/')[3]!;
  return FAMILY_OF_SEGMENT[segment] ?? segment;
};
/** Tables a refused request may legitimately touch: failed logins are audited and rate-limited. */
const MAY_GROW = new Set(['audit_log', 'rate_limits']);

const LEAK = [
  /\n\s+at \S+/,
  /node:internal|node_modules|\.ts:\d+|\.js:\d+/,
  /SQLITE_|sqlite3|better-sqlite|syntax error|violates|duplicate key|relation "|column "|constraint failed|no such (table|column)|Kysely|ZodError|TypeError|ReferenceError/i,
  /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b/i,
];

let t: TestPlatform;
let org: PlanOrg;
let fx: Fx;
const cookies = new Map<string, string>();

beforeAll(async () => {
  ({ t, fx } = await startRouteSuite());
  org = fx.org;
});
afterAll(() => t?.close());

async function cookieOf(who: string): Promise<string | undefined> {
  if (who === 'anonymous') return undefined;
  const account = (ROLE_ACCOUNT as Record<string, keyof SmallOrg['users']>)[who] ?? (who as keyof SmallOrg['users']);
  const username = org.usernames[account];
  if (!cookies.has(username)) cookies.set(username, (await t.login(username, TEST_PASSWORD)).cookie!);
  return cookies.get(username);
}

let countQuery: ReturnType<typeof sql<{ t: string; n: number | string }>> | undefined;

/** Row counts of every table in one round trip (success-only for the audit trail). */
async function rowCounts(): Promise<Map<string, number>> {
  if (!countQuery) {
    const tables = (await listTables(t.ctx.dialect, t.ctx.db)).filter((x) => !MAY_GROW.has(x) && !x.startsWith('kysely_'));
    const parts = tables.map((x) => sql`select ${x} as t, count(*) as n from ${sql.table(x)}`);
    parts.push(sql`select 'audit_log(success)' as t, count(*) as n from audit_log where result = 'success'`);
    countQuery = sql<{ t: string; n: number | string }>`${sql.join(parts, sql` union all `)}`;
  }
  const rows = await countQuery.execute(t.ctx.db);
  return new Map(rows.rows.map((r) => [r.t, Number(r.n)]));
}

function diff(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after.entries()].filter(([k, v]) => before.get(k) !== v).map(([k, v]) => `${k}: ${before.get(k)} → ${v}`);
}

interface Target {
  row: RouteRow;
  family: string;
  method: string;
  who: string;
  path: string;
  body?: unknown;
  query?: unknown;
}

/** Write endpoints and filtered reads, with the role each is meant for; logout would end the session. */
function targets(): Target[] {
  const out: Target[] = [];
  for (const row of ROUTE_TABLE) {
    const [method, url] = row.route.split(' ') as [string, string];
    const route = t.routes.find((r) => r.method === method && r.url === url);
    if (!route || row.route === 'POST /api/v1/auth/logout') continue;
    const schema = route.schema ?? {};
    if (method === 'GET' ? !schema.querystring : !schema.body) continue;
    const allowed =
      row.cases.find((c) => c.expect === '2xx' && c.who !== 'anonymous') ?? row.cases.find((c) => c.who !== 'anonymous') ?? row.cases[0]!;
    out.push({
      row,
      family: familyOf(url),
      method,
      who: allowed.who,
      path: (allowed.req ?? row.req)(fx).path.split('?')[0]!,
      body: schema.body,
      query: schema.querystring,
    });
  }
  // The audit trail's export reads the whole trail, which every audited request before it lengthens, its own
  // included: first, it reads what it adds, not also what the other families wrote. Revoking grants or
  // tightening the policy first would turn later endpoints into plain 403s.
  const rank = (x: Target) => (x.family === 'audit' ? 0 : /roles\/|security-policy/.test(x.row.route) ? 2 : 1);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** Replaces an id segment of the path with hostile text now and then. */
const pathArb = (path: string) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constant(path) },
    { weight: 1, arbitrary: fc.constantFrom(...INJECTION).map((bad) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, encode(bad))) },
  );

const payloadArb = (schema: unknown) =>
  fc.oneof(
    { weight: 18, arbitrary: hostile(schema).map((v) => ({ type: 'application/json', text: JSON.stringify(v) ?? 'null' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{"a":', '{{}}', '[', '\u0000', '{"__proto__":{"x":1}}')
        .map((text) => ({ type: 'application/json', text })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((text) => ({ type: 'text/plain', text })) },
  );

function stripEcho(text: string): string {
  let out = text;
  for (const bad of INJECTION) out = out.split(bad).join('').split(encode(bad)).join('');
  return out;
}

describe('bad input', () => {
  test(`${PER_FAMILY} generated requests per endpoint family: no 5xx, nothing leaked, nothing stored when refused`, async () => {
    const problems: string[] = [];
    const summary: string[] = [];
    const all = targets();
    const familyShares = new Map<string, number>();
    for (const target of all) familyShares.set(target.family, (familyShares.get(target.family) ?? 0) + shareOf(target));
    const sent = new Map<string, number>();
    for (const target of all) {
      const runs = Math.max(MIN_PER_ENDPOINT, Math.ceil((PER_FAMILY * shareOf(target)) / familyShares.get(target.family)!));
      const cookie = await cookieOf(target.who);
      const requests = fc.sample(
        fc.record({
          path: pathArb(target.path),
          payload: target.method === 'GET' ? hostile(target.query).map((q) => ({ type: '', text: toQuery(q) })) : payloadArb(target.body),
        }),
        { numRuns: runs, seed: 20261125 },
      );
      let refusedChecked = 0;
      let before = target.method === 'GET' ? new Map<string, number>() : await rowCounts();
      for (const { path, payload } of requests) {
        const answer = await t.app.inject({
          method: target.method as 'GET',
          url: target.method === 'GET' ? `${path}?${payload.text}` : path,
          headers: { ...(cookie ? { cookie } : {}), ...(payload.type ? { 'content-type': payload.type } : {}) },
          payload: target.method === 'GET' ? undefined : payload.text,
        });
        const text = stripEcho(answer.body);
        if (answer.statusCode >= 500)
          problems.push(`${target.row.route} as ${target.who}: ${answer.statusCode} for ${path} ${payload.text.slice(0, 200)}`);
        const leak = LEAK.find((re) => re.test(text));
        if (leak) problems.push(`${target.row.route}: answer leaks ${leak} — ${text.slice(0, 200)}`);
        if (target.method === 'GET') continue;
        const after = await rowCounts();
        if (answer.statusCode >= 400) {
          refusedChecked++;
          const changed = diff(before, after);
          if (changed.length)
            problems.push(
              `${target.row.route}: a refused request (${answer.statusCode}) stored rows (${changed.join(', ')}): ${payload.text.slice(0, 200)}`,
            );
        }
        before = after;
      }
      sent.set(target.family, (sent.get(target.family) ?? 0) + requests.length);
      summary.push(`${target.row.route}: ${requests.length} requests, ${refusedChecked} refused and checked for writes`);
      if (problems.length > 20) break;
    }
    const families = [...sent.entries()].map(([family, n]) => `${family} ${n}`).join(', ');
    console.log(`bad input: ${summary.length} endpoints; requests per family: ${families}\n${summary.join('\n')}`);
    const distinct = [...new Set(problems.map((p) => p.replace(/ for [\s\S]*$/, '')))];
    expect(distinct, problems.slice(0, 20).join('\n')).toEqual([]);
    expect(summary.length).toBeGreaterThan(30);
    for (const [family, n] of sent) expect(n, family).toBeGreaterThanOrEqual(PER_FAMILY);
  }, 1_800_000);
});
