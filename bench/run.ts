// `npm run bench` (full: the national data set, 10 s of load per endpoint and concurrency) or
// `npm run bench -- --short` (5 % of the data, 1 s per step: proves the benchmark works, in CI).
// For SQLite, and PostgreSQL when TEST_DATABASE_URL is set: generate the data set, start a real server
// process and a bare baseline process, load both from this process with autocannon at 1, 8 and 32
// clients, and write bench/results/<time>.json and the table in docs/performance.md.
// BENCH_ONLY=<text> measures only the endpoints whose name contains it (and skips the other bench scripts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { freePort, freshStore, HttpClient, seedStore, startServer, type Store } from '../server/test/durability/server-process.ts';
import { openStore } from '../server/test/durability/verify.ts';
import pino from 'pino';
import { createContext } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/index.ts';
import { importPlanFile } from '../server/src/modules/plan/plan.service.ts';
import { systemActor } from '../server/src/platform/permissions/actor.ts';
import { captureEndpointSql } from './capture.ts';
import { generate, type Generated } from './generate.ts';

const short = process.argv.includes('--short');
const SCALE = Number(process.env.BENCH_SCALE ?? (short ? 0.05 : 1));
const DURATION = Number(process.env.BENCH_SECONDS ?? (short ? 1 : 10));
const CONCURRENCY = [1, 8, 32];
/** Turns of server and baseline within a step (see `step`); one when a step is too short to split. */
const SLICES = DURATION >= 3 ? 3 : 1;
/** Processes of the server and of the bare baseline alike: one per core, as `WORKERS=auto` deploys (ADR 0010). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
const ROOT = path.resolve(import.meta.dirname, '..');
const BUDGET = { p95Ms: 20, ratio: 0.6 };
const MONTH = 'from=2016-03-01T00:00:00.000Z&to=2016-04-01T00:00:00.000Z';

interface Endpoint {
  name: string;
  /** Who calls it: a realistic role's account, or nobody. */
  as: 'proposalStaff' | 'officeStaff' | 'researchStaff' | 'memberWang' | 'unitEducation' | 'auditor' | 'anonymous';
  path: (g: Generated) => string;
  /** DESIGN §6 budgets lists and searches; a detail page is measured for information. */
  list: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { name: '委员名录（列表）', as: 'memberWang', list: true, path: () => '/api/v1/members' },
  {
    name: '委员名录（姓名检索）',
    as: 'proposalStaff',
    list: true,
    path: (g) => `/api/v1/members?q=${encodeURIComponent(g.sample.memberSurname)}`,
  },
  { name: '委员详情', as: 'proposalStaff', list: false, path: (g) => `/api/v1/members/${g.sample.memberId}` },
  { name: '提案列表（提案委）', as: 'proposalStaff', list: true, path: () => '/api/v1/proposals' },
  {
    name: '提案全文检索',
    as: 'proposalStaff',
    list: true,
    path: (g) => `/api/v1/proposals?q=${encodeURIComponent(g.sample.proposalWord)}`,
  },
  { name: '提案列表（委员本人）', as: 'memberWang', list: true, path: () => '/api/v1/proposals' },
  { name: '提案列表（承办单位）', as: 'unitEducation', list: true, path: () => '/api/v1/proposals' },
  {
    name: '提案列表（按承办单位筛选）',
    as: 'proposalStaff',
    list: true,
    path: (g) => `/api/v1/proposals?unitId=${g.sample.unitId}`,
  },
  { name: '提案详情', as: 'proposalStaff', list: false, path: (g) => `/api/v1/proposals/${g.sample.proposalId}` },
  { name: '公开提案（门户）', as: 'anonymous', list: true, path: () => '/api/v1/public/proposals' },
  {
    name: '公开提案检索（门户）',
    as: 'anonymous',
    list: true,
    path: (g) => `/api/v1/public/proposals?q=${encodeURIComponent(g.sample.proposalWord)}`,
  },
  { name: '活动列表（分页）', as: 'proposalStaff', list: true, path: () => '/api/v1/activities/events' },
  { name: '活动列表（委员本人）', as: 'memberWang', list: true, path: () => '/api/v1/activities/events' },
  {
    name: '活动检索',
    as: 'proposalStaff',
    list: true,
    path: () => `/api/v1/activities/events?q=${encodeURIComponent('协商')}`,
  },
  { name: '社情民意列表（研究室）', as: 'researchStaff', list: true, path: () => '/api/v1/opinions' },
  { name: '社情民意列表（委员本人）', as: 'memberWang', list: true, path: () => '/api/v1/opinions' },
  {
    name: '社情民意检索',
    as: 'researchStaff',
    list: true,
    path: () => `/api/v1/opinions?q=${encodeURIComponent('养老')}`,
  },
  { name: '工作要点条目（逾期）', as: 'officeStaff', list: true, path: () => '/api/v1/plan-items?overdue=true' },
  { name: '履职登记与申报（全部）', as: 'proposalStaff', list: true, path: () => '/api/v1/performance/entries' },
  {
    name: '履职申报（待审核）',
    as: 'proposalStaff',
    list: true,
    path: () => '/api/v1/performance/entries?status=submitted',
  },
  // The audit trail as the auditor's page asks for it: fifty entries a page, newest first.
  { name: '审计日志（列表）', as: 'auditor', list: true, path: () => '/api/v1/audit?pageSize=50' },
  {
    name: '审计日志（按用户）',
    as: 'auditor',
    list: true,
    path: (g) => `/api/v1/audit?pageSize=50&username=${g.sample.auditUsername}`,
  },
  { name: '审计日志（按对象）', as: 'auditor', list: true, path: (g) => `/api/v1/audit?pageSize=50&objectId=${g.sample.proposalId}` },
  { name: '审计日志（按操作）', as: 'auditor', list: true, path: () => '/api/v1/audit?pageSize=50&action=proposal.' },
  {
    name: '委员年度履职档案',
    as: 'proposalStaff',
    list: false,
    path: (g) => `/api/v1/performance/members/${g.sample.memberId}/record?year=2016`,
  },
  // Not a page: the calendar's month window answers every event of the month (about 186 at national size).
  { name: '活动日历（一个月）', as: 'proposalStaff', list: false, path: () => `/api/v1/activities/events?${MONTH}` },
  { name: '通知通报（委员本人）', as: 'memberWang', list: true, path: () => '/api/v1/notices' },
  { name: '通知通报（委员本人，未读）', as: 'memberWang', list: true, path: () => '/api/v1/notices?unread=true' },
  { name: '通知通报管理（办公室）', as: 'officeStaff', list: true, path: () => '/api/v1/notices/managed' },
  { name: '通知通报详情', as: 'memberWang', list: false, path: (g) => `/api/v1/notices/${g.sample.noticeId}` },
];
const ONLY = process.env.BENCH_ONLY;
const MEASURED = ONLY ? ENDPOINTS.filter((e) => e.name.includes(ONLY)) : ENDPOINTS;

