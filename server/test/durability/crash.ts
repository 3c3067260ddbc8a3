/**
 * `npm run test:crash`: durability under SIGKILL, then an online backup under write load.
 *
 * A real server process on SQLite, then on PostgreSQL (when TEST_DATABASE_URL is set). Clients write
 * (accounts created, renamed and reset by the system admin; proposals drafted and submitted by a member and
 * registered by the proposal office; notifications marked read) and record each write the server
 * acknowledged with 2xx. The server is killed with SIGKILL at a random moment, CRASH_CYCLES times (default
 * 100). Every second cycle the server is a cluster of two workers (ADR 0010): one worker is killed first
 * while the other and its replacement go on writing, then the primary, which ends the workers with it.
 * After each kill, with the server down: the database passes its integrity check, the audit chain
 * verifies, every acknowledged write is there, no workflow is half-applied (every record's state is the
 * last transition's, every transition has its audit row and every audited action its transition), and
 * every audited account creation has its account. Then the server restarts and the next cycle writes on.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkBackup } from './backup-check.js';
import { verifyStore } from './verify.js';
import { freePort, freshStore, HttpClient, seedStore, startServer, type Store } from './server-process.js';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 100);
const WRITE_MS: [number, number] = [150, 900];

export interface Ledger {
  /** username → id of every account whose creation was acknowledged. */
  users: Map<string, string>;
  /** account id → display names: the last acknowledged, and one sent after it whose answer never came. */
  names: Map<string, { acked: string; inDoubt?: string }>;
  passwordResets: Set<string>;
  /** proposal id → actions acknowledged on it. */
  proposals: Map<string, Set<string>>;
  notificationReads: number;
  acknowledged: number;
}

export function newLedger(): Ledger {
  return { users: new Map(), names: new Map(), passwordResets: new Set(), proposals: new Map(), notificationReads: 0, acknowledged: 0 };
}

const ok = (status: number) => status >= 200 && status < 300;
const rand = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** Writes until stopped, through the server's deaths. Each loop owns its records, so "last acknowledged" is well defined. */
export interface Writers {
  admin: HttpClient;
  member: HttpClient;
  office: HttpClient;
}

/** Signs the writers in once: sessions live in the database and outlast the server process. */
export async function signIn(url: string, usernames: Record<string, string>): Promise<Writers> {
  return {
    admin: await new HttpClient(url).login(usernames.sysadmin!),
    member: await new HttpClient(url).login(usernames.memberWang!),
    office: await new HttpClient(url).login(usernames.proposalStaff!),
  };
}

