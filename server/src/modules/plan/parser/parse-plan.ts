import { compactDateText, dateSpan } from './calendar.js';
import { parseDeadline, isOpenEndedDeadline } from './deadlines.js';
import { FIELD_NAMES, splitFields, type FieldKind, type FieldValue } from './fields.js';
import { parsePeriod } from './periods.js';
import { planFileText } from './read-file.js';
import { asciiDigits, chineseNumber, endsSentence, joinBroken, normalizeSpaces, Prose, splitNames } from './text.js';
import { PlanParseError, type ParsedActivity, type ParsedItem, type ParsedPlan, type ParsedSection, type ParseWarning } from './types.js';

export { PlanParseError } from './types.js';

const HEADER = /^.{2,40}文件$/;
const DOCUMENT_NUMBER = /^[^\s〔[［【(（]{0,12}[〔[［【(（]\d{4}[〕\]］】)）]第?\d{1,4}号$/;
const ADOPTION = /^[(（](.*(?:通过|印发|审议|修订))[)）]$/;
const TITLE_END = /(?:要点|计划|安排|方案|规划)$/;
const FULL_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
const SECTION = /^([一二三四五六七八九十]{1,3})[、.．](.+)$/;
const SUBGROUP = /^[(（]([一二三四五六七八九十]{1,3})[)）](.+)$/;
/** "1." "1、" "１．" — but not a decimal such as "3.5%". */
const NUMBERED = /^(\d{1,3})(?:、|[.．](?!\d))(.*)$/;
const ATTACHMENT_REFERENCE = /^附件\d*[:：](.*)$/;
const ATTACHMENT_HEADING = /^附件\d*$/;
/** Page numbers a Word or PDF export leaves behind: "- 3 -", "— 3 —", "第3页", "第3页共9页". */
const PAGE_NUMBER = /^(?:[-—–－]+ ?\d{1,3} ?[-—–－]+|第\d{1,3}页(?:共\d{1,3}页)?)$/;
const LIST_SEPARATOR_END = /[、，,;；]$/;
const CLOSING_BRACKET = /[)）]$/;
const LIST_SEPARATOR_START = /^[、，,;；]/;
/** A heading cut by a page break continues on the next line when that is short and ends without punctuation. */
const HEADING_TAIL_MAX = 30;

interface Line {
  /** 1-based. */
  no: number;
  raw: string;
  /** Spaces repaired. */
  text: string;
  /** `text` with full-width digits made ASCII, for recognising structure (same length as `text`). */
  key: string;
}

interface FieldDraft {
  kind: FieldKind;
  /** The value's pieces as written, trimmed, none empty; a value broken over lines has several. */
  parts: string[];
  line: number;
}

interface ItemDraft {
  no: number;
  line: number;
  content: Prose;
  fields: FieldDraft[];
}

interface ActivityDraft {
  category: string;
  subcategory: string | null;
  no: number;
  line: number;
  /** One paragraph: an activity broken over lines continues until its closing bracket. */
  text: Prose;
}

interface SectionDraft {
  section: ParsedSection;
  intro: Prose;
  /** Whether the next line may still be the heading's tail (a heading is cut by a break at most once). */
  headingOpen: boolean;
}

const fieldValue = (field: FieldDraft | undefined): string => field?.parts.join('') ?? '';

function quote(text: string): string {
  return text.length > 40 ? `“${text.slice(0, 40)}……”` : `“${text}”`;
}

/** The final bracketed part of an activity line, matching nested and mixed-width brackets. */
function splitTrailingParenthesis(text: string): { title: string; inner: string } | null {
  if (!/[)）]$/.test(text)) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text[i];
    if (char === ')' || char === '）') depth++;
    else if (char === '(' || char === '（') depth--;
    if (depth === 0) return { title: text.slice(0, i).trim(), inner: text.slice(i + 1, -1) };
  }
  return null;
}

class PlanReader {
  private readonly warnings: ParseWarning[] = [];
  private mode: 'front' | 'body' | 'attachment' = 'front';

  private header: string | null = null;
  private documentNumber: string | null = null;
  private adoption: string | null = null;
  private readonly titleParts: string[] = [];
  private titleDone = false;
  private readonly preamble = new Prose();

  private readonly sections: SectionDraft[] = [];
  private item: ItemDraft | null = null;
  private lastItemNo = 0;
  private readonly items: { section: ParsedSection; draft: ItemDraft }[] = [];

  private attachmentReference: string | null = null;
  /** Lines after the attachment marker and before its first group: the attachment's title. */
  private attachmentTitleLines: Line[] = [];
  private category: string | null = null;
  private subcategory: string | null = null;
  private activity: ActivityDraft | null = null;
  private lastActivityNo = 0;
  /** Whether the current group or subgroup has no activity yet: numbering may restart there. */
  private groupIsEmpty = true;
  private readonly activities: ActivityDraft[] = [];

