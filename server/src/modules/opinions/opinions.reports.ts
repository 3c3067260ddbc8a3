import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import { OPINION_ADOPTION_LABELS, OPINION_LEVELS, OPINION_SOURCES } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { toXlsx } from '../../platform/export/excel.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { todayInShanghai } from '../../platform/time.js';
import { departmentsByIds, listParties, listSectors, membersByIds } from '../org/org.service.js';
import * as repo from './opinions.repo.js';
import { bulletinForExport, oversees } from './opinions.service.js';

interface Tally {
  name: string;
  submitted: number;
  adopted: number;
}

/** Statistics of the reports submitted in a year: accepted, adopted per level, instructions, by category, party and sector. */
export async function opinionStats(app: AppContext, actor: Actor, input: { year?: number }) {
  if (!(await oversees(app.db, actor))) throw forbidden('只有信息工作部门和领导可以查看社情民意统计');
  const year = input.year ?? Number(todayInShanghai().slice(0, 4));
  const { reports, adoptions, instructions } = await repo.statsRows(app.db, year);
  const adoptedIds = new Set(adoptions.map((a) => a.reportId));
  const members = await membersByIds(app.db, [...new Set(reports.flatMap((r) => (r.authorMemberId ? [r.authorMemberId] : [])))]);
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const [sectors, parties] = await Promise.all([listSectors(app.db), listParties(app.db)]);
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  const partyName = new Map(parties.map((p) => [p.id, p.name]));

  const tally = (key: (r: (typeof reports)[number]) => string | null | undefined) => {
    const map = new Map<string, Tally>();
    for (const r of reports) {
      const name = key(r);
      if (!name) continue;
      const t = map.get(name) ?? { name, submitted: 0, adopted: 0 };
      t.submitted++;
      if (adoptedIds.has(r.id)) t.adopted++;
      map.set(name, t);
    }
    return [...map.values()].sort((a, b) => b.submitted - a.submitted);
  };
  // A report of a sector or party counts for it; a member's report for the member's sector and party.
  const sectorOf = (r: (typeof reports)[number]) =>
    r.source === 'sector' ? sectorName.get(r.sourceOrgId ?? '') : sectorName.get(memberOf.get(r.authorMemberId ?? '')?.sectorId ?? '');
  const partyOf = (r: (typeof reports)[number]) =>
    r.source === 'party' ? partyName.get(r.sourceOrgId ?? '') : partyName.get(memberOf.get(r.authorMemberId ?? '')?.partyId ?? '');

  return {
    year,
    submitted: reports.length,
    accepted: reports.filter((r) => (repo.ACCEPTED_STATES as readonly string[]).includes(r.status)).length,
    adopted: adoptedIds.size,
    declined: reports.filter((r) => r.declineReason !== null).length,
    byLevel: (Object.keys(OPINION_LEVELS) as (keyof typeof OPINION_LEVELS)[]).map((level) => ({
      level,
      label: OPINION_ADOPTION_LABELS[level],
      count: adoptions.filter((a) => a.level === level).length,
    })),
    instructions: instructions.length,
    instructedReports: new Set(instructions.map((i) => i.reportId)).size,
    bySource: tally((r) => OPINION_SOURCES[r.source]),
    byCategory: tally((r) => r.category),
    bySector: tally(sectorOf),
    byParty: tally(partyOf),
  };
}

export async function statsXlsx(app: AppContext, actor: Actor, input: { year?: number }) {
  const s = await opinionStats(app, actor, input);
  const rows: { group: string; name: string; a: number; b: number | string }[] = [
    { group: '总体', name: '报送', a: s.submitted, b: '' },
    { group: '总体', name: '受理', a: s.accepted, b: '' },
    { group: '总体', name: '采用（篇）', a: s.adopted, b: '' },
    { group: '总体', name: '不予采用', a: s.declined, b: '' },
    { group: '总体', name: '领导批示（次/篇）', a: s.instructions, b: s.instructedReports },
    ...s.byLevel.map((l) => ({ group: '按采用层级', name: l.label, a: l.count, b: '' })),
    ...s.bySource.map((c) => ({ group: '按来源', name: c.name, a: c.submitted, b: c.adopted })),
    ...s.byCategory.map((c) => ({ group: '按类别', name: c.name, a: c.submitted, b: c.adopted })),
    ...s.bySector.map((c) => ({ group: '按界别', name: c.name, a: c.submitted, b: c.adopted })),
    ...s.byParty.map((c) => ({ group: '按党派团体', name: c.name, a: c.submitted, b: c.adopted })),
  ];
  return toXlsx(
    `${s.year}年社情民意统计`,
    [
      { header: '维度', value: (r) => r.group, width: 14 },
      { header: '项目', value: (r) => r.name, width: 30 },
      { header: '数量（报送）', value: (r) => r.a },
      { header: '采用/篇数', value: (r) => r.b },
    ],
    rows,
  );
}

const run = (text: string, options: { bold?: boolean; size?: number; font?: string; color?: string } = {}) =>
  new TextRun({
    text,
    bold: options.bold,
    size: options.size ?? 32,
    color: options.color,
    font: { eastAsia: options.font ?? '仿宋_GB2312', ascii: 'Times New Roman' },
  });

const A4 = { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } };

/**
 * A bulletin issue in the customary layout: the red 《社情民意》 masthead, 第N期 with the issuer and date over a
 * red rule, then each report with its title centred (黑体/小标宋) and its three parts as indented paragraphs.
 */
export async function bulletinDocx(app: AppContext, actor: Actor, id: string) {
  const { bulletin, reports } = await bulletinForExport(app, actor, id);
  const officeId = await repo.officeDepartmentId(app.db);
  const issuer = (await departmentsByIds(app.db, officeId ? [officeId] : []))[0]?.name ?? '';
  const [y, m, d] = bulletin.issueDate.split('-').map(Number);
  const masthead = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run('社情民意', { bold: true, size: 88, font: '方正小标宋简体', color: 'C00000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(`${bulletin.year}年第${bulletin.number}期`, { size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 4 } },
      spacing: { after: 360 },
      children: [run(`政协${issuer}编`, { size: 28 }), run(`\t${y}年${m}月${d}日`, { size: 28 })],
      tabStops: [{ type: 'right', position: 8844 }],
    }),
  ];
  const paragraph = (text: string) =>
    new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text)] });
  const body = reports.flatMap((r, i) => [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: i === 0 ? 0 : 480, after: 240 },
      children: [run(r.title, { bold: true, size: 36, font: '方正小标宋简体' })],
    }),
    ...[r.situation, r.analysis, r.suggestions].flatMap((part) => part.split(/\n+/).filter(Boolean).map(paragraph)),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run(`（${r.sourceName}）`, { size: 28 })] }),
  ]);
  const doc = new Document({
    creator: '协商 政协履职服务管理平台',
    title: `社情民意 ${bulletin.year}年第${bulletin.number}期`,
    sections: [{ properties: A4, children: [...masthead, ...body] }],
  });
  return { name: `社情民意${bulletin.year}年第${bulletin.number}期.docx`, data: await Packer.toBuffer(doc) };
}
