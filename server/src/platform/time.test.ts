import { describe, expect, it } from 'vitest';
import { beijingMidnight, todayInShanghai } from './time.js';

const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('todayInShanghai', () => {
  it('gives the date in Beijing that the time-zone database gives, either side of midnight, from 1992 to 2060', () => {
    for (let year = 1992; year <= 2060; year++) {
      for (const month of [0, 2, 5, 9, 11]) {
        const beijingMidnight = Date.UTC(year, month, 15) - 8 * 3_600_000;
        for (const offset of [-1, 0, 1, 12 * 3_600_000]) {
          const at = new Date(beijingMidnight + offset);
          expect(todayInShanghai(at)).toBe(beijing.format(at));
        }
      }
    }
    expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayInShanghai(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
  });
});

describe('beijingMidnight', () => {
  it('is the UTC time at which the date begins in Beijing', () => {
    expect(beijingMidnight('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingMidnight('2026-03-01')).toBe(new Date('2026-03-01T00:00:00+08:00').toISOString());
  });
});
