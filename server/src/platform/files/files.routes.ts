import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { writeWithAudit } from '../context.js';
import { actorOf, idParams } from '../../http/request.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import { ALLOWED_TYPES_LABEL, MAX_UPLOAD_BYTES, sniffType } from './file-store.js';
import { sendDownload } from '../export/excel.js';

/**
 * Attachments: uploaded first (owned by the uploader), then linked to a record by the module that uses
 * them. Downloads are allowed to the uploader and to whoever may see the linked record (checked by the
 * owning module through `canReadAttachment`).
 */
export async function fileRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/files', { schema: { tags: ['files'], summary: '上传附件' } }, async (request, reply) => {
    const actor = actorOf(request);
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (!part) throw badRequest('请选择要上传的文件');
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, 'file_too_large', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    if (data.length === 0) throw badRequest('文件是空的');
    const name = part.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || '附件';
    const mime = sniffType(data, name);
    if (!mime) throw new AppError(415, 'unsupported_file_type', `不支持的文件类型，仅支持：${ALLOWED_TYPES_LABEL}`);
    const id = newId();
    await ctx.files.put(id, data);
    await writeWithAudit(
      ctx,
      actor,
      (trx) =>
        trx
          .insertInto('files')
          .values({
            id,
            ownerId: actor.userId,
            name,
            mime,
            size: data.length,
            sha256: createHash('sha256').update(data).digest('hex'),
            storageKey: id,
            objectType: null,
            objectId: null,
            createdAt: nowIso(),
          })
          .execute(),
      { action: 'file.upload', objectType: 'file', objectId: id, details: { name, size: data.length, mime } },
    );
    return reply.status(201).send({ id, name, mime, size: data.length });
  });

  r.get('/api/v1/files/:id', { schema: { tags: ['files'], summary: '下载附件', params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const file = await ctx.db.selectFrom('files').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!file) throw notFound('附件');
    const allowed = file.ownerId === actor.userId || (await canReadAttachment(ctx, actor, file.objectType, file.objectId));
    if (!allowed) throw notFound('附件');
    const data = await ctx.files.get(file.storageKey);
    reply.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return sendDownload(reply, file.name, file.mime, data);
  });
}

type AttachmentPolicy = (ctx: AppContext, actor: ReturnType<typeof actorOf>, objectId: string) => Promise<boolean>;
const policies = new Map<string, AttachmentPolicy>();

/** A module declares who may read attachments linked to its records. */
export function registerAttachmentPolicy(objectType: string, policy: AttachmentPolicy): void {
  policies.set(objectType, policy);
}

async function canReadAttachment(
  ctx: AppContext,
  actor: ReturnType<typeof actorOf>,
  objectType: string | null,
  objectId: string | null,
): Promise<boolean> {
  if (!objectType || !objectId) return false;
  const policy = policies.get(objectType);
  return policy ? policy(ctx, actor, objectId) : false;
}

/** Links uploaded files (of this uploader) to a record, inside the caller's transaction. */
export async function attachFiles(
  trx: AppContext['db'],
  ownerId: string,
  fileIds: string[],
  objectType: string,
  objectId: string,
): Promise<void> {
  if (fileIds.length === 0) return;
  const rows = await trx.selectFrom('files').select(['id', 'ownerId', 'objectId']).where('id', 'in', fileIds).execute();
  for (const id of fileIds) {
    const row = rows.find((x) => x.id === id);
    if (!row || row.ownerId !== ownerId || (row.objectId && row.objectId !== objectId)) throw badRequest(`附件 ${id} 不存在或不属于您`);
  }
  await trx.updateTable('files').set({ objectType, objectId }).where('id', 'in', fileIds).execute();
}

export function listAttachments(db: AppContext['db'], objectType: string, objectId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'size', 'createdAt'])
    .where('objectType', '=', objectType)
    .where('objectId', '=', objectId)
    .orderBy('createdAt')
    .execute();
}
