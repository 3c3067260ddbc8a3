import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are stored in UTC and shown in Beijing time. */
export const formatTime = (iso: string | null | undefined) => (iso ? dayjs(iso).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm') : '');
export const formatDate = (value: string | null | undefined) => (value ? value.slice(0, 10) : '');

/** A list's total under its pager: a list of national size stops counting at its cap (ADR 0009) and says so. */
export const countText = (n: number, capped: boolean | undefined, unit: string) =>
  capped ? `共 ${n}+ ${unit}，请用筛选缩小范围` : `共 ${n} ${unit}`;
