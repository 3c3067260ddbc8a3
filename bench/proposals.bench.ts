// Proposal lists, filters and search at national size (60,000 proposals over ten terms) on SQLite, as each
// role calls them, against the same list SQL run bare. Run: node --import tsx bench/proposals.bench.ts
// (PROPOSALS=n for another size). Prints figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { createContext } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/index.ts';
import { loadDemo } from '../server/src/modules/org/demo/demo.ts';
import { loadActor } from '../server/src/platform/auth/auth.service.ts';
import { newId } from '../server/src/platform/ids.ts';
import { listProposals, similarProposals } from '../server/src/modules/proposals/proposals.service.ts';
import { listPublicProposals } from '../server/src/modules/proposals/proposals.public.ts';
import { proposalStats } from '../server/src/modules/proposals/proposals.reports.ts';
import { DEFAULT_PROPOSAL_CATEGORIES } from '../shared/src/proposals.ts';

const N = Number(process.env.PROPOSALS ?? 60_000);
const RUNS = 50;
const TOPICS = [
  '养老服务',
  '课后服务',
  '垃圾分类',
  '老旧小区改造',
  '停车难',
  '社区医疗',
  '文物保护',
  '营商环境',
  '中小企业融资',
  '背街小巷整治',
  '学前教育',
  '无障碍设施',
  '历史街区',
  '智慧城市',
  '河道治理',
  '食品安全',
  '就业创业',
  '社区治理',
  '家庭医生',
  '城市更新',
];
const VERBS = ['完善', '加强', '推进', '优化', '破解', '提升'];

