import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** A feature module: its routes, and optionally its background jobs. Tables and migrations are wired in db/. */
export interface ModuleDef {
  name: string;
  routes(app: FastifyInstance, ctx: AppContext): Promise<void>;
  jobs?(ctx: AppContext): Promise<void>;
}
