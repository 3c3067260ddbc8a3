import type { ModuleDef } from '../module.js';
import { opinionRoutes } from './opinions.routes.js';

export const opinionsModule: ModuleDef = { name: 'opinions', routes: opinionRoutes };