  read(text: string): ParsedPlan {
    const rawLines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
    rawLines.forEach((raw, index) => {
      const text = normalizeSpaces(raw);
      const line: Line = { no: index + 1, raw, text, key: asciiDigits(text) };
      if (text === '' || PAGE_NUMBER.test(line.key)) return;
      if (this.mode === 'front') this.front(line);
      else if (this.mode === 'body') this.body(line);
      else this.attachment(line);
    });
    this.closeItem();
    this.closeActivity();
    return this.result();
  }

  private warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  private startAttachment(line: Line): boolean {
    const reference = ATTACHMENT_REFERENCE.exec(line.text);
    if (!reference && !ATTACHMENT_HEADING.test(line.key)) return false;
    this.closeItem();
    this.mode = 'attachment';
    if (reference && this.attachmentReference === null) this.attachmentReference = reference[1].trim();
    // Lines between the reference and the attachment itself (a signature, a date) are not its title.
    for (const pending of this.attachmentTitleLines) this.warn(pending.no, `附件之前无法识别的内容：${quote(pending.text)}`);
    this.attachmentTitleLines = [];
    return true;
  }

  // ---- before the first section: header, document number, title, adoption note, preamble ----

  private front(line: Line): void {
    const { text } = line;
    if (SECTION.test(text) || NUMBERED.test(line.key)) {
      this.mode = 'body';
      this.body(line);
      return;
    }
    if (this.startAttachment(line)) return;
    if (!this.preamble.isEmpty && !endsSentence(this.preamble.lastLine)) {
      this.preamble.add(text);
      return;
    }
    if (this.header === null && this.titleParts.length === 0 && HEADER.test(text)) {
      this.header = text;
      return;
    }
    if (this.documentNumber === null && DOCUMENT_NUMBER.test(line.key)) {
      this.documentNumber = text;
      return;
    }
    const adoption = ADOPTION.exec(text);
    if (this.adoption === null && adoption) {
      this.adoption = adoption[1];
      this.titleDone = true;
      return;
    }
    if (splitFields(line.raw)?.before === '') {
      this.warn(line.no, `字段出现在第一个条目之前，无法归属：${quote(text)}`);
      return;
    }
    if (!this.titleDone && this.preamble.isEmpty && !endsSentence(text) && text.length <= 80) {
      this.titleParts.push(text);
      this.titleDone = TITLE_END.test(text);
      return;
    }
    this.titleDone = true;
    this.preamble.add(text);
  }

  // ---- the plan: sections, items and their fields ----

  private body(line: Line): void {
    if (this.startAttachment(line)) return;
    const { text } = line;
    const section = SECTION.exec(text);
    const sectionNo = section ? chineseNumber(section[1]) : null;
    if (section && sectionNo !== null) {
      this.closeItem();
      const previous = this.sections.at(-1)?.section.no ?? 0;
      if (sectionNo !== previous + 1) this.warn(line.no, `部分编号“${section[1]}”与上一部分不连续`);
      this.sections.push({ section: { no: sectionNo, title: section[2], items: [] }, intro: new Prose(), headingOpen: true });
      return;
    }
    const numbered = NUMBERED.exec(line.key);
    if (numbered) {
      this.startItem(line, Number(numbered[1]));
      this.itemText(line, text.slice(text.length - numbered[2].length), line.raw.replace(/^[^.．、]*[.．、]/, ''));
      return;
    }
    if (this.item) {
      this.itemText(line, text, line.raw);
      return;
    }
    const current = this.sections.at(-1);
    if (!current) {
      this.warn(line.no, `无法识别的内容：${quote(text)}`);
      return;
    }
    if (splitFields(line.raw)) {
      this.warn(line.no, `字段不属于任何条目：${quote(text)}`);
      return;
    }
    const headingTail =
      current.headingOpen && text.length <= HEADING_TAIL_MAX && !/[，,、。；;：:！!？?]$/.test(text) && !SUBGROUP.test(text);
    current.headingOpen = false;
    if (headingTail) current.section.title = joinBroken(current.section.title, text);
    else current.intro.add(text);
  }

  private startItem(line: Line, no: number): void {
    this.closeItem();
    let current = this.sections.at(-1);
    if (!current) {
      current = { section: { no: 0, title: '', items: [] }, intro: new Prose(), headingOpen: false };
      this.sections.push(current);
    }
    const firstInSection = current.section.items.length === 0;
    if (no !== this.lastItemNo + 1 && !(firstInSection && no === 1)) {
      this.warn(line.no, `条目编号${no}与上一条（${this.lastItemNo}）不连续`);
    }
    this.lastItemNo = no;
    this.item = { no, line: line.no, content: new Prose(), fields: [] };
  }

