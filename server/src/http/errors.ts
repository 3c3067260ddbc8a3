import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的请求内容类型，请使用 application/json',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容不能为空',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求内容不是有效的 JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度不正确',
  FST_ERR_VALIDATION: '请求参数不正确',
  FST_ERR_NOT_FOUND: '接口不存在',
  FST_ERR_BAD_URL: '地址不正确',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '上传须使用 multipart/form-data',
  FST_REQ_FILE_TOO_LARGE: '文件过大',
  FST_FILES_LIMIT: '文件数量过多',
  FST_PARTS_LIMIT: '表单字段过多',
};

/** Every error leaves as `{"error":{"code","message","details"}}`; only a bug answers 5xx. */
/** `appShell`: the web app's index.html, answered for client-side routes (non-API GETs). */
export function installErrorHandler(app: FastifyInstance, appShell?: Buffer): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = (error as FastifyError).code ?? 'bad_request';
      return reply.status(status).send({ error: { code: code.toLowerCase(), message: FASTIFY_MESSAGES[code] ?? '请求不正确' } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，已记录，请稍后再试' } });
  });
  app.setNotFoundHandler((request, reply) => {
    if (appShell && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').header('Cache-Control', 'no-cache').send(appShell);
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } });
  });
}