const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const p95 = s[Math.ceil(s.length * 0.95) - 1];
  return `median ${s[Math.floor(s.length / 2)].toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
};
async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  console.log(`${label.padEnd(44)} ${stats(times)}`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-proposals-'));
try {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const conn = openDatabase({ dataDir, lock: true });
  const ctx = await createContext(config, conn, pino({ level: 'silent' }));
  await loadDemo(ctx, 'Bench#demo2026');
  const db = ctx.db;
  const at = new Date().toISOString();

  // Ten terms, the current one last; the demo made the current term.
  const current = await db.selectFrom('terms').select(['id', 'number']).where('isCurrent', '=', 1).executeTakeFirstOrThrow();
  const termIds: string[] = [];
  for (let i = 9; i >= 1; i--) {
    const id = newId();
    await db
      .insertInto('terms')
      .values({
        id,
        name: `第${current.number - i}届（基准）`,
        number: current.number - i,
        startDate: `${2016 - i}-01-01`,
        endDate: null,
        isCurrent: 0,
        createdAt: at,
      })
      .execute();
    termIds.push(id);
  }
  termIds.push(current.id);
  const members = await db.selectFrom('members').select(['id', 'name']).execute();
  const units = await db.selectFrom('units').select('id').execute();
  const office = await db.selectFrom('departments').select('id').where('name', '=', '专委会工作四室').executeTakeFirstOrThrow();

  const started = performance.now();
  let rnd = 42;
  const random = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const perTerm = Math.ceil(N / termIds.length);
  for (let start = 0; start < N; start += 1000) {
    await db.transaction().execute(async (trx) => {
      const proposals = [];
      const proposers = [];
      const assignments = [];
      for (let i = start; i < Math.min(N, start + 1000); i++) {
        const termIndex = Math.floor(i / perTerm);
        const isCurrent = termIndex === termIds.length - 1;
        const number = (i % perTerm) + 1;
        const topic = pick(TOPICS);
        const subject = `关于${pick(VERBS)}${topic}工作的建议（${i}）`;
        const situation = `${topic}方面存在短板，群众反映较多。`.repeat(4);
        const analysis = `主要原因是${topic}的投入机制和管理体制尚不健全。`.repeat(4);
        const suggestions = `建议加大${topic}投入，完善${topic}制度，引入社会力量参与。`.repeat(4);
        const lead = pick(members);
        const status = isCurrent
          ? pick(['submitted', 'registered', 'assigned', 'assigned', 'replied', 'evaluated', 'closed', 'closed'])
          : 'closed';
        const id = newId();
        const cosigner = random() < 0.3 ? pick(members.filter((m) => m.id !== lead.id).slice(0, 50)) : null;
        const created = new Date(Date.UTC(2007 + termIndex * 1, 0, 1) + (i % perTerm) * 3_600_000).toISOString();
        proposals.push({
          id,
          termId: termIds[termIndex],
          plenaryId: null,
          session: i % 3 === 0 ? ('plenary' as const) : ('interim' as const),
          number: status === 'submitted' ? null : number,
          subject,
          situation,
          analysis,
          suggestions,
          category: pick(DEFAULT_PROPOSAL_CATEGORIES),
          kind: cosigner ? ('joint' as const) : ('individual' as const),
          collectiveOrgType: null,
          collectiveOrgId: null,
          collectiveOrgName: null,
          leadMemberId: lead.id,
          departmentId: office.id,
          status,
          round: 1,
          cosignDeadline: null,
          submittedAt: created,
          registeredAt: status === 'submitted' ? null : created,
          assignedAt: status === 'submitted' || status === 'registered' ? null : created,
          dueDate: status === 'submitted' || status === 'registered' ? null : created.slice(0, 10),
          repliedAt: null,
          closedAt: null,
          declineGround: null,
          mergedIntoId: null,
          convertedTo: null,
          convertedLink: null,
          isKey: i % 100 === 0 ? 1 : 0,
          keyYear: i % 100 === 0 ? 2026 : null,
          supervisorMemberId: null,
          isExcellent: 0,
          excellentYear: null,
          isPublic: 1,
          searchText: [subject, situation, analysis, suggestions, lead.name, cosigner?.name ?? ''].join('\n'),
          createdBy: '',
          createdAt: created,
          updatedAt: created,
        });
        proposers.push({
          proposalId: id,
          proposalCreatedAt: created,
          memberId: lead.id,
          name: lead.name,
          role: 'lead' as const,
          confirmState: 'confirmed' as const,
          confirmedAt: created,
          sortOrder: 0,
        });
        if (cosigner)
          proposers.push({
            proposalId: id,
            proposalCreatedAt: created,
            memberId: cosigner.id,
            name: cosigner.name,
            role: 'cosigner' as const,
            confirmState: 'confirmed' as const,
            confirmedAt: created,
            sortOrder: 1,
          });
        if (status !== 'submitted' && status !== 'registered') {
          const unit = pick(units);
          assignments.push({
            id: newId(),
            proposalId: id,
            unitId: unit.id,
            role: 'lead' as const,
            dueDate: created.slice(0, 10),
            assignedAt: created,
            active: 1,
            proposalCreatedAt: created,
            objectionState: null,
            objectionReason: null,
            objectionAnswer: null,
          });
        }
      }
      for (let j = 0; j < proposals.length; j += 100)
        await trx
          .insertInto('proposals')
          .values(proposals.slice(j, j + 100))
          .execute();
      for (let j = 0; j < proposers.length; j += 200)
        await trx
          .insertInto('proposalProposers')
          .values(proposers.slice(j, j + 200))
          .execute();
      for (let j = 0; j < assignments.length; j += 200)
        await trx
          .insertInto('proposalAssignments')
          .values(assignments.slice(j, j + 200))
          .execute();
    });
  }
  await sql`analyze`.execute(db);
  console.log(
    `generated ${N} proposals over ${termIds.length} terms in ${((performance.now() - started) / 1000).toFixed(1)} s (SQLite, ${dataDir})`,
  );

  const actorOf = async (username: string) => {
    const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await loadActor(ctx, user.id, {}))!;
  };
  const officeActor = await actorOf('demo_room4');
  const unitActor = await actorOf('demo_unit1');
  const leaderActor = await actorOf('demo_leader1');
  const busiest = await db
    .selectFrom('proposalProposers')
    .select(['memberId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('memberId')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const memberAccount = await db.selectFrom('users').select('id').where('memberId', '=', busiest.memberId).executeTakeFirst();
  const memberActor = memberAccount ? await loadActor(ctx, memberAccount.id, {}) : null;
  const page = { page: 1, pageSize: 20 };

  await measure('bare SQL: newest 20 + count', async () => {
    await db
      .selectFrom('proposals')
      .select(['id', 'subject', 'status', 'createdAt'])
      .where('status', '!=', 'draft')
      .orderBy('createdAt', 'desc')
      .limit(20)
      .execute();
    await db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'draft')
      .executeTakeFirst();
  });
  await measure('office: list page 1', () => listProposals(ctx, officeActor, page));
  await measure('office: page 100', () => listProposals(ctx, officeActor, { page: 100, pageSize: 20 }));
  await measure('office: status + category + term', () =>
    listProposals(ctx, officeActor, { ...page, status: ['assigned'], category: '社会建设', termId: current.id }),
  );
  await measure('office: search 「老旧小区」', () => listProposals(ctx, officeActor, { ...page, q: '老旧小区' }));
  await measure('office: search 「老旧小区」 in current term', () =>
    listProposals(ctx, officeActor, { ...page, q: '老旧小区', termId: current.id }),
  );
  await measure('unit: own queue', () => listProposals(ctx, unitActor, page));
  await measure('unit: overdue', () => listProposals(ctx, unitActor, { ...page, overdue: true }));
  if (memberActor) await measure(`member: mine (${busiest.n} proposals)`, () => listProposals(ctx, memberActor, { ...page, mine: true }));
  await measure('leader: key proposals 2026', () => listProposals(ctx, leaderActor, { ...page, isKey: true, keyYear: 2026 }));
  await measure('public: list page 1', () => listPublicProposals(ctx, page));
  await measure('public: search 「养老」', () => listPublicProposals(ctx, { ...page, q: '养老' }));
  await measure(`similar: current term (${perTerm} proposals)`, () =>
    similarProposals(ctx, memberActor ?? officeActor, { subject: '关于完善养老服务工作的建议', body: '建议加大养老服务投入' }),
  );
  await measure('stats: current term', () => proposalStats(ctx, officeActor, { termId: current.id }));
  await conn.close();
} finally {
  // KEEP=1 leaves the generated database for EXPLAIN QUERY PLAN.
  if (!process.env.KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
}