interface Load {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)]! : NaN;

/** Response times and counts of one autocannon run; a step's slices are summed by `merge`. */
interface Sample {
  connections: number;
  seconds: number;
  requests: number;
  times: number[];
  errors: number;
  non2xx: number;
}

async function sample(url: string, connections: number, seconds: number, cookie?: string): Promise<Sample> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  instance.on('response', (_c, _s, _b, responseTime) => times.push(responseTime));
  const result = await instance;
  return {
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    times,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function merge(samples: Sample[]): Load {
  const times = samples.flatMap((s) => s.times).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    connections: samples[0]!.connections,
    requestsPerSecond: Math.round(samples.reduce((sum, s) => sum + s.requests, 0) / seconds),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    non2xx: samples.reduce((sum, s) => sum + s.non2xx, 0),
  };
}

/**
 * One step: the server and the baseline in turns of `DURATION / SLICES` seconds each, so that a change in
 * the host's speed during the step (another tenant of the virtual machine) falls on both alike.
 */
async function step(appUrl: string, bareUrl: string, connections: number, cookie?: string): Promise<{ app: Load; bare: Load }> {
  const app: Sample[] = [];
  const bare: Sample[] = [];
  for (let i = 0; i < SLICES; i++) {
    app.push(await sample(appUrl, connections, DURATION / SLICES, cookie));
    bare.push(await sample(bareUrl, connections, DURATION / SLICES));
  }
  return { app: merge(app), bare: merge(bare) };
}

