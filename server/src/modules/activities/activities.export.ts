import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ATTENDANCE, INVITATION_STATES, type Attendance, type InvitationStatus } from '@xieshang/shared';
import { toXlsx } from '../../platform/export/excel.js';
import { formatShanghai } from '../../platform/time.js';
import type { yearPlan, getRotation } from './activities.service.js';

type Plan = Awaited<ReturnType<typeof yearPlan>>;
type PlanRow = Plan['entries'][number];

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function categoryOf(e: PlanRow): string {
  return e.subcategory ? `${e.category}·${e.subcategory}` : e.category;
}

/** The year table like the work plan's attachment: one row per entry, a mark in each month it covers. */
export function planXlsx(plan: Plan): Promise<Buffer> {
  return toXlsx(
    `${plan.year}年度协商计划`,
    [
      { header: '类别', width: 26, value: (e: PlanRow) => categoryOf(e) },
      { header: '序号', width: 6, value: (e) => e.no },
      { header: '题目', width: 44, value: (e) => e.title },
      { header: '组织单位', width: 24, value: (e) => e.organizerNames.join('、') },
      { header: '计划时间', width: 12, value: (e) => e.periodText },
      ...MONTHS.map((m) => ({ header: `${m}月`, width: 5, value: (e: PlanRow) => (e.months.includes(m) ? '●' : '') })),
      { header: '已安排活动', width: 30, value: (e) => e.events.map((ev) => `${formatShanghai(ev.startsAt)} ${ev.title}`).join('\n') },
    ],
    plan.entries,
  );
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

export function planDocx(plan: Plan): Promise<Buffer> {
  const groups = new Map<string, PlanRow[]>();
  for (const e of plan.entries) groups.set(categoryOf(e), [...(groups.get(categoryOf(e)) ?? []), e]);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`${plan.year}年度协商计划`)],
    }),
  ];
  for (const [group, rows] of groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(group)] }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: ['序号', '题目', '组织单位', '计划时间'].map((h) => cell(h, true)) }),
          ...rows.map(
            (e) => new TableRow({ children: [cell(String(e.no)), cell(e.title), cell(e.organizerNames.join('、')), cell(e.periodText)] }),
          ),
        ],
      }),
    );
  }
  const doc = new Document({ sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }] });
  return Packer.toBuffer(doc);
}

interface SheetInvitation {
  memberName: string;
  sectorName: string | null;
  status: string;
  attendance: string | null;
  checkedInAt: string | null;
}

/** The sign-in sheet (签到表) printed for the venue: one row per invitee, a blank signature column. */
export function signInSheetDocx(
  event: { title: string; startsAt: string; place: string },
  invitations: SheetInvitation[],
): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun(`${event.title} 签到表`)],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun(`时间：${formatShanghai(event.startsAt)}    地点：${event.place}`)],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: ['序号', '姓名', '界别', '回复', '出勤', '签名'].map((h) => cell(h, true)) }),
              ...invitations.map(
                (inv, i) =>
                  new TableRow({
                    children: [
                      cell(String(i + 1)),
                      cell(inv.memberName),
                      cell(inv.sectorName ?? ''),
                      cell(INVITATION_STATES[inv.status as InvitationStatus] ?? inv.status),
                      cell(inv.attendance ? ATTENDANCE[inv.attendance as Attendance] : ''),
                      cell(''),
                    ],
                  }),
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

type Rotation = Awaited<ReturnType<typeof getRotation>>;

export function rotationXlsx(rotation: Rotation): Promise<Buffer> {
  const rows = rotation.meetings.flatMap((m) => m.members.map((s, i) => ({ meeting: m, seat: s, no: i + 1 })));
  return toXlsx(
    '列席常委会会议安排',
    [
      { header: '会议', width: 36, value: (r: (typeof rows)[number]) => r.meeting.title },
      { header: '时间', width: 18, value: (r) => formatShanghai(r.meeting.startsAt) },
      { header: '地点', width: 20, value: (r) => r.meeting.place },
      { header: '序号', width: 6, value: (r) => r.no },
      { header: '列席委员', width: 12, value: (r) => r.seat.memberName },
      { header: '界别', width: 16, value: (r) => r.seat.sectorName ?? '' },
    ],
    rows,
  );
}

function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function icsTime(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > 73) {
      out.push(current);
      current = ' ';
    }
    current += ch;
  }
  out.push(current);
  return out.join('\r\n');
}

export function ics(
  events: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    place: string;
    status: string;
    agenda: string;
    updatedAt: string;
  }[],
): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Xieshang//Activities//ZH', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:政协履职活动'];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@xieshang`,
      `DTSTAMP:${icsTime(e.updatedAt)}`,
      `DTSTART:${icsTime(e.startsAt)}`,
      `DTEND:${icsTime(e.endsAt)}`,
      fold(`SUMMARY:${icsText(e.title)}`),
      fold(`LOCATION:${icsText(e.place)}`),
      fold(`DESCRIPTION:${icsText(e.agenda)}`),
      `STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}
