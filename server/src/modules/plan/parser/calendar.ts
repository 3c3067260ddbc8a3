/** Calendar arithmetic shared by the deadline and period readers. Dates are `YYYY-MM-DD`. */

export interface DateSpan {
  from: string;
  to: string;
}

/**
 * A date expression reduced to what matters for reading it: NFKC (full-width digits, letters, －, ～ and
 * brackets become ASCII) and no white space at all ("2020 年 5 月底" → "2020年5月底").
 */
export function compactDateText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/[。.，,；;]+$/, '');
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthSpan(year: number, first: number, last: number): DateSpan | null {
  if (first < 1 || last > 12 || first > last) return null;
  return { from: isoDate(year, first, 1), to: isoDate(year, last, lastDayOfMonth(year, last)) };
}

function daySpan(year: number, month: number, day: number): DateSpan | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  const date = isoDate(year, month, day);
  return { from: date, to: date };
}

const QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const RANGE_DASH = '[-~〜—–―至到]+';

const DAY = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]$/;
const NUMERIC_DAY = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/;
const MONTH = /^(?:(\d{4})年)?(\d{1,2})月份?$/;
const TEN_DAYS = /^(?:(\d{4})年)?(\d{1,2})月([上中下])旬$/;
const MONTH_RANGE = new RegExp(`^(?:(\\d{4})年)?(\\d{1,2})(?:月份?)?${RANGE_DASH}(?:(\\d{4})年)?(\\d{1,2})月份?$`);
const QUARTER = /^(?:(\d{4})年)?第?([一二三四1-4])季度$/;
const QUARTER_Q = /^(?:(\d{4})年?)?Q([1-4])$/i;
const HALF = /^(?:(\d{4})年)?([上下])半年$/;
const PLAN_YEAR = /^(?:(\d{4})年)?(?:全年|本年度?|年度?)$/;
const YEAR = /^(\d{4})年度?$/;

/**
 * The span of days a compact date expression denotes: a day, a month, a ten-day period (上旬/中旬/下旬),
 * a month range ("3-5月", "4—11月", "4至7月"), a quarter, a half-year or a whole year. Parts without a
 * year take `planYear`; null when the expression is none of these or needs a year that is unknown.
 */
export function dateSpan(compact: string, planYear: number | null): DateSpan | null {
  const year = (written: string | undefined): number | null => (written ? Number(written) : planYear);
  let m: RegExpExecArray | null;
  if ((m = DAY.exec(compact))) return withYear(year(m[1]), (y) => daySpan(y, Number(m![2]), Number(m![3])));
  if ((m = NUMERIC_DAY.exec(compact))) return daySpan(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = MONTH.exec(compact))) return withYear(year(m[1]), (y) => monthSpan(y, Number(m![2]), Number(m![2])));
  if ((m = TEN_DAYS.exec(compact))) {
    const part = m[3];
    return withYear(year(m[1]), (y) => {
      const month = Number(m![2]);
      const whole = monthSpan(y, month, month);
      if (!whole) return null;
      const first = part === '上' ? 1 : part === '中' ? 11 : 21;
      const last = part === '上' ? 10 : part === '中' ? 20 : lastDayOfMonth(y, month);
      return { from: isoDate(y, month, first), to: isoDate(y, month, last) };
    });
  }
  if ((m = MONTH_RANGE.exec(compact))) {
    const firstYear = year(m[1]);
    const lastYear = m[3] ? Number(m[3]) : firstYear;
    if (firstYear === null || lastYear === null) return null;
    const first = monthSpan(firstYear, Number(m[2]), Number(m[2]));
    const last = monthSpan(lastYear, Number(m[4]), Number(m[4]));
    return first && last && first.from <= last.to ? { from: first.from, to: last.to } : null;
  }
  if ((m = QUARTER.exec(compact)) || (m = QUARTER_Q.exec(compact))) {
    const quarter = QUARTERS[m[2]];
    return withYear(year(m[1]), (y) => monthSpan(y, quarter * 3 - 2, quarter * 3));
  }
  if ((m = HALF.exec(compact))) {
    const first = m[2] === '上' ? 1 : 7;
    return withYear(year(m[1]), (y) => monthSpan(y, first, first + 5));
  }
  if ((m = PLAN_YEAR.exec(compact)) || (m = YEAR.exec(compact))) return withYear(year(m[1]), (y) => monthSpan(y, 1, 12));
  return null;
}

function withYear(year: number | null, span: (year: number) => DateSpan | null): DateSpan | null {
  return year === null ? null : span(year);
}
