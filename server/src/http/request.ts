import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../platform/permissions/actor.js';
import { unauthorized } from '../platform/errors.js';
import { ID_PATTERN } from '../platform/ids.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in actor of a request; 401 without one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export const idParams = z.strictObject({ id: z.string().regex(ID_PATTERN, '编号格式不正确') });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
