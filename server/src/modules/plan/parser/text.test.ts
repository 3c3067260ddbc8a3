import { describe, expect, it } from 'vitest';
import { chineseNumber, endsSentence, joinBroken, normalizeSpaces, splitNames } from './text.js';

describe('text repair', () => {
  it.each([
    [
      '中国人民政治协商会议北京市东城区 第十四届委员会常务委员会 2020 年工作要点',
      '中国人民政治协商会议北京市东城区第十四届委员会常务委员会2020年工作要点',
    ],
    ['《东城区政协 2020 年重点协商工作计划》', '《东城区政协2020年重点协商工作计划》'],
    ['  推进 “委员 工作室” 建设\u3000', '推进“委员工作室”建设'],
    ['引进 Apple  Pay 与 5 G 服务', '引进Apple Pay与5 G服务'],
    ['全\u200b面', '全面'],
  ])('normalizes %j', (text, expected) => {
    expect(normalizeSpaces(text)).toBe(expected);
  });

  it('joins a paragraph cut by a break without a gap, except between Latin words', () => {
    expect(joinBroken('建设“国际一流的和谐宜居之', '都”首善之区')).toBe('建设“国际一流的和谐宜居之都”首善之区');
    expect(joinBroken('委员履职临时党支', '部、机关基层党组织')).toBe('委员履职临时党支部、机关基层党组织');
    expect(joinBroken('the', 'city')).toBe('the city');
  });

  it('tells a finished sentence from a broken one', () => {
    expect(endsSentence('作出新贡献。')).toBe(true);
    expect(endsSentence('开展“委员有话说”活动。”')).toBe(true);
    expect(endsSentence('和谐宜居之')).toBe(false);
    expect(endsSentence('“两个全覆盖”')).toBe(false);
  });

  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
    ['', null],
    ['十十', null],
    ['一二', null],
  ])('reads the Chinese numeral %j as %j', (text, value) => {
    expect(chineseNumber(text)).toBe(value);
  });

  it('splits names on 、，,;； and, only when there is no other separator, on spaces', () => {
    expect(splitNames('宋铁健、李铁生，颜华,杜娟;刘健；李长华。')).toEqual(['宋铁健', '李铁生', '颜华', '杜娟', '刘健', '李长华']);
    expect(splitNames('张三 李四\u3000王五')).toEqual(['张三', '李四', '王五']);
    expect(splitNames('刘\u3000健、李长华')).toEqual(['刘健', '李长华']);
    expect(splitNames('')).toEqual([]);
  });
});
