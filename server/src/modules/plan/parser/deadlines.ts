import { compactDateText, dateSpan } from './calendar.js';
import { normalizeSpaces } from './text.js';
import type { ParsedDeadline } from './types.js';

/** Phrases that set no date on purpose (长期坚持, 持续推进, 常态化 …): no date, and nothing to warn about. */
const OPEN_ENDED = /^(?:长期|持续|常态化|经常|定期|日常|每年|每半年|每季度?|每月|每周)/;
const BEFORE = /(?:完成|以前|之前|前)+$/;
const END_OF = /[底末内]$/;

/** Whether a deadline is open-ended by design rather than not understood. */
export function isOpenEndedDeadline(text: string): boolean {
  return OPEN_ENDED.test(compactDateText(text));
}

/** The last day a compact deadline allows ("2020年10月底" → 2020-10-31), or null. */
export function deadlineDate(compact: string, planYear: number | null): string | null {
  const bare = compact.replace(BEFORE, '').replace(END_OF, '');
  return dateSpan(bare, planYear)?.to ?? null;
}

/**
 * Reads a 完成时限: `2020年底`, `2020年12月` → 2020-12-31; `2020 年 5 月底`, `5月底前` → the month's last day;
 * `2020年6月30日` → that day; `上半年`/`下半年`, `第三季度`/`三季度`/`Q3`, `全年` → the end of that part of the
 * year; a range `3-5月` → its end. Parts without a year take `planYear`. Anything else (长期坚持 …) has no date.
 */
export function parseDeadline(text: string, planYear: number | null): ParsedDeadline {
  return { text: normalizeSpaces(text), date: deadlineDate(compactDateText(text), planYear) };
}
