import type { ModuleDef } from '../module.js';
import { orgRoutes } from './org.routes.js';

export const orgModule: ModuleDef = { name: 'org', routes: orgRoutes };
