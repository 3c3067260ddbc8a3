import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { describeIssues, fieldLabel, fieldPath } from '@xieshang/shared';
import { invalid } from '../platform/errors.js';

const LOCATION: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Validates with the route's zod schema and answers with field-named Chinese messages. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: invalid(describeIssues(result.error.issues, LOCATION[httpPart ?? 'body'])) };
  };

/** The path of the first string (or key) holding U+0000 in a parsed request part, or null. */
function nulAt(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulAt(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : nulAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * No text a person types contains U+0000, and PostgreSQL text cannot store it: such input is refused for
 * every route and workflow action alike, before any schema or handler sees it, naming the field.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.body, request.query, request.params]) {
      const path = nulAt(part);
      if (path) {
        const label = path.length ? fieldLabel(path) : '请求内容';
        throw invalid([{ field: fieldPath(path), label, message: `${label}：不能包含空字符（U+0000）` }]);
      }
    }
  });
}
