/**
 * Repair of the text artifacts that Word exports, PDF copies and page breaks leave in a plan document:
 * stray white space between Chinese characters ("2020 年"), paragraphs cut in the middle of a word
 * ("宜居之" / "都"), full-width digits in numbers.
 */

/** Han characters, CJK and full-width punctuation, and the curly quotes and dashes Chinese text uses. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u300a\u300b]/u;
const SPACE_RUN = /[\s\u200b\ufeff]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ALNUM = /[A-Za-z0-9]/;

/** Whether a character is Chinese text (a Han character or CJK/full-width punctuation). */
export function isWide(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

/**
 * Trims, removes white space next to Chinese characters or punctuation and collapses the remaining runs
 * (between Latin words and digits) to one space.
 */
export function normalizeSpaces(text: string): string {
  const cleaned = text.replace(INVISIBLE, '');
  return cleaned
    .replace(SPACE_RUN, (run: string, offset: number) => {
      const before = cleaned[offset - 1];
      const after = cleaned[offset + run.length];
      if (before === undefined || after === undefined) return '';
      return isWide(before) || isWide(after) ? '' : ' ';
    })
    .trim();
}

/** The gap that joins a paragraph cut by a line or page break: none, except between two Latin letters or digits. */
function gapBetween(head: string, tail: string): string {
  return head !== '' && tail !== '' && ALNUM.test(head[head.length - 1]) && ALNUM.test(tail[0]) ? ' ' : '';
}

/** Joins a paragraph cut by a line or page break: no gap, except between two Latin letters or digits. */
export function joinBroken(head: string, tail: string): string {
  return head + gapBetween(head, tail) + tail;
}

const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '〉', ']', '】', '"', "'"]);
const TERMINALS = new Set(['。', '！', '？', '!', '?', '；', ';', '：', ':', '…']);

/**
 * Whether a paragraph ends a sentence (。！？；：…, possibly followed by closing quotes or brackets).
 * A paragraph that does not was cut by a break and continues on the next line.
 */
export function endsSentence(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && CLOSERS.has(text[end])) end--;
  return end >= 0 && TERMINALS.has(text[end]);
}

/**
 * Paragraphs read line by line: a line continues the paragraph before it when that one was cut in the
 * middle of a sentence, else it starts a new one. Lines are kept as pieces and joined once at the end, so
 * that a paragraph of many lines costs no more than its length.
 */
export class Prose {
  private readonly paragraphs: string[][] = [];

  get isEmpty(): boolean {
    return this.paragraphs.length === 0;
  }

  /** The last line added, or '' when there is none. */
  get lastLine(): string {
    return this.paragraphs.at(-1)?.at(-1) ?? '';
  }

  /** Adds a line; `continues` decides whether it belongs to the paragraph before (default: that one is unfinished). */
  add(line: string, continues = !this.isEmpty && !endsSentence(this.lastLine)): void {
    const last = this.paragraphs.at(-1);
    if (last && continues) last.push(gapBetween(this.lastLine, line) + line);
    else this.paragraphs.push([line]);
  }

  /** The paragraphs, separated by "\n"; null when there is none. */
  text(): string | null {
    return this.isEmpty ? null : this.paragraphs.map((pieces) => pieces.join('')).join('\n');
  }
}

/** Turns full-width digits (０-９) into ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of a Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十一 …); null if it is not one. */
export function chineseNumber(text: string): number | null {
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return null;
  const [, first, ten, last] = match;
  if (!ten) return last ? null : CHINESE_DIGITS[first!];
  return (first ? CHINESE_DIGITS[first] : 1) * 10 + (last ? CHINESE_DIGITS[last] : 0);
}

/** Splits a list of names on 、，,;； and, when there is no other separator, on spaces. */
export function splitNames(value: string): string[] {
  const separated = /[、，,;；]/.test(value);
  return value
    .split(separated ? /[、，,;；]+/ : /[\s\u3000]+/)
    .map((name) => normalizeSpaces(name).replace(/[。.]+$/, ''))
    .filter((name) => name !== '');
}
