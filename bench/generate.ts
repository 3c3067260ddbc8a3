// A deterministic data set of national size (DESIGN §6), written straight into the module tables: 2,200
// members, 60,000 proposals over ten terms, 20,000 activities with 1,000,000 attendance rows, and 100,000
// opinion reports (社情民意) over eleven years with their adoptions and instructions, and 50,000 duty entries
// (履职登记与申报), and 1,000,000 entries of the hash-chained audit trail. `scale` shrinks every count.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.ts';
import { memberSortKeys } from '../server/src/modules/org/member-names.ts';
import { newId } from '../server/src/platform/ids.ts';
import { searchText as opinionSearchText } from '../server/src/modules/opinions/opinions.repo.ts';
import { DEFAULT_PROPOSAL_CATEGORIES } from '../shared/src/proposals.ts';
import { MANUAL_FACT_KIND_CODES, MANUAL_FACT_KINDS } from '../shared/src/performance.ts';
import { NOTICE_KINDS, type NoticeKind } from '../shared/src/notices.ts';
import { searchIndexes } from '../server/src/modules/index.ts';
import { compactSearchIndexes } from '../server/src/platform/jobs/search-indexes.ts';
import { GENESIS_HASH, hashAuditRow } from '../server/src/platform/audit/audit.service.ts';
import { lastAuditHash } from '../server/src/platform/audit/audit.repo.ts';

export const NATIONAL = {
  members: 2_200,
  proposals: 60_000,
  activities: 20_000,
  attendancePerActivity: 50,
  opinionReports: 100_000,
  /** Handling units (承办单位) the proposals are assigned to. */
  units: 80,
  /** Duty entries (履职登记与申报): DESIGN §6 gives no figure; about two per member and year over eleven years. */
  performanceEntries: 50_000,
  /**
   * Audit entries (审计日志): DESIGN §6 gives no figure. Eleven years of the writes above (each proposal and
   * report passes five to ten steps) and of sign-ins come to about this many.
   */
  auditEntries: 1_000_000,
  /** Notices and briefings (通知通报): DESIGN §6 gives no figure; about 150 a year over eleven years. */
  notices: 1_650,
};

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国志红玉梅海燕云飞宏斌晓东晨阳嘉怡子涵浩然思远欣然雨萱宇轩';
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
  '历史文化街区',
  '智慧城市',
  '河道治理',
  '食品安全',
  '就业创业',
  '基层治理',
  '家庭医生签约',
  '城市更新',
];
const UNIT_KINDS = [
  '发展和改革委员会',
  '财政局',
  '民政局',
  '住房和城乡建设委员会',
  '城市管理委员会',
  '交通委员会',
  '生态环境局',
  '文化和旅游局',
  '市场监督管理局',
  '人力资源和社会保障局',
  '街道办事处',
];
const VERBS = ['完善', '加强', '推进', '优化', '破解', '提升', '健全', '规范'];
const ACTIVITY_KINDS = ['专题协商会', '视察调研', '委员读书活动', '界别协商', '对口协商', '委员履职培训', '民主监督座谈会'];
const PLACES = ['区政协机关三层会议室', '东四街道委员之家', '区行政服务中心', '区图书馆报告厅', '和平里社区党群服务中心'];

/**
 * A linear congruential generator modulo 2³¹. The product is taken in 32-bit integers (`Math.imul`): in
 * floating point it exceeds 2⁵³ and loses its low bits, and the sequence fell into a cycle of 10,466 values.
 */
export function rng(seed = 20261125) {
  let s = seed;
  const random = () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  return {
    random,
    pick: <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!,
    int: (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo)),
  };
}

export interface Generated {
  counts: Record<string, number>;
  seconds: number;
  sample: {
    memberId: string;
    proposalId: string;
    unitId: string;
    activityId: string;
    proposalWord: string;
    memberSurname: string;
    /** A staff account's name in the audit trail: one of forty who write about half of its entries. */
    auditUsername: string;
    /** A published notice sent to t_wang. */
    noticeId: string;
  };
}

