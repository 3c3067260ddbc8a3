import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { ASSIGNMENT_ROLES, PROPOSAL_KINDS, PROPOSAL_STATES, REPLY_CLASSES, SATISFACTION } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { toXlsx } from '../../platform/export/excel.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { listParties, listSectors, listUnits, membersByIds } from '../org/org.service.js';
import { PROPOSAL } from './proposals.permissions.js';
import * as repo from './proposals.repo.js';
import { HANDLED_STATES } from './proposals.repo.js';
import type { ListFilter } from './proposals.repo.js';
import { getProposal, listProposals } from './proposals.service.js';

function requireOversight(actor: Actor) {
  if (!can(actor, PROPOSAL['proposal.manage']) && can(actor, PROPOSAL['proposal.read']) !== 'all')
    throw forbidden('只有提案委办公室和领导可以查看提案统计');
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

interface Tally {
  name: string;
  submitted: number;
  registered: number;
}

/** Statistics of a term (optionally one year of it): what was submitted, registered, replied and how proposers judged it. */
export async function proposalStats(app: AppContext, actor: Actor, input: { termId?: string; year?: number }) {
  requireOversight(actor);
  const termId = input.termId ?? (await repo.currentTermId(app.db));
  const all = await repo.proposalsForStats(app.db, { termId, year: input.year });
  const ids = all.map((p) => p.id);
  const chunks = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / 500) }, (_, i) => list.slice(i * 500, i * 500 + 500));
  const assignments = (await Promise.all(chunks(ids).map((c) => repo.assignmentsOf(app.db, c)))).flat();
  const replies = (await Promise.all(chunks(ids).map((c) => repo.submittedRepliesOf(app.db, c)))).flat();
  const evaluations = (await Promise.all(chunks(ids).map((c) => repo.evaluationsOf(app.db, c)))).flat();
  const roundOf = new Map(all.map((p) => [p.id, p.round]));
  const currentReplies = replies.filter((r) => r.round === roundOf.get(r.proposalId));
  const firstReplies = replies.filter((r) => r.round === 1);
  const currentEvaluations = evaluations.filter((e) => e.round === roundOf.get(e.proposalId));

  const submitted = all.filter((p) => p.status !== 'withdrawn');
  const registered = submitted.filter((p) => (HANDLED_STATES as readonly string[]).includes(p.status));
  const assignedIds = new Set(assignments.map((a) => a.proposalId));
  const repliedIds = new Set(replies.map((r) => r.proposalId));
  const onTime = firstReplies.filter((r) => r.onTime === 1).length;

  const members = await membersByIds(app.db, [...new Set(submitted.map((p) => p.leadMemberId))]);
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const [sectors, parties, units] = await Promise.all([listSectors(app.db), listParties(app.db), listUnits(app.db)]);
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  const partyName = new Map(parties.map((s) => [s.id, s.name]));

  const tally = (key: (p: (typeof submitted)[number]) => string | null) => {
    const map = new Map<string, Tally>();
    for (const p of submitted) {
      const name = key(p);
      if (!name) continue;
      const t = map.get(name) ?? { name, submitted: 0, registered: 0 };
      t.submitted++;
      if ((HANDLED_STATES as readonly string[]).includes(p.status)) t.registered++;
      map.set(name, t);
    }
    return [...map.values()].sort((a, b) => b.submitted - a.submitted);
  };
  const leadSector = (p: (typeof submitted)[number]) => {
    if (p.collectiveOrgType === 'sector') return p.collectiveOrgName;
    const sectorId = memberOf.get(p.leadMemberId)?.sectorId;
    return sectorId ? (sectorName.get(sectorId) ?? null) : null;
  };
  const party = (p: (typeof submitted)[number]) => {
    if (p.collectiveOrgType === 'party') return p.collectiveOrgName;
    const partyId = memberOf.get(p.leadMemberId)?.partyId;
    return partyId ? (partyName.get(partyId) ?? null) : null;
  };

  const byUnit = units
    .map((u) => {
      const mine = assignments.filter((a) => a.unitId === u.id);
      const myReplies = currentReplies.filter((r) => r.unitId === u.id);
      return {
        unitId: u.id,
        name: u.name,
        assigned: mine.length,
        lead: mine.filter((a) => a.role === 'lead').length,
        joint: mine.filter((a) => a.role === 'joint').length,
        separate: mine.filter((a) => a.role === 'separate').length,
        replied: myReplies.length,
        onTime: firstReplies.filter((r) => r.unitId === u.id && r.onTime === 1).length,
        A: myReplies.filter((r) => r.classification === 'A').length,
        B: myReplies.filter((r) => r.classification === 'B').length,
        C: myReplies.filter((r) => r.classification === 'C').length,
      };
    })
    .filter((u) => u.assigned > 0);

  return {
    termId: termId ?? null,
    year: input.year ?? null,
    submitted: submitted.length,
    registered: registered.length,
    registerRate: rate(registered.length, submitted.length),
    assigned: assignedIds.size,
    replied: repliedIds.size,
    replyRate: rate(repliedIds.size, assignedIds.size),
    repliedOnTime: onTime,
    onTimeRate: rate(onTime, firstReplies.length),
    byStatus: Object.entries(PROPOSAL_STATES)
      .map(([status, label]) => ({ status, label, count: all.filter((p) => p.status === status).length }))
      .filter((s) => s.count > 0),
    byKind: Object.entries(PROPOSAL_KINDS).map(([kind, label]) => ({
      kind,
      label,
      count: submitted.filter((p) => p.kind === kind).length,
    })),
    classes: (['A', 'B', 'C'] as const).map((c) => ({
      classification: c,
      label: REPLY_CLASSES[c],
      count: currentReplies.filter((r) => r.classification === c).length,
    })),
    satisfaction: (['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((s) => ({
      satisfaction: s,
      label: SATISFACTION[s],
      count: currentEvaluations.filter((e) => e.satisfaction === s).length,
    })),
    satisfactionRate: rate(currentEvaluations.filter((e) => e.satisfaction !== 'unsatisfied').length, currentEvaluations.length),
    byCategory: tally((p) => p.category),
    bySector: tally(leadSector),
    byParty: tally(party),
    byUnit,
  };
}

