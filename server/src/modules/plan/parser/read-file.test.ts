import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { parsePlanFile, PlanParseError } from './parse-plan.js';
import { documentXmlLines } from './read-file.js';

const SAMPLE = '一、总体要求\n1. 测试条目。\n责任领导：张三\n主责部门：办公室\n完成时限：2020年底';
/** SAMPLE in GB18030, from `printf '…' | iconv -f UTF-8 -t GB18030 | xxd -p`. */
const SAMPLE_GB18030 =
  'd2bba1a2d7dccce5d2aac7f30a312e20b2e2cad4ccf5c4bfa1a30ad4f0c8cec1ecb5bca3bad5c5c8fd0ad6f7d4f0b2bfc3c5a3bab0ecb9abcad20acdeab3c9cab1cfdea3ba32303230c4eab5d7';

const SAMPLE_ITEM = {
  no: 1,
  content: '测试条目。',
  leaders: ['张三'],
  departments: ['办公室'],
  deadline: { text: '2020年底', date: '2020-12-31' },
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

async function docx(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

const paragraph = (...runs: string[]) =>
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${runs.map((t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`).join('')}</w:p>`;

describe('parsePlanFile', () => {
  it('reads UTF-8 text, with or without a byte-order mark', async () => {
    for (const bytes of [Buffer.from(SAMPLE), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)])]) {
      const plan = await parsePlanFile(bytes, 'plan.txt');
      expect(plan.sections).toEqual([{ no: 1, title: '总体要求', items: [SAMPLE_ITEM] }]);
    }
  });

  it('reads GB18030 text, which is not valid UTF-8', async () => {
    const plan = await parsePlanFile(Buffer.from(SAMPLE_GB18030, 'hex'), '工作要点.TXT');
    expect(plan.sections).toEqual([{ no: 1, title: '总体要求', items: [SAMPLE_ITEM] }]);
    expect(plan.warnings).toEqual([]);
  });

  it('reads UTF-16 text with its byte-order mark', async () => {
    const plan = await parsePlanFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]), 'plan.txt');
    expect(plan.sections[0].items).toEqual([SAMPLE_ITEM]);
  });

  it('reads a .docx: one line per paragraph, text from its runs', async () => {
    const body = [
      paragraph('中国人民政治协商会议北京市东城区'),
      paragraph('第十四届委员会常务委员会', '2020', '年工作要点'),
      '<w:p/>',
      paragraph('一、总体要求'),
      paragraph('1. 测试', '条目&lt;一&gt;。'),
      '<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>',
      '<w:p><w:r><w:t>责任领导：张三</w:t><w:br/><w:t>主责部门：办公室</w:t><w:tab/><w:t>完成时限：2020年底</w:t></w:r></w:p>',
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2. 表格中的条目。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      paragraph('责任领导：李四 主责部门：研究室 完成时限：三季度'),
    ].join('');
    const plan = await parsePlanFile(await docx(body), 'plan.docx');
    expect(plan.title).toBe('中国人民政治协商会议北京市东城区第十四届委员会常务委员会2020年工作要点');
    expect(plan.year).toBe(2020);
    expect(plan.sections[0].items).toEqual([
      { ...SAMPLE_ITEM, content: '测试条目<一>。' },
      { no: 2, content: '表格中的条目。', leaders: ['李四'], departments: ['研究室'], deadline: { text: '三季度', date: '2020-09-30' } },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('recognises a .docx by its content when the name has no extension', async () => {
    const plan = await parsePlanFile(
      await docx(
        SAMPLE.split('\n')
          .map((line) => paragraph(line))
          .join(''),
      ),
      'upload',
    );
    expect(plan.sections[0].items).toEqual([SAMPLE_ITEM]);
  });

  it('refuses what it cannot read, with a message for the user', async () => {
    await expect(parsePlanFile(Buffer.from('x'), 'plan.doc')).rejects.toThrow(/另存为 \.docx/);
    await expect(parsePlanFile(Buffer.from('x'), 'plan.pdf')).rejects.toThrow(/不支持 \.pdf/);
    await expect(parsePlanFile(Buffer.from('not a zip'), 'plan.docx')).rejects.toBeInstanceOf(PlanParseError);
    const noBody = new JSZip();
    noBody.file('a.txt', 'x');
    await expect(parsePlanFile(await noBody.generateAsync({ type: 'nodebuffer' }), 'plan.docx')).rejects.toThrow(/word\/document\.xml/);
    await expect(parsePlanFile(Buffer.from([0xff, 0xff, 0xff, 0x80]), 'plan.txt')).rejects.toThrow(/编码/);
  });
});

describe('documentXmlLines', () => {
  it('keeps a text box paragraph apart and skips its legacy copy', () => {
    const xml =
      '<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>';
    expect(documentXmlLines(xml).filter((line) => line !== '')).toEqual(['框内', '前后']);
  });

  it('decodes character references', () => {
    expect(documentXmlLines('<w:p><w:r><w:t>&#20013;&#x6587; &amp; &quot;A&quot;</w:t></w:r></w:p>')).toEqual(['中文 & "A"']);
  });
});