  /** Text inside an item: its content, its fields, or the continuation of a field broken across lines. */
  private itemText(line: Line, text: string, raw: string): void {
    const item = this.item!;
    const split = splitFields(raw);
    const prose = split ? normalizeSpaces(split.before) : text;
    if (prose !== '') {
      const lastField = item.fields.at(-1);
      if (!lastField) item.content.add(prose);
      else if (!this.continueField(lastField, split ? split.before : raw.trim())) {
        this.warn(line.no, `第${item.no}条的字段之后出现无法归属的文字：${quote(prose)}`);
      }
    }
    for (const field of split?.fields ?? []) this.addField(line, field);
  }

  /** A list broken after a separator ("张三、" / "李四"), or a label whose value is on the next line. */
  private continueField(field: FieldDraft, raw: string): boolean {
    const last = field.parts.at(-1);
    const listContinues = field.kind !== 'deadline' && (LIST_SEPARATOR_END.test(last ?? '') || LIST_SEPARATOR_START.test(raw));
    if (last !== undefined && !listContinues) return false;
    field.parts.push(raw.trim());
    return true;
  }

  private addField(line: Line, field: FieldValue): void {
    const item = this.item!;
    const same = item.fields.find((f) => f.kind === field.kind);
    if (same && field.kind === 'deadline') {
      this.warn(line.no, `第${item.no}条重复写了${FIELD_NAMES.deadline}，已采用第一处`);
      return;
    }
    const value = field.value.trim();
    if (same) {
      if (value !== '') same.parts.push('、', value);
      item.fields.push(item.fields.splice(item.fields.indexOf(same), 1)[0]);
      return;
    }
    item.fields.push({ kind: field.kind, parts: value === '' ? [] : [value], line: line.no });
  }

  private closeItem(): void {
    const draft = this.item;
    if (!draft) return;
    this.item = null;
    this.items.push({ section: this.sections.at(-1)!.section, draft });
  }

  private buildItem(draft: ItemDraft, year: number | null): ParsedItem {
    const field = (kind: FieldKind) => draft.fields.find((f) => f.kind === kind);
    for (const kind of ['leaders', 'departments', 'deadline'] as const) {
      if (!fieldValue(field(kind))) this.warn(draft.line, `第${draft.no}条没有${FIELD_NAMES[kind]}`);
    }
    const deadlineField = field('deadline');
    const deadlineText = fieldValue(deadlineField).replace(/[。；;]+$/, '');
    const deadline = deadlineText ? parseDeadline(deadlineText, year) : null;
    if (deadline && deadline.date === null && !isOpenEndedDeadline(deadline.text)) {
      this.warn(deadlineField!.line, `第${draft.no}条的${FIELD_NAMES.deadline}${quote(deadline.text)}未能识别为日期`);
    }
    if (draft.content.isEmpty) this.warn(draft.line, `第${draft.no}条没有内容`);
    return {
      no: draft.no,
      content: draft.content.text() ?? '',
      leaders: splitNames(fieldValue(field('leaders'))),
      departments: splitNames(fieldValue(field('departments'))),
      deadline,
    };
  }

  // ---- the attachment: the year's consultation and supervision activities ----

  private attachment(line: Line): void {
    const { text } = line;
    const activity = this.activity;
    const structural = SECTION.test(text) || SUBGROUP.test(text) || NUMBERED.test(line.key);
    if (activity && !CLOSING_BRACKET.test(activity.text.lastLine) && !structural) {
      activity.text.add(text, true);
      return;
    }
    if (this.startAttachment(line)) return;
    const section = SECTION.exec(text);
    if (section && chineseNumber(section[1]) !== null) {
      this.closeActivity();
      this.category = section[2];
      this.subcategory = null;
      this.lastActivityNo = 0;
      this.groupIsEmpty = true;
      return;
    }
    const subgroup = SUBGROUP.exec(text);
    if (subgroup && chineseNumber(subgroup[1]) !== null) {
      this.closeActivity();
      if (this.category === null) this.warn(line.no, `分组${quote(text)}不在任何活动类别之下`);
      this.subcategory = subgroup[2];
      this.groupIsEmpty = true;
      return;
    }
    const numbered = NUMBERED.exec(line.key);
    if (numbered) {
      this.closeActivity();
      const no = Number(numbered[1]);
      if (this.category === null) this.warn(line.no, `活动${no}不在任何活动类别（如“一、重点协商”）之下`);
      if (no !== this.lastActivityNo + 1 && !(no === 1 && this.groupIsEmpty)) {
        this.warn(line.no, `活动编号${no}与上一项（${this.lastActivityNo}）不连续`);
      }
      this.lastActivityNo = no;
      this.groupIsEmpty = false;
      const entry = new Prose();
      entry.add(text.slice(text.length - numbered[2].length));
      this.activity = { category: this.category ?? '', subcategory: this.subcategory, no, line: line.no, text: entry };
      return;
    }
    if (this.category === null && this.activities.length === 0 && !activity) {
      this.attachmentTitleLines.push(line);
      return;
    }
    this.warn(line.no, `附件中无法识别的内容：${quote(text)}`);
  }

