import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePeriod } from './periods.js';

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const year = fc.integer({ min: 2000, max: 2099 });
const month = fc.integer({ min: 1, max: 12 });
const dash = fc.constantFrom('-', '—', '－', '~', '～', '至', '到', '–', '——');

describe('parsePeriod', () => {
  it.each([
    ['10月', '2020-10-01', '2020-10-31'],
    ['2月', '2020-02-01', '2020-02-29'],
    ['3-5月', '2020-03-01', '2020-05-31'],
    ['4—11月', '2020-04-01', '2020-11-30'],
    ['9－10月', '2020-09-01', '2020-10-31'],
    ['4~7月', '2020-04-01', '2020-07-31'],
    ['4至7月', '2020-04-01', '2020-07-31'],
    ['3月-5月', '2020-03-01', '2020-05-31'],
    ['全年', '2020-01-01', '2020-12-31'],
    ['2021年全年', '2021-01-01', '2021-12-31'],
    ['上半年', '2020-01-01', '2020-06-30'],
    ['下半年', '2020-07-01', '2020-12-31'],
    ['第三季度', '2020-07-01', '2020-09-30'],
    ['6月30日', '2020-06-30', '2020-06-30'],
    ['5月下旬', '2020-05-21', '2020-05-31'],
    ['2021年3月', '2021-03-01', '2021-03-31'],
    ['10月底前', null, '2020-10-31'],
    ['6月前', null, '2020-06-30'],
    ['年底前', null, '2020-12-31'],
  ])('reads %s as %s … %s', (text, from, to) => {
    expect(parsePeriod(text, 2020)).toEqual({ text, from, to });
  });

  it.each(['待定', '另行通知', '5-3月', '13月', ''])('gives no days for %j', (text) => {
    expect(parsePeriod(text, 2020)).toMatchObject({ from: null, to: null });
  });

  it('reads any single month as the whole month', () => {
    fc.assert(
      fc.property(year, month, (y, m) => {
        expect(parsePeriod(`${m}月`, y)).toEqual({ text: `${m}月`, from: iso(y, m, 1), to: lastDay(y, m) });
      }),
    );
  });

  it('reads any month range a ≤ b from the first day of a to the last day of b, whatever the dash', () => {
    const range = fc.tuple(month, month).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(year, range, dash, fc.boolean(), (y, [a, b], sign, firstHasMonth) => {
        const period = parsePeriod(`${a}${firstHasMonth ? '月' : ''}${sign}${b}月`, y);
        expect(period.from).toBe(iso(y, a, 1));
        expect(period.to).toBe(lastDay(y, b));
        expect(period.from! <= period.to!).toBe(true);
      }),
    );
  });

  it('gives no days for a range that runs backwards', () => {
    const backwards = fc.tuple(month, month).filter(([a, b]) => a > b);
    fc.assert(
      fc.property(year, backwards, (y, [a, b]) => {
        expect(parsePeriod(`${a}-${b}月`, y)).toMatchObject({ from: null, to: null });
      }),
    );
  });

  it('reads every quarter as its three months', () => {
    const words = ['一', '二', '三', '四'];
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 4 }), (y, q) => {
        expect(parsePeriod(`第${words[q - 1]}季度`, y)).toMatchObject({ from: iso(y, q * 3 - 2, 1), to: lastDay(y, q * 3) });
      }),
    );
  });

  it('reads "by the end of month M" as open at the start', () => {
    fc.assert(
      fc.property(year, month, (y, m) => {
        expect(parsePeriod(`${m}月底前`, y)).toMatchObject({ from: null, to: lastDay(y, m) });
      }),
    );
  });
});
