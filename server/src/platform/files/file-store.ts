import fs from 'node:fs/promises';
import path from 'node:path';

/** Where attachment bytes live. A local-disk adapter here; an S3-compatible one implements the same. */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    if (!/^[0-9a-f-]+$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.resolve(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.resolve(key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { force: true });
  }
}

const ALLOWED: { mime: string; ext: string[]; label: string }[] = [
  { mime: 'application/pdf', ext: ['pdf'], label: 'PDF' },
  { mime: 'image/png', ext: ['png'], label: 'PNG 图片' },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  { mime: 'image/gif', ext: ['gif'], label: 'GIF 图片' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], label: 'Word 文档' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'], label: 'Excel 表格' },
  { mime: 'application/msword', ext: ['doc'], label: 'Word 97 文档' },
  { mime: 'application/vnd.ms-excel', ext: ['xls'], label: 'Excel 97 表格' },
  { mime: 'text/plain', ext: ['txt'], label: '文本文件' },
];

/** The type of an upload, decided by its content (magic bytes) rather than by what the client claims. */
export function sniffType(data: Buffer, filename: string): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const text = data.subarray(0, Math.min(data.length, 4096)).toString('latin1');
    if (ext === 'docx' || text.includes('word/')) return ALLOWED[4].mime;
    if (ext === 'xlsx' || text.includes('xl/')) return ALLOWED[5].mime;
    return null;
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return ext === 'xls' ? 'application/vnd.ms-excel' : 'application/msword';
  if (ext === 'txt' && !data.includes(0)) return 'text/plain';
  return null;
}

export const ALLOWED_TYPES_LABEL = ALLOWED.map((a) => a.label).join('、');
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
