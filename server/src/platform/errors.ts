import type { FieldIssue } from '@xieshang/shared';

/** An error the caller caused: answered with its status and a Chinese message, never a 5xx. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const invalid = (issues: FieldIssue[]) =>
  new AppError(400, 'validation_failed', issues.map((i) => i.message).join('；'), { fields: issues });
export const fieldError = (field: string, label: string, message: string) => invalid([{ field, label, message: `${label}：${message}` }]);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (what = '记录') => new AppError(404, 'not_found', `${what}不存在或无权查看`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const invalidState = (message: string) => new AppError(409, 'invalid_state', message);
