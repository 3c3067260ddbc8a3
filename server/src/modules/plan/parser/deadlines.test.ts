import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOpenEndedDeadline, parseDeadline } from './deadlines.js';

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const year = fc.integer({ min: 2000, max: 2099 });
const month = fc.integer({ min: 1, max: 12 });
const quarterWords = ['一', '二', '三', '四'];

/** Puts random white space (ASCII, full-width, tabs) between the characters of a text. */
const spaced = (text: string) =>
  fc
    .array(fc.constantFrom('', '', ' ', '  ', '\u3000', '\t'), { minLength: text.length + 1, maxLength: text.length + 1 })
    .map((gaps) => gaps[0] + [...text].map((char, i) => char + gaps[i + 1]).join(''));

describe('parseDeadline', () => {
  it.each([
    ['2020年底', '2020-12-31'],
    ['2020 年底', '2020-12-31'],
    ['2020年12月', '2020-12-31'],
    ['2020年10月底', '2020-10-31'],
    ['2020 年 5 月底', '2020-05-31'],
    ['2020年2月底', '2020-02-29'],
    ['2020年6月30日', '2020-06-30'],
    ['２０２０年６月３０日', '2020-06-30'],
    ['上半年', '2020-06-30'],
    ['下半年', '2020-12-31'],
    ['2021年上半年', '2021-06-30'],
    ['第三季度', '2020-09-30'],
    ['三季度', '2020-09-30'],
    ['第一季度', '2020-03-31'],
    ['二季度末', '2020-06-30'],
    ['第4季度', '2020-12-31'],
    ['Q2', '2020-06-30'],
    ['2021Q1', '2021-03-31'],
    ['全年', '2020-12-31'],
    ['年底', '2020-12-31'],
    ['年内', '2020-12-31'],
    ['10月底', '2020-10-31'],
    ['10月底前', '2020-10-31'],
    ['2020年5月前', '2020-05-31'],
    ['2020年底前完成', '2020-12-31'],
    ['9月中旬', '2020-09-20'],
    ['3-5月', '2020-05-31'],
    ['2020年底。', '2020-12-31'],
  ])('reads %s as %s', (text, date) => {
    expect(parseDeadline(text, 2020).date).toBe(date);
  });

  it('keeps the text, with the spaces between Chinese characters and digits removed', () => {
    expect(parseDeadline(' 2020 年 10 月底 ', 2020)).toEqual({ text: '2020年10月底', date: '2020-10-31' });
  });

  it.each(['长期坚持', '持续推进', '常态化', '常态化开展', '每季度'])('gives no date for the open-ended %s', (text) => {
    expect(parseDeadline(text, 2020)).toEqual({ text, date: null });
    expect(isOpenEndedDeadline(text)).toBe(true);
  });

  it.each(['视情况而定', '2020年13月', '2020年2月30日', '另行通知', ''])('gives no date for %j, which is not understood', (text) => {
    expect(parseDeadline(text, 2020).date).toBeNull();
    expect(isOpenEndedDeadline(text)).toBe(false);
  });

  it('needs the plan year for a month without a year', () => {
    expect(parseDeadline('10月底', null).date).toBeNull();
    expect(parseDeadline('2020年10月底', null).date).toBe('2020-10-31');
  });

  it('reads the end of any month, whatever white space lies between the characters', () => {
    const monthEnd = fc
      .tuple(year, month, fc.constantFrom('底', '末', '', '底前'))
      .chain(([y, m, suffix]) => spaced(`${y}年${m}月${suffix}`).map((text) => ({ y, m, text, plain: `${y}年${m}月${suffix}` })));
    fc.assert(
      fc.property(monthEnd, ({ y, m, text, plain }) => {
        expect(parseDeadline(plain, 1999).date).toBe(lastDay(y, m));
        expect(parseDeadline(text, 1999).date).toBe(lastDay(y, m));
      }),
    );
  });

  it('gives a month without a year the plan year', () => {
    fc.assert(
      fc.property(year, month, (y, m) => {
        expect(parseDeadline(`${m}月底`, y).date).toBe(lastDay(y, m));
      }),
    );
  });

  it('reads any day that exists and no day that does not', () => {
    fc.assert(
      fc.property(year, month, fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const exists = d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(parseDeadline(`${y}年${m}月${d}日`, 2020).date).toBe(exists ? iso : null);
      }),
    );
  });

  it('reads every quarter as its last day, written in any of the usual ways', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 4 }), fc.nat(), (y, q, pick) => {
        const forms = [
          `第${quarterWords[q - 1]}季度`,
          `${quarterWords[q - 1]}季度`,
          `第${q}季度`,
          `Q${q}`,
          `${y}年第${quarterWords[q - 1]}季度`,
        ];
        expect(parseDeadline(forms[pick % forms.length], y).date).toBe(lastDay(y, q * 3));
      }),
    );
  });

  it('gives no date for text that is not a date', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('研', '究', '商', '定', '视', '情', '况', 'a', 'b', '?') }), (text) => {
        expect(parseDeadline(text, 2020).date).toBeNull();
      }),
    );
  });
});