async function insertBatched<T>(trx: Kysely<Database>, table: keyof Database, rows: T[], perStatement: number) {
  for (let i = 0; i < rows.length; i += perStatement)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
}

/** Batched multi-row inserts inside transactions (on SQLite one transaction per table family). */
export async function generate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', scale: number): Promise<Generated> {
  const started = performance.now();
  const { random, pick, int } = rng();
  const n = {
    members: Math.round(NATIONAL.members * scale),
    proposals: Math.round(NATIONAL.proposals * scale),
    activities: Math.round(NATIONAL.activities * scale),
    opinionReports: Math.round(NATIONAL.opinionReports * scale),
    performanceEntries: Math.round(NATIONAL.performanceEntries * scale),
    auditEntries: Math.round(NATIONAL.auditEntries * scale),
    notices: Math.round(NATIONAL.notices * scale),
  };
  const at = '2026-01-05T02:00:00.000Z';
  const current = await db.selectFrom('terms').select(['id', 'number']).where('isCurrent', '=', 1).executeTakeFirstOrThrow();
  const sectors = (await db.selectFrom('sectors').select('id').execute()).map((s) => s.id);
  const units = (await db.selectFrom('units').select('id').execute()).map((u) => u.id);
  // Handling units: a committee's proposals go to 70 or more (the seed has three).
  const unitRows = [];
  for (let i = units.length; i < Math.max(units.length, Math.round(NATIONAL.units * scale)); i++) {
    const id = newId();
    units.push(id);
    unitRows.push({
      id,
      name: `${pick(UNIT_KINDS)}（第${i + 1}承办单位）`,
      kind: 'government',
      contactName: null,
      contactPhone: null,
      sortOrder: i + 1,
      createdAt: at,
    });
  }
  if (unitRows.length) await db.insertInto('units').values(unitRows).execute();
  // A seed member with an account (王芳, t_wang, in the test organisation; the demo has none) writes a share of
  // the proposals and reports, as an active member would (about three of each a year), so that a member's own
  // lists have something to find.
  const wang = await db
    .selectFrom('users')
    .innerJoin('members', 'members.id', 'users.memberId')
    .select(['members.id', 'members.name'])
    .where('users.username', '=', 't_wang')
    .executeTakeFirst();
  const office = await db.selectFrom('departments').select('id').where('name', '=', '专委会工作四室').executeTakeFirstOrThrow();
  const research = await db.selectFrom('departments').select('id').where('name', '=', '研究室').executeTakeFirstOrThrow();
  const type = await db.selectFrom('activityTypes').select('id').executeTakeFirstOrThrow();

  const termIds: string[] = [];
  const members: { id: string; name: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 9; i >= 1; i--) {
      const id = newId();
      await trx
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
    const rows = [];
    const terms = [];
    for (let i = 0; i < n.members; i++) {
      const name = pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.6 ? pick([...GIVEN]) : '');
      const id = newId();
      members.push({ id, name });
      rows.push({
        id,
        name,
        ...memberSortKeys(name),
        gender: random() < 0.45 ? 'female' : 'male',
        ethnicity: random() < 0.9 ? '汉族' : '回族',
        birthDate: `${int(1955, 1990)}-0${int(1, 9)}-1${int(0, 9)}`,
        partyId: null,
        sectorId: pick(sectors),
        isStandingMember: random() < 0.15 ? 1 : 0,
        isLeader: 0,
        employer: `${pick(['北京市', '东城区'])}${pick(['第一', '第二', '实验', '人民'])}${pick(['医院', '中学', '律师事务所', '科技有限公司', '研究院'])}`,
        jobTitle: pick(['主任', '院长', '教授', '总经理', '律师', '研究员']),
        mobile: `139${String(10_000_000 + i).padStart(8, '0')}`,
        email: null,
        streetGroupId: null,
        studioId: null,
        status: 'active' as const,
        isDemo: 0,
        createdAt: at,
        updatedAt: at,
      });
      terms.push({ memberId: id, termId: current.id });
    }
    await insertBatched(trx, 'members', rows, 40);
    await insertBatched(trx, 'memberTerms', terms, 400);
  });

  const perTerm = Math.ceil(n.proposals / termIds.length);
  let merged = 0;
  let lastClosed: { id: string; termIndex: number } | undefined;
  for (let start = 0; start < n.proposals; start += 5000) {
    await db.transaction().execute(async (trx) => {
      const proposals = [];
      const proposers = [];
      const assignments = [];
      for (let i = start; i < Math.min(n.proposals, start + 5000); i++) {
        const termIndex = Math.floor(i / perTerm);
        const topic = pick(TOPICS);
        const subject = `关于${pick(VERBS)}${topic}工作的建议`;
        const situation = `${topic}方面仍有短板，${pick(['群众反映较多', '基层负担较重', '资源配置不均'])}。`.repeat(3);
        const analysis =
          `主要原因是${topic}的投入机制和管理体制尚不健全，${pick(['部门协同不够', '政策落实不到位', '社会参与不足'])}。`.repeat(3);
        const suggestions = `建议${pick(VERBS)}${topic}制度，加大投入，引入社会力量参与，建立考核评价机制。`.repeat(3);
        const lead = wang && i % 2000 === 1 ? wang : pick(members);
        const isCurrent = termIndex === termIds.length - 1;
        // About 3 % of a past term's proposals were merged (并案) at review into an earlier one of the term, as
        // was 王芳's second: her list then shows the target too, as most active members' lists do (ADR 0117).
        const mergedInto = !isCurrent && (i % 33 === 0 || i === 2001) && lastClosed?.termIndex === termIndex ? lastClosed.id : null;
        const status = isCurrent
          ? pick(['submitted', 'registered', 'assigned', 'assigned', 'replied', 'evaluated', 'closed', 'closed'] as const)
          : mergedInto
            ? ('merged' as const)
            : ('closed' as const);
        const id = newId();
        if (mergedInto) merged++;
        else if (status === 'closed') lastClosed = { id, termIndex };
        const created = new Date(Date.UTC(2016 + termIndex - 9, 0, 1) + (i % perTerm) * 3_600_000).toISOString();
        proposals.push({
          id,
          termId: termIds[termIndex]!,
          plenaryId: null,
          session: i % 3 === 0 ? ('plenary' as const) : ('interim' as const),
          number: status === 'submitted' || status === 'merged' ? null : (i % perTerm) + 1,
          subject,
          situation,
          analysis,
          suggestions,
          category: pick(DEFAULT_PROPOSAL_CATEGORIES),
          kind: 'individual' as const,
          collectiveOrgType: null,
          collectiveOrgId: null,
          collectiveOrgName: null,
          leadMemberId: lead.id,
          departmentId: office.id,
          status,
          round: 1,
          cosignDeadline: null,
          submittedAt: created,
          registeredAt: status === 'submitted' || status === 'merged' ? null : created,
          assignedAt: status === 'submitted' || status === 'registered' || status === 'merged' ? null : created,
          dueDate: status === 'submitted' || status === 'registered' || status === 'merged' ? null : created.slice(0, 10),
          repliedAt: null,
          closedAt: null,
          declineGround: null,
          mergedIntoId: mergedInto,
          convertedTo: null,
          convertedLink: null,
          isKey: i % 100 === 0 ? 1 : 0,
          keyYear: i % 100 === 0 ? 2026 : null,
          supervisorMemberId: null,
          isExcellent: 0,
          excellentYear: null,
          isPublic: 1,
          searchText: [subject, situation, analysis, suggestions, lead.name].join('\n'),
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
        if (status !== 'submitted' && status !== 'registered' && status !== 'merged') {
          assignments.push({
            id: newId(),
            proposalId: id,
            unitId: pick(units),
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
      await insertBatched(trx, 'proposals', proposals, 20);
      await insertBatched(trx, 'proposalProposers', proposers, 100);
      await insertBatched(trx, 'proposalAssignments', assignments, 80);
    });
  }

  let attendance = 0;
  let firstActivity = '';
  for (let start = 0; start < n.activities; start += 1000) {
    await db.transaction().execute(async (trx) => {
      const events = [];
      const invitations = [];
      for (let i = start; i < Math.min(n.activities, start + 1000); i++) {
        const id = newId();
        firstActivity ||= id;
        const day = new Date(Date.UTC(2016, 0, 4) + i * 4 * 3_600_000);
        const startsAt = day.toISOString();
        events.push({
          id,
          planEntryId: null,
          typeId: type.id,
          title: `${pick(TOPICS)}${pick(ACTIVITY_KINDS)}`,
          status: 'concluded' as const,
          startsAt,
          endsAt: new Date(day.getTime() + 2 * 3_600_000).toISOString(),
          place: pick(PLACES),
          organizerCommitteeId: null,
          organizerDepartmentId: office.id,
          agenda: '一、通报情况；二、委员发言；三、领导讲话。',
          capacity: null,
          checkinOpensBefore: 30,
          lateAfter: 15,
          checkinCode: String(100000 + i).slice(-6),
          minutes: '',
          cancelReason: null,
          createdBy: '',
          createdAt: startsAt,
          updatedAt: startsAt,
        });
        const first = int(0, Math.max(1, members.length - NATIONAL.attendancePerActivity));
        const invited = Array.from(
          { length: Math.min(NATIONAL.attendancePerActivity, members.length) },
          (_, k) => members[(first + k) % members.length]!,
        );
        // 王芳 is invited to one event in forty: about fifty a year, as an active member.
        if (wang && i % 40 === 0) invited.push(wang);
        for (const member of invited) {
          const r = random();
          invitations.push({
            id: newId(),
            eventId: id,
            memberId: member.id,
            status: r < 0.1 ? ('leave_approved' as const) : ('accepted' as const),
            leaveReason: r < 0.1 ? '因公出差' : null,
            decisionComment: null,
            respondedAt: startsAt,
            attendance: r < 0.1 ? 'leave' : r < 0.15 ? 'absent' : r < 0.2 ? 'late' : 'present',
            checkedInAt: r >= 0.15 ? startsAt : null,
            checkinMethod: r >= 0.15 ? 'code' : null,
            createdAt: startsAt,
            updatedAt: startsAt,
          });
        }
      }
      attendance += invitations.length;
      await insertBatched(trx, 'activityEvents', events, 40);
      await insertBatched(trx, 'activityInvitations', invitations, 200);
    });
  }
  let adoptions = 0;
  for (let start = 0; start < n.opinionReports; start += 5000) {
    await db.transaction().execute(async (trx) => {
      const reports = [];
      const adopted = [];
      const instructions = [];
      for (let i = start; i < Math.min(n.opinionReports, start + 5000); i++) {
        const id = newId();
        const topic = pick(TOPICS);
        const author = wang && i % 3000 === 1 ? wang : pick(members);
        const year = 2016 + Math.floor((i * 11) / n.opinionReports);
        const submitted = new Date(Date.UTC(year, 0, 2) + (i % 9000) * 3_500_000).toISOString();
        const r = random();
        const status =
          year < 2026
            ? r < 0.4
              ? ('adopted' as const)
              : r < 0.7
                ? ('closed' as const)
                : ('declined' as const)
            : pick(['submitted', 'accepted', 'adopted', 'declined', 'closed'] as const);
        const title = `关于${pick(VERBS)}${topic}的建议`;
        reports.push({
          id,
          title,
          situation:
            `近期${topic}方面${pick(['群众反映较多', '出现新情况', '存在薄弱环节'])}，${pick(['社区居民', '企业', '基层干部'])}普遍关注。`.repeat(
              2,
            ),
          analysis: `问题在于${topic}相关政策衔接不够，${pick(['部门协同不足', '资金保障不到位', '监管存在空白'])}。`.repeat(2),
          suggestions: `建议${pick(VERBS)}${topic}工作机制，明确责任分工，加强督促检查。`.repeat(2),
          editedTitle: null,
          category: pick(['经济', '社会民生', '城市管理', '生态环境', '文化教育', '医疗卫生', '其他']),
          source: 'member' as const,
          authorMemberId: author.id,
          sourceOrgId: null,
          sourceName: author.name,
          departmentId: research.id,
          status,
          year,
          submittedAt: submitted,
          acceptedAt: status === 'submitted' ? null : submitted,
          closedAt: status === 'closed' ? submitted : null,
          declineReason: status === 'declined' ? '内容与已采用信息重复' : null,
          searchText: opinionSearchText({ title, editedTitle: null, sourceName: author.name }),
          proposalId: null,
          createdBy: '',
          createdAt: submitted,
          updatedAt: submitted,
        });
        if (status === 'adopted' || (status === 'closed' && r < 0.6)) {
          const levels = [
            'district' as const,
            ...(random() < 0.2 ? (['city'] as const) : []),
            ...(random() < 0.03 ? (['national'] as const) : []),
          ];
          for (const level of levels)
            adopted.push({
              id: newId(),
              reportId: id,
              level,
              date: submitted.slice(0, 10),
              outlet: '《社情民意》专刊',
              createdBy: '',
              createdAt: submitted,
            });
          if (random() < 0.12)
            instructions.push({
              id: newId(),
              reportId: id,
              leaderName: pick(['张明', '李华', '王强']),
              leaderTitle: '区委书记',
              level: 'district' as const,
              content: '请有关部门研究落实。',
              date: submitted.slice(0, 10),
              leaderUserId: null,
              createdBy: '',
              createdAt: submitted,
            });
        }
      }
      adoptions += adopted.length;
      await insertBatched(trx, 'opinionReports', reports, 30);
      await insertBatched(trx, 'opinionAdoptions', adopted, 100);
      await insertBatched(trx, 'opinionInstructions', instructions, 100);
    });
  }
  // Duty entries over 2016–2026 in the order they were written: most of past years' decided, this year's
  // partly waiting for the office.
  await db.transaction().execute(async (trx) => {
    const entries = [];
    for (let i = 0; i < n.performanceEntries; i++) {
      const member = pick(members);
      const year = 2016 + Math.floor((i * 11) / n.performanceEntries);
      const createdAt = new Date(Date.UTC(year, 0, 3) + (i % 4500) * 7_000_000).toISOString();
      const r = random();
      const status = r < (year < 2026 ? 0.02 : 0.4) ? 'submitted' : r < 0.9 ? 'approved' : r < 0.97 ? 'rejected' : 'withdrawn';
      const kind = pick(MANUAL_FACT_KIND_CODES);
      entries.push({
        id: newId(),
        memberId: member.id,
        year,
        kind,
        date: createdAt.slice(0, 10),
        description: `${MANUAL_FACT_KINDS[kind]}：围绕${pick(TOPICS)}${pick(['开展调研', '接待群众', '撰写报告', '参加座谈'])}。`,
        points: kind === 'research_report' ? 3 : 1,
        status,
        rejectReason: status === 'rejected' ? '材料不全' : null,
        createdBy: '',
        createdAt,
        updatedAt: createdAt,
      } as const);
    }
    await insertBatched(trx, 'performanceEntries', entries, 200);
  });
  const notices = await generateNotices(db, n.notices, rng(20261129));
  const auditUsername = await generateAuditTrail(db, n.auditEntries, rng(20261127));
  // A settled PostgreSQL database has been vacuumed by autovacuum: its visibility map lets counts and pages
  // read indexes alone. Right after a bulk load it has none, which a production database never looks like.
  await sql.raw(dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  // As the hourly job leaves them (ADR 0106): the load wrote the search indexes in thousands of transactions.
  await compactSearchIndexes(db, dialect, searchIndexes);
  return {
    counts: {
      members: n.members,
      proposals: n.proposals,
      mergedProposals: merged,
      activities: n.activities,
      attendance,
      opinionReports: n.opinionReports,
      opinionAdoptions: adoptions,
      performanceEntries: n.performanceEntries,
      auditEntries: n.auditEntries,
      notices: n.notices,
      noticeRecipients: notices.recipients,
    },
    seconds: Math.round((performance.now() - started) / 100) / 10,
    sample: {
      memberId: members[0]!.id,
      proposalId: (await db.selectFrom('proposals').select('id').where('status', '=', 'assigned').executeTakeFirstOrThrow()).id,
      unitId: units[0]!,
      activityId: firstActivity,
      proposalWord: '养老',
      memberSurname: '王',
      auditUsername,
      noticeId: notices.sampleId,
    },
  };
}

/**
 * Notices of eleven years in the order they were written, most published by the office, a few withdrawn, the
 * newest few still drafts. The generated members have no accounts, so each published notice goes to the
 * seed's accounts of members, leaders and staff; a member (t_wang) has read all but the latest few.
 */
async function generateNotices(db: Kysely<Database>, count: number, { random, pick }: ReturnType<typeof rng>) {
  const departments = await db.selectFrom('departments').select(['id', 'name']).orderBy('sortOrder').execute();
  const office = departments.find((d) => d.name === '办公室') ?? departments[0]!;
  const accounts = (
    await db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select('users.id')
      .distinct()
      .where('userRoles.role', 'in', ['member', 'leader', 'staff'])
      .where('users.status', '=', 'active')
      .execute()
  ).map((u) => u.id);
  const kinds = Object.keys(NOTICE_KINDS) as NoticeKind[];
  let recipients = 0;
  let sampleId = '';
  await db.transaction().execute(async (trx) => {
    const rows = [];
    const sent = [];
    for (let i = 0; i < count; i++) {
      const createdAt = new Date(Date.UTC(2016, 0, 4) + Math.floor((i * 11 * 365 * 86_400_000) / count)).toISOString();
      const publishedAt = new Date(Date.parse(createdAt) + 3_600_000).toISOString();
      const latest = i >= count - 10;
      const r = random();
      const status = latest && r < 0.3 ? 'draft' : r < 0.04 ? 'withdrawn' : 'published';
      const kind = pick(kinds);
      const id = newId();
      let read = 0;
      if (status !== 'draft') {
        for (const userId of accounts) {
          const readAt = latest && random() < 0.5 ? null : new Date(Date.parse(publishedAt) + 86_400_000).toISOString();
          if (readAt) read++;
          sent.push({ noticeId: id, userId, publishedAt, readAt });
        }
        if (status === 'published') sampleId = id;
      }
      rows.push({
        id,
        kind,
        title: `关于${pick(TOPICS)}工作的${NOTICE_KINDS[kind]}（第${i + 1}号）`,
        source: kind === 'briefing' ? `区${pick(UNIT_KINDS)}` : null,
        body: `${pick(VERBS)}${pick(TOPICS)}工作。`.repeat(20),
        departmentId: random() < 0.6 ? office.id : pick(departments).id,
        audience: JSON.stringify({ groups: ['members', 'staff'], committeeIds: [] }),
        status,
        recipientCount: status === 'draft' ? 0 : accounts.length,
        readCount: read,
        publishedAt: status === 'draft' ? null : publishedAt,
        publishedBy: null,
        publisherName: status === 'draft' ? null : '办公室干部',
        withdrawReason: status === 'withdrawn' ? '内容有误，已撤回' : null,
        createdBy: '',
        createdAt,
        updatedAt: createdAt,
      } as const);
    }
    await insertBatched(trx, 'notices', rows, 50);
    await insertBatched(trx, 'noticeRecipients', sent, 200);
    recipients = sent.length;
  });
  return { recipients, sampleId };
}

/**
 * What the trail's entries record, with their share: sign-ins, the workflows' steps and the edits. The shares
 * add up to 0.96; the rest are sign-ins too (the first kind).
 */
const AUDIT_ACTIONS: { share: number; action: string; objectType: string; result?: 'failure' | 'denied' }[] = [
  { share: 0.3, action: 'auth.login', objectType: 'user' },
  { share: 0.03, action: 'auth.login', objectType: 'user', result: 'failure' },
  { share: 0.01, action: 'proposal.assign', objectType: 'proposal', result: 'denied' },
  { share: 0.04, action: 'proposal.create', objectType: 'proposal' },
  { share: 0.04, action: 'proposal.submit', objectType: 'proposal' },
  { share: 0.04, action: 'proposal.register', objectType: 'proposal' },
  { share: 0.05, action: 'proposal.assign', objectType: 'proposal' },
  { share: 0.05, action: 'proposal.reply', objectType: 'proposal' },
  { share: 0.03, action: 'proposal.evaluate', objectType: 'proposal' },
  { share: 0.07, action: 'opinion.submit', objectType: 'opinion_report' },
  { share: 0.06, action: 'opinion.accept', objectType: 'opinion_report' },
  { share: 0.05, action: 'opinion.adopt', objectType: 'opinion_report' },
  { share: 0.08, action: 'activityInvitation.accept', objectType: 'activity_invitation' },
  { share: 0.06, action: 'activityEvent.publish', objectType: 'activity_event' },
  { share: 0.05, action: 'performanceEntry.approve', objectType: 'performance_entry' },
];

/**
 * The audit trail as the writes of eleven years would have left it: appended after the seed's entries, each
 * chained to the one before by its hash, so that the chain verifies. Returns a busy staff account's name.
 */
async function generateAuditTrail(db: Kysely<Database>, count: number, { random, pick, int }: ReturnType<typeof rng>) {
  const staff = Array.from({ length: 40 }, (_, i) => ({ id: newId(), username: `staff${String(i + 1).padStart(2, '0')}`, role: 'staff' }));
  const members = Array.from({ length: 2200 }, (_, i) => ({
    id: newId(),
    username: `wy${String(i + 1).padStart(4, '0')}`,
    role: 'member',
  }));
  const objects: Record<string, string[]> = {
    user: [...staff, ...members].map((u) => u.id),
    proposal: (await db.selectFrom('proposals').select('id').execute()).map((r) => r.id),
    opinion_report: (await db.selectFrom('opinionReports').select('id').execute()).map((r) => r.id),
    activity_event: (await db.selectFrom('activityEvents').select('id').execute()).map((r) => r.id),
  };
  const object = (type: string) => (objects[type]?.length ? pick(objects[type]!) : newId());
  const first = Date.UTC(2016, 0, 4);
  const step = (Date.UTC(2026, 10, 20) - first) / Math.max(1, count);
  let prevHash = (await lastAuditHash(db)) ?? GENESIS_HASH;
  for (let start = 0; start < count; start += 5000) {
    const rows: Omit<Database['auditLog'], 'seq'>[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      let r = random();
      const kind = AUDIT_ACTIONS.find((a) => (r -= a.share) < 0) ?? AUDIT_ACTIONS[0]!;
      const user =
        kind.objectType === 'proposal' || kind.objectType === 'performance_entry' || random() < 0.35 ? pick(staff) : pick(members);
      const row = {
        id: newId(),
        at: new Date(first + i * step).toISOString(),
        userId: user.id,
        username: user.username,
        role: user.role,
        ip: `10.${int(0, 8)}.${int(0, 256)}.${int(1, 255)}`,
        action: kind.action,
        objectType: kind.objectType,
        objectId: kind.objectType === 'user' ? user.id : object(kind.objectType),
        result: kind.result ?? 'success',
        requestId: newId(),
        details: kind.action === 'proposal.create' ? JSON.stringify({ subject: `关于${pick(VERBS)}${pick(TOPICS)}的提案` }) : null,
      };
      const hash = hashAuditRow(prevHash, row);
      rows.push({ ...row, prevHash, hash });
      prevHash = hash;
    }
    await db.transaction().execute((trx) => insertBatched(trx, 'auditLog', rows, 500));
  }
  return staff[0]!.username;
}
