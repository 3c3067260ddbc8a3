/** What the work-plan parser reads out of a 工作要点 document. Dates are `YYYY-MM-DD`. */

/** A 完成时限 as written, and the last day it allows (null when open-ended or not understood). */
export interface ParsedDeadline {
  text: string;
  date: string | null;
}

/** When an activity takes place, as written, and its first and last day (null where not stated or understood). */
export interface ParsedPeriod {
  text: string;
  from: string | null;
  to: string | null;
}

/** One numbered plan item (要点条目) with its fields. */
export interface ParsedItem {
  /** The number as written in the document; numbering runs on across sections. */
  no: number;
  /** The item's text, repaired, without its number; paragraphs separated by "\n". */
  content: string;
  /** 责任领导 (also 牵头领导, 分管领导). */
  leaders: string[];
  /** 主责部门 (also 责任部门, 责任单位, 牵头部门, 牵头单位, 主责单位), as written. */
  departments: string[];
  /** 完成时限 (also 完成时间, 时间要求, 完成期限); null when the item has none. */
  deadline: ParsedDeadline | null;
}

/** A section 一、… of the plan. */
export interface ParsedSection {
  no: number;
  title: string;
  /** Text between the heading and the first item, when there is any. */
  intro?: string;
  items: ParsedItem[];
}

/** One entry of the attachment's schedule of consultation and supervision activities. */
export interface ParsedActivity {
  /** The top-level group (一、重点协商 → 重点协商). */
  category: string;
  /** The subgroup ((一) 议政性常委会 → 议政性常委会); null where the group has none. */
  subcategory: string | null;
  /** The number as written; it restarts in each top-level group. */
  no: number;
  /** The text before the final parenthesis, repaired. */
  title: string;
  /** The committees, sectors or offices in the final parenthesis, as written (a trailing 等 dropped). */
  organizers: string[];
  /** The time in the final parenthesis; null when there is none. */
  period: ParsedPeriod | null;
}

/** Something the parser could not place; `line` is 1-based in the input (a paragraph for .docx). */
export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParsedPlan {
  title: string;
  /** The plan's year, from the title (else the adoption date or the document number); null if unknown. */
  year: number | null;
  /** The red header line, e.g. 政协北京市东城区委员会文件. */
  header: string | null;
  /** e.g. 东协字〔2020〕8号. */
  documentNumber: string | null;
  /** The adoption note without its brackets, e.g. 2020年5月13日…会议通过. */
  adoption: string | null;
  /** The date in the adoption note. */
  adoptedOn: string | null;
  /** The paragraphs between the title and the first section, "\n"-separated. */
  preamble: string | null;
  sections: ParsedSection[];
  /** The title of the attachment that schedules the activities. */
  attachmentTitle: string | null;
  activities: ParsedActivity[];
  warnings: ParseWarning[];
}

/** A document that is not a work plan at all, or a file that cannot be read; the message is for the user. */
export class PlanParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanParseError';
  }
}
