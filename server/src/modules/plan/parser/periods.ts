import { compactDateText, dateSpan } from './calendar.js';
import { deadlineDate } from './deadlines.js';
import { normalizeSpaces } from './text.js';
import type { ParsedPeriod } from './types.js';

const BEFORE = /(?:以前|之前|前)$/;

/**
 * Reads when an activity takes place: `10月` → that month; `3-5月`, `4—11月`, `9－10月`, `4~7月`, `4至7月` →
 * from the first day of the first month to the last day of the last; `全年` → the whole year; a quarter, a
 * half-year, a day or 上/中/下旬 → its days; `10月底前` → from null to the month's last day. Parts without a
 * year take `planYear`; anything else gives null for both ends.
 */
export function parsePeriod(text: string, planYear: number | null): ParsedPeriod {
  const compact = compactDateText(text);
  const written = normalizeSpaces(text);
  if (BEFORE.test(compact)) return { text: written, from: null, to: deadlineDate(compact, planYear) };
  const span = dateSpan(compact, planYear);
  return { text: written, from: span?.from ?? null, to: span?.to ?? null };
}
