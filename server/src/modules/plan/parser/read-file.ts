import JSZip from 'jszip';
import { PlanParseError } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(buffer: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, i) => buffer[i] === byte);
}

/**
 * The text of a plain-text plan. A byte-order mark decides (UTF-8, UTF-16, GB18030); without one the text is
 * UTF-8 if it is valid UTF-8, else GB18030 — what Windows in Chinese writes as "ANSI".
 */
export function decodeText(buffer: Uint8Array): string {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(buffer);
  if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buffer);
  if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buffer);
  if (startsWith(buffer, [0x84, 0x31, 0x95, 0x33])) return new TextDecoder('gb18030').decode(buffer.subarray(4));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(buffer);
    } catch {
      throw new PlanParseError('无法识别文件编码：请将文本文件保存为 UTF-8 或 GB18030（GBK）编码');
    }
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

/**
 * The paragraphs of a WordprocessingML body, one per line: the text of its `<w:t>` runs, tabs as "\t", and
 * line breaks inside a paragraph (`<w:br/>`, `<w:cr/>`) as new lines. Deleted text (`<w:delText>`), field
 * codes, tab-stop definitions and the legacy copy of a text box (`<mc:Fallback>`) are not text. A paragraph
 * nested in a text box becomes a line of its own.
 */
export function documentXmlLines(xml: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let inText = false;
  let tabStops = 0;
  let fallback = 0;
  const append = (text: string) => {
    if (open.length > 0 && fallback === 0) open[open.length - 1] += text;
  };
  for (const [, closing, name, selfClosing, text] of xml.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>|([^<]+)/g)) {
    if (text !== undefined) {
      if (inText) append(decodeEntities(text));
      continue;
    }
    const depth = closing ? -1 : selfClosing ? 0 : 1;
    switch (name) {
      case 'w:p':
        if (depth === 1) open.push('');
        else if (depth === -1 && open.length > 0) lines.push(open.pop()!);
        else if (depth === 0 && fallback === 0) lines.push('');
        break;
      case 'w:t':
        inText = depth === 1;
        break;
      case 'w:tabs':
        tabStops += depth;
        break;
      case 'mc:Fallback':
        fallback += depth;
        break;
      case 'w:tab':
        if (tabStops === 0) append('\t');
        break;
      case 'w:br':
      case 'w:cr':
        append('\n');
        break;
    }
  }
  return lines;
}

/** The text of a .docx: its main document's paragraphs, one per line. */
export async function docxText(buffer: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new PlanParseError('无法读取 .docx 文件：文件已损坏或不是 Word 文档');
  }
  const document = zip.file('word/document.xml');
  if (!document) throw new PlanParseError('无法读取 .docx 文件：缺少正文（word/document.xml）');
  return documentXmlLines(await document.async('string')).join('\n');
}

/** The text of an uploaded plan, by its extension (.txt, .docx) or, failing that, by its content. */
export async function planFileText(buffer: Uint8Array, filename: string): Promise<string> {
  const extension = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (extension === 'docx' || (extension !== 'txt' && startsWith(buffer, ZIP_MAGIC))) return docxText(buffer);
  if (extension === 'doc' || extension === 'wps') {
    throw new PlanParseError(`不支持 .${extension} 格式：请在 Word 中另存为 .docx 或纯文本（.txt）后再上传`);
  }
  if (extension !== 'txt' && extension !== '') {
    throw new PlanParseError(`不支持 .${extension} 文件：请上传 .docx 或 .txt 格式的工作要点`);
  }
  return decodeText(buffer);
}
