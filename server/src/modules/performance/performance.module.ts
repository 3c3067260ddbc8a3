import type { ModuleDef } from '../module.js';
import { performanceRoutes } from './performance.routes.js';

export const performanceModule: ModuleDef = { name: 'performance', routes: performanceRoutes };
