import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import type { SubstringIndex } from '../db/dialect/index.js';

/** A feature module: its routes, and optionally its background jobs. Tables and migrations are wired in db/. */
export interface ModuleDef {
  name: string;
  routes(app: FastifyInstance, ctx: AppContext): Promise<void>;
  jobs?(ctx: AppContext): Promise<void>;
  /** The module's substring indexes, which the platform keeps compact (ADR 0106). */
  searchIndexes?: SubstringIndex[];
}