  private closeActivity(): void {
    if (this.activity) this.activities.push(this.activity);
    this.activity = null;
  }

  private buildActivity(draft: ActivityDraft, year: number | null): ParsedActivity {
    const label = `${draft.category}第${draft.no}项活动`;
    const text = draft.text.text() ?? '';
    const split = splitTrailingParenthesis(text);
    if (!split) {
      this.warn(draft.line, `${label}末尾没有“（承办单位；时间）”`);
      return { category: draft.category, subcategory: draft.subcategory, no: draft.no, title: text, organizers: [], period: null };
    }
    const parts = split.inner.split(/[;；]/).map((part) => part.trim());
    let organizerText = parts.slice(0, -1).join('、');
    let periodText = parts.at(-1)!;
    if (parts.length === 1) {
      const alone = parsePeriod(periodText, year);
      if (alone.from === null && alone.to === null) [organizerText, periodText] = [periodText, ''];
    }
    const organizers = splitNames(organizerText);
    const last = organizers.length - 1;
    if (last >= 0 && organizers[last].length > 1) organizers[last] = organizers[last].replace(/等$/, '');
    if (organizers.length === 0) this.warn(draft.line, `${label}没有承办单位`);
    const period = periodText === '' ? null : parsePeriod(periodText, year);
    if (!period) this.warn(draft.line, `${label}没有时间`);
    else if (period.from === null && period.to === null) this.warn(draft.line, `${label}的时间${quote(period.text)}未能识别`);
    return { category: draft.category, subcategory: draft.subcategory, no: draft.no, title: split.title, organizers, period };
  }

  // ---- the result ----

  private result(): ParsedPlan {
    if (this.items.length === 0) {
      throw new PlanParseError(
        '未识别到任何工作要点条目：文件中应有“一、……”式的部分标题和“1. ……”式的编号条目，条目下写明“责任领导：”“主责部门：”“完成时限：”',
      );
    }
    const title = this.titleParts.join('');
    const adoptedDate = this.adoption ? FULL_DATE.exec(asciiDigits(this.adoption)) : null;
    const adoptedOn = adoptedDate ? (dateSpan(compactDateText(adoptedDate[0]), null)?.from ?? null) : null;
    const yearText =
      /(\d{4})年/.exec(asciiDigits(title))?.[1] ?? adoptedOn?.slice(0, 4) ?? /[〔[［【(（](\d{4})/.exec(this.documentNumber ?? '')?.[1];
    const year = yearText ? Number(yearText) : null;
    for (const { section, draft } of this.items) section.items.push(this.buildItem(draft, year));
    const sections = this.sections.map(({ section, intro }) => (intro.isEmpty ? section : { ...section, intro: intro.text()! }));
    const activities = this.activities.map((draft) => this.buildActivity(draft, year));
    const attachmentTitle = new Prose();
    for (const line of this.attachmentTitleLines) attachmentTitle.add(line.text);
    return {
      title,
      year,
      header: this.header,
      documentNumber: this.documentNumber,
      adoption: this.adoption,
      adoptedOn,
      preamble: this.preamble.text(),
      sections,
      attachmentTitle: attachmentTitle.text() ?? (this.attachmentReference || null),
      activities,
      warnings: [...this.warnings].sort((a, b) => a.line - b.line),
    };
  }
}

/**
 * Reads a work plan (工作要点) from its text: the title and front matter, the sections 一、… with their
 * numbered items and fields, and the attachment's schedule of activities. Lines it cannot place become
 * warnings. Throws a PlanParseError when the text has no plan item at all.
 */
export function parsePlanText(text: string): ParsedPlan {
  return new PlanReader().read(text);
}

/** Reads a work plan from an uploaded file: .txt (UTF-8, UTF-16 with BOM or GB18030) or .docx. */
export async function parsePlanFile(buffer: Buffer, filename: string): Promise<ParsedPlan> {
  return parsePlanText(await planFileText(buffer, filename));
}