export async function writeLoops(
  { admin, member, office }: Writers,
  ledger: Ledger,
  seq: { n: number },
  stop: { now: boolean },
): Promise<void> {
  const guard = async (work: () => Promise<void>) => {
    while (!stop.now) {
      try {
        await work();
      } catch {
        // Whatever was in flight is in doubt; each round writes records of its own, so the next one may go on
        // (after a worker's death, through the other worker).
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all([
    guard(async () => {
      const n = seq.n++;
      const username = `crash_${process.pid}_${n}`;
      const created = await admin.request('POST', '/api/v1/users', {
        username,
        displayName: `账号${n}`,
        password: 'Initial#pass2026',
        roles: ['member'],
      });
      if (!ok(created.status)) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
      const id = created.body.id as string;
      ledger.users.set(username, id);
      ledger.names.set(id, { acked: `账号${n}` });
      ledger.acknowledged++;
      const name = `改名${n}`;
      ledger.names.get(id)!.inDoubt = name;
      const renamed = await admin.request('PATCH', `/api/v1/users/${id}`, { displayName: name });
      if (ok(renamed.status)) {
        ledger.names.set(id, { acked: name });
        ledger.acknowledged++;
      }
      const reset = await admin.request('POST', `/api/v1/users/${id}/reset-password`, { password: `Reset#${n}pass` });
      if (ok(reset.status)) {
        ledger.passwordResets.add(id);
        ledger.acknowledged++;
      }
    }),
    guard(async () => {
      const draft = await member.request('POST', '/api/v1/proposals', {
        subject: `关于改善社区养老服务的建议（${seq.n++}）`,
        kind: 'individual',
        body: {
          situation: '社区养老服务供给不足，助餐点覆盖有限。',
          analysis: '运营补贴机制不健全，专业人员缺乏。',
          suggestions: '建议完善运营补贴，培养专业护理人员，扩大助餐点覆盖。',
        },
      });
      if (!ok(draft.status)) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
      const id = draft.body.id as string;
      ledger.proposals.set(id, new Set(['create']));
      ledger.acknowledged++;
      const submitted = await member.request('POST', `/api/v1/proposals/${id}/actions/submit`, {});
      if (ok(submitted.status)) {
        ledger.proposals.get(id)!.add('submit');
        ledger.acknowledged++;
      }
    }),
    guard(async () => {
      const submitted = [...ledger.proposals.entries()].find(
        ([, actions]) => actions.has('submit') && !actions.has('register') && !actions.has('register?'),
      );
      if (submitted) {
        submitted[1].add('register?');
        const r = await office.request('POST', `/api/v1/proposals/${submitted[0]}/actions/register`, { category: '社会建设' });
        if (ok(r.status)) {
          submitted[1].add('register');
          ledger.acknowledged++;
        }
      }
      const read = await office.request('POST', '/api/v1/notifications/read', { ids: 'all' });
      if (ok(read.status)) {
        ledger.notificationReads++;
        ledger.acknowledged++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }),
  ]);
}

async function crashCycles(
  store: Store,
): Promise<{ cycles: number; acknowledged: number; afterWorkerKill: number; losses: number; seconds: number }> {
  const org = await seedStore(store);
  const ledger = newLedger();
  const seq = { n: 0 };
  const port = await freePort();
  const started = performance.now();
  let losses = 0;
  /** Writes acknowledged in cluster cycles between a worker's death and the primary's. */
  let afterWorkerKill = 0;
  let writers: Writers | undefined;
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const cluster = cycle % 2 === 0;
    const server = await startServer(store, cluster ? { WORKERS: '2' } : {}, port);
    const workers = cluster ? childPids(server.child.pid!) : [];
    if (cluster && workers.length !== 2) throw new Error(`cluster of ${workers.length} workers`);
    writers ??= await signIn(server.url, org.usernames);
    const stop = { now: false };
    const writing = writeLoops(writers, ledger, seq, stop);
    await new Promise((r) => setTimeout(r, rand(...WRITE_MS)));
    if (cluster) {
      process.kill(workers[rand(0, 2)]!, 'SIGKILL');
      const before = ledger.acknowledged;
      await new Promise((r) => setTimeout(r, rand(...WRITE_MS)));
      afterWorkerKill += ledger.acknowledged - before;
      workers.push(...childPids(server.child.pid!));
    }
    await server.kill('SIGKILL');
    stop.now = true;
    await writing;
    await gone(workers);
    const problems = await verifyStore(store, ledger);
    if (problems.length) {
      losses += problems.length;
      console.error(`第 ${cycle} 轮：${problems.slice(0, 10).join('\n')}`);
    }
    if (cycle % 10 === 0 || cycle === CYCLES)
      console.log(`  ${store.dialect}: ${cycle}/${CYCLES} 轮，已确认写入 ${ledger.acknowledged}，问题 ${losses}`);
  }
  return {
    cycles: CYCLES,
    acknowledged: ledger.acknowledged,
    afterWorkerKill,
    losses,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** The processes a process started (Linux). */
function childPids(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/** Waits until these processes have exited: a cluster's workers leave when their primary's channel closes. */
async function gone(pids: number[]) {
  const deadline = Date.now() + 10_000;
  const running = (pid: number) => {
    try {
      // A zombie (state Z) has exited; it waits only for whoever adopted it to reap it.
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  while (pids.some(running)) {
    if (Date.now() > deadline) throw new Error(`workers still running after their primary was killed: ${pids.join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const dialects = (['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])] as const).filter(
  (d) => !process.env.CRASH_DIALECTS || process.env.CRASH_DIALECTS.split(',').includes(d),
);
if (!process.env.TEST_DATABASE_URL) console.log('[跳过] postgres：未设置 TEST_DATABASE_URL');
let failed = false;
for (const dialect of dialects) {
  const store = await freshStore(dialect, 'crash');
  try {
    console.log(`${dialect}：${CYCLES} 轮 SIGKILL`);
    const r = await crashCycles(store);
    console.log(
      `${dialect}：${r.cycles} 轮（其中 ${Math.floor(r.cycles / 2)} 轮为两个工作进程的集群，先杀一个工作进程、再杀主进程；工作进程被杀后确认写入 ${r.afterWorkerKill} 次），已确认写入 ${r.acknowledged} 次，丢失或不一致 ${r.losses}，用时 ${r.seconds} 秒`,
    );
    if (r.losses > 0) failed = true;
  } finally {
    await store.drop();
  }
  const backupStore = await freshStore(dialect, 'backup');
  try {
    const b = await checkBackup(backupStore);
    console.log(
      `${dialect} 在线备份：写入负载下备份，恢复到新位置，${b.tables} 张表的行数与校验和${b.mismatches.length ? `有 ${b.mismatches.length} 处不一致：${b.mismatches.join('；')}` : '全部一致'}（备份期间确认写入 ${b.writesDuring} 次，${b.method}）`,
    );
    if (b.mismatches.length) failed = true;
  } finally {
    await backupStore.drop();
  }
}
process.exit(failed ? 1 : 0);
