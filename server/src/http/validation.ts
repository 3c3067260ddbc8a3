import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '@xieshang/shared';
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
