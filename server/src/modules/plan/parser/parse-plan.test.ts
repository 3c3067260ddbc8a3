import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText, PlanParseError } from './parse-plan.js';
import type { ParsedPlan } from './types.js';

const fixture = readFileSync(new URL('../../../../test/fixtures/dongcheng-2020-work-plan.txt', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('./expected/dongcheng-2020.json', import.meta.url), 'utf8')) as ParsedPlan;

const TITLE = '政协某某区委员会常务委员会2020年工作要点';
const FIELDS = ['责任领导：张三', '主责部门：办公室', '完成时限：2020年底'];
const parse = (...lines: string[]) => parsePlanText([TITLE, ...lines].join('\n'));
const items = (plan: ParsedPlan) => plan.sections.flatMap((section) => section.items);

describe('the Dongcheng 2020 work plan', () => {
  const plan = parsePlanText(fixture);

  it('parses to the expected plan, every field exact', () => {
    expect(plan).toEqual(expected);
  });

  it('has 6 sections, 24 items and 32 activities, and nothing it could not place', () => {
    expect(plan.sections.map((section) => section.items.length)).toEqual([3, 4, 5, 5, 4, 3]);
    expect(items(plan).map((item) => item.no)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const count = (category: string) => plan.activities.filter((a) => a.category === category).length;
    expect([count('重点协商'), count('对口协商'), count('重点调研'), count('监督视察')]).toEqual([6, 8, 5, 13]);
    expect(new Set(plan.activities.filter((a) => a.category === '重点协商').map((a) => a.subcategory)).size).toBe(4);
    expect(plan.warnings).toEqual([]);
  });

  it('repairs the paragraphs the page breaks cut', () => {
    expect(plan.preamble).toContain('和谐宜居之都”首善之区');
    expect(items(plan)[22].content).toContain('委员履职临时党支部、机关基层党组织');
    expect(plan.activities.find((a) => a.category === '监督视察' && a.no === 11)?.organizers).toEqual(['社会和法制委员会']);
  });

  it('keeps names as written: shortened lists and the two names of one committee are for the importer to map', () => {
    expect(items(plan)[6].departments).toEqual(['专委会工作一室', '四室']);
    expect(new Set(plan.activities.flatMap((a) => a.organizers).filter((name) => name.startsWith('经济')))).toEqual(
      new Set(['经济科技委员会', '经济技术委员会']),
    );
  });

  it('reads the same with Windows line ends and without blank lines', () => {
    expect(parsePlanText(fixture.replace(/\n+/g, '\r\n'))).toEqual(expected);
  });
});

describe('plan items', () => {
  it.each([
    ['牵头领导', 'leaders'],
    ['分管领导', 'leaders'],
    ['责任部门', 'departments'],
    ['责任单位', 'departments'],
    ['牵头部门', 'departments'],
    ['牵头单位', 'departments'],
  ] as const)('accepts %s for %s', (label, key) => {
    const plan = parse(
      '一、总体要求',
      '1. 条目。',
      `${label}：甲、乙`,
      ...FIELDS.filter((f) => !f.startsWith(key === 'leaders' ? '责任领导' : '主责部门')),
    );
    expect(items(plan)[0][key]).toEqual(['甲', '乙']);
    expect(plan.warnings).toEqual([]);
  });

  it.each(['完成时间', '时间要求'])('accepts %s for the deadline', (label) => {
    const plan = parse('一、总体要求', '1. 条目。', '责任领导：张三', '主责部门：办公室', `${label}:2020年6月30日`);
    expect(items(plan)[0].deadline).toEqual({ text: '2020年6月30日', date: '2020-06-30' });
  });

  it('reads fields that share one line, with either colon and any separator between names', () => {
    const plan = parse('一、总体要求', '1. 条目。', '责任领导:张三，李四;王五 主责部门：办公室 研究室 完成时限：2020 年 10 月底');
    expect(items(plan)[0]).toEqual({
      no: 1,
      content: '条目。',
      leaders: ['张三', '李四', '王五'],
      departments: ['办公室', '研究室'],
      deadline: { text: '2020年10月底', date: '2020-10-31' },
    });
    expect(plan.warnings).toEqual([]);
  });

  it('reads fields on the item line itself, and labels with spaces inside', () => {
    const plan = parse('一、总体要求', '1. 条目内容。 责 任 领 导：张三 主责部门：办公室 完成时限：下半年');
    expect(items(plan)[0]).toMatchObject({
      content: '条目内容。',
      leaders: ['张三'],
      departments: ['办公室'],
      deadline: { date: '2020-12-31' },
    });
    expect(plan.warnings).toEqual([]);
  });

  it('accepts 1. 1、 and full-width １． numbering, running on across sections', () => {
    const plan = parse('一、甲', '1、第一条。', ...FIELDS, '二、乙', '２．第二条。', ...FIELDS, '３． 第三条。', ...FIELDS);
    expect(plan.sections.map((s) => s.items.map((i) => [i.no, i.content]))).toEqual([
      [[1, '第一条。']],
      [
        [2, '第二条。'],
        [3, '第三条。'],
      ],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('accepts numbering that restarts in each section', () => {
    const plan = parse('一、甲', '1. 甲一。', ...FIELDS, '二、乙', '1. 乙一。', ...FIELDS, '2. 乙二。', ...FIELDS);
    expect(plan.sections.map((s) => s.items.map((i) => i.no))).toEqual([[1], [1, 2]]);
    expect(plan.warnings).toEqual([]);
  });

  it('reads section numerals up to 二十 and beyond', () => {
    const numerals = [
      '一',
      '二',
      '三',
      '四',
      '五',
      '六',
      '七',
      '八',
      '九',
      '十',
      '十一',
      '十二',
      '十三',
      '十四',
      '十五',
      '十六',
      '十七',
      '十八',
      '十九',
      '二十',
      '二十一',
    ];
    const lines = numerals.flatMap((numeral, i) => [`${numeral}、第${numeral}部分`, `${i + 1}. 条目。`, ...FIELDS]);
    const plan = parse(...lines);
    expect(plan.sections.map((s) => s.no)).toEqual(numerals.map((_, i) => i + 1));
    expect(plan.sections[19].title).toBe('第二十部分');
    expect(plan.warnings).toEqual([]);
  });

  it('does not take a decimal at the start of a line for an item number', () => {
    const plan = parse('一、甲', '1. 第一条，增长', '3.5%以上。', ...FIELDS);
    expect(items(plan).map((i) => i.content)).toEqual(['第一条，增长3.5%以上。']);
  });

  it('joins lines broken mid-sentence, keeps real paragraphs apart and skips page numbers', () => {
    const plan = parse(
      '一、加强团结联谊，突出',
      '凝聚共识的职能作用',
      '1. 完善机关党组、委员履职临时党支',
      '- 3 -',
      '部、机关基层党组织。',
      '第二段。',
      ...FIELDS,
    );
    expect(plan.sections[0].title).toBe('加强团结联谊，突出凝聚共识的职能作用');
    expect(items(plan)[0].content).toBe('完善机关党组、委员履职临时党支部、机关基层党组织。\n第二段。');
    expect(plan.warnings).toEqual([]);
  });

  it('keeps a section introduction apart from the heading and the items', () => {
    const plan = parse('一、总体要求', '坚持稳中求进，', '推动各项工作落实。', '二、主要任务', '（一）学习', '1. 条目。', ...FIELDS);
    expect(plan.sections.map(({ title, intro }) => ({ title, intro }))).toEqual([
      { title: '总体要求', intro: '坚持稳中求进，推动各项工作落实。' },
      { title: '主要任务', intro: '（一）学习' },
    ]);
  });

  it('continues a list of names broken after a separator, and a label whose value is on the next line', () => {
    const plan = parse('一、甲', '1. 条目。', '责任领导：张三、', '李四', '主责部门：', '办公室、研究室', '完成时限：', '2020年6月底');
    expect(items(plan)[0]).toMatchObject({
      leaders: ['张三', '李四'],
      departments: ['办公室', '研究室'],
      deadline: { date: '2020-06-30' },
    });
    expect(plan.warnings).toEqual([]);
  });

  it('gives open-ended deadlines no date and no warning', () => {
    const plan = parse('一、甲', '1. 条目。', '责任领导：张三', '主责部门：办公室', '完成时限：长期坚持');
    expect(items(plan)[0].deadline).toEqual({ text: '长期坚持', date: null });
    expect(plan.warnings).toEqual([]);
  });

  it('warns about a deadline it does not understand, a missing field and a line it cannot place', () => {
    const plan = parse('一、甲', '1. 条目。', '责任领导：张三', '完成时限：视情况而定', '（此处另有说明）', '3. 下一条。', ...FIELDS);
    expect(items(plan).map((i) => i.deadline)).toEqual([
      { text: '视情况而定', date: null },
      { text: '2020年底', date: '2020-12-31' },
    ]);
    expect(plan.warnings).toEqual([
      { line: 3, message: '第1条没有主责部门' },
      { line: 5, message: '第1条的完成时限“视情况而定”未能识别为日期' },
      { line: 6, message: '第1条的字段之后出现无法归属的文字：“（此处另有说明）”' },
      { line: 7, message: '条目编号3与上一条（1）不连续' },
    ]);
  });

  it('warns about fields that belong to no item', () => {
    const plan = parse('责任领导：张三', '一、甲', '主责部门：办公室', '1. 条目。', ...FIELDS);
    expect(plan.warnings).toEqual([
      { line: 2, message: '字段出现在第一个条目之前，无法归属：“责任领导：张三”' },
      { line: 4, message: '字段不属于任何条目：“主责部门：办公室”' },
    ]);
  });

  it('reads items of a plan without sections into one untitled section', () => {
    const plan = parsePlanText(['1. 条目。', ...FIELDS].join('\n'));
    expect(plan.sections).toEqual([{ no: 0, title: '', items: [expect.objectContaining({ no: 1, content: '条目。' })] }]);
    expect(plan.title).toBe('');
    expect(plan.year).toBeNull();
  });

  it('refuses a file without any plan item, saying so in Chinese', () => {
    expect(() => parsePlanText('会议纪要\n今天开会讨论了工作。')).toThrow(PlanParseError);
    expect(() => parsePlanText('')).toThrow(/^未识别到任何工作要点条目：/);
  });
});

describe('front matter', () => {
  it('reads the header, the document number, a title over several lines and the adoption note', () => {
    const plan = parsePlanText(
      [
        '政协北京市某某区委员会文件',
        '某协字〔2021〕3号',
        '中国人民政治协商会议北京市某某区',
        '第一届委员会常务委员会',
        '2021 年工作要点',
        '（2021年3月1日常务委员会第2次会议通过）',
        '2021年是重要的一年，',
        '也是关键的一年。',
        '一、甲',
        '1. 条目。',
        '责任领导：张三',
        '主责部门：办公室',
        '完成时限：6月',
      ].join('\n'),
    );
    expect(plan).toMatchObject({
      title: '中国人民政治协商会议北京市某某区第一届委员会常务委员会2021年工作要点',
      year: 2021,
      header: '政协北京市某某区委员会文件',
      documentNumber: '某协字〔2021〕3号',
      adoption: '2021年3月1日常务委员会第2次会议通过',
      adoptedOn: '2021-03-01',
      preamble: '2021年是重要的一年，也是关键的一年。',
      attachmentTitle: null,
      activities: [],
      warnings: [],
    });
    expect(items(plan)[0].deadline).toEqual({ text: '6月', date: '2021-06-30' });
  });

  it('takes the year from the adoption date when the title has none', () => {
    const plan = parsePlanText(
      ['常务委员会工作要点', '(2022年1月5日通过)', '一、甲', '1. 条目。', '责任领导：张三', '主责部门：办公室', '完成时限：年底'].join(
        '\n',
      ),
    );
    expect(plan.year).toBe(2022);
    expect(items(plan)[0].deadline?.date).toBe('2022-12-31');
  });
});

describe('the attachment', () => {
  const body = ['一、甲', '1. 条目。', ...FIELDS];

  it('reads categories, subgroups, organizers and periods, with half-width brackets and semicolons', () => {
    const plan = parse(
      ...body,
      '附件：2020年活动安排',
      '附件',
      '2020年活动安排',
      '一、重点协商',
      '（一）议政性常委会',
      '1. 议题甲（经济科技委员会、医药卫生界等；3-5月）',
      '(二) 议政性主席会',
      '2. 议题乙(提案委员会;全年)',
      '二、对口协商',
      '1. 议题丙（含“（试点）”工作）（港澳台侨委员会；10月底前）',
      '2. 议题丁（社会和法制',
      '委员会；9－10月）',
    );
    expect(plan.attachmentTitle).toBe('2020年活动安排');
    expect(plan.activities).toEqual([
      {
        category: '重点协商',
        subcategory: '议政性常委会',
        no: 1,
        title: '议题甲',
        organizers: ['经济科技委员会', '医药卫生界'],
        period: { text: '3-5月', from: '2020-03-01', to: '2020-05-31' },
      },
      {
        category: '重点协商',
        subcategory: '议政性主席会',
        no: 2,
        title: '议题乙',
        organizers: ['提案委员会'],
        period: { text: '全年', from: '2020-01-01', to: '2020-12-31' },
      },
      {
        category: '对口协商',
        subcategory: null,
        no: 1,
        title: '议题丙（含“（试点）”工作）',
        organizers: ['港澳台侨委员会'],
        period: { text: '10月底前', from: null, to: '2020-10-31' },
      },
      {
        category: '对口协商',
        subcategory: null,
        no: 2,
        title: '议题丁',
        organizers: ['社会和法制委员会'],
        period: { text: '9－10月', from: '2020-09-01', to: '2020-10-31' },
      },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('takes the attachment title from the reference line when the attachment has none of its own', () => {
    const plan = parse(...body, '附件：活动安排', '一、重点协商', '1. 议题（提案委员会；5月）');
    expect(plan.attachmentTitle).toBe('活动安排');
    expect(plan.activities).toHaveLength(1);
  });

  it('warns about lines between the reference and the attachment rather than taking them for its title', () => {
    const plan = parse(...body, '附件：活动安排', '政协某某区委员会', '附件', '活动安排', '一、重点协商', '1. 议题（提案委员会；5月）');
    expect(plan.attachmentTitle).toBe('活动安排');
    expect(plan.warnings).toEqual([{ line: 8, message: '附件之前无法识别的内容：“政协某某区委员会”' }]);
  });

  it('accepts numbering that restarts in each subgroup', () => {
    const plan = parse(...body, '附件', '一、重点协商', '(一) 甲', '1. 议题（提案委员会；5月）', '(二) 乙', '1. 议题（提案委员会；6月）');
    expect(plan.activities.map((a) => [a.subcategory, a.no])).toEqual([
      ['甲', 1],
      ['乙', 1],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('warns about an activity without organizers and time, a time it cannot read and a line it cannot place', () => {
    const plan = parse(
      ...body,
      '附件',
      '一、重点协商',
      '1. 没有括号的议题',
      '2. 议题（提案委员会；待定）',
      '3. 议题（5月）',
      '注：以上安排可调整。',
    );
    expect(plan.activities.map((a) => [a.title, a.organizers, a.period])).toEqual([
      ['没有括号的议题', [], null],
      ['议题', ['提案委员会'], { text: '待定', from: null, to: null }],
      ['议题', [], { text: '5月', from: '2020-05-01', to: '2020-05-31' }],
    ]);
    expect(plan.warnings).toEqual([
      { line: 9, message: '重点协商第1项活动末尾没有“（承办单位；时间）”' },
      { line: 10, message: '重点协商第2项活动的时间“待定”未能识别' },
      { line: 11, message: '重点协商第3项活动没有承办单位' },
      { line: 12, message: '附件中无法识别的内容：“注：以上安排可调整。”' },
    ]);
  });
});