export async function statsXlsx(app: AppContext, actor: Actor, input: { termId?: string; year?: number }) {
  const s = await proposalStats(app, actor, input);
  const rows: { group: string; name: string; a: number | string; b: number | string; c?: number | string }[] = [
    { group: '总体', name: '提交提案', a: s.submitted, b: '' },
    { group: '总体', name: '立案（立案率%）', a: s.registered, b: s.registerRate },
    { group: '总体', name: '已答复（办复率%）', a: s.replied, b: s.replyRate },
    { group: '总体', name: '按时答复（按时率%）', a: s.repliedOnTime, b: s.onTimeRate },
    ...s.classes.map((c) => ({ group: '答复分类', name: c.label, a: c.count, b: '' })),
    ...s.satisfaction.map((c) => ({ group: '满意度', name: c.label, a: c.count, b: '' })),
    ...s.byCategory.map((c) => ({ group: '按类别', name: c.name, a: c.submitted, b: c.registered })),
    ...s.bySector.map((c) => ({ group: '按界别', name: c.name, a: c.submitted, b: c.registered })),
    ...s.byParty.map((c) => ({ group: '按党派团体', name: c.name, a: c.submitted, b: c.registered })),
    ...s.byUnit.map((u) => ({
      group: '按承办单位',
      name: u.name,
      a: u.assigned,
      b: u.replied,
      c: `A ${u.A} / B ${u.B} / C ${u.C}；按时 ${u.onTime}`,
    })),
  ];
  return toXlsx(
    '提案统计',
    [
      { header: '维度', value: (r) => r.group, width: 14 },
      { header: '项目', value: (r) => r.name, width: 30 },
      { header: '数量（提交/交办）', value: (r) => r.a },
      { header: '比率%/立案/答复', value: (r) => r.b },
      { header: '说明', value: (r) => r.c, width: 40 },
    ],
    rows,
  );
}

export async function listXlsx(app: AppContext, actor: Actor, filter: Omit<ListFilter, 'today' | 'page' | 'pageSize'>) {
  const { items } = await listProposals(app, actor, { ...filter, page: 1, pageSize: 10000 });
  return toXlsx(
    '提案列表',
    [
      { header: '届次', value: (p) => p.termName, width: 10 },
      { header: '编号', value: (p) => p.number, width: 8 },
      { header: '案由', value: (p) => p.subject, width: 40 },
      { header: '提案人', value: (p) => p.collectiveOrgName ?? p.proposers.join('、'), width: 24 },
      { header: '类型', value: (p) => p.kindLabel, width: 10 },
      { header: '类别', value: (p) => p.category },
      { header: '状态', value: (p) => p.statusLabel },
      { header: '承办单位', value: (p) => p.units.map((u) => `${u.name}（${ASSIGNMENT_ROLES[u.role]}）`).join('、'), width: 36 },
      { header: '办理时限', value: (p) => p.dueDate, width: 12 },
      { header: '提交时间', value: (p) => p.submittedAt?.slice(0, 10), width: 12 },
    ],
    items,
  );
}