async function startBaseline(store: Store, queriesFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/baseline.ts')], {
    cwd: path.join(ROOT, 'server'),
    env: { ...process.env, ...store.env, PORT: String(port), QUERIES: queriesFile, WORKERS: String(WORKERS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const PLAN_YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);

/** The seed plan document imported for ten years, as the plan office would (names matched where they can be). */
async function importPlans(store: Store) {
  const config = loadConfig({ ...store.env, LOG_LEVEL: 'silent' });
  const conn = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ctx = await createContext(config, conn, pino({ level: 'silent' }));
    const buffer = fs.readFileSync(path.join(ROOT, 'server/test/fixtures/dongcheng-2020-work-plan.txt'));
    for (const year of PLAN_YEARS)
      await importPlanFile(ctx, systemActor('bench'), { buffer, filename: 'dongcheng-2020-work-plan.txt', year, maps: {} });
  } finally {
    await conn.close();
  }
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const store = await freshStore(dialect, 'bench');
  try {
    const org = await seedStore(store);
    const conn = openStore(store);
    let generated: Generated;
    try {
      generated = await generate(conn.db, dialect, SCALE);
    } finally {
      await conn.close();
    }
    await importPlans(store);
    console.log(
      `${dialect}：生成数据 ${JSON.stringify(generated.counts)}，用时 ${generated.seconds} 秒；工作要点 ${PLAN_YEARS.length} 个年度`,
    );
    const username = (e: Endpoint) => (e.as === 'anonymous' ? undefined : org.usernames[e.as]);
    const captured = await captureEndpointSql(
      store,
      MEASURED.map((e) => ({ path: e.path(generated), username: username(e) })),
    );
    const queriesFile = path.join(store.dataDir, 'baseline-queries.json');
    fs.writeFileSync(queriesFile, JSON.stringify(captured));
    const server = await startServer(store, { LOG_LEVEL: 'error', WORKERS: String(WORKERS) });
    const baseline = await startBaseline(store, queriesFile);
    try {
      const cookies: Record<string, string | undefined> = { anonymous: undefined };
      for (const who of ['proposalStaff', 'officeStaff', 'researchStaff', 'memberWang', 'unitEducation', 'auditor'] as const)
        cookies[who] = (await new HttpClient(server.url).login(org.usernames[who])).cookie;
      const rows = [];
      for (const [index, e] of MEASURED.entries()) {
        const probe = await fetch(`${server.url}${e.path(generated)}`, { headers: cookies[e.as] ? { cookie: cookies[e.as]! } : {} });
        if (probe.status !== 200) {
          console.log(`  ${e.name}：${probe.status}，跳过`);
          rows.push({ endpoint: e.name, path: e.path(generated), as: e.as, skipped: `HTTP ${probe.status}` });
          continue;
        }
        const app: Load[] = [];
        const bare: Load[] = [];
        for (const c of CONCURRENCY) {
          const measured = await step(`${server.url}${e.path(generated)}`, `${baseline.url}/${index}`, c, cookies[e.as]);
          app.push(measured.app);
          bare.push(measured.bare);
        }
        const at32 = app[app.length - 1]!;
        const ratio = Math.round((at32.requestsPerSecond / Math.max(1, bare[bare.length - 1]!.requestsPerSecond)) * 100) / 100;
        console.log(
          `  ${e.name.padEnd(14, '　')} ${app.map((l) => `${l.connections}并发 ${l.requestsPerSecond}/s p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms 错误 ${l.errors + l.non2xx}`).join('｜')}｜对裸处理 ${ratio}`,
        );
        rows.push({
          endpoint: e.name,
          path: e.path(generated),
          as: e.as,
          list: e.list,
          statements: captured[index]!.length,
          app,
          baseline: bare,
          ratioAt32: ratio,
          p95At32: at32.p95,
        });
      }
      return { dialect, generated, endpoints: rows };
    } finally {
      baseline.child.kill('SIGTERM');
      await server.kill('SIGTERM');
    }
  } finally {
    await store.drop();
  }
}

/** gzip size of the JavaScript an HTML entry loads before any lazy route: its module scripts and modulepreloads. */
function entryJs(htmlFile: string): { files: string[]; gzipKB: number } | null {
  if (!fs.existsSync(htmlFile)) return null;
  const html = fs.readFileSync(htmlFile, 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const dist = path.dirname(htmlFile);
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f.replace(/^\//, '')))).length, 0);
  return { files, gzipKB: Math.round(bytes / 102.4) / 10 };
}

function runOther(script: string): string {
  const file = path.join(ROOT, 'bench', script);
  if (!fs.existsSync(file)) return `${script} 不存在`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: path.join(ROOT, 'server'),
    encoding: 'utf8',
    env: { ...process.env, ...(short ? { PROPOSALS: '3000' } : {}) },
  });
  return (r.stdout + (r.status === 0 ? '' : `\n（退出码 ${r.status}）${r.stderr.slice(-500)}`)).trim();
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  workers: WORKERS,
};
console.log(
  `机器：${machine.cpus} 核 ${machine.cpuModel}，内存 ${machine.memoryGB} GB，Node ${machine.node}，服务与裸处理各 ${WORKERS} 个进程；模式 ${short ? '短' : '完整'}（规模 ${SCALE}，每步 ${DURATION} 秒）`,
);

const dialects: ('sqlite' | 'postgres')[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
const results = [];
for (const d of dialects) results.push(await benchDialect(d));

const bundles = {
  publicPortal: entryJs(path.join(ROOT, 'web/dist/public.html')),
  staffApp: entryJs(path.join(ROOT, 'web/dist/index.html')),
};
console.log(
  `前端首屏 JS（gzip）：公众门户 ${bundles.publicPortal?.gzipKB ?? '未构建'} KB（预算 200），工作人员端 ${bundles.staffApp?.gzipKB ?? '未构建'} KB（预算 600）`,
);
const others: Record<string, string> = {};
for (const script of fs.readdirSync(path.join(ROOT, 'bench')).filter((f) => !ONLY && f.endsWith('.bench.ts'))) {
  others[script] = runOther(script);
  console.log(`${script}：\n${others[script]}`);
}

const report = {
  at: new Date().toISOString(),
  mode: short ? 'short' : 'full',
  scale: SCALE,
  secondsPerStep: DURATION,
  slicesPerStep: SLICES,
  only: ONLY ?? null,
  machine,
  budgets: { ...BUDGET, publicPortalKB: 200, staffAppKB: 600, dutyRecordMs: 30, planImportMs: 100 },
  results,
  bundles,
  others,
  notMeasured: {
    auditRows: '审计记录是哈希链，由各写操作在事务内追加；生成器未伪造审计行',
  },
};
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
const out = path.join(ROOT, 'bench/results', `${report.at.replace(/[:.]/g, '-')}-${report.mode}${ONLY ? '-only' : ''}.json`);
fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`结果：${path.relative(ROOT, out)}`);