const para = (
  text: string,
  options: { bold?: boolean; size?: number; center?: boolean; before?: number; after?: number; indent?: boolean } = {},
) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: options.before ?? 0, after: options.after ?? 120, line: 480 },
    indent: options.indent ? { firstLine: 640 } : undefined,
    children: [
      new TextRun({
        text,
        bold: options.bold,
        size: options.size ?? 32,
        font: { eastAsia: options.bold ? '黑体' : '仿宋_GB2312', ascii: 'Times New Roman' },
      }),
    ],
  });

type Detail = Awaited<ReturnType<typeof getProposal>>;

/** One proposal in the customary layout: 第N号, 案由 centred, proposers, then 情况/分析/建议, each paragraph indented. */
function proposalParagraphs(p: Detail, pageBreak: boolean): Paragraph[] {
  const proposers =
    p.collectiveOrgName ??
    p.proposers
      .filter((x) => x.role === 'lead' || x.confirmState === 'confirmed')
      .map((x) => x.name)
      .join('、');
  const section = (heading: string, text: string) => [
    para(heading, { bold: true, before: 120 }),
    ...text
      .split(/\n+/)
      .filter(Boolean)
      .map((line) => para(line, { indent: true })),
  ];
  return [
    new Paragraph({
      pageBreakBefore: pageBreak,
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: p.number ? `${p.termName}第 ${p.number} 号` : p.termName, size: 28 })],
    }),
    para(p.subject, { bold: true, size: 44, center: true, before: 240, after: 240 }),
    para(`提案人：${proposers}`, { center: true }),
    para(`类别：${p.category ?? '未分类'}　　类型：${p.kindLabel}`, { center: true, after: 240 }),
    ...section('一、情况', p.situation),
    ...section('二、分析', p.analysis),
    ...section('三、建议', p.suggestions),
  ];
}

const A4 = { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } };

export async function proposalDocx(app: AppContext, actor: Actor, id: string) {
  const p = await getProposal(app, actor, id);
  const doc = new Document({
    creator: '协商 政协履职服务管理平台',
    title: p.subject,
    sections: [{ properties: A4, children: proposalParagraphs(p, false) }],
  });
  return { name: `${p.number ? `第${p.number}号-` : ''}${p.subject}.docx`, data: await Packer.toBuffer(doc) };
}

/** 提案汇编: the registered proposals of a term (or one plenary session), in number order, one per page. */
export async function compilationDocx(
  app: AppContext,
  actor: Actor,
  input: { termId?: string; plenaryId?: string; session?: 'plenary' | 'interim' },
) {
  requireOversight(actor);
  const termId = input.termId ?? (await repo.currentTermId(app.db));
  const rows = await repo.registeredProposalsByNumber(app.db, { termId, plenaryId: input.plenaryId, session: input.session });
  const details: Detail[] = [];
  for (const row of rows) details.push(await getProposal(app, actor, row.id));
  const terms = await repo.termsById(app.db);
  const termName = termId ? (terms.get(termId)?.name ?? '') : '';
  const cover = [
    para(`${termName}提案汇编`, { bold: true, size: 52, center: true, before: 2400, after: 480 }),
    para(`共 ${details.length} 件`, { center: true }),
  ];
  const toc = details.map((p) => para(`第 ${p.number} 号　${p.subject}`, { size: 28 }));
  const doc = new Document({
    creator: '协商 政协履职服务管理平台',
    title: `${termName}提案汇编`,
    sections: [
      {
        properties: A4,
        children: [
          ...cover,
          new Paragraph({ pageBreakBefore: true, children: [] }),
          para('目　录', { bold: true, center: true }),
          ...toc,
          ...details.flatMap((p) => proposalParagraphs(p, true)),
        ],
      },
    ],
  });
  return { name: `${termName}提案汇编.docx`, data: await Packer.toBuffer(doc) };
}
